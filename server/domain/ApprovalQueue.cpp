// The approver's queue and the records' named steps: the read side of
// agreement and approval (LifecycleService).
#include <algorithm>

#include "domain/Authorization.h"
#include "domain/LifecycleService.h"

namespace nusqa {

namespace {

// When the round was sent: its latest "prepared" signature (UTC text,
// sortable); empty when none.
std::string sentAt(const EditionRecord& record) {
    std::string latest;
    for (const Signature& signature : record.signatures)
        if (signature.meaning == SignatureMeaning::Prepared) latest = signature.signedAt;
    return latest;
}

// The actor's turn on an edition from its steps of the current round, as
// LifecycleService::agree and approve decide it.
std::optional<QueueStage> turnOf(const User& actor, const EditionRecord& record) {
    const int round = record.lifecycle.round;
    const EditionStatus status = record.lifecycle.edition.status;
    if (status == EditionStatus::Agreed) {
        for (const AgreementStep& step : record.steps)
            if (step.round == round && step.kind == StepKind::Sign && step.userId == actor.id &&
                step.decision.empty())
                return QueueStage::Approve;
        return std::nullopt;
    }
    if (status != EditionStatus::InAgreement) return std::nullopt;
    std::optional<int> current;
    for (const AgreementStep& step : record.steps)
        if (step.round == round && step.kind == StepKind::Agree && step.decision.empty())
            current = current ? std::min(*current, step.order) : step.order;
    if (!current) return std::nullopt;
    for (const AgreementStep& step : record.steps)
        if (step.round == round && step.kind == StepKind::Agree && step.decision.empty() &&
            step.order == *current && step.userId == actor.id)
            return QueueStage::Agree;
    return std::nullopt;
}

}  // namespace

Result<EditionRecord> LifecycleService::readRecord(std::int64_t editionId) {
    EditionRecord record;
    record.lifecycle = NUSQA_TRY(_lifecycle.lifecycle(editionId));
    record.steps = NUSQA_TRY(_lifecycle.agreementSteps(editionId));
    record.signatures = NUSQA_TRY(_lifecycle.signatures(editionId));
    for (const AgreementStep& step : record.steps)
        if (!record.stepPeople.contains(step.userId))
            record.stepPeople.emplace(step.userId, NUSQA_TRY(_people.user(step.userId)));
    return record;
}

Result<std::vector<WaitingEdition>> LifecycleService::myQueue(const User& actor) {
    std::vector<WaitingEdition> waiting;
    if (!actor.hasRole(Role::Approver)) return waiting;
    NUSQA_TRY(authorize(actor, Action::Agree));
    // Only editions with an undecided step of the actor in their round; of
    // those, the ones where it is the actor's turn (an earlier order may
    // still be undecided).
    for (const EditionLifecycle& found : NUSQA_TRY(_lifecycle.editionsAwaiting(actor.id))) {
        EditionRecord record = NUSQA_TRY(readRecord(found.edition.id));
        std::optional<QueueStage> stage = turnOf(actor, record);
        if (!stage) continue;
        Document document = NUSQA_TRY(_documents.document(found.edition.documentId));
        waiting.push_back(WaitingEdition{*stage, std::move(document), std::move(record)});
    }
    std::ranges::stable_sort(waiting, [](const WaitingEdition& a, const WaitingEdition& b) {
        return sentAt(a.record) < sentAt(b.record);
    });
    return waiting;
}

}  // namespace nusqa
