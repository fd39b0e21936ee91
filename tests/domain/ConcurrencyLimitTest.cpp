// The semaphore around password hashing: never more slots than configured,
// a bounded wait, slots freed by their owners' destruction.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
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

namespace {

void waitUntilWaiting(const ConcurrencyLimit& limit, int count) {
    while (limit.waiting() < count) std::this_thread::sleep_for(1ms);
}

}  // namespace

// First come, first served: with 50 people signing at once, a freed slot
// must go to the longest waiting caller, so nobody's wait runs out while
// later callers pass (issue 17: no failed signature under load).
BOOST_AUTO_TEST_CASE(a_freed_slot_goes_to_the_longest_waiting_caller) {
    ConcurrencyLimit limit(1);
    auto held = limit.enter(0ms);
    BOOST_TEST_REQUIRE(held.has_value());
    std::mutex orderMutex;
    std::vector<int> order;
    std::vector<std::thread> waiters;
    for (int i = 0; i < 4; ++i) {
        waiters.emplace_back([&, i] {
            auto slot = limit.enter(10s);
            std::lock_guard lock(orderMutex);
            order.push_back(slot ? i : -1);
        });
        waitUntilWaiting(limit, i + 1);  // queued in the order 0, 1, 2, 3
    }
    held.reset();
    for (std::thread& waiter : waiters) waiter.join();
    BOOST_TEST((order == std::vector<int>{0, 1, 2, 3}));
    BOOST_TEST(limit.waiting() == 0);
}

BOOST_AUTO_TEST_CASE(a_newcomer_does_not_pass_a_waiting_caller) {
    ConcurrencyLimit limit(1);
    auto held = limit.enter(0ms);
    BOOST_TEST_REQUIRE(held.has_value());
    std::atomic<bool> served{false};
    std::atomic<bool> done{false};
    std::thread waiter([&] {
        auto slot = limit.enter(10s);
        served = slot.has_value();
        while (!done) std::this_thread::sleep_for(1ms);  // holds it until the check below
    });
    waitUntilWaiting(limit, 1);
    held.reset();
    // Freed, but promised to the waiter: not to a caller arriving now
    // (the waiter may not even have woken up yet).
    BOOST_TEST(!limit.enter(0ms).has_value());
    done = true;
    waiter.join();
    BOOST_TEST(served.load());
    BOOST_TEST(limit.enter(0ms).has_value());
}

BOOST_AUTO_TEST_CASE(a_caller_that_gives_up_leaves_the_line) {
    ConcurrencyLimit limit(2);
    auto first = limit.enter(0ms);
    auto second = limit.enter(0ms);
    std::atomic<bool> patientServed{false};
    std::atomic<bool> impatientServed{true};
    std::thread impatient([&] { impatientServed = limit.enter(30ms).has_value(); });
    waitUntilWaiting(limit, 1);
    std::thread patient([&] { patientServed = limit.enter(10s).has_value(); });
    waitUntilWaiting(limit, 2);
    impatient.join();  // gave up at the head of the line
    BOOST_TEST(!impatientServed.load());
    BOOST_TEST(limit.waiting() == 1);
    first.reset();
    patient.join();
    BOOST_TEST(patientServed.load());
}
