#include "http/HttpServer.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <mutex>
#include <random>
#include <string_view>
#include <thread>

#include "http/AuthGate.h"
#include "http/ErrorMapping.h"
#include "http/RequestGate.h"
#include "http/detail/BodyFiles.h"
#include "http/detail/ClientAddress.h"
#include "http/detail/ConnectionLoop.h"
#include "http/detail/ConnectionWatch.h"
#include "http/detail/RequestChecks.h"

namespace nusqa::http {
namespace {

std::string lowerCase(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

// A client-supplied X-Request-Id is kept when it is short and plain, so a
// request can be followed through a proxy; anything else gets a fresh id.
bool isPlainRequestId(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

std::string newRequestId() {
    static const unsigned prefix = std::random_device{}();
    static std::atomic<std::uint64_t> counter{0};
    // "%08x-%06llx" of the prefix and the counter's low 24 bits, written by
    // hand: snprintf parsed its format on every request.
    static constexpr char kHex[] = "0123456789abcdef";
    char id[15];
    unsigned high = prefix;
    for (int i = 7; i >= 0; --i, high >>= 4) id[i] = kHex[high & 0xf];
    id[8] = '-';
    std::uint64_t low = counter.fetch_add(1) & 0xffffff;
    for (int i = 14; i >= 9; --i, low >>= 4) id[i] = kHex[low & 0xf];
    return std::string(id, sizeof id);
}

// How much of a refused body is read and thrown away before answering 413.
// Closing a socket with unread data makes the kernel send a reset, which can
// destroy the 413 before the client reads it; draining a bounded amount lets
// ordinary clients see the answer, while a huge upload is still cut off.
constexpr std::size_t kMaxDrainBytes = 8u << 20;

void drain(std::istream& in, std::size_t bytes) {
    char buffer[65536];
    while (bytes > 0 && in) {
        in.read(buffer, static_cast<std::streamsize>(std::min(bytes, sizeof buffer)));
        bytes -= static_cast<std::size_t>(in.gcount());
    }
}

using SteadyClock = std::chrono::steady_clock;

// Sets the socket's read timeout to what is left until the deadline before
// each small read, so the whole body is bounded in time, not only each read
// (a client sending a byte every few seconds would never trip a per-read
// timeout). The reads are of the stream buffer's size, one recv() each.
class BodyReader {
public:
    BodyReader(Poco::Net::HTTPServerRequest& request, SteadyClock::time_point deadline)
        : _in(request.stream()), _deadline(deadline) {
        if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request))
            _socket = &impl->socket();
    }
    ~BodyReader() {
        try {
            if (_timeoutChanged) _socket->setReceiveTimeout(_savedTimeout);
        } catch (const Poco::Exception&) {
            // The connection is gone; nothing to restore.
        }
    }
    BodyReader(const BodyReader&) = delete;
    BodyReader& operator=(const BodyReader&) = delete;

    // Appends up to bytes to body; false when the stream ended or failed.
    bool read(std::string& body, std::size_t bytes) {
        char buffer[4096];
        while (bytes > 0) {
            auto left = std::chrono::duration_cast<std::chrono::microseconds>(_deadline -
                                                                              SteadyClock::now());
            if (left.count() <= 0) {
                _timedOut = true;
                return false;
            }
            if (_socket != nullptr) {
                // Saved at the first read, not up front: a request without a
                // body (most) costs no getsockopt/setsockopt pair.
                if (!_timeoutChanged) {
                    _savedTimeout = _socket->getReceiveTimeout();
                    _timeoutChanged = true;
                }
                _socket->setReceiveTimeout(Poco::Timespan(std::max<long>(left.count(), 1000)));
            }
            // What is buffered, else one byte: one recv() under the timeout
            // just set (a larger read would loop over many recv() calls).
            std::streamsize buffered = std::max<std::streamsize>(_in.rdbuf()->in_avail(), 1);
            _in.read(buffer,
                     std::min<std::streamsize>(
                         buffered, static_cast<std::streamsize>(std::min(bytes, sizeof buffer))));
            auto got = static_cast<std::size_t>(_in.gcount());
            body.append(buffer, got);
            bytes -= got;
            if (!_in) {
                _timedOut =
                    _in.bad() && SteadyClock::now() + std::chrono::milliseconds(50) >= _deadline;
                _malformed = _in.bad() && !_timedOut;
                return false;
            }
        }
        return true;
    }
    bool timedOut() const { return _timedOut; }
    bool malformed() const { return _malformed; }

private:
    std::istream& _in;
    SteadyClock::time_point _deadline;
    Poco::Net::StreamSocket* _socket = nullptr;
    Poco::Timespan _savedTimeout;
    bool _timeoutChanged = false;
    bool _timedOut = false;
    bool _malformed = false;
};

// Bytes the request's session has read from the socket but not consumed.
// HTTPSession::buffered() is protected; a member pointer named through a
// derived class reaches it without touching the object's type.
struct SessionPeek : Poco::Net::HTTPSession {
    static int bufferedOf(const Poco::Net::HTTPSession& session) {
        int (Poco::Net::HTTPSession::*buffered)() const = &SessionPeek::buffered;
        return (session.*buffered)();
    }
};

int unconsumedBytes(Poco::Net::HTTPServerRequest& request) {
    auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
    return impl == nullptr ? 0 : SessionPeek::bufferedOf(impl->session());
}

Error bodyError(const BodyReader& reader, int timeoutSeconds) {
    if (reader.timedOut())
        return Error{ErrorCode::Timeout,
                     "the body did not arrive within " + std::to_string(timeoutSeconds) + " s",
                     {}};
    if (reader.malformed()) return Error{ErrorCode::InvalidArgument, "malformed chunked body", {}};
    return Error{ErrorCode::InvalidArgument, "the body ended before its Content-Length", {}};
}

// Reads at most limit bytes within the deadline. TooLarge when the body is
// longer (a declared Content-Length over the limit is refused without being
// stored); Timeout when it does not arrive in time; InvalidArgument when it
// ends early or its chunks are malformed. Without Content-Length or chunked
// encoding a request has no body (RFC 9112 6.3): nothing is read.
Result<std::string> readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit,
                             int timeoutSeconds) {
    std::string body;
    BodyReader reader(request, SteadyClock::now() + std::chrono::seconds(timeoutSeconds));
    if (request.getChunkedTransferEncoding()) {
        while (true) {
            if (!reader.read(body, 65536)) break;
            if (body.size() > limit) {
                drain(request.stream(), kMaxDrainBytes);
                return fail(ErrorCode::TooLarge,
                            "the body is over the limit of " + std::to_string(limit) + " bytes");
            }
        }
        if (reader.timedOut() || reader.malformed())
            return std::unexpected(bodyError(reader, timeoutSeconds));
        // Poco ends a chunked body quietly at a chunk size that is not hex;
        // what follows it is still unread. (A complete body consumes its
        // last chunk's line; browsers do not pipeline after a POST.)
        if (unconsumedBytes(request) > 0)
            return fail(ErrorCode::InvalidArgument, "malformed chunked body: bad chunk size");
        if (body.size() > limit)
            return fail(ErrorCode::TooLarge,
                        "the body is over the limit of " + std::to_string(limit) + " bytes");
        return body;
    }
    if (!request.hasContentLength()) return body;
    auto length = request.getContentLength64();
    if (length < 0) return fail(ErrorCode::InvalidArgument, "malformed Content-Length");
    if (static_cast<std::uint64_t>(length) > limit) {
        if (static_cast<std::uint64_t>(length) <= kMaxDrainBytes)
            drain(request.stream(), static_cast<std::size_t>(length));
        return fail(ErrorCode::TooLarge, "the body is " + std::to_string(length) +
                                             " bytes; the limit is " + std::to_string(limit));
    }
    body.reserve(static_cast<std::size_t>(length));
    if (!reader.read(body, static_cast<std::size_t>(length)))
        return std::unexpected(bodyError(reader, timeoutSeconds));
    return body;
}

std::vector<std::string> allValues(const Poco::Net::HTTPServerRequest& raw,
                                   const std::string& name) {
    std::vector<std::string> values;
    for (auto header = raw.find(name);
         header != raw.end() && Poco::icompare(header->first, name) == 0; ++header)
        values.push_back(header->second);
    return values;
}

std::vector<std::string> forwardedFor(const Poco::Net::HTTPServerRequest& raw) {
    return allValues(raw, "X-Forwarded-For");
}

// The plain message users see instead of an error whose text names the
// server's internals (a storage backend, a library): that text goes to the
// log with the request id, the answer carries the id.
bool namesInternals(const Error& error) {
    if (error.code == ErrorCode::Internal || error.code == ErrorCode::Unavailable) return true;
    for (const char* layer : {"storage/", "storage:", "sqlite:", "mysql:", "SQLSTATE", "Poco::"})
        if (error.message.find(layer) != std::string::npos) return true;
    return false;
}

std::string plainMessage(ErrorCode code, const std::string& requestId) {
    std::string what;
    switch (code) {
        case ErrorCode::Unavailable:
            what = "the service is unavailable, try again later";
            break;
        case ErrorCode::Conflict:
            what = "the change conflicts with the stored data";
            break;
        case ErrorCode::Internal:
            what = "internal error";
            break;
        default:
            what = "the request could not be carried out";
            break;
    }
    return what + " (request id " + requestId + ")";
}

class RequestHandler final : public Poco::Net::HTTPRequestHandler {
public:
    RequestHandler(const Router& router, const HttpConfig& config, Poco::Logger& accessLog,
                   const RequestGate* gate, BodyFiles& bodyFiles)
        : _router(router),
          _config(config),
          _accessLog(accessLog),
          _gate(gate),
          _bodyFiles(bodyFiles) {}

