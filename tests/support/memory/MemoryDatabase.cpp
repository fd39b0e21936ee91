#include "support/memory/MemoryDatabase.h"

#include "crypto/AuditChain.h"

namespace nusqa::test {

std::int64_t MemoryTables::nextId(std::string_view table) {
    auto found = lastIds.find(table);
    if (found == lastIds.end()) found = lastIds.emplace(std::string(table), 0).first;
    return ++found->second;
}

MemoryDatabase::MemoryDatabase() {
    _tables.auditHeadHash = std::string(crypto::kGenesisHash);
}

Status MemoryDatabase::write(const char* operation,
                             const std::function<Status(MemoryTables&)>& body) {
    std::lock_guard lock(_mutex);
    MemoryTables draft = _tables;
    if (auto done = body(draft); !done)
        return std::unexpected(
            std::move(done).error().withContext(std::string("storage/memory: ") + operation));
    _tables = std::move(draft);
    return {};
}

Status MemoryDatabase::read(const char* operation,
                            const std::function<Status(const MemoryTables&)>& body) {
    std::lock_guard lock(_mutex);
    if (auto done = body(_tables); !done)
        return std::unexpected(
            std::move(done).error().withContext(std::string("storage/memory: ") + operation));
    return {};
}

Status MemoryDatabase::step(std::string_view what) {
    int left = _countdown.load();
    if (left < 0) return {};
    _countdown.store(left - 1);
    if (left == 0) return fail(ErrorCode::Internal, "injected fault before: " + std::string(what));
    return {};
}

std::int64_t MemoryDatabase::count(std::string_view table) {
    std::lock_guard lock(_mutex);
    const MemoryTables& t = _tables;
    auto size = [](const auto& container) { return static_cast<std::int64_t>(container.size()); };
    if (table == "documents") return size(t.documents);
    if (table == "editions") return size(t.editions);
    if (table == "edition_lifecycle") return size(t.lifecycle);
    if (table == "edition_authors") return size(t.authors);
    if (table == "editions_in_force") return size(t.inForce);
    if (table == "paper_registrations") return size(t.paper);
    if (table == "agreement_steps") return size(t.steps);
    if (table == "signatures") return size(t.signatures);
    if (table == "distribution") return size(t.distribution);
    if (table == "distribution_positions") return size(t.distributionPositions);
    if (table == "distribution_users") return size(t.distributionUsers);
    if (table == "familiarizations") return size(t.familiarizations);
    if (table == "units") return size(t.units);
    if (table == "positions") return size(t.positions);
    if (table == "users") return size(t.users);
    if (table == "credentials") return size(t.credentials);
    if (table == "audit_log") return size(t.audit);
    if (table == "outbox") return size(t.outbox);
    if (table == "controlled_copies") return size(t.copies);
    return -1;
}

void MemoryDatabase::tamper(const std::function<void(MemoryTables&)>& body) {
    std::lock_guard lock(_mutex);
    body(_tables);
}

Error memoryDocumentNotFound(std::int64_t documentId) {
    return Error{ErrorCode::NotFound, "document " + std::to_string(documentId) + " not found", {}};
}

Error memoryEditionNotFound(std::int64_t editionId) {
    return Error{ErrorCode::NotFound, "edition " + std::to_string(editionId) + " not found", {}};
}

std::vector<NewAuditEntry> withObjectId(std::vector<NewAuditEntry> entries, std::int64_t id) {
    for (NewAuditEntry& entry : entries)
        if (entry.objectId.empty()) entry.objectId = std::to_string(id);
    return entries;
}

Status appendAudit(MemoryDatabase& database, MemoryTables& tables,
                   const std::vector<NewAuditEntry>& entries) {
    if (entries.empty()) return {};
    NUSQA_TRY(database.step("select audit head"));
    std::int64_t sequence = tables.auditHeadSequence;
    std::string hash = tables.auditHeadHash;
    for (const NewAuditEntry& entry : entries) {
        NUSQA_TRY(database.step("insert audit entry"));
        AuditEntry appended;
        appended.sequence = ++sequence;
        appended.entry = entry;
        appended.previousHash = hash;
        appended.hash = crypto::auditEntryHash(crypto::AuditFields{
            appended.sequence, entry.at, entry.actorId, entry.actorLogin, entry.action,
            entry.objectType, entry.objectId, entry.details, appended.previousHash});
        hash = appended.hash;
        tables.audit.push_back(std::move(appended));
    }
    NUSQA_TRY(database.step("update audit head"));
    tables.auditHeadSequence = sequence;
    tables.auditHeadHash = hash;
    return {};
}

}  // namespace nusqa::test
