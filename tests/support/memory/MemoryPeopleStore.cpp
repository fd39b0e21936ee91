#include "support/memory/MemoryPeopleStore.h"

#include <algorithm>

namespace nusqa::test {
namespace {

// Every entry of a create names the new object.
std::vector<NewAuditEntry> naming(std::vector<NewAuditEntry> entries, std::int64_t id) {
    for (NewAuditEntry& entry : entries) entry.objectId = std::to_string(id);
    return entries;
}

Error userNotFound(std::int64_t id) {
    return Error{ErrorCode::NotFound, "user " + std::to_string(id) + " not found", {}};
}

}  // namespace

User MemoryPeopleStore::joined(const MemoryTables& tables, const MemoryUser& row) {
    User user = row.user;
    if (user.positionId)
        if (auto position = tables.positions.find(*user.positionId);
            position != tables.positions.end()) {
            user.positionKk = position->second.nameKk;
            user.positionRu = position->second.nameRu;
        }
    return user;
}

Result<Unit> MemoryPeopleStore::createUnit(const Unit& unit,
                                           const std::vector<NewAuditEntry>& audit) {
    Unit created = unit;
    NUSQA_TRY(_database.write("insert unit", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("insert unit"));
        if (unit.parentId && !tables.units.contains(*unit.parentId))
            return fail(ErrorCode::NotFound,
                        "parent unit " + std::to_string(*unit.parentId) + " not found");
        created.id = tables.nextId("units");
        tables.units[created.id] = created;
        return appendAudit(_database, tables, naming(audit, created.id));
    }));
    return created;
}

Result<std::vector<Unit>> MemoryPeopleStore::units() {
    std::vector<Unit> found;
    NUSQA_TRY(_database.read("select units", [&](const MemoryTables& tables) -> Status {
        for (const auto& [id, unit] : tables.units) found.push_back(unit);
        return {};
    }));
    return found;
}

Result<Position> MemoryPeopleStore::createPosition(const Position& position,
                                                   const std::vector<NewAuditEntry>& audit) {
    Position created = position;
    NUSQA_TRY(_database.write("insert position", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("insert position"));
        created.id = tables.nextId("positions");
        tables.positions[created.id] = created;
        return appendAudit(_database, tables, naming(audit, created.id));
    }));
    return created;
}

Result<std::vector<Position>> MemoryPeopleStore::positions() {
    std::vector<Position> found;
    NUSQA_TRY(_database.read("select positions", [&](const MemoryTables& tables) -> Status {
        for (const auto& [id, position] : tables.positions) found.push_back(position);
        return {};
    }));
    return found;
}

Result<User> MemoryPeopleStore::createUser(const UserRecord& record,
                                           const std::vector<NewAuditEntry>& audit) {
    User created;
    NUSQA_TRY(_database.write("insert user", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("insert user"));
        const NewUser& input = record.user;
        for (const auto& [id, row] : tables.users)
            if (row.user.login == input.login)
                return fail(ErrorCode::Conflict, "login «" + input.login + "» is taken");
        if ((input.unitId && !tables.units.contains(*input.unitId)) ||
            (input.positionId && !tables.positions.contains(*input.positionId)))
            return fail(ErrorCode::NotFound, "the user's unit or position does not exist");
        MemoryUser row;
        row.user.id = tables.nextId("users");
        row.user.login = input.login;
        row.user.fullNameKk = input.fullNameKk;
        row.user.fullNameRu = input.fullNameRu;
        row.user.email = input.email;
        row.user.language = input.language;
        row.user.positionId = input.positionId;
        row.user.unitId = input.unitId;
        row.user.roles = input.roles;
        row.user.active = true;
        row.user.mustChangePassword = input.mustChangePassword;
        row.user.createdAt = record.createdAt;
        row.passwordHash = record.passwordHash;
        tables.users[row.user.id] = row;
        created = joined(tables, row);
        return appendAudit(_database, tables, naming(audit, created.id));
    }));
    return created;
}

Result<User> MemoryPeopleStore::user(std::int64_t id) {
    User found;
    NUSQA_TRY(_database.read("select user", [&](const MemoryTables& tables) -> Status {
        auto row = tables.users.find(id);
        if (row == tables.users.end()) return std::unexpected(userNotFound(id));
        found = joined(tables, row->second);
        return {};
    }));
    return found;
}

