// The lifecycle end to end through the HTTP API, on both backends (issue 5,
// Done-when 1, 3, 4 and 5): agreement with a rejection round, approval with
// a future effective date, entry into force by the scheduler superseding the
// previous edition, familiarization of 50 employees of two units (30 sign,
// 20 are overdue after the due date on the test's clock), the e-mail the
// SMTP sink received, refused signatures that leave no record, the rendered
// familiarization sheet, and `nusqa audit verify` before and after
// tampering with the audit log. Issue 13, Done-when 6: the agreement sheet
// has one XML version per decision and the familiarization log one per
// signature (and per assignment change), each valid against records.xsd and
// chained; the PDF's sheets list exactly what the latest versions hold; a
// byte changed in a stored version is named by `nusqa audit verify`.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>

#include <map>
#include <set>

#include "LifecycleScenario.h"
#include "OpenApiCheck.h"
#include "RecordVersionsCheck.h"
#include "support/SqlProbe.h"
#include "xml/RecordXml.h"

#ifdef NUSQA_HAVE_RENDER
#include "render/Render.h"
#include "render/reader/ContentXml.h"
#endif

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

namespace {

std::string routeJson(const Cast& cast, const std::string& password) {
    return R"({"password":")" + password + R"(","comment":"келісуге","route":[)" + R"({"userId":)" +
           std::to_string(cast.first.id) + R"(,"order":1},)" + R"({"userId":)" +
           std::to_string(cast.second.id) + R"(,"order":2},)" + R"({"userId":)" +
           std::to_string(cast.third.id) + R"(,"order":3},)" + R"({"userId":)" +
           std::to_string(cast.rector.id) + R"(,"kind":"sign"}]})";
}

// Everything that a refused act must not have written.
struct Records {
    long long signatures, steps, audit, outbox;
    bool operator==(const Records&) const = default;
};
Records records(const SqlProbe& probe) {
    return {count(probe, "signatures"), count(probe, "agreement_steps WHERE decision <> ''"),
            count(probe, "audit_log"), count(probe, "outbox")};
}

std::string readAll(const std::string& command) {
    FILE* pipe = ::popen(command.c_str(), "r");
    std::string output;
    char buffer[4096];
    std::size_t read = 0;
    while (pipe && (read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.append(buffer, read);
    if (pipe) ::pclose(pipe);
    return output;
}

#ifdef NUSQA_HAVE_RENDER
// The text of each page of a PDF (pdfinfo for the count, pdftotext per page).
std::vector<std::string> pageTexts(const std::string& pdf) {
    TempDir directory("pages");
    const std::string file = (directory.path() / "edition.pdf").string();
    writeFile(file, pdf);
    std::string info = readAll("pdfinfo '" + file + "' 2>&1");
    std::size_t at = info.find("Pages:");
    int pages = at == std::string::npos ? 0 : std::atoi(info.c_str() + at + 6);
    std::vector<std::string> texts;
    for (int page = 1; page <= pages; ++page)
        texts.push_back(readAll("pdftotext -q -enc UTF-8 -f " + std::to_string(page) + " -l " +
                                std::to_string(page) + " '" + file + "' -"));
    return texts;
}

// Every page of the PDF has all of the needles.
void expectOnEveryPage(const std::string& pdf, std::initializer_list<std::string> needles,
                       const std::string& what) {
    std::vector<std::string> pages = pageTexts(pdf);
    BOOST_TEST_REQUIRE(pages.size() > 1u, what);
    for (std::size_t page = 0; page < pages.size(); ++page)
        for (const std::string& needle : needles)
            BOOST_TEST(pages[page].find(needle) != std::string::npos,
                       what << ": «" << needle << "» on page " << page + 1);
}
#endif

}  // namespace

BOOST_DATA_TEST_CASE(edition_lifecycle_end_to_end, data::make(kBackends), backend) {
    BOOST_TEST_MESSAGE("backend " << backend);
    AuthSettings auth;
    auth.sessionHours = 24 * 30;  // the scenario spans 16 days of the test's clock
    ServerHarness server(backend, {}, auth);
    SqlProbe probe(server.storeUrl());
    HttpClient office = server.client();
    // Every reply of the scenario is checked against the API description
    // at the end.
    ReplyRecorder recorder;
    Cast cast = assemble(server);

    // The quality office registers the document and its first edition, which
    // goes through a short lifecycle and is in force when edition 2 starts.
    std::string xml = readFile(fixture("minimal.xml"));
    HttpReply document = office.postJson(
        "/api/v1/documents",
        R"({"code":"СМЖ 07.БЕ.99","kind":"regulation","title":"Сынақ бөлімі туралы","unit":"Сапа бөлімі","language":"kk"})");
    BOOST_TEST_REQUIRE(document.status == 201, document.body);
    long long documentId = jsonInt(document.body, "id");
    HttpReply first =
        office.postXml("/api/v1/documents/" + std::to_string(documentId) + "/editions", xml);
    BOOST_TEST_REQUIRE(first.status == 201, first.body);
    long long e1 = jsonInt(first.body, "id");
    std::string e1Route = R"({"password":")" + server.office().password +
                          R"(","route":[{"userId":)" + std::to_string(cast.first.id) +
                          R"(}],"signatoryUserId":)" + std::to_string(cast.rector.id) + "}";
    BOOST_TEST_REQUIRE(office.postJson(editionPath(e1) + "/submit", e1Route).status == 200);
    BOOST_TEST_REQUIRE(
        cast.first.client.postJson(editionPath(e1) + "/agree", signBody(cast.first.password))
            .status == 200);
    HttpReply approvedNow = cast.rector.client.postJson(
        editionPath(e1) + "/approve",
        R"({"password":")" + cast.rector.password + R"(","decision":"№1 бұйрық"})");
    BOOST_TEST_REQUIRE(approvedNow.status == 200, approvedNow.body);
    BOOST_TEST(statusOf(office, e1) == "in_force");  // effective today: at once

    // Edition 2: prepared by the author (its author: only he and the quality
    // office may edit it), three approvers in order.
    HttpReply next = cast.author.client.request(
        "POST", "/api/v1/documents/" + std::to_string(documentId) + "/editions/next");
    BOOST_TEST_REQUIRE(next.status == 201, next.body);
    long long e2 = jsonInt(next.body, "id");
    HttpReply submitted = cast.author.client.postJson(editionPath(e2) + "/submit",
                                                      routeJson(cast, cast.author.password));
    BOOST_TEST_REQUIRE(submitted.status == 200, submitted.body);
    BOOST_TEST(jsonString(submitted.body, "status") == "in_agreement");

    // Done-when 4: out of turn, wrong password: refused, nothing written.
    Records before = records(probe);
    HttpReply outOfTurn =
        cast.third.client.postJson(editionPath(e2) + "/agree", signBody(cast.third.password));
    BOOST_TEST(outOfTurn.status == 403, outOfTurn.body);
    BOOST_TEST(outOfTurn.body.find("out of turn") != std::string::npos, outOfTurn.body);
    HttpReply wrongPassword =
        cast.first.client.postJson(editionPath(e2) + "/agree", signBody("not-my-password"));
    BOOST_TEST(wrongPassword.status == 401, wrongPassword.body);
    BOOST_TEST(wrongPassword.body.find("nothing was signed") != std::string::npos);
    HttpReply employeeAgrees = cast.employees[0].client.postJson(
        editionPath(e2) + "/agree", signBody(cast.employees[0].password));
    BOOST_TEST(employeeAgrees.status == 403);
    BOOST_TEST((records(probe) == before));

    // Issue 12, Done-when 3: a draft's PDF is for those who edit, agree or
    // approve it, marked «ЖОБА» on every page.
    HttpReply employeeDraft = cast.employees[0].client.get(editionPath(e2) + "/pdf");
    BOOST_TEST(employeeDraft.status == 403, employeeDraft.body);
#ifdef NUSQA_HAVE_RENDER
    HttpReply draftPdf = cast.first.client.get(editionPath(e2) + "/pdf?profile=default");
    BOOST_TEST_REQUIRE(draftPdf.status == 200, draftPdf.body.substr(0, 300));
    expectOnEveryPage(draftPdf.body, {"ЖОБА"}, "draft");
#endif

    // One rejection round-trips through draft.
    BOOST_TEST_REQUIRE(
        cast.first.client
            .postJson(editionPath(e2) + "/agree", signBody(cast.first.password, "келісемін"))
            .status == 200);
    HttpReply noComment =
        cast.second.client.postJson(editionPath(e2) + "/reject", signBody(cast.second.password));
    BOOST_TEST(noComment.status == 400);
    HttpReply rejected = cast.second.client.postJson(
        editionPath(e2) + "/reject", signBody(cast.second.password, "3-тармақты нақтылау керек"));
    BOOST_TEST_REQUIRE(rejected.status == 200, rejected.body);
    BOOST_TEST(jsonString(rejected.body, "status") == "draft");
    HttpReply draft = cast.author.client.get(editionPath(e2), {{"Accept", "application/xml"}});
    const std::string firstRoundSha = draft.header("x-content-sha256");
    std::string revised = draft.body + "<!-- 3-тармақ нақтыланды -->\n";
    HttpReply edited = cast.author.client.request(
        "PUT", editionPath(e2), revised,
        {{"Content-Type", "application/xml"}, {"If-Match", draft.header("etag")}});
    BOOST_TEST_REQUIRE(edited.status == 200, edited.body);
    HttpReply resubmitted =
        cast.author.client.postJson(editionPath(e2) + "/submit", signBody(cast.author.password));
    BOOST_TEST_REQUIRE(resubmitted.status == 200, resubmitted.body);
    for (Person* approver : {&cast.first, &cast.second, &cast.third}) {
        HttpReply agreed =
            approver->client.postJson(editionPath(e2) + "/agree", signBody(approver->password));
        BOOST_TEST_REQUIRE(agreed.status == 200, approver->login << ": " << agreed.body);
    }
    auto record = parse(cast.rector.client.get(editionPath(e2) + "/lifecycle").body);
    BOOST_TEST(record->getValue<std::string>("status") == "agreed");
    BOOST_TEST(record->getValue<int>("round") == 2);
    BOOST_TEST(record->getArray("steps")->size() == 8u);  // both rounds kept

    // Issue 12, Done-when 1: an approver who is not the route's signatory, a
    // back-dated effective date: refused, nothing recorded.
    Records beforeApproval = records(probe);
    HttpReply notSignatory = cast.first.client.postJson(
        editionPath(e2) + "/approve",
        R"({"password":")" + cast.first.password + R"(","decision":"№ 52"})");
    BOOST_TEST(notSignatory.status == 403, notSignatory.body);
    BOOST_TEST(notSignatory.body.find("not the signatory") != std::string::npos, notSignatory.body);
    HttpReply backDated = cast.rector.client.postJson(
        editionPath(e2) + "/approve", R"({"password":")" + cast.rector.password +
                                          R"(","decision":"№ 52","effectiveDate":"2020-01-01"})");
    BOOST_TEST(backDated.status == 422, backDated.body);
    BOOST_TEST((records(probe) == beforeApproval));
    BOOST_TEST(statusOf(office, e2) == "agreed");

