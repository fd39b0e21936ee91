// Contract cases of the controlled copies on every backend: numbering per
// edition, only of an edition approved or in force, the register, the
// recall request inside the change that ends the edition's force (exactly
// the copies the change names), the return, and the audit entries written
// with each act.
#include "storage/RecordSamples.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

ControlledCopy copyFor(const Edition& edition, const User& issuer,
                       std::optional<std::int64_t> userId, std::optional<std::int64_t> unitId,
                       const std::string& holderName) {
    ControlledCopy copy;
    copy.editionId = edition.id;
    copy.holderUserId = userId;
    copy.holderUnitId = unitId;
    copy.holderName = holderName;
    copy.note = "кітапхана сөресі";
    copy.issuedBy = issuer.id;
    copy.issuedByLogin = issuer.login;
    copy.issuedAt = kTestTime;
    return copy;
}

NewAuditEntry copyEntry(const std::string& action) {
    NewAuditEntry entry = auditEntry(action, "");
    entry.objectType = "copy";
    return entry;
}

std::vector<AuditEntry> entriesOf(Storage& storage, const std::string& action) {
    AuditQuery query;
    query.limit = 500;
    std::vector<AuditEntry> found;
    AuditPage page = require(storage.audit().listAudit(query));
    for (AuditEntry& entry : page.items)
        if (entry.entry.action == action) found.push_back(std::move(entry));
    return found;
}

}  // namespace

