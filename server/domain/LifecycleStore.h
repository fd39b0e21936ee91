// LifecycleStore: the persistence port of the edition lifecycle — agreement
// routes and decisions, approvals, entry into force, signatures,
// distribution lists, familiarization assignments and reviews.
//
// Every change goes through apply(LifecycleChange): ONE transaction that
// compares-and-sets the edition's lifecycle version (and status, and the
// SHA-256 the signature binds to), then writes the new status, the
// signature, the agreement decision, a paper registration, the assignments,
// the audit entries and the outbox mail. Either all of it is stored or
// nothing is.
// "Never more than one edition in force per document and language" is kept
// by a table keyed (document, language) that apply() updates under its lock.
//
// Thread safety: every method may be called concurrently.
// Errors: NotFound for a missing edition or document; Conflict when the
// version, status, hash or in-force edition is not what the change expected
// (someone else changed the edition first: read again and retry), or when an
// assignment was already signed; Unavailable/Internal from the backend.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/AuditLog.h"
#include "domain/Error.h"
#include "domain/Lifecycle.h"
#include "domain/Outbox.h"
#include "domain/Records.h"
#include "domain/Types.h"

namespace nusqa {

// One person on an edition's route. Agreeing steps with the same order
// agree in parallel; a higher order waits until every lower one has agreed.
// The route's one Sign step is its signatory: he or she approves once every
// agreeing step has agreed (its order is not used).
struct RouteStep {
    std::int64_t userId = 0;
    int order = 1;
    StepKind kind = StepKind::Agree;
};

struct AgreementStep {
    std::int64_t id = 0;
    std::int64_t editionId = 0;
    int round = 0;  // 1 for the first sending, +1 after each rejection
    int order = 1;
    std::int64_t userId = 0;
    std::string decision;  // "", "agreed", "rejected" or (the signatory) "approved"
    std::string decidedAt;
    std::string comment;
    StepKind kind = StepKind::Agree;
};

struct Signature {
    std::int64_t id = 0;
    std::int64_t editionId = 0;
    std::int64_t userId = 0;
    std::string fullName;  // as at signing
    std::string position;
    SignatureMeaning meaning = SignatureMeaning::Prepared;
    std::string signedAt;       // UTC
    std::string editionSha256;  // of the stored edition XML
    std::string comment;
    std::string outcome;  // reviews: confirmed, revise, cancel
    // The revision of the edition signed (Store::revisions): what an
    // approver agreed or rejected can be opened exactly. 0: signed before
    // revision history began and not recorded.
    std::int64_t editionRevision = 0;
};

// A paper edition registered as in force (LifecycleService::registerInForce):
// its approval facts as the registering person recorded them — stored in
// their own table, never as signatures — who recorded them, when, and from
// which file.
struct PaperRegistration {
    PaperApproval approval;
    std::int64_t registeredBy = 0;  // user id
    std::string registeredByLogin;
    std::string registeredByName;  // full name as at registration
    std::string registeredAt;      // UTC
    std::string sourceFile;        // empty: not registered from a file
};

// An edition with its lifecycle facts.
struct EditionLifecycle {
    Edition edition;
    std::int64_t version = 0;  // bumped by every apply()
    int round = 0;
    std::string decision;                    // approval order or decision number
    std::string effectiveDate;               // YYYY-MM-DD
    std::string reviewDate;                  // YYYY-MM-DD
    std::string enteredAt;                   // when it entered into force
    std::string reviewNoticeAt;              // when "review due" was announced
    std::optional<PaperRegistration> paper;  // a registered paper edition
};

struct Assignment {
    std::int64_t id = 0;
    std::int64_t editionId = 0;
    std::int64_t userId = 0;
    std::string assignedAt;
    std::string dueDate;
    std::string signedAt;  // empty: not yet
    std::string remindedAt;
    std::int64_t signatureId = 0;
    // The user, joined when read.
    std::string fullNameKk, fullNameRu, positionKk, positionRu, email;
    Language language = Language::Kazakh;
    std::optional<std::int64_t> unitId;
};

struct AssignmentQuery {
    std::optional<std::int64_t> editionId;
    std::optional<std::int64_t> userId;
    std::optional<std::int64_t> unitId;
    bool unsignedOnly = false;
    bool signedOnly = false;
    std::string dueBefore;     // non-empty: due date < this date (overdue)
    bool inForceOnly = false;  // only editions that are in force
};

// GET /api/v1/familiarizations/overdue: the unsigned assignments of editions
// in force due before dueBefore, of the whole organisation or of one unit or
// one person, a page at a time.
struct OverdueQuery {
    std::string dueBefore;  // YYYY-MM-DD: due date < this date
    std::optional<std::int64_t> unitId;
    std::optional<std::int64_t> userId;
    // A page of the assignments in their order (due date, then edition, then
    // person): at most limit (1-500) from offset on.
    int limit = 50;
    int offset = 0;
};

struct AssignmentPage {
    std::vector<Assignment> items;
    std::int64_t total = 0;  // assignments before limit/offset
};

struct NewAssignment {
    std::int64_t userId = 0;
    std::string dueDate;
};

// A document's distribution list: who must read its editions in force.
struct Distribution {
    std::vector<std::int64_t> unitIds;      // each with all its sub-units
    std::vector<std::int64_t> positionIds;  // everyone holding the position
    std::vector<std::int64_t> userIds;      // named people

