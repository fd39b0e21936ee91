#include "http/HttpServer.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <istream>
#include <mutex>
#include <random>
#include <thread>

#include "http/ErrorMapping.h"
#include "http/RequestGate.h"
#include "http/detail/ClientAddress.h"

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
    char id[32];
    std::snprintf(id, sizeof id, "%08x-%06llx", prefix,
                  static_cast<unsigned long long>(counter.fetch_add(1) & 0xffffff));
    return id;
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

// Reads at most limit bytes; TooLarge when the body is longer. A declared
// Content-Length over the limit is refused without being stored.
Result<std::string> readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit) {
    std::string body;
    if (request.hasContentLength()) {
        auto length = request.getContentLength64();
        if (length < 0 || static_cast<std::uint64_t>(length) > limit) {
            if (length > 0 && static_cast<std::uint64_t>(length) <= kMaxDrainBytes)
                drain(request.stream(), static_cast<std::size_t>(length));
            return fail(ErrorCode::TooLarge, "the body is " + std::to_string(length) +
                                                 " bytes; the limit is " + std::to_string(limit));
        }
        body.resize(static_cast<std::size_t>(length));
        request.stream().read(body.data(), length);
        body.resize(static_cast<std::size_t>(request.stream().gcount()));
        return body;
    }
    char buffer[65536];
    std::istream& in = request.stream();
    while (in) {
        in.read(buffer, sizeof buffer);
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (body.size() > limit) {
            drain(in, kMaxDrainBytes);
            return fail(ErrorCode::TooLarge,
                        "the body is over the limit of " + std::to_string(limit) + " bytes");
        }
    }
    return body;
}

std::vector<std::string> forwardedFor(const Poco::Net::HTTPServerRequest& raw) {
    std::vector<std::string> values;
    for (auto header = raw.find("X-Forwarded-For");
         header != raw.end() && Poco::icompare(header->first, "X-Forwarded-For") == 0; ++header)
        values.push_back(header->second);
    return values;
}

class RequestHandler final : public Poco::Net::HTTPRequestHandler {
public:
    RequestHandler(const Router& router, const HttpConfig& config, Poco::Logger& accessLog,
                   const RequestGate* gate)
        : _router(router), _config(config), _accessLog(accessLog), _gate(gate) {}

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
        send(out, request, response);
        double milliseconds =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        if (_accessLog.information()) {
            char line[96];
            std::snprintf(line, sizeof line, " %d %.3f ms ", response.status, milliseconds);
            _accessLog.information(request.method + " " + request.path + line + request.requestId);
        }
    }

private:
    Response respond(Poco::Net::HTTPServerRequest& raw, Request& request) {
        try {
            Result<Response> result = route(raw, request);
            if (result) return std::move(*result);
            Response response = errorResponse(result.error());
            if (result.error().code == ErrorCode::MethodNotAllowed)
                response.headers.emplace_back("Allow", _router.allowedMethods(request.path));
            if (result.error().code == ErrorCode::TooLarge) response.closeConnection = true;
            // Refused before its body was read: the connection cannot carry
            // another request.
            if ((result.error().code == ErrorCode::Unauthenticated ||
                 result.error().code == ErrorCode::Forbidden) &&
                !_bodyRead && (raw.hasContentLength() || raw.getChunkedTransferEncoding()))
                response.closeConnection = true;
            return response;
        } catch (const Poco::Exception& error) {
            return internalError(error.displayText());
        } catch (const std::exception& error) {
            return internalError(error.what());
        } catch (...) {
            return internalError("unknown exception");
        }
    }

    Result<Response> route(Poco::Net::HTTPServerRequest& raw, Request& request) {
        try {
            Poco::URI uri(raw.getURI());
            request.path = uri.getPath();
            for (auto& [name, value] : uri.getQueryParameters()) request.query.emplace(name, value);
        } catch (const Poco::Exception& error) {
            request.path = raw.getURI().substr(0, 200);
            return fail(ErrorCode::InvalidArgument, "malformed request URI: " + error.message());
        }
        for (const auto& [name, value] : raw) request.headers[lowerCase(name)] = value;
        Router::Match match = NUSQA_TRY(_router.match(request.method, request.path));
        if (_gate != nullptr) NUSQA_TRY(_gate->admit(request, *match.route));
        request.body = NUSQA_TRY(readBody(raw, _config.maxBodyBytes));
        _bodyRead = true;
        request.pathParameters = std::move(match.parameters);
        return match.route->handler(request);
    }

    Response internalError(const std::string& what) {
        _accessLog.error("internal error: " + what);
        return errorResponse(Error{ErrorCode::Internal, "internal error", {}});
    }

    void send(Poco::Net::HTTPServerResponse& out, const Request& request,
              const Response& response) {
        try {
            out.setStatusAndReason(
                static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
            out.setContentType(response.contentType);
            out.set("X-Request-Id", request.requestId);
            for (const auto& [name, value] : response.headers) out.set(name, value);
            if (response.closeConnection) out.setKeepAlive(false);
            out.sendBuffer(response.body.data(), response.body.size());
        } catch (const std::exception& error) {
            // The client went away mid-response; nothing more can be sent.
            _accessLog.warning("response not sent: " + std::string(error.what()));
        }
    }

    const Router& _router;
    const HttpConfig& _config;
    Poco::Logger& _accessLog;
    const RequestGate* _gate;
    bool _bodyRead = false;
};

class HandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    HandlerFactory(const Router& router, const HttpConfig& config, Poco::Logger& accessLog,
                   const RequestGate* gate)
        : _router(router), _config(config), _accessLog(accessLog), _gate(gate) {}

    // Never nullptr: Poco would answer 501 to every unrouted request.
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new RequestHandler(_router, _config, _accessLog, _gate);
    }

private:
    const Router& _router;
    const HttpConfig& _config;
    Poco::Logger& _accessLog;
    const RequestGate* _gate;
};

// The listening socket: plain TCP, or TLS with the configured certificate.
Poco::Net::ServerSocket listeningSocket(const HttpConfig& config) {
    Poco::Net::SocketAddress address(config.address, static_cast<Poco::UInt16>(config.port));
    if (!config.tls()) return Poco::Net::ServerSocket(address, 1024);
    static std::once_flag initialised;
    std::call_once(initialised, [] { Poco::Net::initializeSSL(); });
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, config.tlsPrivateKeyFile,
                               config.tlsCertificateFile, "", Poco::Net::Context::VERIFY_NONE, 9,
                               false, "ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:!aNULL:!MD5:!RC4");
    context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                              Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
    return Poco::Net::SecureServerSocket(address, 1024, context);
}

}  // namespace

struct HttpServer::Impl {
    HttpConfig config;
    const Router& router;
    Poco::Logger& accessLog;
    const RequestGate* gate;
    std::unique_ptr<Poco::ThreadPool> pool;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    int boundPort = 0;
};

HttpServer::HttpServer(HttpConfig config, const Router& router, Poco::Logger& accessLog,
                       const RequestGate* gate)
    : _impl(new Impl{std::move(config), router, accessLog, gate, nullptr, nullptr, 0}) {}

HttpServer::~HttpServer() {
    stop(0);
}

Status HttpServer::start() {
    HttpConfig& config = _impl->config;
    auto trusted = canonicalAddresses(config.trustedProxies);
    if (!trusted)
        return fail(ErrorCode::InvalidArgument,
                    "http: http.trustedProxies: " + trusted.error().message);
    config.trustedProxies = std::move(*trusted);
    try {
        Poco::Net::ServerSocket socket = listeningSocket(config);
        auto params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(config.maxThreads);
        params->setMaxQueued(config.maxQueued);
        params->setKeepAlive(true);
        params->setKeepAliveTimeout(Poco::Timespan(config.keepAliveTimeoutSeconds, 0));
        params->setMaxKeepAliveRequests(0);  // unlimited
        params->setServerName("nusqa");
        // One spare thread: the pool also runs the dispatcher's accept loop.
        _impl->pool = std::make_unique<Poco::ThreadPool>(8, config.maxThreads + 1, 60, 1 << 20);
        _impl->server = std::make_unique<Poco::Net::HTTPServer>(
            new HandlerFactory(_impl->router, _impl->config, _impl->accessLog, _impl->gate),
            *_impl->pool, socket, params);
        _impl->server->start();
        _impl->boundPort = socket.address().port();
        return {};
    } catch (const Poco::Net::SSLException& error) {
        return fail(ErrorCode::InvalidArgument,
                    "http: TLS certificate or key not usable: " + error.displayText());
    } catch (const Poco::Exception& error) {
        return fail(ErrorCode::Unavailable, "http: cannot listen on " + config.address + ":" +
                                                std::to_string(config.port) + ": " +
                                                error.displayText());
    }
}

void HttpServer::stop(int graceSeconds) {
    if (!_impl->server) return;
    _impl->server->stop();  // no new connections
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(graceSeconds);
    while (_impl->server->currentConnections() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    _impl->server->stopAll(true);
    _impl->server.reset();
    _impl->pool->joinAll();
    _impl->pool.reset();
}

int HttpServer::port() const {
    return _impl->boundPort;
}

}  // namespace nusqa::http
