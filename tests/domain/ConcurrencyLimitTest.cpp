// The semaphore around password hashing: never more slots than configured,
// a bounded wait, slots freed by their owners' destruction.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "domain/ConcurrencyLimit.h"

using namespace nusqa;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(a_full_limit_refuses_after_the_wait_and_frees_on_release) {
    ConcurrencyLimit limit(2);
    auto first = limit.enter(0ms);
    auto second = limit.enter(0ms);
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST_REQUIRE(second.has_value());
    auto started = std::chrono::steady_clock::now();
    BOOST_TEST(!limit.enter(50ms).has_value());
    bool waited = std::chrono::steady_clock::now() - started >= 50ms;
    BOOST_TEST(waited);
    first.reset();
    BOOST_TEST(limit.enter(0ms).has_value());  // freed, and freed again at the end of the line
}

BOOST_AUTO_TEST_CASE(concurrent_holders_never_exceed_the_slots) {
    ConcurrencyLimit limit(3);
    std::atomic<int> inside{0};
    std::atomic<int> most{0};
    std::atomic<int> served{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 24; ++i)
        threads.emplace_back([&] {
            auto slot = limit.enter(10s);
            if (!slot) return;
            int now = ++inside;
            int seen = most.load();
            while (now > seen && !most.compare_exchange_weak(seen, now)) {
            }
            std::this_thread::sleep_for(5ms);
            --inside;
            ++served;
        });
    for (std::thread& thread : threads) thread.join();
    BOOST_TEST(served.load() == 24);
    BOOST_TEST(most.load() <= 3);
    BOOST_TEST(most.load() >= 2);  // the slots were actually shared
}
