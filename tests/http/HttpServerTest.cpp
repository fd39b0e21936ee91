// The server's guarantees whatever a route's handler does (STYLE.md, "Poco
// facts that bite"): an unrouted request gets 404, never the 501 Poco gives
// when a handler factory returns nullptr; a handler that throws — a
// std::exception as Connector/C++ and PoDoFo do, a Poco::Exception, or
// anything else — gets a JSON 500, never a connection closed without an
// answer, and the server goes on serving.
#include <boost/test/unit_test.hpp>

#include <Poco/Exception.h>
#include <Poco/Logger.h>

#include <memory>
#include <stdexcept>

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
