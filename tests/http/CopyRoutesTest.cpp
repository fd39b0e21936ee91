// Controlled copies through the HTTP API on both backends (issue 12, Done
// when 4): two copies print «№ 1» and «№ 2» with their holders on every page
// (pdftotext), the edition's own PDF stays uncontrolled; superseding the
// edition mails both holders (SMTP sink) and lists both for recall;
// recalling one closes it; every act is in the audit log.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdio>

#include "LifecycleScenario.h"
#include "support/SqlProbe.h"

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

namespace {

std::string readCopyCommand(const std::string& command) {
    FILE* pipe = ::popen(command.c_str(), "r");
    std::string output;
    char buffer[4096];
    std::size_t read = 0;
    while (pipe && (read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.append(buffer, read);
    if (pipe) ::pclose(pipe);
    return output;
}

// The text of each page of a PDF (pdfinfo for the count, pdftotext per page).
std::vector<std::string> copyPageTexts(const std::string& pdf) {
    TempDir directory("copy-pages");
    const std::string file = (directory.path() / "copy.pdf").string();
    writeFile(file, pdf);
    std::string info = readCopyCommand("pdfinfo '" + file + "' 2>&1");
    std::size_t at = info.find("Pages:");
    int pages = at == std::string::npos ? 0 : std::atoi(info.c_str() + at + 6);
    std::vector<std::string> texts;
    for (int page = 1; page <= pages; ++page)
        texts.push_back(readCopyCommand("pdftotext -q -enc UTF-8 -f " + std::to_string(page) +
                                        " -l " + std::to_string(page) + " '" + file + "' -"));
    return texts;
}

void expectOnEveryCopyPage(const std::string& pdf, const std::vector<std::string>& present,
                           const std::vector<std::string>& absent, const std::string& what) {
    std::vector<std::string> pages = copyPageTexts(pdf);
    BOOST_TEST_REQUIRE(!pages.empty(), what);
    for (std::size_t page = 0; page < pages.size(); ++page) {
        for (const std::string& needle : present)
            BOOST_TEST(pages[page].find(needle) != std::string::npos,
                       what << ": «" << needle << "» on page " << page + 1);
        for (const std::string& needle : absent)
            BOOST_TEST(pages[page].find(needle) == std::string::npos,
                       what << ": no «" << needle << "» on page " << page + 1);
    }
}

// A document with edition 1 registered in force; returns the edition's id.
long long editionInForce(const HttpClient& office, const std::string& xml, long long* documentId) {
    HttpReply document = office.postJson(
        "/api/v1/documents",
        R"({"code":"СМЖ 07.БЕ.99","kind":"regulation","title":"Сынақ","unit":"","language":"kk"})");
    BOOST_TEST_REQUIRE(document.status == 201, document.body);
    *documentId = jsonInt(document.body, "id");
    HttpReply edition =
        office.postXml("/api/v1/documents/" + std::to_string(*documentId) + "/editions", xml);
    BOOST_TEST_REQUIRE(edition.status == 201, edition.body);
    long long id = jsonInt(edition.body, "id");
    HttpReply registered = office.postJson(editionPath(id) + "/register-in-force", "{}");
    BOOST_TEST_REQUIRE(registered.status == 200, registered.body);
    return id;
}

}  // namespace

BOOST_DATA_TEST_CASE(controlled_copies_are_numbered_recalled_and_audited, data::make(kBackends),
                     backend) {
    ServerHarness server(backend);
    SqlProbe probe(server.storeUrl());
    HttpClient office = server.client();
    TestUser first = server.addUser(
        UserSpec{"holder1", {Role::Employee}, {}, {}, Language::Kazakh, "Асанов Бақыт", ""});
    TestUser second = server.addUser(
        UserSpec{"holder2", {Role::Employee}, {}, {}, Language::Russian, "Серікова Дана", ""});
    HttpClient firstClient = server.clientFor(first);
    std::string xml = readFile(fixture("minimal.xml"));
    long long documentId = 0;
    long long editionId = editionInForce(office, xml, &documentId);
    std::string copies = editionPath(editionId) + "/copies";

    // Issued by the quality office only, to one holder.
    BOOST_TEST(
        firstClient.postJson(copies, R"({"holderUserId":)" + std::to_string(first.user.id) + "}")
            .status == 403);
    BOOST_TEST(office.postJson(copies, "{}").status == 400);
    HttpReply one = office.postJson(copies, R"({"holderUserId":)" + std::to_string(first.user.id) +
                                                R"(,"note":"бірінші қабат"})");
    BOOST_TEST_REQUIRE(one.status == 201, one.body);
    HttpReply two =
        office.postJson(copies, R"({"holderUserId":)" + std::to_string(second.user.id) + "}");
    BOOST_TEST_REQUIRE(two.status == 201, two.body);
    BOOST_TEST(jsonInt(one.body, "number") == 1);
    BOOST_TEST(jsonInt(two.body, "number") == 2);
    BOOST_TEST(jsonString(one.body, "state") == "open");
    BOOST_TEST(jsonString(one.body, "holderName") == "Асанов Бақыт");
    long long oneId = jsonInt(one.body, "id");
    long long twoId = jsonInt(two.body, "id");

    HttpReply listed = office.get(copies);
    BOOST_TEST_REQUIRE(listed.status == 200, listed.body);
    BOOST_TEST(jsonInt(listed.body, "total") == 2);
    BOOST_TEST(firstClient.get(copies).status == 403);

    // Each copy prints its number and holder on every page; the edition's
    // own PDF stays uncontrolled.
    HttpReply pdfOne = office.get("/api/v1/copies/" + std::to_string(oneId) + "/pdf");
    BOOST_TEST_REQUIRE(pdfOne.status == 200, pdfOne.body);
    expectOnEveryCopyPage(pdfOne.body, {"Бақыланатын дана № 1", "Асанов Бақыт"},
                          {"Бақыланбайтын дана"}, "copy 1");
    HttpReply pdfTwo = office.get("/api/v1/copies/" + std::to_string(twoId) + "/pdf");
    BOOST_TEST_REQUIRE(pdfTwo.status == 200, pdfTwo.body);
    expectOnEveryCopyPage(pdfTwo.body, {"Бақыланатын дана № 2", "Серікова Дана"},
                          {"Бақыланатын дана № 1"}, "copy 2");
    HttpReply plain = office.get(editionPath(editionId) + "/pdf");
    BOOST_TEST_REQUIRE(plain.status == 200);
    expectOnEveryCopyPage(plain.body, {"Бақыланбайтын дана"}, {"Бақыланатын дана №"}, "edition");
    // The holder prints his own copy, not another's.
    BOOST_TEST(firstClient.get("/api/v1/copies/" + std::to_string(oneId) + "/pdf").status == 200);
    BOOST_TEST(firstClient.get("/api/v1/copies/" + std::to_string(twoId) + "/pdf").status == 403);
    BOOST_TEST(office.get("/api/v1/copies/999999/pdf").status == 404);

    // Edition 2 registered in force supersedes edition 1: both holders are
    // mailed and both copies listed for recall.
    std::string next = xml;
    next.replace(next.find("number=\"1\""), 10, "number=\"2\"");
    HttpReply edition2 =
        office.postXml("/api/v1/documents/" + std::to_string(documentId) + "/editions", next);
    BOOST_TEST_REQUIRE(edition2.status == 201, edition2.body);
    HttpReply registered =
        office.postJson(editionPath(jsonInt(edition2.body, "id")) + "/register-in-force", "{}");
    BOOST_TEST_REQUIRE(registered.status == 200, registered.body);
    BOOST_TEST(statusOf(office, editionId) == "superseded");
    HttpReply recall = office.get("/api/v1/copies?state=recall_requested");
    BOOST_TEST_REQUIRE(recall.status == 200, recall.body);
    BOOST_TEST(jsonInt(recall.body, "total") == 2);
    BOOST_TEST(office.get("/api/v1/copies?state=lost").status == 400);
    server.deliverMail();
    std::map<std::string, std::string> mailed;  // recipient -> body
    for (const SinkMessage& message : server.mailSink().messages())
        for (const std::string& recipient : message.recipients)
            if (message.subject.find("Бақыланатын дананы қайтару") != std::string::npos ||
                message.subject.find("Возврат контрольного экземпляра") != std::string::npos)
                mailed[recipient] = message.body;
    BOOST_TEST_REQUIRE(mailed.size() == 2u);
    BOOST_TEST(mailed["holder1@university.test"].find("№ 1") != std::string::npos,
               mailed["holder1@university.test"]);
    BOOST_TEST(
        mailed["holder2@university.test"].find("Контрольный экземпляр № 2") != std::string::npos,
        mailed["holder2@university.test"]);
    // A superseded edition gets no new copy.
    BOOST_TEST(office.postJson(copies, R"({"holderUserId":)" + std::to_string(first.user.id) + "}")
                   .status == 409);

    // Recalling one closes it; the other stays listed; twice is a conflict.
    HttpReply returned =
        office.postJson("/api/v1/copies/" + std::to_string(oneId) + "/recall", "{}");
    BOOST_TEST_REQUIRE(returned.status == 200, returned.body);
    BOOST_TEST(jsonString(returned.body, "state") == "recalled");
    BOOST_TEST(
        office.postJson("/api/v1/copies/" + std::to_string(oneId) + "/recall", "{}").status == 409);
    recall = office.get("/api/v1/copies?state=recall_requested");
    BOOST_TEST(jsonInt(recall.body, "total") == 1);
    BOOST_TEST(recall.body.find("\"id\":" + std::to_string(twoId)) != std::string::npos,
               recall.body);

    // Every act in the audit log.
    auto audited = [&](const std::string& action) {
        return count(probe, "audit_log WHERE action = '" + action + "'");
    };
    BOOST_TEST(audited("copy.issue") == 2);
    BOOST_TEST(audited("copy.download_pdf") == 3);
    BOOST_TEST(audited("copy.recall_request") == 2);
    BOOST_TEST(audited("copy.recall") == 1);
    BOOST_TEST(count(probe, "controlled_copies WHERE state = 'recalled'") == 1);
}
