// The JSON API over real loopback HTTP, on both storage backends.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <barrier>
#include <chrono>
#include <set>
#include <thread>

#include "ServerHarness.h"
#include "crypto/Digest.h"
#include "http/ApiRoutes.h"

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

namespace {

std::string between(const std::string& text, const std::string& open, const std::string& close) {
    auto start = text.find(open);
    BOOST_REQUIRE(start != std::string::npos);
    start += open.size();
    return text.substr(start, text.find(close, start) - start);
}

std::string codeOf(const std::string& xml) {
    return between(xml, "<code>", "</code>");
}
std::string kindOf(const std::string& xml) {
    return between(xml, "<kind>", "</kind>");
}

std::string documentJson(const std::string& code, const std::string& kind,
                         const std::string& title = "Коворкинг орталығы туралы ереже") {
    return R"({"code":")" + code + R"(","kind":")" + kind + R"(","title":")" + title +
           R"(","unit":"Сапа бөлімі","language":"kk"})";
}

long long createDocumentFor(const HttpClient& client, const std::string& xml) {
    HttpReply reply = client.postJson("/api/v1/documents", documentJson(codeOf(xml), kindOf(xml)));
    BOOST_TEST_REQUIRE(reply.status == 201, reply.body);
    return jsonInt(reply.body, "id");
}

struct PostedEdition {
    long long documentId;
    long long editionId;
    std::string etag;
};

PostedEdition postFixture(const HttpClient& client, const std::string& xml) {
    long long documentId = createDocumentFor(client, xml);
    HttpReply reply =
        client.postXml("/api/v1/documents/" + std::to_string(documentId) + "/editions", xml);
    BOOST_TEST_REQUIRE(reply.status == 201, reply.body);
    return {documentId, jsonInt(reply.body, "id"), reply.header("etag")};
}

std::string editionPath(long long id) {
    return "/api/v1/editions/" + std::to_string(id);
}

// A harmless edit: a comment after the root element keeps the XML valid.
std::string edited(const std::string& xml, int mark) {
    return xml + "<!-- edit " + std::to_string(mark) + " -->\n";
}

Poco::JSON::Object::Ptr errorObject(const HttpReply& reply) {
    Poco::JSON::Parser parser;
    return parser.parse(reply.body).extract<Poco::JSON::Object::Ptr>()->getObject("error");
}

std::string errorCode(const HttpReply& reply) {
    return errorObject(reply)->getValue<std::string>("code");
}

}  // namespace

BOOST_DATA_TEST_CASE(health_answers_ok, data::make(kBackends), backend) {
    ServerHarness server(backend);
    HttpReply reply = server.client().get("/healthz");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.body == R"({"status":"ok"})");
    BOOST_TEST(!reply.header("x-request-id").empty());
}

BOOST_DATA_TEST_CASE(documents_are_created_listed_and_unique, data::make(kBackends), backend) {
    BOOST_TEST_MESSAGE("backend " << backend);
    ServerHarness server(backend);
    HttpClient client = server.client();
    HttpReply created =
        client.postJson("/api/v1/documents", documentJson("СМЖ 07.БЕ.51", "regulation"));
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    BOOST_TEST(jsonString(created.body, "code") == "СМЖ 07.БЕ.51");
    BOOST_TEST(jsonString(created.body, "title") == "Коворкинг орталығы туралы ереже");
    BOOST_TEST(created.header("location") ==
               "/api/v1/documents/" + std::to_string(jsonInt(created.body, "id")));

    HttpReply duplicate =
        client.postJson("/api/v1/documents", documentJson("СМЖ 07.БЕ.51", "regulation"));
    BOOST_TEST(duplicate.status == 409);
    BOOST_TEST(errorCode(duplicate) == "conflict");

    BOOST_TEST_REQUIRE(
        client
            .postJson("/api/v1/documents",
                      documentJson("ҚП 082-2022", "documented_procedure", "Құжаттаманы басқару"))
            .status == 201);
    HttpReply all = client.get("/api/v1/documents");
    BOOST_TEST(all.status == 200);
    BOOST_TEST(jsonInt(all.body, "total") == 2);
    HttpReply procedures = client.get("/api/v1/documents?kind=documented_procedure");
    BOOST_TEST(jsonInt(procedures.body, "total") == 1);
    BOOST_TEST(procedures.body.find("ҚП 082-2022") != std::string::npos);
    // q=«Коворкинг», percent-encoded
    HttpReply search =
        client.get("/api/v1/documents?q=%D0%9A%D0%BE%D0%B2%D0%BE%D1%80%D0%BA%D0%B8%D0%BD%D0%B3");
    BOOST_TEST(jsonInt(search.body, "total") == 1);
    HttpReply paged = client.get("/api/v1/documents?limit=1&offset=1");
    BOOST_TEST(jsonInt(paged.body, "total") == 2);
    BOOST_TEST(paged.body.find("ҚП 082-2022") != std::string::npos);
    BOOST_TEST(client.get("/api/v1/documents?kind=memo").status == 400);
    BOOST_TEST(client.get("/api/v1/documents?limit=abc").status == 400);
    BOOST_TEST(client.get("/api/v1/documents/999999").status == 404);
}

