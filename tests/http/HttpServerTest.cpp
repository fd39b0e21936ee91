// The server's guarantees whatever a route's handler does (STYLE.md, "Poco
// facts that bite"): an unrouted request gets 404, never the 501 Poco gives
// when a handler factory returns nullptr; a handler that throws — a
// std::exception as Connector/C++ and PoDoFo do, a Poco::Exception, or
// anything else — gets a JSON 500, never a connection closed without an
// answer, and the server goes on serving.
#include <boost/test/unit_test.hpp>

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/StreamSocket.h>

#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "http/HttpServer.h"
#include "http/Router.h"
#include "support/HttpClient.h"

using namespace nusqa;
using namespace nusqa::http;
using namespace nusqa::test;

namespace {

struct ThrowingServer {
    Router router;
    std::unique_ptr<HttpServer> server;

    ThrowingServer() {
        router.add({"GET", "/std", Access::anyone(), "", [](const Request&) -> Result<Response> {
                        throw std::runtime_error("like a PdfError or an SQLException");
                    }});
        router.add({"GET", "/poco", Access::anyone(), "", [](const Request&) -> Result<Response> {
                        throw Poco::IOException("like a socket failure");
                    }});
        router.add({"GET", "/other", Access::anyone(), "",
                    [](const Request&) -> Result<Response> { throw 42; }});
        router.add({"GET", "/ok", Access::anyone(), "",
                    [](const Request&) { return Result<Response>(Response::json(200, "{}")); }});
        Poco::Logger& log = Poco::Logger::get("test.server");
        log.setLevel("none");  // the internal errors are expected
        HttpConfig config;
        config.port = 0;
        server = std::make_unique<HttpServer>(config, router, log);
        BOOST_TEST_REQUIRE(server->start().has_value());
    }
    HttpClient client() const { return HttpClient("127.0.0.1", server->port()); }
};

// Serves a body larger than a socket buffer, shared with the route (as a
// cache's), at /shared and (GET and HEAD) at any other path but /ok.
struct SharedBodyServer {
    std::shared_ptr<const std::string> sharedBytes = [] {
        std::string bytes(3u << 20, '\0');
        for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7 % 251);
        return std::make_shared<const std::string>(std::move(bytes));
    }();
    Router router;
    std::unique_ptr<HttpServer> server;

    SharedBodyServer() {
        Handler shared = [this](const Request&) {
            Response response;
            response.contentType = "application/pdf";
            response.sharedBody = sharedBytes;
            return Result<Response>(std::move(response));
        };
        router.add({"GET", "/shared", Access::anyone(), "", shared});
        router.add({"GET", "/ok", Access::anyone(), "",
                    [](const Request&) { return Result<Response>(Response::json(200, "{}")); }});
        router.setFallback(Access::anyone(), shared);
        HttpConfig config;
        config.port = 0;
        server = std::make_unique<HttpServer>(config, router, Poco::Logger::get("test.server"));
        BOOST_TEST_REQUIRE(server->start().has_value());
    }
};

struct RawAnswer {
    std::string head;
    std::string body;
};

// Splits what a connection received into answers; bodyless: which of them
// answer HEAD (a Content-Length and no body).
std::vector<RawAnswer> splitAnswers(const std::string& received,
                                    const std::vector<bool>& bodyless) {
    std::vector<RawAnswer> answers;
    std::size_t at = 0;
    for (bool noBody : bodyless) {
        std::size_t end = received.find("\r\n\r\n", at);
        if (end == std::string::npos) break;
        RawAnswer answer{received.substr(at, end + 4 - at), {}};
        std::size_t length = 0;
        if (auto field = answer.head.find("Content-Length: "); field != std::string::npos)
            length = std::stoul(answer.head.substr(field + 16));
        at = end + 4;
        if (!noBody) {
            answer.body = received.substr(at, length);
            at += answer.body.size();
        }
        answers.push_back(std::move(answer));
    }
    return answers;
}

std::string readAll(Poco::Net::StreamSocket& socket) {
    std::string received;
    char buffer[65536];
    while (int got = socket.receiveBytes(buffer, sizeof buffer)) received.append(buffer, got);
    return received;
}

}  // namespace

