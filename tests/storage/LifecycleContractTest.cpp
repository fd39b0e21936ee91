// Contract cases of LifecycleStore on every backend: the compare-and-set of
// apply(), agreement routes and decisions, signatures, entry into force with
// supersession (also under concurrency), distribution lists, assignments,
// and atomicity under injected faults.
#include <latch>
#include <thread>
#include <tuple>

#include "crypto/Digest.h"
#include "storage/RecordSamples.h"
#include "xml/RecordXml.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

Signature signatureBy(const User& user, const Edition& edition, SignatureMeaning meaning) {
    return Signature{0,       edition.id, user.id,        user.fullNameKk, "Маман",
                     meaning, kTestTime,  edition.sha256, "түсініктеме",   ""};
}

}  // namespace

NUSQA_STORE_CASE(new_editions_start_with_an_empty_lifecycle) {
    Edition draft = addDraft(fixture.storage(), "СМЖ 01");
    EditionLifecycle lifecycle = require(fixture.storage().lifecycle().lifecycle(draft.id));
    BOOST_TEST(lifecycle.edition.id == draft.id);
    BOOST_TEST(lifecycle.edition.sha256 == draft.sha256);
    BOOST_TEST(lifecycle.version == 0);
    BOOST_TEST(lifecycle.round == 0);
    BOOST_TEST(lifecycle.effectiveDate.empty());
    requireError(fixture.storage().lifecycle().lifecycle(999999), ErrorCode::NotFound);
    BOOST_TEST(
        require(fixture.storage().lifecycle().editionsWithStatus(EditionStatus::Draft)).size() ==
        1u);
}

NUSQA_STORE_CASE(apply_writes_route_decision_signature_audit_and_mail_together) {
    Storage& storage = fixture.storage();
    User author = addUser(storage, "author", {Role::Author});
    User first = addUser(storage, "first", {Role::Approver});
    User second = addUser(storage, "second", {Role::Approver});
    User rector = addUser(storage, "rector", {Role::Approver});
    Edition draft = addDraft(storage, "ҚП 607-2023");

    LifecycleChange submit = changeTo(storage, draft.id, EditionStatus::InAgreement);
    submit.newRound = 1;
    submit.route = {{first.id, 1}, {second.id, 2}, {rector.id, 1, StepKind::Sign}};
    submit.signature = signatureBy(author, draft, SignatureMeaning::Prepared);
    submit.audit = {auditEntry("edition.submit", std::to_string(draft.id))};
    submit.mail = {{"first@university.test", "Келісуге: ҚП 607-2023", "..."}};
    ChangeResult submitted = require(storage.lifecycle().apply(submit));
    BOOST_TEST(submitted.version == 1);
    BOOST_TEST(submitted.signatureId > 0);

    EditionLifecycle lifecycle = require(storage.lifecycle().lifecycle(draft.id));
    BOOST_TEST((lifecycle.edition.status == EditionStatus::InAgreement));
    BOOST_TEST(lifecycle.round == 1);
    BOOST_TEST(lifecycle.version == 1);
    auto steps = require(storage.lifecycle().agreementSteps(draft.id));
    BOOST_TEST_REQUIRE(steps.size() == 3u);  // ordered by round, order, id
    BOOST_TEST(steps[0].userId == first.id);
    BOOST_TEST(steps[0].order == 1);
    BOOST_TEST((steps[0].kind == StepKind::Agree));
    BOOST_TEST(steps[1].userId == rector.id);  // the signatory: kind sign kept
    BOOST_TEST((steps[1].kind == StepKind::Sign));
    steps.erase(steps.begin() + 1);
    BOOST_TEST(steps[1].order == 2);
    BOOST_TEST((steps[1].kind == StepKind::Agree));
    BOOST_TEST(steps[0].decision.empty());

    LifecycleChange agree = changeTo(storage, draft.id, EditionStatus::InAgreement);
    agree.newStatus.reset();
    agree.decidedStepId = steps[0].id;
    agree.stepDecision = "agreed";
    agree.stepComment = "келісемін";
    agree.decidedAt = kTestTime;
    agree.signature = signatureBy(first, draft, SignatureMeaning::Agreed);
    require(storage.lifecycle().apply(agree));
    steps = require(storage.lifecycle().agreementSteps(draft.id));
    BOOST_TEST(steps[0].decision == "agreed");
    BOOST_TEST(steps[0].comment == "келісемін");
    // Deciding the same step again is refused and writes nothing.
    LifecycleChange again = changeTo(storage, draft.id, EditionStatus::InAgreement);
    again.newStatus.reset();
    again.decidedStepId = steps[0].id;
    again.stepDecision = "agreed";
    again.signature = signatureBy(first, draft, SignatureMeaning::Agreed);
    requireError(storage.lifecycle().apply(again), ErrorCode::Conflict);

    auto signatures = require(storage.lifecycle().signatures(draft.id));
    BOOST_TEST_REQUIRE(signatures.size() == 2u);
    BOOST_TEST((signatures[0].meaning == SignatureMeaning::Prepared));
    BOOST_TEST(signatures[1].fullName == "Қызметкер first");
    BOOST_TEST(signatures[1].editionSha256 == draft.sha256);
    BOOST_TEST(signatures[1].signedAt == kTestTime);
    BOOST_TEST(fixture.countRows("outbox") == 1);
    BOOST_TEST(require(storage.audit().verifyAudit()).intact);
}

