// The redline PDF through the API (issue 13): GET
// /api/v1/editions/{a}/compare/{b}/pdf on the 000 fixture and its edited
// copy — sealed (pdfsig: valid, total document signed), qpdf --check clean,
// the inserted and deleted words and the summary's clause numbers in its
// text, the banner; served from the cache the second time and audited every
// time; Russian labels on request; 400, 401, 403 and 404 where they belong.
// On both backends.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <memory>
#include <string>

#include "ServerHarness.h"

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

namespace {

std::string output(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>&1").c_str(), "r"), pclose);
    BOOST_REQUIRE(pipe != nullptr);
    std::string text;
    std::array<char, 4096> buffer{};
    while (std::size_t read = fread(buffer.data(), 1, buffer.size(), pipe.get()))
        text.append(buffer.data(), read);
    return text;
}

std::string redlineReplaced(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

long long postRedlineEdition(const HttpClient& client, long long documentId,
                             const std::string& xml) {
    HttpReply reply =
        client.postXml("/api/v1/documents/" + std::to_string(documentId) + "/editions", xml);
    BOOST_TEST_REQUIRE(reply.status == 201, reply.body);
    return jsonInt(reply.body, "id");
}

struct RedlinePair {
    long long first = 0;   // edition 1: the 000 fixture
    long long second = 0;  // edition 2: its edited copy (a draft)
};

RedlinePair postRedlinePair(const HttpClient& client) {
    HttpReply document = client.postJson(
        "/api/v1/documents",
        R"({"code":"СМЖ 07.БЕ.51","kind":"regulation","title":"Коворкинг орталығы туралы",)"
        R"("unit":"Сапа бөлімі","language":"kk"})");
    BOOST_TEST_REQUIRE(document.status == 201, document.body);
    long long documentId = jsonInt(document.body, "id");
    RedlinePair pair;
    pair.first =
        postRedlineEdition(client, documentId, readFile(fixture("000-wkatu-coworking.xml")));
    pair.second =
        postRedlineEdition(client, documentId,
                           redlineReplaced(readFile(fixture("compare/000-edited.xml")),
                                           R"(<edition number="1"/>)", R"(<edition number="2"/>)"));
    return pair;
}

std::string redlinePath(long long from, long long to) {
    return "/api/v1/editions/" + std::to_string(from) + "/compare/" + std::to_string(to) + "/pdf";
}

int auditEntries(ServerHarness& server, long long editionId) {
    AuditQuery query;
    query.action = "edition.download_redline_pdf";
    query.objectType = "edition";
    query.objectId = std::to_string(editionId);
    auto page = server.storage().audit().listAudit(query);
    BOOST_TEST_REQUIRE(page.has_value());
    return static_cast<int>(page->items.size());
}

}  // namespace

BOOST_DATA_TEST_CASE(the_redline_of_the_000_pair_is_sealed_and_shows_the_changes,
                     data::make(kBackends), backend) {
    ServerHarness server(backend);
    HttpClient client = server.client();
    RedlinePair pair = postRedlinePair(client);

    HttpReply reply = client.get(redlinePath(pair.first, pair.second));
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body.substr(0, 300));
    BOOST_TEST(reply.header("content-type") == "application/pdf");
    BOOST_TEST(reply.header("x-changes") == "7");  // six elements and the edition number
    BOOST_TEST(reply.header("x-cache") == "miss");
    BOOST_TEST(reply.header("x-from-revision") == "1");
    BOOST_TEST(reply.body.starts_with("%PDF-"));

    TempDir directory("redline");
    std::string pdf = (directory.path() / "redline.pdf").string();
    writeFile(pdf, reply.body);
    std::string check = output("qpdf --check '" + pdf + "'");
    BOOST_TEST(check.find("No syntax or stream encoding errors found") != std::string::npos, check);
    // pdfsig's exit code says nothing: read its text.
    std::string signatures = output("pdfsig '" + pdf + "'");
    BOOST_TEST(signatures.find("Signature #1") != std::string::npos, signatures);
    BOOST_TEST(signatures.find("Signature is Valid.") != std::string::npos, signatures);
    BOOST_TEST(signatures.find("Total document signed") != std::string::npos, signatures);
    BOOST_TEST(signatures.find("Not total document signed") == std::string::npos, signatures);
    BOOST_TEST(signatures.find("Signature #2") == std::string::npos, signatures);
    // The seal says the file is a comparison of the two editions: verified,
    // it is the organisation's redline, never a copy of edition b.
    HttpReply verified =
        client.request("POST", "/api/v1/verify", reply.body, {{"Content-Type", "application/pdf"}});
    BOOST_TEST_REQUIRE(verified.status == 200, verified.body);
    BOOST_TEST(verified.body.find(R"("genuine":true,"printed":"comparison","comparedWith":)" +
                                  std::to_string(pair.first)) != std::string::npos,
               verified.body);
    BOOST_TEST(verified.body.find(R"("edition":{"id":)" + std::to_string(pair.second)) !=
                   std::string::npos,
               verified.body);

