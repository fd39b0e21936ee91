// The audit action declared on each route (Route::audit) is what a
// successful request on it leaves in the audit log. One successful request
// per audited route of the assembled server, in an order that builds what
// the next one needs (an account, a document, a draft, an edition in
// force, ...), on both backends; after each, the log holds one entry more
// with the route's action. A route that declares an audit action without a
// step here fails the test (add its step), as does a step whose route
// declares none.
//
// Who writes the entry is not this test's concern: the domain records the
// lifecycle, people and account acts in the act's own transaction; the
// register's edits (documents, editions, drafts, PDFs) are recorded by the
// HTTP gate after the fact until DocumentService records them itself —
// then this test is what shows that no entry was lost on the way.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <functional>
#include <map>
#include <set>

#include "LifecycleScenario.h"
#include "crypto/Digest.h"

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

namespace {

struct Step {
    std::string route;  // "METHOD pattern", as declared
    std::function<HttpReply()> request;
};

std::int64_t entriesWith(ServerHarness& server, const std::string& action) {
    AuditQuery query;
    query.action = action;
    query.limit = 1;
    auto page = server.storage().audit().listAudit(query);
    BOOST_TEST_REQUIRE(page.has_value(), page.error().message);
    return page->total;
}

// The handle that lists and revokes a session or token: its hash's start.
std::string handleOf(const std::string& token) {
    return crypto::sha256Hex(token).substr(0, 16);
}

std::string id(long long value) {
    return std::to_string(value);
}

const std::map<std::string, std::string> kAuditJson{{"Content-Type", "application/json"}};

}  // namespace

