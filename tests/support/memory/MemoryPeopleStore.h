// MemoryPeopleStore: the PeopleStore port over a MemoryDatabase, for tests.
// Keeps the storage contract: units, positions, users (a user's position
// names joined when read), credentials by the hash of their secret, and the
// audit entries of every mutation in the same transaction (the new object's
// id in every entry of a create).
// Thread safety: as MemoryDatabase. The database must outlive the store.
#pragma once

#include "domain/PeopleStore.h"
#include "support/memory/MemoryDatabase.h"

namespace nusqa::test {

class MemoryPeopleStore final : public PeopleStore {
public:
    explicit MemoryPeopleStore(MemoryDatabase& database) : _database(database) {}

    Result<Unit> createUnit(const Unit& unit, const std::vector<NewAuditEntry>& audit) override;
    Result<std::vector<Unit>> units() override;
    Result<Position> createPosition(const Position& position,
                                    const std::vector<NewAuditEntry>& audit) override;
    Result<std::vector<Position>> positions() override;
    Result<User> createUser(const UserRecord& record,
                            const std::vector<NewAuditEntry>& audit) override;
    Result<User> user(std::int64_t id) override;
    Result<User> userByLogin(const std::string& login) override;
    Result<std::vector<User>> users(const UserQuery& query) override;
    Result<std::int64_t> countUsers() override;
    Result<std::string> passwordHash(std::int64_t userId) override;
    Status setPasswordHash(std::int64_t userId, const std::string& hash,
                           const std::vector<NewAuditEntry>& audit,
                           const std::string& keepTokenHash) override;
    Result<User> updateUser(const User& user, const std::vector<NewAuditEntry>& audit) override;
    Status setOneTimePassword(std::int64_t userId, const std::string& hash,
                              const std::vector<NewAuditEntry>& audit) override;
    Status renameUnit(const Unit& unit, const std::vector<NewAuditEntry>& audit) override;
    Status moveUnit(std::int64_t id, std::optional<std::int64_t> parentId,
                    const std::vector<NewAuditEntry>& audit) override;
    Status renamePosition(const Position& position,
                          const std::vector<NewAuditEntry>& audit) override;
    Status saveCredential(const Credential& credential,
                          const std::vector<NewAuditEntry>& audit) override;
    Result<Credential> credential(const std::string& tokenHash) override;
    Status deleteCredential(const std::string& tokenHash,
                            const std::vector<NewAuditEntry>& audit) override;
    Result<std::vector<Credential>> credentialsOf(std::int64_t userId) override;
    Result<int> deleteCredentialsOf(std::int64_t userId, std::optional<CredentialKind> kind,
                                    const std::vector<NewAuditEntry>& audit) override;
    Status touchCredential(const std::string& tokenHash, const std::string& at,
                           const std::string& notBefore) override;

    // The user as read (position names joined), from tables the caller holds.
    static User joined(const MemoryTables& tables, const MemoryUser& row);

private:
    MemoryDatabase& _database;
};

}  // namespace nusqa::test