BOOST_AUTO_TEST_CASE(unrouted_requests_get_404_not_501) {
    ThrowingServer served;
    for (const char* method : {"GET", "POST", "PUT", "DELETE", "PATCH"}) {
        HttpReply reply = served.client().request(method, "/no/such/route");
        BOOST_TEST(reply.status == 404, method << ": " << reply.status);
        BOOST_TEST(reply.body.find(R"("code":"not_found")") != std::string::npos, reply.body);
    }
}

BOOST_AUTO_TEST_CASE(a_throwing_handler_gets_a_500_and_the_server_goes_on) {
    ThrowingServer served;
    for (const char* path : {"/std", "/poco", "/other"}) {
        HttpReply reply = served.client().get(path);
        BOOST_TEST(reply.status == 500, path << ": " << reply.status);
        BOOST_TEST(reply.body.find(R"("code":"internal")") != std::string::npos, reply.body);
        // What was thrown stays in the log, not in the answer.
        BOOST_TEST(reply.body.find("like a") == std::string::npos, reply.body);
        BOOST_TEST(!reply.header("x-request-id").empty());
    }
    BOOST_TEST(served.client().get("/ok").status == 200);
}

BOOST_AUTO_TEST_CASE(generated_request_ids_are_eight_and_six_hex_digits_and_distinct) {
    ThrowingServer served;
    static const std::regex form("[0-9a-f]{8}-[0-9a-f]{6}");
    std::string first = served.client().get("/ok").header("x-request-id");
    std::string second = served.client().get("/ok").header("x-request-id");
    BOOST_TEST(std::regex_match(first, form), first);
    BOOST_TEST(std::regex_match(second, form), second);
    // One process's prefix, a counter after it.
    BOOST_TEST(first.substr(0, 9) == second.substr(0, 9));
    BOOST_TEST(first != second);
}

// The connection loop and the one-call write: requests on one keep-alive
// connection — one after an idle pause, then three pipelined in one packet —
// are answered in order, whole; a shared body of megabytes arrives byte for
// byte; HEAD gets the length without the body; "Connection: close" ends it.
BOOST_AUTO_TEST_CASE(keep_alive_and_pipelined_requests_are_answered_in_order_and_whole) {
    SharedBodyServer served;
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", served.server->port()));
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    const std::string get = "GET /ok HTTP/1.1\r\nHost: test\r\n\r\n";
    socket.sendBytes(get.data(), static_cast<int>(get.size()));
    std::string first;
    char buffer[4096];
    while (first.find("\r\n\r\n{}") == std::string::npos) {
        int got = socket.receiveBytes(buffer, sizeof buffer);
        BOOST_TEST_REQUIRE(got > 0);
        first.append(buffer, got);
    }
    BOOST_TEST(first.starts_with("HTTP/1.1 200"));
    // Idle past the poll's first wake-ups, then the rest at once.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const std::string pipelined =
        "GET /shared HTTP/1.1\r\nHost: test\r\n\r\n"
        "HEAD /file HTTP/1.1\r\nHost: test\r\n\r\n"
        "GET /ok HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";
    socket.sendBytes(pipelined.data(), static_cast<int>(pipelined.size()));
    std::vector<RawAnswer> answers = splitAnswers(readAll(socket), {false, true, false});
    BOOST_TEST_REQUIRE(answers.size() == 3u);
    const std::string length = "Content-Length: " + std::to_string(served.sharedBytes->size());
    BOOST_TEST(answers[0].head.starts_with("HTTP/1.1 200"));
    BOOST_TEST(answers[0].head.find(length) != std::string::npos, answers[0].head);
    BOOST_TEST((answers[0].body == *served.sharedBytes));
    BOOST_TEST(answers[1].head.starts_with("HTTP/1.1 200"));
    BOOST_TEST(answers[1].head.find(length) != std::string::npos, answers[1].head);
    BOOST_TEST(answers[2].head.starts_with("HTTP/1.1 200"));
    BOOST_TEST(answers[2].head.find("Connection: Close") != std::string::npos, answers[2].head);
    BOOST_TEST(answers[2].body == "{}");
}
