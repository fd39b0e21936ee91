// The login throttle: increasing delays instead of a lockout, reservations
// taken atomically, nothing recorded for a refused attempt, bounded maps.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "domain/LoginThrottle.h"
#include "support/memory/MemoryThrottleStore.h"

using namespace nusqa;

namespace {

ThrottleLimits limits(int perAccount, int perAddress, int maxDelay = 60) {
    ThrottleLimits limits;
    limits.freeFailuresPerAccount = perAccount;
    limits.freeFailuresPerAddress = perAddress;
    limits.maxDelaySeconds = maxDelay;
    limits.windowSeconds = 900;
    return limits;
}

int retryAfter(const Status& status) {
    BOOST_TEST_REQUIRE(!status.has_value());
    BOOST_TEST((status.error().code == ErrorCode::TooManyRequests));
    return status.error().retryAfterSeconds;
}

}  // namespace

BOOST_AUTO_TEST_CASE(delays_double_up_to_the_cap_and_then_the_right_password_passes) {
    LoginThrottle throttle(limits(3, 100, 8));
    std::int64_t now = 1000;
    for (int i = 0; i < 3; ++i) BOOST_TEST(throttle.reserve("anna", "10.0.0.1", now).has_value());
    // Three failures are free; then 1 s, 2 s, 4 s, 8 s, 8 s ... after the latest.
    for (int expected : {1, 2, 4, 8, 8}) {
        BOOST_TEST(retryAfter(throttle.reserve("anna", "10.0.0.1", now)) == expected);
        now += expected;
        BOOST_TEST_REQUIRE(throttle.reserve("anna", "10.0.0.1", now).has_value());
    }
    // Never a lockout: after the delay, the attempt (here: the right password) is let through.
    now += 8;
    BOOST_TEST_REQUIRE(throttle.reserve("anna", "10.0.0.1", now).has_value());
    throttle.succeeded("anna", "10.0.0.1", now);
    // The successful client starts afresh; other accounts were never delayed.
    BOOST_TEST(throttle.reserve("anna", "10.0.0.1", now).has_value());
    BOOST_TEST(throttle.reserve("bota", "10.0.0.1", now).has_value());
}

BOOST_AUTO_TEST_CASE(a_refused_attempt_records_nothing) {
    LoginThrottle throttle(limits(2, 1000));
    for (int i = 0; i < 2; ++i) BOOST_TEST(throttle.reserve("anna", "10.0.0.1", 5).has_value());
    std::size_t before = throttle.size();
    for (int i = 0; i < 1000; ++i)
        BOOST_TEST_REQUIRE(!throttle.reserve("anna", "10.0.0.1", 5).has_value());
    BOOST_TEST(throttle.size() == before);
    // The delay did not grow with the refused attempts: one second, as before.
    BOOST_TEST(throttle.reserve("anna", "10.0.0.1", 6).has_value());
}

BOOST_AUTO_TEST_CASE(concurrent_reservations_cannot_pass_the_limit_together) {
    LoginThrottle throttle(limits(5, 1000));
    std::atomic<int> granted{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 50; ++i)
        threads.emplace_back([&] {
            if (throttle.reserve("anna", "10.0.0.1", 42)) ++granted;
        });
    for (std::thread& thread : threads) thread.join();
    BOOST_TEST(granted.load() == 5);
}

// The same bound with a store, where reservations are counted apart from
// failures: they delay as failures do while unsettled.
BOOST_AUTO_TEST_CASE(concurrent_reservations_in_a_store_cannot_pass_the_limit_together) {
    test::MemoryThrottleStore store;
    LoginThrottle throttle(limits(5, 1000), &store);
    std::atomic<int> granted{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 50; ++i)
        threads.emplace_back([&] {
            if (throttle.reserve("anna", "10.0.0.1", 42)) ++granted;
        });
    for (std::thread& thread : threads) thread.join();
    BOOST_TEST(granted.load() == 5);
}

BOOST_AUTO_TEST_CASE(cancelled_attempts_are_not_failures) {
    LoginThrottle throttle(limits(2, 1000));
    for (int i = 0; i < 10; ++i) {
        BOOST_TEST_REQUIRE(throttle.reserve("anna", "10.0.0.1", 7).has_value());
        throttle.cancelled("anna", "10.0.0.1");  // e.g. no hashing slot was free
    }
    BOOST_TEST(throttle.size() == 0u);
}

