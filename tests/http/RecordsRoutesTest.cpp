// What the register tells over HTTP on both backends (issue 12): a document
// under revision stays in force and in the register; a deactivated person's
// signatures stay in the lifecycle, the print and the familiarization log;
// 50 people signing one edition at once all succeed; the public verify page
// names the organisation, the document, the edition, its status and dates,
// and the edition that replaced it.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdio>
#include <thread>

#include "LifecycleScenario.h"
#include "support/SqlProbe.h"

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

namespace {

const std::map<std::string, std::string> kRecordsJson = {{"Content-Type", "application/json"}};

std::string readRecordsCommand(const std::string& command) {
    FILE* pipe = ::popen(command.c_str(), "r");
    std::string output;
    char buffer[4096];
    std::size_t read = 0;
    while (pipe && (read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.append(buffer, read);
    if (pipe) ::pclose(pipe);
    return output;
}

std::string recordsPdfText(const std::string& pdf) {
    TempDir directory("records-pdf");
    const std::string file = (directory.path() / "edition.pdf").string();
    writeFile(file, pdf);
    return readRecordsCommand("pdftotext -q -enc UTF-8 '" + file + "' -");
}

struct Posted {
    long long documentId = 0;
    long long editionId = 0;
    std::string sha256;
};

// A document (minimal.xml: СМЖ 07.БЕ.99) with edition 1 registered in force.
Posted inForce(const HttpClient& office) {
    Posted posted;
    HttpReply document = office.postJson(
        "/api/v1/documents",
        R"({"code":"СМЖ 07.БЕ.99","kind":"regulation","title":"Сынақ бөлімі туралы","unit":"","language":"kk"})");
    BOOST_TEST_REQUIRE(document.status == 201, document.body);
    posted.documentId = jsonInt(document.body, "id");
    HttpReply edition =
        office.postXml("/api/v1/documents/" + std::to_string(posted.documentId) + "/editions",
                       readFile(fixture("minimal.xml")));
    BOOST_TEST_REQUIRE(edition.status == 201, edition.body);
    posted.editionId = jsonInt(edition.body, "id");
    posted.sha256 = jsonString(edition.body, "sha256");
    HttpReply registered = office.postJson(editionPath(posted.editionId) + "/register-in-force",
                                           R"({"effectiveDate":"2026-01-15"})");
    BOOST_TEST_REQUIRE(registered.status == 200, registered.body);
    return posted;
}

}  // namespace

BOOST_DATA_TEST_CASE(a_document_under_revision_stays_in_force_and_registered, data::make(kBackends),
                     backend) {
    ServerHarness server(backend);
    HttpClient office = server.client();
    Posted posted = inForce(office);
    HttpReply next = office.request(
        "POST", "/api/v1/documents/" + std::to_string(posted.documentId) + "/editions/next");
    BOOST_TEST_REQUIRE(next.status == 201, next.body);
    HttpReply listed = office.get("/api/v1/documents?status=in_force");
    BOOST_TEST_REQUIRE(listed.status == 200, listed.body);
    BOOST_TEST(listed.body.find("\"id\":" + std::to_string(posted.documentId)) != std::string::npos,
               listed.body);
    HttpReply drafts = office.get("/api/v1/documents?status=draft");
    BOOST_TEST(drafts.body.find("СМЖ 07.БЕ.99") != std::string::npos, drafts.body);
    HttpReply registered = office.get("/api/v1/register");
    BOOST_TEST_REQUIRE(registered.status == 200, registered.body);
    BOOST_TEST(jsonInt(registered.body, "total") == 1);
    BOOST_TEST(registered.body.find("\"editionId\":" + std::to_string(posted.editionId)) !=
                   std::string::npos,
               registered.body);
}

BOOST_DATA_TEST_CASE(a_deactivated_persons_signatures_stay_in_every_record, data::make(kBackends),
                     backend) {
    ServerHarness server(backend);
    HttpClient office = server.client();
    HttpClient admin = server.clientFor(server.addUser("root", {Role::Admin}));
    Unit unit = server.addUnit("Сынақ бөлімі");
    TestUser leaver = server.addUser(UserSpec{
        "leaver", {Role::Employee}, unit.id, {}, Language::Kazakh, "Кеткен Қызметкер", ""});
    Posted posted = inForce(office);
    BOOST_TEST(
        office
            .request("PUT",
                     "/api/v1/documents/" + std::to_string(posted.documentId) + "/distribution",
                     "{\"unitIds\":[" + std::to_string(unit.id) + "]}", kRecordsJson)
            .status == 200);
    server.tick();
    HttpReply signedIt = server.clientFor(leaver).postJson(
        editionPath(posted.editionId) + "/familiarize", signBody(leaver.password));
    BOOST_TEST_REQUIRE(signedIt.status == 201, signedIt.body);

    HttpReply deactivated =
        admin.request("PATCH", "/api/v1/users/" + std::to_string(leaver.user.id),
                      R"({"active":false})", kRecordsJson);
    BOOST_TEST_REQUIRE(deactivated.status == 200, deactivated.body);
    BOOST_TEST(server.anonymous()
                   .postJson("/api/v1/auth/login",
                             R"({"login":"leaver","password":")" + leaver.password + R"("})")
                   .status == 401);
    BOOST_TEST(server.clientFor(leaver).get("/api/v1/me").status == 401);

    HttpReply lifecycle = office.get(editionPath(posted.editionId) + "/lifecycle");
    BOOST_TEST_REQUIRE(lifecycle.status == 200, lifecycle.body);
    BOOST_TEST(lifecycle.body.find("Кеткен Қызметкер") != std::string::npos, lifecycle.body);
    HttpReply log = office.get(editionPath(posted.editionId) + "/familiarizations?signed=true");
    BOOST_TEST_REQUIRE(log.status == 200, log.body);
    BOOST_TEST(log.body.find("\"userId\":" + std::to_string(leaver.user.id)) != std::string::npos,
               log.body);
    HttpReply pdf = office.get(editionPath(posted.editionId) + "/pdf");
    BOOST_TEST_REQUIRE(pdf.status == 200);
    std::string text = recordsPdfText(pdf.body);
    BOOST_TEST(text.find("Кеткен") != std::string::npos, text);
}

BOOST_DATA_TEST_CASE(fifty_people_sign_one_edition_at_once_over_http, data::make(kBackends),
                     backend) {
    constexpr int kSigners = 50;
    ServerHarness server(backend);
    HttpClient office = server.client();
    Unit unit = server.addUnit("Барлығы");
    std::vector<TestUser> people;
    for (int i = 0; i < kSigners; ++i)
        people.push_back(server.addUser("signer" + std::to_string(i), {Role::Employee}, unit.id));
    Posted posted = inForce(office);
    BOOST_TEST(
        office
            .request("PUT",
                     "/api/v1/documents/" + std::to_string(posted.documentId) + "/distribution",
                     "{\"unitIds\":[" + std::to_string(unit.id) + "]}", kRecordsJson)
            .status == 200);
    BOOST_TEST_REQUIRE(server.tick().assignmentsCreated >= kSigners);

    const std::string familiarize = editionPath(posted.editionId) + "/familiarize";
    std::vector<int> statuses(kSigners, 0);
    std::vector<std::string> bodies(kSigners);
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kSigners; ++i)
        threads.emplace_back([&, i] {
            HttpClient client = server.clientFor(people[static_cast<std::size_t>(i)]);
            ++ready;
            while (ready.load() < kSigners) std::this_thread::yield();
            HttpReply reply = client.postJson(
                familiarize, signBody(people[static_cast<std::size_t>(i)].password));
            statuses[static_cast<std::size_t>(i)] = reply.status;
            bodies[static_cast<std::size_t>(i)] = reply.body;
        });
    for (std::thread& thread : threads) thread.join();
    for (int i = 0; i < kSigners; ++i)
        BOOST_TEST(statuses[static_cast<std::size_t>(i)] == 201,
                   "signer" << i << ": " << bodies[static_cast<std::size_t>(i)]);
    SqlProbe probe(server.storeUrl());
    BOOST_TEST(count(probe, "signatures WHERE meaning = 'familiarized'") == kSigners);
}

BOOST_DATA_TEST_CASE(the_public_verify_page_names_the_edition_and_its_successor,
                     data::make(kBackends), backend) {
    ServerHarness server(backend);
    HttpClient office = server.client();
    Posted first = inForce(office);
    std::string next = readFile(fixture("minimal.xml"));
    next.replace(next.find("number=\"1\""), 10, "number=\"2\"");
    HttpReply second =
        office.postXml("/api/v1/documents/" + std::to_string(first.documentId) + "/editions", next);
    BOOST_TEST_REQUIRE(second.status == 201, second.body);
    long long secondId = jsonInt(second.body, "id");
    std::string secondSha = jsonString(second.body, "sha256");
    BOOST_TEST_REQUIRE(office
                           .postJson(editionPath(secondId) + "/register-in-force",
                                     R"({"effectiveDate":"2026-02-20"})")
                           .status == 200);

    std::string path = "/verify/" + std::to_string(first.editionId) + "/" + first.sha256;
    HttpReply json = server.anonymous().get(path, {{"Accept", "application/json"}});
    BOOST_TEST_REQUIRE(json.status == 200, json.body);
    BOOST_TEST(jsonString(json.body, "status") == "superseded");
    BOOST_TEST(jsonString(json.body, "documentCode") == "СМЖ 07.БЕ.99");
    BOOST_TEST(jsonString(json.body, "documentTitle") == "Сынақ бөлімі туралы");
    BOOST_TEST(jsonInt(json.body, "number") == 1);
    BOOST_TEST(jsonString(json.body, "language") == "kk");
    BOOST_TEST(jsonString(json.body, "effectiveDate") == "2026-01-15");
    BOOST_TEST(!jsonString(json.body, "organisation").empty(), json.body);
    std::string successor = "/verify/" + std::to_string(secondId) + "/" + secondSha;
    Poco::JSON::Object::Ptr replaced = parse(json.body)->getObject("replacedBy");
    BOOST_TEST_REQUIRE(!replaced.isNull(), json.body);
    BOOST_TEST(replaced->getValue<long long>("id") == secondId);
    BOOST_TEST(replaced->getValue<int>("number") == 2);
    BOOST_TEST(replaced->getValue<std::string>("url") == successor);

    HttpReply page = server.anonymous().get(path);
    BOOST_TEST_REQUIRE(page.status == 200);
    for (const std::string& needle :
         {jsonString(json.body, "organisation"), std::string("СМЖ 07.БЕ.99"),
          std::string("Сынақ бөлімі туралы"), std::string("id=\"number\">1<"),
          std::string("id=\"language\">kk<"), std::string("data-status=\"superseded\""),
          std::string("2026-01-15"), "href=\"" + successor + "\""})
        BOOST_TEST(page.body.find(needle) != std::string::npos, "«" << needle << "»");

    // The edition in force names no successor.
    HttpReply current = server.anonymous().get(
        "/verify/" + std::to_string(secondId) + "/" + secondSha, {{"Accept", "application/json"}});
    BOOST_TEST(jsonString(current.body, "status") == "in_force");
    BOOST_TEST(current.body.find("\"replacedBy\":null") != std::string::npos, current.body);
    BOOST_TEST(jsonString(current.body, "effectiveDate") == "2026-02-20");
}
