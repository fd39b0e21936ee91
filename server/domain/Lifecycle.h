// The lifecycle of an edition as ONE state machine: a table of transitions
// (from-state, act, required permission, to-state, meaning of the signature
// the act carries). Every act of LifecycleService looks its row up here, so
// an act in the wrong state is refused with Conflict and the reason, and a
// user without the permission gets Forbidden.
//
//   draft --submit--> in_agreement --agree--> in_agreement --(last)--> agreed
//                          \--reject--> draft (history kept; a new round)
//   agreed --approve--> approved --enter_into_force (on the effective date)--> in_force
//   in_force --supersede (a newer edition enters into force)--> superseded
//   draft --register_in_force (a paper edition approved on paper)--> in_force
//     (or --> superseded at once when a newer edition is in force)
//   draft|in_agreement|agreed|approved --cancel--> cancelled
//   in_force --familiarize--> in_force;  in_force --review--> in_force | cancelled
//
// Acts with permission RunScheduler are the system's own (the last agreement
// completing the round, entry into force, supersession): no role holds it.
// Thread safety: stateless.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "domain/Authorization.h"
#include "domain/Error.h"
#include "domain/Types.h"

namespace nusqa {

enum class LifecycleAct {
    Submit,
    Agree,
    Reject,
    CompleteAgreement,
    Approve,
    EnterIntoForce,
    Supersede,
    Cancel,
    Familiarize,
    ReviewConfirm,  // confirmed unchanged
    ReviewRevise,   // revision needed: stays in force until the new edition
    ReviewCancel,   // cancel the document
    // An existing paper edition, approved on paper, registered as in force
    // with its approval facts as recorded facts (no signature).
    RegisterInForce,
};

// What an electronic signature means. Wire names: prepared, agreed,
// rejected, approved, familiarized, reviewed.
enum class SignatureMeaning { Prepared, Agreed, Rejected, Approved, Familiarized, Reviewed };

// What a person on an edition's route does: agreeing steps (келісу) come
// first; the route's one signatory (бекітуші) approves after every agreeing
// step has agreed. Wire names: agree, sign.
enum class StepKind { Agree, Sign };

std::string_view toString(LifecycleAct act);
std::string_view toString(SignatureMeaning meaning);
std::string_view toString(StepKind kind);
std::optional<SignatureMeaning> parseSignatureMeaning(std::string_view text);
std::optional<StepKind> parseStepKind(std::string_view text);

struct Transition {
    EditionStatus from;
    LifecycleAct act;
    Action permission;
    EditionStatus to;
    std::optional<SignatureMeaning> signature;  // the signature the act requires
};

std::span<const Transition> lifecycleTable();

// The row for the act in this state, or Conflict: "cannot approve an edition
// that is in_force (approve needs agreed)".
Result<Transition> transitionFor(EditionStatus from, LifecycleAct act);

}  // namespace nusqa
