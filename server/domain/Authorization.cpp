#include "domain/Authorization.h"

#include <algorithm>
#include <initializer_list>

namespace nusqa {
namespace {

using enum Role;

struct Grant {
    Action action;
    std::string_view name;
    std::initializer_list<Role> roles;
};

// THE authorization table. An auditor reads everything and changes nothing;
// an admin manages people but takes no part in the document lifecycle
// (separation of duties).
const Grant kGrants[] = {
    {Action::ReadRegister,
     "read the register",
     {Admin, QualityOffice, Author, Approver, Employee, Auditor}},
    {Action::EditDrafts, "edit drafts", {QualityOffice, Author}},
    {Action::ManageDistribution, "manage distribution lists", {QualityOffice}},
    {Action::SendForAgreement, "send drafts for agreement", {QualityOffice, Author}},
    {Action::Agree, "agree or reject editions", {Approver}},
    {Action::Approve, "approve editions", {Approver}},
    {Action::ManageLifecycle, "cancel or bring editions into force", {QualityOffice}},
    {Action::Familiarize,
     "sign familiarization sheets",
     {Admin, QualityOffice, Author, Approver, Employee}},
    {Action::Review, "record periodic reviews", {QualityOffice}},
    {Action::ReadOwn,
     "use their own account",
     {Admin, QualityOffice, Author, Approver, Employee, Auditor}},
    {Action::ReadPeople, "read users and units", {Admin, QualityOffice, Auditor}},
    {Action::ManagePeople, "manage users and units", {Admin}},
    {Action::ReadQualityRecords, "read quality records", {Admin, QualityOffice, Auditor}},
    {Action::ReadAudit, "read the audit log", {Admin, Auditor}},
    {Action::ManageCopies, "issue and recall controlled copies", {QualityOffice}},
    {Action::RunScheduler, "run the scheduler", {}},
};

const Grant& grantOf(Action action) {
    for (const Grant& grant : kGrants)
        if (grant.action == action) return grant;
    return kGrants[std::size(kGrants) - 1];  // RunScheduler: nobody
}

}  // namespace

std::string_view toString(Action action) {
    return grantOf(action).name;
}

bool roleAllows(Role role, Action action) {
    const Grant& grant = grantOf(action);
    return grant.action == action &&
           std::find(grant.roles.begin(), grant.roles.end(), role) != grant.roles.end();
}

bool rolesAllow(const std::vector<Role>& roles, Action action) {
    return std::any_of(roles.begin(), roles.end(),
                       [action](Role role) { return roleAllows(role, action); });
}

Status authorize(const User& user, Action action) {
    if (user.active && rolesAllow(user.roles, action)) return {};
    return fail(ErrorCode::Forbidden, user.login + " (" +
                                          (user.roles.empty() ? "no role" : joinRoles(user.roles)) +
                                          ") may not " + std::string(toString(action)));
}

}  // namespace nusqa