// The approver's queue reads its candidates in one query (issue 17): the
// editions where the user has an undecided step of the current round.
NUSQA_STORE_CASE(editions_awaiting_a_user_are_those_with_an_undecided_step) {
    Storage& storage = fixture.storage();
    User author = addUser(storage, "author", {Role::Author});
    User first = addUser(storage, "first", {Role::Approver});
    User rector = addUser(storage, "rector", {Role::Approver});
    Edition draft = addDraft(storage, "ҚП 608-2023");
    addDraft(storage, "ҚП 609-2023");  // a draft waits for nobody
    BOOST_TEST(require(storage.lifecycle().editionsAwaiting(first.id)).empty());
    LifecycleChange submit = changeTo(storage, draft.id, EditionStatus::InAgreement);
    submit.newRound = 1;
    submit.route = {{first.id, 1}, {rector.id, 1, StepKind::Sign}};
    submit.signature = signatureBy(author, draft, SignatureMeaning::Prepared);
    require(storage.lifecycle().apply(submit));
    auto waiting = require(storage.lifecycle().editionsAwaiting(first.id));
    BOOST_TEST_REQUIRE(waiting.size() == 1u);
    BOOST_TEST(waiting[0].edition.id == draft.id);
    BOOST_TEST(waiting[0].round == 1);
    BOOST_TEST(require(storage.lifecycle().editionsAwaiting(rector.id)).size() == 1u);
    BOOST_TEST(require(storage.lifecycle().editionsAwaiting(author.id)).empty());

    auto steps = require(storage.lifecycle().agreementSteps(draft.id));
    LifecycleChange agree = changeTo(storage, draft.id, EditionStatus::InAgreement);
    agree.newStatus = EditionStatus::Agreed;
    agree.decidedStepId = steps[0].userId == first.id ? steps[0].id : steps[1].id;
    agree.stepDecision = "agreed";
    agree.decidedAt = kTestTime;
    agree.signature = signatureBy(first, draft, SignatureMeaning::Agreed);
    require(storage.lifecycle().apply(agree));
    BOOST_TEST(require(storage.lifecycle().editionsAwaiting(first.id)).empty());
    waiting = require(storage.lifecycle().editionsAwaiting(rector.id));
    BOOST_TEST_REQUIRE(waiting.size() == 1u);
    BOOST_TEST((waiting[0].edition.status == EditionStatus::Agreed));
}

NUSQA_STORE_CASE(apply_compares_version_status_and_hash) {
    Storage& storage = fixture.storage();
    Edition draft = addDraft(storage, "СМЖ 02");
    LifecycleChange stale = changeTo(storage, draft.id, EditionStatus::InAgreement);
    require(storage.lifecycle().apply(changeTo(storage, draft.id, EditionStatus::InAgreement)));
    requireError(storage.lifecycle().apply(stale), ErrorCode::Conflict, {"changed meanwhile"});

    LifecycleChange wrongStatus = changeTo(storage, draft.id, EditionStatus::Agreed);
    wrongStatus.expectedStatus = EditionStatus::Draft;
    requireError(storage.lifecycle().apply(wrongStatus), ErrorCode::Conflict);

    LifecycleChange wrongHash = changeTo(storage, draft.id, EditionStatus::Agreed);
    wrongHash.expectedSha256 = std::string(64, '0');
    requireError(storage.lifecycle().apply(wrongHash), ErrorCode::Conflict, {"XML changed"});

    LifecycleChange missing = changeTo(storage, draft.id, EditionStatus::Agreed);
    missing.editionId = 987654;
    requireError(storage.lifecycle().apply(missing), ErrorCode::NotFound);
    BOOST_TEST(
        (require(storage.documents().edition(draft.id)).status == EditionStatus::InAgreement));
}