NUSQA_STORE_CASE(controlled_copies_are_numbered_per_edition_and_recalled) {
    Storage& storage = fixture.storage();
    Unit unit = require(storage.people().createUnit({0, "Кітапхана", "Библиотека", {}}, {}));
    User office = addUser(storage, "office", {Role::QualityOffice});
    User holder = addUser(storage, "holder", {Role::Employee});
    Edition edition = addDraft(storage, "СМЖ 07.БЕ.51");
    LifecycleStore& lifecycle = storage.lifecycle();

    // Not before approval.
    requireError(lifecycle.issueCopy(copyFor(edition, office, holder.id, {}, "Х"),
                                     {copyEntry("copy.issue")}),
                 ErrorCode::Conflict, {"draft"});
    walk(storage, edition.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved});
    ControlledCopy first = require(lifecycle.issueCopy(
        copyFor(edition, office, holder.id, {}, holder.fullNameKk), {copyEntry("copy.issue")}));
    walk(storage, edition.id, {EditionStatus::InForce});
    ControlledCopy second = require(lifecycle.issueCopy(
        copyFor(edition, office, {}, unit.id, unit.nameKk), {copyEntry("copy.issue")}));
    BOOST_TEST(first.number == 1);
    BOOST_TEST(second.number == 2);
    BOOST_TEST((first.state == CopyState::Open));
    BOOST_TEST((first.holderUserId == holder.id));
    BOOST_TEST(!first.holderUnitId);
    BOOST_TEST((second.holderUnitId == unit.id));
    requireError(lifecycle.issueCopy(copyFor(edition, office, 999999, {}, "жоқ"), {}),
                 ErrorCode::NotFound);
    requireError(lifecycle.issueCopy(copyFor(edition, office, {}, 999999, "жоқ"), {}),
                 ErrorCode::NotFound);

    // Another edition's copies are numbered from 1.
    Edition other = addDraft(storage, "СМЖ 08");
    walk(storage, other.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved});
    ControlledCopy otherFirst = require(lifecycle.issueCopy(
        copyFor(other, office, holder.id, {}, holder.fullNameKk), {copyEntry("copy.issue")}));
    BOOST_TEST(otherFirst.number == 1);

    CopyQuery ofEdition;
    ofEdition.editionId = edition.id;
    std::vector<ControlledCopy> copies = require(lifecycle.copies(ofEdition));
    BOOST_TEST_REQUIRE(copies.size() == 2u);
    BOOST_TEST(copies[0].id == first.id);
    BOOST_TEST(copies[0].holderName == holder.fullNameKk);
    BOOST_TEST(copies[0].note == "кітапхана сөресі");
    BOOST_TEST(copies[0].issuedByLogin == "office");
    BOOST_TEST(copies[1].id == second.id);
    BOOST_TEST(require(lifecycle.copies({})).size() == 3u);
    std::vector<AuditEntry> issued = entriesOf(storage, "copy.issue");
    BOOST_TEST_REQUIRE(issued.size() == 3u);
    BOOST_TEST(issued[0].entry.objectId == std::to_string(first.id));
    BOOST_TEST(issued[0].entry.details.find("№ 1") != std::string::npos);

    // A change that ends the edition's force but names only one of the two
    // open copies is refused whole: nobody goes unnotified.
    Edition next = require(storage.documents().createEdition(
        sampleEdition(edition.documentId, 2, Language::Kazakh, sampleXml("екінші")), {}));
    walk(storage, next.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved});
    LifecycleChange supersede = changeTo(storage, next.id, EditionStatus::InForce);
    supersede.enterIntoForce = true;
    supersede.enteredAt = kTestTime;
    supersede.expectedInForce = edition.id;
    supersede.recallCopiesOf = edition.id;
    supersede.recallCopies = {first.id};
    supersede.audit = {copyEntry("copy.recall_request")};
    requireError(lifecycle.apply(supersede), ErrorCode::Conflict, {"meanwhile"});
    BOOST_TEST((require(storage.documents().edition(edition.id)).status == EditionStatus::InForce));
    BOOST_TEST((require(lifecycle.copy(first.id)).state == CopyState::Open));

    supersede.recallCopies = {second.id, first.id};
    require(lifecycle.apply(supersede));
    BOOST_TEST(
        (require(storage.documents().edition(edition.id)).status == EditionStatus::Superseded));
    CopyQuery recallable;
    recallable.state = CopyState::RecallRequested;
    std::vector<ControlledCopy> listed = require(lifecycle.copies(recallable));
    BOOST_TEST_REQUIRE(listed.size() == 2u);
    BOOST_TEST(listed[0].recallRequestedAt == kTestTime);
    BOOST_TEST(require(lifecycle.copies({other.id, CopyState::Open})).size() == 1u);
    BOOST_TEST(entriesOf(storage, "copy.recall_request").size() == 1u);

    ControlledCopy back = require(lifecycle.recallCopy(
        first.id, office.id, office.login, "2026-03-03T10:00:00Z",
        {NewAuditEntry{"2026-03-03T10:00:00Z", office.id, office.login, "copy.recall", "copy",
                       std::to_string(first.id), "returned"}}));
    BOOST_TEST((back.state == CopyState::Recalled));
    BOOST_TEST((back.recalledBy == office.id));
    BOOST_TEST(back.recalledAt == "2026-03-03T10:00:00Z");
    BOOST_TEST(require(lifecycle.copy(first.id)).recalledByLogin == "office");
    requireError(lifecycle.recallCopy(first.id, office.id, office.login, kTestTime, {}),
                 ErrorCode::Conflict, {"already recalled"});
    requireError(lifecycle.recallCopy(999999, office.id, office.login, kTestTime, {}),
                 ErrorCode::NotFound);
    requireError(lifecycle.copy(999999), ErrorCode::NotFound);
    BOOST_TEST(require(lifecycle.copies(recallable)).size() == 1u);
    BOOST_TEST(entriesOf(storage, "copy.recall").size() == 1u);
    // A superseded edition gets no new copies.
    requireError(lifecycle.issueCopy(copyFor(edition, office, holder.id, {}, "Х"), {}),
                 ErrorCode::Conflict, {"superseded"});
    BOOST_TEST(fixture.countRows("controlled_copies") == 3);
}

NUSQA_STORE_CASE(cancelling_an_edition_asks_its_copies_back) {
    Storage& storage = fixture.storage();
    User office = addUser(storage, "office", {Role::QualityOffice});
    Edition edition = addDraft(storage, "СМЖ 09");
    walk(storage, edition.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved});
    ControlledCopy copy = require(storage.lifecycle().issueCopy(
        copyFor(edition, office, office.id, {}, office.fullNameKk), {copyEntry("copy.issue")}));
    LifecycleChange cancel = changeTo(storage, edition.id, EditionStatus::Cancelled);
    cancel.recallCopiesOf = edition.id;
    cancel.recallCopies = {copy.id};
    require(storage.lifecycle().apply(cancel));
    ControlledCopy asked = require(storage.lifecycle().copy(copy.id));
    BOOST_TEST((asked.state == CopyState::RecallRequested));
    // A change that names no copies leaves none behind either: it is
    // refused while one is open.
    Edition second = addDraft(storage, "СМЖ 10");
    walk(storage, second.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved});
    require(storage.lifecycle().issueCopy(copyFor(second, office, office.id, {}, "Х"), {}));
    LifecycleChange blind = changeTo(storage, second.id, EditionStatus::Cancelled);
    blind.recallCopiesOf = second.id;
    requireError(storage.lifecycle().apply(blind), ErrorCode::Conflict);
}