    void handleRequest(Poco::Net::HTTPServerRequest& raw,
                       Poco::Net::HTTPServerResponse& out) override {
        auto started = std::chrono::steady_clock::now();
        Request request;
        request.method = raw.getMethod();
        std::string incomingId = raw.get("X-Request-Id", "");
        request.requestId = isPlainRequestId(incomingId) ? incomingId : newRequestId();
        request.clientAddress = clientAddressOf(raw.clientAddress().host().toString(),
                                                forwardedFor(raw), _config.trustedProxies);
        Response response = respond(raw, request);
        if (ConnectionWatch::stoppingCurrent()) response.closeConnection = true;
        send(raw, out, request, response);
        ConnectionWatch::markIdle();
        double milliseconds =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        if (_accessLog.information()) {
            // " 200 1.234 ms " as snprintf's "%d %.3f" wrote it, without
            // the cost of a format string's parsing on every request.
            char line[96];
            char* end = line + sizeof line;
            char* at = line;
            *at++ = ' ';
            at = std::to_chars(at, end, response.status).ptr;
            *at++ = ' ';
            at = std::to_chars(at, end - 5, milliseconds, std::chars_format::fixed, 3).ptr;
            std::memcpy(at, " ms ", 4);
            at += 4;
            std::string entry;
            entry.reserve(request.method.size() + request.path.size() + (at - line) +
                          request.requestId.size() + 1);
            entry.append(request.method).append(" ").append(request.path);
            entry.append(line, at).append(request.requestId);
            _accessLog.information(entry);
        }
    }

private:
    Response respond(Poco::Net::HTTPServerRequest& raw, Request& request) {
        try {
            Result<Response> result = route(raw, request);
            if (result) return std::move(*result);
            return refusal(raw, request, result.error());
        } catch (const Poco::Exception& error) {
            return internalError(request, error.displayText());
        } catch (const std::exception& error) {
            return internalError(request, error.what());
        } catch (...) {
            return internalError(request, "unknown exception");
        }
    }