BOOST_AUTO_TEST_CASE(an_attacker_elsewhere_does_not_delay_the_accounts_known_client) {
    LoginThrottle throttle(limits(5, 1000, 60));
    std::int64_t now = 5000;
    BOOST_TEST_REQUIRE(throttle.reserve("anna", "10.0.0.99", now).has_value());
    throttle.succeeded("anna", "10.0.0.99", now);  // anna's own computer
    // Guesses from many addresses: after five, the account's delay runs.
    int refused = 0;
    for (int i = 0; i < 30; ++i)
        if (!throttle.reserve("anna", "10.0.1." + std::to_string(i), now + 10)) ++refused;
    BOOST_TEST(refused == 25);
    // Anna's computer is let through at once; a new one waits at most the cap.
    BOOST_TEST(throttle.reserve("anna", "10.0.0.99", now + 10).has_value());
    int wait = retryAfter(throttle.reserve("anna", "10.0.0.77", now + 10));
    BOOST_TEST(wait >= 1);
    BOOST_TEST(wait <= 60);
    BOOST_TEST(throttle.reserve("anna", "10.0.0.77", now + 10 + wait).has_value());
}

BOOST_AUTO_TEST_CASE(per_address_delays_cover_every_account) {
    LoginThrottle throttle(limits(5, 4));
    for (int i = 0; i < 4; ++i)
        BOOST_TEST(throttle.reserve("guess" + std::to_string(i), "10.0.0.1", 10).has_value());
    BOOST_TEST(retryAfter(throttle.reserve("office", "10.0.0.1", 10)) == 1);
    BOOST_TEST(throttle.reserve("office", "10.0.0.2", 10).has_value());
}

BOOST_AUTO_TEST_CASE(the_maps_stay_bounded_and_forget_old_failures) {
    ThrottleLimits bounded = limits(5, 30);
    bounded.maxEntries = 1000;
    LoginThrottle throttle(bounded);
    // 100,000 distinct names from 100,000 addresses: every key is new.
    for (int i = 0; i < 100000; ++i)
        (void)throttle.reserve(std::string(200, 'n') + std::to_string(i),
                               "10." + std::to_string(i / 65536) + "." +
                                   std::to_string(i / 256 % 256) + "." + std::to_string(i % 256),
                               100);
    BOOST_TEST(throttle.size() <= 3000u);
    BOOST_TEST(throttle.size() >= 2000u);
    // Long after the window, the periodic sweep empties the maps.
    for (int i = 0; i < 2048; ++i) (void)throttle.reserve("late", "10.9.9.9", 100000 + i * 100);
    BOOST_TEST(throttle.size() <= 3u);
}

// Two nodes sharing one store count the same failures: the attacker gets no
// more attempts from two nodes than from one, with the same delays.
BOOST_AUTO_TEST_CASE(nodes_sharing_a_store_count_the_same_failures) {
    test::MemoryThrottleStore store;
    LoginThrottle first(limits(3, 100, 8), &store);
    LoginThrottle second(limits(3, 100, 8), &store);
    std::int64_t now = 1000;
    // A wrong password: reserved on one node, settled as a failure.
    auto wrong = [&](LoginThrottle& node) {
        Status reserved = node.reserve("anna", "10.0.0.1", now);
        if (reserved) node.failed("anna", "10.0.0.1", now);
        return reserved;
    };
    BOOST_TEST(wrong(first).has_value());
    BOOST_TEST(wrong(second).has_value());
    BOOST_TEST(wrong(first).has_value());
    for (int expected : {1, 2, 4, 8, 8}) {
        BOOST_TEST(retryAfter(second.reserve("anna", "10.0.0.1", now)) == expected);
        BOOST_TEST(retryAfter(first.reserve("anna", "10.0.0.1", now)) == expected);
        now += expected;
        BOOST_TEST_REQUIRE(wrong(expected % 2 == 0 ? first : second).has_value());
    }
    // Address, pair and account: three counters, whichever node counted.
    BOOST_TEST(first.size() == 3u);
    now += 8;
    BOOST_TEST_REQUIRE(second.reserve("anna", "10.0.0.1", now).has_value());
    second.succeeded("anna", "10.0.0.1", now);
    BOOST_TEST(first.reserve("anna", "10.0.0.1", now).has_value());
    // A cancelled attempt is taken back on the other node too.
    std::size_t before = first.size();
    BOOST_TEST(first.reserve("bota", "10.0.0.2", now).has_value());
    second.cancelled("bota", "10.0.0.2");
    BOOST_TEST(first.size() == before);
}
