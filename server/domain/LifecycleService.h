// LifecycleService: the quality system's acts on an edition — agreement,
// approval, entry into force, registration of a paper edition in force,
// familiarization, periodic review — and the scheduler that runs on the
// Clock.
//
// Every act: authorize the actor's role for the act's permission (Forbidden),
// look the act up in the lifecycle table for the edition's status
// (Conflict with the reason), check the object rules (the approver's turn,
// one's own assignment: Forbidden), verify the re-entered password for a
// signature (Unauthenticated), and only then write ONE LifecycleChange:
// status, signature (user, full name, position, meaning, UTC time, the
// stored edition's SHA-256, comment), audit entries and outbox mail
// together. A refused act writes nothing.
//
// Thread safety: as thread-safe as its ports; concurrent acts on one edition
// are ordered by the store's version compare-and-set (the loser gets
// Conflict and may retry). Does not own its ports.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/AuthService.h"
#include "domain/Clock.h"
#include "domain/ComparisonService.h"
#include "domain/EditionCodec.h"
#include "domain/LifecycleStore.h"
#include "domain/Notifications.h"
#include "domain/PeopleStore.h"
#include "domain/Store.h"

namespace nusqa {

struct LifecycleSettings {
    int familiarizationDays = 10;  // due date = assignment date + this
    int reviewMonths = 36;         // default review period after the effective date
    int reviewNoticeDays = 30;     // announce a review this long before its date
    int reminderIntervalDays = 3;  // between overdue reminders
};

struct EditionRecord {
    EditionLifecycle lifecycle;
    std::vector<AgreementStep> steps;
    std::vector<Signature> signatures;
    // Everyone on a step of any round, by user id, as they are now (names
    // and positions for the route; pending steps have no signature yet).
    std::map<std::int64_t, User> stepPeople;
};

// One of the caller's own assignments with the edition and document it is
// for (LifecycleService::myFamiliarizations): what the inbox shows.
struct MyAssignment {
    Assignment assignment;
    Edition edition;
    Document document;
};

// What the caller is to do on an edition waiting for him or her.
enum class QueueStage { Agree, Approve };

// An edition waiting for the caller (LifecycleService::myQueue).
struct WaitingEdition {
    QueueStage stage = QueueStage::Agree;
    Document document;
    EditionRecord record;
};

// The quality office's dashboard (LifecycleService::dashboard): what no
// other query gives in one answer.
struct RouteWait {
    Document document;
    Edition edition;  // its status: in agreement or agreed
    QueueStage stage = QueueStage::Agree;
    std::vector<User> waitingFor;  // whose turn it is
    std::string since;             // UTC: the round's latest decision, else its sending
};

struct UnitCompletion {
    std::optional<std::int64_t> unitId;  // nullopt: people without a unit
    std::int64_t assigned = 0;
    std::int64_t signedCount = 0;
    std::int64_t overdue = 0;  // unsigned and past the due date
};

struct Dashboard {
    std::vector<std::pair<EditionStatus, std::int64_t>> editionsByStatus;  // every status
    std::vector<RouteWait> waiting;                                        // longest first
    // Familiarization of the editions in force: per unit, by unit id, and
    // for the whole organisation.
    std::vector<UnitCompletion> units;
    UnitCompletion whole;
};

// One person of the last round's route with the decision recorded so far.
struct RoutePerson {
    std::string position;  // as at signing, else the person's current one
    std::string fullName;
    StepKind kind = StepKind::Agree;
    std::string decision;   // "", "agreed", "rejected", "approved"
    std::string decidedAt;  // UTC; empty: not yet
    std::string comment;
};

// Another edition of the same document and language named on the print.
struct EditionReference {
    std::int64_t id = 0;
    int number = 0;
    std::string effectiveDate;  // YYYY-MM-DD; may be empty
};

// What the register recorded about an edition, for its print: the title
// page's approval block and dates, the replaced edition and the agreement
// sheet come from here, never from the XML's meta. Empty strings: not (yet)
// recorded, printed as blank lines.
struct RegisterFacts {
    EditionStatus status = EditionStatus::Draft;
    Language language = Language::Kazakh;
    std::string preparedAt;                      // UTC of the last round's "prepared" signature
    std::string preparedName, preparedPosition;  // who signed it, as at signing
    std::string agreedAt;                        // UTC of the last agreement completing the round
    std::string approvedAt;                      // UTC of the signatory's approval
    std::string signatoryPosition, signatoryName;
    std::string decision;
    std::string effectiveDate, reviewDate, enteredAt;
    std::vector<RoutePerson> route;  // the last round's, agreeing steps then the signatory
    std::optional<PaperRegistration> paper;
    std::optional<EditionReference> replaces;    // the edition this one replaced (or replaces)
    std::optional<EditionReference> replacedBy;  // superseded: the edition in force after it
    std::string endedOn;  // superseded or cancelled: the date it lost force (YYYY-MM-DD)
};

// The records behind the agreement and familiarization sheets of a PDF.
struct SheetData {
    // The edition's stored facts as read with the records (sheetRecords),
    // so that a download does not read them a second time; nullopt when the
    // source did not read them (an edition without a lifecycle row).
    std::optional<Edition> edition;
    std::vector<Signature> agreements;        // the last round's decisions
    std::vector<Signature> familiarizations;  // in signing order
    // The edition's register facts (sheetRecords); nullopt for a file
    // printed outside the register, which prints its XML's facts.
    std::optional<RegisterFacts> facts;
    // A numbered controlled copy: printed with its number and holder where
    // every other PDF prints «uncontrolled copy».
    struct CopyMark {
        int number = 0;
        std::string holder;
    };
    std::optional<CopyMark> copy;
};

// Who is given a controlled copy: exactly one person or one unit.
struct CopyHolder {
    std::optional<std::int64_t> userId;
    std::optional<std::int64_t> unitId;
};

// What one scheduler run did.
struct TickReport {
    int enteredIntoForce = 0;
    int assignmentsCreated = 0;
    int remindersQueued = 0;
    int reviewNotices = 0;
    int conflicts = 0;  // editions changed meanwhile; retried next tick
};

enum class ReviewOutcome { Confirmed, Revise, Cancel };

// Sending a draft whose typed change records disagree with the comparison
// with the edition it replaces: refused (409 with the list), or sent as the
// sender confirmed.
enum class RecordDisagreement { Refuse, Confirmed };

class LifecycleService {
public:
    LifecycleService(Store& documents, LifecycleStore& lifecycle, PeopleStore& people,
                     AuthService& auth, const EditionCodec& codec, const Clock& clock,
                     LifecycleSettings settings = {});

