#include "domain/PeopleService.h"

#include <algorithm>
#include <utility>

#include "domain/AuthService.h"
#include "domain/Text.h"

namespace nusqa {
namespace {

constexpr std::size_t kMaxNameBytes = 300;

Status checkName(const char* field, const std::string& value, bool required) {
    if (required && value.empty())
        return fail(ErrorCode::InvalidArgument, std::string(field) + " is required");
    if (value.size() > kMaxNameBytes)
        return fail(ErrorCode::InvalidArgument, std::string(field) + " is longer than " +
                                                    std::to_string(kMaxNameBytes) + " bytes");
    return {};
}

Status checkLogin(const std::string& login) {
    bool plain =
        !login.empty() && login.size() <= 64 && std::all_of(login.begin(), login.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                   c == '-';
        });
    if (!plain)
        return fail(ErrorCode::InvalidArgument,
                    "login must be 1 to 64 characters of a-z, 0-9, '.', '_' or '-'");
    return {};
}

Status checkEmail(const std::string& email) {
    auto at = email.find('@');
    if (email.size() > 254 || at == std::string::npos || at == 0 || at + 1 == email.size() ||
        email.find_first_of(" \t\r\n<>,;\"") != std::string::npos)
        return fail(ErrorCode::InvalidArgument, "email «" + email + "» is not an e-mail address");
    return {};
}

}  // namespace

PeopleService::PeopleService(PeopleStore& people, LifecycleStore& lifecycle,
                             const PasswordHasher& hasher, const Clock& clock,
                             SecurityFunctions security)
    : _people(people),
      _lifecycle(lifecycle),
      _hasher(hasher),
      _clock(clock),
      _security(std::move(security)) {}

User PeopleService::commandLineActor() {
    User actor;
    actor.login = "command-line";
    actor.roles = {Role::Admin};
    return actor;
}

NewAuditEntry PeopleService::audit(const User& actor, const std::string& action,
                                   const std::string& type, const std::string& id,
                                   const std::string& details) const {
    return NewAuditEntry{_clock.now(), actor.id, actor.login, action, type, id, details};
}

Result<Unit> PeopleService::createUnit(const User& actor, Unit unit) {
    NUSQA_TRY(authorize(actor, Action::ManagePeople));
    unit.nameKk = trimmed(unit.nameKk);
    unit.nameRu = trimmed(unit.nameRu);
    NUSQA_TRY(checkName("nameKk", unit.nameKk, true));
    NUSQA_TRY(checkName("nameRu", unit.nameRu, false));
    return _people.createUnit(unit, {audit(actor, "unit.create", "unit", "", unit.nameKk)});
}

Result<std::vector<Unit>> PeopleService::units(const User& actor) {
    NUSQA_TRY(authorize(actor, Action::ReadPeople));
    return _people.units();
}

Result<Position> PeopleService::createPosition(const User& actor, Position position) {
    NUSQA_TRY(authorize(actor, Action::ManagePeople));
    position.nameKk = trimmed(position.nameKk);
    position.nameRu = trimmed(position.nameRu);
    NUSQA_TRY(checkName("nameKk", position.nameKk, true));
    NUSQA_TRY(checkName("nameRu", position.nameRu, false));
    return _people.createPosition(
        position, {audit(actor, "position.create", "position", "", position.nameKk)});
}

Result<std::vector<Position>> PeopleService::positions(const User& actor) {
    NUSQA_TRY(authorize(actor, Action::ReadPeople));
    return _people.positions();
}

Result<User> PeopleService::createUser(const User& actor, NewUser user) {
    NUSQA_TRY(authorize(actor, Action::ManagePeople));
    user.login = trimmed(user.login);
    user.fullNameKk = trimmed(user.fullNameKk);
    user.fullNameRu = trimmed(user.fullNameRu);
    user.email = trimmed(user.email);
    NUSQA_TRY(checkLogin(user.login));
    NUSQA_TRY(checkName("fullNameKk", user.fullNameKk, user.fullNameRu.empty()));
    NUSQA_TRY(checkName("fullNameRu", user.fullNameRu, false));
    NUSQA_TRY(checkEmail(user.email));
    if (user.roles.empty())
        return fail(ErrorCode::InvalidArgument, "a user needs at least one role");
    NUSQA_TRY(AuthService::checkNewPassword(user.password));
    if (actor.id != 0) user.mustChangePassword = true;
    UserRecord record{std::move(user), {}, _clock.now()};
    record.passwordHash = NUSQA_TRY(_hasher.hash(record.user.password));
    record.user.password.clear();
    return _people.createUser(record, {audit(actor, "user.create", "user", record.user.login,
                                             "roles " + joinRoles(record.user.roles))});
}