NUSQA_STORE_CASE(entering_into_force_supersedes_the_previous_edition) {
    Storage& storage = fixture.storage();
    Edition first = addDraft(storage, "СМЖ 07.БЕ.51");
    walk(storage, first.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved,
          EditionStatus::InForce});
    BOOST_TEST((require(storage.lifecycle().editionInForce(first.documentId, Language::Kazakh)) ==
                first.id));
    BOOST_TEST(!require(storage.lifecycle().editionInForce(first.documentId, Language::Russian)));
    BOOST_TEST(require(storage.lifecycle().lifecycle(first.id)).enteredAt == kTestTime);

    Edition second = require(storage.documents().createEdition(
        sampleEdition(first.documentId, 2, Language::Kazakh, sampleXml("екінші")), {}));
    walk(storage, second.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved});
    // Expecting no edition in force when one is: refused.
    LifecycleChange blind = changeTo(storage, second.id, EditionStatus::InForce);
    blind.enterIntoForce = true;
    requireError(storage.lifecycle().apply(blind), ErrorCode::Conflict);
    walk(storage, second.id, {EditionStatus::InForce});
    BOOST_TEST(
        (require(storage.documents().edition(first.id)).status == EditionStatus::Superseded));
    BOOST_TEST((require(storage.lifecycle().editionInForce(first.documentId, Language::Kazakh)) ==
                second.id));
    BOOST_TEST(require(storage.lifecycle().lifecycle(first.id)).version ==
               5);  // bumped by the supersession
    // Leaving "in force" (a review that cancels) frees the slot.
    walk(storage, second.id, {EditionStatus::Cancelled});
    BOOST_TEST(!require(storage.lifecycle().editionInForce(first.documentId, Language::Kazakh)));
}

NUSQA_STORE_CASE(never_two_editions_in_force_under_concurrency) {
    constexpr int kEditions = 6;
    Storage& storage = fixture.storage();
    Edition first = addDraft(storage, "СМЖ 09");
    std::vector<std::int64_t> approved{first.id};
    for (int number = 2; number <= kEditions; ++number)
        approved.push_back(require(storage.documents().createEdition(
                                       sampleEdition(first.documentId, number, Language::Kazakh,
                                                     sampleXml(std::to_string(number))),
                                       {}))
                               .id);
    for (std::int64_t id : approved)
        walk(storage, id,
             {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved});
    // Every edition tries to enter into force at once, each expecting none in force.
    std::latch start(kEditions);
    std::vector<std::thread> threads;
    std::atomic<int> entered{0};
    for (std::int64_t id : approved)
        threads.emplace_back([&, id] {
            LifecycleChange change;
            change.editionId = id;
            change.expectedVersion = 3;
            change.expectedStatus = EditionStatus::Approved;
            change.newStatus = EditionStatus::InForce;
            change.enterIntoForce = true;
            change.at = kTestTime;
            start.arrive_and_wait();
            if (storage.lifecycle().apply(change)) ++entered;
        });
    for (auto& thread : threads) thread.join();
    BOOST_TEST(entered.load() == 1);
    auto inForce = require(storage.lifecycle().editionsWithStatus(EditionStatus::InForce));
    BOOST_TEST(inForce.size() == 1u);
    BOOST_TEST(fixture.countRows("editions_in_force") == 1);
}

