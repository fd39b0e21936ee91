// Issue 11, finding 12: control characters were stored in codes and names;
// a graceful stop waited without bound for a running request; internal
// layer names ("storage/sqlite: ...") reached users.
#include <boost/test/unit_test.hpp>

#include <Poco/Logger.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "AttackSupport.h"
#include "http/HttpServer.h"
#include "http/Router.h"
#include "http/ServerHarness.h"

using namespace nusqa;
using namespace nusqa::test;
using SteadyClock = std::chrono::steady_clock;

BOOST_AUTO_TEST_CASE(control_characters_are_refused_in_stored_text_fields) {
    ServerHarness server("sqlite");
    HttpClient office = server.client();
    TestUser admin = server.addUser("root", {Role::Admin});
    for (const std::string bad : {"\\u0000", "\\u0007", "\\u001b", "\\u007f"}) {
        HttpReply document = office.postJson(
            "/api/v1/documents",
            R"({"code":"СМЖ)" + bad + R"(07","kind":"regulation","title":"Т","language":"kk"})");
        BOOST_TEST(document.status == 422, bad << ": " << document.body);
        BOOST_TEST(document.body.find("control character") != std::string::npos, document.body);
        HttpReply title = office.postJson(
            "/api/v1/documents",
            R"({"code":"OK-1","kind":"regulation","title":"Ереже)" + bad + R"(","language":"kk"})");
        BOOST_TEST(title.status == 422, bad << ": " << title.body);
        HttpReply unit = server.clientFor(admin).postJson("/api/v1/units",
                                                          R"({"nameKk":"Бөлім)" + bad + R"("})");
        BOOST_TEST(unit.status == 422, bad << ": " << unit.body);
        HttpReply user = server.clientFor(admin).postJson(
            "/api/v1/users", R"({"login":"u)" + bad +
                                 R"(x","fullNameKk":"А","email":"a@b.test","roles":["reader"],)"
                                 R"("password":"long-enough-password-1"})");
        BOOST_TEST(user.status == 422, bad << ": " << user.body);
    }
    // Tabs and line breaks stay allowed where text may hold them.
    HttpReply fine = office.postJson(
        "/api/v1/documents",
        R"({"code":"OK-2","kind":"regulation","title":"Ереже\tжаңа","language":"kk"})");
    BOOST_TEST(fine.status == 201, fine.body);
    BOOST_TEST(healthzSeconds(server.port()) < 1.0);
}

namespace {

struct ScriptedServer {
    http::Router router;
    std::atomic<bool> release{false};
    std::unique_ptr<http::HttpServer> server;

    ScriptedServer() {
        router.add({"GET", "/storage-failure", http::Access::anyone(), "",
                    [](const http::Request&) -> Result<http::Response> {
                        return fail(ErrorCode::Unavailable,
                                    "storage/sqlite: insert edition: database is locked");
                    }});
        router.add({"GET", "/conflict", http::Access::anyone(), "",
                    [](const http::Request&) -> Result<http::Response> {
                        return fail(ErrorCode::Conflict,
                                    "storage/mysql: Duplicate entry 'x' for key 'code'");
                    }});
        router.add({"GET", "/compute", http::Access::anyone(), "",
                    [this](const http::Request&) -> Result<http::Response> {
                        // A handler busy computing, deaf to its socket.
                        auto until = SteadyClock::now() + std::chrono::seconds(20);
                        while (!release && SteadyClock::now() < until)
                            std::this_thread::sleep_for(std::chrono::milliseconds(10));
                        return http::Response::json(200, "{}");
                    }});
        router.add({"GET", "/healthz", http::Access::anyone(), "",
                    [](const http::Request&) -> Result<http::Response> {
                        return http::Response::json(200, R"({"status":"ok"})");
                    }});
        Poco::Logger& log = Poco::Logger::get("test.attack");
        log.setLevel("none");
        http::HttpConfig config;
        config.port = 0;
        server = std::make_unique<http::HttpServer>(config, router, log);
        BOOST_TEST_REQUIRE(server->start().has_value());
    }
    ~ScriptedServer() {
        release = true;
        server.reset();
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(internal_layer_names_stay_in_the_log) {
    ScriptedServer scripted;
    HttpClient client("127.0.0.1", scripted.server->port());
    for (const char* path : {"/storage-failure", "/conflict"}) {
        HttpReply reply = client.get(path);
        BOOST_TEST((reply.status == 503 || reply.status == 409), path << ": " << reply.status);
        BOOST_TEST(reply.body.find("storage") == std::string::npos, reply.body);
        BOOST_TEST(reply.body.find("sqlite") == std::string::npos, reply.body);
        BOOST_TEST(reply.body.find("Duplicate") == std::string::npos, reply.body);
        std::string id = reply.header("x-request-id");
        BOOST_TEST_REQUIRE(!id.empty());
        BOOST_TEST(reply.body.find("request id " + id) != std::string::npos, reply.body);
    }
    BOOST_TEST(healthzSeconds(scripted.server->port()) < 1.0);
}

BOOST_AUTO_TEST_CASE(a_graceful_stop_is_bounded_by_a_running_request) {
    ScriptedServer scripted;
    int port = scripted.server->port();
    std::thread caller([port] {
        try {
            (void)HttpClient("127.0.0.1", port).get("/compute");
        } catch (...) {
            // the stop cut the connection
        }
    });
    Poco::Net::StreamSocket idle = connectTo(port);  // an idle client too
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto started = SteadyClock::now();
    bool clean = scripted.server->stop(1);
    double seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
    BOOST_TEST(!clean);  // the request was still computing
    BOOST_TEST(seconds < 3.0, "stop took " << seconds << " s");
    BOOST_TEST(readUntilClosed(idle, 1).closed);
    scripted.release = true;
    caller.join();
}
