// Agreement, approval and cancellation. Familiarization, review and the
// read side are in Familiarization.cpp; the scheduler in Scheduler.cpp.
#include "domain/LifecycleService.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace nusqa {

LifecycleService::LifecycleService(Store& documents, LifecycleStore& lifecycle, PeopleStore& people,
                                   AuthService& auth, const EditionCodec& codec, const Clock& clock,
                                   LifecycleSettings settings)
    : _documents(documents),
      _lifecycle(lifecycle),
      _people(people),
      _auth(auth),
      _codec(codec),
      _clock(clock),
      _settings(settings) {}

// ---- helpers ----------------------------------------------------------------

Result<LifecycleService::Loaded> LifecycleService::load(std::int64_t editionId) {
    EditionLifecycle lifecycle = NUSQA_TRY(_lifecycle.lifecycle(editionId));
    Document document = NUSQA_TRY(_documents.document(lifecycle.edition.documentId));
    return Loaded{std::move(lifecycle), std::move(document)};
}

Result<Transition> LifecycleService::permitted(const User& actor, const EditionLifecycle& lifecycle,
                                               LifecycleAct act) {
    // The act's permission comes from any row of the table with this act,
    // so a role that may never do it gets 403 whatever the state.
    for (const Transition& row : lifecycleTable())
        if (row.act == act) {
            NUSQA_TRY(authorize(actor, row.permission));
            break;
        }
    return transitionFor(lifecycle.edition.status, act);
}

LifecycleChange LifecycleService::changeFor(const EditionLifecycle& lifecycle,
                                            const Transition& transition) const {
    LifecycleChange change;
    change.editionId = lifecycle.edition.id;
    change.expectedVersion = lifecycle.version;
    change.expectedStatus = lifecycle.edition.status;
    change.expectedSha256 = lifecycle.edition.sha256;
    if (transition.to != transition.from) change.newStatus = transition.to;
    change.at = _clock.now();
    return change;
}

Signature LifecycleService::signatureOf(const User& actor, const EditionLifecycle& lifecycle,
                                        SignatureMeaning meaning,
                                        const std::string& comment) const {
    Signature signature;
    signature.editionId = lifecycle.edition.id;
    signature.userId = actor.id;
    signature.fullName = actor.fullName(lifecycle.edition.language);
    signature.position = actor.position(lifecycle.edition.language);
    signature.meaning = meaning;
    signature.signedAt = _clock.now();
    // The hash of the edition as stored; apply() checks it is still that.
    signature.editionSha256 = lifecycle.edition.sha256;
    signature.editionRevision = lifecycle.edition.revision;
    signature.comment = comment;
    return signature;
}

NewAuditEntry LifecycleService::auditOf(const User& actor, const std::string& action,
                                        const EditionLifecycle& lifecycle,
                                        const std::string& details) const {
    return NewAuditEntry{
        _clock.now(),
        actor.id,
        actor.login,
        action,
        "edition",
        std::to_string(lifecycle.edition.id),
        details + (details.empty() ? "" : "; ") + "sha256 " + lifecycle.edition.sha256};
}

MailFacts LifecycleService::factsOf(const Loaded& loaded, const std::string& date,
                                    const User* actor, const std::string& comment) const {
    return MailFacts{loaded.document.code,
                     loaded.document.title,
                     loaded.lifecycle.edition.number,
                     date,
                     actor ? actor->fullName(loaded.lifecycle.edition.language) : std::string(),
                     comment};
}

Result<EditionRecord> LifecycleService::applyAndRead(const LifecycleChange& change) {
    NUSQA_TRY(_lifecycle.apply(change));
    return readRecord(change.editionId);
}

Result<std::vector<User>> LifecycleService::usersWithRole(Role role) {
    UserQuery query;
    query.role = role;
    query.activeOnly = true;
    return _people.users(query);
}