NUSQA_STORE_CASE(distribution_lists_and_assignments) {
    Storage& storage = fixture.storage();
    Unit a = require(storage.people().createUnit(Unit{0, "А бөлімі", "", {}}, {}));
    Unit b = require(storage.people().createUnit(Unit{0, "Б бөлімі", "", {}}, {}));
    User anna = addUser(storage, "anna", {Role::Employee}, a.id);
    User bota = addUser(storage, "bota", {Role::Employee}, b.id);
    Edition edition = addDraft(storage, "СМЖ 11");
    require(storage.lifecycle().setDistribution(edition.documentId,
                                                Distribution{{a.id, b.id}, {}, {}},
                                                {auditEntry("document.distribution")}));
    BOOST_TEST((require(storage.lifecycle().distribution(edition.documentId)).unitIds ==
                std::vector<std::int64_t>{a.id, b.id}));
    require(
        storage.lifecycle().setDistribution(edition.documentId, Distribution{{b.id}, {}, {}}, {}));
    BOOST_TEST((require(storage.lifecycle().distribution(edition.documentId)).unitIds ==
                std::vector<std::int64_t>{b.id}));
    requireError(storage.lifecycle().setDistribution(999999, Distribution{{a.id}, {}, {}}, {}),
                 ErrorCode::NotFound);
    requireError(
        storage.lifecycle().setDistribution(edition.documentId, Distribution{{999999}, {}, {}}, {}),
        ErrorCode::NotFound);
    BOOST_TEST((require(storage.lifecycle().distribution(edition.documentId)).unitIds ==
                std::vector<std::int64_t>{b.id}));

    walk(storage, edition.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved,
          EditionStatus::InForce});
    LifecycleChange assign = changeTo(storage, edition.id, EditionStatus::InForce);
    assign.newStatus.reset();
    assign.assignments = {{anna.id, "2026-03-12"}, {bota.id, "2026-03-20"}};
    assign.assignedAt = kTestTime;
    require(storage.lifecycle().apply(assign));
    AssignmentQuery all;
    all.editionId = edition.id;
    auto assignments = require(storage.lifecycle().assignments(all));
    BOOST_TEST_REQUIRE(assignments.size() == 2u);
    BOOST_TEST(assignments[0].fullNameKk == "Қызметкер anna");
    BOOST_TEST(assignments[0].dueDate == "2026-03-12");
    BOOST_TEST((assignments[0].unitId == a.id));

    LifecycleChange sign = changeTo(storage, edition.id, EditionStatus::InForce);
    sign.newStatus.reset();
    sign.signature = signatureBy(anna, edition, SignatureMeaning::Familiarized);
    sign.signedAssignmentId = assignments[0].id;
    ChangeResult signedResult = require(storage.lifecycle().apply(sign));
    LifecycleChange twice = changeTo(storage, edition.id, EditionStatus::InForce);
    twice.newStatus.reset();
    twice.signature = signatureBy(anna, edition, SignatureMeaning::Familiarized);
    twice.signedAssignmentId = assignments[0].id;
    requireError(storage.lifecycle().apply(twice), ErrorCode::Conflict);
    BOOST_TEST(fixture.countRows("signatures") == 1);

    AssignmentQuery overdue;
    overdue.unsignedOnly = true;
    overdue.dueBefore = "2026-03-21";
    overdue.inForceOnly = true;
    auto late = require(storage.lifecycle().assignments(overdue));
    BOOST_TEST_REQUIRE(late.size() == 1u);
    BOOST_TEST(late[0].userId == bota.id);
    overdue.dueBefore = "2026-03-20";
    BOOST_TEST(require(storage.lifecycle().assignments(overdue)).empty());
    AssignmentQuery mine;
    mine.userId = anna.id;
    mine.signedOnly = true;
    auto signedByAnna = require(storage.lifecycle().assignments(mine));
    BOOST_TEST_REQUIRE(signedByAnna.size() == 1u);
    BOOST_TEST(signedByAnna[0].signatureId == signedResult.signatureId);
    AssignmentQuery byUnit;
    byUnit.unitId = b.id;
    BOOST_TEST(require(storage.lifecycle().assignments(byUnit)).size() == 1u);

    LifecycleChange remind = changeTo(storage, edition.id, EditionStatus::InForce);
    remind.newStatus.reset();
    remind.remindedAssignments = {late[0].id};
    remind.remindedAt = "2026-03-21T08:00:00Z";
    require(storage.lifecycle().apply(remind));
    BOOST_TEST(require(storage.lifecycle().assignments(byUnit))[0].remindedAt ==
               "2026-03-21T08:00:00Z");
    // A duplicate assignment is refused whole.
    LifecycleChange duplicate = changeTo(storage, edition.id, EditionStatus::InForce);
    duplicate.newStatus.reset();
    duplicate.assignments = {{anna.id, "2026-04-01"}};
    requireError(storage.lifecycle().apply(duplicate), ErrorCode::Conflict);
}

