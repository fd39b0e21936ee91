#include "storage/sqlite/detail/SqliteConnection.h"

#include <utility>

namespace nusqa::storage {

namespace {

// Long enough to ride out a checkpoint or another process's write; writers of
// this process are serialised before BEGIN and never wait here.
constexpr int kBusyTimeoutMilliseconds = 10000;

}  // namespace

Error sqliteError(int extendedCode, std::string message) {
    ErrorCode code = ErrorCode::Internal;
    switch (extendedCode) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            code = ErrorCode::Conflict;
            break;
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            code = ErrorCode::NotFound;
            break;
        case SQLITE_TOOBIG:
            code = ErrorCode::TooLarge;
            break;
        default:
            switch (extendedCode & 0xff) {
                case SQLITE_BUSY:
                case SQLITE_LOCKED:
                case SQLITE_CANTOPEN:
                    code = ErrorCode::Unavailable;
                    break;
                default:
                    break;
            }
    }
    return Error{code, std::move(message), {}};
}

// --- SqliteStatement ---------------------------------------------------------

SqliteStatement::SqliteStatement(sqlite3* database, sqlite3_stmt* statement)
    : _database(database), _statement(statement) {}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : _database(other._database),
      _statement(std::exchange(other._statement, nullptr)),
      _nextParameter(other._nextParameter),
      _bindResult(other._bindResult) {}

SqliteStatement::~SqliteStatement() {
    if (_statement == nullptr) return;
    sqlite3_reset(_statement);
    sqlite3_clear_bindings(_statement);
}

SqliteStatement& SqliteStatement::bind(std::int64_t value) {
    int result = sqlite3_bind_int64(_statement, _nextParameter++, value);
    if (_bindResult == SQLITE_OK) _bindResult = result;
    return *this;
}

SqliteStatement& SqliteStatement::bind(std::string_view text) {
    // A zero-length text needs a non-null pointer, or SQLite binds NULL.
    int result = sqlite3_bind_text64(_statement, _nextParameter++, text.empty() ? "" : text.data(),
                                     text.size(), SQLITE_STATIC, SQLITE_UTF8);
    if (_bindResult == SQLITE_OK) _bindResult = result;
    return *this;
}

SqliteStatement& SqliteStatement::bindBlob(std::string_view bytes) {
    int result = bytes.empty() ? sqlite3_bind_zeroblob(_statement, _nextParameter++, 0)
                               : sqlite3_bind_blob64(_statement, _nextParameter++, bytes.data(),
                                                     bytes.size(), SQLITE_STATIC);
    if (_bindResult == SQLITE_OK) _bindResult = result;
    return *this;
}

SqliteStatement& SqliteStatement::bindNull() {
    int result = sqlite3_bind_null(_statement, _nextParameter++);
    if (_bindResult == SQLITE_OK) _bindResult = result;
    return *this;
}

bool SqliteStatement::isNull(int column) const {
    return sqlite3_column_type(_statement, column) == SQLITE_NULL;
}

Result<bool> SqliteStatement::step() {
    if (_bindResult != SQLITE_OK) return std::unexpected(failure(_bindResult));
    int result = sqlite3_step(_statement);
    if (result == SQLITE_ROW) return true;
    if (result == SQLITE_DONE) return false;
    return std::unexpected(failure(sqlite3_extended_errcode(_database)));
}

Status SqliteStatement::run() {
    while (NUSQA_TRY(step())) {
    }
    return {};
}

std::int64_t SqliteStatement::integer(int column) const {
    return sqlite3_column_int64(_statement, column);
}

std::string SqliteStatement::text(int column) const {
    const auto* characters = sqlite3_column_text(_statement, column);
    int size = sqlite3_column_bytes(_statement, column);
    if (characters == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(characters), static_cast<std::size_t>(size));
}

std::string SqliteStatement::blob(int column) const {
    const void* bytes = sqlite3_column_blob(_statement, column);
    int size = sqlite3_column_bytes(_statement, column);
    if (bytes == nullptr) return {};
    return std::string(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

Error SqliteStatement::failure(int code) const {
    return sqliteError(code, sqlite3_errmsg(_database));
}

// --- SqliteConnection --------------------------------------------------------

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path) {
    // Once, before SQLite initializes: no memory statistics. With them every
    // sqlite3_malloc and sqlite3_free takes one process-wide mutex, which the
    // threads of all connections meet (a dozen times per statement); nothing
    // here reads the statistics. Ignored (SQLITE_MISUSE) when SQLite was
    // initialized already.
    static const int memoryStatistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)memoryStatistics;
    sqlite3* database = nullptr;
    int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    int result = sqlite3_open_v2(path.c_str(), &database, flags, nullptr);
    if (result != SQLITE_OK) {
        Error error =
            sqliteError(result, "cannot open " + path + ": " +
                                    (database ? sqlite3_errmsg(database) : sqlite3_errstr(result)));
        sqlite3_close_v2(database);
        return std::unexpected(std::move(error));
    }
    std::unique_ptr<SqliteConnection> connection(new SqliteConnection(database));
    NUSQA_TRY(connection->configure());
    return connection;
}

