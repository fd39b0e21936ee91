// Familiarization, periodic review and the read side of LifecycleService.
#include <algorithm>
#include <map>

#include "domain/LifecycleService.h"

namespace nusqa {

Result<std::optional<Edition>> LifecycleService::sameNumberOtherLanguage(const Edition& edition) {
    for (const Edition& other : NUSQA_TRY(_documents.editionsOf(edition.documentId)))
        if (other.number == edition.number && other.language != edition.language)
            return std::optional<Edition>(other);
    return std::optional<Edition>();
}

Result<Signature> LifecycleService::familiarize(const User& actor, std::int64_t editionId,
                                                const std::string& password) {
    Loaded loaded = NUSQA_TRY(load(editionId));
    Transition transition =
        NUSQA_TRY(permitted(actor, loaded.lifecycle, LifecycleAct::Familiarize));
    AssignmentQuery query;
    query.editionId = editionId;
    query.userId = actor.id;
    std::vector<Assignment> mine = NUSQA_TRY(_lifecycle.assignments(query));
    if (mine.empty()) {
        // kk and ru editions of one number are one obligation: signing either
        // satisfies the one assigned.
        if (auto other = NUSQA_TRY(sameNumberOtherLanguage(loaded.lifecycle.edition))) {
            query.editionId = other->id;
            mine = NUSQA_TRY(_lifecycle.assignments(query));
        }
    }
    if (mine.empty())
        return fail(ErrorCode::Forbidden, "no familiarization with edition " +
                                              std::to_string(editionId) + " is assigned to " +
                                              actor.login);
    if (!mine.front().signedAt.empty())
        return fail(ErrorCode::Conflict,
                    actor.login + " signed the familiarization on " + mine.front().signedAt);
    NUSQA_TRY(_auth.verifyPassword(actor, password));
    LifecycleChange change = changeFor(loaded.lifecycle, transition);
    // Everyone signs on the day an edition enters into force: one person's
    // signature must not make another's stale.
    change.independentOfVersion = true;
    change.signature = signatureOf(actor, loaded.lifecycle, SignatureMeaning::Familiarized, "");
    change.signedAssignmentId = mine.front().id;
    if (mine.front().editionId != editionId)
        change.signedAssignmentEditionId = mine.front().editionId;
    change.audit.push_back(auditOf(actor, "edition.familiarize", loaded.lifecycle, ""));
    ChangeResult result = NUSQA_TRY(_lifecycle.apply(change));
    Signature signature = *change.signature;
    signature.id = result.signatureId;
    return signature;
}

Result<EditionRecord> LifecycleService::review(const User& actor, std::int64_t editionId,
                                               ReviewOutcome outcome, const std::string& password,
                                               const std::string& comment) {
    Loaded loaded = NUSQA_TRY(load(editionId));
    LifecycleAct act = outcome == ReviewOutcome::Confirmed ? LifecycleAct::ReviewConfirm
                       : outcome == ReviewOutcome::Revise  ? LifecycleAct::ReviewRevise
                                                           : LifecycleAct::ReviewCancel;
    Transition transition = NUSQA_TRY(permitted(actor, loaded.lifecycle, act));
    NUSQA_TRY(_auth.verifyPassword(actor, password));
    LifecycleChange change = changeFor(loaded.lifecycle, transition);
    Signature signature = signatureOf(actor, loaded.lifecycle, SignatureMeaning::Reviewed, comment);
    signature.outcome = outcome == ReviewOutcome::Confirmed ? "confirmed"
                        : outcome == ReviewOutcome::Revise  ? "revise"
                                                            : "cancel";
    if (outcome == ReviewOutcome::Confirmed) {
        // Confirmed unchanged: the next review one period from today.
        change.reviewDate = addMonths(_clock.today(), _settings.reviewMonths).value_or("");
        change.reviewNoticeAt = "";
    }
    change.signature = signature;
    change.audit.push_back(
        auditOf(actor, "edition.review", loaded.lifecycle, "outcome " + signature.outcome));
    if (outcome == ReviewOutcome::Cancel)
        NUSQA_TRY(requestRecall(change, loaded.lifecycle.edition, loaded.document, actor));
    return applyAndRead(change);
}

Result<std::vector<MyAssignment>> LifecycleService::myFamiliarizations(const User& actor) {
    NUSQA_TRY(authorize(actor, Action::ReadOwn));
    AssignmentQuery query;
    query.userId = actor.id;
    query.inForceOnly = true;
    std::vector<Assignment> found = NUSQA_TRY(_lifecycle.assignments(query));
    std::stable_partition(found.begin(), found.end(),
                          [](const Assignment& a) { return a.signedAt.empty(); });
    // The inbox shows code, title and edition number of each: read here, so
    // a page of 200 assignments is one request, not one per edition, and in
    // one read of the store, not two per edition.
    std::vector<std::int64_t> editionIds;
    editionIds.reserve(found.size());
    for (const Assignment& assignment : found) editionIds.push_back(assignment.editionId);
    std::ranges::sort(editionIds);
    editionIds.erase(std::unique(editionIds.begin(), editionIds.end()), editionIds.end());
    std::map<std::int64_t, EditionOfDocument> editions;
    for (EditionOfDocument& edition : NUSQA_TRY(_documents.editionsWithDocuments(editionIds)))
        editions.emplace(edition.edition.id, std::move(edition));
    std::vector<MyAssignment> mine;
    mine.reserve(found.size());
    for (Assignment& assignment : found) {
        const EditionOfDocument& edition = editions.at(assignment.editionId);
        mine.push_back(MyAssignment{std::move(assignment), edition.edition, edition.document});
    }
    return mine;
}

Result<std::vector<Assignment>> LifecycleService::assignments(const User& actor,
                                                              const AssignmentQuery& query) {
    NUSQA_TRY(authorize(actor, Action::ReadQualityRecords));
    return _lifecycle.assignments(query);
}

Result<AssignmentPage> LifecycleService::overdue(const User& actor, OverdueQuery& query) {
    NUSQA_TRY(authorize(actor, Action::ReadQualityRecords));
    // Always a page, as GET /api/v1/documents: the whole organisation's list
    // is thousands of assignments at ten years' scale.
    if (query.limit < 1 || query.limit > 500)
        return fail(ErrorCode::InvalidArgument, "limit must be between 1 and 500");
    if (query.offset < 0) return fail(ErrorCode::InvalidArgument, "offset must not be negative");
    query.dueBefore = _clock.today();
    return _lifecycle.overdue(query);
}

Result<std::vector<ReviewDue>> LifecycleService::reviewsDue(const User& actor, int withinDays) {
    NUSQA_TRY(authorize(actor, Action::ReadQualityRecords));
    if (withinDays < 0 || withinDays > 3660)
        return fail(ErrorCode::InvalidArgument, "days must be 0 to 3660");
    std::string limit = addDays(_clock.today(), withinDays).value_or("");
    if (limit.empty()) return std::vector<ReviewDue>{};
    return _lifecycle.reviewsDueBy(limit);
}

Result<SheetData> LifecycleService::sheetData(const User& actor, std::int64_t editionId) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    return sheetRecords(editionId);
}

