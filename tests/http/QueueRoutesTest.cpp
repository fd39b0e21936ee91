// The approver's queue in one request (GET /api/v1/me/queue) and the names
// on the route's steps (GET /api/v1/editions/{id}/lifecycle), on both
// backends: whose turn it is follows the route (agreeing steps in order,
// then the signatory once all agreed); every reply matches openapi.json.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>

#include <set>

#include "LifecycleScenario.h"
#include "OpenApiCheck.h"

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

namespace {

// "stage:editionId" of each item of the caller's queue, in order.
std::vector<std::string> queueOf(const HttpClient& client) {
    HttpReply reply = client.get("/api/v1/me/queue");
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    std::vector<std::string> items;
    Poco::JSON::Array::Ptr list = parse(reply.body)->getArray("items");
    for (std::size_t i = 0; i < list->size(); ++i) {
        Poco::JSON::Object::Ptr item = list->getObject(static_cast<unsigned>(i));
        items.push_back(item->getValue<std::string>("stage") + ":" +
                        std::to_string(item->getObject("edition")->getValue<long long>("id")));
    }
    return items;
}

using Queue = std::vector<std::string>;

}  // namespace

BOOST_DATA_TEST_CASE(approver_queue_and_named_steps, data::make(kBackends), backend) {
    ServerHarness server(backend);
    ReplyRecorder recorder;
    HttpClient office = server.client();
    UserSpec spec{"first",        {Role::Approver}, {}, {}, Language::Kazakh,
                  "Сахиев Б. Ж.", "Сахиев Б. Ж."};
    TestUser first = server.addUser(spec);
    spec = {"second", {Role::Approver}, {}, {}, Language::Russian, "Омаров Р. С.", "Омаров Р. С."};
    TestUser second = server.addUser(spec);
    spec = {"rector", {Role::Approver}, {}, {}, Language::Kazakh, "Наметов А. М.", "Наметов А. М."};
    TestUser rector = server.addUser(spec);
    TestUser employee = server.addUser("reader", {Role::Employee});
    HttpClient firstClient = server.clientFor(first);
    HttpClient secondClient = server.clientFor(second);
    HttpClient rectorClient = server.clientFor(rector);

    // Two editions in agreement: A (first, then second, then the rector),
    // B (second alone, then the rector).
    auto draft = [&](const std::string& code) {
        std::string xml = readFile(fixture("minimal.xml"));
        xml.replace(xml.find("СМЖ 07.БЕ.99"), std::string("СМЖ 07.БЕ.99").size(), code);
        HttpReply document = office.postJson(
            "/api/v1/documents",
            R"({"code":")" + code +
                R"(","kind":"regulation","title":"Сынақ","unit":"","language":"kk"})");
        BOOST_TEST_REQUIRE(document.status == 201, document.body);
        HttpReply edition = office.postXml(
            "/api/v1/documents/" + std::to_string(jsonInt(document.body, "id")) + "/editions", xml);
        BOOST_TEST_REQUIRE(edition.status == 201, edition.body);
        return jsonInt(edition.body, "id");
    };
    auto step = [](const TestUser& user, int order, const char* kind) {
        return R"({"userId":)" + std::to_string(user.user.id) + R"(,"order":)" +
               std::to_string(order) + R"(,"kind":")" + kind + "\"}";
    };
    const long long a = draft("СМЖ 07.БЕ.90");
    const long long b = draft("СМЖ 07.БЕ.91");
    HttpReply sentA = office.postJson(
        editionPath(a) + "/submit",
        R"({"password":")" + server.office().password + R"(","route":[)" + step(first, 1, "agree") +
            "," + step(second, 2, "agree") + "," + step(rector, 1, "sign") + "]}");
    BOOST_TEST_REQUIRE(sentA.status == 200, sentA.body);
    server.clock().advance(60);  // B is sent a minute later
    HttpReply sentB =
        office.postJson(editionPath(b) + "/submit",
                        R"({"password":")" + server.office().password + R"(","route":[)" +
                            step(second, 1, "agree") + "," + step(rector, 1, "sign") + "]}");
    BOOST_TEST_REQUIRE(sentB.status == 200, sentB.body);

    // The route names everyone on it, the pending signatory too.
    auto steps = parse(sentA.body)->getArray("steps");
    BOOST_TEST_REQUIRE(steps->size() == 3u);
    std::set<std::string> named;
    for (std::size_t i = 0; i < steps->size(); ++i) {
        auto item = steps->getObject(static_cast<unsigned>(i));
        named.insert(item->getValue<std::string>("kind") + " " +
                     item->getValue<std::string>("fullNameKk"));
    }
    BOOST_TEST((named == std::set<std::string>{"agree Сахиев Б. Ж.", "agree Омаров Р. С.",
                                               "sign Наметов А. М."}));

    // Each approver sees only what is his turn; oldest sending first.
    BOOST_TEST((queueOf(firstClient) == Queue{"agree:" + std::to_string(a)}));
    BOOST_TEST((queueOf(secondClient) == Queue{"agree:" + std::to_string(b)}));
    BOOST_TEST(queueOf(rectorClient).empty());  // nothing agreed yet
    BOOST_TEST(queueOf(server.clientFor(employee)).empty());
    BOOST_TEST(queueOf(office).empty());

    BOOST_TEST_REQUIRE(
        firstClient.postJson(editionPath(a) + "/agree", signBody(first.password)).status == 200);
    BOOST_TEST(queueOf(firstClient).empty());
    BOOST_TEST((queueOf(secondClient) ==
                Queue{"agree:" + std::to_string(a), "agree:" + std::to_string(b)}));
    BOOST_TEST_REQUIRE(
        secondClient.postJson(editionPath(b) + "/agree", signBody(second.password)).status == 200);
    BOOST_TEST((queueOf(rectorClient) == Queue{"approve:" + std::to_string(b)}));
    BOOST_TEST_REQUIRE(
        secondClient.postJson(editionPath(a) + "/agree", signBody(second.password)).status == 200);
    BOOST_TEST(queueOf(secondClient).empty());
    BOOST_TEST((queueOf(rectorClient) ==
                Queue{"approve:" + std::to_string(a), "approve:" + std::to_string(b)}));

    // The item carries what the page shows: the document and the record.
    HttpReply reply = rectorClient.get("/api/v1/me/queue");
    auto item = parse(reply.body)->getArray("items")->getObject(0);
    BOOST_TEST(item->getObject("document")->getValue<std::string>("code") == "СМЖ 07.БЕ.90");
    BOOST_TEST(item->getObject("lifecycle")->getValue<std::string>("status") == "agreed");
    BOOST_TEST(item->getObject("lifecycle")->getArray("signatures")->size() == 3u);

    HttpReply approved =
        rectorClient.postJson(editionPath(a) + "/approve", R"({"password":")" + rector.password +
                                                               R"(","decision":"№ 7 бұйрық"})");
    BOOST_TEST_REQUIRE(approved.status == 200, approved.body);
    BOOST_TEST((queueOf(rectorClient) == Queue{"approve:" + std::to_string(b)}));

    OpenApiCheck description = OpenApiCheck::load(sourceDir() / "server/http/openapi.json");
    std::set<std::string> problems;
    for (const Exchange& exchange : recorder.exchanges())
        for (std::string& problem :
             description.problems(exchange.method, exchange.path, exchange.reply))
            problems.insert(std::move(problem));
    for (const std::string& problem : problems) BOOST_TEST_ERROR(problem);
}

