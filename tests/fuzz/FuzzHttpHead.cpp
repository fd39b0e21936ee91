// fuzz_http_head: bytes sent to the real HttpServer (http/HttpServer.h) over
// loopback, as a client would send them: Poco's parsing of the request line
// and header fields with the server's own configuration, the checks made
// before routing (framing: Content-Length and Transfer-Encoding; the
// request target; the origin), the body read by its declared length or in
// chunks under the body deadline, and pipelined requests after it. The
// server runs in this process with short deadlines (1 s for the head and
// the body) and a 64 KiB body limit; routes: GET /healthz, POST and PUT
// /api/v1/echo (answers with the body's length). Each input is sent, the
// sending side shut, and every answer read. Seeds: tests/fuzz/corpus/
// http_head (requests of every framing, duplicate and malformed headers,
// chunk extensions and trailers, Kazakh/Russian and invalid UTF-8 in
// targets and fields, huge numbers). The oracle: no crash or sanitizer
// report; the connection ends within the deadlines (5 s); whatever comes
// back is HTTP/1.x status lines with 3-digit codes; an echo answered 200
// reports a body no larger than the limit; and afterwards a new client's
// GET /healthz is answered 200 (the server is still up and serving).
#include <Poco/Logger.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <string>
#include <string_view>

#include "http/HttpServer.h"
#include "http/Router.h"

namespace {

using namespace nusqa;
using namespace nusqa::http;

constexpr std::size_t kBodyLimit = 64 * 1024;

struct Server {
    Router router;
    HttpServer* server = nullptr;

    Server() {
        router.add(
            {"GET", "/healthz", Access::anyone(), "", [](const Request&) -> Result<Response> {
                 return Response::json(200, R"({"status":"ok"})");
             }});
        auto echo = [](const Request& request) -> Result<Response> {
            return Response::json(200, "{\"length\":" + std::to_string(request.body.size()) + "}");
        };
        router.add({"POST", "/api/v1/echo", Access::anyone(), "", echo});
        router.add({"PUT", "/api/v1/echo", Access::anyone(), "", echo});
        HttpConfig config;
        config.port = 0;
        config.maxThreads = 16;
        config.maxQueued = 16;
        config.keepAliveTimeoutSeconds = 1;
        config.requestHeadTimeoutSeconds = 1;
        config.bodyTimeoutSeconds = 1;
        config.maxBodyBytes = kBodyLimit;
        config.trustedProxies = {"127.0.0.1"};
        Poco::Logger& log = Poco::Logger::get("fuzz_http_head");
        log.setLevel(Poco::Message::PRIO_FATAL);
        // Lives as long as the process (libFuzzer exits without unwinding).
        server = new HttpServer(config, router, log);
        if (!server->start()) std::abort();
    }
};

Server& server() {
    static Server* instance = new Server();
    return *instance;
}

// Sends the bytes, shuts the sending side, reads until the server closes.
// Aborts when the server holds the connection past its deadlines.
std::string exchange(int port, std::string_view bytes) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) std::abort();
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) std::abort();
    // The server may close before taking everything (a refused head): a
    // failed send is an answer, not a finding.
    for (std::size_t sent = 0; sent < bytes.size();) {
        ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
    }
    ::shutdown(fd, SHUT_WR);
    std::string reply;
    char buffer[65536];
    while (true) {
        ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                std::fprintf(stderr, "the server held the connection past its deadlines\n");
                std::abort();
            }
            break;  // reset: the server closed with unread input
        }
        reply.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return reply;
}

void checkReplies(const std::string& reply) {
    static const std::regex statusLine(R"(HTTP/1\.[01] [1-5][0-9][0-9] )");
    static const std::regex echoLength(R"("length":([0-9]+))");
    auto refuse = [&](const char* what) {
        std::fprintf(stderr, "%s:\n%s\n", what, reply.substr(0, 2000).c_str());
        std::abort();
    };
    if (!reply.empty() &&
        !std::regex_search(reply.substr(0, 16), statusLine, std::regex_constants::match_continuous))
        refuse("not an HTTP/1.x status line");
    for (std::sregex_iterator found(reply.begin(), reply.end(), echoLength), end; found != end;
         ++found)
        if (std::stoull((*found)[1].str()) > kBodyLimit) refuse("a body over the limit was taken");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const int port = server().server->port();
    checkReplies(exchange(port, {reinterpret_cast<const char*>(data), size}));
    const std::string health = exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    if (health.rfind("HTTP/1.1 200", 0) != 0) {
        std::fprintf(stderr, "GET /healthz after the input: %s\n", health.substr(0, 200).c_str());
        std::abort();
    }
    return 0;
}