BOOST_DATA_TEST_CASE(bad_document_requests_get_400, data::make(kBackends), backend) {
    ServerHarness server(backend);
    HttpClient client = server.client();
    HttpReply malformed = client.postJson("/api/v1/documents", R"({"code": "X", )");
    BOOST_TEST(malformed.status == 400);
    BOOST_TEST(errorCode(malformed) == "invalid_argument");
    BOOST_TEST(malformed.body.find("malformed JSON") != std::string::npos);
    BOOST_TEST(client.postJson("/api/v1/documents", "[1,2]").status == 400);
    BOOST_TEST(
        client.postJson("/api/v1/documents", R"({"kind":"regulation","title":"T","language":"kk"})")
            .status == 400);
    BOOST_TEST(client
                   .postJson("/api/v1/documents",
                             R"({"code":"A","kind":"memo","title":"T","language":"kk"})")
                   .status == 400);
    BOOST_TEST(client
                   .postJson("/api/v1/documents",
                             R"({"code":"A","kind":"regulation","title":"T","language":"en"})")
                   .status == 400);
    BOOST_TEST(client
                   .postJson("/api/v1/documents",
                             R"({"code":"  ","kind":"regulation","title":"T","language":"kk"})")
                   .status == 400);
}

BOOST_DATA_TEST_CASE(edition_xml_round_trips_byte_exact, data::make(kBackends), backend) {
    BOOST_TEST_MESSAGE("backend " << backend);
    ServerHarness server(backend);
    HttpClient client = server.client();
    for (const char* name : {"000-wkatu-coworking.xml", "003-kru-software-dept.xml"}) {
        std::string xml = readFile(fixture(name));
        HttpReply reply = client.postXml(
            "/api/v1/documents/" + std::to_string(createDocumentFor(client, xml)) + "/editions",
            xml);
        BOOST_TEST_REQUIRE(reply.status == 201, reply.body);
        BOOST_TEST(jsonInt(reply.body, "number") == 1);
        BOOST_TEST(jsonInt(reply.body, "revision") == 1);
        BOOST_TEST(jsonString(reply.body, "status") == "draft");
        BOOST_TEST(jsonString(reply.body, "sha256") == crypto::sha256Hex(xml));
        BOOST_TEST(reply.header("etag") == "\"1\"");
        long long id = jsonInt(reply.body, "id");

        HttpReply asXml = client.get(editionPath(id), {{"Accept", "application/xml"}});
        BOOST_TEST(asXml.status == 200);
        BOOST_TEST(asXml.header("content-type") == "application/xml");
        BOOST_TEST(asXml.body == xml);  // byte-identical
        BOOST_TEST(crypto::sha256Hex(asXml.body) == crypto::sha256Hex(xml));

        HttpReply asJson = client.get(editionPath(id));
        BOOST_TEST(asJson.status == 200);
        BOOST_TEST(jsonString(asJson.body, "sha256") == crypto::sha256Hex(xml));
        BOOST_TEST(jsonInt(asJson.body, "size") == static_cast<long long>(xml.size()));
    }
}

