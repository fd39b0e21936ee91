// The access rule of every route: public, or the Action (domain/
// Authorization.h) a user's roles must allow; plus, as a declaration, the
// audit action the domain records for the act (the domain writes it in the
// act's own transaction; nothing in http/ records anything). A route without
// a rule is refused to everyone (fail closed): adding a route means adding
// its rule here.
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
    std::string_view auditAction;  // declared: what the domain records ("" : not declared)
};

std::span<const AccessRule> accessRules();
const AccessRule* accessRuleFor(std::string_view method, std::string_view pattern);

}  // namespace nusqa::http
