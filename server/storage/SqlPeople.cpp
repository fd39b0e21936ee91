// SqlRecordStore: units, positions, users, credentials.
#include <algorithm>
#include <string>

#include "storage/detail/SqlRecordStore.h"
#include "storage/detail/StoreSupport.h"

namespace nusqa::storage {
namespace {

// The columns userFromRow and credentialFromRow read, over the aliases `u`
// (with `p`, the user's position, left-joined) and `c`.
constexpr const char* kUserColumns =
    "u.id, u.login, u.full_name_kk, u.full_name_ru, u.email, u.language, u.position_id,"
    " u.unit_id, u.roles, u.active, u.created_at, COALESCE(p.name_kk, ''),"
    " COALESCE(p.name_ru, ''), u.must_change_password";
constexpr const char* kUserFrom =
    " FROM users AS u LEFT JOIN positions AS p ON p.id = u.position_id";
constexpr const char* kCredentialColumns =
    "c.token_hash, c.user_id, c.kind, c.name, c.created_at, c.expires_at, c.last_used_at";

const std::string kUserSelect = std::string("SELECT ") + kUserColumns + kUserFrom;
const std::string kCredentialSelect =
    std::string("SELECT ") + kCredentialColumns + " FROM credentials AS c";

constexpr int kCredentialColumnCount = 7;

Credential credentialFromRow(const SqlStatement& row) {
    Credential credential{
        row.text(0),
        row.integer(1),
        row.text(2) == "session" ? CredentialKind::Session : CredentialKind::ApiToken,
        row.text(3),
        row.text(4),
        row.text(5),
        row.text(6)};
    return credential;
}

// The credential of a token's hash; NotFound when there is none.
Result<Credential> selectCredential(SqlSession& session, const std::string& tokenHash) {
    auto row = NUSQA_TRY(session.prepare(kCredentialSelect + " WHERE c.token_hash = ?"));
    row->bind(tokenHash);
    if (!NUSQA_TRY(row->next())) return fail(ErrorCode::NotFound, "no such credential");
    return credentialFromRow(*row);
}

std::optional<std::int64_t> optionalId(const SqlStatement& row, int column) {
    if (row.isNull(column)) return std::nullopt;
    return row.integer(column);
}

// The user in the columns of kUserSelect, from column `first` on.
Result<User> userFromRow(const SqlStatement& row, int first = 0) {
    User user;
    user.id = row.integer(first + 0);
    user.login = row.text(first + 1);
    user.fullNameKk = row.text(first + 2);
    user.fullNameRu = row.text(first + 3);
    user.email = row.text(first + 4);
    user.language = NUSQA_TRY(storedLanguage(row.text(first + 5)));
    user.positionId = optionalId(row, first + 6);
    user.unitId = optionalId(row, first + 7);
    std::string roleNames = row.text(first + 8);
    auto roles = parseRoles(roleNames);
    if (!roles) return fail(ErrorCode::Internal, "unknown role in '" + roleNames + "'");
    user.roles = *roles;
    user.active = row.integer(first + 9) != 0;
    user.createdAt = row.text(first + 10);
    user.positionKk = row.text(first + 11);
    user.positionRu = row.text(first + 12);
    user.mustChangePassword = row.integer(first + 13) != 0;
    return user;
}

Result<User> selectUser(SqlSession& session, const std::string& where, std::int64_t id,
                        const std::string& login) {
    auto row = NUSQA_TRY(session.prepare(kUserSelect + where));
    if (login.empty())
        row->bind(id);
    else
        row->bind(login);
    if (!NUSQA_TRY(row->next()))
        return fail(ErrorCode::NotFound, login.empty() ? "user " + std::to_string(id) + " not found"
                                                       : "user «" + login + "» not found");
    return userFromRow(*row);
}

}  // namespace

Result<Unit> SqlRecordStore::createUnit(const Unit& unit, const std::vector<NewAuditEntry>& audit) {
    Unit created = unit;
    NUSQA_TRY(run("insert unit", Access::Write, [&](SqlSession& session) -> Status {
        auto insert = NUSQA_TRY(
            session.prepare("INSERT INTO units (name_kk, name_ru, parent_id) VALUES (?, ?, ?)"));
        insert->bind(unit.nameKk).bind(unit.nameRu).bind(unit.parentId);
        NUSQA_TRY(insert->execute());
        created.id = NUSQA_TRY(session.lastInsertId());
        std::vector<NewAuditEntry> entries = audit;
        for (NewAuditEntry& entry : entries) entry.objectId = std::to_string(created.id);
        return appendAuditEntries(session, entries);
    }));
    return created;
}

Result<std::vector<Unit>> SqlRecordStore::units() {
    std::vector<Unit> found;
    NUSQA_TRY(run("select units", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        auto rows = NUSQA_TRY(
            session.prepare("SELECT id, name_kk, name_ru, parent_id FROM units ORDER BY id"));
        while (NUSQA_TRY(rows->next()))
            found.push_back(
                Unit{rows->integer(0), rows->text(1), rows->text(2), optionalId(*rows, 3)});
        return {};
    }));
    return found;
}

