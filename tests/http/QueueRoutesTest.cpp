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
