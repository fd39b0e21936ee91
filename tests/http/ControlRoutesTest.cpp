// Managing what exists, through the HTTP API on both backends: accounts an
// admin creates must change their password first, users are changed and
// deactivated (and then cannot log in), passwords reset, documents
// corrected, units renamed — each audited with before and after; an author
// edits only his or her own drafts; the register answers for a date.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "LifecycleScenario.h"
#include "support/SqlProbe.h"

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

namespace {

const std::map<std::string, std::string> kJson = {{"Content-Type", "application/json"}};

HttpReply loginAs(ServerHarness& server, const std::string& login, const std::string& password) {
    return server.anonymous().postJson(
        "/api/v1/auth/login", R"({"login":")" + login + R"(","password":")" + password + R"("})");
}

}  // namespace

BOOST_DATA_TEST_CASE(accounts_are_changed_deactivated_and_reset_with_audit, data::make(kBackends),
                     backend) {
    ServerHarness server(backend);
    SqlProbe probe(server.storeUrl());
    HttpClient admin = server.clientFor(server.addUser("root", {Role::Admin}));
    HttpReply created = admin.postJson(
        "/api/v1/users",
        R"({"login":"newcomer","fullNameKk":"Жаңа қызметкер","email":"newcomer@university.test",)"
        R"("password":"newcomer-secret-1","roles":["employee"]})");
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    long long id = jsonInt(created.body, "id");
    std::string path = "/api/v1/users/" + std::to_string(id);
    // Created by an admin: a one-time password.
    BOOST_TEST(created.body.find("\"mustChangePassword\":true") != std::string::npos, created.body);
    HttpReply first = loginAs(server, "newcomer", "newcomer-secret-1");
    BOOST_TEST_REQUIRE(first.status == 200, first.body);
    std::string cookie = first.header("set-cookie");
    HttpClient newcomer = server.anonymous().with({{"Cookie", cookie.substr(0, cookie.find(';'))}});
    BOOST_TEST(newcomer.get("/api/v1/documents").status == 403);

    HttpReply changed = admin.request(
        "PATCH", path, R"({"fullNameRu":"Новый сотрудник","roles":["approver"],"active":false})",
        kJson);
    BOOST_TEST_REQUIRE(changed.status == 200, changed.body);
    BOOST_TEST(jsonString(changed.body, "fullNameRu") == "Новый сотрудник");
    BOOST_TEST(changed.body.find("\"active\":false") != std::string::npos, changed.body);
    std::string details =
        probe.scalar("SELECT details FROM audit_log WHERE action = 'user.update'");
    BOOST_TEST(details.find("active «true» -> «false»") != std::string::npos, details);
    BOOST_TEST(details.find("roles «employee» -> «approver»") != std::string::npos, details);
    // Deactivated: no login, no session; the account stays.
    BOOST_TEST(loginAs(server, "newcomer", "newcomer-secret-1").status == 401);
    BOOST_TEST(newcomer.get("/api/v1/me").status == 401);
    BOOST_TEST(admin.get(path).status == 200);
    BOOST_TEST(admin.request("PATCH", path, R"({"login":"other"})", kJson).status == 400);
    BOOST_TEST(admin.request("PATCH", "/api/v1/users/999999", R"({"active":true})", kJson).status ==
               404);
    BOOST_TEST(server.client().request("PATCH", path, R"({"active":true})", kJson).status == 403);

    // Reactivated and reset: the new password works once, then must change.
    BOOST_TEST(admin.request("PATCH", path, R"({"active":true})", kJson).status == 200);
    BOOST_TEST(admin.request("PUT", path + "/password", R"({"password":"reset-secret-22"})", kJson)
                   .status == 204);
    BOOST_TEST(loginAs(server, "newcomer", "newcomer-secret-1").status == 401);
    BOOST_TEST(loginAs(server, "newcomer", "reset-secret-22").status == 200);
    BOOST_TEST(admin.get(path).body.find("\"mustChangePassword\":true") != std::string::npos);

    // Units and positions are renamed, audited with before and after.
    Unit unit = server.addUnit("Ескі атау", "Старое название");
    HttpReply renamed = admin.request("PATCH", "/api/v1/units/" + std::to_string(unit.id),
                                      R"({"nameKk":"Жаңа атау","nameRu":"Новое название"})", kJson);
    BOOST_TEST_REQUIRE(renamed.status == 200, renamed.body);
    BOOST_TEST(jsonString(renamed.body, "nameKk") == "Жаңа атау");
    std::string unitAudit =
        probe.scalar("SELECT details FROM audit_log WHERE action = 'unit.rename'");
    BOOST_TEST(unitAudit.find("Ескі атау") != std::string::npos, unitAudit);
    BOOST_TEST(unitAudit.find("Жаңа атау") != std::string::npos, unitAudit);
}