// Durability. The promise is "nothing acknowledged is lost when the process is
// killed (SIGKILL) or the machine loses power". In WAL mode a commit appends
// the transaction's pages and a commit frame to the -wal file with write();
// the data is then in the kernel's page cache, which a killed process cannot
// take back, and the next opener replays the WAL. So WAL with
// synchronous=NORMAL already survives SIGKILL; it only skips the fsync of the
// WAL at each commit, which loses the last transactions on a power failure or
// kernel crash. synchronous=FULL adds that fsync per commit. Writes to a
// document register are rare and human-paced (an fsync costs milliseconds),
// reads are not affected, so FULL is chosen: a 201 means on disk. The
// frequent small writes (a download's audit entry, a familiarization
// signature) share commits through GroupCommit: one fsync per batch.
Status SqliteConnection::configure() {
    sqlite3_extended_result_codes(_database, 1);
    if (int result = sqlite3_busy_timeout(_database, kBusyTimeoutMilliseconds); result != SQLITE_OK)
        return std::unexpected(sqliteError(result, sqlite3_errmsg(_database)));

    // The journal mode is stored in the file; the other settings are
    // per connection.
    {
        auto journal = NUSQA_TRY(prepare("PRAGMA journal_mode = WAL"));
        if (!NUSQA_TRY(journal.step()) || journal.text(0) != "wal")
            return fail(ErrorCode::Internal, "cannot switch the database to WAL journal mode");
    }
    // A page cache of 64 MiB per connection instead of SQLite's 2 MiB: the
    // indexes a page of the register or the search walks stay in memory
    // instead of being read again with a system call per page (at ten
    // years' scale the default cache made most of the time system time).
    return execute(
        "PRAGMA synchronous = FULL;"
        "PRAGMA foreign_keys = ON;"
        "PRAGMA cache_size = -65536;");
}

SqliteConnection::~SqliteConnection() {
    for (auto& [sql, statement] : _statements) sqlite3_finalize(statement);
    sqlite3_close_v2(_database);
}

Result<SqliteStatement> SqliteConnection::prepare(const std::string& sql) {
    auto found = _statements.find(sql);
    if (found != _statements.end()) return SqliteStatement(_database, found->second);
    sqlite3_stmt* statement = nullptr;
    int result = sqlite3_prepare_v3(_database, sql.c_str(), static_cast<int>(sql.size() + 1),
                                    SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (result != SQLITE_OK) return std::unexpected(sqliteError(result, sqlite3_errmsg(_database)));
    _statements.emplace(sql, statement);
    return SqliteStatement(_database, statement);
}

Status SqliteConnection::execute(const char* sql) {
    char* message = nullptr;
    int result = sqlite3_exec(_database, sql, nullptr, nullptr, &message);
    if (result == SQLITE_OK) return {};
    std::string text = message ? message : sqlite3_errstr(result);
    sqlite3_free(message);
    return std::unexpected(sqliteError(sqlite3_extended_errcode(_database), std::move(text)));
}

std::int64_t SqliteConnection::lastInsertId() const {
    return sqlite3_last_insert_rowid(_database);
}

int SqliteConnection::changes() const {
    return sqlite3_changes(_database);
}

// --- SqliteTransaction -------------------------------------------------------

Result<SqliteTransaction> SqliteTransaction::begin(SqliteConnection& connection, Mode mode) {
    auto statement =
        NUSQA_TRY(connection.prepare(mode == Mode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN"));
    NUSQA_TRY(statement.run());
    return SqliteTransaction(connection);
}

SqliteTransaction::SqliteTransaction(SqliteTransaction&& other) noexcept
    : _connection(other._connection), _open(std::exchange(other._open, false)) {}

SqliteTransaction::~SqliteTransaction() {
    if (!_open) return;
    // ROLLBACK fails only when SQLite already rolled back (e.g. after an I/O
    // error); either way nothing of the transaction remains.
    if (auto statement = _connection->prepare("ROLLBACK")) (void)statement->run();
}

Status SqliteTransaction::commit() {
    auto statement = NUSQA_TRY(_connection->prepare("COMMIT"));
    NUSQA_TRY(statement.run());
    _open = false;
    return {};
}

}  // namespace nusqa::storage
