// Contract cases of the dashboard's reviews due (LifecycleStore::
// reviewsDueBy) after every act that writes the edition in force or an
// edition's review date, on every backend: the SQL backends keep the review
// date beside the edition in force (editions_in_force.review_date, migration
// 18) and read the list from an index on it, so each act must keep that copy
// right in its own transaction. After each act the list is checked against
// the expected editions and against the lifecycle rows themselves.
#include <algorithm>
#include <tuple>

#include "storage/RecordSamples.h"
#include "support/SqlProbe.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

using Ids = std::vector<std::int64_t>;

// The window of the checks: the dashboard's 30 days from kTestTime's date.
const std::string kWindowEnd = "2026-04-01";

// The ids of reviewsDueBy(lastDay), in its order, after checking that each
// item's review date is its lifecycle's own and that the list is exactly
// the editions in force whose lifecycle row has a review date up to
// lastDay, by review date then edition.
Ids dueBy(Storage& storage, const std::string& lastDay = kWindowEnd) {
    std::vector<ReviewDue> due = require(storage.lifecycle().reviewsDueBy(lastDay));
    Ids ids;
    for (const ReviewDue& item : due) {
        ids.push_back(item.lifecycle.edition.id);
        BOOST_TEST((item.lifecycle.edition.status == EditionStatus::InForce));
        BOOST_TEST(item.document.id == item.lifecycle.edition.documentId);
        BOOST_TEST(item.lifecycle.reviewDate ==
                   require(storage.lifecycle().lifecycle(item.lifecycle.edition.id)).reviewDate);
    }
    std::vector<EditionLifecycle> inForce =
        require(storage.lifecycle().editionsWithStatus(EditionStatus::InForce));
    std::erase_if(inForce, [&](const EditionLifecycle& l) {
        return l.reviewDate.empty() || l.reviewDate > lastDay;
    });
    std::sort(inForce.begin(), inForce.end(), [](const auto& a, const auto& b) {
        return std::tie(a.reviewDate, a.edition.id) < std::tie(b.reviewDate, b.edition.id);
    });
    Ids expected;
    for (const EditionLifecycle& l : inForce) expected.push_back(l.edition.id);
    BOOST_TEST(ids == expected, "reviews due by " << lastDay << " are not the lifecycles'");
    return ids;
}

Edition addNext(Storage& storage, std::int64_t documentId, int number) {
    return require(storage.documents().createEdition(
        sampleEdition(documentId, number, Language::Kazakh,
                      sampleXml("редакция " + std::to_string(number))),
        {}));
}

// The approval as LifecycleService::approve writes it: the effective date
// and the review date, the edition not yet in force.
void approve(Storage& storage, std::int64_t editionId, const std::string& effective,
             const std::string& review) {
    walk(storage, editionId, {EditionStatus::InAgreement, EditionStatus::Agreed});
    LifecycleChange change = changeTo(storage, editionId, EditionStatus::Approved);
    change.decision = "№ 7";
    change.effectiveDate = effective;
    change.reviewDate = review;
    require(storage.lifecycle().apply(change));
}

// The scheduler's entry into force (or the approver's on the day): no review
// date in the change, the one written at approval holds.
void enter(Storage& storage, std::int64_t editionId) {
    walk(storage, editionId, {EditionStatus::InForce});
}

// The review act that keeps the edition (confirmed unchanged): the next
// review date, the notice cleared, a signature.
void confirmReview(Storage& storage, const User& reviewer, std::int64_t editionId,
                   const std::string& next) {
    LifecycleChange change = changeTo(storage, editionId, EditionStatus::InForce);
    change.newStatus.reset();
    change.reviewDate = next;
    change.reviewNoticeAt = "";
    change.signature = Signature{0,           editionId,
                                 reviewer.id, reviewer.fullNameKk,
                                 "",          SignatureMeaning::Reviewed,
                                 kTestTime,   change.expectedSha256,
                                 "",          "confirmed"};
    change.audit = {auditEntry("edition.review", std::to_string(editionId))};
    require(storage.lifecycle().apply(change));
}

