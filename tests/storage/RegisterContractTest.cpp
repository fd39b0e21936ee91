// Contract cases of the register in force on a date (LifecycleStore::
// inForceOn), of distribution lists to positions and people, and of many
// people signing one edition at once, on every backend.
#include <latch>
#include <thread>

#include "storage/RecordSamples.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

// Approves an edition with an effective date and brings it into force,
// superseding the one in force, as the lifecycle does.
void approveAndEnter(Storage& storage, std::int64_t editionId, const std::string& effective) {
    walk(storage, editionId, {EditionStatus::InAgreement, EditionStatus::Agreed});
    LifecycleChange approve = changeTo(storage, editionId, EditionStatus::Approved);
    approve.decision = "№ 12";
    approve.effectiveDate = effective;
    require(storage.lifecycle().apply(approve));
    walk(storage, editionId, {EditionStatus::InForce});
}

Edition addNext(Storage& storage, std::int64_t documentId, int number, Language language,
                const std::string& text) {
    return require(storage.documents().createEdition(
        sampleEdition(documentId, number, language, sampleXml(text)), {}));
}

std::vector<std::int64_t> editionsOn(Storage& storage, const std::string& date,
                                     std::optional<Language> language = {}) {
    RegisterQuery query;
    query.date = date;
    query.language = language;
    std::vector<std::int64_t> ids;
    for (const RegisterEntry& entry : require(storage.lifecycle().inForceOn(query)).items)
        ids.push_back(entry.edition.id);
    return ids;
}

}  // namespace

NUSQA_STORE_CASE(register_gives_the_edition_in_force_on_each_date) {
    Storage& storage = fixture.storage();
    Edition first = addDraft(storage, "СМЖ 07.БЕ.51");
    approveAndEnter(storage, first.id, "2024-01-10");
    Edition second = addNext(storage, first.documentId, 2, Language::Kazakh, "екінші");
    approveAndEnter(storage, second.id, "2025-06-01");
    BOOST_TEST(
        (require(storage.documents().edition(first.id)).status == EditionStatus::Superseded));

    using Ids = std::vector<std::int64_t>;
    BOOST_TEST((editionsOn(storage, "2024-01-09") == Ids{}));
    BOOST_TEST((editionsOn(storage, "2024-01-10") == Ids{first.id}));
    BOOST_TEST((editionsOn(storage, "2025-05-31") == Ids{first.id}));
    BOOST_TEST((editionsOn(storage, "2025-06-01") == Ids{second.id}));
    BOOST_TEST((editionsOn(storage, "2030-01-01") == Ids{second.id}));
    BOOST_TEST((editionsOn(storage, "2030-01-01", Language::Russian) == Ids{}));

    RegisterQuery between;
    between.date = "2024-12-31";
    auto entries = require(storage.lifecycle().inForceOn(between)).items;
    BOOST_TEST_REQUIRE(entries.size() == 1u);
    BOOST_TEST(entries[0].document.code == "СМЖ 07.БЕ.51");
    BOOST_TEST(entries[0].edition.number == 1);
    BOOST_TEST(entries[0].effectiveDate == "2024-01-10");
    BOOST_TEST(entries[0].endedOn == "2025-06-01");
    between.unit = "no such unit";
    BOOST_TEST(require(storage.lifecycle().inForceOn(between)).items.empty());

    // A draft of a third edition changes nothing; cancelling the edition in
    // force ends it on the day of the act (kTestTime's date).
    addNext(storage, first.documentId, 3, Language::Kazakh, "үшінші");
    BOOST_TEST((editionsOn(storage, "2030-01-01") == Ids{second.id}));
    require(storage.lifecycle().apply(changeTo(storage, second.id, EditionStatus::Cancelled)));
    std::string cancelledOn = kTestTime.substr(0, 10);
    BOOST_TEST((editionsOn(storage, cancelledOn) == Ids{}));
    BOOST_TEST((editionsOn(storage, "2025-06-01") == Ids{second.id}));
}

