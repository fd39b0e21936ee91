// Helpers of the attack suite: raw sockets, for what a well-behaved client
// (tests/support/HttpClient.h) cannot send, and the health probe every
// attack ends with.
#pragma once

#include <Poco/Net/StreamSocket.h>

#include <string>

namespace nusqa::test {

// A connection to the server on loopback; from is the local address
// (another 127.x.y.z stands for another client machine).
Poco::Net::StreamSocket connectTo(int port, const std::string& from = "127.0.0.1");

void sendAll(Poco::Net::StreamSocket& socket, const std::string& bytes);

// What the server sends until it closes the connection or timeoutSeconds
// pass; closed tells which.
struct RawReply {
    std::string bytes;
    bool closed = false;
    double seconds = 0;  // until the close or the timeout

    int status() const;  // of the first answer; 0 when there is none
};
RawReply readUntilClosed(Poco::Net::StreamSocket& socket, double timeoutSeconds);

// Sends the bytes on a fresh connection and reads as readUntilClosed does.
RawReply exchange(int port, const std::string& bytes, double timeoutSeconds = 5);

// Seconds a new client waits for GET /healthz (status 200 required, else
// the test fails and a large value comes back).
double healthzSeconds(int port);

}  // namespace nusqa::test
