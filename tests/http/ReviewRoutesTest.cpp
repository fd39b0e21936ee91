// Periodic review through the HTTP API on both backends: the review date
// from the XML, the notice to the quality office, the reviews-due list, the
// signed outcome (confirmed, cancel); and familiarization assigned to a user
// who joins a distribution unit after the edition entered into force.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>

#include "LifecycleScenario.h"
#include "support/SqlProbe.h"

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

BOOST_DATA_TEST_CASE(periodic_review_and_late_joiners, data::make(kBackends), backend) {
    AuthSettings auth;
    auth.sessionHours = 24 * 30;
    ServerHarness server(backend, {}, auth);
    SqlProbe probe(server.storeUrl());
    HttpClient office = server.client();
    Unit unit = server.addUnit("Зертхана", "Лаборатория");
    TestUser approver = server.addUser("approver", {Role::Approver});
    TestUser signer = server.addUser("signer", {Role::Approver});  // the route's signatory
    TestUser early = server.addUser("early", {Role::Employee}, unit.id);

    // The edition names its review date: it wins over the default period.
    std::string xml = readFile(fixture("minimal.xml"));
    const std::string reviewDate = *addMonths(server.clock().today(), 24);
    xml.replace(xml.find("<edition number=\"1\"/>"), 21,
                "<edition number=\"1\"/>\n    <dates review=\"" + reviewDate + "\"/>");
    HttpReply document = office.postJson(
        "/api/v1/documents",
        R"({"code":"СМЖ 07.БЕ.99","kind":"regulation","title":"Сынақ","unit":"","language":"kk"})");
    long long documentId = jsonInt(document.body, "id");
    HttpReply edition =
        office.postXml("/api/v1/documents/" + std::to_string(documentId) + "/editions", xml);
    BOOST_TEST_REQUIRE(edition.status == 201, edition.body);
    long long id = jsonInt(edition.body, "id");
    BOOST_TEST_REQUIRE(
        office
            .request("PUT", "/api/v1/documents/" + std::to_string(documentId) + "/distribution",
                     "{\"unitIds\":[" + std::to_string(unit.id) + "]}",
                     {{"Content-Type", "application/json"}})
            .status == 200);
    BOOST_TEST_REQUIRE(
        office
            .postJson(editionPath(id) + "/submit",
                      R"({"password":")" + server.office().password + R"(","route":[{"userId":)" +
                          std::to_string(approver.user.id) + R"(}],"signatoryUserId":)" +
                          std::to_string(signer.user.id) + "}")
            .status == 200);
    HttpClient asApprover = server.clientFor(approver);
    BOOST_TEST_REQUIRE(
        asApprover.postJson(editionPath(id) + "/agree", signBody(approver.password)).status == 200);
    HttpReply approved = server.clientFor(signer).postJson(
        editionPath(id) + "/approve",
        R"({"password":")" + signer.password + R"(","decision":"№7"})");
    BOOST_TEST_REQUIRE(approved.status == 200, approved.body);
    BOOST_TEST(jsonString(approved.body, "status") == "in_force");
    BOOST_TEST(jsonString(approved.body, "reviewDate") == reviewDate);
    AssignmentQuery ofEdition;
    ofEdition.editionId = id;
    BOOST_TEST(server.lifecycle().assignments(server.office().user, ofEdition)->size() == 1u);

    // Someone who joins the unit later is assigned on the next run.
    server.clock().advance(3 * kDay);
    TestUser late = server.addUser("late", {Role::Employee}, unit.id);
    BOOST_TEST(server.tick().assignmentsCreated == 1);
    auto lateItems =
        parse(server.clientFor(late).get("/api/v1/me/familiarizations").body)->getArray("items");
    BOOST_TEST_REQUIRE(lateItems->size() == 1u);
    BOOST_TEST(lateItems->getObject(0)->getValue<std::string>("dueDate") ==
               *addDays(server.clock().today(), 10));
    BOOST_TEST(server.clientFor(early)
                   .postJson(editionPath(id) + "/familiarize", signBody(early.password))
                   .status == 201);

    // Reviews due: announced to the quality office 30 days before the date.
    BOOST_TEST(parse(office.get("/api/v1/reviews/due?days=30").body)->getArray("items")->size() ==
               0u);
    server.clock().set(*epochOf(*addDays(reviewDate, -20)) + 9 * 3600);
    BOOST_TEST(server.tick().reviewNotices == 1);
    BOOST_TEST(server.tick().reviewNotices == 0);
    auto due = parse(office.get("/api/v1/reviews/due?days=30").body)->getArray("items");
    BOOST_TEST_REQUIRE(due->size() == 1u);
    BOOST_TEST(due->getObject(0)->getValue<std::string>("reviewDate") == reviewDate);
    BOOST_TEST(due->getObject(0)->getValue<std::string>("code") == "СМЖ 07.БЕ.99");
    server.deliverMail();
    bool announced = false;
    for (const SinkMessage& message : server.mailSink().messages())
        if (message.subject == "Қайта қарау мерзімі: СМЖ 07.БЕ.99")
            announced = message.recipients == std::vector<std::string>{server.office().user.email};
    BOOST_TEST(announced);

    // The outcome is a signed record: wrong password, nothing; then confirmed.
    long long signaturesBefore = count(probe, "signatures");
    HttpReply wrong = office.postJson(editionPath(id) + "/review",
                                      R"({"password":"nope","outcome":"confirmed"})");
    BOOST_TEST(wrong.status == 401);
    BOOST_TEST(count(probe, "signatures") == signaturesBefore);
    BOOST_TEST(
        office
            .postJson(editionPath(id) + "/review",
                      R"({"password":")" + server.office().password + R"(","outcome":"maybe"})")
            .status == 400);
    BOOST_TEST(server.clientFor(approver)
                   .postJson(editionPath(id) + "/review",
                             R"({"password":")" + approver.password + R"(","outcome":"confirmed"})")
                   .status == 403);
    HttpReply confirmed = office.postJson(editionPath(id) + "/review",
                                          R"({"password":")" + server.office().password +
                                              R"(","outcome":"confirmed","comment":"өзгеріссіз"})");
    BOOST_TEST_REQUIRE(confirmed.status == 200, confirmed.body);
    BOOST_TEST(jsonString(confirmed.body, "status") == "in_force");
    BOOST_TEST(jsonString(confirmed.body, "reviewDate") == *addMonths(server.clock().today(), 36));
    auto review = probe.query(
        "SELECT meaning, outcome, comment, user_id FROM signatures ORDER BY id DESC LIMIT 1");
    BOOST_TEST(review.at(0).at(0) == "reviewed");
    BOOST_TEST(review.at(0).at(1) == "confirmed");
    BOOST_TEST(review.at(0).at(2) == "өзгеріссіз");
    BOOST_TEST(parse(office.get("/api/v1/reviews/due?days=30").body)->getArray("items")->size() ==
               0u);

    // "Cancel" ends the document's edition in force.
    HttpReply cancelled = office.postJson(editionPath(id) + "/review",
                                          R"({"password":")" + server.office().password +
                                              R"(","outcome":"cancel","comment":"қажет емес"})");
    BOOST_TEST_REQUIRE(cancelled.status == 200, cancelled.body);
    BOOST_TEST(jsonString(cancelled.body, "status") == "cancelled");
    BOOST_TEST(count(probe, "editions_in_force") == 0);
    BOOST_TEST(server.clientFor(late)
                   .postJson(editionPath(id) + "/familiarize", signBody(late.password))
                   .status == 409);
    BOOST_TEST(parse(server.clientFor(late).get("/api/v1/me/familiarizations").body)
                   ->getArray("items")
                   ->size() == 0u);
}