// A paper edition registered in force (PaperEdition): review date, effective
// date and registration in one change; either entering into force or, when
// older than the edition in force, recorded as superseded by it.
void registerOnPaper(Storage& storage, const User& office, std::int64_t editionId,
                     const std::string& effective, const std::string& review) {
    Edition edition = require(storage.documents().edition(editionId));
    auto inForce =
        require(storage.lifecycle().editionInForce(edition.documentId, edition.language));
    bool older = inForce && require(storage.documents().edition(*inForce)).number > edition.number;
    LifecycleChange change =
        changeTo(storage, editionId, older ? EditionStatus::Superseded : EditionStatus::InForce);
    change.expectedInForce = inForce;
    change.olderThanInForce = older;
    change.enterIntoForce = !older;
    if (!older) change.enteredAt = kTestTime;
    change.effectiveDate = effective;
    change.reviewDate = review;
    PaperRegistration paper;
    paper.approval =
        PaperApproval{"Ректор", "А. М. Наметов", "№ 13", effective, effective, effective};
    paper.registeredBy = office.id;
    paper.registeredByLogin = office.login;
    paper.registeredByName = office.fullNameKk;
    paper.registeredAt = kTestTime;
    change.paper = paper;
    change.audit = {auditEntry("edition.register_in_force", std::to_string(editionId))};
    require(storage.lifecycle().apply(change));
}

}  // namespace

NUSQA_STORE_CASE(reviews_due_follow_entry_into_force_and_superseding) {
    Storage& storage = fixture.storage();
    Edition first = addDraft(storage, "СМЖ 31");
    approve(storage, first.id, "2024-01-10", "2026-03-20");
    // Approved, not yet in force: not due.
    BOOST_TEST(dueBy(storage).empty());

    // The scheduler's entry into force brings the date written at approval.
    enter(storage, first.id);
    BOOST_TEST((dueBy(storage) == Ids{first.id}));
    auto due = require(storage.lifecycle().reviewsDueBy(kWindowEnd));
    BOOST_TEST_REQUIRE(due.size() == 1u);
    BOOST_TEST(due.front().lifecycle.reviewDate == "2026-03-20");
    BOOST_TEST(due.front().document.code == "СМЖ 31");
    BOOST_TEST((dueBy(storage, "2026-03-19") == Ids{}));
    BOOST_TEST((dueBy(storage, "2026-03-20") == Ids{first.id}));

    // Superseded by an edition whose review is years away: the superseded
    // one leaves the list (its lifecycle keeps its date), the new one is
    // not due yet.
    Edition second = addNext(storage, first.documentId, 2);
    approve(storage, second.id, "2025-01-10", "2029-01-10");
    BOOST_TEST((dueBy(storage) == Ids{first.id}));
    enter(storage, second.id);
    BOOST_TEST(dueBy(storage).empty());
    BOOST_TEST(require(storage.lifecycle().lifecycle(first.id)).reviewDate == "2026-03-20");
    BOOST_TEST((dueBy(storage, "2029-12-31") == Ids{second.id}));

    // Superseded by one due within the window: the new one takes its place.
    Edition third = addNext(storage, first.documentId, 3);
    approve(storage, third.id, "2025-06-01", "2026-03-05");
    enter(storage, third.id);
    BOOST_TEST((dueBy(storage) == Ids{third.id}));
    BOOST_TEST((dueBy(storage, "2029-12-31") == Ids{third.id}));
}

NUSQA_STORE_CASE(a_review_moves_the_edition_in_or_out_of_the_window) {
    Storage& storage = fixture.storage();
    User reviewer = addUser(storage, "reviewer", {Role::QualityOffice});
    Edition a = addDraft(storage, "СМЖ 41");
    approve(storage, a.id, "2023-01-10", "2026-03-15");
    enter(storage, a.id);
    Edition b = addDraft(storage, "СМЖ 42");
    approve(storage, b.id, "2023-02-10", "2026-03-25");
    enter(storage, b.id);
    Edition c = addDraft(storage, "СМЖ 43");
    approve(storage, c.id, "2023-03-10", "2027-06-01");
    enter(storage, c.id);
    // By review date, not by edition.
    BOOST_TEST((dueBy(storage) == Ids{a.id, b.id}));

    // Confirmed unchanged: the next review three years on, past the window.
    confirmReview(storage, reviewer, a.id, "2029-03-02");
    BOOST_TEST((dueBy(storage) == Ids{b.id}));
    BOOST_TEST((dueBy(storage, "2029-12-31") == Ids{b.id, c.id, a.id}));

    // The scheduler's review notice changes no date: still due.
    LifecycleChange notice = changeTo(storage, b.id, EditionStatus::InForce);
    notice.newStatus.reset();
    notice.reviewNoticeAt = kTestTime;
    notice.audit = {auditEntry("edition.review_due", std::to_string(b.id))};
    require(storage.lifecycle().apply(notice));
    BOOST_TEST((dueBy(storage) == Ids{b.id}));

    // A date moved into the window (and before b's) brings an edition in.
    confirmReview(storage, reviewer, c.id, "2026-03-10");
    BOOST_TEST((dueBy(storage) == Ids{c.id, b.id}));

    // Two editions due on one day come by edition.
    confirmReview(storage, reviewer, a.id, "2026-03-25");
    BOOST_TEST((dueBy(storage) == Ids{c.id, a.id, b.id}));
}