BOOST_DATA_TEST_CASE(every_audited_route_records_its_action, data::make(kBackends), backend) {
    ServerHarness server(backend);
    HttpClient office = server.client();
    Unit unit = server.addUnit("Зертхана", "Лаборатория");
    Position position = server.addPosition("Лауазым", "Должность");
    TestUser admin = server.addUser("admin", {Role::Admin});
    TestUser approver = server.addUser("approver", {Role::Approver});
    TestUser signer = server.addUser("signer", {Role::Approver});  // the route's signatory
    TestUser employee = server.addUser("employee", {Role::Employee}, unit.id);
    TestUser changer = server.addUser("changer", {Role::Employee});
    TestUser leaver = server.addUser("leaver", {Role::Employee});
    HttpClient asAdmin = server.clientFor(admin);
    HttpClient asApprover = server.clientFor(approver);
    HttpClient asEmployee = server.clientFor(employee);
    const std::string xml = readFile(fixture("minimal.xml"));  // СМЖ 07.БЕ.99, regulation, kk
    const std::string officePassword = server.office().password;

    // What the steps build and the later ones use.
    std::string session;
    long long documentId = 0, editionId = 0, nextId = 0, copyId = 0;
    std::string etag;

    const std::vector<Step> steps{
        {"POST /api/v1/auth/login",
         [&] {
             HttpReply reply = server.anonymous().postJson(
                 "/api/v1/auth/login",
                 R"({"login":"employee","password":")" + employee.password + R"("})");
             std::string cookie = reply.header("set-cookie");
             session = cookie.substr(0, cookie.find(';'));
             return reply;
         }},
        {"POST /api/v1/auth/logout",
         [&] {
             return server.anonymous()
                 .with({{"Cookie", session}})
                 .request("POST", "/api/v1/auth/logout", "{}", kAuditJson);
         }},
        {"PUT /api/v1/me/password",
         [&] {
             return server.clientFor(changer).request("PUT", "/api/v1/me/password",
                                                      R"({"oldPassword":")" + changer.password +
                                                          R"(","newPassword":"another-secret-1"})",
                                                      kAuditJson);
         }},
        {"POST /api/v1/me/tokens",
         [&] { return asEmployee.postJson("/api/v1/me/tokens", R"({"name":"audit"})"); }},
        {"DELETE /api/v1/me/tokens/{id}",
         [&] {
             HttpReply spare = asEmployee.postJson("/api/v1/me/tokens", R"({"name":"spare"})");
             BOOST_TEST_REQUIRE(spare.status == 201, spare.body);
             return asEmployee.request(
                 "DELETE", "/api/v1/me/tokens/" + handleOf(jsonString(spare.body, "token")));
         }},
        {"DELETE /api/v1/users/{id}/tokens/{tokenId}",
         [&] {
             return asAdmin.request("DELETE", "/api/v1/users/" + id(leaver.user.id) + "/tokens/" +
                                                  handleOf(leaver.token));
         }},
        {"POST /api/v1/users/{id}/sessions/end",
         [&] {
             return asAdmin.postJson("/api/v1/users/" + id(leaver.user.id) + "/sessions/end", "{}");
         }},
        {"POST /api/v1/units",
         [&] {
             return asAdmin.postJson("/api/v1/units", R"({"nameKk":"Кафедра","nameRu":"Кафедра"})");
         }},
        {"POST /api/v1/positions",
         [&] {
             return asAdmin.postJson("/api/v1/positions",
                                     R"({"nameKk":"Оқытушы","nameRu":"Преподаватель"})");
         }},
        {"POST /api/v1/users",
         [&] {
             return asAdmin.postJson(
                 "/api/v1/users",
                 R"({"login":"newcomer","fullNameKk":"Жаңа қызметкер","email":"newcomer@university.test",)"
                 R"("password":"newcomer-secret-1","roles":["employee"]})");
         }},
        {"POST /api/v1/documents",
         [&] {
             HttpReply reply = office.postJson(
                 "/api/v1/documents",
                 R"({"code":"СМЖ 07.БЕ.99","kind":"regulation","title":"Сынақ","unit":"","language":"kk"})");
             if (reply.status == 201) documentId = jsonInt(reply.body, "id");
             return reply;
         }},
        {"POST /api/v1/documents/{id}/editions",
         [&] {
             HttpReply reply =
                 office.postXml("/api/v1/documents/" + id(documentId) + "/editions", xml);
             if (reply.status == 201) {
                 editionId = jsonInt(reply.body, "id");
                 etag = reply.header("etag");
             }
             return reply;
         }},
        {"PUT /api/v1/editions/{id}",
         [&] {
             return office.request("PUT", editionPath(editionId), xml + "<!-- edited -->\n",
                                   {{"Content-Type", "application/xml"}, {"If-Match", etag}});
         }},
        {"PUT /api/v1/documents/{id}/distribution",
         [&] {
             return office.request("PUT", "/api/v1/documents/" + id(documentId) + "/distribution",
                                   "{\"unitIds\":[" + id(unit.id) + "]}", kAuditJson);
         }},
        {"GET /api/v1/editions/{id}/pdf",
         [&] { return office.get(editionPath(editionId) + "/pdf"); }},
        {"GET /api/v1/audit-package",
         [&] {
             std::string today = server.clock().today();
             return office.get("/api/v1/audit-package?from=" + today + "&to=" + today);
         }},
        {"POST /api/v1/editions/{id}/submit",
         [&] {
             return office.postJson(editionPath(editionId) + "/submit",
                                    R"({"password":")" + officePassword +
                                        R"(","route":[{"userId":)" + id(approver.user.id) +
                                        R"(}],"signatoryUserId":)" + id(signer.user.id) + "}");
         }},
        {"POST /api/v1/editions/{id}/agree",
         [&] {
             return asApprover.postJson(editionPath(editionId) + "/agree",
                                        signBody(approver.password));
         }},
        {"POST /api/v1/editions/{id}/approve",
         [&] {
             return server.clientFor(signer).postJson(
                 editionPath(editionId) + "/approve",
                 R"({"password":")" + signer.password + R"(","decision":"№7"})");
         }},
        {"POST /api/v1/editions/{id}/familiarize",
         [&] {
             return asEmployee.postJson(editionPath(editionId) + "/familiarize",
                                        signBody(employee.password));
         }},
        {"POST /api/v1/editions/{id}/copies",
         [&] {
             HttpReply reply = office.postJson(editionPath(editionId) + "/copies",
                                               R"({"holderUserId":)" + id(employee.user.id) + "}");
             if (reply.status == 201) copyId = jsonInt(reply.body, "id");
             return reply;
         }},
        {"GET /api/v1/copies/{id}/pdf",
         [&] { return office.get("/api/v1/copies/" + id(copyId) + "/pdf"); }},
        {"POST /api/v1/copies/{id}/recall",
         [&] { return office.postJson("/api/v1/copies/" + id(copyId) + "/recall", "{}"); }},
        {"POST /api/v1/editions/{id}/review",
         [&] {
             return office.postJson(
                 editionPath(editionId) + "/review",
                 R"({"password":")" + officePassword + R"(","outcome":"confirmed"})");
         }},
        {"POST /api/v1/documents/{id}/editions/next",
         [&] {
             HttpReply reply =
                 office.request("POST", "/api/v1/documents/" + id(documentId) + "/editions/next");
             if (reply.status == 201) nextId = jsonInt(reply.body, "id");
             return reply;
         }},
        {"GET /api/v1/editions/{a}/compare/{b}/pdf",
         [&] { return office.get(editionPath(editionId) + "/compare/" + id(nextId) + "/pdf"); }},
        {"POST /api/v1/editions/{id}/reject",
         [&] {
             HttpReply submitted = office.postJson(
                 editionPath(nextId) + "/submit",
                 R"({"password":")" + officePassword + R"(","route":[{"userId":)" +
                     id(approver.user.id) + R"(}],"signatoryUserId":)" + id(signer.user.id) + "}");
             BOOST_TEST_REQUIRE(submitted.status == 200, submitted.body);
             return asApprover.postJson(editionPath(nextId) + "/reject",
                                        signBody(approver.password, "түзету керек"));
         }},
        {"POST /api/v1/editions/{id}/cancel",
         [&] {
             return office.postJson(editionPath(nextId) + "/cancel", R"({"comment":"қажет емес"})");
         }},
        {"POST /api/v1/editions/{id}/register-in-force",
         [&] {
             // A paper edition approved outside the system, registered as it is.
             HttpReply next =
                 office.request("POST", "/api/v1/documents/" + id(documentId) + "/editions/next");
             BOOST_TEST_REQUIRE(next.status == 201, next.body);
             return office.postJson(editionPath(jsonInt(next.body, "id")) + "/register-in-force",
                                    R"({"decision":"№ 8","effectiveDate":"2026-12-01"})");
         }},
        {"PATCH /api/v1/documents/{id}",
         [&] {
             return office.request("PATCH", "/api/v1/documents/" + id(documentId),
                                   R"({"title":"Түзетілген"})", kAuditJson);
         }},
        {"PATCH /api/v1/users/{id}",
         [&] {
             return asAdmin.request("PATCH", "/api/v1/users/" + id(changer.user.id),
                                    R"({"fullNameRu":"Сотрудник"})", kAuditJson);
         }},
        {"PUT /api/v1/users/{id}/password",
         [&] {
             return asAdmin.request("PUT", "/api/v1/users/" + id(changer.user.id) + "/password",
                                    R"({"password":"one-time-secret-1"})", kAuditJson);
         }},
        {"PATCH /api/v1/units/{id}",
         [&] {
             return asAdmin.request("PATCH", "/api/v1/units/" + id(unit.id),
                                    R"({"nameKk":"Жаңа зертхана"})", kAuditJson);
         }},
        {"PUT /api/v1/units/{id}/parent",
         [&] {
             Unit parent = server.addUnit("Институт", "Институт");
             return asAdmin.request("PUT", "/api/v1/units/" + id(unit.id) + "/parent",
                                    R"({"parentId":)" + id(parent.id) + "}", kAuditJson);
         }},
        {"PATCH /api/v1/positions/{id}",
         [&] {
             return asAdmin.request("PATCH", "/api/v1/positions/" + id(position.id),
                                    R"({"nameKk":"Жаңа лауазым"})", kAuditJson);
         }},
    };

    std::map<std::string, std::string> declared;  // route -> its audit action
    for (const http::Route& route : server.router().routes())
        if (!route.audit.empty()) declared.emplace(route.method + " " + route.pattern, route.audit);
    std::set<std::string> covered;
    for (const Step& step : steps) {
        covered.insert(step.route);
        BOOST_TEST_REQUIRE(declared.contains(step.route),
                           step.route << " declares no audit action (or is not routed)");
        const std::string& action = declared.at(step.route);
        std::int64_t before = entriesWith(server, action);
        HttpReply reply = step.request();
        BOOST_TEST_REQUIRE((reply.status >= 200 && reply.status < 300),
                           step.route << ": " << reply.status << " " << reply.body.substr(0, 300));
        BOOST_TEST(entriesWith(server, action) == before + 1,
                   step.route << " succeeded without one more audit entry «" << action << "»");
    }
    for (const auto& [route, action] : declared)
        BOOST_TEST(covered.contains(route), route << " declares the audit action «" << action
                                                  << "» but no step here requests it: add one");
}
