#include "http/detail/ConnectionLoop.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <poll.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <limits>
#include <memory>

namespace nusqa::http {
namespace {

// Bytes the session has read from the socket but not consumed yet (a
// pipelined request). HTTPSession::buffered() is protected; a member pointer
// named through a derived class reaches it without touching the object.
struct BufferPeek : Poco::Net::HTTPSession {
    static int bufferedOf(const Poco::Net::HTTPSession& session) {
        int (Poco::Net::HTTPSession::*buffered)() const = &BufferPeek::buffered;
        return (session.*buffered)();
    }
};

// Whether the socket becomes readable (data, end of stream or an error: the
// read that follows tells which) within the timeout.
bool readableWithin(const Poco::Net::StreamSocket& socket, Poco::Timespan timeout) {
    // Over TLS, OpenSSL may hold a decrypted record that poll(2) cannot see.
    if (socket.secure() && socket.available() > 0) return true;
    using Clock = std::chrono::steady_clock;
    auto deadline = Clock::now() + std::chrono::microseconds(timeout.totalMicroseconds());
    pollfd one{socket.impl()->sockfd(), POLLIN, 0};
    while (true) {
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left < 0) left = 0;
        if (left > std::numeric_limits<int>::max()) left = std::numeric_limits<int>::max();
        int ready = ::poll(&one, 1, static_cast<int>(left));
        if (ready >= 0) return ready > 0;
        if (errno != EINTR) return true;  // let the read report the error
    }
}

// The Date header's text for this second, formatted once a second per
// thread instead of for every answer.
const std::string& httpDateNow() {
    thread_local std::time_t shown = -1;
    thread_local std::string text;
    std::time_t now = std::time(nullptr);
    if (now != shown) {
        text = Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(now),
                                               Poco::DateTimeFormat::HTTP_FORMAT);
        shown = now;
    }
    return text;
}

void sendErrorResponse(Poco::Net::HTTPServerSession& session,
                       Poco::Net::HTTPResponse::HTTPStatus status) {
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(status);
    response.setKeepAlive(false);
    response.send();
    session.setKeepAlive(false);
}

}  // namespace

void serveConnection(Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                     Poco::Net::HTTPRequestHandlerFactory& factory) {
    const std::string server = params->getSoftwareVersion();
    const int maxRequests = params->getMaxKeepAliveRequests();
    Poco::Net::HTTPServerSession session(socket, params);
    int served = 0;
    while (socket.impl()->initialized()) {
        if (served == 0) {
            if (!readableWithin(socket, params->getTimeout())) return;
        } else if (!session.getKeepAlive() ||
                   (BufferPeek::bufferedOf(session) == 0 &&
                    !readableWithin(socket, params->getKeepAliveTimeout()))) {
            return;
        }
        ++served;
        const bool mayKeepAlive = maxRequests <= 0 || served < maxRequests;
        try {
            Poco::Net::HTTPServerResponseImpl response(session);
            Poco::Net::HTTPServerRequestImpl request(response, session, params.get());
            response.set("Date", httpDateNow());
            response.setVersion(request.getVersion());
            response.setKeepAlive(params->getKeepAlive() && request.getKeepAlive() && mayKeepAlive);
            if (!server.empty()) response.set("Server", server);
            try {
                std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
                    factory.createRequestHandler(request));
                if (!handler) {
                    sendErrorResponse(session, Poco::Net::HTTPResponse::HTTP_NOT_IMPLEMENTED);
                    continue;
                }
                if (request.getExpectContinue() &&
                    response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK)
                    response.sendContinue();
                handler->handleRequest(request, response);
                session.setKeepAlive(params->getKeepAlive() && response.getKeepAlive() &&
                                     mayKeepAlive);
            } catch (const Poco::Exception&) {
                if (!response.sent()) {
                    try {
                        sendErrorResponse(session,
                                          Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
                    } catch (...) {
                        // The connection is gone; the exception below says why.
                    }
                }
                throw;
            }
        } catch (const Poco::Net::NoMessageException&) {
            return;
        } catch (const Poco::Net::MessageException&) {
            sendErrorResponse(session, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
        } catch (const Poco::Exception&) {
            if (session.networkException() != nullptr) session.networkException()->rethrow();
            throw;
        }
    }
}

namespace {

bool sendAll(int descriptor, std::string_view head, std::string_view body, int flags) {
    iovec parts[2] = {{const_cast<char*>(head.data()), head.size()},
                      {const_cast<char*>(body.data()), body.size()}};
    msghdr message{};
    message.msg_iov = parts;
    message.msg_iovlen = body.empty() ? 1 : 2;
    while (message.msg_iovlen > 0) {
        ssize_t sent = ::sendmsg(descriptor, &message, MSG_NOSIGNAL | flags);
        if (sent < 0) {
            if (errno == EINTR) continue;
            return false;  // EPIPE, ECONNRESET, or EAGAIN from the send timeout
        }
        auto left = static_cast<std::size_t>(sent);
        while (message.msg_iovlen > 0 && left >= message.msg_iov->iov_len) {
            left -= message.msg_iov->iov_len;
            ++message.msg_iov;
            --message.msg_iovlen;
        }
        if (message.msg_iovlen > 0) {
            message.msg_iov->iov_base = static_cast<char*>(message.msg_iov->iov_base) + left;
            message.msg_iov->iov_len -= left;
        }
    }
    return true;
}

}  // namespace

bool sendWhole(int descriptor, std::string_view head, std::string_view body) {
    return sendAll(descriptor, head, body, 0);
}

bool sendHeadAndFile(int descriptor, std::string_view head, int file, std::size_t size) {
    if (!sendAll(descriptor, head, std::string_view(), MSG_MORE)) return false;
    off_t offset = 0;
    while (static_cast<std::size_t>(offset) < size) {
        // SIGPIPE is ignored by the server (sendfile has no MSG_NOSIGNAL).
        ssize_t sent =
            ::sendfile(descriptor, file, &offset, size - static_cast<std::size_t>(offset));
        if (sent < 0 && errno == EINTR) continue;
        if (sent <= 0) return false;  // EPIPE, ECONNRESET, EAGAIN from the send timeout
    }
    return true;
}

}  // namespace nusqa::http