// The approvers whose turn it is in the round: the pending agreeing steps of
// the lowest order that still has pending steps (excluding one step being
// decided). The signatory is never among them.
Result<std::vector<User>> LifecycleService::currentApprovers(
    const std::vector<AgreementStep>& steps, int round, std::optional<std::int64_t> excludingStep) {
    std::optional<int> order;
    for (const AgreementStep& step : steps)
        if (step.round == round && step.kind == StepKind::Agree && step.decision.empty() &&
            step.id != excludingStep)
            order = order ? std::min(*order, step.order) : step.order;
    std::vector<User> users;
    if (!order) return users;
    for (const AgreementStep& step : steps)
        if (step.round == round && step.kind == StepKind::Agree && step.decision.empty() &&
            step.id != excludingStep && step.order == *order)
            users.push_back(NUSQA_TRY(_people.user(step.userId)));
    return users;
}

// The author of the current round (its "prepared" signature) and the
// quality office, each once.
Result<std::vector<User>> LifecycleService::authorAndOffice(std::int64_t editionId) {
    std::map<std::int64_t, User> recipients;
    for (const Signature& signature : NUSQA_TRY(_lifecycle.signatures(editionId)))
        if (signature.meaning == SignatureMeaning::Prepared) {
            recipients.clear();
            recipients.emplace(signature.userId, NUSQA_TRY(_people.user(signature.userId)));
        }
    for (const User& office : NUSQA_TRY(usersWithRole(Role::QualityOffice)))
        recipients.emplace(office.id, office);
    std::vector<User> users;
    for (auto& [id, user] : recipients) users.push_back(std::move(user));
    return users;
}

Result<EditionRecord> LifecycleService::record(const User& actor, std::int64_t editionId) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    return readRecord(editionId);
}

// ---- agreement --------------------------------------------------------------

// The actor's undecided agreeing step of the round, when it is his turn:
// Forbidden when he is not on the route, is its signatory, or a lower order
// has not agreed yet ("out of turn"); Conflict when he has decided already.
Result<const AgreementStep*> LifecycleService::stepInTurn(const User& actor,
                                                          const std::vector<AgreementStep>& steps,
                                                          int round, std::int64_t editionId) const {
    const AgreementStep* mine = nullptr;
    std::optional<int> currentOrder;
    for (const AgreementStep& step : steps) {
        if (step.round != round) continue;
        if (step.userId == actor.id) mine = &step;
        if (step.kind == StepKind::Agree && step.decision.empty())
            currentOrder = currentOrder ? std::min(*currentOrder, step.order) : step.order;
    }
    if (mine != nullptr && mine->kind == StepKind::Sign)
        return fail(ErrorCode::Forbidden, actor.login + " is the signatory of edition " +
                                              std::to_string(editionId) +
                                              ": the signatory approves once the route agreed");
    if (mine == nullptr)
        return fail(
            ErrorCode::Forbidden,
            actor.login + " is not on the agreement route of edition " + std::to_string(editionId));
    if (!mine->decision.empty())
        return fail(ErrorCode::Conflict, actor.login + " has already " + mine->decision +
                                             " in round " + std::to_string(round));
    if (currentOrder && mine->order > *currentOrder)
        return fail(ErrorCode::Forbidden, "out of turn: " + actor.login + " is step " +
                                              std::to_string(mine->order) + " of the route; step " +
                                              std::to_string(*currentOrder) +
                                              " has not agreed yet");
    return mine;
}