    // The signatory approves with an effective date five days ahead.
    std::string effective = *addDays(server.clock().today(), 5);
    HttpReply approved = cast.rector.client.postJson(
        editionPath(e2) + "/approve",
        R"({"password":")" + cast.rector.password +
            R"(","decision":"Ғылыми кеңестің №13 шешімі","effectiveDate":")" + effective + R"("})");
    BOOST_TEST_REQUIRE(approved.status == 200, approved.body);
    BOOST_TEST(jsonString(approved.body, "status") == "approved");
    BOOST_TEST(jsonString(approved.body, "reviewDate") == *addMonths(effective, 36));
    HttpReply distribution = office.request(
        "PUT", "/api/v1/documents/" + std::to_string(documentId) + "/distribution",
        "{\"unitIds\":[" + std::to_string(cast.unitA) + "," + std::to_string(cast.unitB) + "]}",
        {{"Content-Type", "application/json"}});
    BOOST_TEST_REQUIRE(distribution.status == 200, distribution.body);
    BOOST_TEST(server.tick().enteredIntoForce == 0);  // not yet
    BOOST_TEST(statusOf(office, e2) == "approved");

    // The scheduler brings it into force on the effective date.
    server.clock().advance(5 * kDay);
    TickReport tick = server.tick();
    BOOST_TEST(tick.enteredIntoForce == 1);
    BOOST_TEST(tick.assignmentsCreated == 50);
    BOOST_TEST(statusOf(office, e2) == "in_force");
    BOOST_TEST(statusOf(office, e1) == "superseded");
    BOOST_TEST(std::stoi(probe.scalar("SELECT COUNT(*) FROM editions WHERE status = 'in_force'")) ==
               1);
    BOOST_TEST(server.tick().assignmentsCreated == 0);  // idempotent

    // Done-when 4: a superseded edition cannot be signed.
    Records beforeSuperseded = records(probe);
    HttpReply onSuperseded = cast.employees[0].client.postJson(
        editionPath(e1) + "/familiarize", signBody(cast.employees[0].password));
    BOOST_TEST(onSuperseded.status == 409, onSuperseded.body);
    BOOST_TEST(onSuperseded.body.find("superseded") != std::string::npos, onSuperseded.body);
    BOOST_TEST((records(probe) == beforeSuperseded));

    // 50 assignments; 30 sign.
    HttpReply mine = cast.employees[0].client.get("/api/v1/me/familiarizations");
    auto mineItems = parse(mine.body)->getArray("items");
    BOOST_TEST_REQUIRE(mineItems->size() == 1u);
    BOOST_TEST(mineItems->getObject(0)->getValue<std::string>("dueDate") ==
               *addDays(server.clock().today(), 10));
    // Each with its edition and document: the inbox needs no other request.
    BOOST_TEST(mineItems->getObject(0)->getObject("edition")->getValue<long long>("id") == e2);
    BOOST_TEST(mineItems->getObject(0)->getObject("edition")->getValue<std::string>("status") ==
               "in_force");
    BOOST_TEST(mineItems->getObject(0)->getObject("document")->getValue<long long>("id") ==
               documentId);
    BOOST_TEST(
        !mineItems->getObject(0)->getObject("document")->getValue<std::string>("code").empty());
    std::string signingDay = server.clock().today();
    for (int i = 0; i < 30; ++i) {
        Person& employee =
            cast.employees[static_cast<std::size_t>(i * 5 / 3)];  // spread over both units
        HttpReply signedReply =
            employee.client.postJson(editionPath(e2) + "/familiarize", signBody(employee.password));
        BOOST_TEST_REQUIRE(signedReply.status == 201, employee.login << ": " << signedReply.body);
        BOOST_TEST(jsonString(signedReply.body, "meaning") == "familiarized");
    }
    std::set<long long> signers;
    for (int i = 0; i < 30; ++i)
        signers.insert(cast.employees[static_cast<std::size_t>(i * 5 / 3)].id);
    BOOST_TEST_REQUIRE(signers.size() == 30u);
    Person& signer = cast.employees[0];
    BOOST_TEST(signer.client.postJson(editionPath(e2) + "/familiarize", signBody(signer.password))
                   .status == 409);

    // After the due date the overdue list holds exactly the other 20.
    server.clock().advance(11 * kDay);
    auto overdue = parse(office.get("/api/v1/familiarizations/overdue").body)->getArray("items");
    std::set<long long> late;
    for (std::size_t i = 0; i < overdue->size(); ++i)
        late.insert(overdue->getObject(i)->getValue<long long>("userId"));
    BOOST_TEST(overdue->size() == 20u);
    for (const Person& employee : cast.employees)
        BOOST_TEST(late.contains(employee.id) != signers.contains(employee.id), employee.login);
    auto lateA =
        parse(
            office.get("/api/v1/familiarizations/overdue?unit=" + std::to_string(cast.unitA)).body)
            ->getArray("items");
    auto lateB =
        parse(
            office.get("/api/v1/familiarizations/overdue?unit=" + std::to_string(cast.unitB)).body)
            ->getArray("items");
    BOOST_TEST(lateA->size() + lateB->size() == 20u);
    long long someone = *late.begin();
    BOOST_TEST(
        parse(office.get("/api/v1/familiarizations/overdue?user=" + std::to_string(someone)).body)
            ->getArray("items")
            ->size() == 1u);
    // A page at a time: pages of 8 hold the same 20, each once, with the
    // total on every page; out-of-range paging is a 400, not a clamp.
    std::set<long long> paged;
    std::size_t pagedRows = 0;
    for (int offset : {0, 8, 16}) {
        HttpReply reply =
            office.get("/api/v1/familiarizations/overdue?limit=8&offset=" + std::to_string(offset));
        BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
        auto page = parse(reply.body);
        BOOST_TEST(page->getValue<int>("total") == 20);
        BOOST_TEST(page->getValue<int>("limit") == 8);
        BOOST_TEST(page->getValue<int>("offset") == offset);
        auto items = page->getArray("items");
        BOOST_TEST(items->size() == (offset < 16 ? 8u : 4u));
        for (std::size_t i = 0; i < items->size(); ++i) {
            paged.insert(items->getObject(i)->getValue<long long>("userId"));
            ++pagedRows;
        }
    }
    BOOST_TEST(pagedRows == 20u);
    BOOST_TEST((paged == late));
    for (const char* bad : {"limit=0", "limit=501", "limit=ten", "offset=-1", "offset=1.5"}) {
        HttpReply reply = office.get(std::string("/api/v1/familiarizations/overdue?") + bad);
        BOOST_TEST(reply.status == 400, bad << ": " << reply.body);
    }
    BOOST_TEST(server.tick().remindersQueued == 20);
    BOOST_TEST(server.tick().remindersQueued == 0);  // not again the same day

    // Done-when 5: the mail the SMTP sink received.
    SendReport sent = server.deliverMail();
    BOOST_TEST(sent.failed == 0);
    std::map<std::string, std::set<std::string>> bySubject;  // subject -> recipients
    for (const SinkMessage& message : server.mailSink().messages())
        for (const std::string& recipient : message.recipients)
            bySubject[message.subject].insert(recipient);
    const std::string code = "СМЖ 07.БЕ.99";
    std::set<std::string> assigned, reminded;
    for (const Person& employee : cast.employees) {
        bool russian = employee.login.back() == '0' || employee.login.back() == '5';
        std::string assignment =
            russian ? "Требуется ознакомление: " + code : "Танысу қажет: " + code;
        if (bySubject[assignment].contains(employee.email)) assigned.insert(employee.email);
        std::string reminder = russian ? "Напоминание: срок ознакомления истёк: " + code
                                       : "Еске салу: танысу мерзімі өтті: " + code;
        if (bySubject[reminder].contains(employee.email)) reminded.insert(employee.email);
    }
    for (const auto& [subject, recipients] : bySubject)
        BOOST_TEST_MESSAGE("mail «" << subject << "» to " << recipients.size());
    BOOST_TEST(assigned.size() == 50u);
    BOOST_TEST(reminded.size() == 20u);
    for (const Person& employee : cast.employees)
        BOOST_TEST(reminded.contains(employee.email) == late.contains(employee.id));
    BOOST_TEST(bySubject["Келісуге: " + code].contains(cast.first.email));
    BOOST_TEST(bySubject["Келісуге: " + code].contains(cast.third.email));
    BOOST_TEST(bySubject["На согласование: " + code].contains(cast.second.email));  // Russian
    BOOST_TEST(bySubject["Пысықтауға қайтарылды: " + code].contains(cast.author.email));
    BOOST_TEST(bySubject["Пысықтауға қайтарылды: " + code].contains(server.office().user.email));
    BOOST_TEST(bySubject["Бекітілді: " + code].contains(cast.author.email));
    BOOST_TEST(bySubject["Келісілді: " + code].contains(server.office().user.email));
    BOOST_TEST(server.deliverMail().sent == 0);  // nothing twice

    // The signatures bind to the edition's stored SHA-256 at the time: the
    // first round's three to the XML before the edit, the rest to the final one.
    std::string sha = jsonString(office.get(editionPath(e2)).body, "sha256");
    BOOST_TEST(sha != firstRoundSha);
    auto bound = probe.query("SELECT edition_sha256, meaning FROM signatures WHERE edition_id = " +
                             std::to_string(e2) + " ORDER BY id");
    BOOST_TEST_REQUIRE(bound.size() == 3u + 4u + 1u + 30u);
    for (std::size_t i = 0; i < bound.size(); ++i)
        BOOST_TEST(bound[i][0] == (i < 3 ? firstRoundSha : sha), i << " " << bound[i][1]);
    BOOST_TEST(std::stoi(probe.scalar("SELECT COUNT(*) FROM signatures WHERE edition_id = " +
                                      std::to_string(e2) + " AND meaning = 'familiarized'")) == 30);

    // The familiarization sheet's records: the 30 with names, positions, dates.
    SheetData sheet = *server.lifecycle().sheetData(server.office().user, e2);
    BOOST_TEST_REQUIRE(sheet.familiarizations.size() == 30u);
    for (const Signature& signature : sheet.familiarizations) {
        BOOST_TEST(signers.contains(signature.userId));
        BOOST_TEST(signature.fullName.starts_with("Қызметкер-"));
        BOOST_TEST((signature.position == "Оқытушы" || signature.position == "Инженер"));
        BOOST_TEST(signature.signedAt.substr(0, 10) == signingDay);
    }
    BOOST_TEST(sheet.agreements.size() == 3u);

    // Issue 13, Done-when 6: the agreement sheet has one version per
    // decision, the familiarization log one per signature (and one per
    // change of the assignments), each valid against records.xsd and chained.
    const RecordXml recordCodec;
    std::vector<std::string> sheetVersions = checkedRecordVersions(office, e2, "agreement-sheet");
    // prepared, agreed, rejected; prepared, agreed x3; approved
    BOOST_TEST(sheetVersions.size() == 8u);
    BOOST_TEST(static_cast<long long>(sheetVersions.size()) ==
               std::stoll(probe.scalar(
                   "SELECT COUNT(*) FROM signatures WHERE edition_id = " + std::to_string(e2) +
                   " AND meaning IN ('prepared',"
                   " 'agreed', 'rejected', 'approved')")));
    for (std::size_t i = 0; i < sheetVersions.size(); ++i) {
        auto version = recordCodec.readAgreementSheet(sheetVersions[i]);
        BOOST_TEST_REQUIRE(version.has_value(), version.error().message);
        BOOST_TEST(decisionsIn(*version) == i + 1, "agreement sheet version " << i + 1);
    }
    AgreementSheetRecord latestSheet = *recordCodec.readAgreementSheet(sheetVersions.back());
    BOOST_TEST_REQUIRE(latestSheet.rounds.size() == 2u);
    BOOST_TEST(latestSheet.rounds[0].steps.size() == 4u);
    BOOST_TEST(latestSheet.rounds[1].steps.size() == 4u);
    for (const RecordStep& step : latestSheet.rounds[1].steps) {
        BOOST_TEST_REQUIRE(step.signature.has_value());
        BOOST_TEST(step.signature->editionSha256 == sha);
        BOOST_TEST(step.signature->editionRevision > 0);
    }
    std::vector<std::string> logVersions = checkedRecordVersions(office, e2, "familiarization-log");
    std::size_t signaturesBefore = 0, assignmentsBefore = 0, bySignature = 0;
    for (std::size_t i = 0; i < logVersions.size(); ++i) {
        auto log = recordCodec.readFamiliarizationLog(logVersions[i]);
        BOOST_TEST_REQUIRE(log.has_value(), log.error().message);
        std::size_t newSignatures = log->signatures.size() - signaturesBefore;
        bool newAssignments = log->assignments.size() != assignmentsBefore;
        // Each version records one change: one signature, or the assignments.
        BOOST_TEST((newSignatures == 1u) != newAssignments,
                   "familiarization log version " << i + 1);
        bySignature += newSignatures == 1u ? 1u : 0u;
        signaturesBefore = log->signatures.size();
        assignmentsBefore = log->assignments.size();
    }
    BOOST_TEST(bySignature == 30u);
    BOOST_TEST(signaturesBefore == 30u);
    BOOST_TEST(assignmentsBefore == 50u);
    FamiliarizationLogRecord latestLog = *recordCodec.readFamiliarizationLog(logVersions.back());
    for (const RecordSignature& signature : latestLog.signatures)
        BOOST_TEST(signers.contains(signature.userId));
    // The sheets are printed from those latest versions.
    BOOST_TEST_REQUIRE(sheet.familiarizations.size() == latestLog.signatures.size());
    for (std::size_t i = 0; i < latestLog.signatures.size(); ++i)
        BOOST_TEST(sheet.familiarizations[i].id == latestLog.signatures[i].id);
    // An employee may not read the records of a draft; of this edition, yes.
    BOOST_TEST(cast.employees[0].client.get(editionPath(e2) + "/agreement-sheet").status == 200);
