// Issue 11, finding 8: cross-site request forgery. JSON routes accepted
// text/plain, form-encoded or untyped bodies with the session cookie and a
// foreign Origin: a text/plain body sent from another site created an API
// token. SameSite=Strict does not cover sibling subdomains. Now a browser's
// state-changing request with the cookie must come from the server's own
// origin, and JSON routes take application/json only.
#include <boost/test/unit_test.hpp>

#include "AttackSupport.h"
#include "http/ServerHarness.h"
#include "support/SqlProbe.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

struct CsrfFixture {
    ServerHarness server{"sqlite"};
    HttpClient browser = server.anonymous();
    std::string cookie;
    int tokensBefore = 0;

    CsrfFixture() {
        HttpReply login = server.anonymous().postJson(
            "/api/v1/auth/login", R"({"login":")" + server.office().user.login +
                                      R"(","password":")" + server.office().password + R"("})");
        BOOST_TEST_REQUIRE(login.status == 200, login.body);
        std::string setCookie = login.header("set-cookie");
        cookie = setCookie.substr(0, setCookie.find(';'));
        browser = server.anonymous().with({{"Cookie", cookie}});
        tokensBefore = tokenCount();
    }

    HttpReply createToken(const std::map<std::string, std::string>& headers,
                          const std::string& body = R"({"name":"forged"})") const {
        return browser.request("POST", "/api/v1/me/tokens", body, headers);
    }

    int tokenCount() const {
        return std::stoi(SqlProbe(server.storeUrl())
                             .scalar("SELECT COUNT(*) FROM credentials WHERE kind = 'api_token'"));
    }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_foreign_origin_with_the_session_cookie_is_refused, CsrfFixture) {
    // The attack as found: a text/plain body from another site.
    HttpReply forged =
        createToken({{"Content-Type", "text/plain"}, {"Origin", "https://evil.example"}});
    BOOST_TEST(forged.status == 403, forged.body);
    BOOST_TEST(forged.body.find("cross-site") != std::string::npos, forged.body);
    // A sibling subdomain, which SameSite=Strict lets through.
    forged = createToken(
        {{"Content-Type", "application/json"}, {"Origin", "https://evil.qms.test.example"}});
    BOOST_TEST(forged.status == 403, forged.body);
    forged = createToken({{"Content-Type", "application/json"},
                          {"Referer", "https://students.test.example/page.html"}});
    BOOST_TEST(forged.status == 403, forged.body);
    forged = createToken({{"Content-Type", "application/json"},
                          {"Sec-Fetch-Site", "same-site"},
                          {"Origin", "https://qms.test.example"}});
    BOOST_TEST(forged.status == 403, forged.body);
    forged = createToken({{"Content-Type", "application/json"}, {"Origin", "null"}});
    BOOST_TEST(forged.status == 403, forged.body);
    // The same for every unsafe method: a forged logout and password change.
    BOOST_TEST(
        browser.request("POST", "/api/v1/auth/logout", {}, {{"Origin", "https://evil.example"}})
            .status == 403);
    BOOST_TEST(browser.get("/api/v1/me").status == 200);  // still logged in

    // The server's own pages: its public origin, or the origin the browser
    // addressed (Host), or Sec-Fetch-Site: same-origin.
    HttpReply own =
        createToken({{"Content-Type", "application/json"}, {"Origin", "https://qms.test.example"}});
    BOOST_TEST(own.status == 201, own.body);
    own = createToken({{"Content-Type", "application/json"},
                       {"Origin", "http://127.0.0.1:" + std::to_string(server.port())}});
    BOOST_TEST(own.status == 201, own.body);
    own = createToken({{"Content-Type", "application/json"},
                       {"Sec-Fetch-Site", "same-origin"},
                       {"Origin", "http://127.0.0.1:" + std::to_string(server.port())}});
    BOOST_TEST(own.status == 201, own.body);
    BOOST_TEST(tokenCount() == tokensBefore + 3);

    // A bearer token cannot be sent by a forging page: no origin check.
    HttpReply scripted = server.client().request(
        "POST", "/api/v1/me/tokens", R"({"name":"script"})",
        {{"Content-Type", "application/json"}, {"Origin", "https://evil.example"}});
    BOOST_TEST(scripted.status == 201, scripted.body);
    BOOST_TEST(healthzSeconds(server.port()) < 1.0);
}

BOOST_FIXTURE_TEST_CASE(json_routes_take_application_json_only, CsrfFixture) {
    const std::string origin = "https://qms.test.example";
    for (const std::string type : {"text/plain", "application/x-www-form-urlencoded",
                                   "multipart/form-data; boundary=x", ""}) {
        std::map<std::string, std::string> headers{{"Origin", origin}};
        if (!type.empty()) headers["Content-Type"] = type;
        HttpReply reply = createToken(headers);
        BOOST_TEST(reply.status == 415, "«" << type << "»: " << reply.status << " " << reply.body);
        HttpReply document = server.client().request(
            "POST", "/api/v1/documents",
            R"({"code":"CSRF-1","kind":"regulation","title":"Т","language":"kk"})",
            type.empty() ? std::map<std::string, std::string>{}
                         : std::map<std::string, std::string>{{"Content-Type", type}});
        BOOST_TEST(document.status == 415, "«" << type << "»: " << document.body);
    }
    BOOST_TEST(tokenCount() == tokensBefore);
    // An XML route takes XML only.
    HttpReply xml = server.client().request("POST", "/api/v1/documents/1/editions", "<x/>",
                                            {{"Content-Type", "text/plain"}});
    BOOST_TEST((xml.status == 415 || xml.status == 404), xml.body);
    BOOST_TEST(healthzSeconds(server.port()) < 1.0);
}