Result<Position> SqlRecordStore::createPosition(const Position& position,
                                                const std::vector<NewAuditEntry>& audit) {
    Position created = position;
    NUSQA_TRY(run("insert position", Access::Write, [&](SqlSession& session) -> Status {
        auto insert =
            NUSQA_TRY(session.prepare("INSERT INTO positions (name_kk, name_ru) VALUES (?, ?)"));
        insert->bind(position.nameKk).bind(position.nameRu);
        NUSQA_TRY(insert->execute());
        created.id = NUSQA_TRY(session.lastInsertId());
        std::vector<NewAuditEntry> entries = audit;
        for (NewAuditEntry& entry : entries) entry.objectId = std::to_string(created.id);
        return appendAuditEntries(session, entries);
    }));
    return created;
}

Result<std::vector<Position>> SqlRecordStore::positions() {
    std::vector<Position> found;
    NUSQA_TRY(run("select positions", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        auto rows =
            NUSQA_TRY(session.prepare("SELECT id, name_kk, name_ru FROM positions ORDER BY id"));
        while (NUSQA_TRY(rows->next()))
            found.push_back(Position{rows->integer(0), rows->text(1), rows->text(2)});
        return {};
    }));
    return found;
}

Result<User> SqlRecordStore::createUser(const UserRecord& record,
                                        const std::vector<NewAuditEntry>& audit) {
    User created;
    NUSQA_TRY(run("insert user", Access::Write, [&](SqlSession& session) -> Status {
        const NewUser& user = record.user;
        auto insert = NUSQA_TRY(session.prepare(
            "INSERT INTO users (login, full_name_kk, full_name_ru, email, language, position_id,"
            " unit_id, roles, password_hash, active, must_change_password, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"));
        insert->bind(user.login).bind(user.fullNameKk).bind(user.fullNameRu).bind(user.email);
        insert->bind(toString(user.language)).bind(user.positionId).bind(user.unitId);
        insert->bind(joinRoles(user.roles)).bind(record.passwordHash);
        insert->bind(user.mustChangePassword ? 1 : 0).bind(record.createdAt);
        if (auto inserted = insert->execute(); !inserted) {
            Error error = inserted.error();
            if (error.code == ErrorCode::Conflict)
                error.message = "login «" + user.login + "» is taken";
            if (error.code == ErrorCode::NotFound)
                error.message = "the user's unit or position does not exist";
            return std::unexpected(std::move(error));
        }
        std::int64_t id = NUSQA_TRY(session.lastInsertId());
        created = NUSQA_TRY(selectUser(session, " WHERE u.id = ?", id, ""));
        std::vector<NewAuditEntry> entries = audit;
        for (NewAuditEntry& entry : entries) entry.objectId = std::to_string(id);
        return appendAuditEntries(session, entries);
    }));
    return created;
}

Result<User> SqlRecordStore::user(std::int64_t id) {
    User found;
    NUSQA_TRY(run("select user", Access::Read, [&](SqlSession& session) -> Status {
        found = NUSQA_TRY(selectUser(session, " WHERE u.id = ?", id, ""));
        return {};
    }));
    return found;
}

