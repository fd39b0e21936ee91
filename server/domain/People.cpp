#include "domain/People.h"

#include <algorithm>
#include <array>
#include <utility>

namespace nusqa {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 6> kRoleNames{{
    {Role::Admin, "admin"},
    {Role::QualityOffice, "quality_office"},
    {Role::Author, "author"},
    {Role::Approver, "approver"},
    {Role::Employee, "employee"},
    {Role::Auditor, "auditor"},
}};

}  // namespace

std::string_view toString(Role role) {
    for (const auto& [value, name] : kRoleNames)
        if (value == role) return name;
    return "unknown";
}

std::optional<Role> parseRole(std::string_view text) {
    for (const auto& [value, name] : kRoleNames)
        if (name == text) return value;
    return std::nullopt;
}

std::string joinRoles(const std::vector<Role>& roles) {
    std::string text;
    for (Role role : roles) {
        if (!text.empty()) text += ',';
        text += toString(role);
    }
    return text;
}

std::optional<std::vector<Role>> parseRoles(std::string_view text) {
    std::vector<Role> roles;
    while (!text.empty()) {
        std::size_t comma = text.find(',');
        std::string_view name = text.substr(0, comma);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (!name.empty()) {
            auto role = parseRole(name);
            if (!role) return std::nullopt;
            if (std::find(roles.begin(), roles.end(), *role) == roles.end()) roles.push_back(*role);
        }
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return roles;
}

const User& systemUser() {
    static const User system = [] {
        User user;
        user.login = "system";
        return user;
    }();
    return system;
}

bool User::hasRole(Role role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const std::string& User::fullName(Language wanted) const {
    const std::string& preferred = wanted == Language::Russian ? fullNameRu : fullNameKk;
    return preferred.empty() ? (wanted == Language::Russian ? fullNameKk : fullNameRu) : preferred;
}

const std::string& User::position(Language wanted) const {
    const std::string& preferred = wanted == Language::Russian ? positionRu : positionKk;
    return preferred.empty() ? (wanted == Language::Russian ? positionKk : positionRu) : preferred;
}

}  // namespace nusqa