BOOST_DATA_TEST_CASE(invalid_editions_get_422_with_position, data::make(kBackends), backend) {
    ServerHarness server(backend);
    HttpClient client = server.client();
    std::string minimal = readFile(fixture("minimal.xml"));
    long long documentId = createDocumentFor(client, minimal);
    std::string path = "/api/v1/documents/" + std::to_string(documentId) + "/editions";

    HttpReply broken = client.postXml(path, minimal.substr(0, minimal.size() / 2));
    BOOST_TEST(broken.status == 422);
    BOOST_TEST(errorCode(broken) == "invalid_document");
    BOOST_TEST(errorObject(broken)->getValue<int>("line") > 0);
    BOOST_TEST(errorObject(broken)->getValue<int>("column") > 0);

    for (const char* name : {"invalid/unknown-element.xml", "invalid/bad-date.xml"}) {
        HttpReply invalid = client.postXml(path, readFile(fixture(name)));
        BOOST_TEST(invalid.status == 422, name << ": " << invalid.body);
        BOOST_TEST(invalid.body.find("\"line\":") != std::string::npos);
        BOOST_TEST(invalid.body.find("\"column\":") != std::string::npos);
    }
    HttpReply wrongType = client.request("POST", path, minimal, {{"Content-Type", "text/plain"}});
    BOOST_TEST(wrongType.status == 415);
    HttpReply otherCode = client.postXml(
        "/api/v1/documents/" +
            std::to_string(jsonInt(
                client.postJson("/api/v1/documents", documentJson("OTHER-1", kindOf(minimal))).body,
                "id")) +
            "/editions",
        minimal);
    BOOST_TEST(otherCode.status == 422);
    BOOST_TEST(otherCode.body.find("code") != std::string::npos);
    BOOST_TEST(client.postXml("/api/v1/documents/424242/editions", minimal).status == 404);
    HttpReply twice = client.postXml(path, minimal);
    BOOST_TEST(twice.status == 201);
    BOOST_TEST(client.postXml(path, minimal).status == 409);  // edition 1 exists
}

BOOST_DATA_TEST_CASE(draft_updates_need_a_current_if_match, data::make(kBackends), backend) {
    BOOST_TEST_MESSAGE("backend " << backend);
    ServerHarness server(backend);
    HttpClient client = server.client();
    std::string xml = readFile(fixture("minimal.xml"));
    PostedEdition posted = postFixture(client, xml);
    std::string path = editionPath(posted.editionId);

    HttpReply missing =
        client.request("PUT", path, edited(xml, 1), {{"Content-Type", "application/xml"}});
    BOOST_TEST(missing.status == 428);
    BOOST_TEST(errorCode(missing) == "precondition_required");

    HttpReply updated =
        client.request("PUT", path, edited(xml, 1),
                       {{"Content-Type", "application/xml"}, {"If-Match", posted.etag}});
    BOOST_TEST_REQUIRE(updated.status == 200, updated.body);
    BOOST_TEST(updated.header("etag") == "\"2\"");
    BOOST_TEST(jsonString(updated.body, "sha256") == crypto::sha256Hex(edited(xml, 1)));

    HttpReply stale =
        client.request("PUT", path, edited(xml, 2),
                       {{"Content-Type", "application/xml"}, {"If-Match", posted.etag}});
    BOOST_TEST(stale.status == 412);
    BOOST_TEST(client.get(path, {{"Accept", "application/xml"}}).body == edited(xml, 1));

    HttpReply renumbered = client.request(
        "PUT", path, std::string(xml).replace(xml.find("number=\"1\""), 10, "number=\"7\""),
        {{"Content-Type", "application/xml"}, {"If-Match", "\"2\""}});
    BOOST_TEST(renumbered.status == 422);

    HttpReply registered = client.postJson(path + "/register-in-force", "{}");
    BOOST_TEST_REQUIRE(registered.status == 200, registered.body);
    HttpReply frozen = client.request("PUT", path, edited(xml, 3),
                                      {{"Content-Type", "application/xml"}, {"If-Match", "\"2\""}});
    BOOST_TEST(frozen.status == 409);
    BOOST_TEST(client.get(path, {{"Accept", "application/xml"}}).body == edited(xml, 1));
    BOOST_TEST(client
                   .request("PUT", editionPath(987654), xml,
                            {{"Content-Type", "application/xml"}, {"If-Match", "\"1\""}})
                   .status == 404);
}