Result<EditionRecord> LifecycleService::submit(const User& actor, std::int64_t editionId,
                                               std::vector<RouteStep> route,
                                               const std::string& password,
                                               const std::string& comment,
                                               RecordDisagreement disagreement) {
    Loaded loaded = NUSQA_TRY(load(editionId));
    Transition transition = NUSQA_TRY(permitted(actor, loaded.lifecycle, LifecycleAct::Submit));
    if (route.empty()) {  // the last round's route again
        for (const AgreementStep& step : NUSQA_TRY(_lifecycle.agreementSteps(editionId)))
            if (step.round == loaded.lifecycle.round)
                route.push_back({step.userId, step.order, step.kind});
    }
    if (route.empty())
        return fail(ErrorCode::InvalidArgument, "the agreement route is empty: name the approvers");
    const auto signatories = std::ranges::count(route, StepKind::Sign, &RouteStep::kind);
    if (signatories != 1)
        return fail(ErrorCode::InvalidArgument,
                    "the route must name exactly one signatory (a step of kind sign), not " +
                        std::to_string(signatories));
    if (std::cmp_equal(signatories, route.size()))
        return fail(ErrorCode::InvalidArgument,
                    "the route has no agreeing step: name who agrees before the signatory");
    std::set<std::int64_t> seen;
    for (const RouteStep& step : route) {
        if (step.order < 1 || step.order > 100)
            return fail(ErrorCode::InvalidArgument, "a route step's order must be 1 to 100");
        if (!seen.insert(step.userId).second)
            return fail(ErrorCode::InvalidArgument,
                        "user " + std::to_string(step.userId) + " appears twice in the route");
        auto approver = _people.user(step.userId);
        if (!approver && approver.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::InvalidArgument,
                        "route: user " + std::to_string(step.userId) + " does not exist");
        if (!approver) return std::unexpected(approver.error());
        if (!approver->active || !approver->hasRole(Role::Approver))
            return fail(ErrorCode::InvalidArgument,
                        "route: " + approver->login + " is not an active approver");
    }
    if (_comparisons != nullptr && disagreement == RecordDisagreement::Refuse)
        NUSQA_TRY(_comparisons->requireConsistentRecords(editionId));
    NUSQA_TRY(_auth.verifyPassword(actor, password));

    LifecycleChange change = changeFor(loaded.lifecycle, transition);
    change.newRound = loaded.lifecycle.round + 1;
    change.route = route;
    change.signature = signatureOf(actor, loaded.lifecycle, SignatureMeaning::Prepared, comment);
    change.audit.push_back(auditOf(
        actor, "edition.submit", loaded.lifecycle,
        "round " + std::to_string(*change.newRound) + ", " + std::to_string(route.size() - 1) +
            " agreeing, signatory user " +
            std::to_string(std::ranges::find(route, StepKind::Sign, &RouteStep::kind)->userId)));
    std::optional<int> first;
    for (const RouteStep& step : route)
        if (step.kind == StepKind::Agree) first = first ? std::min(*first, step.order) : step.order;
    for (const RouteStep& step : route)
        if (step.kind == StepKind::Agree && step.order == first)
            change.mail.push_back(composeMail(NUSQA_TRY(_people.user(step.userId)),
                                              MailKind::AgreementRequest,
                                              factsOf(loaded, "", &actor, comment)));
    return applyAndRead(change);
}

Result<EditionRecord> LifecycleService::agree(const User& actor, std::int64_t editionId,
                                              const std::string& password,
                                              const std::string& comment) {
    Loaded loaded = NUSQA_TRY(load(editionId));
    Transition transition = NUSQA_TRY(permitted(actor, loaded.lifecycle, LifecycleAct::Agree));
    std::vector<AgreementStep> steps = NUSQA_TRY(_lifecycle.agreementSteps(editionId));
    int round = loaded.lifecycle.round;
    const AgreementStep* mine = NUSQA_TRY(stepInTurn(actor, steps, round, editionId));
    NUSQA_TRY(_auth.verifyPassword(actor, password));

    LifecycleChange change = changeFor(loaded.lifecycle, transition);
    change.decidedStepId = mine->id;
    change.stepDecision = "agreed";
    change.stepComment = comment;
    change.decidedAt = change.at;
    change.signature = signatureOf(actor, loaded.lifecycle, SignatureMeaning::Agreed, comment);
    change.audit.push_back(
        auditOf(actor, "edition.agree", loaded.lifecycle,
                "round " + std::to_string(round) + ", step " + std::to_string(mine->order)));
    std::vector<User> next = NUSQA_TRY(currentApprovers(steps, round, mine->id));
    if (next.empty()) {
        // The last agreement completes the round: the system's row of the table.
        Transition complete =
            NUSQA_TRY(transitionFor(EditionStatus::InAgreement, LifecycleAct::CompleteAgreement));
        change.newStatus = complete.to;
        change.audit.push_back(auditOf(systemUser(), "edition.agreed", loaded.lifecycle,
                                       "round " + std::to_string(round)));
        std::map<std::int64_t, User> told;  // the quality office and the signatory, once each
        for (User& office : NUSQA_TRY(usersWithRole(Role::QualityOffice)))
            told.emplace(office.id, std::move(office));
        for (const AgreementStep& step : steps)
            if (step.round == round && step.kind == StepKind::Sign)
                told.emplace(step.userId, NUSQA_TRY(_people.user(step.userId)));
        for (const auto& [id, user] : told)
            change.mail.push_back(
                composeMail(user, MailKind::Agreed, factsOf(loaded, "", &actor, "")));
    } else {
        // Tell the next group when this decision opens its turn.
        bool sameOrderPending = false;
        for (const AgreementStep& step : steps)
            if (step.round == round && step.decision.empty() && step.id != mine->id &&
                step.order == mine->order)
                sameOrderPending = true;
        if (!sameOrderPending)
            for (const User& approver : next)
                change.mail.push_back(composeMail(approver, MailKind::AgreementRequest,
                                                  factsOf(loaded, "", nullptr, "")));
    }
    return applyAndRead(change);
}

