// The comparison through the API (issue 13): GET /api/v1/editions/{a}/compare/{b}
// on the 000 fixture and its edited copy (the six changes, with word diffs
// and clause numbers in both editions), an edition compared with itself,
// editions of two documents refused, and GET /api/v1/editions/{id}/changes/draft
// proposing the six change records against the edition it replaces; the
// revision history of a draft through a rejection. On both backends.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <string>
#include <vector>

#include "ServerHarness.h"
#include "crypto/Digest.h"

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

namespace {

Poco::JSON::Object::Ptr parseObject(const std::string& body) {
    Poco::JSON::Parser parser;
    return parser.parse(body).extract<Poco::JSON::Object::Ptr>();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

struct Pair {
    long long documentId = 0;
    long long first = 0;   // edition 1: the 000 fixture
    long long second = 0;  // edition 2: its edited copy
};

long long postEdition(const HttpClient& client, long long documentId, const std::string& xml) {
    HttpReply reply =
        client.postXml("/api/v1/documents/" + std::to_string(documentId) + "/editions", xml);
    BOOST_TEST_REQUIRE(reply.status == 201, reply.body);
    return jsonInt(reply.body, "id");
}

long long postDocument(const HttpClient& client, const std::string& code) {
    HttpReply reply = client.postJson(
        "/api/v1/documents", R"({"code":")" + code +
                                 R"(","kind":"regulation","title":"Коворкинг орталығы туралы",)"
                                 R"("unit":"Сапа бөлімі","language":"kk"})");
    BOOST_TEST_REQUIRE(reply.status == 201, reply.body);
    return jsonInt(reply.body, "id");
}

// The 000 fixture as edition 1 and the edited copy as edition 2 of one document.
Pair postPair(const HttpClient& client) {
    Pair pair;
    pair.documentId = postDocument(client, "СМЖ 07.БЕ.51");
    pair.first = postEdition(client, pair.documentId, readFile(fixture("000-wkatu-coworking.xml")));
    std::string edited = replaced(readFile(fixture("compare/000-edited.xml")),
                                  R"(<edition number="1"/>)", R"(<edition number="2"/>)");
    pair.second = postEdition(client, pair.documentId, edited);
    return pair;
}

std::string path(long long id) {
    return "/api/v1/editions/" + std::to_string(id);
}

