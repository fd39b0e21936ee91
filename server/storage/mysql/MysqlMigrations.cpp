#include "storage/mysql/MysqlMigrations.h"

#include <cppconn/resultset.h>

#include <array>
#include <memory>
#include <vector>

#include "domain/Types.h"

namespace nusqa::storage {

namespace {

constexpr int kLockTimeoutSeconds = 60;
constexpr std::size_t kMaximumLockNameLength = 64;

struct Migration {
    int version;
    std::vector<const char*> steps;  // one statement each, each idempotent
};

// Append only: a released migration is never edited. utf8mb4_bin on code and
// title: exact uniqueness and case-sensitive search, like SQLite's BINARY.
// Enum columns hold the wire names of domain/Types.h in ASCII. The XML is a
// LONGBLOB: bytes, no character set conversion.
const std::array kMigrations{
    Migration{1,
              {R"sql(
        CREATE TABLE IF NOT EXISTS documents (
            id BIGINT NOT NULL AUTO_INCREMENT,
            code VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            kind VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            title TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            unit TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
            language VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL,
            PRIMARY KEY (id),
            UNIQUE KEY documents_code (code),
            KEY documents_by_kind (kind)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
               R"sql(
        CREATE TABLE IF NOT EXISTS editions (
            id BIGINT NOT NULL AUTO_INCREMENT,
            document_id BIGINT NOT NULL,
            number INT NOT NULL,
            language VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            status VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            xml LONGBLOB NOT NULL,
            sha256 VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            revision BIGINT NOT NULL,
            size BIGINT NOT NULL,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL,
            PRIMARY KEY (id),
            UNIQUE KEY editions_document_language_number (document_id, language, number),
            KEY editions_by_document_number (document_id, number),
            CONSTRAINT editions_document FOREIGN KEY (document_id) REFERENCES documents (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql"}},
};

// A named lock held for the life of the object (released by the server, too,
// when the connection closes).
class MigrationLock {
public:
    MigrationLock(MysqlConnection& connection, std::string name)
        : _connection(connection), _name(std::move(name)) {
        auto& statement = _connection.prepare("SELECT GET_LOCK(?, ?)");
        statement.setString(1, _name);
        statement.setInt(2, kLockTimeoutSeconds);
        std::unique_ptr<sql::ResultSet> rows(statement.executeQuery());
        _held = rows->next() && !rows->isNull(1) && rows->getInt(1) == 1;
    }
    ~MigrationLock() {
        if (!_held) return;
        try {
            auto& statement = _connection.prepare("SELECT RELEASE_LOCK(?)");
            statement.setString(1, _name);
            std::unique_ptr<sql::ResultSet> rows(statement.executeQuery());
        } catch (...) {
            // The lock goes with the connection.
            _connection.markBroken();
        }
    }
    MigrationLock(const MigrationLock&) = delete;
    MigrationLock& operator=(const MigrationLock&) = delete;
    bool held() const { return _held; }

private:
    MysqlConnection& _connection;
    std::string _name;
    bool _held = false;
};

}  // namespace

Status migrateMysql(MysqlConnection& connection, const std::string& database) {
    MigrationLock lock(connection, ("nusqa.migrate." + database).substr(0, kMaximumLockNameLength));
    if (!lock.held())
        return fail(ErrorCode::Unavailable, "another process holds the migration lock of " +
                                                database + " for over " +
                                                std::to_string(kLockTimeoutSeconds) + " s");
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INT NOT NULL PRIMARY KEY, applied_at DATETIME NOT NULL"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    int applied = mysqlSchemaVersion(connection);
    int latest = kMigrations.back().version;
    if (applied > latest)
        return fail(ErrorCode::Internal,
                    "the database schema is at version " + std::to_string(applied) +
                        ", newer than this program's " + std::to_string(latest));
    for (const Migration& migration : kMigrations) {
        if (migration.version <= applied) continue;
        for (const char* step : migration.steps) connection.execute(step);
        auto& record =
            connection.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
        record.setInt(1, migration.version);
        record.setDateTime(2, toMysqlDateTime(utcNow()));
        record.executeUpdate();
    }
    return {};
}

int mysqlSchemaVersion(MysqlConnection& connection) {
    std::unique_ptr<sql::ResultSet> rows(
        connection.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            .executeQuery());
    rows->next();
    return rows->getInt(1);
}

}  // namespace nusqa::storage
