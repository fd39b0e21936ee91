// MemoryDatabase: the tables behind the in-memory ports (MemoryStore,
// MemoryPeopleStore, MemoryLifecycleStore, MemoryAuditLog, MemoryOutbox),
// for tests that want the domain's ports without a database. The ports keep
// the storage contract (tests/storage runs it on them as the backend
// "memory"), including its error codes and the fragments of its messages.
//
// Transactions: a write runs on a copy of the tables and replaces them only
// when it succeeds, so a failed write leaves nothing behind; reads see the
// last committed state. Every step of a write that a SQL backend makes one
// statement of calls step(), which is where fault injection fails it
// (failStepAfter: the n-th step from then on fails once, with Internal
// "injected fault").
//
// Thread safety: every method may be called from any thread; one mutex
// serialises all of them (a write holds it for its whole length).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/AuditLog.h"
#include "domain/LifecycleStore.h"
#include "domain/Outbox.h"
#include "domain/People.h"
#include "domain/Types.h"

namespace nusqa::test {

struct MemoryRevision {
    Revision revision;
    std::shared_ptr<const std::string> xml;
};

struct MemoryEdition {
    Edition edition;
    std::shared_ptr<const std::string> xml;  // shared: copying the tables stays cheap
    std::vector<MemoryRevision> revisions;   // every revision, the current one last
};

// The lifecycle columns of an edition (EditionLifecycle without the edition).
struct MemoryLifecycle {
    std::int64_t version = 0;
    int round = 0;
    std::string decision, effectiveDate, reviewDate, enteredAt, reviewNoticeAt;
    std::string endedOn;  // out of force from this day (register on a date)
};

struct MemoryUser {
    User user;  // positionKk/positionRu are joined when read
    std::string passwordHash;
};

struct MemoryAssignment {
    Assignment assignment;  // the user's columns are joined when read
};

struct MemoryTables {
    std::map<std::int64_t, Document> documents;
    std::map<std::int64_t, MemoryEdition> editions;
    std::map<std::int64_t, MemoryLifecycle> lifecycle;
    std::map<std::int64_t, std::int64_t> authors;  // edition -> user
    std::map<std::pair<std::int64_t, Language>, std::int64_t> inForce;
    std::map<std::int64_t, PaperRegistration> paper;
    std::map<std::int64_t, AgreementStep> steps;
    std::map<std::int64_t, Signature> signatures;
    std::set<std::pair<std::int64_t, std::int64_t>> distribution;  // (document, unit)
    std::set<std::pair<std::int64_t, std::int64_t>> distributionPositions;
    std::set<std::pair<std::int64_t, std::int64_t>> distributionUsers;
    std::map<std::int64_t, MemoryAssignment> familiarizations;
    std::map<std::int64_t, Unit> units;
    std::map<std::int64_t, Position> positions;
    std::map<std::int64_t, MemoryUser> users;
    std::map<std::string, Credential> credentials;
    std::vector<AuditEntry> audit;  // by sequence; tests may tamper with it
    std::int64_t auditHeadSequence = 0;
    std::string auditHeadHash;
    std::map<std::int64_t, MailMessage> outbox;
    std::map<std::int64_t, ControlledCopy> copies;
    // The last id given per table (ids are never reused, like AUTOINCREMENT).
    std::map<std::string, std::int64_t, std::less<>> lastIds;

    std::int64_t nextId(std::string_view table);
};

class MemoryDatabase {
public:
    MemoryDatabase();
    MemoryDatabase(const MemoryDatabase&) = delete;
    MemoryDatabase& operator=(const MemoryDatabase&) = delete;

    // The schema version the memory ports model (the SQL backends' latest
    // migration).
    static constexpr int kSchemaVersion = 18;

    // Runs body on a copy of the tables and commits the copy when body
    // succeeds. Errors get the context "storage/memory: <operation>".
    Status write(const char* operation, const std::function<Status(MemoryTables&)>& body);
    // Runs body on the committed tables.
    Status read(const char* operation, const std::function<Status(const MemoryTables&)>& body);

    // One step of a write (what a SQL backend does in one statement): fails
    // when fault injection says so. Call only inside write().
    Status step(std::string_view what);
    // Fault injection: the n-th step from now on fails, once; n < 0: off.
    void failStepAfter(int n) { _countdown.store(n); }

    // Rows of a "table" by its SQL name (documents, editions, audit_log,
    // signatures, agreement_steps, outbox, credentials, editions_in_force,
    // familiarizations, users, units, positions, distribution,
    // paper_registrations, edition_lifecycle, controlled_copies); -1 for an unknown name.
    std::int64_t count(std::string_view table);

    // Out of band, for tests that tamper: body changes the committed tables
    // directly (no copy, no audit).
    void tamper(const std::function<void(MemoryTables&)>& body);

private:
    std::mutex _mutex;
    MemoryTables _tables;
    std::atomic<int> _countdown{-1};
};

// The contract's error messages, shared by the memory ports.
Error memoryDocumentNotFound(std::int64_t documentId);
Error memoryEditionNotFound(std::int64_t editionId);

// The audit entries with an empty objectId get id (the new object's).
std::vector<NewAuditEntry> withObjectId(std::vector<NewAuditEntry> entries, std::int64_t id);

// Appends entries to the chain inside a write (MemoryAuditLog's append).
Status appendAudit(MemoryDatabase& database, MemoryTables& tables,
                   const std::vector<NewAuditEntry>& entries);

}  // namespace nusqa::test