Result<User> PeopleService::updateUser(const User& actor, std::int64_t id, UserChanges changes) {
    NUSQA_TRY(authorize(actor, Action::ManagePeople));
    User before = NUSQA_TRY(_people.user(id));
    User after = before;
    if (changes.fullNameKk) after.fullNameKk = trimmed(*changes.fullNameKk);
    if (changes.fullNameRu) after.fullNameRu = trimmed(*changes.fullNameRu);
    if (changes.email) after.email = trimmed(*changes.email);
    if (changes.language) after.language = *changes.language;
    if (changes.positionId) after.positionId = *changes.positionId;
    if (changes.unitId) after.unitId = *changes.unitId;
    if (changes.roles) after.roles = *changes.roles;
    if (changes.active) after.active = *changes.active;
    NUSQA_TRY(checkName("fullNameKk", after.fullNameKk, after.fullNameRu.empty()));
    NUSQA_TRY(checkName("fullNameRu", after.fullNameRu, false));
    NUSQA_TRY(checkEmail(after.email));
    if (after.roles.empty())
        return fail(ErrorCode::InvalidArgument, "a user needs at least one role");
    if (actor.id == id && (!after.active || !after.hasRole(Role::Admin)))
        return fail(ErrorCode::InvalidArgument,
                    "admins cannot deactivate themselves or drop their own admin role");
    std::string details;
    auto note = [&](const char* field, const std::string& from, const std::string& to) {
        if (from == to) return;
        details +=
            std::string(details.empty() ? "" : "; ") + field + " «" + from + "» -> «" + to + "»";
    };
    auto idText = [](const std::optional<std::int64_t>& value) {
        return value ? std::to_string(*value) : std::string();
    };
    note("fullNameKk", before.fullNameKk, after.fullNameKk);
    note("fullNameRu", before.fullNameRu, after.fullNameRu);
    note("email", before.email, after.email);
    note("language", std::string(toString(before.language)), std::string(toString(after.language)));
    note("positionId", idText(before.positionId), idText(after.positionId));
    note("unitId", idText(before.unitId), idText(after.unitId));
    note("roles", joinRoles(before.roles), joinRoles(after.roles));
    note("active", before.active ? "true" : "false", after.active ? "true" : "false");
    if (details.empty()) return before;
    return _people.updateUser(after,
                              {audit(actor, "user.update", "user", std::to_string(id), details)});
}

Status PeopleService::resetPassword(const User& actor, std::int64_t id,
                                    const std::string& password) {
    NUSQA_TRY(authorize(actor, Action::ManagePeople));
    NUSQA_TRY(AuthService::checkNewPassword(password));
    std::string hash = NUSQA_TRY(_hasher.hash(password));
    return _people.setOneTimePassword(
        id, hash,
        {audit(actor, "user.password_reset", "user", std::to_string(id),
               "one-time password; every session and API token ended")});
}

Status PeopleService::renameUnit(const User& actor, std::int64_t id, std::string nameKk,
                                 std::string nameRu) {
    NUSQA_TRY(authorize(actor, Action::ManagePeople));
    Unit unit{id, trimmed(nameKk), trimmed(nameRu), {}};
    NUSQA_TRY(checkName("nameKk", unit.nameKk, true));
    NUSQA_TRY(checkName("nameRu", unit.nameRu, false));
    Unit before;
    for (const Unit& existing : NUSQA_TRY(_people.units()))
        if (existing.id == id) before = existing;
    if (before.id == 0)
        return fail(ErrorCode::NotFound, "unit " + std::to_string(id) + " not found");
    return _people.renameUnit(unit, {audit(actor, "unit.rename", "unit", std::to_string(id),
                                           "«" + before.nameKk + " / " + before.nameRu + "» -> «" +
                                               unit.nameKk + " / " + unit.nameRu + "»")});
}

