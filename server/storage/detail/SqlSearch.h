// SqlSearch: the SearchIndex port over SqlSession, the same on SQLite and
// MariaDB/MySQL, in tables of its own (the search migrations):
//   search_passages  one row per passage: eId, number, text and stems;
//   search_postings  stem -> passage, one row per distinct stem of a passage;
//   search_terms     each stem with the number of passages holding it.
// All three are written in the edition's transaction (writePassages).
//
// A query (clauses that must all hold, each any of its alternatives) runs in
// bounded steps, each a B-tree range scan that stops at a limit:
//   1. each word's prefix is expanded through search_terms (at most
//      kExpansionWindow stems read, the kMaxExpansion most frequent kept), a
//      phrase's stems looked up exactly; a clause's cost is the passages its
//      stems hold;
//   2. the cheapest clause drives: its stems' postings are read newest
//      first, kBatch at a time, joined with the edition and document filters
//      (status or in force on a day, language, unit, kind) and the other
//      clauses (a passage's own stems, by search_postings_by_passage);
//   3. reading stops (after the first batch) when kCandidates passages
//      matched, kMaxScanned postings were read or kScanBudget passed since
//      the first batch (SearchResults::truncated then); the driving stems
//      are walked in stem order, so a word's own stem comes first;
//   4. phrases are checked in the passages' stems (in a row), and the
//      candidates ranked by BM25 over their stems (each clause weighted by
//      its rarity), best passage per edition.
// Measured in bench/search (bench/RESULTS.md). The stems come from
// SearchText.h and travel as bound parameters.
//
// Private to storage/. Thread safety: search() and indexMissing() may be
// called concurrently; indexWith() once before use. The executor must
// outlive this object.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/SearchIndex.h"
#include "storage/detail/SqlSession.h"

namespace nusqa::storage {

class SqlSearch final : public SearchIndex {
public:
    static constexpr int kCandidates = 1000;       // matching passages ranked per query
    static constexpr int kBatch = 2000;            // postings of a stem read per step
    static constexpr int kMaxScanned = 40000;      // postings read per query
    static constexpr int kMaxExpansion = 64;       // indexed stems one prefix stands for
    static constexpr int kExpansionWindow = 2000;  // search_terms rows one prefix reads
    static constexpr std::chrono::milliseconds kScanBudget{60};

    explicit SqlSearch(SqlExecutor& executor) : _executor(executor) {}

    void indexWith(SearchTextExtractor extractor) override { _extractor = std::move(extractor); }
    Result<SearchResults> search(const SearchCriteria& criteria) override;
    Result<std::int64_t> indexMissing() override;

    // The passages of an edition's XML, read outside any transaction; empty
    // without an extractor or when it cannot read the XML (the edition is
    // then stored unindexed, see SearchIndex.h).
    std::vector<SearchPassage> passagesOf(std::string_view xml) const;

private:
    SqlExecutor& _executor;
    SearchTextExtractor _extractor;
};

// Replaces the passages of the edition, their postings and the stems'
// counts, in the caller's transaction.
Status writePassages(SqlSession& session, std::int64_t editionId,
                     const std::vector<SearchPassage>& passages);
// The same for several editions at once (the passages are not copied; they
// must outlive the call): their postings and stems' counts in few
// multi-row statements.
struct EditionPassages {
    std::int64_t editionId = 0;
    const std::vector<SearchPassage>* passages = nullptr;
};
Status writePassages(SqlSession& session, const std::vector<EditionPassages>& editions);

// The smallest string above every string that starts with the stem (its
// last code point plus one): a prefix as the range [stem, prefixEnd(stem)).
// Exposed for the tests.
std::string prefixEnd(const std::string& stem);

}  // namespace nusqa::storage
