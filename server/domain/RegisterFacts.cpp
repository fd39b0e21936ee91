// The register's facts about an edition for its print (RegisterFacts): the
// approval, the dates, the route with its decisions, the paper registration,
// and the editions it replaced and was replaced by, all from the lifecycle
// records.
#include <algorithm>

#include "domain/LifecycleService.h"

namespace nusqa {
namespace {

bool everInForce(EditionStatus status) {
    return status == EditionStatus::InForce || status == EditionStatus::Superseded;
}

}  // namespace

Result<EditionReference> LifecycleService::referenceTo(const Edition& edition) {
    EditionLifecycle lifecycle = NUSQA_TRY(_lifecycle.lifecycle(edition.id));
    std::string effective = lifecycle.effectiveDate;
    if (effective.empty() && lifecycle.paper) effective = lifecycle.paper->approval.effectiveDate;
    return EditionReference{edition.id, edition.number, effective};
}

Result<RegisterFacts> LifecycleService::registerFacts(const EditionLifecycle& lifecycle,
                                                      const std::vector<AgreementStep>& steps,
                                                      const std::vector<Signature>& signatures) {
    const Edition& edition = lifecycle.edition;
    RegisterFacts facts;
    facts.status = edition.status;
    facts.language = edition.language;
    facts.decision = lifecycle.decision;
    facts.effectiveDate = lifecycle.effectiveDate;
    facts.reviewDate = lifecycle.reviewDate;
    facts.enteredAt = lifecycle.enteredAt;
    facts.paper = lifecycle.paper;

    std::int64_t roundStart = 0;  // the round's "prepared" signature (ids grow)
    for (const Signature& signature : signatures) {
        if (signature.meaning == SignatureMeaning::Prepared) {
            roundStart = signature.id;
            facts.preparedAt = signature.signedAt;
            facts.preparedName = signature.fullName;
            facts.preparedPosition = signature.position;
        }
        if (signature.meaning == SignatureMeaning::Approved) {
            facts.approvedAt = signature.signedAt;
            facts.signatoryName = signature.fullName;
            facts.signatoryPosition = signature.position;
        }
    }
    // The route of the last round: agreeing steps in order, then the signatory.
    bool allAgreed = true;
    std::vector<const AgreementStep*> ordered;
    for (const AgreementStep& step : steps)
        if (step.round == lifecycle.round) ordered.push_back(&step);
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
        return (a->kind == StepKind::Sign) < (b->kind == StepKind::Sign);
    });
    for (const AgreementStep* step : ordered) {
        RoutePerson person{"", "", step->kind, step->decision, step->decidedAt, step->comment};
        const Signature* signed_ = nullptr;
        for (const Signature& signature : signatures)
            if (signature.userId == step->userId && signature.id > roundStart &&
                signature.meaning != SignatureMeaning::Familiarized &&
                signature.meaning != SignatureMeaning::Reviewed)
                signed_ = &signature;
        if (signed_ != nullptr) {
            person.fullName = signed_->fullName;
            person.position = signed_->position;
        } else {
            User user = NUSQA_TRY(_people.user(step->userId));
            person.fullName = user.fullName(edition.language);
            person.position = user.position(edition.language);
        }
        if (step->kind == StepKind::Agree) {
            if (step->decision != "agreed") allAgreed = false;
            facts.agreedAt = std::max(facts.agreedAt, step->decidedAt);
        }
        facts.route.push_back(std::move(person));
    }
    if (!allAgreed) facts.agreedAt.clear();

    // The editions around it, of the same document and language.
    std::optional<Edition> before, after;
    for (const Edition& other : NUSQA_TRY(_documents.editionsOf(edition.documentId))) {
        if (other.language != edition.language || other.id == edition.id ||
            !everInForce(other.status))
            continue;
        if (other.number < edition.number && (!before || other.number > before->number))
            before = other;
        if (other.number > edition.number && (!after || other.number < after->number))
            after = other;
    }
    if (before) facts.replaces = NUSQA_TRY(referenceTo(*before));
    if (edition.status == EditionStatus::Superseded && after) {
        facts.replacedBy = NUSQA_TRY(referenceTo(*after));
        facts.endedOn = facts.replacedBy->effectiveDate;
    }
    if (facts.endedOn.empty() &&
        (edition.status == EditionStatus::Superseded || edition.status == EditionStatus::Cancelled))
        facts.endedOn = edition.updatedAt.substr(0, 10);
    return facts;
}

}  // namespace nusqa