Result<EditionRecord> LifecycleService::reject(const User& actor, std::int64_t editionId,
                                               const std::string& password,
                                               const std::string& comment) {
    Loaded loaded = NUSQA_TRY(load(editionId));
    Transition transition = NUSQA_TRY(permitted(actor, loaded.lifecycle, LifecycleAct::Reject));
    if (comment.empty())
        return fail(ErrorCode::InvalidArgument, "a rejection needs a comment saying why");
    std::vector<AgreementStep> steps = NUSQA_TRY(_lifecycle.agreementSteps(editionId));
    int round = loaded.lifecycle.round;
    const AgreementStep* mine = NUSQA_TRY(stepInTurn(actor, steps, round, editionId));
    NUSQA_TRY(_auth.verifyPassword(actor, password));

    LifecycleChange change = changeFor(loaded.lifecycle, transition);
    change.decidedStepId = mine->id;
    change.stepDecision = "rejected";
    change.stepComment = comment;
    change.decidedAt = change.at;
    change.signature = signatureOf(actor, loaded.lifecycle, SignatureMeaning::Rejected, comment);
    change.audit.push_back(
        auditOf(actor, "edition.reject", loaded.lifecycle, "round " + std::to_string(round)));
    std::vector<User> recipients = NUSQA_TRY(authorAndOffice(editionId));
    for (const User& user : recipients)
        change.mail.push_back(
            composeMail(user, MailKind::Rejected, factsOf(loaded, "", &actor, comment)));
    return applyAndRead(change);
}

// ---- approval and cancellation ---------------------------------------------

// The round's signatory step when the actor is that signatory and every
// agreeing step has agreed: Forbidden for anyone else (also another
// approver); Conflict when an agreeing step is still open.
Result<const AgreementStep*> LifecycleService::signatoryStep(
    const User& actor, const std::vector<AgreementStep>& steps, int round,
    std::int64_t editionId) const {
    const AgreementStep* signatory = nullptr;
    for (const AgreementStep& step : steps)
        if (step.round == round && step.kind == StepKind::Sign) signatory = &step;
    if (signatory == nullptr)
        return fail(ErrorCode::Forbidden, "edition " + std::to_string(editionId) +
                                              " has no signatory on its route: submit it again"
                                              " with one");
    if (signatory->userId != actor.id)
        return fail(ErrorCode::Forbidden,
                    actor.login + " is not the signatory of edition " + std::to_string(editionId));
    for (const AgreementStep& step : steps)
        if (step.round == round && step.kind == StepKind::Agree && step.decision != "agreed")
            return fail(ErrorCode::Conflict, "the route has not agreed yet: step " +
                                                 std::to_string(step.order) + " is open");
    if (!signatory->decision.empty())
        return fail(ErrorCode::Conflict, "the signatory has already " + signatory->decision);
    return signatory;
}