// The words of one kind in a "words" array, joined and trimmed.
std::string joinedWords(const Poco::JSON::Array::Ptr& words, const std::string& op) {
    std::string out;
    for (std::size_t i = 0; i < words->size(); ++i) {
        auto run = words->getObject(static_cast<unsigned>(i));
        if (run->getValue<std::string>("op") == op) out += run->getValue<std::string>("text");
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    while (!out.empty() && out.front() == ' ') out.erase(0, 1);
    return out;
}

std::string numOf(const Poco::JSON::Object::Ptr& change, const std::string& side) {
    if (change->isNull(side)) return "-";
    return change->getObject(side)->getValue<std::string>("num");
}

// The edited copy as edition 2 with the typed change records (targets and
// kinds as the sheet would carry them).
std::string editedWithRecords(const std::vector<std::pair<std::string, std::string>>& records) {
    std::string changes = "<changes>\n";
    int num = 0;
    for (const auto& [target, kind] : records) {
        ++num;
        changes += "    <change eId=\"chg_" + std::to_string(num) + "\"><num>" +
                   std::to_string(num) + "</num><location target=\"" + target + "\">" + target +
                   "</location><kind>" + kind +
                   "</kind><entered>2026-12-01</entered><person><position>Сапа бөлімінің "
                   "бастығы</position><name>Ә. Ғ. Құрманова</name></person></change>\n";
    }
    changes += "  </changes>";
    std::string xml = replaced(readFile(fixture("compare/000-edited.xml")),
                               R"(<edition number="1"/>)", R"(<edition number="2"/>)");
    return replaced(xml, "<changes/>", changes);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(compare_routes)

BOOST_DATA_TEST_CASE(the_000_pair_compares_to_exactly_the_six_changes, data::make(kBackends),
                     backend) {
    ServerHarness server(backend);
    HttpClient client = server.client();
    Pair pair = postPair(client);

    HttpReply reply = client.get(path(pair.first) + "/compare/" + std::to_string(pair.second));
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    BOOST_TEST(reply.header("content-type").starts_with("application/json"));
    auto comparison = parseObject(reply.body);
    BOOST_TEST(comparison->getObject("from")->getValue<long long>("id") == pair.first);
    BOOST_TEST(comparison->getObject("to")->getValue<long long>("id") == pair.second);
    BOOST_TEST(comparison->getValue<bool>("identical") == false);
    BOOST_TEST(comparison->getValue<std::string>("language") == "kk");

    // The only metadata change is the edition number the test gave the copy.
    auto meta = comparison->getArray("meta");
    BOOST_REQUIRE_EQUAL(meta->size(), 1u);
    BOOST_TEST(meta->getObject(0)->getValue<std::string>("field") == "edition");
    BOOST_TEST(meta->getObject(0)->getValue<std::string>("before") == "1");
    BOOST_TEST(meta->getObject(0)->getValue<std::string>("after") == "2");

    struct Expected {
        std::string kind, eId, change, before, after, locationBefore, locationAfter;
    };
    const std::vector<Expected> expected{
        {"clause", "chp_1__cl_1_2", "textChanged", "1.2.", "1.2.", "1.2-тармақ", "1.2-тармақ"},
        {"clause", "chp_3__cl_new_1", "added", "-", "3.1.", "", "3.1-тармақ"},
        {"clause", "chp_3__cl_3_1", "renumbered", "3.1.", "3.2.", "3.1-тармақ", "3.2-тармақ"},
        {"clause", "chp_3__cl_3_2", "renumbered", "3.2.", "3.3.", "3.2-тармақ", "3.3-тармақ"},
        {"clause", "chp_5__cl_5_3", "deleted", "5.3.", "-", "5.3-тармақ", ""},
        {"entry", "chp_6__ref_7", "moved", "", "", "", ""},
    };
    auto elements = comparison->getArray("elements");
    BOOST_REQUIRE_EQUAL(elements->size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
        auto change = elements->getObject(static_cast<unsigned>(k));
        BOOST_TEST_CONTEXT("change " << k << ": " << expected[k].eId) {
            BOOST_TEST(change->getValue<std::string>("kind") == expected[k].kind);
            BOOST_TEST(change->getValue<std::string>("eId") == expected[k].eId);
            auto kinds = change->getArray("changes");
            BOOST_REQUIRE_EQUAL(kinds->size(), 1u);
            BOOST_TEST(kinds->getElement<std::string>(0) == expected[k].change);
            BOOST_TEST(numOf(change, "before") == expected[k].before);
            BOOST_TEST(numOf(change, "after") == expected[k].after);
            if (expected[k].kind == "clause") {
                BOOST_TEST(change->getValue<std::string>("locationBefore") ==
                           expected[k].locationBefore);
                BOOST_TEST(change->getValue<std::string>("locationAfter") ==
                           expected[k].locationAfter);
            }
        }
    }
    auto summary = comparison->getObject("summary");
    BOOST_TEST(summary->getValue<int>("elements") == 6);
    BOOST_TEST(summary->getValue<int>("renumbered") == 2);
    BOOST_TEST(summary->getValue<int>("cellsChanged") == 0);

    // The reworded clause: its word diff, matched by eId.
    auto reworded = elements->getObject(0);
    BOOST_TEST(reworded->getValue<std::string>("matchedBy") == "eId");
    BOOST_TEST(reworded->getValue<double>("similarity") == 1.0);
    auto texts = reworded->getArray("texts");
    BOOST_REQUIRE_EQUAL(texts->size(), 1u);
    auto words = texts->getObject(0)->getArray("words");
    BOOST_TEST(joinedWords(words, "deleted") == "қолайлы жұмыс жасауда");
    BOOST_TEST(joinedWords(words, "inserted") == "тәулік бойы");
    // The added clause carries its whole text; the moved reference its places.
    BOOST_TEST(elements->getObject(1)->getValue<std::string>("text").starts_with(
        "3.1. Орталықтың жылдық жоспарын"));
    auto moved = elements->getObject(5);
    BOOST_TEST(moved->getObject("before")->getValue<int>("position") == 7);
    BOOST_TEST(moved->getObject("after")->getValue<int>("position") == 1);
    BOOST_TEST(moved->getObject("after")->getArray("path")->getObject(0)->getValue<std::string>(
                   "num") == "6.");

    // The other way round, additions and deletions swap.
    HttpReply reverse = client.get(path(pair.second) + "/compare/" + std::to_string(pair.first));
    BOOST_TEST_REQUIRE(reverse.status == 200, reverse.body);
    auto back = parseObject(reverse.body)->getArray("elements");
    BOOST_REQUIRE_EQUAL(back->size(), 6u);
    int added = 0, deleted = 0;
    for (std::size_t k = 0; k < back->size(); ++k) {
        auto change = back->getObject(static_cast<unsigned>(k));
        std::string eId = change->getValue<std::string>("eId");
        std::string type = change->getArray("changes")->getElement<std::string>(0);
        if (type == "added") {
            BOOST_TEST(eId == "chp_5__cl_5_3");
            ++added;
        }
        if (type == "deleted") {
            BOOST_TEST(eId == "chp_3__cl_new_1");
            ++deleted;
        }
    }
    BOOST_TEST(added == 1);
    BOOST_TEST(deleted == 1);
}

BOOST_AUTO_TEST_CASE(an_edition_compared_with_itself_reports_nothing) {
    ServerHarness server("sqlite");
    HttpClient client = server.client();
    Pair pair = postPair(client);
    for (long long id : {pair.first, pair.second}) {
        HttpReply reply = client.get(path(id) + "/compare/" + std::to_string(id));
        BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
        auto comparison = parseObject(reply.body);
        BOOST_TEST(comparison->getValue<bool>("identical"));
        BOOST_TEST(comparison->getArray("elements")->size() == 0u);
        BOOST_TEST(comparison->getArray("meta")->size() == 0u);
        BOOST_TEST(comparison->getObject("summary")->getValue<int>("elements") == 0);
    }
}

BOOST_AUTO_TEST_CASE(only_editions_of_one_document_compare) {
    ServerHarness server("sqlite");
    HttpClient client = server.client();
    Pair pair = postPair(client);
    // The same text registered as another document, under another code.
    long long second = postDocument(client, "СМЖ 07.БЕ.52");
    std::string copy = replaced(readFile(fixture("000-wkatu-coworking.xml")),
                                "<code>СМЖ 07.БЕ.51</code>", "<code>СМЖ 07.БЕ.52</code>");
    long long foreign = postEdition(client, second, copy);

    HttpReply mixed = client.get(path(pair.first) + "/compare/" + std::to_string(foreign));
    BOOST_TEST(mixed.status == 400, mixed.body);
    BOOST_TEST(mixed.body.find("different documents") != std::string::npos, mixed.body);
    BOOST_TEST(client.get(path(pair.first) + "/compare/999999").status == 404);
    BOOST_TEST(client.get(path(pair.first) + "/compare/abc").status == 404);  // not an id
    BOOST_TEST(server.anonymous()
                   .get(path(pair.first) + "/compare/" + std::to_string(pair.second))
                   .status == 401);
}

BOOST_DATA_TEST_CASE(the_change_draft_proposes_the_six_records, data::make(kBackends), backend) {
    ServerHarness server(backend);
    HttpClient client = server.client();
    Pair pair = postPair(client);

    HttpReply reply = client.get(path(pair.second) + "/changes/draft");
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    auto draft = parseObject(reply.body);
    BOOST_TEST(draft->getObject("edition")->getValue<long long>("id") == pair.second);
    BOOST_TEST(draft->getObject("replaces")->getValue<long long>("id") == pair.first);

    struct Expected {
        std::string target, kind, location;
    };
    const std::vector<Expected> expected{
        {"chp_1__cl_1_2", "replace", "1.2-тармақ"}, {"chp_3__cl_new_1", "add", "3.1-тармақ"},
        {"chp_3__cl_3_1", "replace", "3.2-тармақ"}, {"chp_3__cl_3_2", "replace", "3.3-тармақ"},
        {"chp_5__cl_5_3", "delete", "5.3-тармақ"},  {"chp_6__ref_7", "replace", ""},
    };
    auto proposed = draft->getArray("proposed");
    BOOST_REQUIRE_EQUAL(proposed->size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
        auto record = proposed->getObject(static_cast<unsigned>(k));
        BOOST_TEST_CONTEXT("record " << k) {
            BOOST_TEST(record->getValue<std::string>("target") == expected[k].target);
            BOOST_TEST(record->getValue<std::string>("kind") == expected[k].kind);
            if (!expected[k].location.empty())
                BOOST_TEST(record->getValue<std::string>("location") == expected[k].location);
            BOOST_TEST(record->getValue<int>("change") == static_cast<int>(k));
        }
    }
    // Nothing typed yet: all six are unrecorded.
    BOOST_TEST(draft->getArray("typed")->size() == 0u);
    auto check = draft->getObject("check");
    BOOST_TEST(check->getValue<bool>("consistent") == false);
    BOOST_TEST(check->getArray("unrecorded")->size() == 6u);
    BOOST_TEST(draft->getObject("comparison")->getArray("elements")->size() == 6u);

    // The first edition replaces nothing.
    HttpReply none = client.get(path(pair.first) + "/changes/draft");
    BOOST_TEST(none.status == 404, none.body);
}

// Revision history (issue 13, Done-when 4): a draft replaced three times
// keeps four revisions; the rejection names the revision it rejected, which
// opens byte-exact; the rejected and the approved revision compare.
BOOST_DATA_TEST_CASE(revisions_keep_what_was_rejected, data::make(kBackends), backend) {
    ServerHarness server(backend);
    HttpClient office = server.client();
    TestUser approver = server.addUser("approver1", {Role::Approver});
    TestUser rector = server.addUser("rector1", {Role::Approver});

    long long documentId = postDocument(office, "СМЖ 07.БЕ.51");
    std::string original = readFile(fixture("000-wkatu-coworking.xml"));
    long long id = postEdition(office, documentId, original);
    std::vector<std::string> kept{original};
    for (int k = 1; k <= 3; ++k) {
        std::string next = original + "<!-- түзету " + std::to_string(k) + " -->\n";
        HttpReply put =
            office.request("PUT", path(id), next,
                           {{"Content-Type", "application/xml"}, {"If-Match", std::to_string(k)}});
        BOOST_TEST_REQUIRE(put.status == 200, put.body);
        kept.push_back(next);
    }
    auto list = parseObject(office.get(path(id) + "/revisions").body);
    BOOST_TEST(list->getValue<int>("total") == 4);
    auto items = list->getArray("items");
    BOOST_REQUIRE_EQUAL(items->size(), 4u);
    for (std::size_t k = 0; k < kept.size(); ++k) {
        auto item = items->getObject(static_cast<unsigned>(k));
        BOOST_TEST(item->getValue<int>("revision") == static_cast<int>(k + 1));
        BOOST_TEST(item->getValue<std::string>("sha256") == crypto::sha256Hex(kept[k]));
        BOOST_TEST(item->getValue<long long>("authorId") == server.office().user.id);
        HttpReply xml = office.get(path(id) + "/revisions/" + std::to_string(k + 1),
                                   {{"Accept", "application/xml"}});
        BOOST_TEST_REQUIRE(xml.status == 200);
        BOOST_TEST((xml.body == kept[k]));
        BOOST_TEST(xml.header("x-revision") == std::to_string(k + 1));
    }
    BOOST_TEST(office.get(path(id) + "/revisions/5").status == 404);

    // Sent for agreement and rejected at revision 4.
    std::string route = R"({"password":")" + server.office().password + R"(","route":[{"userId":)" +
                        std::to_string(approver.user.id) + R"(}],"signatoryUserId":)" +
                        std::to_string(rector.user.id) + "}";
    HttpReply submitted = office.postJson(path(id) + "/submit", route);
    BOOST_TEST_REQUIRE(submitted.status == 200, submitted.body);
    HttpReply rejected = server.clientFor(approver).postJson(
        path(id) + "/reject",
        R"({"password":")" + approver.password + R"(","comment":"1.2-тармақты нақтылау керек"})");
    BOOST_TEST_REQUIRE(rejected.status == 200, rejected.body);

    // Revised into the edited copy, agreed and approved at revision 5.
    std::string revised = readFile(fixture("compare/000-edited.xml"));
    HttpReply put = office.request("PUT", path(id), revised,
                                   {{"Content-Type", "application/xml"}, {"If-Match", "4"}});
    BOOST_TEST_REQUIRE(put.status == 200, put.body);
    BOOST_TEST_REQUIRE(office.postJson(path(id) + "/submit", route).status == 200);
    HttpReply agreed = server.clientFor(approver).postJson(
        path(id) + "/agree", R"({"password":")" + approver.password + R"("})");
    BOOST_TEST_REQUIRE(agreed.status == 200, agreed.body);
    HttpReply approved = server.clientFor(rector).postJson(
        path(id) + "/approve",
        R"({"password":")" + rector.password + R"(","decision":"№13 шешім"})");
    BOOST_TEST_REQUIRE(approved.status == 200, approved.body);

    auto record = parseObject(office.get(path(id) + "/lifecycle").body);
    auto signatures = record->getArray("signatures");
    long long rejectedRevision = 0, approvedRevision = 0;
    std::string rejectedSha;
    for (std::size_t k = 0; k < signatures->size(); ++k) {
        auto signature = signatures->getObject(static_cast<unsigned>(k));
        std::string meaning = signature->getValue<std::string>("meaning");
        if (signature->has("comment") &&
            signature->getValue<std::string>("comment") == "1.2-тармақты нақтылау керек") {
            rejectedRevision = signature->getValue<long long>("editionRevision");
            rejectedSha = signature->getValue<std::string>("editionSha256");
        }
        if (meaning == "approved")
            approvedRevision = signature->getValue<long long>("editionRevision");
    }
    BOOST_TEST(rejectedRevision == 4);
    BOOST_TEST(approvedRevision == 5);
    // What the approver rejected opens exactly.
    HttpReply whatWasRejected =
        office.get(path(id) + "/revisions/" + std::to_string(rejectedRevision),
                   {{"Accept", "application/xml"}});
    BOOST_TEST(crypto::sha256Hex(whatWasRejected.body) == rejectedSha);
    BOOST_TEST((whatWasRejected.body == kept[3]));

    // And compares with what was approved: the six changes of the pair.
    HttpReply compared = office.get(path(id) + "/compare/" + std::to_string(id) +
                                    "?fromRevision=" + std::to_string(rejectedRevision) +
                                    "&toRevision=" + std::to_string(approvedRevision));
    BOOST_TEST_REQUIRE(compared.status == 200, compared.body);
    auto comparison = parseObject(compared.body);
    BOOST_TEST(comparison->getValue<int>("fromRevision") == 4);
    BOOST_TEST(comparison->getValue<int>("toRevision") == 5);
    BOOST_TEST(comparison->getArray("elements")->size() == 6u);
    BOOST_TEST(office.get(path(id) + "/compare/" + std::to_string(id) + "?fromRevision=9").status ==
               404);
}

// Done-when 3: sending a draft whose typed change records omit one of the
// six real changes gets 409 naming it, unless confirmed; with all six it goes.
BOOST_DATA_TEST_CASE(submitting_with_a_missing_change_record_is_refused, data::make(kBackends),
                     backend) {
    ServerHarness server(backend);
    HttpClient office = server.client();
    TestUser approver = server.addUser("approver1", {Role::Approver});
    TestUser signer = server.addUser("signer", {Role::Approver});  // the route's signatory
    long long documentId = postDocument(office, "СМЖ 07.БЕ.51");
    postEdition(office, documentId, readFile(fixture("000-wkatu-coworking.xml")));
    const std::vector<std::pair<std::string, std::string>> all{
        {"chp_1__cl_1_2", "replace"}, {"chp_3__cl_new_1", "add"},  {"chp_3__cl_3_1", "replace"},
        {"chp_3__cl_3_2", "replace"}, {"chp_5__cl_5_3", "delete"}, {"chp_6__ref_7", "replace"}};
    std::vector<std::pair<std::string, std::string>> five = all;
    five.erase(five.begin() + 4);  // the deletion of 5.3 left out
    long long second = postEdition(office, documentId, editedWithRecords(five));

    // The draft's check says the same before anyone submits.
    auto draft = parseObject(office.get(path(second) + "/changes/draft").body);
    BOOST_TEST(draft->getArray("typed")->size() == 5u);
    auto check = draft->getObject("check");
    BOOST_TEST(check->getValue<bool>("consistent") == false);
    BOOST_REQUIRE_EQUAL(check->getArray("unrecorded")->size(), 1u);
    BOOST_TEST(check->getArray("unrecorded")->getObject(0)->getValue<std::string>("target") ==
               "chp_5__cl_5_3");

    std::string route = R"(,"route":[{"userId":)" + std::to_string(approver.user.id) +
                        R"(}],"signatoryUserId":)" + std::to_string(signer.user.id);
    std::string body = R"({"password":")" + server.office().password + "\"" + route;
    HttpReply refused = office.postJson(path(second) + "/submit", body + "}");
    BOOST_TEST_REQUIRE(refused.status == 409, refused.body);
    BOOST_TEST(refused.body.find("chp_5__cl_5_3") != std::string::npos, refused.body);
    BOOST_TEST(refused.body.find("missing: delete «5.3-тармақ»") != std::string::npos,
               refused.body);
    BOOST_TEST(refused.body.find("chp_1__cl_1_2") == std::string::npos, refused.body);
    BOOST_TEST(parseObject(office.get(path(second) + "/lifecycle").body)
                   ->getValue<std::string>("status") == "draft");
    HttpReply badFlag = office.postJson(path(second) + "/submit", body + R"(,"confirmed":"yes"})");
    BOOST_TEST(badFlag.status == 400, badFlag.body);

    // Confirmed, it goes as it is.
    HttpReply confirmed = office.postJson(path(second) + "/submit", body + R"(,"confirmed":true})");
    BOOST_TEST(confirmed.status == 200, confirmed.body);

    // Returned to draft, given the sixth record, it goes without confirming.
    HttpReply rejected = server.clientFor(approver).postJson(
        path(second) + "/reject",
        R"({"password":")" + approver.password + R"(","comment":"5.3 жойылғаны тіркелмеген"})");
    BOOST_TEST_REQUIRE(rejected.status == 200, rejected.body);
    HttpReply current = office.get(path(second));
    HttpReply put =
        office.request("PUT", path(second), editedWithRecords(all),
                       {{"Content-Type", "application/xml"}, {"If-Match", current.header("etag")}});
    BOOST_TEST_REQUIRE(put.status == 200, put.body);
    auto consistent = parseObject(office.get(path(second) + "/changes/draft").body);
    BOOST_TEST(consistent->getObject("check")->getValue<bool>("consistent"));
    HttpReply accepted = office.postJson(path(second) + "/submit", body + "}");
    BOOST_TEST(accepted.status == 200, accepted.body);
}

BOOST_AUTO_TEST_SUITE_END()