BOOST_DATA_TEST_CASE(two_clients_racing_on_one_draft_one_wins, data::make(kBackends), backend) {
    BOOST_TEST_MESSAGE("backend " << backend);
    ServerHarness server(backend);
    HttpClient client = server.client();
    std::string xml = readFile(fixture("minimal.xml"));
    PostedEdition posted = postFixture(client, xml);
    std::string etag = posted.etag;
    const std::string path = editionPath(posted.editionId);
    for (int round = 0; round < 20; ++round) {
        std::barrier start(2);
        int statuses[2] = {0, 0};
        std::string etags[2];
        auto put = [&](int who) {
            HttpClient own = server.client();
            start.arrive_and_wait();
            HttpReply reply =
                own.request("PUT", path, edited(xml, round * 2 + who),
                            {{"Content-Type", "application/xml"}, {"If-Match", etag}});
            statuses[who] = reply.status;
            etags[who] = reply.header("etag");
        };
        std::thread first(put, 0), second(put, 1);
        first.join();
        second.join();
        std::multiset<int> seen{statuses[0], statuses[1]};
        BOOST_TEST_REQUIRE((seen == std::multiset<int>{200, 412}),
                           "round " << round << ": " << statuses[0] << " " << statuses[1]);
        etag = statuses[0] == 200 ? etags[0] : etags[1];
    }
    BOOST_TEST(etag == "\"21\"");
}

BOOST_DATA_TEST_CASE(next_edition_copies_the_latest, data::make(kBackends), backend) {
    ServerHarness server(backend);
    HttpClient client = server.client();
    std::string xml = readFile(fixture("000-wkatu-coworking.xml"));
    PostedEdition posted = postFixture(client, xml);
    std::string next = "/api/v1/documents/" + std::to_string(posted.documentId) + "/editions/next";
    HttpReply whileDraft = client.request("POST", next);
    BOOST_TEST(whileDraft.status == 409);

    HttpReply registered =
        client.postJson(editionPath(posted.editionId) + "/register-in-force", "{}");
    BOOST_TEST_REQUIRE(registered.status == 200, registered.body);
    HttpReply created = client.request("POST", next);
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    BOOST_TEST(jsonInt(created.body, "number") == 2);
    BOOST_TEST(jsonString(created.body, "status") == "draft");
    std::string copy =
        client.get(editionPath(jsonInt(created.body, "id")), {{"Accept", "application/xml"}}).body;
    BOOST_TEST(copy.find("<edition number=\"2\"") != std::string::npos);
    BOOST_TEST(copy.find("Коворкинг") != std::string::npos);
    BOOST_TEST(jsonString(created.body, "sha256") == crypto::sha256Hex(copy));

    HttpReply document = client.get("/api/v1/documents/" + std::to_string(posted.documentId));
    Poco::JSON::Parser parser;
    auto editions =
        parser.parse(document.body).extract<Poco::JSON::Object::Ptr>()->getArray("editions");
    BOOST_TEST(editions->size() == 2u);
    BOOST_TEST(client.request("POST", "/api/v1/documents/777777/editions/next").status == 404);
}