    bool operator==(const Distribution&) const = default;
};

// GET /api/v1/register: the editions in force on a date. Empty filters: any.
struct RegisterQuery {
    std::string date;  // YYYY-MM-DD
    std::string unit;  // the document's owner unit, exactly
    std::optional<DocumentKind> kind;
    std::optional<Language> language;
    // A page of the entries in their order (code, then language): at most
    // limit (clamped to 1-500) from offset on. 0: every entry (the audit
    // package's register).
    int limit = 0;
    int offset = 0;
};

// One line of the register: a document and its edition in force on the
// date, with the day it entered into force and, when it no longer is, the
// day it stopped (empty: still in force).
struct RegisterEntry {
    Document document;
    Edition edition;
    std::string effectiveDate;
    std::string endedOn;
};

struct RegisterPage {
    std::vector<RegisterEntry> items;
    std::int64_t total = 0;  // entries before limit/offset
};

// A numbered controlled copy of an edition (бақыланатын дана): issued to
// one person or one unit, asked back when the edition loses force, and
// recorded as returned.
enum class CopyState { Open, RecallRequested, Recalled };
std::string_view toString(CopyState state);
std::optional<CopyState> parseCopyState(std::string_view text);

struct ControlledCopy {
    std::int64_t id = 0;
    std::int64_t editionId = 0;
    int number = 0;  // 1, 2, ... per edition
    std::optional<std::int64_t> holderUserId;
    std::optional<std::int64_t> holderUnitId;
    std::string holderName;  // the person or unit as at issue, in the edition's language
    std::string note;
    CopyState state = CopyState::Open;
    std::int64_t issuedBy = 0;
    std::string issuedByLogin;
    std::string issuedAt;           // UTC
    std::string recallRequestedAt;  // UTC; empty: not asked back
    std::optional<std::int64_t> recalledBy;
    std::string recalledByLogin;
    std::string recalledAt;  // UTC; empty: not returned
};

// Empty filters: any. Ordered by edition, then number.
struct CopyQuery {
    std::optional<std::int64_t> editionId;
    std::optional<CopyState> state;
};

struct LifecycleChange {
    std::int64_t editionId = 0;
    // Compare-and-set: the change applies only when these still hold.
    std::int64_t expectedVersion = 0;
    EditionStatus expectedStatus = EditionStatus::Draft;
    std::string expectedSha256;  // empty: not checked

    std::optional<EditionStatus> newStatus;
    // A new agreement round with its route (submit).
    std::optional<int> newRound;
    std::vector<RouteStep> route;
    // A decision on one step of the current round.
    std::optional<std::int64_t> decidedStepId;
    std::string stepDecision;  // "agreed", "rejected" or "approved"
    std::string stepComment;
    std::string decidedAt;
    // Approval facts.
    std::optional<std::string> decision;
    std::optional<std::string> effectiveDate;
    std::optional<std::string> reviewDate;
    std::optional<std::string> reviewNoticeAt;
    // Entry into force: the edition that was in force for the same document
    // and language (nullopt: none) becomes superseded.
    bool enterIntoForce = false;
    std::optional<std::int64_t> expectedInForce;
    std::string enteredAt;
    // A registered paper edition older than the one in force: it goes
    // straight to newStatus (superseded) while expectedInForce, which must
    // still be the edition in force, stays in force.
    bool olderThanInForce = false;
    // The facts of a registered paper edition (one registration per edition).
    std::optional<PaperRegistration> paper;

    // Familiarization: people sign one edition independently, so their
    // signatures neither compare nor bump the version (status and hash are
    // still checked under the edition's lock); the assignment's own
    // "not yet signed" check orders two signatures of one person.
    bool independentOfVersion = false;

    std::optional<Signature> signature;
    std::optional<std::int64_t> signedAssignmentId;  // must be unsigned
    // The edition of that assignment when it is the same-numbered edition in
    // the other language (one obligation for both); 0: this edition.
    std::int64_t signedAssignmentEditionId = 0;
    std::vector<NewAssignment> assignments;
    std::string assignedAt;
    std::vector<std::int64_t> remindedAssignments;
    std::string remindedAt;

    std::vector<NewAuditEntry> audit;
    std::vector<NewMail> mail;
    std::string at;  // timestamp of the change (outbox, updated_at)

    // An edition losing force (superseded or cancelled): its open controlled
    // copies become recall-requested at `at`. The ids are those the service
    // read (and wrote mail and audit for); a copy issued meanwhile makes the
    // change a Conflict, so no holder goes unnotified.
    std::int64_t recallCopiesOf = 0;  // edition id; 0: none
    std::vector<std::int64_t> recallCopies;
};

// An edition in force due for review, with its document.
struct ReviewDue {
    EditionLifecycle lifecycle;
    Document document;
};

struct ChangeResult {
    std::int64_t version = 0;
    std::int64_t signatureId = 0;  // 0: none written
};

class LifecycleStore {
public:
    virtual ~LifecycleStore() = default;