    Response refusal(Poco::Net::HTTPServerRequest& raw, const Request& request,
                     const Error& error) {
        Response response;
        if (namesInternals(error)) {
            _accessLog.error("request " + request.requestId + ": " + error.message);
            response = errorResponse(Error{error.code,
                                           plainMessage(error.code, request.requestId),
                                           {},
                                           error.retryAfterSeconds});
        } else {
            response = errorResponse(error);
        }
        if (error.code == ErrorCode::MethodNotAllowed)
            response.headers.emplace_back("Allow", _router.allowedMethods(request.path));
        // A body that was refused, cut short or not framed as declared
        // leaves the connection unable to carry another request.
        if (error.code == ErrorCode::TooLarge || error.code == ErrorCode::Timeout ||
            (!_bodyRead && (raw.hasContentLength() || raw.getChunkedTransferEncoding())) ||
            (_bodyRead && error.code == ErrorCode::InvalidArgument && !_bodyComplete))
            response.closeConnection = true;
        if (_framingRefused) response.closeConnection = true;
        return response;
    }

    Result<Response> route(Poco::Net::HTTPServerRequest& raw, Request& request) {
        // Poco reads the request line as three words and skips line ends
        // between them, so "GET /x" followed by "Host: y" gives the version
        // "Host:", which Poco would echo as the answer's status line (found
        // by fuzz_http_head). Any version but these frames nothing we know.
        if (raw.getVersion() != Poco::Net::HTTPMessage::HTTP_1_1 &&
            raw.getVersion() != Poco::Net::HTTPMessage::HTTP_1_0) {
            _framingRefused = true;
            return fail(ErrorCode::InvalidArgument,
                        "malformed request line: the version must be HTTP/1.1 or HTTP/1.0");
        }
        try {
            Poco::URI uri(raw.getURI());
            request.path = uri.getPath();
            for (auto& [name, value] : uri.getQueryParameters()) request.query.emplace(name, value);
        } catch (const Poco::Exception& error) {
            request.path = raw.getURI().substr(0, 200);
            return fail(ErrorCode::InvalidArgument, "malformed request URI: " + error.message());
        }
        if (auto framing =
                checkFraming(allValues(raw, "Content-Length"), allValues(raw, "Transfer-Encoding"));
            !framing) {
            _framingRefused = true;
            return std::unexpected(framing.error());
        }
        for (const auto& [name, value] : raw) request.headers[lowerCase(name)] = value;
        NUSQA_TRY(checkOrigin(originFacts(request)));
        Router::Match match = NUSQA_TRY(_router.match(request.method, request.path));
        if (_gate != nullptr) NUSQA_TRY(_gate->admit(request, *match.route));
        _bodyRead = true;
        request.body = NUSQA_TRY(readBody(raw, _config.maxBodyBytes, _config.bodyTimeoutSeconds));
        _bodyComplete = true;
        request.pathParameters = std::move(match.parameters);
        return match.route->handler(request);
    }

