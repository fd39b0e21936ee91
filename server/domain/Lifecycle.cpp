#include "domain/Lifecycle.h"

#include <array>
#include <string>

namespace nusqa {
namespace {

using enum EditionStatus;
using enum LifecycleAct;
using M = SignatureMeaning;

// THE lifecycle table.
constexpr Transition kTransitions[] = {
    {Draft, Submit, Action::SendForAgreement, InAgreement, M::Prepared},
    {InAgreement, Agree, Action::Agree, InAgreement, M::Agreed},
    {InAgreement, Reject, Action::Agree, Draft, M::Rejected},
    {InAgreement, CompleteAgreement, Action::RunScheduler, Agreed, std::nullopt},
    {Agreed, Approve, Action::Approve, Approved, M::Approved},
    {Approved, EnterIntoForce, Action::RunScheduler, InForce, std::nullopt},
    {InForce, Supersede, Action::RunScheduler, Superseded, std::nullopt},
    {Draft, Cancel, Action::ManageLifecycle, Cancelled, std::nullopt},
    {InAgreement, Cancel, Action::ManageLifecycle, Cancelled, std::nullopt},
    {Agreed, Cancel, Action::ManageLifecycle, Cancelled, std::nullopt},
    {Approved, Cancel, Action::ManageLifecycle, Cancelled, std::nullopt},
    {InForce, Familiarize, Action::Familiarize, InForce, M::Familiarized},
    {InForce, ReviewConfirm, Action::Review, InForce, M::Reviewed},
    {InForce, ReviewRevise, Action::Review, InForce, M::Reviewed},
    {InForce, ReviewCancel, Action::Review, Cancelled, M::Reviewed},
    {Draft, RegisterInForce, Action::ManageLifecycle, InForce, std::nullopt},
};

constexpr std::array<std::pair<LifecycleAct, std::string_view>, 13> kActNames{{
    {Submit, "submit"},
    {Agree, "agree"},
    {Reject, "reject"},
    {CompleteAgreement, "complete_agreement"},
    {Approve, "approve"},
    {EnterIntoForce, "enter_into_force"},
    {Supersede, "supersede"},
    {Cancel, "cancel"},
    {Familiarize, "familiarize"},
    {ReviewConfirm, "review_confirm"},
    {ReviewRevise, "review_revise"},
    {ReviewCancel, "review_cancel"},
    {RegisterInForce, "register_in_force"},
}};

constexpr std::array<std::pair<SignatureMeaning, std::string_view>, 6> kMeaningNames{{
    {M::Prepared, "prepared"},
    {M::Agreed, "agreed"},
    {M::Rejected, "rejected"},
    {M::Approved, "approved"},
    {M::Familiarized, "familiarized"},
    {M::Reviewed, "reviewed"},
}};

}  // namespace

std::string_view toString(LifecycleAct act) {
    for (const auto& [value, name] : kActNames)
        if (value == act) return name;
    return "unknown";
}

std::string_view toString(SignatureMeaning meaning) {
    for (const auto& [value, name] : kMeaningNames)
        if (value == meaning) return name;
    return "unknown";
}

std::string_view toString(StepKind kind) {
    return kind == StepKind::Sign ? "sign" : "agree";
}

std::optional<StepKind> parseStepKind(std::string_view text) {
    if (text == "agree") return StepKind::Agree;
    if (text == "sign") return StepKind::Sign;
    return std::nullopt;
}

std::optional<SignatureMeaning> parseSignatureMeaning(std::string_view text) {
    for (const auto& [value, name] : kMeaningNames)
        if (name == text) return value;
    return std::nullopt;
}

std::span<const Transition> lifecycleTable() {
    return kTransitions;
}

Result<Transition> transitionFor(EditionStatus from, LifecycleAct act) {
    std::string needed;
    for (const Transition& transition : kTransitions) {
        if (transition.act != act) continue;
        if (transition.from == from) return transition;
        if (!needed.empty()) needed += " or ";
        needed += toString(transition.from);
    }
    return fail(
        ErrorCode::Conflict,
        "cannot " + std::string(toString(act)) + " an edition that is " +
            std::string(toString(from)) +
            (needed.empty() ? "" : " (" + std::string(toString(act)) + " needs " + needed + ")"));
}

}  // namespace nusqa
