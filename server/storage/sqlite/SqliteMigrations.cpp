#include "storage/sqlite/SqliteMigrations.h"

#include <array>
#include <string>

#include "domain/Types.h"

namespace nusqa::storage {

namespace {

struct Migration {
    int version;
    const char* sql;  // one or more statements separated by ';'
};

// Append only: a released migration is never edited. Enum columns hold the
// wire names of domain/Types.h; timestamps are "YYYY-MM-DDTHH:MM:SSZ" text;
// the XML is a BLOB so that its bytes come back exactly. AUTOINCREMENT keeps
// ids from ever being reused (they appear in URLs and audit records).
constexpr std::array kMigrations{
    Migration{1, R"sql(
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            code TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            unit TEXT NOT NULL,
            language TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX documents_by_kind ON documents (kind);
        CREATE TABLE editions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES documents (id),
            number INTEGER NOT NULL,
            language TEXT NOT NULL,
            status TEXT NOT NULL,
            xml BLOB NOT NULL,
            sha256 TEXT NOT NULL,
            revision INTEGER NOT NULL,
            size INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (document_id, language, number)
        );
        CREATE INDEX editions_by_document_number ON editions (document_id, number);
    )sql"},
};

Result<int> highestApplied(SqliteConnection& connection) {
    auto statement =
        NUSQA_TRY(connection.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    NUSQA_TRY(statement.step());
    return static_cast<int>(statement.integer(0));
}

}  // namespace

Status migrateSqlite(SqliteConnection& connection) {
    auto transaction =
        NUSQA_TRY(SqliteTransaction::begin(connection, SqliteTransaction::Mode::Immediate));
    NUSQA_TRY(
        connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                           " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
    int applied = NUSQA_TRY(highestApplied(connection));
    int latest = kMigrations.back().version;
    if (applied > latest)
        return fail(ErrorCode::Internal,
                    "the database schema is at version " + std::to_string(applied) +
                        ", newer than this program's " + std::to_string(latest));
    std::string now = utcNow();
    for (const Migration& migration : kMigrations) {
        if (migration.version <= applied) continue;
        if (auto applied = connection.execute(migration.sql); !applied)
            return std::unexpected(std::move(applied).error().withContext(
                "migration " + std::to_string(migration.version)));
        auto record = NUSQA_TRY(connection.prepare(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
        NUSQA_TRY(record.bind(migration.version).bind(now).run());
    }
    return transaction.commit();
}

Result<int> sqliteSchemaVersion(SqliteConnection& connection) {
    return highestApplied(connection);
}

}  // namespace nusqa::storage