    OriginFacts originFacts(const Request& request) const {
        OriginFacts facts;
        facts.method = request.method;
        auto cookie = request.header("cookie");
        facts.sessionCookie =
            cookie && cookie->find(std::string(kSessionCookie) + "=") != std::string::npos;
        facts.bearerToken = request.header("authorization").value_or("").starts_with("Bearer ");
        facts.fetchSite = request.header("sec-fetch-site").value_or("");
        facts.origin = request.header("origin").value_or("");
        facts.referer = request.header("referer").value_or("");
        facts.host = request.header("host").value_or("");
        facts.tls = _config.tls();
        facts.publicOrigin = _config.publicOrigin;
        return facts;
    }

    Response internalError(const Request& request, const std::string& what) {
        _accessLog.error("request " + request.requestId + ": internal error: " + what);
        return errorResponse(
            Error{ErrorCode::Internal, plainMessage(ErrorCode::Internal, request.requestId), {}});
    }

    // Over plain TCP the head and the body leave in one system call, the
    // body not copied (Poco's sendBuffer makes two, and with Nagle's
    // algorithm the second can wait for the client's delayed ACK); over TLS
    // through Poco's SSL layer.
    // A large shared body (a cached PDF) goes from an in-memory file with
    // sendfile(2): the kernel references its pages instead of copying the
    // bytes from user memory with every answer.
    void sendBody(Poco::Net::HTTPServerRequest& raw, Poco::Net::HTTPServerResponse& out,
                  const Request& request, std::string_view body,
                  const std::shared_ptr<const std::string>& sharedBody) {
        auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&raw);
        if (_config.tls() || impl == nullptr) {
            out.sendBuffer(body.data(), body.size());
            return;
        }
        out.setContentLength64(static_cast<Poco::Int64>(body.size()));
        // The head as HTTPResponse::write() makes it, without a string
        // stream (its construction and locale cost more than the text).
        std::string head;
        head.reserve(512);
        head.append(out.getVersion()).append(" ");
        head.append(std::to_string(static_cast<int>(out.getStatus()))).append(" ");
        head.append(out.getReason()).append("\r\n");
        for (const auto& [name, value] : out)
            head.append(name).append(": ").append(value).append("\r\n");
        head.append("\r\n");
        const int socket = impl->socket().impl()->sockfd();
        bool sent = false;
        if (request.method == "HEAD") {
            sent = sendWhole(socket, head, std::string_view());
        } else if (auto file = _bodyFiles.fileOf(sharedBody)) {
            sent = sendHeadAndFile(socket, head, file->descriptor(), body.size());
        } else {
            sent = sendWhole(socket, head, body);
        }
        if (!sent) {
            // Part of the answer may have gone: nothing more may follow it.
            out.setKeepAlive(false);
            _accessLog.warning("response not sent: the client went away");
        }
    }

