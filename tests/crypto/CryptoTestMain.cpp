// test_crypto: digests, randomness and the audit chain's canonical form.
#define BOOST_TEST_MODULE crypto
#include <boost/test/unit_test.hpp>