Result<EditionRecord> LifecycleService::approve(const User& actor, std::int64_t editionId,
                                                const std::string& password,
                                                const std::string& decision,
                                                const std::string& effectiveDate,
                                                const std::string& comment) {
    Loaded loaded = NUSQA_TRY(load(editionId));
    Transition transition = NUSQA_TRY(permitted(actor, loaded.lifecycle, LifecycleAct::Approve));
    std::vector<AgreementStep> steps = NUSQA_TRY(_lifecycle.agreementSteps(editionId));
    const AgreementStep* signatory =
        NUSQA_TRY(signatoryStep(actor, steps, loaded.lifecycle.round, editionId));
    if (decision.empty() || decision.size() > 200)
        return fail(ErrorCode::InvalidArgument,
                    "decision (the order or decision number) is required, up to 200 bytes");
    const std::string approvedOn = _clock.today();
    std::string effective = effectiveDate.empty() ? approvedOn : effectiveDate;
    if (!isDate(effective))
        return fail(ErrorCode::InvalidArgument,
                    "effectiveDate «" + effectiveDate + "» is not a date YYYY-MM-DD");
    if (effective < approvedOn)
        return fail(ErrorCode::RuleViolated,
                    "effectiveDate " + effective + " is before the approval date " + approvedOn);
    // The review date: from the XML when it names one after the effective
    // date, else the default period.
    std::string xml = NUSQA_TRY(_documents.editionXml(editionId));
    EditionFacts facts = NUSQA_TRY(_codec.inspect(xml));
    std::string reviewDate = facts.reviewDate;
    if (!isDate(reviewDate) || reviewDate <= effective)
        reviewDate = addMonths(effective, _settings.reviewMonths).value_or("");
    NUSQA_TRY(_auth.verifyPassword(actor, password));

    LifecycleChange change = changeFor(loaded.lifecycle, transition);
    change.decidedStepId = signatory->id;
    change.stepDecision = "approved";
    change.stepComment = comment;
    change.decidedAt = change.at;
    change.decision = decision;
    change.effectiveDate = effective;
    change.reviewDate = reviewDate;
    change.signature = signatureOf(actor, loaded.lifecycle, SignatureMeaning::Approved, comment);
    change.audit.push_back(
        auditOf(actor, "edition.approve", loaded.lifecycle,
                "decision " + decision + ", effective " + effective + ", review " + reviewDate));
    std::vector<User> recipients = NUSQA_TRY(authorAndOffice(editionId));
    for (const User& user : recipients)
        change.mail.push_back(
            composeMail(user, MailKind::Approved, factsOf(loaded, effective, &actor, decision)));
    EditionRecord record = NUSQA_TRY(applyAndRead(change));
    if (effective <= _clock.today()) {
        // Effective today: into force now. When that fails (an
        // edition of the same document changed meanwhile) the scheduler
        // retries on its next run.
        Loaded approved = NUSQA_TRY(load(editionId));
        if (NUSQA_TRY(enterIntoForce(approved))) {
            // The count is not needed, and an assignment that fails here is
            // made by the scheduler's next run (tick assigns what is missing).
            (void)assignMissing(NUSQA_TRY(load(editionId)));
            return this->record(actor, editionId);
        }
    }
    return record;
}

Result<EditionRecord> LifecycleService::cancel(const User& actor, std::int64_t editionId,
                                               const std::string& comment) {
    Loaded loaded = NUSQA_TRY(load(editionId));
    Transition transition = NUSQA_TRY(permitted(actor, loaded.lifecycle, LifecycleAct::Cancel));
    LifecycleChange change = changeFor(loaded.lifecycle, transition);
    change.audit.push_back(auditOf(actor, "edition.cancel", loaded.lifecycle, comment));
    // An approved edition may already have copies out.
    NUSQA_TRY(requestRecall(change, loaded.lifecycle.edition, loaded.document, actor));
    return applyAndRead(change);
}

}  // namespace nusqa