// The dashboard (GET /api/v1/dashboard): editions by status, whose turn each
// route waits on and since when (longest first), familiarization of the
// editions in force per unit with the overdue counted after the due date.
BOOST_DATA_TEST_CASE(dashboard_shows_turns_and_familiarization_per_unit, data::make(kBackends),
                     backend) {
    ServerHarness server(backend);
    ReplyRecorder recorder;
    HttpClient office = server.client();
    TestUser first = server.addUser(
        {"first", {Role::Approver}, {}, {}, Language::Kazakh, "Сахиев Б. Ж.", "Сахиев Б. Ж."});
    TestUser rector = server.addUser(
        {"rector", {Role::Approver}, {}, {}, Language::Kazakh, "Наметов А. М.", "Наметов А. М."});
    Unit unit = server.addUnit("Кафедра", "Кафедра");
    TestUser reader = server.addUser("reader", {Role::Employee}, unit.id);
    server.addUser("late", {Role::Employee}, unit.id);
    server.addUser("nounit", {Role::Employee});

    auto draft = [&](const std::string& code) {
        std::string xml = readFile(fixture("minimal.xml"));
        xml.replace(xml.find("СМЖ 07.БЕ.99"), std::string("СМЖ 07.БЕ.99").size(), code);
        HttpReply document = office.postJson(
            "/api/v1/documents",
            R"({"code":")" + code +
                R"(","kind":"regulation","title":"Сынақ","unit":"","language":"kk"})");
        BOOST_TEST_REQUIRE(document.status == 201, document.body);
        long long documentId = jsonInt(document.body, "id");
        HttpReply edition =
            office.postXml("/api/v1/documents/" + std::to_string(documentId) + "/editions", xml);
        BOOST_TEST_REQUIRE(edition.status == 201, edition.body);
        return std::pair(documentId, jsonInt(edition.body, "id"));
    };
    auto send = [&](long long edition) {
        HttpReply sent = office.postJson(
            editionPath(edition) + "/submit",
            R"({"password":")" + server.office().password + R"(","route":[{"userId":)" +
                std::to_string(first.user.id) + R"(,"order":1,"kind":"agree"},{"userId":)" +
                std::to_string(rector.user.id) + R"(,"order":1,"kind":"sign"}]})");
        BOOST_TEST_REQUIRE(sent.status == 200, sent.body);
    };
    auto [inForceDocument, inForce] = draft("СМЖ 07.БЕ.80");
    auto [waitingDocument, waiting] = draft("СМЖ 07.БЕ.81");
    draft("СМЖ 07.БЕ.82");  // stays a draft
    (void)waitingDocument;
    send(inForce);
    server.clock().advance(3600);
    send(waiting);
    server.clock().advance(60);  // the agreement comes a minute later
    BOOST_TEST_REQUIRE(server.clientFor(first)
                           .postJson(editionPath(inForce) + "/agree", signBody(first.password))
                           .status == 200);

    HttpReply board = office.get("/api/v1/dashboard");
    BOOST_TEST_REQUIRE(board.status == 200, board.body);
    auto figures = parse(board.body);
    auto byStatus = figures->getObject("editionsByStatus");
    BOOST_TEST(byStatus->getValue<int>("draft") == 1);
    BOOST_TEST(byStatus->getValue<int>("in_agreement") == 1);
    BOOST_TEST(byStatus->getValue<int>("agreed") == 1);
    BOOST_TEST(byStatus->getValue<int>("in_force") == 0);
    // The agreed edition waits on the rector since the agreement; the other
    // on the first approver since it was sent, an hour later: longest first.
    auto routes = figures->getArray("waiting");
    BOOST_TEST_REQUIRE(routes->size() == 2u);
    auto rectorTurn = routes->getObject(1);
    auto firstTurn = routes->getObject(0);
    BOOST_TEST(rectorTurn->getObject("edition")->getValue<long long>("id") == inForce);
    BOOST_TEST(rectorTurn->getValue<std::string>("stage") == "approve");
    BOOST_TEST(
        rectorTurn->getArray("waitingFor")->getObject(0)->getValue<std::string>("fullNameKk") ==
        "Наметов А. М.");
    BOOST_TEST(firstTurn->getObject("edition")->getValue<long long>("id") == waiting);
    BOOST_TEST(firstTurn->getValue<std::string>("stage") == "agree");
    BOOST_TEST(firstTurn->getArray("waitingFor")->getObject(0)->getValue<long long>("id") ==
               first.user.id);
    BOOST_TEST(firstTurn->getValue<std::string>("since") <
               rectorTurn->getValue<std::string>("since"));

    // Into force for the unit: two assigned, one signs, the other is late.
    HttpReply distribution = office.request(
        "PUT", "/api/v1/documents/" + std::to_string(inForceDocument) + "/distribution",
        "{\"unitIds\":[" + std::to_string(unit.id) + "]}", {{"Content-Type", "application/json"}});
    BOOST_TEST_REQUIRE(distribution.status == 200, distribution.body);
    HttpReply approved = server.clientFor(rector).postJson(
        editionPath(inForce) + "/approve",
        R"({"password":")" + rector.password + R"(","decision":"№ 7 бұйрық"})");
    BOOST_TEST_REQUIRE(approved.status == 200, approved.body);
    server.tick();
    BOOST_TEST_REQUIRE(statusOf(office, inForce) == "in_force");
    BOOST_TEST_REQUIRE(
        server.clientFor(reader)
            .postJson(editionPath(inForce) + "/familiarize", signBody(reader.password))
            .status == 201);
    auto completion = [&]() -> Poco::JSON::Object::Ptr {
        HttpReply reply = office.get("/api/v1/dashboard");
        BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
        return parse(reply.body)->getObject("familiarization");
    };
    Poco::JSON::Object::Ptr now = completion();
    Poco::JSON::Array::Ptr units = now->getArray("units");
    BOOST_TEST_REQUIRE(units->size() == 1u);
    BOOST_TEST(units->getObject(0)->getValue<long long>("unitId") == unit.id);
    BOOST_TEST(units->getObject(0)->getValue<int>("assigned") == 2);
    BOOST_TEST(units->getObject(0)->getValue<int>("signed") == 1);
    BOOST_TEST(units->getObject(0)->getValue<int>("overdue") == 0);
    server.clock().advance(30 * kDay);
    Poco::JSON::Object::Ptr later = completion();
    BOOST_TEST(later->getArray("units")->getObject(0)->getValue<int>("overdue") == 1);
    BOOST_TEST(later->getObject("whole")->getValue<int>("assigned") == 2);
    BOOST_TEST(later->getObject("whole")->getValue<int>("overdue") == 1);

    // Quality records: not for approvers or employees.
    BOOST_TEST(server.clientFor(first).get("/api/v1/dashboard").status == 403);
    BOOST_TEST(server.clientFor(reader).get("/api/v1/dashboard").status == 403);

    OpenApiCheck description = OpenApiCheck::load(sourceDir() / "server/http/openapi.json");
    std::set<std::string> problems;
    for (const Exchange& exchange : recorder.exchanges())
        for (std::string& problem :
             description.problems(exchange.method, exchange.path, exchange.reply))
            problems.insert(std::move(problem));
    for (const std::string& problem : problems) BOOST_TEST_ERROR(problem);
}
