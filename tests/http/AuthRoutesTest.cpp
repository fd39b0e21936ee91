// Authentication over real HTTP on both backends: the session cookie, API
// tokens, Argon2id password hashes (read from the table), and throttling of
// failed logins per account and per client address.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "ServerHarness.h"
#include "crypto/Digest.h"
#include "support/SqlProbe.h"

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

namespace {

std::string loginJson(const std::string& login, const std::string& password) {
    return R"({"login":")" + login + R"(","password":")" + password + R"("})";
}

std::string cookieOf(const HttpReply& reply) {
    std::string cookie = reply.header("set-cookie");
    return cookie.substr(0, cookie.find(';'));
}

}  // namespace

BOOST_DATA_TEST_CASE(login_gives_a_strict_http_only_session_cookie, data::make(kBackends),
                     backend) {
    ServerHarness server(backend);
    HttpClient anonymous = server.anonymous();
    HttpReply login =
        anonymous.postJson("/api/v1/auth/login", loginJson("office", server.office().password));
    BOOST_TEST_REQUIRE(login.status == 200, login.body);
    std::string cookie = login.header("set-cookie");
    BOOST_TEST(cookie.starts_with("nusqa_session="));
    BOOST_TEST(cookie.find("; HttpOnly") != std::string::npos, cookie);
    BOOST_TEST(cookie.find("; SameSite=Strict") != std::string::npos, cookie);
    BOOST_TEST(cookie.find("Secure") == std::string::npos, cookie);  // plain HTTP
    BOOST_TEST(login.body.find("password") == std::string::npos, login.body);
    BOOST_TEST(login.body.find(cookieOf(login).substr(14)) ==
               std::string::npos);  // token only in the cookie

    HttpClient session = anonymous.with({{"Cookie", "theme=dark; " + cookieOf(login)}});
    HttpReply me = session.get("/api/v1/me");
    BOOST_TEST(me.status == 200, me.body);
    BOOST_TEST(jsonString(me.body, "login") == "office");
    BOOST_TEST(anonymous.get("/api/v1/me").status == 401);
    BOOST_TEST(anonymous.with({{"Cookie", "nusqa_session=forged"}}).get("/api/v1/me").status ==
               401);
    BOOST_TEST(anonymous.with({{"Authorization", "Bearer nsq_forged"}}).get("/api/v1/me").status ==
               401);

    HttpReply logout = session.request("POST", "/api/v1/auth/logout");
    BOOST_TEST(logout.status == 204);
    BOOST_TEST(logout.header("set-cookie").find("Max-Age=0") != std::string::npos);
    BOOST_TEST(session.get("/api/v1/me").status == 401);

    // Sessions expire on the server's clock.
    HttpReply again =
        anonymous.postJson("/api/v1/auth/login", loginJson("office", server.office().password));
    HttpClient later = anonymous.with({{"Cookie", cookieOf(again)}});
    BOOST_TEST(later.get("/api/v1/me").status == 200);
    server.clock().advance(13 * 3600);
    HttpReply expired = later.get("/api/v1/me");
    BOOST_TEST(expired.status == 401);
    BOOST_TEST(expired.body.find("expired") != std::string::npos, expired.body);
}

