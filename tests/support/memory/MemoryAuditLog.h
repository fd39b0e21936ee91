// MemoryAuditLog: the AuditLog port over a MemoryDatabase, for tests: the
// same hash chain as the SQL store (crypto/AuditChain.h), the same filters,
// and verification that names the first bad entry after a test tampered
// with the entries (MemoryDatabase::tamper).
// Thread safety: as MemoryDatabase. The database must outlive the log.
#pragma once

#include "domain/AuditLog.h"
#include "support/memory/MemoryDatabase.h"

namespace nusqa::test {

class MemoryAuditLog final : public AuditLog {
public:
    explicit MemoryAuditLog(MemoryDatabase& database) : _database(database) {}

    Status append(const std::vector<NewAuditEntry>& entries) override;
    Result<AuditPage> listAudit(const AuditQuery& query) override;
    Result<AuditVerification> verifyAudit() override;

private:
    MemoryDatabase& _database;
};

}  // namespace nusqa::test
