// LifecycleService::dashboard: the quality office's overview, read from the
// same store queries as the approver's queue and the overdue list.
#include <algorithm>
#include <map>

#include "domain/Authorization.h"
#include "domain/LifecycleService.h"

namespace nusqa {

namespace {

constexpr EditionStatus kStatuses[] = {
    EditionStatus::Draft,     EditionStatus::InAgreement, EditionStatus::Agreed,
    EditionStatus::Approved,  EditionStatus::InForce,     EditionStatus::Superseded,
    EditionStatus::Cancelled,
};

// Whose turn it is in the current round and since when: the agreeing steps
// at the lowest undecided order (in agreement) or the signatory (agreed);
// the turn began with the round's latest decision, else with its sending.
struct Turn {
    QueueStage stage = QueueStage::Agree;
    std::vector<std::int64_t> userIds;
    std::string since;
};

Turn turnOf(const EditionLifecycle& lifecycle, const std::vector<AgreementStep>& steps,
            const std::vector<Signature>& signatures) {
    Turn turn;
    const int round = lifecycle.round;
    for (const Signature& signature : signatures)
        if (signature.meaning == SignatureMeaning::Prepared) turn.since = signature.signedAt;
    for (const AgreementStep& step : steps)
        if (step.round == round && !step.decidedAt.empty() && step.decidedAt > turn.since)
            turn.since = step.decidedAt;
    if (lifecycle.edition.status == EditionStatus::Agreed) {
        turn.stage = QueueStage::Approve;
        for (const AgreementStep& step : steps)
            if (step.round == round && step.kind == StepKind::Sign && step.decision.empty())
                turn.userIds.push_back(step.userId);
        return turn;
    }
    std::optional<int> current;
    for (const AgreementStep& step : steps)
        if (step.round == round && step.kind == StepKind::Agree && step.decision.empty())
            current = current ? std::min(*current, step.order) : step.order;
    for (const AgreementStep& step : steps)
        if (current && step.round == round && step.kind == StepKind::Agree &&
            step.decision.empty() && step.order == *current)
            turn.userIds.push_back(step.userId);
    return turn;
}

}  // namespace

Result<Dashboard> LifecycleService::dashboard(const User& actor) {
    NUSQA_TRY(authorize(actor, Action::ReadQualityRecords));
    Dashboard board;
    std::map<std::int64_t, User> people;
    for (EditionStatus status : kStatuses) {
        std::vector<EditionLifecycle> found = NUSQA_TRY(_lifecycle.editionsWithStatus(status));
        board.editionsByStatus.emplace_back(status, static_cast<std::int64_t>(found.size()));
        if (status != EditionStatus::InAgreement && status != EditionStatus::Agreed) continue;
        for (const EditionLifecycle& lifecycle : found) {
            std::vector<AgreementStep> steps =
                NUSQA_TRY(_lifecycle.agreementSteps(lifecycle.edition.id));
            std::vector<Signature> signatures =
                NUSQA_TRY(_lifecycle.signatures(lifecycle.edition.id));
            Turn turn = turnOf(lifecycle, steps, signatures);
            RouteWait wait;
            wait.document = NUSQA_TRY(_documents.document(lifecycle.edition.documentId));
            wait.edition = lifecycle.edition;
            wait.stage = turn.stage;
            wait.since = turn.since;
            for (std::int64_t userId : turn.userIds) {
                auto known = people.find(userId);
                if (known == people.end())
                    known = people.emplace(userId, NUSQA_TRY(_people.user(userId))).first;
                wait.waitingFor.push_back(known->second);
            }
            board.waiting.push_back(std::move(wait));
        }
    }
    std::ranges::stable_sort(
        board.waiting, [](const RouteWait& a, const RouteWait& b) { return a.since < b.since; });

    AssignmentQuery query;
    query.inForceOnly = true;
    const std::string today = _clock.today();
    std::map<std::optional<std::int64_t>, UnitCompletion> units;
    for (const Assignment& assignment : NUSQA_TRY(_lifecycle.assignments(query))) {
        UnitCompletion& unit = units[assignment.unitId];
        unit.unitId = assignment.unitId;
        for (UnitCompletion* figure : {&unit, &board.whole}) {
            ++figure->assigned;
            if (!assignment.signedAt.empty())
                ++figure->signedCount;
            else if (assignment.dueDate < today)
                ++figure->overdue;
        }
    }
    for (auto& [id, unit] : units) board.units.push_back(unit);
    return board;
}

}  // namespace nusqa
