// Issue 11, finding 4: connection exhaustion without logging in. One thread
// per connection, and no deadline for a request head: 2,000 silent
// connections made /healthz take 59 s, 2,000 idle keep-alive connections
// 9 s, a 1,100-connection slowloris 100 s. With the server's defaults a new
// client is now answered within a second under each (the connections that
// hold threads without a request are ended when the pool is nearly full,
// idle keep-alive ones first, and every request head has a deadline).
#include <boost/test/unit_test.hpp>

#include <sys/resource.h>

#include <chrono>
#include <thread>
#include <vector>

#include "AttackSupport.h"
#include "http/ServerHarness.h"

using namespace nusqa;
using namespace nusqa::test;
using SteadyClock = std::chrono::steady_clock;

namespace {

void requireOpenFiles(rlim_t needed) {
    rlimit limit{};
    BOOST_TEST_REQUIRE(::getrlimit(RLIMIT_NOFILE, &limit) == 0);
    BOOST_TEST_REQUIRE(limit.rlim_cur >= needed, "the open-file limit is " << limit.rlim_cur
                                                                           << "; the test needs "
                                                                           << needed);
}

// Opens count connections (each sends prefix, which may be empty).
std::vector<Poco::Net::StreamSocket> flood(int port, int count, const std::string& prefix) {
    std::vector<Poco::Net::StreamSocket> sockets;
    sockets.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        sockets.push_back(connectTo(port));
        if (!prefix.empty()) sendAll(sockets.back(), prefix);
    }
    return sockets;
}

// How many of the sockets the server has closed (a zero-byte read or a
// reset), without waiting.
int closedCount(std::vector<Poco::Net::StreamSocket>& sockets) {
    int closed = 0;
    char buffer[4096];
    for (auto& socket : sockets) {
        try {
            while (socket.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) {
                if (socket.receiveBytes(buffer, sizeof buffer) <= 0) {
                    ++closed;
                    break;
                }
            }
        } catch (const Poco::Exception&) {
            ++closed;
        }
    }
    return closed;
}

double newClientSeconds(int port, const std::string& what, std::size_t held) {
    double seconds = healthzSeconds(port);
    BOOST_TEST(seconds < 1.0,
               "with " << held << " " << what << " a new client waited " << seconds << " s");
    BOOST_TEST_MESSAGE("new client answered in " << seconds * 1000 << " ms with " << held << " "
                                                 << what);
    return seconds;
}

}  // namespace

BOOST_AUTO_TEST_CASE(two_thousand_idle_keep_alive_connections_do_not_starve_a_new_client) {
    requireOpenFiles(4500);
    ServerHarness server("sqlite");
    const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    std::vector<Poco::Net::StreamSocket> idle = flood(server.port(), 2000, request);
    // Every connection got its answer or was closed to make room; none is
    // left waiting.
    int answered = 0;
    for (auto& socket : idle) {
        RawReply reply;
        char buffer[512];
        if (socket.poll(Poco::Timespan(3, 0), Poco::Net::Socket::SELECT_READ)) {
            try {
                int received = socket.receiveBytes(buffer, sizeof buffer);
                if (received > 0 && std::string(buffer, received).starts_with("HTTP/1.1 200"))
                    ++answered;
            } catch (const Poco::Exception&) {
            }
        }
    }
    BOOST_TEST_MESSAGE(answered << " of 2000 keep-alive connections were answered");
    BOOST_TEST(answered > 0);
    newClientSeconds(server.port(), "idle keep-alive connections", idle.size());
    int closed = closedCount(idle);
    BOOST_TEST_MESSAGE(closed << " of them closed by the server");
    BOOST_TEST(closed > 0);  // the pool was full: idle ones made room
    BOOST_TEST(healthzSeconds(server.port()) < 1.0);
}

BOOST_AUTO_TEST_CASE(two_thousand_silent_connections_do_not_starve_a_new_client) {
    requireOpenFiles(4500);
    ServerHarness server("sqlite");
    std::vector<Poco::Net::StreamSocket> silent = flood(server.port(), 2000, "");
    newClientSeconds(server.port(), "silent connections", silent.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    BOOST_TEST(closedCount(silent) > 0);
    BOOST_TEST(healthzSeconds(server.port()) < 1.0);
}

BOOST_AUTO_TEST_CASE(a_slowloris_of_1100_connections_does_not_starve_a_new_client) {
    requireOpenFiles(2500);
    ServerHarness server("sqlite");
    std::vector<Poco::Net::StreamSocket> slow =
        flood(server.port(), 1100, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    // One more header byte on each, as the attack sends every 35 s.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    for (auto& socket : slow) {
        try {
            sendAll(socket, "X");
        } catch (const Poco::Exception&) {
            // already ended by the server
        }
    }
    newClientSeconds(server.port(), "slowloris connections", slow.size());
    BOOST_TEST(healthzSeconds(server.port()) < 1.0);
}

BOOST_AUTO_TEST_CASE(a_request_head_has_a_deadline_even_when_the_server_is_idle) {
    http::HttpConfig config;
    config.requestHeadTimeoutSeconds = 2;
    ServerHarness server("sqlite", config);
    // A slowloris of one: a header line, then a byte every half second.
    Poco::Net::StreamSocket slow = connectTo(server.port());
    sendAll(slow, "GET /healthz HTTP/1.1\r\n");
    Poco::Net::StreamSocket silent = connectTo(server.port());
    auto started = SteadyClock::now();
    bool closed = false;
    while (SteadyClock::now() - started < std::chrono::seconds(6) && !closed) {
        try {
            sendAll(slow, "X");
        } catch (const Poco::Exception&) {
            closed = true;
            break;
        }
        if (slow.poll(Poco::Timespan(0, 500000), Poco::Net::Socket::SELECT_READ)) closed = true;
    }
    double seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
    BOOST_TEST(closed, "a dribbled head was not ended in " << seconds << " s");
    BOOST_TEST(seconds < 4.0, seconds);
    RawReply nothing = readUntilClosed(silent, 3);
    BOOST_TEST(nothing.closed, "a silent connection was not ended");
    BOOST_TEST(healthzSeconds(server.port()) < 1.0);
}
