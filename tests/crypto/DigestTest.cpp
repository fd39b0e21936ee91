// SHA-256 as hex: the FIPS 180-2 test vectors, also from many threads at
// once (the algorithm is fetched from OpenSSL once, on first use).
#include <boost/test/unit_test.hpp>

#include <string>
#include <thread>
#include <vector>

#include "crypto/Digest.h"

using namespace nusqa;

BOOST_AUTO_TEST_CASE(sha256_hex_gives_the_standard_test_vectors) {
    BOOST_TEST(crypto::sha256Hex("") ==
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(crypto::sha256Hex("abc") ==
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(crypto::sha256Hex(std::string(1000000, 'a')) ==
               "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

BOOST_AUTO_TEST_CASE(sha256_hex_is_the_same_from_many_threads) {
    std::vector<std::string> results(16);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < results.size(); ++i)
        threads.emplace_back([&results, i] {
            for (int round = 0; round < 100; ++round) results[i] = crypto::sha256Hex("abc");
        });
    for (std::thread& thread : threads) thread.join();
    for (const std::string& result : results)
        BOOST_TEST(result == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
