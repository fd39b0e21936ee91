// The access rule of every route: public, or the Action (domain/
// Authorization.h) a user's roles must allow; plus the audit action recorded
// when a request on it succeeds and the domain does not record the act
// itself (edits of the register). A route without a rule is refused to
// everyone (fail closed): adding a route means adding its rule here.
// Thread safety: the table is constant.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "domain/Authorization.h"

namespace nusqa::http {

struct AccessRule {
    std::string_view method;
    std::string_view pattern;
    std::optional<Action> action;  // nullopt: public, no authentication
    std::string_view auditAction;  // "" : not recorded by the gate
};

std::span<const AccessRule> accessRules();
const AccessRule* accessRuleFor(std::string_view method, std::string_view pattern);

}  // namespace nusqa::http
