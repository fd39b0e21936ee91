// PeopleStore: the persistence port for units, positions, users and their
// credentials (sessions and API tokens, by the SHA-256 of the secret).
// Mutations take the audit entries that record them and append them in the
// same transaction.
//
// Thread safety: every method may be called concurrently.
// Errors: NotFound for a missing id or login (and for a user's unit or
// position that does not exist); Conflict when a login is taken;
// Unavailable/Internal from the backend.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/AuditLog.h"
#include "domain/Error.h"
#include "domain/People.h"

namespace nusqa {

struct UserQuery {
    std::vector<std::int64_t> unitIds;  // empty: every unit
    std::optional<Role> role;
    bool activeOnly = false;
};

class PeopleStore {
public:
    virtual ~PeopleStore() = default;

    virtual Result<Unit> createUnit(const Unit& unit, const std::vector<NewAuditEntry>& audit) = 0;
    virtual Result<std::vector<Unit>> units() = 0;
    virtual Result<Position> createPosition(const Position& position,
                                            const std::vector<NewAuditEntry>& audit) = 0;
    virtual Result<std::vector<Position>> positions() = 0;

    virtual Result<User> createUser(const UserRecord& record,
                                    const std::vector<NewAuditEntry>& audit) = 0;
    virtual Result<User> user(std::int64_t id) = 0;
    virtual Result<User> userByLogin(const std::string& login) = 0;
    // Users ordered by id.
    virtual Result<std::vector<User>> users(const UserQuery& query) = 0;
    virtual Result<std::int64_t> countUsers() = 0;
    virtual Result<std::string> passwordHash(std::int64_t userId) = 0;
    // Also clears mustChangePassword, and deletes in the same transaction
    // every session and API token of the user except the one whose hash is
    // keepTokenHash (the session that changed it; empty: none is kept).
    virtual Status setPasswordHash(std::int64_t userId, const std::string& hash,
                                   const std::vector<NewAuditEntry>& audit,
                                   const std::string& keepTokenHash) = 0;

    // Replaces the editable fields of a user — names, e-mail, language,
    // position, unit, roles, active — with those of `user` (the login, the
    // creation time and the password stay) and returns the user as stored.
    // Deactivating a user deletes every session and API token of the user
    // in the same transaction. NotFound for a missing user, unit or position.
    virtual Result<User> updateUser(const User& user, const std::vector<NewAuditEntry>& audit) = 0;
    // Sets a password the user must change at the next login (an admin's
    // reset), deleting every session and API token of the user in the same
    // transaction. NotFound for a missing user.
    virtual Status setOneTimePassword(std::int64_t userId, const std::string& hash,
                                      const std::vector<NewAuditEntry>& audit) = 0;
    // Rename (nameKk, nameRu; a unit's parent stays). NotFound for a missing one.
    virtual Status renameUnit(const Unit& unit, const std::vector<NewAuditEntry>& audit) = 0;
    // Puts a unit under another (nullopt: top level). NotFound for a missing
    // unit or parent; the caller checks that no unit ends under itself.
    virtual Status moveUnit(std::int64_t id, std::optional<std::int64_t> parentId,
                            const std::vector<NewAuditEntry>& audit) = 0;
    virtual Status renamePosition(const Position& position,
                                  const std::vector<NewAuditEntry>& audit) = 0;

    virtual Status saveCredential(const Credential& credential,
                                  const std::vector<NewAuditEntry>& audit) = 0;
    virtual Result<Credential> credential(const std::string& tokenHash) = 0;
    // The credential and its user as of one moment: what authenticates every
    // request, so a store reads both in one read transaction. NotFound when
    // either is missing. This default reads them one after the other.
    struct CredentialOwner {
        Credential credential;
        User user;
    };
    virtual Result<CredentialOwner> credentialWithUser(const std::string& tokenHash) {
        Credential found = NUSQA_TRY(credential(tokenHash));
        User owner = NUSQA_TRY(user(found.userId));
        return CredentialOwner{std::move(found), std::move(owner)};
    }
    virtual Status deleteCredential(const std::string& tokenHash,
                                    const std::vector<NewAuditEntry>& audit) = 0;
    // The sessions and API tokens of a user, oldest first.
    virtual Result<std::vector<Credential>> credentialsOf(std::int64_t userId) = 0;
    // Deletes every credential of the user of the kind (nullopt: both);
    // returns how many went.
    virtual Result<int> deleteCredentialsOf(std::int64_t userId, std::optional<CredentialKind> kind,
                                            const std::vector<NewAuditEntry>& audit) = 0;
    // Records that the credential was used at `at`, unless it was after
    // notBefore already (so a busy token is written at most once a minute).
    virtual Status touchCredential(const std::string& tokenHash, const std::string& at,
                                   const std::string& notBefore) = 0;
};

}  // namespace nusqa