#ifdef NUSQA_HAVE_RENDER
    {
        std::string stored = office.get(editionPath(e2), {{"Accept", "application/xml"}}).body;
        auto content = render::reader::readEditionContent(stored);
        BOOST_TEST_REQUIRE(content.has_value(), content.error().message);
        auto profile = render::reader::loadProfile(sourceDir() / "doc-templates", "default");
        BOOST_TEST_REQUIRE(profile.has_value(), profile.error().message);
        render::SheetRecords sheetRecords;
        for (const Signature& signature : sheet.familiarizations)
            sheetRecords.familiarizations.push_back(
                {signature.fullName, signature.position, signature.signedAt.substr(0, 10)});
        auto pdf = render::renderPdf(*content, *profile, sheetRecords);
        BOOST_TEST_REQUIRE(pdf.has_value(), pdf.error().message);
        TempDir directory("sheet");
        writeFile(directory.path() / "sheet.pdf", *pdf);
        std::string text =
            readAll("pdftotext -layout '" + (directory.path() / "sheet.pdf").string() + "' - 2>&1");
        std::string printedDate =
            signingDay.substr(8, 2) + "." + signingDay.substr(5, 2) + "." + signingDay.substr(0, 4);
        for (const Person& employee : cast.employees)
            BOOST_TEST((text.find(employee.fullName) != std::string::npos) ==
                           signers.contains(employee.id),
                       employee.fullName);
        std::size_t dates = 0;
        for (auto at = text.find(printedDate); at != std::string::npos;
             at = text.find(printedDate, at + 1))
            ++dates;
        BOOST_TEST(dates >= 30u);
        BOOST_TEST(text.find("Оқытушы") != std::string::npos);
        BOOST_TEST(text.find("Инженер") != std::string::npos);
        BOOST_TEST(text.find("Танысу парағы") != std::string::npos);
    }
    {
        // The PDF users download carries the same records: the sheet of the
        // API's rendition lists exactly the 30 who signed.
        HttpReply pdf = office.get(editionPath(e2) + "/pdf?profile=default");
        BOOST_TEST_REQUIRE(pdf.status == 200, pdf.body.substr(0, 300));
        TempDir directory("api-sheet");
        writeFile(directory.path() / "edition.pdf", pdf.body);
        std::string text = readAll("pdftotext -layout '" +
                                   (directory.path() / "edition.pdf").string() + "' - 2>&1");
        for (const Person& employee : cast.employees)
            BOOST_TEST((text.find(employee.fullName) != std::string::npos) ==
                           signers.contains(employee.id),
                       "API PDF: " << employee.fullName);
        // Issue 13: the printed sheets list exactly what the latest record
        // versions hold: every familiarization signature of the log, no one
        // else, each name once; the last round's route with its decisions.
        for (const Person& employee : cast.employees) {
            bool inLog = false;
            for (const RecordSignature& signature : latestLog.signatures)
                inLog = inLog || signature.fullName == employee.fullName;
            std::size_t printed = 0;
            for (auto at = text.find(employee.fullName); at != std::string::npos;
                 at = text.find(employee.fullName, at + 1))
                ++printed;
            BOOST_TEST(printed == (inLog ? 1u : 0u), "printed from the log: " << employee.fullName);
        }
        for (const RecordStep& step : latestSheet.rounds.back().steps) {
            BOOST_TEST_REQUIRE(step.signature.has_value());
            BOOST_TEST(text.find(step.signature->fullName) != std::string::npos,
                       step.signature->fullName);
            const std::string day = step.signature->signedAt.substr(0, 10);
            const std::string printedDay =
                day.substr(8, 2) + "." + day.substr(5, 2) + "." + day.substr(0, 4);
            BOOST_TEST(text.find(printedDay) != std::string::npos, printedDay);
        }
        HttpReply again = office.get(editionPath(e2) + "/pdf?profile=default");
        BOOST_TEST(again.header("x-cache") == "hit");

        // Issue 12, Done-when 2 and 3: printed from the records; the
        // superseded edition 1 marked on every page with what replaced it.
        std::vector<std::string> pages = pageTexts(pdf.body);
        BOOST_TEST_REQUIRE(pages.size() > 2u);
        const std::string title = pages[0] + pages[1];
        BOOST_TEST(title.find(cast.rector.fullName) != std::string::npos, title);
        BOOST_TEST(title.find("Ғылыми кеңестің №13 шешімі") != std::string::npos, title);
        BOOST_TEST(text.find("ЖОБА") == std::string::npos);
        BOOST_TEST(text.find("КҮШІ ЖОЙЫЛДЫ") == std::string::npos);
        HttpReply old = office.get(editionPath(e1) + "/pdf?profile=default");
        BOOST_TEST_REQUIRE(old.status == 200, old.body.substr(0, 300));
        expectOnEveryPage(old.body, {"КҮШІ ЖОЙЫЛДЫ", "2 басылыммен ауыстырылды"}, "superseded");
        HttpReply employeeOld = cast.employees[0].client.get(editionPath(e1) + "/pdf");
        BOOST_TEST(employeeOld.status == 200);  // superseded editions stay readable
    }
