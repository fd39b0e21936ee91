// test_compare: the comparison of editions by eId (issue 13) — the word
// diff (WordDiffTest), the comparison of the 000 fixture with its edited
// copy and of every fixture with itself (ComparisonTest), the change
// registration drafted and checked (ChangeRecordsTest), and random edits of
// every fixture and imported corpus document found again
// (ComparisonPropertyTest).
#define BOOST_TEST_MODULE compare
#include <boost/test/unit_test.hpp>