    void send(Poco::Net::HTTPServerRequest& raw, Poco::Net::HTTPServerResponse& out,
              const Request& request, const Response& response) {
        try {
            // Poco answers in the request's version; a refused one is not
            // repeated back.
            if (out.getVersion() != Poco::Net::HTTPMessage::HTTP_1_0)
                out.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
            out.setStatusAndReason(
                static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
            out.setContentType(response.contentType);
            out.set("X-Request-Id", request.requestId);
            for (const auto& [name, value] : response.headers) out.set(name, value);
            if (response.closeConnection) out.setKeepAlive(false);
            if (response.bodyFile) {
                std::ifstream file(*response.bodyFile, std::ios::binary);
                out.setContentLength64(
                    static_cast<Poco::Int64>(std::filesystem::file_size(*response.bodyFile)));
                Poco::StreamCopier::copyStream64(file, out.send());
            } else {
                sendBody(raw, out, request,
                         response.sharedBody ? std::string_view(*response.sharedBody)
                                             : std::string_view(response.body),
                         response.sharedBody);
            }
        } catch (const std::exception& error) {
            // The client went away mid-response; nothing more can be sent.
            _accessLog.warning("response not sent: " + std::string(error.what()));
        }
    }

    const Router& _router;
    const HttpConfig& _config;
    Poco::Logger& _accessLog;
    const RequestGate* _gate;
    BodyFiles& _bodyFiles;
    bool _bodyRead = false;
    bool _bodyComplete = false;
    bool _framingRefused = false;
};

class HandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    HandlerFactory(const Router& router, const HttpConfig& config, Poco::Logger& accessLog,
                   const RequestGate* gate)
        : _router(router), _config(config), _accessLog(accessLog), _gate(gate) {}

    // Called once the request head has arrived. Never nullptr: Poco would
    // answer 501 to every unrouted request.
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override {
        ConnectionWatch::markBusy();
        // Poco answers "Expect: 100-continue" between this call and the
        // handler, echoing the request's version in its status line: for a
        // version the handler refuses (RequestHandler::route) no interim
        // answer may go out at all (found by fuzz_http_head: "HTTP/0.1 100").
        // The request object Poco hands over is its own mutable one.
        if (request.getVersion() != Poco::Net::HTTPMessage::HTTP_1_1 &&
            request.getVersion() != Poco::Net::HTTPMessage::HTTP_1_0)
            const_cast<Poco::Net::HTTPServerRequest&>(request).erase("Expect");
        return new RequestHandler(_router, _config, _accessLog, _gate, _bodyFiles);
    }

private:
    const Router& _router;
    const HttpConfig& _config;
    Poco::Logger& _accessLog;
    const RequestGate* _gate;
    // Shared by the connections' threads (BodyFiles is thread-safe).
    BodyFiles _bodyFiles;
};