Result<User> SqlRecordStore::userByLogin(const std::string& login) {
    User found;
    NUSQA_TRY(run("select user by login", Access::Read, [&](SqlSession& session) -> Status {
        found =
            NUSQA_TRY(selectUser(session, " WHERE u.login = ?", 0, login.empty() ? " " : login));
        return {};
    }));
    return found;
}

Result<std::vector<User>> SqlRecordStore::users(const UserQuery& query) {
    std::vector<User> found;
    NUSQA_TRY(run("select users", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        std::string where;
        if (!query.unitIds.empty()) {
            where = " WHERE u.unit_id IN (";
            for (std::size_t i = 0; i < query.unitIds.size(); ++i) where += i ? ", ?" : "?";
            where += ")";
        }
        if (query.activeOnly) where += where.empty() ? " WHERE u.active = 1" : " AND u.active = 1";
        auto rows = NUSQA_TRY(session.prepare(kUserSelect + where + " ORDER BY u.id"));
        for (std::int64_t unit : query.unitIds) rows->bind(unit);
        while (NUSQA_TRY(rows->next())) {
            User user = NUSQA_TRY(userFromRow(*rows));
            // Roles are a short list in one column: filtered here, not in SQL.
            if (!query.role || user.hasRole(*query.role)) found.push_back(std::move(user));
        }
        return {};
    }));
    return found;
}

Result<std::int64_t> SqlRecordStore::countUsers() {
    std::int64_t count = 0;
    NUSQA_TRY(run("count users", Access::Read, [&](SqlSession& session) -> Status {
        auto row = NUSQA_TRY(session.prepare("SELECT COUNT(*) FROM users"));
        NUSQA_TRY(row->next());
        count = row->integer(0);
        return {};
    }));
    return count;
}

Result<std::string> SqlRecordStore::passwordHash(std::int64_t userId) {
    std::string hash;
    NUSQA_TRY(run("select password hash", Access::Read, [&](SqlSession& session) -> Status {
        auto row = NUSQA_TRY(session.prepare("SELECT password_hash FROM users WHERE id = ?"));
        row->bind(userId);
        if (!NUSQA_TRY(row->next()))
            return fail(ErrorCode::NotFound, "user " + std::to_string(userId) + " not found");
        hash = row->text(0);
        return {};
    }));
    return hash;
}

Status SqlRecordStore::setPasswordHash(std::int64_t userId, const std::string& hash,
                                       const std::vector<NewAuditEntry>& audit,
                                       const std::string& keepTokenHash) {
    return run("update password hash", Access::Write, [&](SqlSession& session) -> Status {
        auto update = NUSQA_TRY(session.prepare(
            "UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?"));
        update->bind(hash).bind(userId);
        if (NUSQA_TRY(update->execute()) == 0)
            return fail(ErrorCode::NotFound, "user " + std::to_string(userId) + " not found");
        NUSQA_TRY(executeSql(session,
                             "DELETE FROM credentials WHERE user_id = ? AND token_hash <> ?",
                             [&](SqlStatement& s) { s.bind(userId).bind(keepTokenHash); }));
        return appendAuditEntries(session, audit);
    });
}

Result<User> SqlRecordStore::updateUser(const User& user, const std::vector<NewAuditEntry>& audit) {
    User updated;
    NUSQA_TRY(run("update user", Access::Write, [&](SqlSession& session) -> Status {
        // Read first: MySQL counts only rows whose values changed.
        NUSQA_TRY(selectUser(session, " WHERE u.id = ?", user.id, ""));
        auto update = NUSQA_TRY(session.prepare(
            "UPDATE users SET full_name_kk = ?, full_name_ru = ?, email = ?, language = ?,"
            " position_id = ?, unit_id = ?, roles = ?, active = ? WHERE id = ?"));
        update->bind(user.fullNameKk).bind(user.fullNameRu).bind(user.email);
        update->bind(toString(user.language)).bind(user.positionId).bind(user.unitId);
        update->bind(joinRoles(user.roles)).bind(user.active ? 1 : 0).bind(user.id);
        if (auto done = update->execute(); !done) {
            Error error = done.error();
            if (error.code == ErrorCode::NotFound)
                error.message = "the user's unit or position does not exist";
            return std::unexpected(std::move(error));
        }
        updated = NUSQA_TRY(selectUser(session, " WHERE u.id = ?", user.id, ""));
        // A deactivated account keeps no session or token.
        if (!user.active)
            NUSQA_TRY(executeSql(session, "DELETE FROM credentials WHERE user_id = ?",
                                 [&](SqlStatement& s) { s.bind(user.id); }));
        return appendAuditEntries(session, audit);
    }));
    return updated;
}

