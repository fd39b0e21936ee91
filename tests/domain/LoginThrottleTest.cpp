// Failed logins counted per account and per address in a sliding window.
#include <boost/test/unit_test.hpp>

#include <string>

#include "domain/LoginThrottle.h"

using namespace nusqa;

BOOST_AUTO_TEST_CASE(login_throttle_counts_per_account_and_per_address) {
    LoginThrottle throttle(3, 5, 60);
    for (int i = 0; i < 3; ++i) {
        BOOST_TEST(throttle.check("anna", "10.0.0.1", 100).has_value());
        throttle.recordFailure("anna", "10.0.0.1", 100);
    }
    auto blocked = throttle.check("anna", "10.0.0.9", 101);
    BOOST_TEST_REQUIRE(!blocked.has_value());
    BOOST_TEST((blocked.error().code == ErrorCode::TooManyRequests));
    BOOST_TEST(throttle.check("bota", "10.0.0.9", 101).has_value());
    BOOST_TEST(throttle.check("anna", "10.0.0.9", 161).has_value());  // the window moved on
    for (int i = 0; i < 2; ++i) throttle.recordFailure("user" + std::to_string(i), "10.0.0.1", 110);
    // Five failures from 10.0.0.1 in the window: every account is refused there.
    BOOST_TEST(!throttle.check("someone", "10.0.0.1", 120).has_value());
    BOOST_TEST(throttle.check("someone", "10.0.0.2", 120).has_value());
    throttle.recordSuccess("anna");
    BOOST_TEST(throttle.check("anna", "10.0.0.3", 120).has_value());
}