    virtual Result<EditionLifecycle> lifecycle(std::int64_t editionId) = 0;
    // The lifecycles of the editions with an id above afterEditionId, at
    // most limit of them, by id: a walk over every edition (the audit
    // coverage check) in keyset pages, not one read per edition.
    virtual Result<std::vector<EditionLifecycle>> lifecyclesAfter(std::int64_t afterEditionId,
                                                                  int limit) = 0;
    virtual Result<std::vector<EditionLifecycle>> editionsWithStatus(EditionStatus status) = 0;
    // The editions in agreement or agreed with an undecided step of the user
    // in their current round, by id: the candidates of an approver's queue
    // (issue 17: one query, not the steps of every edition in agreement).
    virtual Result<std::vector<EditionLifecycle>> editionsAwaiting(std::int64_t userId) = 0;
    // The editions in force with a review date not after lastDay
    // (YYYY-MM-DD), with their documents, by review date then edition id:
    // one query (issue 17), not a document read per edition.
    virtual Result<std::vector<ReviewDue>> reviewsDueBy(const std::string& lastDay) = 0;
    // Every round's steps, ordered by round, order, id.
    virtual Result<std::vector<AgreementStep>> agreementSteps(std::int64_t editionId) = 0;
    // Ordered by id (signing order).
    virtual Result<std::vector<Signature>> signatures(std::int64_t editionId) = 0;
    virtual Result<std::optional<std::int64_t>> editionInForce(std::int64_t documentId,
                                                               Language language) = 0;

    // Per document and language, the edition that was in force on
    // query.date according to the records: of the editions that ever entered
    // into force, the one with the latest effective date not after it,
    // unless it had been cancelled by then. Ordered by code, then language;
    // the page query.limit and query.offset ask for, with the total.
    virtual Result<RegisterPage> inForceOn(const RegisterQuery& query) = 0;

    // Lists ordered by id.
    virtual Result<Distribution> distribution(std::int64_t documentId) = 0;
    // Replaces the distribution list. NotFound for a missing document, unit,
    // position or user.
    virtual Status setDistribution(std::int64_t documentId, const Distribution& distribution,
                                   const std::vector<NewAuditEntry>& audit) = 0;

    // Ordered by edition, then user name.
    virtual Result<std::vector<Assignment>> assignments(const AssignmentQuery& query) = 0;
    // The page of overdue assignments query asks for, ordered by due date,
    // then edition id, then user id (an assignment's key: one per edition
    // and person), with the total. The page's rows are read, not every
    // overdue assignment's (the whole organisation's list is thousands).
    virtual Result<AssignmentPage> overdue(const OverdueQuery& query) = 0;

    virtual Result<ChangeResult> apply(const LifecycleChange& change) = 0;

    // The versions of an edition's agreement sheet or familiarization log
    // (issue 13), by version; apply() writes them in its transaction. With
    // withXml false the xml fields are empty. An edition without versions
    // (or a missing one) gives an empty list.
    virtual Result<std::vector<RecordVersion>> recordVersions(std::int64_t editionId,
                                                              RecordKind kind, bool withXml) = 0;
    // One version with its bytes; version 0: the latest. NotFound when there
    // is none.
    virtual Result<RecordVersion> recordVersion(std::int64_t editionId, RecordKind kind,
                                                std::int64_t version) = 0;
    // Every stored version of every edition with its bytes, by edition, kind
    // and version, for `nusqa audit verify`, page by page: the versions after
    // (afterEditionId, afterKind, afterVersion), at most limit of them.
    virtual Result<std::vector<RecordVersion>> recordVersionsAfter(std::int64_t afterEditionId,
                                                                   RecordKind afterKind,
                                                                   std::int64_t afterVersion,
                                                                   int limit) = 0;
    // Controlled copies. issueCopy numbers the copy next in its edition
    // (ignoring copy.id, number and state) and appends the audit entries with
    // the copy's id as object id; Conflict unless the edition is approved or
    // in force at that moment, NotFound for a missing edition, holder user or
    // unit.
    virtual Result<ControlledCopy> issueCopy(const ControlledCopy& copy,
                                             const std::vector<NewAuditEntry>& audit) = 0;
    virtual Result<ControlledCopy> copy(std::int64_t copyId) = 0;
    virtual Result<std::vector<ControlledCopy>> copies(const CopyQuery& query) = 0;
    // Records the return of an open or recall-requested copy; Conflict when
    // it was already recalled, NotFound for a missing copy.
    virtual Result<ControlledCopy> recallCopy(std::int64_t copyId, std::int64_t recalledBy,
                                              const std::string& recalledByLogin,
                                              const std::string& at,
                                              const std::vector<NewAuditEntry>& audit) = 0;
};

}  // namespace nusqa