Result<SheetData> LifecycleService::sheetRecords(std::int64_t editionId) {
    auto found = _lifecycle.lifecycle(editionId);
    if (!found && found.error().code == ErrorCode::NotFound) return SheetData{};
    EditionLifecycle lifecycle = NUSQA_TRY(std::move(found));
    std::vector<Signature> signatures = NUSQA_TRY(_lifecycle.signatures(editionId));
    std::vector<AgreementStep> steps = NUSQA_TRY(_lifecycle.agreementSteps(editionId));
    SheetData data;
    data.edition = lifecycle.edition;
    // The agreement sheet shows the decisions of the last round, in route order.
    std::vector<std::int64_t> lastRound;
    for (const AgreementStep& step : steps)
        if (step.round == lifecycle.round) lastRound.push_back(step.userId);
    std::int64_t roundStart = 0;  // the round's "prepared" signature (ids grow)
    for (const Signature& signature : signatures)
        if (signature.meaning == SignatureMeaning::Prepared) roundStart = signature.id;
    for (std::int64_t userId : lastRound)
        for (const Signature& signature : signatures)
            if (signature.userId == userId && signature.id > roundStart &&
                (signature.meaning == SignatureMeaning::Agreed ||
                 signature.meaning == SignatureMeaning::Rejected))
                data.agreements.push_back(signature);
    for (const Signature& signature : signatures)
        if (signature.meaning == SignatureMeaning::Familiarized)
            data.familiarizations.push_back(signature);
    data.facts = NUSQA_TRY(registerFacts(lifecycle, steps, signatures));
    // The sheets as their latest record versions hold them (issue 13): an
    // auditor can hold the printed sheet against that XML.
    NUSQA_TRY(sheetsFromRecordVersions(editionId, data));
    return data;
}

}  // namespace nusqa