// The overdue list a page at a time: unsigned, due before the date, of
// editions in force only; ordered by due date, then edition, then person,
// whichever order the rows were written in; the total whatever the page.
NUSQA_STORE_CASE(overdue_assignments_in_pages) {
    Storage& storage = fixture.storage();
    Unit a = require(storage.people().createUnit(Unit{0, "А бөлімі", "", {}}, {}));
    Unit b = require(storage.people().createUnit(Unit{0, "Б бөлімі", "", {}}, {}));
    User anna = addUser(storage, "anna", {Role::Employee}, a.id);
    User bota = addUser(storage, "bota", {Role::Employee}, a.id);
    User cara = addUser(storage, "cara", {Role::Employee}, b.id);
    User dana = addUser(storage, "dana", {Role::Employee}, b.id);
    auto inForce = [&](const std::string& code, std::vector<NewAssignment> assignments) {
        Edition edition = addDraft(storage, code);
        walk(storage, edition.id,
             {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved,
              EditionStatus::InForce});
        LifecycleChange assign = changeTo(storage, edition.id, EditionStatus::InForce);
        assign.newStatus.reset();
        assign.assignments = std::move(assignments);
        assign.assignedAt = kTestTime;
        require(storage.lifecycle().apply(assign));
        return edition;
    };
    // Written out of the list's order, so that ids do not give it.
    Edition first = inForce("СМЖ 31", {{cara.id, "2026-03-15"},
                                       {dana.id, "2026-03-12"},
                                       {bota.id, "2026-03-10"},
                                       {anna.id, "2026-03-12"}});
    Edition second = inForce("СМЖ 32", {{cara.id, "2026-03-25"},  // not yet due
                                        {anna.id, "2026-03-05"},  // signed below
                                        {bota.id, "2026-03-10"}});
    Edition gone = inForce("СМЖ 33", {{anna.id, "2026-03-01"}});  // out of force below
    AssignmentQuery annasSecond;
    annasSecond.editionId = second.id;
    annasSecond.userId = anna.id;
    LifecycleChange sign = changeTo(storage, second.id, EditionStatus::InForce);
    sign.newStatus.reset();
    sign.signature = signatureBy(anna, second, SignatureMeaning::Familiarized);
    sign.signedAssignmentId = require(storage.lifecycle().assignments(annasSecond)).at(0).id;
    require(storage.lifecycle().apply(sign));
    require(storage.lifecycle().apply(changeTo(storage, gone.id, EditionStatus::Superseded)));

    using Key = std::tuple<std::string, std::int64_t, std::int64_t>;
    auto keys = [](const AssignmentPage& page) {
        std::vector<Key> found;
        for (const Assignment& item : page.items)
            found.emplace_back(item.dueDate, item.editionId, item.userId);
        return found;
    };
    const std::vector<Key> whole = {{"2026-03-10", first.id, bota.id},
                                    {"2026-03-10", second.id, bota.id},
                                    {"2026-03-12", first.id, anna.id},
                                    {"2026-03-12", first.id, dana.id},
                                    {"2026-03-15", first.id, cara.id}};
    OverdueQuery query;
    query.dueBefore = "2026-03-21";
    query.limit = 50;
    AssignmentPage all = require(storage.lifecycle().overdue(query));
    BOOST_TEST(all.total == 5);
    BOOST_TEST((keys(all) == whole));
    BOOST_TEST(all.items[0].fullNameKk == "Қызметкер bota");
    BOOST_TEST((all.items[0].unitId == a.id));
    BOOST_TEST(all.items[0].signedAt.empty());

    // Pages of two: the same entries in the same order, the total on each.
    std::vector<Key> paged;
    for (int offset = 0; offset < 6; offset += 2) {
        query.limit = 2;
        query.offset = offset;
        AssignmentPage page = require(storage.lifecycle().overdue(query));
        BOOST_TEST(page.total == 5);
        BOOST_TEST(page.items.size() == (offset < 4 ? 2u : 1u));
        for (const Key& key : keys(page)) paged.push_back(key);
    }
    BOOST_TEST((paged == whole));
    query.offset = 5;
    AssignmentPage beyond = require(storage.lifecycle().overdue(query));
    BOOST_TEST(beyond.items.empty());
    BOOST_TEST(beyond.total == 5);

    // One unit, one person.
    query.limit = 50;
    query.offset = 0;
    query.unitId = b.id;
    AssignmentPage unitB = require(storage.lifecycle().overdue(query));
    BOOST_TEST(unitB.total == 2);
    BOOST_TEST((keys(unitB) == std::vector<Key>{whole[3], whole[4]}));
    query.unitId.reset();
    query.userId = bota.id;
    AssignmentPage botas = require(storage.lifecycle().overdue(query));
    BOOST_TEST(botas.total == 2);
    BOOST_TEST((keys(botas) == std::vector<Key>{whole[0], whole[1]}));
    query.userId.reset();
    query.dueBefore = "2026-03-10";
    AssignmentPage none = require(storage.lifecycle().overdue(query));
    BOOST_TEST(none.items.empty());
    BOOST_TEST(none.total == 0);
}