BOOST_DATA_TEST_CASE(passwords_and_tokens_are_stored_only_as_hashes, data::make(kBackends),
                     backend) {
    ServerHarness server(backend);
    TestUser admin = server.addUser("root", {Role::Admin});
    HttpClient asAdmin = server.clientFor(admin);
    std::string password = "Құпия-сөз-2026 pass";
    HttpReply created = asAdmin.postJson(
        "/api/v1/users",
        R"({"login":"a.nametov","fullNameKk":"А. М. Наметов","fullNameRu":"А. М. Наметов",)"
        R"("email":"rector@university.test","language":"ru","roles":["approver"],"password":")" +
            password + R"("})");
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    BOOST_TEST(created.body.find(password) == std::string::npos);
    BOOST_TEST(created.body.find("argon2") == std::string::npos);

    SqlProbe probe(server.storeUrl());
    auto rows = probe.query("SELECT * FROM users WHERE login = 'a.nametov'");
    BOOST_TEST_REQUIRE(rows.size() == 1u);
    std::string hash = probe.scalar("SELECT password_hash FROM users WHERE login = 'a.nametov'");
    BOOST_TEST(hash.starts_with("$argon2id$v=19$m="), hash);
    for (const std::string& column : rows.front())
        BOOST_TEST(column.find(password) == std::string::npos);
    for (const auto& row : probe.query("SELECT details FROM audit_log"))
        BOOST_TEST(row.front().find(password) == std::string::npos);
    // Every stored password is an Argon2id hash.
    for (const auto& row : probe.query("SELECT password_hash FROM users"))
        BOOST_TEST(row.front().starts_with("$argon2id$"), row.front());

    HttpReply login =
        server.anonymous().postJson("/api/v1/auth/login", loginJson("a.nametov", password));
    BOOST_TEST_REQUIRE(login.status == 200, login.body);
    HttpClient session = server.anonymous().with({{"Cookie", cookieOf(login)}});
    // Created by an admin: the one-time password must be changed first.
    BOOST_TEST(session.postJson("/api/v1/me/tokens", R"({"name":"early"})").status == 403);
    const std::string chosen = "own-choice-secret-1";
    BOOST_TEST_REQUIRE(
        session
            .request("PUT", "/api/v1/me/password",
                     R"({"oldPassword":")" + password + R"(","newPassword":")" + chosen + R"("})",
                     {{"Content-Type", "application/json"}})
            .status == 204);
    password = chosen;
    HttpReply issued = session.postJson("/api/v1/me/tokens", R"({"name":"nightly export"})");
    BOOST_TEST_REQUIRE(issued.status == 201, issued.body);
    std::string token = jsonString(issued.body, "token");
    BOOST_TEST(token.starts_with("nsq_"));
    auto tokens = probe.query("SELECT token_hash, name FROM credentials WHERE kind = 'api_token'");
    bool found = false;
    for (const auto& row : tokens) {
        BOOST_TEST(row[0] != token);
        BOOST_TEST(row[0].size() == 64u);
        if (row[0] == crypto::sha256Hex(token)) found = row[1] == "nightly export";
    }
    BOOST_TEST(found);
    HttpReply me =
        server.anonymous().with({{"Authorization", "Bearer " + token}}).get("/api/v1/me");
    BOOST_TEST(me.status == 200);
    BOOST_TEST(jsonString(me.body, "login") == "a.nametov");

    // Changing the password: the old one stops working, and (issue 11,
    // finding 9) every other session and API token of the account ends with
    // it; the session that changed it stays.
    HttpReply elsewhere =
        server.anonymous().postJson("/api/v1/auth/login", loginJson("a.nametov", password));
    BOOST_TEST_REQUIRE(elsewhere.status == 200, elsewhere.body);
    HttpClient otherSession = server.anonymous().with({{"Cookie", cookieOf(elsewhere)}});
    HttpClient byToken = server.anonymous().with({{"Authorization", "Bearer " + token}});
    BOOST_TEST(otherSession.get("/api/v1/me").status == 200);
    BOOST_TEST(byToken.get("/api/v1/me").status == 200);
    HttpReply changed =
        session.request("PUT", "/api/v1/me/password",
                        R"({"oldPassword":")" + password + R"(","newPassword":"another-secret-1"})",
                        {{"Content-Type", "application/json"}});
    BOOST_TEST(changed.status == 204, changed.body);
    BOOST_TEST(otherSession.get("/api/v1/me").status == 401);
    BOOST_TEST(byToken.get("/api/v1/me").status == 401);
    BOOST_TEST(session.get("/api/v1/me").status == 200);
    HttpReply left = session.get("/api/v1/me/tokens");
    BOOST_TEST_REQUIRE(left.status == 200, left.body);
    BOOST_TEST(jsonInt(left.body, "total") == 1);
    BOOST_TEST(left.body.find("\"current\":true") != std::string::npos, left.body);
    BOOST_TEST(server.anonymous()
                   .postJson("/api/v1/auth/login", loginJson("a.nametov", password))
                   .status == 401);
    BOOST_TEST(server.anonymous()
                   .postJson("/api/v1/auth/login", loginJson("a.nametov", "another-secret-1"))
                   .status == 200);
    BOOST_TEST(probe.scalar("SELECT password_hash FROM users WHERE login = 'a.nametov'") != hash);
}