    // Makes submit() check the typed change records against comparisons
    // (issue 13). Call while wiring, before any other call; comparisons must
    // outlive the service. Without it nothing is checked.
    void checkChangeRecordsWith(ComparisonService& comparisons) { _comparisons = &comparisons; }
    // Makes sheetRecords() print the agreement and familiarization sheets
    // from the latest versions of the edition's records (issue 13), read
    // with codec. Call while wiring; codec must outlive the service. Without
    // it, or for an edition without versions, the sheets come from the rows.
    void readRecordsWith(const RecordCodec& codec) { _records = &codec; }

    Result<EditionRecord> record(const User& actor, std::int64_t editionId);

    // The editions waiting for the actor, oldest round first: in agreement
    // with an undecided agreeing step of the actor at the round's lowest
    // undecided order (Agree), or agreed with the actor as the round's
    // signatory (Approve). Empty for anyone who is not an approver.
    Result<std::vector<WaitingEdition>> myQueue(const User& actor);

    // The dashboard (ReadQualityRecords): editions by status, whose turn
    // every route in agreement waits on and since when, familiarization of
    // the editions in force per unit. Dashboard.cpp.
    Result<Dashboard> dashboard(const User& actor);

    // Sends a draft for agreement with the route (empty: the last round's
    // route again) and the author's "prepared" signature. The route has at
    // least one agreeing step and exactly one signatory (StepKind::Sign), all
    // active approvers, each once: else InvalidArgument. With a comparison
    // service (checkChangeRecordsWith) and RecordDisagreement::Refuse, a
    // draft that replaces an edition is refused with Conflict while its
    // typed change records disagree with the real differences: one
    // ErrorDetail per record missing, unfounded or of the wrong kind.
    Result<EditionRecord> submit(const User& actor, std::int64_t editionId,
                                 std::vector<RouteStep> route, const std::string& password,
                                 const std::string& comment,
                                 RecordDisagreement disagreement = RecordDisagreement::Refuse);
    Result<EditionRecord> agree(const User& actor, std::int64_t editionId,
                                const std::string& password, const std::string& comment);
    // A comment is required; the edition returns to draft.
    Result<EditionRecord> reject(const User& actor, std::int64_t editionId,
                                 const std::string& password, const std::string& comment);
    // Only the route's signatory approves (anyone else: Forbidden, nothing
    // recorded), once every agreeing step agreed. decision: the order or
    // decision number (required); effectiveDate YYYY-MM-DD, empty: today; one
    // before today (the approval date) is RuleViolated; today: into force at
    // once, later: the scheduler brings it into force on that date.
    Result<EditionRecord> approve(const User& actor, std::int64_t editionId,
                                  const std::string& password, const std::string& decision,
                                  const std::string& effectiveDate, const std::string& comment);
    Result<EditionRecord> cancel(const User& actor, std::int64_t editionId,
                                 const std::string& comment);
    Result<Signature> familiarize(const User& actor, std::int64_t editionId,
                                  const std::string& password);
    Result<EditionRecord> review(const User& actor, std::int64_t editionId, ReviewOutcome outcome,
                                 const std::string& password, const std::string& comment);