Result<User> MemoryPeopleStore::userByLogin(const std::string& login) {
    User found;
    NUSQA_TRY(_database.read("select user by login", [&](const MemoryTables& tables) -> Status {
        for (const auto& [id, row] : tables.users)
            if (row.user.login == login) {
                found = joined(tables, row);
                return {};
            }
        return fail(ErrorCode::NotFound, "user «" + login + "» not found");
    }));
    return found;
}

Result<std::vector<User>> MemoryPeopleStore::users(const UserQuery& query) {
    std::vector<User> found;
    NUSQA_TRY(_database.read("select users", [&](const MemoryTables& tables) -> Status {
        for (const auto& [id, row] : tables.users) {
            const User& user = row.user;
            if (!query.unitIds.empty() &&
                (!user.unitId || std::find(query.unitIds.begin(), query.unitIds.end(),
                                           *user.unitId) == query.unitIds.end()))
                continue;
            if (query.activeOnly && !user.active) continue;
            if (query.role && !user.hasRole(*query.role)) continue;
            found.push_back(joined(tables, row));
        }
        return {};
    }));
    return found;
}

Result<std::int64_t> MemoryPeopleStore::countUsers() {
    std::int64_t count = 0;
    NUSQA_TRY(_database.read("count users", [&](const MemoryTables& tables) -> Status {
        count = static_cast<std::int64_t>(tables.users.size());
        return {};
    }));
    return count;
}

Result<std::string> MemoryPeopleStore::passwordHash(std::int64_t userId) {
    std::string hash;
    NUSQA_TRY(_database.read("select password hash", [&](const MemoryTables& tables) -> Status {
        auto row = tables.users.find(userId);
        if (row == tables.users.end()) return std::unexpected(userNotFound(userId));
        hash = row->second.passwordHash;
        return {};
    }));
    return hash;
}

Status MemoryPeopleStore::setPasswordHash(std::int64_t userId, const std::string& hash,
                                          const std::vector<NewAuditEntry>& audit,
                                          const std::string& keepTokenHash) {
    return _database.write("update password hash", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("update password hash"));
        auto row = tables.users.find(userId);
        if (row == tables.users.end()) return std::unexpected(userNotFound(userId));
        row->second.passwordHash = hash;
        row->second.user.mustChangePassword = false;
        std::erase_if(tables.credentials, [&](const auto& credential) {
            return credential.second.userId == userId && credential.first != keepTokenHash;
        });
        return appendAudit(_database, tables, audit);
    });
}

Result<User> MemoryPeopleStore::updateUser(const User& user,
                                           const std::vector<NewAuditEntry>& audit) {
    NUSQA_TRY(_database.write("update user", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("update user"));
        auto row = tables.users.find(user.id);
        if (row == tables.users.end()) return std::unexpected(userNotFound(user.id));
        if ((user.unitId && !tables.units.contains(*user.unitId)) ||
            (user.positionId && !tables.positions.contains(*user.positionId)))
            return fail(ErrorCode::NotFound, "the user's unit or position does not exist");
        User& stored = row->second.user;
        stored.fullNameKk = user.fullNameKk;
        stored.fullNameRu = user.fullNameRu;
        stored.email = user.email;
        stored.language = user.language;
        stored.positionId = user.positionId;
        stored.unitId = user.unitId;
        stored.roles = user.roles;
        stored.active = user.active;
        if (!user.active)
            std::erase_if(tables.credentials, [&](const auto& credential) {
                return credential.second.userId == user.id;
            });
        return appendAudit(_database, tables, audit);
    }));
    return this->user(user.id);
}

Status MemoryPeopleStore::setOneTimePassword(std::int64_t userId, const std::string& hash,
                                             const std::vector<NewAuditEntry>& audit) {
    return _database.write("reset password", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("reset password"));
        auto row = tables.users.find(userId);
        if (row == tables.users.end()) return std::unexpected(userNotFound(userId));
        row->second.passwordHash = hash;
        row->second.user.mustChangePassword = true;
        std::erase_if(tables.credentials,
                      [&](const auto& credential) { return credential.second.userId == userId; });
        return appendAudit(_database, tables, audit);
    });
}