// What Poco cannot answer itself: a head whose Content-Length is not a
// number makes Poco's request constructor throw before any handler runs,
// and its session closes the socket as the exception leaves — so the
// answer goes out on a duplicate of the descriptor taken beforehand.
void sendBareBadRequest(int descriptor, const std::string& message) {
    std::string body = R"({"error":{"code":"invalid_argument","message":")" + message + "\"}}";
    std::string answer =
        "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; "
        "charset=utf-8\r\nConnection: close\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    (void)::send(descriptor, answer.data(), answer.size(), MSG_NOSIGNAL);  // best effort
    ::shutdown(descriptor, SHUT_WR);
}

class Descriptor {
public:
    explicit Descriptor(int descriptor) : _descriptor(descriptor) {}
    ~Descriptor() {
        if (_descriptor >= 0) ::close(_descriptor);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return _descriptor; }

private:
    int _descriptor;
};

// One connection: the HTTP connection loop (http/detail/ConnectionLoop.h), registered with the
// watch for as long as it holds a thread.
class WatchedConnection final : public Poco::Net::TCPServerConnection {
public:
    WatchedConnection(const Poco::Net::StreamSocket& socket, ConnectionWatch& watch,
                      Poco::Net::HTTPServerParams::Ptr params,
                      Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
        : TCPServerConnection(socket), _watch(watch), _params(params), _factory(factory) {}

    void run() override {
        ConnectionWatch::Scope scope(_watch, socket());
        Descriptor spare(::dup(socket().impl()->sockfd()));
        try {
            serveConnection(socket(), _params, *_factory);
        } catch (const Poco::SyntaxException&) {
            if (spare.get() >= 0) sendBareBadRequest(spare.get(), "malformed Content-Length");
        } catch (const Poco::Exception&) {
            // A network failure or a connection the watch ended.
        } catch (const std::exception&) {
        }
    }

private:
    ConnectionWatch& _watch;
    Poco::Net::HTTPServerParams::Ptr _params;
    Poco::Net::HTTPRequestHandlerFactory::Ptr _factory;
};

class ConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
public:
    ConnectionFactory(ConnectionWatch& watch, Poco::Net::HTTPServerParams::Ptr params,
                      Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
        : _watch(watch), _params(params), _factory(factory) {}

    Poco::Net::TCPServerConnection* createConnection(
        const Poco::Net::StreamSocket& socket) override {
        return new WatchedConnection(socket, _watch, _params, _factory);
    }

private:
    ConnectionWatch& _watch;
    Poco::Net::HTTPServerParams::Ptr _params;
    Poco::Net::HTTPRequestHandlerFactory::Ptr _factory;
};

// Binds with SO_REUSEADDR (a restart finds the port free while old
// connections linger in TIME_WAIT) but never SO_REUSEPORT, which Poco's
// ServerSocket(address, backlog) sets: with it a second server on the same
// port starts and the kernel splits the connections between the two.
void bindExclusively(Poco::Net::ServerSocket& socket, const Poco::Net::SocketAddress& address) {
    socket.bind(address, /*reuseAddress=*/true, /*reusePort=*/false);
    socket.listen(1024);
}

// The listening socket: plain TCP, or TLS with the configured certificate.
Poco::Net::ServerSocket listeningSocket(const HttpConfig& config) {
    Poco::Net::SocketAddress address(config.address, static_cast<Poco::UInt16>(config.port));
    if (!config.tls()) {
        Poco::Net::ServerSocket socket;
        bindExclusively(socket, address);
        return socket;
    }
    static std::once_flag initialised;
    std::call_once(initialised, [] { Poco::Net::initializeSSL(); });
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, config.tlsPrivateKeyFile,
                               config.tlsCertificateFile, "", Poco::Net::Context::VERIFY_NONE, 9,
                               false, "ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:!aNULL:!MD5:!RC4");
    context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                              Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
    Poco::Net::SecureServerSocket socket(context);
    bindExclusively(socket, address);
    return socket;
}

}  // namespace

struct HttpServer::Impl {
    HttpConfig config;
    const Router& router;
    Poco::Logger& accessLog;
    const RequestGate* gate;
    std::unique_ptr<Poco::ThreadPool> pool;
    std::unique_ptr<ConnectionWatch> watch;
    std::unique_ptr<Poco::Net::TCPServer> server;
    int boundPort = 0;
};