    // Registers an existing paper edition — a draft here, approved on paper
    // before the register knew it — as in force (ManageLifecycle: the
    // quality office). The approval facts are recorded as the actor states
    // them, each empty one taken from the edition's XML meta; they are kept
    // as facts recorded by the actor (EditionLifecycle::paper), never as
    // signatures, with via.file as the file it came from. The edition in
    // force of the same document and language is superseded, through the
    // same in-force record as entry into force; when that one is newer, this
    // edition is recorded as superseded by it instead. The review date comes
    // from the XML when it is after the effective date, else the default
    // period from the effective (or approval, or today's) date. One
    // LifecycleChange with the audit entries (the actor's
    // edition.register_in_force and edition.supersede).
    // Forbidden; Conflict when the edition is not a draft or another edition
    // entered into force meanwhile; InvalidArgument for a date that is not
    // YYYY-MM-DD or a fact over 500 bytes or of several lines.
    Result<EditionRecord> registerInForce(const User& actor, std::int64_t editionId,
                                          PaperApproval approval, const Provenance& via = {});

    // The actor's own assignments on editions in force (unsigned first),
    // each with its edition and document (each read once).
    Result<std::vector<MyAssignment>> myFamiliarizations(const User& actor);
    Result<std::vector<Assignment>> assignments(const User& actor, const AssignmentQuery& query);
    // Unsigned assignments past their due date (before today, written back
    // into query.dueBefore), of editions in force: a page of query.limit
    // from query.offset on, ordered by due date, then edition, then person,
    // with the total. InvalidArgument for a limit outside 1-500 or a
    // negative offset.
    Result<AssignmentPage> overdue(const User& actor, OverdueQuery& query);
    Result<std::vector<ReviewDue>> reviewsDue(const User& actor, int withinDays);
    // The register (ReadRegister): per document and language the edition in
    // force on query.date (empty: today, written back) from the lifecycle
    // records, a page of at most query.limit (clamped to 1-500, written
    // back) from query.offset on, with the total. InvalidArgument for a
    // date that is not YYYY-MM-DD.
    Result<RegisterPage> registerOn(const User& actor, RegisterQuery& query);
    Result<SheetData> sheetData(const User& actor, std::int64_t editionId);
    // The same records without an actor, for printing an edition whose read
    // was already authorized (GET /api/v1/editions/{id}/pdf). An edition
    // with no lifecycle records yet gives empty sheets.
    Result<SheetData> sheetRecords(std::int64_t editionId);

    // The versions of an edition's agreement sheet or familiarization log
    // (without their bytes), and one version with its bytes (0: the
    // latest). Access as for the lifecycle record (ReadRegister); an edition
    // not yet in force only for those who edit, agree or approve drafts
    // (Forbidden). NotFound for a missing edition or version.
    Result<std::vector<RecordVersion>> recordVersions(const User& actor, std::int64_t editionId,
                                                      RecordKind kind);
    Result<RecordVersion> recordVersion(const User& actor, std::int64_t editionId, RecordKind kind,
                                        std::int64_t version);
    // Controlled copies (Copies.cpp). issueCopy (ManageCopies: the quality
    // office) numbers a copy of an approved or in-force edition for an active
    // person or a unit; the holder's name is kept as at issue. Forbidden;
    // NotFound for a missing edition; Conflict for an edition in another
    // state; InvalidArgument unless exactly one holder is given or for a note
    // over 1,000 bytes or with control characters; RuleViolated for a holder
    // that does not exist or a deactivated person. Audited (copy.issue).
    Result<ControlledCopy> issueCopy(const User& actor, std::int64_t editionId,
                                     const CopyHolder& holder, const std::string& note);
    // The register of copies (ReadQualityRecords); NotFound for a missing
    // edition.
    Result<std::vector<ControlledCopy>> copies(const User& actor, const CopyQuery& query);
    // Records the return of a copy (ManageCopies); Conflict when it was
    // already recalled. Audited (copy.recall).
    Result<ControlledCopy> recallCopy(const User& actor, std::int64_t copyId);
    // The copy to print for the actor: the quality office (ManageCopies), or
    // its holder (the person, or an active person of the unit) with
    // ReadRegister. Forbidden otherwise; NotFound for a missing copy.
    Result<ControlledCopy> copyToPrint(const User& actor, std::int64_t copyId);

