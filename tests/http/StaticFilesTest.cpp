// The web application's files (http/StaticFiles): caching headers, the
// fallback to index.html for the application's paths, the CSP, content
// types, and refusal of every traversal — directly on decoded paths and
// over a real loopback server (raw and percent-encoded request targets).
#include <boost/test/unit_test.hpp>

#include <Poco/Logger.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <string>

#include "http/HttpServer.h"
#include "http/Router.h"
#include "http/StaticFiles.h"
#include "support/HttpClient.h"
#include "support/TestSupport.h"

using namespace nusqa;
using namespace nusqa::http;
using namespace nusqa::test;

namespace {

constexpr const char* kIndex =
    "<!doctype html><title>Nusqa</title><script type=module src=/assets/app-3f9a1c.js></script>";
constexpr const char* kScript = "console.log('nusqa');";
constexpr const char* kSecret = "SECRET-OUTSIDE-THE-WEB-ROOT";

void write(const std::filesystem::path& file, const std::string& content) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
}

// <temp>/web holds the application; <temp>/secret.txt lies beside it and
// <temp>/web/outside is a symbolic link to <temp>.
struct WebRoot {
    TempDir directory{"nusqa-web"};
    std::filesystem::path root = directory.path() / "web";

    WebRoot() {
        write(root / "index.html", kIndex);
        write(root / "assets" / "app-3f9a1c.js", kScript);
        write(root / "assets" / "app-3f9a1c.css", "body{margin:0}");
        write(root / "favicon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
        write(root / ".hidden" / "config", kSecret);
        write(directory.path() / "secret.txt", kSecret);
        std::filesystem::create_directory_symlink(directory.path(), root / "outside");
    }
};

Request get(const std::string& path) {
    Request request;
    request.method = "GET";
    request.path = path;
    return request;
}

std::string headerOf(const Response& response, const std::string& name) {
    for (const auto& [key, value] : response.headers)
        if (key == name) return value;
    return "";
}

Result<Response> okStatic(const Request&) {
    return Response::json(200, R"({"status":"ok"})");
}

// A router as `nusqa serve` builds it: API routes, then the files as fallback.
struct Served {
    WebRoot web;
    StaticFiles files{web.root};
    Router router;
    std::unique_ptr<HttpServer> server;