#else
    BOOST_TEST_MESSAGE(
        "render module not built: the PDF of the familiarization sheet is not checked");
#endif

    // Done-when 3: `nusqa audit verify` on this database, then after each of
    // a changed row, a deleted row and two swapped rows (restored between).
    auto [intactCode, intact] = runAuditVerify(server.storeUrl());
    BOOST_TEST(intactCode == 0, intact);
    BOOST_TEST(intact.find("audit log intact") != std::string::npos, intact);
    BOOST_TEST(intact.find("every record version intact and chained") != std::string::npos, intact);
    {
        // Issue 13: one byte changed in a stored record version is named.
        const std::string version = " WHERE edition_id = " + std::to_string(e2) +
                                    " AND kind = 'agreement_sheet' AND version = 3";
        probe.execute(
            "UPDATE record_versions SET xml = REPLACE(xml, 'schemaVersion=\"1\"',"
            " 'schemaVersion=\"2\"')" +
            version);
        auto [code, output] = runAuditVerify(server.storeUrl());
        BOOST_TEST(code == 1, output);
        const std::string name = "edition " + std::to_string(e2) + " agreement_sheet version 3";
        BOOST_TEST(output.find(name + ": its SHA-256") != std::string::npos, output);
        BOOST_TEST(output.find(name + ": not a valid record") != std::string::npos, output);
        BOOST_TEST(output.find("version 4") == std::string::npos, output);
        probe.execute(
            "UPDATE record_versions SET xml = REPLACE(xml, 'schemaVersion=\"2\"',"
            " 'schemaVersion=\"1\"')" +
            version);
        auto [restoredCode, restored] = runAuditVerify(server.storeUrl());
        BOOST_TEST(restoredCode == 0, restored);
    }
    long long entries = std::stoll(probe.scalar("SELECT COUNT(*) FROM audit_log"));
    BOOST_TEST(entries > 100);
    const long long k = entries / 2;
    const std::string where = " WHERE sequence_number = " + std::to_string(k);
    auto expectBrokenAt = [&](long long sequence, const char* what) {
        auto [code, output] = runAuditVerify(server.storeUrl());
        BOOST_TEST(code == 1, what << ": " << output);
        BOOST_TEST(
            output.find("broken at entry " + std::to_string(sequence) + ":") != std::string::npos,
            what << ": " << output);
    };
    std::string details = probe.scalar("SELECT details FROM audit_log" + where);
    probe.execute("UPDATE audit_log SET details = 'forged'" + where);
    expectBrokenAt(k, "changed row");
    probe.execute("UPDATE audit_log SET details = '" + details + "'" + where);
    BOOST_TEST(runAuditVerify(server.storeUrl()).first == 0);

    probe.execute("UPDATE audit_log SET sequence_number = -1" + where);  // "deleted", kept aside
    expectBrokenAt(k, "deleted row");
    probe.execute("UPDATE audit_log SET sequence_number = " + std::to_string(k) +
                  " WHERE sequence_number = -1");
    BOOST_TEST(runAuditVerify(server.storeUrl()).first == 0);

    probe.execute("UPDATE audit_log SET sequence_number = -1" + where);
    probe.execute("UPDATE audit_log SET sequence_number = " + std::to_string(k) +
                  " WHERE sequence_number = " + std::to_string(k + 1));
    probe.execute("UPDATE audit_log SET sequence_number = " + std::to_string(k + 1) +
                  " WHERE sequence_number = -1");
    expectBrokenAt(k, "swapped rows");

    // The audit log as auditors read it.
    TestUser auditor = server.addUser("auditor", {Role::Auditor});
    auto audit = parse(server.clientFor(auditor)
                           .get("/api/v1/audit?action=edition.&objectId=" + std::to_string(e2))
                           .body);
    BOOST_TEST(audit->getValue<long long>("total") > 10);
    auto logins =
        parse(server.clientFor(auditor).get("/api/v1/audit?action=auth.login&limit=5").body);
    BOOST_TEST(logins->getValue<long long>("total") >= 55);
    BOOST_TEST(logins->getArray("items")->size() == 5u);

    // The description is true: each reply validates against the schema of
    // its operation and status.
    OpenApiCheck description = OpenApiCheck::load(sourceDir() / "server/http/openapi.json");
    std::vector<Exchange> exchanges = recorder.exchanges();
    BOOST_TEST(exchanges.size() > 150u);
    std::set<std::string> problems;
    for (const Exchange& exchange : exchanges)
        for (std::string& problem :
             description.problems(exchange.method, exchange.path, exchange.reply))
            problems.insert(std::move(problem));
    for (const std::string& problem : problems) BOOST_TEST_ERROR(problem);
}
