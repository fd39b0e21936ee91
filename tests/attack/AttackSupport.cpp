#include "AttackSupport.h"

#include <boost/test/unit_test.hpp>

#include <Poco/Exception.h>

#include <chrono>

#include "support/HttpClient.h"

namespace nusqa::test {

using SteadyClock = std::chrono::steady_clock;

Poco::Net::StreamSocket connectTo(int port, const std::string& from) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress::IPv4);
    if (from != "127.0.0.1") socket.impl()->bind(Poco::Net::SocketAddress(from, 0), false);
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)),
                   Poco::Timespan(5, 0));
    return socket;
}

void sendAll(Poco::Net::StreamSocket& socket, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size())
        sent += static_cast<std::size_t>(
            socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent)));
}

int RawReply::status() const {
    if (!bytes.starts_with("HTTP/1.1 ") || bytes.size() < 12) return 0;
    return std::stoi(bytes.substr(9, 3));
}

RawReply readUntilClosed(Poco::Net::StreamSocket& socket, double timeoutSeconds) {
    RawReply reply;
    auto started = SteadyClock::now();
    auto deadline = started + std::chrono::duration_cast<SteadyClock::duration>(
                                  std::chrono::duration<double>(timeoutSeconds));
    char buffer[4096];
    while (true) {
        auto left =
            std::chrono::duration_cast<std::chrono::microseconds>(deadline - SteadyClock::now());
        if (left.count() <= 0) break;
        if (!socket.poll(Poco::Timespan(left.count()), Poco::Net::Socket::SELECT_READ)) break;
        int received = 0;
        try {
            received = socket.receiveBytes(buffer, sizeof buffer);
        } catch (const Poco::Exception&) {
            received = 0;  // a reset is a close too
        }
        if (received <= 0) {
            reply.closed = true;
            break;
        }
        reply.bytes.append(buffer, static_cast<std::size_t>(received));
    }
    reply.seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
    return reply;
}

RawReply exchange(int port, const std::string& bytes, double timeoutSeconds) {
    Poco::Net::StreamSocket socket = connectTo(port);
    sendAll(socket, bytes);
    return readUntilClosed(socket, timeoutSeconds);
}

double healthzSeconds(int port) {
    auto started = SteadyClock::now();
    HttpReply reply = HttpClient("127.0.0.1", port).get("/healthz");
    double seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
    BOOST_TEST(reply.status == 200, "GET /healthz: " << reply.status << " " << reply.body);
    return reply.status == 200 ? seconds : 1e9;
}

}  // namespace nusqa::test