BOOST_DATA_TEST_CASE(failed_logins_are_throttled_per_account_and_per_address, data::make(kBackends),
                     backend) {
    AuthSettings throttling;
    throttling.maxFailuresPerAccount = 3;
    throttling.maxFailuresPerAddress = 6;
    throttling.failureWindowSeconds = 600;
    ServerHarness server(backend, {}, throttling);
    TestUser anna = server.addUser("anna", {Role::Employee});
    HttpClient anonymous = server.anonymous();
    for (int i = 0; i < 3; ++i) {
        HttpReply wrong =
            anonymous.postJson("/api/v1/auth/login", loginJson("anna", "wrong-password"));
        BOOST_TEST(wrong.status == 401);
        BOOST_TEST(wrong.body.find("wrong login or password") != std::string::npos);
    }
    // The account is delayed: even the right password waits, a second for now.
    HttpReply throttled =
        anonymous.postJson("/api/v1/auth/login", loginJson("anna", anna.password));
    BOOST_TEST(throttled.status == 429, throttled.body);
    BOOST_TEST(throttled.body.find("too_many_requests") != std::string::npos);
    BOOST_TEST(throttled.header("retry-after") == "1");
    // Another account from the same address still logs in (3 failures < 6).
    BOOST_TEST(
        anonymous.postJson("/api/v1/auth/login", loginJson("office", server.office().password))
            .status == 200);
    // The delay passes: the right password gets in (no lockout).
    server.clock().advance(1);
    BOOST_TEST(anonymous.postJson("/api/v1/auth/login", loginJson("anna", anna.password)).status ==
               200);
    server.clock().advance(601);  // every failure forgotten

    // Per address: six failures on six accounts (unknown ones too) from
    // 127.0.0.1 delay the address for every account.
    for (int i = 0; i < 6; ++i)
        BOOST_TEST(
            anonymous.postJson("/api/v1/auth/login", loginJson("guess" + std::to_string(i), "x"))
                .status == 401);
    BOOST_TEST(
        anonymous.postJson("/api/v1/auth/login", loginJson("office", server.office().password))
            .status == 429);
    server.clock().advance(1);
    BOOST_TEST(
        anonymous.postJson("/api/v1/auth/login", loginJson("office", server.office().password))
            .status == 200);

    SqlProbe probe(server.storeUrl());
    BOOST_TEST(std::stoi(probe.scalar(
                   "SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_failed'")) == 9);
    BOOST_TEST(std::stoi(probe.scalar(
                   "SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_throttled'")) == 2);
    BOOST_TEST(probe.scalar("SELECT details FROM audit_log WHERE action = 'auth.login_failed' "
                            "ORDER BY sequence_number LIMIT 1") == "from 127.0.0.1");
}