    std::string text = output("pdftotext -layout '" + pdf + "' -");
    for (const char* expected :
         {"САЛЫСТЫРУ — бақылаулы құжат емес", "Басылымдарды салыстыру: өзгерістер тізімі",
          "1.2-тармақ", "3.1-тармақ", "5.3-тармақ", "тәулік бойы", "қолайлы жұмыс жасауда",
          "[бұрын: 3.1-тармақ]"})
        BOOST_TEST(text.find(expected) != std::string::npos, expected);
    BOOST_TEST(auditEntries(server, pair.second) == 1);

    // Printed and sealed once: the same bytes the second time, audited again.
    HttpReply again = client.get(redlinePath(pair.first, pair.second));
    BOOST_TEST_REQUIRE(again.status == 200);
    BOOST_TEST(again.header("x-cache") == "hit");
    BOOST_TEST((again.body == reply.body));
    BOOST_TEST(auditEntries(server, pair.second) == 2);

    // Russian labels on request; an auditor reads it too.
    HttpClient auditor = server.clientFor(server.addUser("auditor1", {Role::Auditor}));
    HttpReply russian = auditor.get(redlinePath(pair.first, pair.second) + "?lang=ru");
    BOOST_TEST_REQUIRE(russian.status == 200, russian.body.substr(0, 300));
    writeFile(pdf, russian.body);
    BOOST_TEST(output("pdftotext '" + pdf + "' -")
                   .find("СРАВНЕНИЕ — не является контролируемым документом") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(redline_errors) {
    ServerHarness server("sqlite");
    HttpClient client = server.client();
    RedlinePair pair = postRedlinePair(client);
    BOOST_TEST(client.get(redlinePath(pair.first, 999999)).status == 404);
    BOOST_TEST(client.get("/api/v1/editions/abc/compare/1/pdf").status == 404);
    BOOST_TEST(client.get(redlinePath(pair.first, pair.second) + "?toRevision=9").status == 404);
    BOOST_TEST(client.get(redlinePath(pair.first, pair.second) + "?profile=nosuch").status == 404);
    BOOST_TEST(client.get(redlinePath(pair.first, pair.second) + "?profile=../x").status == 400);
    BOOST_TEST(client.get(redlinePath(pair.first, pair.second) + "?lang=de").status == 400);
    BOOST_TEST(server.anonymous().get(redlinePath(pair.first, pair.second)).status == 401);

    // Forbidden: a person who has not yet redlineReplaced a one-time password
    // reads nothing, the redline included (and nothing is audited).
    std::string hash = server.storage().people().passwordHash(server.office().user.id).value();
    UserRecord record;
    record.user.login = "onetime";
    record.user.fullNameKk = "Бір реттік";
    record.user.email = "onetime@example.kz";
    record.user.roles = {Role::Auditor};
    record.user.mustChangePassword = true;
    record.passwordHash = hash;
    record.createdAt = "2026-01-01T00:00:00Z";
    BOOST_TEST_REQUIRE(server.storage().people().createUser(record, {}).has_value());
    HttpReply login =
        server.anonymous().postJson("/api/v1/auth/login", R"({"login":"onetime","password":")" +
                                                              server.office().password + R"("})");
    BOOST_TEST_REQUIRE(login.status == 200, login.body);
    std::string cookie = login.header("set-cookie");
    HttpClient oneTime = server.anonymous().with({{"Cookie", cookie.substr(0, cookie.find(';'))}});
    HttpReply refused = oneTime.get(redlinePath(pair.first, pair.second));
    BOOST_TEST(refused.status == 403, refused.body);
    BOOST_TEST(auditEntries(server, pair.second) == 0);
}