BOOST_DATA_TEST_CASE(routing_errors_and_body_limit, data::make(kBackends), backend) {
    http::HttpConfig config;
    config.maxBodyBytes = 64 * 1024;
    ServerHarness server(backend, config);
    HttpClient client = server.client();
    HttpReply unknown = client.get("/api/v1/nothing-here");
    BOOST_TEST(unknown.status == 404);
    BOOST_TEST(errorCode(unknown) == "not_found");
    BOOST_TEST(client.get("/").status == 404);
    HttpReply wrongMethod = client.request("DELETE", "/api/v1/documents");
    BOOST_TEST(wrongMethod.status == 405);
    BOOST_TEST(wrongMethod.header("allow") == "POST, GET");
    BOOST_TEST(errorCode(wrongMethod) == "method_not_allowed");
    BOOST_TEST(client.get("/api/v1/editions/abc").status == 404);

    std::string xml = readFile(fixture("minimal.xml"));
    long long documentId = createDocumentFor(client, xml);
    std::string big = xml + "<!--" + std::string(100 * 1024, 'x') + "-->";
    HttpReply tooLarge =
        client.postXml("/api/v1/documents/" + std::to_string(documentId) + "/editions", big);
    BOOST_TEST(tooLarge.status == 413);
    BOOST_TEST(errorCode(tooLarge) == "payload_too_large");
    HttpReply chunked =
        client.request("POST", "/api/v1/documents/" + std::to_string(documentId) + "/editions", big,
                       {{"Content-Type", "application/xml"}, {"Transfer-Encoding", "chunked"}});
    BOOST_TEST(chunked.status == 413);
    HttpReply chunkedSmall = client.request(
        "POST", "/api/v1/documents/" + std::to_string(documentId) + "/editions", xml + "\n",
        {{"Content-Type", "application/xml"}, {"Transfer-Encoding", "chunked"}});
    BOOST_TEST(chunkedSmall.status == 201, chunkedSmall.body);
    // The refused uploads stored nothing: the only edition is the small one.
    std::string stored = client.get("/api/v1/documents/" + std::to_string(documentId)).body;
    BOOST_TEST(stored.find("\"number\":1") != std::string::npos);
    BOOST_TEST(stored.find("\"size\":" + std::to_string(xml.size() + 1)) != std::string::npos,
               stored);
}

BOOST_AUTO_TEST_CASE(openapi_describes_exactly_the_route_table) {
    ServerHarness server("sqlite");
    HttpReply reply = server.client().get("/api/v1/openapi.json");
    BOOST_TEST_REQUIRE(reply.status == 200);
    Poco::JSON::Parser parser;
    auto document = parser.parse(reply.body).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(document->getValue<std::string>("openapi").starts_with("3."));
    std::set<std::string> described;
    auto paths = document->getObject("paths");
    for (const auto& [path, item] : *paths)
        for (const auto& [method, operation] : *item.extract<Poco::JSON::Object::Ptr>()) {
            std::string upper = method;
            std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
            described.insert(upper + " " + path);
            auto responses = operation.extract<Poco::JSON::Object::Ptr>()->getObject("responses");
            BOOST_TEST(responses->size() > 0u, upper << " " << path << " lists no responses");
        }
    std::set<std::string> routed;
    for (const http::Route& route : server.router().routes())
        routed.insert(route.method + " " + route.pattern);
    BOOST_TEST(described == routed, boost::test_tools::per_element());
}

