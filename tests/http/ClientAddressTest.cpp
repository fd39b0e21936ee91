// The client address: X-Forwarded-For is read only from trusted proxies,
// from the right, past every trusted proxy; what the client wrote further
// left is never believed.
#include <boost/test/unit_test.hpp>

#include "http/detail/ClientAddress.h"

using namespace nusqa;
using namespace nusqa::http;

namespace {

const std::vector<std::string> kProxies{"127.0.0.1", "10.9.0.2"};

}  // namespace

BOOST_AUTO_TEST_CASE(forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy) {
    BOOST_TEST(clientAddressOf("192.0.2.7", {"10.0.0.1"}, kProxies) == "192.0.2.7");
    BOOST_TEST(clientAddressOf("192.0.2.7", {"10.0.0.1"}, {}) == "192.0.2.7");
    BOOST_TEST(clientAddressOf("127.0.0.1", {}, kProxies) == "127.0.0.1");
    BOOST_TEST(clientAddressOf("127.0.0.1", {"10.0.0.1"}, kProxies) == "10.0.0.1");
}

BOOST_AUTO_TEST_CASE(the_walk_starts_at_the_right_and_passes_only_trusted_proxies) {
    // The client claimed 6.6.6.6; the proxies saw 10.0.0.1 and each other.
    BOOST_TEST(clientAddressOf("127.0.0.1", {"6.6.6.6, 10.0.0.1, 10.9.0.2"}, kProxies) ==
               "10.0.0.1");
    // Proxies that add a header line of their own instead of appending.
    BOOST_TEST(clientAddressOf("127.0.0.1", {"6.6.6.6", "10.0.0.1"}, kProxies) == "10.0.0.1");
    // A claimed trusted address further left does not move the walk on.
    BOOST_TEST(clientAddressOf("127.0.0.1", {"10.9.0.2, 10.0.0.1"}, kProxies) == "10.0.0.1");
    // Garbage stops the walk at the last address believed.
    BOOST_TEST(clientAddressOf("127.0.0.1", {"10.0.0.1, junk"}, kProxies) == "127.0.0.1");
    BOOST_TEST(clientAddressOf("127.0.0.1", {"junk, 10.9.0.2"}, kProxies) == "10.9.0.2");
    BOOST_TEST(clientAddressOf("127.0.0.1", {std::string(10000, '1')}, kProxies) == "127.0.0.1");
    // Only proxies all the way: the leftmost one.
    BOOST_TEST(clientAddressOf("127.0.0.1", {"10.9.0.2"}, kProxies) == "10.9.0.2");
    // IPv6, written in any form, comes out canonical.
    BOOST_TEST(clientAddressOf("127.0.0.1", {" 2001:DB8:0:0::1 "}, kProxies) == "2001:db8::1");
}

BOOST_AUTO_TEST_CASE(trusted_proxies_must_be_ip_addresses) {
    auto canonical = canonicalAddresses({" 127.0.0.1", "::FFFF:10.0.0.1"});
    BOOST_TEST_REQUIRE(canonical.has_value());
    BOOST_TEST(canonical->at(0) == "127.0.0.1");
    auto refused = canonicalAddresses({"127.0.0.1", "proxy.example"});
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().message.find("proxy.example") != std::string::npos);
}
