// Who may do what: the one table of role x action. Each HTTP route declares
// the Action it needs (http/Access.h, on the route) and asks authorize(); the
// domain services ask it again for the acts they carry out, so a call from
// the command line or the scheduler obeys the same table.
//
// The finer rules that depend on the object (an approver agrees only on an
// edition whose route names him, in his turn; an employee signs only his own
// familiarization) live in the services and also give Forbidden.
// Thread safety: stateless.
#pragma once

#include <string_view>
#include <vector>

#include "domain/Error.h"
#include "domain/People.h"

namespace nusqa {

enum class Action {
    ReadRegister,        // documents, editions, their XML
    EditDrafts,          // create documents, add editions, edit drafts
    ManageDistribution,  // which units must read a document
    SendForAgreement,    // set the agreement route, send a draft
    Agree,               // agree or reject (келісу)
    Approve,             // approve (бекіту)
    ManageLifecycle,     // cancel, bring into force by hand
    Familiarize,         // sign one's familiarization (танысу)
    Review,              // record a periodic review outcome
    ReadOwn,             // one's own account, tasks and tokens
    ReadPeople,          // users, units, positions
    ManagePeople,        // create users, units, positions
    ReadQualityRecords,  // signatures, familiarization lists, overdue, reviews due
    ReadAudit,           // the audit log
    ManageCopies,        // issue and recall controlled copies
    RunScheduler,        // the scheduler's own acts; no role holds it
};

inline constexpr Action kAllActions[] = {
    Action::ReadRegister,
    Action::EditDrafts,
    Action::ManageDistribution,
    Action::SendForAgreement,
    Action::Agree,
    Action::Approve,
    Action::ManageLifecycle,
    Action::Familiarize,
    Action::Review,
    Action::ReadOwn,
    Action::ReadPeople,
    Action::ManagePeople,
    Action::ReadQualityRecords,
    Action::ReadAudit,
    Action::ManageCopies,
    Action::RunScheduler,
};

std::string_view toString(Action action);

// Whether the role's row of the table allows the action.
bool roleAllows(Role role, Action action);
// Whether any of the roles allows it.
bool rolesAllow(const std::vector<Role>& roles, Action action);
// Forbidden ("<login> (roles ...) may not <action>") unless allowed.
Status authorize(const User& user, Action action);

}  // namespace nusqa