// The register on a date comes a page at a time, in code then language
// order, with the total of the date; a document in force in two languages
// gives two entries, which a page boundary may split.
NUSQA_STORE_CASE(register_on_a_date_comes_in_pages) {
    Storage& storage = fixture.storage();
    for (const char* code : {"СМЖ 05", "СМЖ 02", "СМЖ 06", "СМЖ 01", "СМЖ 04", "СМЖ 03"}) {
        Edition edition = addDraft(storage, code);
        approveAndEnter(storage, edition.id, "2024-01-10");
        if (std::string(code) == "СМЖ 02") {
            Edition russian = addNext(storage, edition.documentId, 1, Language::Russian, "орысша");
            approveAndEnter(storage, russian.id, "2024-01-10");
        }
    }
    Edition later = addDraft(storage, "СМЖ 00");  // not yet in force on the date
    approveAndEnter(storage, later.id, "2025-01-01");

    auto labels = [](const RegisterPage& page) {
        std::vector<std::string> found;
        for (const RegisterEntry& entry : page.items)
            found.push_back(entry.document.code + "/" +
                            std::string(toString(entry.edition.language)));
        return found;
    };
    const std::vector<std::string> expected{"СМЖ 01/kk", "СМЖ 02/kk", "СМЖ 02/ru", "СМЖ 03/kk",
                                            "СМЖ 04/kk", "СМЖ 05/kk", "СМЖ 06/kk"};
    RegisterQuery query;
    query.date = "2024-06-01";
    RegisterPage whole = require(storage.lifecycle().inForceOn(query));
    BOOST_TEST(whole.total == 7);
    BOOST_TEST(labels(whole) == expected, boost::test_tools::per_element());

    std::vector<std::string> paged;
    query.limit = 2;
    for (query.offset = 0; query.offset < 8; query.offset += 2) {
        RegisterPage page = require(storage.lifecycle().inForceOn(query));
        BOOST_TEST(page.total == 7);
        BOOST_TEST(page.items.size() == (query.offset < 6 ? 2u : 1u));
        for (const std::string& label : labels(page)) paged.push_back(label);
    }
    BOOST_TEST(paged == expected, boost::test_tools::per_element());
    query.offset = 8;
    RegisterPage beyond = require(storage.lifecycle().inForceOn(query));
    BOOST_TEST(beyond.items.empty());
    BOOST_TEST(beyond.total == 7);

    // With a filter of the documents and one of the languages.
    query.offset = 0;
    query.limit = 1;
    query.language = Language::Russian;
    RegisterPage russian = require(storage.lifecycle().inForceOn(query));
    BOOST_TEST(labels(russian) == std::vector<std::string>{"СМЖ 02/ru"},
               boost::test_tools::per_element());
    BOOST_TEST(russian.total == 1);
    query.language.reset();
    query.unit = "no such unit";
    RegisterPage none = require(storage.lifecycle().inForceOn(query));
    BOOST_TEST(none.items.empty());
    BOOST_TEST(none.total == 0);
}

NUSQA_STORE_CASE(distribution_names_units_positions_and_people) {
    Storage& storage = fixture.storage();
    Unit unit = require(storage.people().createUnit(Unit{0, "А бөлімі", "", {}}, {}));
    Position head = require(storage.people().createPosition(Position{0, "Меңгеруші", ""}, {}));
    User anna = addUser(storage, "anna", {Role::Employee});
    Edition edition = addDraft(storage, "СМЖ 12");
    Distribution lists{{unit.id}, {head.id}, {anna.id}};
    require(storage.lifecycle().setDistribution(edition.documentId, lists,
                                                {auditEntry("document.distribution")}));
    BOOST_TEST((require(storage.lifecycle().distribution(edition.documentId)) == lists));
    requireError(
        storage.lifecycle().setDistribution(edition.documentId, Distribution{{}, {999999}, {}}, {}),
        ErrorCode::NotFound);
    requireError(
        storage.lifecycle().setDistribution(edition.documentId, Distribution{{}, {}, {999999}}, {}),
        ErrorCode::NotFound);
    // A refused replacement leaves the list as it was.
    BOOST_TEST((require(storage.lifecycle().distribution(edition.documentId)) == lists));
    require(storage.lifecycle().setDistribution(edition.documentId, Distribution{}, {}));
    BOOST_TEST((require(storage.lifecycle().distribution(edition.documentId)) == Distribution{}));
}