HttpServer::HttpServer(HttpConfig config, const Router& router, Poco::Logger& accessLog,
                       const RequestGate* gate)
    : _impl(new Impl{std::move(config), router, accessLog, gate, nullptr, nullptr, nullptr, 0}) {}

HttpServer::~HttpServer() {
    if (!stop(0)) {
        // Threads still run handlers that use the watch, the pool and the
        // server: leaking them is the safe choice (the process is ending).
        (void)_impl->server.release();
        (void)_impl->pool.release();
        (void)_impl->watch.release();
    }
}

Status HttpServer::start() {
    HttpConfig& config = _impl->config;
    auto trusted = canonicalAddresses(config.trustedProxies);
    if (!trusted)
        return fail(ErrorCode::InvalidArgument,
                    "http: http.trustedProxies: " + trusted.error().message);
    config.trustedProxies = std::move(*trusted);
    // A client that disconnects while its answer is written must not kill
    // the process with SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    try {
        Poco::Net::ServerSocket socket = listeningSocket(config);
        Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(config.maxThreads);
        params->setMaxQueued(config.maxQueued);
        params->setKeepAlive(true);
        params->setKeepAliveTimeout(Poco::Timespan(config.keepAliveTimeoutSeconds, 0));
        params->setMaxKeepAliveRequests(0);  // unlimited
        // Each read of a request head waits at most this; the watch bounds
        // the whole head.
        params->setTimeout(Poco::Timespan(config.requestHeadTimeoutSeconds, 0));
        params->setServerName("nusqa");
        // One spare thread: the pool also runs the dispatcher's accept loop.
        _impl->pool = std::make_unique<Poco::ThreadPool>(8, config.maxThreads + 1, 60, 1 << 20);
        ConnectionWatch::Settings watching;
        watching.maxThreads = config.maxThreads;
        watching.headTimeout = std::chrono::seconds(config.requestHeadTimeoutSeconds);
        watching.keepAliveTimeout = std::chrono::seconds(config.keepAliveTimeoutSeconds);
        _impl->watch = std::make_unique<ConnectionWatch>(watching, [impl = _impl.get()] {
            return impl->server ? impl->server->queuedConnections() : 0;
        });
        Poco::Net::HTTPRequestHandlerFactory::Ptr handlers =
            new HandlerFactory(_impl->router, _impl->config, _impl->accessLog, _impl->gate);
        _impl->server = std::make_unique<Poco::Net::TCPServer>(
            new ConnectionFactory(*_impl->watch, params, handlers), *_impl->pool, socket, params);
        _impl->server->start();
        _impl->boundPort = socket.address().port();
        return {};
    } catch (const Poco::Net::SSLException& error) {
        return fail(ErrorCode::InvalidArgument,
                    "http: TLS certificate or key not usable: " + error.displayText());
    } catch (const Poco::Exception& error) {
        return fail(ErrorCode::Unavailable,
                    "http: cannot listen on " + config.address + ":" + std::to_string(config.port) +
                        ": " + error.displayText() +
                        " (is another server running on this port? see http.port)");
    }
}

bool HttpServer::stop(int graceSeconds) {
    if (!_impl->server) return true;
    _impl->server->stop();      // no new connections; queued ones are dropped
    _impl->watch->beginStop();  // idle connections end now, busy ones after their answer
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(graceSeconds);
    while (_impl->watch->registered() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    // Past the grace: cut every connection; a handler blocked on its socket
    // returns at once. One still computing gets a second more.
    _impl->watch->closeAll();
    auto last = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (_impl->watch->registered() > 0 && std::chrono::steady_clock::now() < last)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (_impl->watch->registered() > 0) {
        _impl->accessLog.warning(std::to_string(_impl->watch->registered()) +
                                 " requests still running after the grace period");
        return false;  // the pool and the server stay: their threads still run
    }
    // The watcher asks the server for its queue: it goes before the server.
    _impl->pool->joinAll();
    _impl->watch.reset();
    _impl->server.reset();
    _impl->pool.reset();
    return true;
}

int HttpServer::port() const {
    return _impl->boundPort;
}

}  // namespace nusqa::http
