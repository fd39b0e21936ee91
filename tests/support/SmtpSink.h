// A small SMTP server on a loopback ephemeral port for tests: it accepts
// every message and keeps the recipients, the decoded subject and the body,
// so a test can assert on what the server mailed. One connection at a time
// on its own thread; stopped by the destructor.
// Thread safety: messages() and clear() may be called from any thread.
#pragma once

#include <Poco/Net/ServerSocket.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace nusqa::test {

struct SinkMessage {
    std::string sender;
    std::vector<std::string> recipients;
    std::string subject;  // RFC 2047 decoded, UTF-8
    std::string body;     // transfer encoding decoded
};

class SmtpSink {
public:
    SmtpSink();
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    int port() const { return _port; }
    std::vector<SinkMessage> messages() const;
    void clear();

private:
    void serve();
    void converse(Poco::Net::StreamSocket& socket);

    Poco::Net::ServerSocket _listener;
    int _port = 0;
    std::atomic<bool> _stopping{false};
    mutable std::mutex _mutex;
    std::vector<SinkMessage> _messages;
    std::thread _thread;
};

}  // namespace nusqa::test