BOOST_DATA_TEST_CASE(edition_pdf_is_printed_once_per_content_and_profile, data::make(kBackends),
                     backend) {
    ServerHarness server(backend);
    HttpClient client = server.client();
    std::string xml = readFile(fixture("000-wkatu-coworking.xml"));
    PostedEdition posted = postFixture(client, xml);
    std::string path = editionPath(posted.editionId) + "/pdf";

    HttpReply first = client.get(path);
    BOOST_TEST_REQUIRE(first.status == 200, first.body.substr(0, 500));
    BOOST_TEST(first.header("content-type") == "application/pdf");
    BOOST_TEST(first.body.starts_with("%PDF-"));
    BOOST_TEST(first.header("x-cache") == "miss");
    BOOST_TEST(first.header("x-profile") == "wkatu");  // the profile the edition names
    BOOST_TEST(first.header("x-edition-sha256") == crypto::sha256Hex(xml));
    BOOST_TEST(std::stoi(first.header("x-pages")) > 1);

    HttpReply again = client.get(path);
    BOOST_TEST(again.header("x-cache") == "hit");
    BOOST_TEST(again.body == first.body);

    HttpReply other = client.get(path + "?profile=satbayev");
    BOOST_TEST(other.status == 200);
    BOOST_TEST(other.header("x-profile") == "satbayev");
    BOOST_TEST(other.header("x-cache") == "miss");

    // A new revision is new content: printed afresh.
    HttpReply updated =
        client.request("PUT", editionPath(posted.editionId), edited(xml, 1),
                       {{"Content-Type", "application/xml"}, {"If-Match", posted.etag}});
    BOOST_TEST_REQUIRE(updated.status == 200);
    HttpReply afterEdit = client.get(path);
    BOOST_TEST(afterEdit.header("x-cache") == "miss");
    BOOST_TEST(afterEdit.header("x-edition-sha256") == crypto::sha256Hex(edited(xml, 1)));

    BOOST_TEST(client.get(path + "?profile=no-such-profile").status == 404);
    BOOST_TEST(client.get(path + "?profile=..%2Fetc").status == 400);
    BOOST_TEST(client.get(editionPath(999999) + "/pdf").status == 404);
}

// A paper edition registered in force through the API: the facts stated in
// the body, the rest from the XML, shown by the lifecycle route as recorded
// facts (no signature); the edition in force is superseded by the next.
BOOST_DATA_TEST_CASE(register_in_force_records_the_paper_facts, data::make(kBackends), backend) {
    ServerHarness server(backend);
    HttpClient client = server.client();
    std::string xml = readFile(fixture("000-wkatu-coworking.xml"));
    PostedEdition posted = postFixture(client, xml);
    const std::string path = editionPath(posted.editionId);

    HttpReply badDate =
        client.postJson(path + "/register-in-force", R"({"effectiveDate":"14.11.2022"})");
    BOOST_TEST(badDate.status == 400, badDate.body);
    HttpReply author = server.clientFor(server.addUser("author1", {Role::Author}))
                           .postJson(path + "/register-in-force", "{}");
    BOOST_TEST(author.status == 403, author.body);

    HttpReply registered =
        client.postJson(path + "/register-in-force",
                        R"({"decision":"№ 13","sourceFile":"000_f400d2e770514cf9.txt"})");
    BOOST_TEST_REQUIRE(registered.status == 200, registered.body);
    HttpReply lifecycle = client.get(path + "/lifecycle");
    BOOST_TEST_REQUIRE(lifecycle.status == 200, lifecycle.body);
    Poco::JSON::Parser parser;
    auto record = parser.parse(lifecycle.body).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(record->getValue<std::string>("status") == "in_force");
    auto paper = record->getObject("paperApproval");
    BOOST_TEST_REQUIRE(!paper.isNull(), lifecycle.body);
    BOOST_TEST(paper->getValue<std::string>("decision") == "№ 13");
    BOOST_TEST(paper->getValue<std::string>("approverName") == "А. М. Наметов");
    BOOST_TEST(paper->getValue<std::string>("approvalDate") == "2022-11-11");
    BOOST_TEST(paper->getValue<std::string>("effectiveDate") == "2022-11-14");
    BOOST_TEST(paper->getValue<std::string>("sourceFile") == "000_f400d2e770514cf9.txt");
    BOOST_TEST(paper->getObject("recordedBy")->getValue<std::string>("login") ==
               server.office().user.login);
    BOOST_TEST(record->getArray("signatures")->size() == 0u);
    HttpReply again = client.postJson(path + "/register-in-force", "{}");
    BOOST_TEST(again.status == 409, again.body);

    HttpReply next = client.request(
        "POST", "/api/v1/documents/" + std::to_string(posted.documentId) + "/editions/next");
    BOOST_TEST_REQUIRE(next.status == 201, next.body);
    HttpReply second =
        client.postJson(editionPath(jsonInt(next.body, "id")) + "/register-in-force", "{}");
    BOOST_TEST_REQUIRE(second.status == 200, second.body);
    BOOST_TEST(jsonString(client.get(path).body, "status") == "superseded");
}