NUSQA_STORE_CASE(cancelled_and_withdrawn_editions_leave_the_reviews_due) {
    Storage& storage = fixture.storage();
    Edition kept = addDraft(storage, "СМЖ 51");
    approve(storage, kept.id, "2023-01-10", "2026-03-12");
    enter(storage, kept.id);
    Edition cancelled = addDraft(storage, "СМЖ 52");
    approve(storage, cancelled.id, "2023-01-10", "2026-03-11");
    enter(storage, cancelled.id);
    Edition withdrawn = addDraft(storage, "СМЖ 53");
    approve(storage, withdrawn.id, "2023-01-10", "2026-03-13");
    enter(storage, withdrawn.id);
    BOOST_TEST((dueBy(storage) == Ids{cancelled.id, kept.id, withdrawn.id}));

    // The review that cancels the edition (no new date).
    LifecycleChange cancel = changeTo(storage, cancelled.id, EditionStatus::Cancelled);
    cancel.audit = {auditEntry("edition.review", std::to_string(cancelled.id))};
    require(storage.lifecycle().apply(cancel));
    BOOST_TEST((dueBy(storage) == Ids{kept.id, withdrawn.id}));

    // Withdrawn without a successor (out of force, superseded by nothing).
    walk(storage, withdrawn.id, {EditionStatus::Superseded});
    BOOST_TEST((dueBy(storage) == Ids{kept.id}));
    BOOST_TEST((dueBy(storage, "2099-12-31") == Ids{kept.id}));
    BOOST_TEST(fixture.countRows("editions_in_force") == 1);
}

NUSQA_STORE_CASE(paper_editions_registered_in_force_bring_their_review_date) {
    Storage& storage = fixture.storage();
    User office = addUser(storage, "office", {Role::QualityOffice});
    Edition first = addDraft(storage, "СМЖ 61");
    registerOnPaper(storage, office, first.id, "2022-11-14", "2026-03-30");
    BOOST_TEST((dueBy(storage) == Ids{first.id}));

    // A newer paper edition supersedes it with a date past the window.
    Edition second = addNext(storage, first.documentId, 2);
    registerOnPaper(storage, office, second.id, "2024-05-02", "2027-05-02");
    BOOST_TEST(dueBy(storage).empty());
    BOOST_TEST((dueBy(storage, "2027-12-31") == Ids{second.id}));

    // Another document: edition 2 in force first, then its older edition 1
    // registered (superseded by 2 at once): its review date, although in
    // the window, does not make it due, and edition 2's stays.
    Edition other = addDraft(storage, "СМЖ 62");
    Edition newer = addNext(storage, other.documentId, 2);
    registerOnPaper(storage, office, newer.id, "2025-01-15", "2026-03-28");
    registerOnPaper(storage, office, other.id, "2021-01-15", "2026-03-03");
    BOOST_TEST(
        (require(storage.documents().edition(other.id)).status == EditionStatus::Superseded));
    BOOST_TEST((dueBy(storage) == Ids{newer.id}));
    auto due = require(storage.lifecycle().reviewsDueBy(kWindowEnd));
    BOOST_TEST_REQUIRE(due.size() == 1u);
    BOOST_TEST(due.front().lifecycle.reviewDate == "2026-03-28");
}

