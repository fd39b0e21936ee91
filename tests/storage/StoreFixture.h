// The fixture of the storage contract suite: one fresh store per test case on
// the chosen backend, plus out-of-band access to the database for checks the
// Store interface cannot make, and fault injection. Not thread-safe (the
// store itself is).
//
// SQLite: a new file in a TempDir. MySQL: a new database named with
// uniqueName() on the throwaway MariaDB server of the CTest fixture, dropped
// afterwards. A MySQL case fails (never skips) when that server is missing.
// Memory: the in-memory ports of tests/support/memory (one MemoryDatabase
// per case; reopening keeps it).
//
// The SQL backends' Storage is built over a FaultInjectingExecutor
// (storage::storageOver, storage/detail/StorageAssembly.h), so
// failStatementAfter(n) fails the n-th statement; on memory it fails the
// n-th step of a write.
//
// NUSQA_STORE_CASE(name) { ... } defines one contract case that runs once per
// backend, as sqlite/name, mysql/name and memory/name; its body sees
// `fixture`. NUSQA_DATABASE_CASE(name) runs on the SQL backends only: cases
// about the database itself (migrations, durability across processes) that
// the in-memory ports have no counterpart of.
#pragma once

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/Store.h"
#include "storage/StoreFactory.h"
#include "support/TestSupport.h"
#include "support/memory/MemoryDatabase.h"

// How Boost.Test prints the domain enums in failed checks (found by ADL).
namespace nusqa {
inline std::ostream& boost_test_print_type(std::ostream& out, DocumentKind kind) {
    return out << toString(kind);
}
inline std::ostream& boost_test_print_type(std::ostream& out, Language language) {
    return out << toString(language);
}
inline std::ostream& boost_test_print_type(std::ostream& out, EditionStatus status) {
    return out << toString(status);
}
}  // namespace nusqa

namespace nusqa::test {

enum class Backend { Sqlite, Mysql, Memory };

class FaultInjectingExecutor;

std::string_view backendName(Backend backend);

class StoreFixture {
public:
    explicit StoreFixture(Backend backend);
    ~StoreFixture();
    StoreFixture(const StoreFixture&) = delete;
    StoreFixture& operator=(const StoreFixture&) = delete;

    Backend backend() const { return _backend; }
    // The URL of this case's store (for openStorage in other processes;
    // "memory:NAME" on memory, which no other process can open).
    const std::string& url() const { return _url; }

    // The open store; opened by the constructor and by reopen().
    Store& store();
    // Every port of the same database (people, lifecycle, audit, outbox).
    Storage& storage();
    // Destroys the Store object (closing every connection) ...
    void close();
    // ... and opens the same database again.
    void reopen(int poolSize = 16);

    // From now on the n-th statement (memory: step of a write) fails once,
    // with Internal "injected fault"; n < 0 switches it off.
    void failStatementAfter(int n);

    // Out of band: SELECT COUNT(*) FROM table, on a connection of its own
    // (memory: the rows of the table of that name).
    std::int64_t countRows(const std::string& table);
    // Out of band, tampering with the audit log behind the store's back:
    // the details of one entry; the entries first..last (inclusive); an
    // entry's sequence number.
    void changeAuditDetails(std::int64_t sequence, const std::string& details);
    void deleteAuditEntries(std::int64_t first, std::int64_t last);
    void renumberAuditEntry(std::int64_t from, std::int64_t to);
    // MySQL only: kills every server connection to this case's database.
    void killStoreConnections();
    // The server URL without a database (MySQL only).
    const std::string& serverUrl() const { return _serverUrl; }

private:
    Backend _backend;
    std::optional<TempDir> _directory;
    std::string _database;
    std::string _serverUrl;
    std::string _url;
    std::shared_ptr<MemoryDatabase> _memory;
    FaultInjectingExecutor* _faults = nullptr;  // inside _storage (SQL backends)
    std::unique_ptr<Storage> _storage;
};

// Fails the current test with the error's code and message when result holds
// an error; returns the value otherwise.
template <typename T>
T require(Result<T> result) {
    BOOST_REQUIRE_MESSAGE(
        result.has_value(),
        "unexpected error: " << (result ? std::string_view() : errorCodeName(result.error().code))
                             << ": " << (result ? "" : result.error().message));
    return std::move(*result);
}

inline void require(Status result) {
    BOOST_REQUIRE_MESSAGE(
        result.has_value(),
        "unexpected error: " << (result ? std::string_view() : errorCodeName(result.error().code))
                             << ": " << (result ? "" : result.error().message));
}

// Checks that result failed with code and that the message contains each
// fragment.
template <typename T>
void requireError(const Result<T>& result, ErrorCode code,
                  std::initializer_list<std::string_view> fragments = {}) {
    BOOST_REQUIRE_MESSAGE(!result.has_value(),
                          "expected " << errorCodeName(code) << ", got a value");
    BOOST_CHECK_MESSAGE(result.error().code == code, "expected "
                                                         << errorCodeName(code) << ", got "
                                                         << errorCodeName(result.error().code)
                                                         << ": " << result.error().message);
    for (std::string_view fragment : fragments)
        BOOST_CHECK_MESSAGE(
            result.error().message.find(fragment) != std::string::npos,
            "message '" << result.error().message << "' lacks '" << fragment << "'");
}

// Drops a database of the MariaDB test server (out of band).
void dropDatabase(const std::string& serverUrl, const std::string& database);

// Sample data.
NewDocument sampleDocument(const std::string& code, DocumentKind kind = DocumentKind::Regulation,
                           const std::string& title = "Сапа менеджменті бөлімі туралы ереже");
NewEdition sampleEdition(std::int64_t documentId, int number, Language language,
                         const std::string& xml);
std::string sampleXml(const std::string& body);

}  // namespace nusqa::test

#define NUSQA_STORE_CASE_ON(suite, backend, name)     \
    BOOST_AUTO_TEST_SUITE(suite)                      \
    BOOST_AUTO_TEST_CASE(name) {                      \
        ::nusqa::test::StoreFixture fixture(backend); \
        name##Contract(fixture);                      \
    }                                                 \
    BOOST_AUTO_TEST_SUITE_END()

#define NUSQA_STORE_CASE(name)                                        \
    static void name##Contract(::nusqa::test::StoreFixture& fixture); \
    NUSQA_STORE_CASE_ON(sqlite, ::nusqa::test::Backend::Sqlite, name) \
    NUSQA_STORE_CASE_ON(mysql, ::nusqa::test::Backend::Mysql, name)   \
    NUSQA_STORE_CASE_ON(memory, ::nusqa::test::Backend::Memory, name) \
    static void name##Contract([[maybe_unused]] ::nusqa::test::StoreFixture& fixture)

#define NUSQA_DATABASE_CASE(name)                                     \
    static void name##Contract(::nusqa::test::StoreFixture& fixture); \
    NUSQA_STORE_CASE_ON(sqlite, ::nusqa::test::Backend::Sqlite, name) \
    NUSQA_STORE_CASE_ON(mysql, ::nusqa::test::Backend::Mysql, name)   \
    static void name##Contract([[maybe_unused]] ::nusqa::test::StoreFixture& fixture)
