// MemoryLifecycleStore: the LifecycleStore port over a MemoryDatabase, for
// tests. apply() checks and writes a LifecycleChange in one transaction, as
// the SQL store does: the version, status and hash compare-and-set, the one
// edition in force per document and language, routes, decisions,
// signatures, paper registrations, assignments, audit entries and mail.
// It keeps no record versions (their XML is written by the SQL store through
// the xml module): the lists are empty.
// Thread safety: as MemoryDatabase. The database must outlive the store.
#pragma once

#include "domain/LifecycleStore.h"
#include "support/memory/MemoryDatabase.h"

namespace nusqa::test {

// Inside apply() (MemoryCopies.cpp): the open copies of
// change.recallCopiesOf become recall-requested; Conflict unless they are
// exactly change.recallCopies.
Status recallMemoryCopies(MemoryDatabase& database, MemoryTables& tables,
                          const LifecycleChange& change);

class MemoryLifecycleStore final : public LifecycleStore {
public:
    explicit MemoryLifecycleStore(MemoryDatabase& database) : _database(database) {}

    Result<EditionLifecycle> lifecycle(std::int64_t editionId) override;
    Result<std::vector<EditionLifecycle>> editionsWithStatus(EditionStatus status) override;
    Result<std::vector<EditionLifecycle>> lifecyclesAfter(std::int64_t afterEditionId,
                                                          int limit) override;
    Result<std::vector<ReviewDue>> reviewsDueBy(const std::string& lastDay) override;
    Result<std::vector<EditionLifecycle>> editionsAwaiting(std::int64_t userId) override;
    Result<std::vector<AgreementStep>> agreementSteps(std::int64_t editionId) override;
    Result<std::vector<Signature>> signatures(std::int64_t editionId) override;
    Result<std::optional<std::int64_t>> editionInForce(std::int64_t documentId,
                                                       Language language) override;
    Result<RegisterPage> inForceOn(const RegisterQuery& query) override;
    Result<Distribution> distribution(std::int64_t documentId) override;
    Status setDistribution(std::int64_t documentId, const Distribution& distribution,
                           const std::vector<NewAuditEntry>& audit) override;
    Result<std::vector<Assignment>> assignments(const AssignmentQuery& query) override;
    Result<AssignmentPage> overdue(const OverdueQuery& query) override;
    Result<ChangeResult> apply(const LifecycleChange& change) override;
    Result<std::vector<RecordVersion>> recordVersions(std::int64_t editionId, RecordKind kind,
                                                      bool withXml) override;
    Result<RecordVersion> recordVersion(std::int64_t editionId, RecordKind kind,
                                        std::int64_t version) override;
    Result<std::vector<RecordVersion>> recordVersionsAfter(std::int64_t afterEditionId,
                                                           RecordKind afterKind,
                                                           std::int64_t afterVersion,
                                                           int limit) override;
    Result<ControlledCopy> issueCopy(const ControlledCopy& copy,
                                     const std::vector<NewAuditEntry>& audit) override;
    Result<ControlledCopy> copy(std::int64_t copyId) override;
    Result<std::vector<ControlledCopy>> copies(const CopyQuery& query) override;
    Result<ControlledCopy> recallCopy(std::int64_t copyId, std::int64_t recalledBy,
                                      const std::string& recalledByLogin, const std::string& at,
                                      const std::vector<NewAuditEntry>& audit) override;

private:
    MemoryDatabase& _database;
};

}  // namespace nusqa::test