NUSQA_STORE_CASE(a_failed_change_leaves_nothing_behind) {
    // Fault injection: the n-th statement of apply() fails, for every n until
    // the change goes through. After each failure nothing of it may remain.
    Storage& storage = fixture.storage();
    User approver = addUser(storage, "approver", {Role::Approver});
    Edition draft = addDraft(storage, "СМЖ 13");
    std::int64_t auditBefore = fixture.countRows("audit_log");
    int failures = 0;
    for (int n = 0; n < 100; ++n) {
        LifecycleChange submit = changeTo(storage, draft.id, EditionStatus::InAgreement);
        submit.newRound = 1;
        submit.route = {{approver.id, 1}};
        submit.signature = signatureBy(approver, draft, SignatureMeaning::Prepared);
        submit.audit = {auditEntry("edition.submit"), auditEntry("edition.note")};
        submit.mail = {{"approver@university.test", "Келісуге", "..."}};
        fixture.failStatementAfter(n);
        auto applied = storage.lifecycle().apply(submit);
        fixture.failStatementAfter(-1);
        if (applied) break;
        ++failures;
        BOOST_TEST(applied.error().message.find("injected fault") != std::string::npos,
                   applied.error().message);
        BOOST_TEST_REQUIRE(
            (require(storage.documents().edition(draft.id)).status == EditionStatus::Draft));
        BOOST_TEST_REQUIRE(require(storage.lifecycle().lifecycle(draft.id)).version == 0);
        BOOST_TEST_REQUIRE(fixture.countRows("signatures") == 0);
        BOOST_TEST_REQUIRE(fixture.countRows("agreement_steps") == 0);
        BOOST_TEST_REQUIRE(fixture.countRows("outbox") == 0);
        BOOST_TEST_REQUIRE(fixture.countRows("audit_log") == auditBefore);
    }
    BOOST_TEST(failures >= 8);  // every statement of the change was failed once
    BOOST_TEST(
        (require(storage.documents().edition(draft.id)).status == EditionStatus::InAgreement));
    BOOST_TEST(fixture.countRows("signatures") == 1);
    BOOST_TEST(fixture.countRows("audit_log") == auditBefore + 2);
    BOOST_TEST(require(storage.audit().verifyAudit()).intact);
}