BOOST_DATA_TEST_CASE(cancel_and_revise, data::make(kBackends), backend) {
    ServerHarness server(backend);
    HttpClient office = server.client();
    TestUser author = server.addUser("author", {Role::Author});
    TestUser approver = server.addUser("approver", {Role::Approver});
    TestUser signer = server.addUser("signer", {Role::Approver});  // the route's signatory
    std::string xml = readFile(fixture("minimal.xml"));
    long long documentId = jsonInt(
        office
            .postJson(
                "/api/v1/documents",
                R"({"code":"СМЖ 07.БЕ.99","kind":"regulation","title":"Сынақ","unit":"","language":"kk"})")
            .body,
        "id");
    long long draft = jsonInt(
        office.postXml("/api/v1/documents/" + std::to_string(documentId) + "/editions", xml).body,
        "id");
    // Only the quality office cancels; a cancelled draft is final.
    BOOST_TEST(server.clientFor(author).postJson(editionPath(draft) + "/cancel", "{}").status ==
               403);
    HttpReply cancelled =
        office.postJson(editionPath(draft) + "/cancel", R"({"comment":"қате тіркелді"})");
    BOOST_TEST_REQUIRE(cancelled.status == 200, cancelled.body);
    BOOST_TEST(jsonString(cancelled.body, "status") == "cancelled");
    HttpReply again = server.clientFor(author).postJson(editionPath(draft) + "/submit",
                                                        signBody(author.password));
    BOOST_TEST(again.status == 409, again.body);
    BOOST_TEST(again.body.find("cancelled") != std::string::npos);

    // "Revise": the edition stays in force, the outcome is signed.
    xml.replace(xml.find("СМЖ 07.БЕ.99"), std::string("СМЖ 07.БЕ.99").size(), "СМЖ 07.БЕ.98");
    long long second = jsonInt(
        office
            .postJson(
                "/api/v1/documents",
                R"({"code":"СМЖ 07.БЕ.98","kind":"regulation","title":"Сынақ 2","unit":"","language":"kk"})")
            .body,
        "id");
    long long edition = jsonInt(
        office.postXml("/api/v1/documents/" + std::to_string(second) + "/editions", xml).body,
        "id");
    BOOST_TEST_REQUIRE(
        server.clientFor(author)
            .postJson(editionPath(edition) + "/submit",
                      R"({"password":")" + author.password + R"(","route":[{"userId":)" +
                          std::to_string(approver.user.id) + R"(}],"signatoryUserId":)" +
                          std::to_string(signer.user.id) + "}")
            .status == 200);
    BOOST_TEST_REQUIRE(server.clientFor(approver)
                           .postJson(editionPath(edition) + "/agree", signBody(approver.password))
                           .status == 200);
    BOOST_TEST_REQUIRE(server.clientFor(signer)
                           .postJson(editionPath(edition) + "/approve",
                                     R"({"password":")" + signer.password + R"(","decision":"№2"})")
                           .status == 200);
    HttpReply revise =
        office.postJson(editionPath(edition) + "/review",
                        R"({"password":")" + server.office().password +
                            R"(","outcome":"revise","comment":"жаңа басылым керек"})");
    BOOST_TEST_REQUIRE(revise.status == 200, revise.body);
    BOOST_TEST(jsonString(revise.body, "status") == "in_force");
    auto signatures = parse(revise.body)->getArray("signatures");
    auto last = signatures->getObject(signatures->size() - 1);
    BOOST_TEST(last->getValue<std::string>("meaning") == "reviewed");
    BOOST_TEST(last->getValue<std::string>("outcome") == "revise");
    BOOST_TEST(last->getValue<std::string>("fullName") == "Сапа бөлімі маманы");
}
