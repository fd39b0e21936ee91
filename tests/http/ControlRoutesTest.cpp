// Managing what exists, through the HTTP API on both backends: accounts an
// admin creates must change their password first, users are changed and
// deactivated (and then cannot log in), passwords reset, documents
// corrected, units renamed — each audited with before and after; an author
// edits only his or her own drafts; the register answers for a date.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>

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
    BOOST_TEST(jsonInt(today.body, "limit") == 50);  // a page, as /documents
    BOOST_TEST(jsonInt(today.body, "offset") == 0);
    HttpReply paged = office.get("/api/v1/register?limit=5000&offset=20");
    BOOST_TEST_REQUIRE(paged.status == 200, paged.body);
    BOOST_TEST(jsonInt(paged.body, "limit") == 500);
    BOOST_TEST(jsonInt(paged.body, "offset") == 20);
    BOOST_TEST(office.get("/api/v1/register?limit=many").status == 400);
    BOOST_TEST(office.get("/api/v1/register?date=2024-13-01").status == 400);
    BOOST_TEST(office.get("/api/v1/register?kind=nonsense").status == 400);
}

namespace {

std::string percentEncoded(const std::string& text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    return out;
}

}  // namespace

// The people directory: those who build routes find approvers by name
// (case-folded Kazakh and Russian, every word), and learn nothing more than
// name, position and unit; inactive people and non-approvers are not in it.
BOOST_DATA_TEST_CASE(people_directory_finds_approvers_by_name, data::make(kBackends), backend) {
    ServerHarness server(backend);
    Unit unit = server.addUnit("Оқу-әдістемелік басқарма", "Учебно-методическое управление");
    Position position = server.addPosition("Проректор", "Проректор");
    server.addUser({"bekova",
                    {Role::Approver},
                    unit.id,
                    position.id,
                    Language::Kazakh,
                    "Әсел Қайратқызы Бекова",
                    "Асель Кайратовна Бекова"});
    server.addUser(
        {"omarov", {Role::Approver}, {}, {}, Language::Russian, "Руслан Омаров", "Руслан Омаров"});
    server.addUser({"bekov-reader",
                    {Role::Employee},
                    {},
                    {},
                    Language::Kazakh,
                    "Беков Оқырман",
                    "Беков Читатель"});
    TestUser gone = server.addUser({"bekbolat",
                                    {Role::Approver},
                                    {},
                                    {},
                                    Language::Kazakh,
                                    "Бекболат Кеткен",
                                    "Бекболат Ушедший"});
    HttpClient admin = server.clientFor(server.addUser("root", {Role::Admin}));
    BOOST_TEST_REQUIRE(admin
                           .request("PATCH", "/api/v1/users/" + std::to_string(gone.user.id),
                                    R"({"active":false})", kJson)
                           .status == 200);
    HttpClient author = server.clientFor(server.addUser("writer", {Role::Author}));

    HttpReply found = author.get("/api/v1/people?q=" + percentEncoded("БЕКОВА проректор"));
    BOOST_TEST_REQUIRE(found.status == 200, found.body);
    Poco::JSON::Array::Ptr items = parse(found.body)->getArray("items");
    BOOST_TEST_REQUIRE(items->size() == 1u);
    BOOST_TEST(items->getObject(0)->getValue<std::string>("fullNameKk") ==
               "Әсел Қайратқызы Бекова");
    BOOST_TEST(items->getObject(0)->getValue<std::string>("positionRu") == "Проректор");
    BOOST_TEST(items->getObject(0)->getValue<std::string>("unitKk") == "Оқу-әдістемелік басқарма");
    BOOST_TEST(found.body.find("\"more\":false") != std::string::npos, found.body);
    // Nothing of the account itself.
    for (const char* secret : {"bekova\"", "login", "email", "roles", "approver"})
        BOOST_TEST(found.body.find(secret) == std::string::npos, secret << " in " << found.body);

    // Only active approvers: not the employee, not the deactivated one.
    HttpReply bek = author.get("/api/v1/people?q=" + percentEncoded("бек"));
    BOOST_TEST_REQUIRE(bek.status == 200, bek.body);
    BOOST_TEST(bek.body.find("Бекова") != std::string::npos, bek.body);
    BOOST_TEST(bek.body.find("Беков Оқырман") == std::string::npos, bek.body);
    BOOST_TEST(bek.body.find("Бекболат") == std::string::npos, bek.body);

    // Everyone, by name, in bounded pages.
    HttpReply first = server.client().get("/api/v1/people?limit=1");
    BOOST_TEST_REQUIRE(first.status == 200, first.body);
    Poco::JSON::Array::Ptr page = parse(first.body)->getArray("items");
    BOOST_TEST_REQUIRE(page->size() == 1u);
    BOOST_TEST(page->getObject(0)->getValue<std::string>("fullNameKk") == "Руслан Омаров");
    BOOST_TEST(first.body.find("\"more\":true") != std::string::npos, first.body);
    BOOST_TEST(author.get("/api/v1/people?limit=51").status == 400);
    BOOST_TEST(author.get("/api/v1/people?limit=0").status == 400);
    BOOST_TEST(author.get("/api/v1/people?q=" + std::string(201, 'a')).status == 400);
    // Employees and approvers build no routes.
    HttpClient approver = server.clientFor(server.addUser("other", {Role::Approver}));
    BOOST_TEST(approver.get("/api/v1/people").status == 403);
}

// Units move under another unit or to the top level, audited; never under
// themselves or one of their own sub-units.
BOOST_DATA_TEST_CASE(units_move_under_a_parent_but_not_under_themselves, data::make(kBackends),
                     backend) {
    ServerHarness server(backend);
    SqlProbe probe(server.storeUrl());
    HttpClient admin = server.clientFor(server.addUser("root", {Role::Admin}));
    Unit faculty = server.addUnit("Факультет", "Факультет");
    Unit department = server.addUnit("Кафедра", "Кафедра");
    Unit lab = server.addUnit("Зертхана", "Лаборатория");
    auto move = [&](const HttpClient& client, const Unit& unit, const std::string& parent) {
        return client.request("PUT", "/api/v1/units/" + std::to_string(unit.id) + "/parent",
                              R"({"parentId":)" + parent + "}", kJson);
    };
    HttpReply moved = move(admin, department, std::to_string(faculty.id));
    BOOST_TEST_REQUIRE(moved.status == 200, moved.body);
    BOOST_TEST(jsonInt(moved.body, "parentId") == faculty.id);
    BOOST_TEST(move(admin, lab, std::to_string(department.id)).status == 200);
    // A loop refused: the faculty under its own grandchild, or itself.
    HttpReply loop = move(admin, faculty, std::to_string(lab.id));
    BOOST_TEST(loop.status == 400, loop.body);
    BOOST_TEST(move(admin, faculty, std::to_string(faculty.id)).status == 400);
    BOOST_TEST(move(admin, faculty, "999999").status == 404);
    BOOST_TEST(move(server.client(), lab, "null").status == 403);
    // Back to the top level.
    HttpReply top = move(admin, lab, "null");
    BOOST_TEST_REQUIRE(top.status == 200, top.body);
    BOOST_TEST(top.body.find("\"parentId\":null") != std::string::npos, top.body);
    std::string details = probe.scalar(
        "SELECT details FROM audit_log WHERE action = 'unit.move' ORDER BY sequence_number DESC "
        "LIMIT 1");
    BOOST_TEST(details == "parent «" + std::to_string(department.id) + "» -> «none»", details);
}