NUSQA_STORE_CASE(a_paper_registration_is_kept_with_the_edition) {
    Storage& storage = fixture.storage();
    User office = addUser(storage, "office", {Role::QualityOffice});
    Edition draft = addDraft(storage, "СМЖ 15");
    BOOST_TEST(!require(storage.lifecycle().lifecycle(draft.id)).paper.has_value());
    LifecycleChange change = changeTo(storage, draft.id, EditionStatus::InForce);
    change.enterIntoForce = true;
    change.enteredAt = kTestTime;
    PaperRegistration paper;
    paper.approval = PaperApproval{"Ректор",     "А. М. Наметов", "№ 13 шешім",
                                   "2022-11-10", "2022-11-11",    "2022-11-14"};
    paper.registeredBy = office.id;
    paper.registeredByLogin = office.login;
    paper.registeredByName = office.fullNameKk;
    paper.registeredAt = kTestTime;
    paper.sourceFile = "000_f400d2e770514cf9.txt";
    change.paper = paper;
    change.audit = {auditEntry("edition.register_in_force", std::to_string(draft.id))};
    require(storage.lifecycle().apply(change));

    EditionLifecycle registered = require(storage.lifecycle().lifecycle(draft.id));
    BOOST_TEST((registered.edition.status == EditionStatus::InForce));
    BOOST_TEST_REQUIRE(registered.paper.has_value());
    const PaperRegistration& stored = *registered.paper;
    BOOST_TEST(stored.approval.approverPosition == "Ректор");
    BOOST_TEST(stored.approval.approverName == "А. М. Наметов");
    BOOST_TEST(stored.approval.decision == "№ 13 шешім");
    BOOST_TEST(stored.approval.decisionDate == "2022-11-10");
    BOOST_TEST(stored.approval.approvalDate == "2022-11-11");
    BOOST_TEST(stored.approval.effectiveDate == "2022-11-14");
    BOOST_TEST(stored.registeredBy == office.id);
    BOOST_TEST(stored.registeredByLogin == "office");
    BOOST_TEST(stored.registeredByName == "Қызметкер office");
    BOOST_TEST(stored.registeredAt == kTestTime);
    BOOST_TEST(stored.sourceFile == "000_f400d2e770514cf9.txt");
    // Facts, not signatures.
    BOOST_TEST(fixture.countRows("signatures") == 0);
    BOOST_TEST(fixture.countRows("paper_registrations") == 1);
    BOOST_TEST(require(storage.lifecycle().editionsWithStatus(EditionStatus::InForce))
                   .front()
                   .paper.has_value());
    // One registration per edition.
    LifecycleChange again = changeTo(storage, draft.id, EditionStatus::InForce);
    again.newStatus.reset();
    again.paper = paper;
    requireError(storage.lifecycle().apply(again), ErrorCode::Conflict);
    BOOST_TEST(fixture.countRows("paper_registrations") == 1);
}

NUSQA_STORE_CASE(an_older_edition_is_recorded_superseded_by_the_one_in_force) {
    Storage& storage = fixture.storage();
    Edition older = addDraft(storage, "СМЖ 17");  // edition 1 (kk)
    Edition newer = require(storage.documents().createEdition(
        sampleEdition(older.documentId, 2, Language::Kazakh, sampleXml("2 kk")), {}));
    Edition russian = require(storage.documents().createEdition(
        sampleEdition(older.documentId, 1, Language::Russian, sampleXml("1 ru")), {}));
    walk(storage, newer.id, {EditionStatus::InForce});
    // No Russian edition is in force: expecting the Kazakh one is refused.
    LifecycleChange wrongLanguage = changeTo(storage, russian.id, EditionStatus::Superseded);
    wrongLanguage.olderThanInForce = true;
    wrongLanguage.expectedInForce = newer.id;
    requireError(storage.lifecycle().apply(wrongLanguage), ErrorCode::Conflict);
    // Expecting none when one is in force: refused too.
    LifecycleChange blind = changeTo(storage, older.id, EditionStatus::Superseded);
    blind.olderThanInForce = true;
    requireError(storage.lifecycle().apply(blind), ErrorCode::Conflict);
    BOOST_TEST((require(storage.documents().edition(older.id)).status == EditionStatus::Draft));

    LifecycleChange recorded = changeTo(storage, older.id, EditionStatus::Superseded);
    recorded.olderThanInForce = true;
    recorded.expectedInForce = newer.id;
    require(storage.lifecycle().apply(recorded));
    BOOST_TEST(
        (require(storage.documents().edition(older.id)).status == EditionStatus::Superseded));
    // The newer one stays in force, untouched.
    BOOST_TEST((require(storage.documents().edition(newer.id)).status == EditionStatus::InForce));
    BOOST_TEST(require(storage.lifecycle().lifecycle(newer.id)).version == 1);
    BOOST_TEST((require(storage.lifecycle().editionInForce(older.documentId, Language::Kazakh)) ==
                newer.id));
    BOOST_TEST(fixture.countRows("editions_in_force") == 1);
}

