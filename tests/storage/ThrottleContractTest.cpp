// The login throttle over every backend's ThrottleStore: a process killed
// while it checks passwords leaves reservations nobody settles; they keep
// concurrent guesses bounded while they may still be in flight, then stop
// counting, and they never become failures.
#include <string>

#include "domain/LoginThrottle.h"
#include "storage/StoreFixture.h"

namespace nusqa::test {
namespace {

ThrottleLimits throttleLimits() {
    ThrottleLimits limits;
    limits.freeFailuresPerAccount = 5;
    limits.freeFailuresPerAddress = 30;
    limits.maxDelaySeconds = 60;
    limits.windowSeconds = 900;
    limits.reservationSeconds = 60;
    return limits;
}

bool throttled(const Status& status) {
    return !status && status.error().code == ErrorCode::TooManyRequests;
}

}  // namespace

NUSQA_STORE_CASE(unsettled_reservations_of_a_killed_process_stop_counting) {
    ThrottleStore& store = fixture.storage().throttle();
    constexpr std::int64_t kKilled = 1'000'000;
    {
        // Password checks in flight when the process is killed: reserved,
        // never settled (the throttle is destroyed without a word).
        LoginThrottle killed(throttleLimits(), &store);
        for (int i = 0; i < 5; ++i) require(killed.reserve("anna", "10.0.0.1", kKilled));
        for (int i = 0; i < 30; ++i)
            require(killed.reserve("guess" + std::to_string(i), "10.0.0.9", kKilled));
    }
    LoginThrottle restarted(throttleLimits(), &store);
    // While they may still be in flight they count: no sixth guess at once.
    BOOST_TEST(throttled(restarted.reserve("anna", "10.0.0.1", kKilled)));
    BOOST_TEST(throttled(restarted.reserve("office", "10.0.0.9", kKilled)));

    // Once they expire, the honest user has the whole budget again: five
    // checks at once (with the phantoms counted the second would be 429) ...
    std::int64_t later = kKilled + 60;
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(restarted.reserve("anna", "10.0.0.1", later).has_value());
    // ... and no more: the bound on concurrent guesses still holds.
    BOOST_TEST(throttled(restarted.reserve("anna", "10.0.0.1", later)));
    restarted.succeeded("anna", "10.0.0.1", later);
    for (int i = 0; i < 4; ++i) restarted.cancelled("anna", "10.0.0.1");
    for (int i = 0; i < 30; ++i) {
        BOOST_TEST_REQUIRE(restarted.reserve("office", "10.0.0.9", later).has_value());
        restarted.cancelled("office", "10.0.0.9");
    }
    // The phantoms were never failures: anna from a new address is not
    // delayed by her account's count either.
    for (int i = 0; i < 5; ++i) {
        BOOST_TEST_REQUIRE(restarted.reserve("anna", "10.0.0.2", later).has_value());
        restarted.cancelled("anna", "10.0.0.2");
    }

    // A wrong password, settled, stays a failure after the reservations'
    // expiry: the fifth brings the delay.
    for (int i = 0; i < 5; ++i) {
        BOOST_TEST_REQUIRE(restarted.reserve("bota", "10.0.0.3", later).has_value());
        restarted.failed("bota", "10.0.0.3", later);
    }
    BOOST_TEST(throttled(restarted.reserve("bota", "10.0.0.3", later)));
    BOOST_TEST(restarted.reserve("bota", "10.0.0.3", later + 61).has_value());
    BOOST_TEST(throttled(restarted.reserve("bota", "10.0.0.3", later + 61)));
    restarted.cancelled("bota", "10.0.0.3");

    // The table stays bounded: the periodic trim removes expired
    // reservations; bota's failures and anna's known client are left.
    std::int64_t much = later + 100;
    for (int i = 0; i < 8; ++i) {
        BOOST_TEST_REQUIRE(restarted.reserve("late", "10.9.9.9", much).has_value());
        restarted.cancelled("late", "10.9.9.9");
    }
    BOOST_TEST(restarted.size() == 4u);
}

}  // namespace nusqa::test