Status PeopleService::moveUnit(const User& actor, std::int64_t id,
                               std::optional<std::int64_t> parentId) {
    NUSQA_TRY(authorize(actor, Action::ManagePeople));
    std::vector<Unit> all = NUSQA_TRY(_people.units());
    auto find = [&](std::int64_t wanted) {
        return std::find_if(all.begin(), all.end(),
                            [wanted](const Unit& unit) { return unit.id == wanted; });
    };
    auto unit = find(id);
    if (unit == all.end())
        return fail(ErrorCode::NotFound, "unit " + std::to_string(id) + " not found");
    // Walking up from the new parent must never meet the unit itself (the
    // walk is bounded by the number of units, should the stored tree hold
    // a loop already).
    std::size_t steps = 0;
    for (std::optional<std::int64_t> at = parentId; at; ++steps) {
        if (*at == id)
            return fail(ErrorCode::InvalidArgument,
                        "unit " + std::to_string(id) +
                            " cannot be put under itself or one of its sub-units");
        auto above = find(*at);
        if (above == all.end())
            return fail(ErrorCode::NotFound, "unit " + std::to_string(*at) + " not found");
        if (steps > all.size()) break;
        at = above->parentId;
    }
    auto idText = [](std::optional<std::int64_t> value) {
        return value ? std::to_string(*value) : std::string("none");
    };
    if (unit->parentId == parentId) return {};
    return _people.moveUnit(
        id, parentId,
        {audit(actor, "unit.move", "unit", std::to_string(id),
               "parent «" + idText(unit->parentId) + "» -> «" + idText(parentId) + "»")});
}

Status PeopleService::renamePosition(const User& actor, std::int64_t id, std::string nameKk,
                                     std::string nameRu) {
    NUSQA_TRY(authorize(actor, Action::ManagePeople));
    Position position{id, trimmed(nameKk), trimmed(nameRu)};
    NUSQA_TRY(checkName("nameKk", position.nameKk, true));
    NUSQA_TRY(checkName("nameRu", position.nameRu, false));
    Position before;
    for (const Position& existing : NUSQA_TRY(_people.positions()))
        if (existing.id == id) before = existing;
    if (before.id == 0)
        return fail(ErrorCode::NotFound, "position " + std::to_string(id) + " not found");
    return _people.renamePosition(
        position, {audit(actor, "position.rename", "position", std::to_string(id),
                         "«" + before.nameKk + " / " + before.nameRu + "» -> «" + position.nameKk +
                             " / " + position.nameRu + "»")});
}

Result<User> PeopleService::user(const User& actor, std::int64_t id) {
    if (actor.id != id) NUSQA_TRY(authorize(actor, Action::ReadPeople));
    return _people.user(id);
}

Result<std::vector<User>> PeopleService::users(const User& actor, const UserQuery& query) {
    NUSQA_TRY(authorize(actor, Action::ReadPeople));
    return _people.users(query);
}

Result<Distribution> PeopleService::distribution(const User& actor, std::int64_t documentId) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    return _lifecycle.distribution(documentId);
}

Status PeopleService::setDistribution(const User& actor, std::int64_t documentId,
                                      Distribution distribution) {
    NUSQA_TRY(authorize(actor, Action::ManageDistribution));
    std::string details;
    auto normalise = [&](std::vector<std::int64_t>& ids, const char* name) {
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        details += std::string(details.empty() ? "" : "; ") + name + " ";
        std::string list;
        for (std::int64_t id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
        details += list;
    };
    normalise(distribution.unitIds, "units");
    normalise(distribution.positionIds, "positions");
    normalise(distribution.userIds, "users");
    return _lifecycle.setDistribution(
        documentId, distribution,
        {audit(actor, "document.distribution", "document", std::to_string(documentId), details)});
}

Result<std::optional<BootstrapAdmin>> PeopleService::bootstrapAdmin() {
    if (NUSQA_TRY(_people.countUsers()) > 0) return std::optional<BootstrapAdmin>();
    NewUser admin;
    admin.login = "admin";
    admin.fullNameKk = "Әкімші";
    admin.fullNameRu = "Администратор";
    admin.email = "admin@localhost";
    admin.roles = {Role::Admin};
    admin.password = _security.randomHex(12);
    admin.mustChangePassword = true;
    std::string password = admin.password;
    User created = NUSQA_TRY(createUser(commandLineActor(), std::move(admin)));
    return std::optional<BootstrapAdmin>(BootstrapAdmin{std::move(created), std::move(password)});
}

}  // namespace nusqa
