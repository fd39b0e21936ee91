// PeopleService: units, positions, users and distribution lists, with the
// checks that do not depend on storage (field lengths, login form, e-mail,
// roles, password strength) and the audit entries of each act.
//
// actor: who asks; every call authorizes them against the Authorization
// table (ManagePeople, ReadPeople, ManageDistribution) first. The command
// line acts as commandLineActor().
// Thread safety: as thread-safe as its ports. Does not own them.
// Errors: Forbidden; InvalidArgument naming the field; Conflict for a taken
// login; NotFound for a missing unit, position or document.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/Authorization.h"
#include "domain/Clock.h"
#include "domain/LifecycleStore.h"
#include "domain/PasswordHasher.h"
#include "domain/PeopleStore.h"
#include "domain/SecurityFunctions.h"

namespace nusqa {

// The first start: the admin account and its one-time password.
struct BootstrapAdmin {
    User user;
    std::string password;  // print once, never log
};

// PATCH /api/v1/users/{id}: the fields to change (nullopt: unchanged).
struct UserChanges {
    std::optional<std::string> fullNameKk, fullNameRu, email;
    std::optional<Language> language;
    std::optional<std::optional<std::int64_t>> positionId, unitId;  // inner nullopt: none
    std::optional<std::vector<Role>> roles;
    std::optional<bool> active;
};

// GET /api/v1/people: who may be named on an agreement route, for the
// people who build routes (they cannot list users). text: words that must
// all occur, case-folded, in a name or the position; empty: everyone.
struct DirectoryQuery {
    std::string text;
    int limit = 20;  // 1..kMaxDirectoryPage
};

inline constexpr int kMaxDirectoryPage = 50;
inline constexpr std::size_t kMaxDirectoryQueryBytes = 200;

// A person in the directory: no login, no roles, no e-mail.
struct DirectoryEntry {
    std::int64_t id = 0;
    std::string fullNameKk, fullNameRu;
    std::string positionKk, positionRu;
    std::optional<std::int64_t> unitId;
    std::string unitKk, unitRu;
};

struct DirectoryPage {
    std::vector<DirectoryEntry> items;  // by name (Kazakh, else Russian)
    bool more = false;                  // more people matched than the limit
};

class PeopleService {
public:
    PeopleService(PeopleStore& people, LifecycleStore& lifecycle, const PasswordHasher& hasher,
                  const Clock& clock, SecurityFunctions security);

    Result<Unit> createUnit(const User& actor, Unit unit);
    Result<std::vector<Unit>> units(const User& actor);
    Result<Position> createPosition(const User& actor, Position position);
    Result<std::vector<Position>> positions(const User& actor);

    // An account created by another person's account (an admin through the
    // API) gets a one-time password: its holder must change it first.
    Result<User> createUser(const User& actor, NewUser user);
    // Changes a user (ManagePeople), audited as user.update with each
    // field's before and after. A deactivated user cannot log in and gets
    // no new assignments, and stays in every record. InvalidArgument as
    // createUser, or when admins would deactivate themselves or drop their
    // own admin role; NotFound.
    Result<User> updateUser(const User& actor, std::int64_t id, UserChanges changes);
    // Sets a password the user must change at the next login (ManagePeople).
    Status resetPassword(const User& actor, std::int64_t id, const std::string& password);
    Status renameUnit(const User& actor, std::int64_t id, std::string nameKk, std::string nameRu);
    // Puts a unit under another (nullopt: top level), ManagePeople; audited
    // as unit.move with the parent before and after. InvalidArgument when
    // the unit would end under itself or one of its own sub-units; NotFound.
    Status moveUnit(const User& actor, std::int64_t id, std::optional<std::int64_t> parentId);
    Status renamePosition(const User& actor, std::int64_t id, std::string nameKk,
                          std::string nameRu);
    Result<User> user(const User& actor, std::int64_t id);
    Result<std::vector<User>> users(const User& actor, const UserQuery& query);
    // The active approvers matching the query (SendForAgreement: the quality
    // office and authors). InvalidArgument for a limit outside 1..50 or a
    // text longer than 200 bytes.
    Result<DirectoryPage> directory(const User& actor, const DirectoryQuery& query);

    Result<Distribution> distribution(const User& actor, std::int64_t documentId);
    // Units (with their sub-units), positions and named people.
    Status setDistribution(const User& actor, std::int64_t documentId, Distribution distribution);

    // When the store has no user yet: creates "admin" (role admin) with a
    // random one-time password and returns it; nullopt otherwise.
    Result<std::optional<BootstrapAdmin>> bootstrapAdmin();

    // The actor of `nusqa admin ...` commands: an admin that is no account.
    static User commandLineActor();

private:
    NewAuditEntry audit(const User& actor, const std::string& action, const std::string& type,
                        const std::string& id, const std::string& details = {}) const;

    PeopleStore& _people;
    LifecycleStore& _lifecycle;
    const PasswordHasher& _hasher;
    const Clock& _clock;
    SecurityFunctions _security;
};

}  // namespace nusqa
