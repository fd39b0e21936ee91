#include "support/memory/MemoryAuditLog.h"

#include <algorithm>

#include "crypto/AuditChain.h"

namespace nusqa::test {
namespace {

std::vector<AuditEntry> bySequence(std::vector<AuditEntry> entries) {
    std::stable_sort(entries.begin(), entries.end(), [](const AuditEntry& a, const AuditEntry& b) {
        return a.sequence < b.sequence;
    });
    return entries;
}

bool matches(const AuditEntry& row, const AuditQuery& query) {
    const NewAuditEntry& entry = row.entry;
    if (!query.actorLogin.empty() && entry.actorLogin != query.actorLogin) return false;
    if (!query.action.empty()) {
        bool prefix = query.action.back() == '.';
        if (prefix ? !entry.action.starts_with(query.action) : entry.action != query.action)
            return false;
    }
    if (!query.objectType.empty() && entry.objectType != query.objectType) return false;
    if (!query.objectId.empty() && entry.objectId != query.objectId) return false;
    if (!query.from.empty() && entry.at < query.from) return false;
    std::string to = query.to.size() == 10 ? query.to + "T23:59:59Z" : query.to;
    if (!to.empty() && entry.at > to) return false;
    return true;
}

std::string hashOf(const AuditEntry& row) {
    const NewAuditEntry& entry = row.entry;
    return crypto::auditEntryHash(
        crypto::AuditFields{row.sequence, entry.at, entry.actorId, entry.actorLogin, entry.action,
                            entry.objectType, entry.objectId, entry.details, row.previousHash});
}

}  // namespace

Status MemoryAuditLog::append(const std::vector<NewAuditEntry>& entries) {
    return _database.write("append audit", [&](MemoryTables& tables) {
        return appendAudit(_database, tables, entries);
    });
}

Result<AuditPage> MemoryAuditLog::listAudit(const AuditQuery& query) {
    AuditPage page;
    NUSQA_TRY(_database.read("list audit", [&](const MemoryTables& tables) -> Status {
        int limit = std::clamp(query.limit, 1, 500);
        int offset = std::max(query.offset, 0);
        for (const AuditEntry& entry : bySequence(tables.audit)) {
            if (!matches(entry, query) || entry.sequence <= query.afterSequence) continue;
            if (page.total >= offset && static_cast<int>(page.items.size()) < limit)
                page.items.push_back(entry);
            ++page.total;
        }
        if (!query.countTotal) page.total = 0;
        return {};
    }));
    return page;
}

Result<AuditVerification> MemoryAuditLog::verifyAudit() {
    AuditVerification verification;
    NUSQA_TRY(_database.read("verify audit", [&](const MemoryTables& tables) -> Status {
        auto bad = [&](std::int64_t sequence, std::string problem) {
            verification.intact = false;
            verification.firstBadSequence = sequence;
            verification.problem = std::move(problem);
        };
        std::int64_t expected = 1;
        std::string previous(crypto::kGenesisHash);
        for (const AuditEntry& entry : bySequence(tables.audit)) {
            if (entry.sequence < expected) continue;  // the SQL walk starts at 1, too
            if (entry.sequence != expected) {
                bad(expected, "entry " + std::to_string(expected) + " is missing (the next is " +
                                  std::to_string(entry.sequence) + ")");
                return {};
            }
            if (entry.previousHash != previous) {
                bad(entry.sequence, "entry " + std::to_string(entry.sequence) +
                                        " does not carry the hash of entry " +
                                        std::to_string(entry.sequence - 1));
                return {};
            }
            if (hashOf(entry) != entry.hash) {
                bad(entry.sequence, "entry " + std::to_string(entry.sequence) +
                                        " was changed: its content does not match its hash");
                return {};
            }
            previous = entry.hash;
            ++verification.entries;
            ++expected;
        }
        if (tables.auditHeadSequence != expected - 1 || tables.auditHeadHash != previous)
            bad(expected, "the chain ends at entry " + std::to_string(expected - 1) +
                              " but its head names entry " +
                              std::to_string(tables.auditHeadSequence) +
                              ": entries at the end were removed, or the head was changed");
        return {};
    }));
    return verification;
}

}  // namespace nusqa::test