BOOST_DATA_TEST_CASE(an_author_edits_only_own_drafts, data::make(kBackends), backend) {
    ServerHarness server(backend);
    SqlProbe probe(server.storeUrl());
    HttpClient mine = server.clientFor(server.addUser("author1", {Role::Author}));
    HttpClient theirs = server.clientFor(server.addUser("author2", {Role::Author}));
    HttpClient office = server.client();
    HttpReply document = mine.postJson(
        "/api/v1/documents",
        R"({"code":"СМЖ 07.БЕ.99","kind":"regulation","title":"Сынақ","unit":"","language":"kk"})");
    BOOST_TEST_REQUIRE(document.status == 201, document.body);
    long long documentId = jsonInt(document.body, "id");
    std::string xml = readFile(fixture("minimal.xml"));
    HttpReply edition =
        mine.postXml("/api/v1/documents/" + std::to_string(documentId) + "/editions", xml);
    BOOST_TEST_REQUIRE(edition.status == 201, edition.body);
    std::string path = editionPath(jsonInt(edition.body, "id"));
    auto put = [&](const HttpClient& client, int revision) {
        return client.request("PUT", path, xml,
                              {{"Content-Type", "application/xml"},
                               {"If-Match", "\"" + std::to_string(revision) + "\""}});
    };
    HttpReply refused = put(theirs, 1);
    BOOST_TEST(refused.status == 403, refused.body);
    BOOST_TEST(refused.body.find("author") != std::string::npos, refused.body);
    BOOST_TEST(put(mine, 1).status == 200);
    BOOST_TEST(put(office, 2).status == 200);

    // The quality office corrects the document; an author may not.
    std::string documentPath = "/api/v1/documents/" + std::to_string(documentId);
    BOOST_TEST(mine.request("PATCH", documentPath, R"({"title":"Басқа"})", kJson).status == 403);
    HttpReply corrected = office.request("PATCH", documentPath,
                                         R"({"title":"Түзетілген атау","unit":"Кафедра"})", kJson);
    BOOST_TEST_REQUIRE(corrected.status == 200, corrected.body);
    BOOST_TEST(jsonString(corrected.body, "title") == "Түзетілген атау");
    std::string details =
        probe.scalar("SELECT details FROM audit_log WHERE action = 'document.update'");
    BOOST_TEST(details.find("title «Сынақ» -> «Түзетілген атау»") != std::string::npos, details);
}

BOOST_DATA_TEST_CASE(register_answers_for_a_date, data::make(kBackends), backend) {
    ServerHarness server(backend);
    HttpClient office = server.client();
    HttpReply today = office.get("/api/v1/register");
    BOOST_TEST_REQUIRE(today.status == 200, today.body);
    BOOST_TEST(jsonString(today.body, "date") == server.clock().today());
    BOOST_TEST(jsonInt(today.body, "total") == 0);
    BOOST_TEST(office.get("/api/v1/register?date=2024-13-01").status == 400);
    BOOST_TEST(office.get("/api/v1/register?kind=nonsense").status == 400);
}