// Issue 13: a signature makes a new version of the agreement sheet in its
// own transaction — a change that fails at any statement leaves no version —
// and the next decision a second one, chained to the first, both valid.
NUSQA_DATABASE_CASE(a_signature_makes_a_record_version_in_its_transaction) {
    Storage& storage = fixture.storage();
    User approver = addUser(storage, "approver", {Role::Approver});
    Edition draft = addDraft(storage, "СМЖ 13.1");
    int failures = 0;
    for (int n = 0; n < 100; ++n) {
        LifecycleChange submit = changeTo(storage, draft.id, EditionStatus::InAgreement);
        submit.newRound = 1;
        submit.route = {{approver.id, 1}};
        submit.signature = signatureBy(approver, draft, SignatureMeaning::Prepared);
        submit.audit = {auditEntry("edition.submit")};
        fixture.failStatementAfter(n);
        auto applied = storage.lifecycle().apply(submit);
        fixture.failStatementAfter(-1);
        if (applied) break;
        ++failures;
        BOOST_TEST_REQUIRE(fixture.countRows("record_versions") == 0);
        BOOST_TEST_REQUIRE(fixture.countRows("signatures") == 0);
    }
    BOOST_TEST(failures >= 8);
    LifecycleChange agree = changeTo(storage, draft.id, EditionStatus::Agreed);
    agree.decidedStepId = require(storage.lifecycle().agreementSteps(draft.id)).at(0).id;
    agree.stepDecision = "agreed";
    agree.decidedAt = kTestTime;
    agree.signature = signatureBy(approver, draft, SignatureMeaning::Agreed);
    require(storage.lifecycle().apply(agree));

    std::vector<RecordVersion> versions =
        require(storage.lifecycle().recordVersions(draft.id, RecordKind::AgreementSheet, true));
    BOOST_TEST_REQUIRE(versions.size() == 2u);
    BOOST_TEST(
        require(storage.lifecycle().recordVersions(draft.id, RecordKind::FamiliarizationLog, false))
            .empty());
    const RecordXml codec;
    std::string previous;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        const RecordVersion& version = versions[i];
        BOOST_TEST(version.version == static_cast<std::int64_t>(i + 1));
        BOOST_TEST(version.sha256 == crypto::sha256Hex(version.xml));
        BOOST_TEST(version.previousSha256 == previous);
        BOOST_TEST(version.createdAt == kTestTime);
        auto sheet = codec.readAgreementSheet(version.xml);
        BOOST_TEST_REQUIRE(sheet.has_value(), sheet.error().message);
        BOOST_TEST(sheet->header.previousSha256 == previous);
        BOOST_TEST_REQUIRE(sheet->rounds.size() == 1u);
        BOOST_TEST_REQUIRE(sheet->rounds[0].steps.size() == 1u);
        BOOST_TEST(sheet->rounds[0].prepared.has_value());
        BOOST_TEST(sheet->rounds[0].steps[0].signature.has_value() == (i == 1));
        previous = version.sha256;
    }
    // Byte-exact: the latest one read alone is the same bytes.
    RecordVersion latest =
        require(storage.lifecycle().recordVersion(draft.id, RecordKind::AgreementSheet, 0));
    BOOST_TEST(latest.version == 2);
    BOOST_TEST(latest.xml == versions[1].xml);
    requireError(storage.lifecycle().recordVersion(draft.id, RecordKind::AgreementSheet, 3),
                 ErrorCode::NotFound);
    // Every version of the database, page by page.
    BOOST_TEST(require(storage.lifecycle().recordVersionsAfter(0, RecordKind::AgreementSheet, 0, 1))
                   .size() == 1u);
    BOOST_TEST(require(storage.lifecycle().recordVersionsAfter(draft.id, RecordKind::AgreementSheet,
                                                               1, 10))
                   .size() == 1u);
}

// The audit coverage check walks every edition's lifecycle in keyset pages.
NUSQA_STORE_CASE(lifecycles_come_in_pages_by_edition_id) {
    Storage& storage = fixture.storage();
    Edition first = addDraft(storage, "СМЖ 31");
    Edition second = addDraft(storage, "СМЖ 32");
    Edition third = addDraft(storage, "СМЖ 33");
    walk(storage, second.id, {EditionStatus::InAgreement});
    auto ids = [](const std::vector<EditionLifecycle>& page) {
        std::vector<std::int64_t> found;
        for (const EditionLifecycle& lifecycle : page) found.push_back(lifecycle.edition.id);
        return found;
    };
    using Ids = std::vector<std::int64_t>;
    std::vector<EditionLifecycle> start = require(storage.lifecycle().lifecyclesAfter(0, 2));
    BOOST_TEST((ids(start) == Ids{first.id, second.id}));
    BOOST_TEST((start[1].edition.status == EditionStatus::InAgreement));
    BOOST_TEST(start[1].version == 1);
    BOOST_TEST((ids(require(storage.lifecycle().lifecyclesAfter(second.id, 2))) == Ids{third.id}));
    BOOST_TEST(require(storage.lifecycle().lifecyclesAfter(third.id, 2)).empty());
}