// Everyone signs on the day an edition enters into force: 50 people signing
// one edition at the same moment all succeed, each exactly once.
NUSQA_STORE_CASE(fifty_people_sign_one_edition_at_once) {
    constexpr int kSigners = 50;
    Storage& storage = fixture.storage();
    std::vector<User> people;
    for (int i = 0; i < kSigners; ++i)
        people.push_back(addUser(storage, "signer" + std::to_string(i), {Role::Employee}));
    Edition edition = addDraft(storage, "СМЖ 50");
    walk(storage, edition.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved,
          EditionStatus::InForce});
    LifecycleChange assign = changeTo(storage, edition.id, EditionStatus::InForce);
    assign.newStatus.reset();
    for (const User& person : people) assign.assignments.push_back({person.id, "2026-03-20"});
    assign.assignedAt = kTestTime;
    require(storage.lifecycle().apply(assign));
    AssignmentQuery all;
    all.editionId = edition.id;
    std::map<std::int64_t, std::int64_t> assignmentOf;
    for (const Assignment& assignment : require(storage.lifecycle().assignments(all)))
        assignmentOf[assignment.userId] = assignment.id;
    BOOST_TEST_REQUIRE(assignmentOf.size() == static_cast<std::size_t>(kSigners));

    // Every signer read the same lifecycle version before anyone signed.
    std::vector<LifecycleChange> changes;
    for (const User& person : people) {
        LifecycleChange sign = changeTo(storage, edition.id, EditionStatus::InForce);
        sign.newStatus.reset();
        sign.independentOfVersion = true;
        sign.signature = Signature{0,         edition.id,
                                   person.id, person.fullNameKk,
                                   "",        SignatureMeaning::Familiarized,
                                   kTestTime, edition.sha256,
                                   "",        ""};
        sign.signedAssignmentId = assignmentOf.at(person.id);
        sign.audit = {auditEntry("edition.familiarize", std::to_string(edition.id))};
        changes.push_back(std::move(sign));
    }
    std::vector<Result<ChangeResult>> results(kSigners, fail(ErrorCode::Internal, "not run"));
    std::latch start(kSigners);
    std::vector<std::thread> threads;
    for (int i = 0; i < kSigners; ++i)
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            results[i] = storage.lifecycle().apply(changes[i]);
        });
    for (auto& thread : threads) thread.join();
    for (int i = 0; i < kSigners; ++i)
        BOOST_TEST(results[i].has_value(),
                   "signer " << i << ": " << (results[i] ? "" : results[i].error().message));
    BOOST_TEST(fixture.countRows("signatures") == kSigners);
    AssignmentQuery unsignedOnes;
    unsignedOnes.editionId = edition.id;
    unsignedOnes.unsignedOnly = true;
    BOOST_TEST(require(storage.lifecycle().assignments(unsignedOnes)).empty());
    // A second signature of one person is still refused.
    LifecycleChange again = changes[0];
    requireError(storage.lifecycle().apply(again), ErrorCode::Conflict);
    BOOST_TEST(fixture.countRows("signatures") == kSigners);
}

NUSQA_STORE_CASE(reviews_due_come_with_their_documents_by_review_date) {
    Storage& storage = fixture.storage();
    auto setReview = [&](std::int64_t editionId, const std::string& date) {
        EditionLifecycle current = require(storage.lifecycle().lifecycle(editionId));
        LifecycleChange change;
        change.editionId = editionId;
        change.expectedVersion = current.version;
        change.expectedStatus = current.edition.status;
        change.reviewDate = date;
        change.at = kTestTime;
        require(storage.lifecycle().apply(change));
    };
    Edition first = addDraft(storage, "СМЖ 21");
    approveAndEnter(storage, first.id, "2024-01-10");
    Edition second = addDraft(storage, "СМЖ 22");
    approveAndEnter(storage, second.id, "2024-02-10");
    Edition third = addDraft(storage, "СМЖ 23");
    approveAndEnter(storage, third.id, "2024-03-10");
    setReview(first.id, "2026-05-01");
    setReview(second.id, "2026-03-01");
    setReview(third.id, "2027-01-01");

    auto due = require(storage.lifecycle().reviewsDueBy("2026-06-30"));
    BOOST_TEST_REQUIRE(due.size() == 2u);
    BOOST_TEST(due[0].lifecycle.edition.id == second.id);
    BOOST_TEST(due[0].lifecycle.reviewDate == "2026-03-01");
    BOOST_TEST(due[0].document.code == "СМЖ 22");
    BOOST_TEST(due[1].lifecycle.edition.id == first.id);
    BOOST_TEST(due[1].document.code == "СМЖ 21");
    BOOST_TEST(require(storage.lifecycle().reviewsDueBy("2026-01-01")).empty());

    // Only editions in force: a superseded one keeps its review date but is
    // no longer due.
    Edition next = addNext(storage, second.documentId, 2, Language::Kazakh, "екінші");
    approveAndEnter(storage, next.id, "2025-01-01");
    due = require(storage.lifecycle().reviewsDueBy("2026-06-30"));
    BOOST_TEST_REQUIRE(due.size() == 1u);
    BOOST_TEST(due[0].lifecycle.edition.id == first.id);
}