Status MemoryPeopleStore::renameUnit(const Unit& unit, const std::vector<NewAuditEntry>& audit) {
    return _database.write("rename unit", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("rename unit"));
        auto row = tables.units.find(unit.id);
        if (row == tables.units.end())
            return fail(ErrorCode::NotFound, "unit " + std::to_string(unit.id) + " not found");
        row->second.nameKk = unit.nameKk;
        row->second.nameRu = unit.nameRu;
        return appendAudit(_database, tables, audit);
    });
}

Status MemoryPeopleStore::moveUnit(std::int64_t id, std::optional<std::int64_t> parentId,
                                   const std::vector<NewAuditEntry>& audit) {
    return _database.write("move unit", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("move unit"));
        auto row = tables.units.find(id);
        if (row == tables.units.end())
            return fail(ErrorCode::NotFound, "unit " + std::to_string(id) + " not found");
        if (parentId && !tables.units.contains(*parentId))
            return fail(ErrorCode::NotFound, "unit " + std::to_string(*parentId) + " not found");
        row->second.parentId = parentId;
        return appendAudit(_database, tables, audit);
    });
}

Status MemoryPeopleStore::renamePosition(const Position& position,
                                         const std::vector<NewAuditEntry>& audit) {
    return _database.write("rename position", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("rename position"));
        auto row = tables.positions.find(position.id);
        if (row == tables.positions.end())
            return fail(ErrorCode::NotFound,
                        "position " + std::to_string(position.id) + " not found");
        row->second.nameKk = position.nameKk;
        row->second.nameRu = position.nameRu;
        return appendAudit(_database, tables, audit);
    });
}

Status MemoryPeopleStore::saveCredential(const Credential& credential,
                                         const std::vector<NewAuditEntry>& audit) {
    return _database.write("insert credential", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("insert credential"));
        if (tables.credentials.contains(credential.tokenHash))
            return fail(ErrorCode::Conflict, "the credential exists");
        if (!tables.users.contains(credential.userId))
            return std::unexpected(userNotFound(credential.userId));
        tables.credentials[credential.tokenHash] = credential;
        return appendAudit(_database, tables, audit);
    });
}

Result<Credential> MemoryPeopleStore::credential(const std::string& tokenHash) {
    Credential found;
    NUSQA_TRY(_database.read("select credential", [&](const MemoryTables& tables) -> Status {
        auto row = tables.credentials.find(tokenHash);
        if (row == tables.credentials.end()) return fail(ErrorCode::NotFound, "no such credential");
        found = row->second;
        return {};
    }));
    return found;
}

Status MemoryPeopleStore::deleteCredential(const std::string& tokenHash,
                                           const std::vector<NewAuditEntry>& audit) {
    return _database.write("delete credential", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("delete credential"));
        tables.credentials.erase(tokenHash);
        return appendAudit(_database, tables, audit);
    });
}

Result<std::vector<Credential>> MemoryPeopleStore::credentialsOf(std::int64_t userId) {
    std::vector<Credential> found;
    NUSQA_TRY(_database.read("select credentials", [&](const MemoryTables& tables) -> Status {
        found.clear();
        for (const auto& [hash, credential] : tables.credentials)
            if (credential.userId == userId) found.push_back(credential);
        std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
            return std::pair(a.createdAt, a.tokenHash) < std::pair(b.createdAt, b.tokenHash);
        });
        return {};
    }));
    return found;
}

Result<int> MemoryPeopleStore::deleteCredentialsOf(std::int64_t userId,
                                                   std::optional<CredentialKind> kind,
                                                   const std::vector<NewAuditEntry>& audit) {
    int removed = 0;
    NUSQA_TRY(_database.write("delete credentials", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("delete credentials"));
        removed = static_cast<int>(std::erase_if(tables.credentials, [&](const auto& row) {
            return row.second.userId == userId && (!kind || row.second.kind == *kind);
        }));
        return appendAudit(_database, tables, audit);
    }));
    return removed;
}

Status MemoryPeopleStore::touchCredential(const std::string& tokenHash, const std::string& at,
                                          const std::string& notBefore) {
    return _database.write("touch credential", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("touch credential"));
        auto row = tables.credentials.find(tokenHash);
        if (row != tables.credentials.end() && row->second.lastUsedAt < notBefore)
            row->second.lastUsedAt = at;
        return {};
    });
}

}  // namespace nusqa::test