NUSQA_STORE_CASE(a_failed_act_leaves_the_reviews_due_as_they_were) {
    Storage& storage = fixture.storage();
    User reviewer = addUser(storage, "reviewer", {Role::QualityOffice});
    Edition first = addDraft(storage, "СМЖ 81");
    approve(storage, first.id, "2023-01-10", "2026-03-15");
    enter(storage, first.id);
    Edition second = addNext(storage, first.documentId, 2);
    approve(storage, second.id, "2025-01-10", "2029-01-10");

    // The entry into force of the second, superseding the first, with its
    // n-th statement (memory: step) failing: all or nothing.
    int failures = 0;
    for (int n = 0; n < 100; ++n) {
        LifecycleChange enterSecond = changeTo(storage, second.id, EditionStatus::InForce);
        enterSecond.enterIntoForce = true;
        enterSecond.enteredAt = kTestTime;
        enterSecond.expectedInForce = first.id;
        enterSecond.audit = {auditEntry("edition.enter_into_force", std::to_string(second.id))};
        fixture.failStatementAfter(n);
        auto applied = storage.lifecycle().apply(enterSecond);
        fixture.failStatementAfter(-1);
        if (applied) break;
        ++failures;
        BOOST_TEST_REQUIRE((dueBy(storage) == Ids{first.id}));
    }
    BOOST_TEST(failures >= 3);
    BOOST_TEST(dueBy(storage).empty());

    // The review act bringing the second's date into the window.
    failures = 0;
    for (int n = 0; n < 100; ++n) {
        LifecycleChange review = changeTo(storage, second.id, EditionStatus::InForce);
        review.newStatus.reset();
        review.reviewDate = "2026-03-25";
        review.audit = {auditEntry("edition.review", std::to_string(second.id))};
        fixture.failStatementAfter(n);
        auto applied = storage.lifecycle().apply(review);
        fixture.failStatementAfter(-1);
        if (applied) break;
        ++failures;
        BOOST_TEST_REQUIRE(dueBy(storage).empty());
    }
    BOOST_TEST(failures >= 3);
    BOOST_TEST((dueBy(storage) == Ids{second.id}));
}

// The SQL databases: migration 18 run on a store of schema 17 (the column
// and its index missing) copies the review dates of the editions in force
// from their lifecycle rows.
NUSQA_DATABASE_CASE(migration_18_copies_the_review_dates_of_the_editions_in_force) {
    Storage& storage = fixture.storage();
    Edition due = addDraft(storage, "СМЖ 71");
    approve(storage, due.id, "2023-01-10", "2026-03-20");
    enter(storage, due.id);
    Edition later = addDraft(storage, "СМЖ 72");
    approve(storage, later.id, "2023-01-10", "2028-03-20");
    enter(storage, later.id);
    Edition undated = addDraft(storage, "СМЖ 73");
    walk(storage, undated.id, {EditionStatus::InForce});
    Edition approved = addDraft(storage, "СМЖ 74");
    approve(storage, approved.id, "2027-01-10", "2026-03-01");
    fixture.close();

    SqlProbe probe(fixture.url());
    if (fixture.backend() == Backend::Mysql) {
        probe.execute(
            "ALTER TABLE editions_in_force DROP INDEX editions_in_force_by_review,"
            " DROP COLUMN review_date");
    } else {
        probe.execute("DROP INDEX editions_in_force_by_review");
        probe.execute("ALTER TABLE editions_in_force DROP COLUMN review_date");
    }
    probe.execute("DELETE FROM schema_migrations WHERE version = 18");
    fixture.reopen();

    BOOST_TEST(require(fixture.store().schemaVersion()) == 18);
    auto dateOf = [&](std::int64_t editionId) {
        return probe.scalar("SELECT review_date FROM editions_in_force WHERE edition_id = " +
                            std::to_string(editionId));
    };
    BOOST_TEST(dateOf(due.id) == "2026-03-20");
    BOOST_TEST(dateOf(later.id) == "2028-03-20");
    BOOST_TEST(dateOf(undated.id) == "");
    BOOST_TEST(fixture.countRows("editions_in_force") == 3);
    Storage& reopened = fixture.storage();
    BOOST_TEST((dueBy(reopened) == Ids{due.id}));
    BOOST_TEST((dueBy(reopened, "2099-12-31") == Ids{due.id, later.id}));
}