Status SqlRecordStore::setOneTimePassword(std::int64_t userId, const std::string& hash,
                                          const std::vector<NewAuditEntry>& audit) {
    return run("reset password", Access::Write, [&](SqlSession& session) -> Status {
        NUSQA_TRY(selectUser(session, " WHERE u.id = ?", userId, ""));
        NUSQA_TRY(executeSql(
            session, "UPDATE users SET password_hash = ?, must_change_password = 1 WHERE id = ?",
            [&](SqlStatement& s) { s.bind(hash).bind(userId); }));
        NUSQA_TRY(executeSql(session, "DELETE FROM credentials WHERE user_id = ?",
                             [&](SqlStatement& s) { s.bind(userId); }));
        return appendAuditEntries(session, audit);
    });
}

Status SqlRecordStore::renameUnit(const Unit& unit, const std::vector<NewAuditEntry>& audit) {
    return run("rename unit", Access::Write, [&](SqlSession& session) -> Status {
        auto exists = NUSQA_TRY(session.prepare("SELECT 1 FROM units WHERE id = ?"));
        exists->bind(unit.id);
        if (!NUSQA_TRY(exists->next()))
            return fail(ErrorCode::NotFound, "unit " + std::to_string(unit.id) + " not found");
        exists.reset();
        NUSQA_TRY(executeSql(
            session, "UPDATE units SET name_kk = ?, name_ru = ? WHERE id = ?",
            [&](SqlStatement& s) { s.bind(unit.nameKk).bind(unit.nameRu).bind(unit.id); }));
        return appendAuditEntries(session, audit);
    });
}

Status SqlRecordStore::moveUnit(std::int64_t id, std::optional<std::int64_t> parentId,
                                const std::vector<NewAuditEntry>& audit) {
    return run("move unit", Access::Write, [&](SqlSession& session) -> Status {
        std::vector<std::int64_t> ids{id};
        if (parentId) ids.push_back(*parentId);
        for (std::int64_t wanted : ids) {
            auto exists = NUSQA_TRY(session.prepare("SELECT 1 FROM units WHERE id = ?"));
            exists->bind(wanted);
            if (!NUSQA_TRY(exists->next()))
                return fail(ErrorCode::NotFound, "unit " + std::to_string(wanted) + " not found");
        }
        NUSQA_TRY(executeSql(session, "UPDATE units SET parent_id = ? WHERE id = ?",
                             [&](SqlStatement& s) { s.bind(parentId).bind(id); }));
        return appendAuditEntries(session, audit);
    });
}

Status SqlRecordStore::renamePosition(const Position& position,
                                      const std::vector<NewAuditEntry>& audit) {
    return run("rename position", Access::Write, [&](SqlSession& session) -> Status {
        auto exists = NUSQA_TRY(session.prepare("SELECT 1 FROM positions WHERE id = ?"));
        exists->bind(position.id);
        if (!NUSQA_TRY(exists->next()))
            return fail(ErrorCode::NotFound,
                        "position " + std::to_string(position.id) + " not found");
        exists.reset();
        NUSQA_TRY(executeSql(session, "UPDATE positions SET name_kk = ?, name_ru = ? WHERE id = ?",
                             [&](SqlStatement& s) {
                                 s.bind(position.nameKk).bind(position.nameRu).bind(position.id);
                             }));
        return appendAuditEntries(session, audit);
    });
}

