// GET /api/v1/audit/verification on both backends: the chain's state as
// `nusqa audit verify` finds it, for auditors and admins only; intact on a
// fresh server, broken at the changed entry after a row was changed behind
// the server's back; one walk's answer reused while fresh (the walk reads
// the whole log); every reply as openapi.json describes it.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <string>

#include "OpenApiCheck.h"
#include "ServerHarness.h"
#include "support/SqlProbe.h"

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

namespace {

Poco::JSON::Object::Ptr auditObject(const std::string& body) {
    Poco::JSON::Parser parser;
    return parser.parse(body).extract<Poco::JSON::Object::Ptr>();
}

const char* const kPath = "/api/v1/audit/verification";

void expectDescribed(const HttpReply& reply) {
    OpenApiCheck description = OpenApiCheck::load(sourceDir() / "server/http/openapi.json");
    for (const std::string& problem : description.problems("GET", kPath, reply))
        BOOST_TEST_ERROR(problem);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(audit_verification)

BOOST_DATA_TEST_CASE(intact_chain_for_auditors_only_and_cached, data::make(kBackends), backend) {
    ServerHarness server(backend);
    TestUser auditor = server.addUser("auditor", {Role::Auditor});
    TestUser employee = server.addUser("employee", {Role::Employee});
    HttpClient asAuditor = server.clientFor(auditor);

    HttpReply first = asAuditor.get(kPath);
    BOOST_TEST_REQUIRE(first.status == 200, first.body);
    expectDescribed(first);
    auto answer = auditObject(first.body);
    BOOST_TEST(answer->getValue<bool>("intact"));
    BOOST_TEST(answer->isNull("firstBadSequence"));
    BOOST_TEST(answer->getValue<std::string>("problem").empty());
    SqlProbe probe(server.storeUrl());
    const long long entries = answer->getValue<long long>("entries");
    BOOST_TEST(entries > 0);
    BOOST_TEST(entries <= std::stoll(probe.scalar("SELECT COUNT(*) FROM audit_log")));
    BOOST_TEST(answer->getValue<std::string>("checkedAt").size() >= 19u);

    // Only auditors and admins; nobody signed out.
    BOOST_TEST(server.clientFor(employee).get(kPath).status == 403);
    BOOST_TEST(server.anonymous().get(kPath).status == 401);

    // While fresh, the same walk's answer: a row changed now is not seen
    // until the answer expires (the walk is not repeated per request).
    probe.execute("UPDATE audit_log SET details = 'forged' WHERE sequence_number = 1");
    auto again = auditObject(asAuditor.get(kPath).body);
    BOOST_TEST(again->getValue<bool>("intact"));
    BOOST_TEST(again->getValue<std::string>("checkedAt") ==
               answer->getValue<std::string>("checkedAt"));
    BOOST_TEST(again->getValue<long long>("entries") == entries);
}

BOOST_DATA_TEST_CASE(changed_row_named, data::make(kBackends), backend) {
    ServerHarness server(backend);
    TestUser auditor = server.addUser("auditor", {Role::Auditor});
    TestUser admin = server.addUser("admin2", {Role::Admin});
    HttpClient asAuditor = server.clientFor(auditor);
    BOOST_TEST(server.clientFor(admin).get("/api/v1/me").status == 200);
    SqlProbe probe(server.storeUrl());
    const long long entries = std::stoll(probe.scalar("SELECT COUNT(*) FROM audit_log"));
    BOOST_TEST_REQUIRE(entries >= 2);
    const long long k = entries / 2 + 1;
    probe.execute("UPDATE audit_log SET details = 'forged' WHERE sequence_number = " +
                  std::to_string(k));

    // The admin's first look: the chain is broken at the changed entry.
    HttpReply reply = server.clientFor(admin).get(kPath);
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    expectDescribed(reply);
    auto answer = auditObject(reply.body);
    BOOST_TEST(!answer->getValue<bool>("intact"));
    BOOST_TEST(answer->getValue<long long>("firstBadSequence") == k);
    BOOST_TEST(!answer->getValue<std::string>("problem").empty());
    // The auditor gets the same answer.
    auto shared = auditObject(asAuditor.get(kPath).body);
    BOOST_TEST(shared->getValue<long long>("firstBadSequence") == k);
}

BOOST_AUTO_TEST_SUITE_END()