    // The scheduler: brings approved editions into force on their effective
    // date (superseding the previous one), assigns familiarization to every
    // user of the distribution units (and to those who joined later), queues
    // overdue reminders and review notices. Idempotent; run it as often as
    // you like.
    Result<TickReport> tick();

private:
    struct Loaded {
        EditionLifecycle lifecycle;
        Document document;
    };
    Result<Loaded> load(std::int64_t editionId);
    Result<Transition> permitted(const User& actor, const EditionLifecycle& lifecycle,
                                 LifecycleAct act);
    LifecycleChange changeFor(const EditionLifecycle& lifecycle,
                              const Transition& transition) const;
    Signature signatureOf(const User& actor, const EditionLifecycle& lifecycle,
                          SignatureMeaning meaning, const std::string& comment) const;
    NewAuditEntry auditOf(const User& actor, const std::string& action,
                          const EditionLifecycle& lifecycle, const std::string& details) const;
    MailFacts factsOf(const Loaded& loaded, const std::string& date, const User* actor,
                      const std::string& comment) const;
    Result<EditionRecord> applyAndRead(const LifecycleChange& change);
    // The record of an edition with the people on its steps (no authorization).
    Result<EditionRecord> readRecord(std::int64_t editionId);
    Result<std::vector<User>> usersWithRole(Role role);
    Result<std::vector<User>> authorAndOffice(std::int64_t editionId);
    Result<const AgreementStep*> stepInTurn(const User& actor,
                                            const std::vector<AgreementStep>& steps, int round,
                                            std::int64_t editionId) const;
    Result<const AgreementStep*> signatoryStep(const User& actor,
                                               const std::vector<AgreementStep>& steps, int round,
                                               std::int64_t editionId) const;
    Result<std::vector<User>> currentApprovers(const std::vector<AgreementStep>& steps, int round,
                                               std::optional<std::int64_t> excludingStep);
    Result<RegisterFacts> registerFacts(const EditionLifecycle& lifecycle,
                                        const std::vector<AgreementStep>& steps,
                                        const std::vector<Signature>& signatures);
    Result<EditionReference> referenceTo(const Edition& edition);
    Status authorizeRecordsRead(const User& actor, std::int64_t editionId);
    // Replaces the sheets' route, decisions, paper facts and familiarization
    // signatures of data with those of the latest record versions, if any.
    Status sheetsFromRecordVersions(std::int64_t editionId, SheetData& data);
    Result<bool> enterIntoForce(const Loaded& loaded);
    // The active people of a document's distribution list.
    Result<std::vector<User>> distributedTo(std::int64_t documentId);
    Result<int> assignMissing(const Loaded& loaded);
    // The edition of the same document and number in the other language.
    Result<std::optional<Edition>> sameNumberOtherLanguage(const Edition& edition);
    Result<int> remindOverdue(const Loaded& loaded);
    Result<bool> announceReview(const Loaded& loaded);
    // Adds to a change that ends an edition's force (superseded or
    // cancelled) the recall of its open controlled copies: their ids, an
    // audit entry each (copy.recall_request) and a mail to every holder (the
    // person, or each active person of the unit).
    Status requestRecall(LifecycleChange& change, const Edition& losingForce,
                         const Document& document, const User& actor);

    Store& _documents;
    LifecycleStore& _lifecycle;
    PeopleStore& _people;
    AuthService& _auth;
    const EditionCodec& _codec;
    const Clock& _clock;
    LifecycleSettings _settings;
    ComparisonService* _comparisons = nullptr;
    const RecordCodec* _records = nullptr;
};

}  // namespace nusqa