    Served() {
        router.add({"GET", "/healthz", Access::anyone(), "", okStatic});
        router.add({"GET", "/api/v1/documents", Access::anyone(), "", okStatic});
        router.add({"POST", "/api/v1/auth/login", Access::anyone(), "", okStatic});
        addStaticFiles(router, files);
        HttpConfig config;
        config.port = 0;
        server = std::make_unique<HttpServer>(config, router, Poco::Logger::get("test.access"));
        BOOST_TEST_REQUIRE(server->start().has_value());
    }
    HttpClient client() const { return HttpClient("127.0.0.1", server->port()); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(index_and_assets_with_their_caching_and_security_headers) {
    WebRoot web;
    StaticFiles files(web.root);
    BOOST_TEST(files.available());

    Response index = files.serve(get("/")).value();
    BOOST_TEST(index.status == 200);
    BOOST_TEST(index.body == kIndex);
    BOOST_TEST(index.contentType == "text/html; charset=utf-8");
    BOOST_TEST(headerOf(index, "Cache-Control") == "no-cache");
    BOOST_TEST(
        headerOf(index, "Content-Security-Policy") ==
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "frame-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'");
    BOOST_TEST(headerOf(index, "X-Content-Type-Options") == "nosniff");

    Response script = files.serve(get("/assets/app-3f9a1c.js")).value();
    BOOST_TEST(script.body == kScript);
    BOOST_TEST(script.contentType == "text/javascript; charset=utf-8");
    BOOST_TEST(headerOf(script, "Cache-Control") == "public, max-age=31536000, immutable");
    BOOST_TEST(headerOf(script, "X-Content-Type-Options") == "nosniff");
    BOOST_TEST(files.serve(get("/assets/app-3f9a1c.css"))->contentType ==
               "text/css; charset=utf-8");

    Response icon = files.serve(get("/favicon.svg")).value();
    BOOST_TEST(icon.contentType == "image/svg+xml");
    BOOST_TEST(headerOf(icon, "Cache-Control") == "no-cache");  // not hashed
}

BOOST_AUTO_TEST_CASE(application_paths_fall_back_to_index_but_server_paths_do_not) {
    WebRoot web;
    StaticFiles files(web.root);
    for (const char* path : {"/inbox", "/editions/42", "/documents/7", "/register", "/no/such/page",
                             "/inbox/", "/%2e%2e", "/robots.txt"}) {
        auto answer = files.serve(get(path));
        BOOST_TEST_REQUIRE(answer.has_value(), path);
        BOOST_TEST(answer->body == kIndex, path);
        BOOST_TEST(headerOf(*answer, "Cache-Control") == "no-cache", path);
    }
    for (const char* path : {"/api/v1/nothing", "/api", "/api/", "/verify/1/abc", "/verify",
                             "/healthz", "/assets/app-000000.js", "/assets/"}) {
        auto answer = files.serve(get(path));
        BOOST_TEST_REQUIRE(!answer.has_value(), path);
        BOOST_TEST((answer.error().code == ErrorCode::NotFound), path);
    }
}

BOOST_AUTO_TEST_CASE(traversal_and_odd_characters_are_refused_after_decoding) {
    WebRoot web;
    StaticFiles files(web.root);
    for (const std::string& path : std::initializer_list<std::string>{
             "/../secret.txt", "/assets/../../secret.txt", "/assets/../index.html", "/./index.html",
             "/assets/./app-3f9a1c.js", "/..", "/a/..", "/..\\secret.txt",
             "/assets\\..\\..\\secret.txt", std::string("/index.html\0.js", 15),
             std::string("/\0", 2), "/a\x01", "/a\nb"}) {
        auto answer = files.serve(get(path));
        BOOST_TEST_REQUIRE(!answer.has_value(), path);
        BOOST_TEST((answer.error().code == ErrorCode::InvalidArgument), path);
    }
    // Hidden names are not files of the application; a link out of the
    // root is not followed (the path is one of the application's).
    for (const char* path : {"/.hidden/config", "/.git/config"}) {
        auto answer = files.serve(get(path));
        BOOST_TEST_REQUIRE(!answer.has_value(), path);
        BOOST_TEST((answer.error().code == ErrorCode::NotFound), path);
    }
    auto linked = files.serve(get("/outside/secret.txt"));
    BOOST_TEST_REQUIRE(linked.has_value());
    BOOST_TEST(linked->body == kIndex);
}

BOOST_AUTO_TEST_CASE(a_missing_build_answers_not_found) {
    TempDir empty("nusqa-web-empty");
    StaticFiles files(empty.path() / "web");
    BOOST_TEST(!files.available());
    auto answer = files.serve(get("/inbox"));
    BOOST_TEST_REQUIRE(!answer.has_value());
    BOOST_TEST((answer.error().code == ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(the_fallback_route_is_public_and_takes_only_unrouted_gets) {
    WebRoot web;
    StaticFiles files(web.root);
    Router served;
    addStaticFiles(served, files);
    const Route* rule = served.fallback();
    BOOST_TEST_REQUIRE(rule != nullptr);
    BOOST_TEST(!rule->access.action().has_value());
    BOOST_TEST(rule->access.isPublic());

    Router router;
    router.add({"GET", "/api/v1/documents", Access::needs(Action::ReadRegister), "", okStatic});
    router.add({"POST", "/api/v1/auth/login", Access::anyone(), "", okStatic});
    router.setFallback(Access::anyone(), okStatic);
    BOOST_TEST(router.match("GET", "/inbox")->route->pattern == kFallbackPattern);
    BOOST_TEST(router.match("HEAD", "/inbox")->route->pattern == kFallbackPattern);
    BOOST_TEST(router.match("GET", "/api/v1/documents")->route->pattern == "/api/v1/documents");
    BOOST_TEST((router.match("POST", "/inbox").error().code == ErrorCode::NotFound));
    BOOST_TEST(
        (router.match("GET", "/api/v1/auth/login").error().code == ErrorCode::MethodNotAllowed));
    BOOST_TEST(router.routes().size() == 2u);  // the fallback is no API route
}

BOOST_AUTO_TEST_CASE(over_http_files_headers_fallback_and_traversal) {
    Served served;
    HttpClient client = served.client();

    HttpReply index = client.get("/");
    BOOST_TEST(index.status == 200);
    BOOST_TEST(index.body == kIndex);
    BOOST_TEST(index.header("content-type") == "text/html; charset=utf-8");
    BOOST_TEST(index.header("cache-control") == "no-cache");
    BOOST_TEST(index.header("content-security-policy").find("script-src 'self';") !=
               std::string::npos);
    BOOST_TEST(index.header("x-content-type-options") == "nosniff");

    HttpReply script = client.get("/assets/app-3f9a1c.js");
    BOOST_TEST(script.status == 200);
    BOOST_TEST(script.header("cache-control") == "public, max-age=31536000, immutable");
    BOOST_TEST(script.header("content-type") == "text/javascript; charset=utf-8");

    HttpReply head = client.request("HEAD", "/assets/app-3f9a1c.js");
    BOOST_TEST(head.status == 200);
    BOOST_TEST(head.body.empty());
    BOOST_TEST(head.header("content-length") == std::to_string(std::string(kScript).size()));

    HttpReply page = client.get("/documents/7?tab=editions");
    BOOST_TEST(page.status == 200);
    BOOST_TEST(page.body == kIndex);

    // The API keeps its routes and its JSON 404.
    BOOST_TEST(client.get("/healthz").body == R"({"status":"ok"})");
    BOOST_TEST(client.get("/api/v1/documents").status == 200);
    HttpReply unknown = client.get("/api/v1/nothing");
    BOOST_TEST(unknown.status == 404);
    BOOST_TEST(unknown.body.find(R"("code":"not_found")") != std::string::npos);
    BOOST_TEST(client.get("/assets/app-000000.js").status == 404);
    BOOST_TEST(
        client.request("POST", "/inbox", "{}", {{"Content-Type", "application/json"}}).status ==
        404);
    BOOST_TEST(client.get("/api/v1/auth/login").status == 405);

    for (const char* target :
         {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
          "/%2E%2E%2Fsecret.txt", "/assets/%2e%2e%2f%2e%2e%2fsecret.txt", "/..%2fsecret.txt",
          "/assets/..%5c..%5csecret.txt", "/index.html%00.js", "/%00", "/outside/secret.txt",
          "/.hidden/config", "/assets/%252e%252e/%252e%252e/secret.txt"}) {
        HttpReply reply = client.get(target);
        BOOST_TEST(reply.body.find(kSecret) == std::string::npos, target);
        BOOST_TEST(reply.status != 500, target);
        if (reply.status == 200) BOOST_TEST(reply.body == kIndex, target);  // only the app itself
    }
    BOOST_TEST(client.get("/../secret.txt").status == 400);
    BOOST_TEST(client.get("/%2e%2e/secret.txt").status == 400);
}