Status SqlRecordStore::saveCredential(const Credential& credential,
                                      const std::vector<NewAuditEntry>& audit) {
    return run("insert credential", Access::Write, [&](SqlSession& session) -> Status {
        auto insert = NUSQA_TRY(session.prepare(
            "INSERT INTO credentials (token_hash, user_id, kind, name, created_at, expires_at,"
            " last_used_at) VALUES (?, ?, ?, ?, ?, ?, '')"));
        insert->bind(credential.tokenHash).bind(credential.userId);
        insert->bind(credential.kind == CredentialKind::Session ? "session" : "api_token");
        insert->bind(credential.name).bind(credential.createdAt).bind(credential.expiresAt);
        NUSQA_TRY(insert->execute());
        return appendAuditEntries(session, audit);
    });
}

Result<Credential> SqlRecordStore::credential(const std::string& tokenHash) {
    Credential found;
    NUSQA_TRY(run("select credential", Access::Read, [&](SqlSession& session) -> Status {
        found = NUSQA_TRY(selectCredential(session, tokenHash));
        return {};
    }));
    return found;
}

Result<PeopleStore::CredentialOwner> SqlRecordStore::credentialWithUser(
    const std::string& tokenHash) {
    // What every authenticated request reads: one statement (a join, so one
    // snapshot without a transaction of its own), its text built once.
    static const std::string kSql = std::string("SELECT ") + kCredentialColumns + ", " +
                                    kUserColumns +
                                    " FROM credentials AS c JOIN users AS u ON u.id = c.user_id"
                                    " LEFT JOIN positions AS p ON p.id = u.position_id"
                                    " WHERE c.token_hash = ?";
    CredentialOwner found;
    NUSQA_TRY(
        run("select credential and user", Access::SingleRead, [&](SqlSession& session) -> Status {
            auto row = NUSQA_TRY(session.prepare(kSql));
            row->bind(tokenHash);
            if (!NUSQA_TRY(row->next())) return fail(ErrorCode::NotFound, "no such credential");
            found.credential = credentialFromRow(*row);
            found.user = NUSQA_TRY(userFromRow(*row, kCredentialColumnCount));
            return {};
        }));
    return found;
}

Result<std::vector<Credential>> SqlRecordStore::credentialsOf(std::int64_t userId) {
    std::vector<Credential> found;
    NUSQA_TRY(run("select credentials", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        auto rows = NUSQA_TRY(session.prepare(
            kCredentialSelect + " WHERE c.user_id = ? ORDER BY c.created_at, c.token_hash"));
        rows->bind(userId);
        while (NUSQA_TRY(rows->next())) found.push_back(credentialFromRow(*rows));
        return {};
    }));
    return found;
}

Result<int> SqlRecordStore::deleteCredentialsOf(std::int64_t userId,
                                                std::optional<CredentialKind> kind,
                                                const std::vector<NewAuditEntry>& audit) {
    std::int64_t removed = 0;
    NUSQA_TRY(run("delete credentials", Access::Write, [&](SqlSession& session) -> Status {
        NUSQA_TRY(executeSql(
            session,
            std::string("DELETE FROM credentials WHERE user_id = ?") +
                (kind ? " AND kind = ?" : ""),
            [&](SqlStatement& s) {
                s.bind(userId);
                if (kind) s.bind(*kind == CredentialKind::Session ? "session" : "api_token");
            },
            &removed));
        return appendAuditEntries(session, audit);
    }));
    return static_cast<int>(removed);
}

Status SqlRecordStore::touchCredential(const std::string& tokenHash, const std::string& at,
                                       const std::string& notBefore) {
    return run("touch credential", Access::Write, [&](SqlSession& session) -> Status {
        return executeSql(
            session,
            "UPDATE credentials SET last_used_at = ? WHERE token_hash = ? AND last_used_at < ?",
            [&](SqlStatement& s) { s.bind(at).bind(tokenHash).bind(notBefore); });
    });
}

Status SqlRecordStore::deleteCredential(const std::string& tokenHash,
                                        const std::vector<NewAuditEntry>& audit) {
    return run("delete credential", Access::Write, [&](SqlSession& session) -> Status {
        auto remove = NUSQA_TRY(session.prepare("DELETE FROM credentials WHERE token_hash = ?"));
        remove->bind(tokenHash);
        NUSQA_TRY(remove->execute());
        return appendAuditEntries(session, audit);
    });
}

}  // namespace nusqa::storage