// Issue 11, finding 9: one's sessions and tokens listed (never the secret)
// and revoked; an admin lists and revokes a user's, ends all of them, and a
// reset or a deactivation ends all of them too; each act audited.
BOOST_DATA_TEST_CASE(sessions_and_tokens_are_listed_and_revoked, data::make(kBackends), backend) {
    ServerHarness server(backend);
    SqlProbe probe(server.storeUrl());
    TestUser anna = server.addUser("anna", {Role::Employee});
    HttpClient admin = server.clientFor(server.addUser("root", {Role::Admin}));
    HttpClient byToken = server.clientFor(anna);
    auto loginSession = [&] {
        HttpReply login =
            server.anonymous().postJson("/api/v1/auth/login", loginJson("anna", anna.password));
        BOOST_TEST_REQUIRE(login.status == 200, login.body);
        return server.anonymous().with({{"Cookie", cookieOf(login)}});
    };
    HttpClient session = loginSession();
    HttpReply second = byToken.postJson("/api/v1/me/tokens", R"({"name":"export"})");
    BOOST_TEST_REQUIRE(second.status == 201, second.body);
    HttpClient exporter =
        server.anonymous().with({{"Authorization", "Bearer " + jsonString(second.body, "token")}});

    // Listed without secrets: the tests' token, the session, "export".
    HttpReply mine = session.get("/api/v1/me/tokens");
    BOOST_TEST_REQUIRE(mine.status == 200, mine.body);
    BOOST_TEST(jsonInt(mine.body, "total") == 3);
    BOOST_TEST(mine.body.find(anna.token) == std::string::npos);
    BOOST_TEST(mine.body.find(crypto::sha256Hex(anna.token)) == std::string::npos);
    BOOST_TEST(mine.body.find("\"name\":\"export\"") != std::string::npos, mine.body);
    BOOST_TEST(mine.body.find("\"kind\":\"session\"") != std::string::npos, mine.body);
    // The token used by the listing above has been noted as used.
    BOOST_TEST(mine.body.find("\"lastUsedAt\":\"20") != std::string::npos, mine.body);
    std::string exportId = crypto::sha256Hex(jsonString(second.body, "token")).substr(0, 16);

    // Revoking one's own token: it stops working, the others do not.
    BOOST_TEST(session.request("DELETE", "/api/v1/me/tokens/" + exportId).status == 204);
    BOOST_TEST(exporter.get("/api/v1/me").status == 401);
    BOOST_TEST(session.get("/api/v1/me").status == 200);
    BOOST_TEST(session.request("DELETE", "/api/v1/me/tokens/" + exportId).status == 404);
    // Another user's handle is not one's own.
    std::string adminTokens = admin.get("/api/v1/me/tokens").body;
    BOOST_TEST(jsonInt(adminTokens, "total") == 1);

    // The admin sees anna's and revokes her session; an employee may not.
    std::string annaPath = "/api/v1/users/" + std::to_string(anna.user.id);
    HttpReply hers = admin.get(annaPath + "/tokens");
    BOOST_TEST_REQUIRE(hers.status == 200, hers.body);
    BOOST_TEST(jsonInt(hers.body, "total") == 2);
    BOOST_TEST(byToken.get(annaPath + "/tokens").status == 403);
    std::string sessionId =
        probe.scalar("SELECT token_hash FROM credentials WHERE kind = 'session'").substr(0, 16);
    BOOST_TEST(admin.request("DELETE", annaPath + "/tokens/" + sessionId).status == 204);
    BOOST_TEST(session.get("/api/v1/me").status == 401);
    BOOST_TEST(byToken.get("/api/v1/me").status == 200);

    // Ending all of them.
    HttpClient again = loginSession();
    HttpReply ended = admin.postJson(annaPath + "/sessions/end", "{}");
    BOOST_TEST_REQUIRE(ended.status == 200, ended.body);
    BOOST_TEST(jsonInt(ended.body, "ended") == 2);
    BOOST_TEST(again.get("/api/v1/me").status == 401);
    BOOST_TEST(byToken.get("/api/v1/me").status == 401);
    BOOST_TEST(admin.postJson("/api/v1/users/999999/sessions/end", "{}").status == 404);

    // An admin's reset ends every session; so does a deactivation.
    HttpClient beforeReset = loginSession();
    BOOST_TEST(admin
                   .request("PUT", annaPath + "/password", R"({"password":"one-time-secret-9"})",
                            {{"Content-Type", "application/json"}})
                   .status == 204);
    BOOST_TEST(beforeReset.get("/api/v1/me").status == 401);
    HttpReply relogin =
        server.anonymous().postJson("/api/v1/auth/login", loginJson("anna", "one-time-secret-9"));
    BOOST_TEST_REQUIRE(relogin.status == 200, relogin.body);
    HttpClient beforeDeactivation = server.anonymous().with({{"Cookie", cookieOf(relogin)}});
    BOOST_TEST(beforeDeactivation.get("/api/v1/me").status == 200);
    BOOST_TEST(admin
                   .request("PATCH", annaPath, R"({"active":false})",
                            {{"Content-Type", "application/json"}})
                   .status == 200);
    BOOST_TEST(std::stoi(probe.scalar("SELECT COUNT(*) FROM credentials WHERE user_id = " +
                                      std::to_string(anna.user.id))) == 0);
    BOOST_TEST(std::stoi(probe.scalar(
                   "SELECT COUNT(*) FROM audit_log WHERE action = 'auth.token_revoke'")) == 2);
    BOOST_TEST(std::stoi(probe.scalar(
                   "SELECT COUNT(*) FROM audit_log WHERE action = 'auth.sessions_end'")) == 1);
}
