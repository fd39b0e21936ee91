#include "support/LocalTsa.h"

#include "support/TestSupport.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace nusqa::test {

namespace fs = std::filesystem;
using Poco::Net::HTTPResponse;

namespace {

constexpr std::size_t maxQueryBytes = 64 * 1024;
const std::string path = "/tsa";

// What the handlers share with LocalTsa. Held by shared_ptr because Poco
// owns the handler factory and may release it after LocalTsa is gone.
struct State {
    fs::path config;
    fs::path workDir;
    std::atomic<int> answered{0};
};

// Process-wide rather than per LocalTsa: two LocalTsa objects on one TestPki
// share its serial file and work directory.
std::mutex opensslMutex;
std::atomic<unsigned long> nextFile{0};

// A client error: answered with its status and message.
struct Refusal {
    HTTPResponse::HTTPStatus status;
    std::string message;
};

void sendText(Poco::Net::HTTPServerResponse& response, HTTPResponse::HTTPStatus status,
              const std::string& text) {
    response.setStatus(status);
    // The body may not have been read; keeping the connection would make
    // Poco parse the rest of it as the next request.
    response.setKeepAlive(false);
    response.setContentType("text/plain; charset=utf-8");
    response.setContentLength64(static_cast<Poco::Int64>(text.size() + 1));
    response.send() << text << '\n';
}

std::string mediaType(const std::string& contentType) {
    return Poco::toLower(Poco::trim(contentType.substr(0, contentType.find(';'))));
}

std::string readQuery(Poco::Net::HTTPServerRequest& request) {
    if (request.getMethod() != Poco::Net::HTTPRequest::HTTP_POST)
        throw Refusal{HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "only POST is supported"};
    if (mediaType(request.getContentType()) != "application/timestamp-query")
        throw Refusal{HTTPResponse::HTTP_BAD_REQUEST,
                      "Content-Type must be application/timestamp-query"};
    if (request.hasContentLength() && request.getContentLength64() > Poco::Int64(maxQueryBytes))
        throw Refusal{HTTPResponse::HTTP_BAD_REQUEST, "query larger than 64 KB"};
    std::string body;
    std::istream& in = request.stream();
    char buffer[8192];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
        // Chunked bodies have no Content-Length; stop reading at the limit.
        if (body.size() > maxQueryBytes)
            throw Refusal{HTTPResponse::HTTP_BAD_REQUEST, "query larger than 64 KB"};
    }
    if (body.empty()) throw Refusal{HTTPResponse::HTTP_BAD_REQUEST, "empty query"};
    return body;
}

// The TimeStampResp for a DER TimeStampReq. openssl answers anything it
// can read as a file, even garbage (a "rejection" response with failure info
// badDataFormat), so an openssl failure means the TSA itself is broken
// (missing key, bad config): it propagates as std::runtime_error, a 500.
std::string stamp(State& state, const std::string& query) {
    // The pid keeps two test processes apart should they share a directory.
    const std::string stem =
        "query-" + std::to_string(::getpid()) + "-" + std::to_string(nextFile++);
    const fs::path queryFile = state.workDir / (stem + ".tsq");
    const fs::path replyFile = state.workDir / (stem + ".tsr");
    std::lock_guard lock(opensslMutex);
    writeFile(queryFile, query);
    std::string reply;
    try {
        runOpenssl({"ts", "-reply", "-config", state.config.string(), "-queryfile",
                    queryFile.string(), "-out", replyFile.string()});
        reply = readFile(replyFile);
    } catch (...) {
        fs::remove(queryFile);
        fs::remove(replyFile);
        throw;
    }
    fs::remove(queryFile);
    fs::remove(replyFile);
    return reply;
}

class TsaHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit TsaHandler(std::shared_ptr<State> state) : _state(std::move(state)) {}

    // Every outcome ends here with a response: only a Poco::Exception
    // escaping a handler becomes a 500, anything else drops the connection.
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        try {
            const std::string& uri = request.getURI();
            if (uri.substr(0, uri.find('?')) != path)
                throw Refusal{HTTPResponse::HTTP_NOT_FOUND, "the TSA answers at " + path};
            std::string reply = stamp(*_state, readQuery(request));
            ++_state->answered;
            response.setStatus(HTTPResponse::HTTP_OK);
            response.setContentType("application/timestamp-reply");
            response.sendBuffer(reply.data(), reply.size());
        } catch (const Refusal& refusal) {
            sendText(response, refusal.status, refusal.message);
        } catch (const std::exception& error) {
            if (!response.sent())
                sendText(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, error.what());
        }
    }

private:
    std::shared_ptr<State> _state;
};

class TsaHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit TsaHandlerFactory(std::shared_ptr<State> state) : _state(std::move(state)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new TsaHandler(_state);
    }

private:
    std::shared_ptr<State> _state;
};

Poco::Net::HTTPServerParams::Ptr serverParams() {
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(4);
    params->setTimeout(Poco::Timespan(10, 0));
    return params;
}

}  // namespace

// Own thread pool: after stopping the server the destructor joins it, so no
// handler is still running openssl on the PKI's files when we return.
struct LocalTsa::Server {
    explicit Server(const TestPki& pki)
        : state(std::make_shared<State>()),
          pool(1, 4),
          server(new TsaHandlerFactory(state), pool,
                 Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0)),
                 serverParams()) {
        state->config = pki.tsaConfig;
        state->workDir = pki.directory / "tsa-work";
        fs::create_directories(state->workDir);
        port = server.socket().address().port();
        server.start();
    }

    ~Server() {
        server.stopAll(true);
        pool.joinAll();
    }

    std::shared_ptr<State> state;
    Poco::ThreadPool pool;
    Poco::Net::HTTPServer server;
    int port = 0;
};

LocalTsa::LocalTsa(const TestPki& pki) : _server(std::make_unique<Server>(pki)) {}

LocalTsa::~LocalTsa() = default;

std::string LocalTsa::url() const {
    return "http://127.0.0.1:" + std::to_string(_server->port) + path;
}

int LocalTsa::port() const {
    return _server->port;
}

int LocalTsa::requests() const {
    return _server->state->answered.load();
}

}  // namespace nusqa::test
