// SqlRecordStore: the record ports — PeopleStore, LifecycleStore, AuditLog,
// Outbox, JobLease, ThrottleStore — written once over SqlSession and run by either backend's
// SqlExecutor (SqliteExecutor or MysqlExecutor), in the schema of
// migrations 2 to 4.
//
// Atomicity: every method is one transaction. apply() (a lifecycle change)
// writes the status, the signature, the agreement decision, a paper
// registration, the assignments, the new versions of the agreement sheet
// and familiarization log, the audit entries and the outbox mail together or
// not at all.
// Audit appends lock the chain's head row (audit_head), so entries are
// numbered 1, 2, 3, ... without gaps and each carries its predecessor's hash.
// append() and familiarization signatures (apply() of a change independent
// of the version) go through a GroupCommit: concurrent ones share one commit,
// each answered after it.
//
// Thread safety: all methods may be called concurrently (the executor pools
// connections). The executor must outlive this object.
#pragma once

#include "domain/AuditLog.h"
#include "domain/JobLease.h"
#include "domain/LifecycleStore.h"
#include "domain/Outbox.h"
#include "domain/PeopleStore.h"
#include "domain/ThrottleStore.h"
#include "storage/detail/GroupCommit.h"
#include "storage/detail/SqlSession.h"

namespace nusqa::storage {

class SqlRecordStore final : public PeopleStore,
                             public LifecycleStore,
                             public AuditLog,
                             public Outbox,
                             public JobLease,
                             public ThrottleStore {
public:
    explicit SqlRecordStore(SqlExecutor& executor) : _executor(executor), _group(executor) {}

    // PeopleStore
    Result<Unit> createUnit(const Unit& unit, const std::vector<NewAuditEntry>& audit) override;
    Result<std::vector<Unit>> units() override;
    Result<Position> createPosition(const Position& position,
                                    const std::vector<NewAuditEntry>& audit) override;
    Result<std::vector<Position>> positions() override;
    Result<User> createUser(const UserRecord& record,
                            const std::vector<NewAuditEntry>& audit) override;
    Result<User> user(std::int64_t id) override;
    Result<User> userByLogin(const std::string& login) override;
    Result<std::vector<User>> users(const UserQuery& query) override;
    Result<std::int64_t> countUsers() override;
    Result<std::string> passwordHash(std::int64_t userId) override;
    Status setPasswordHash(std::int64_t userId, const std::string& hash,
                           const std::vector<NewAuditEntry>& audit,
                           const std::string& keepTokenHash) override;
    Result<User> updateUser(const User& user, const std::vector<NewAuditEntry>& audit) override;
    Status setOneTimePassword(std::int64_t userId, const std::string& hash,
                              const std::vector<NewAuditEntry>& audit) override;
    Status renameUnit(const Unit& unit, const std::vector<NewAuditEntry>& audit) override;
    Status moveUnit(std::int64_t id, std::optional<std::int64_t> parentId,
                    const std::vector<NewAuditEntry>& audit) override;
    Status renamePosition(const Position& position,
                          const std::vector<NewAuditEntry>& audit) override;
    Status saveCredential(const Credential& credential,
                          const std::vector<NewAuditEntry>& audit) override;
    Result<Credential> credential(const std::string& tokenHash) override;
    Result<CredentialOwner> credentialWithUser(const std::string& tokenHash) override;
    Status deleteCredential(const std::string& tokenHash,
                            const std::vector<NewAuditEntry>& audit) override;
    Result<std::vector<Credential>> credentialsOf(std::int64_t userId) override;
    Result<int> deleteCredentialsOf(std::int64_t userId, std::optional<CredentialKind> kind,
                                    const std::vector<NewAuditEntry>& audit) override;
    Status touchCredential(const std::string& tokenHash, const std::string& at,
                           const std::string& notBefore) override;

    // LifecycleStore
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

    // AuditLog
    Status append(const std::vector<NewAuditEntry>& entries) override;
    Result<AuditPage> listAudit(const AuditQuery& query) override;
    Result<AuditVerification> verifyAudit() override;

    // Outbox
    Status enqueue(const std::vector<NewMail>& mail, const std::string& at) override;
    Result<std::vector<MailMessage>> pendingMail(int limit, int maxAttempts) override;
    Status markSent(std::int64_t id, const std::string& at) override;
    Status markFailed(std::int64_t id, const std::string& error) override;

    // JobLease (SqlJobLease.cpp)
    Result<bool> acquireLease(const std::string& name, const std::string& holder, std::int64_t now,
                              std::int64_t expiresAt) override;
    Status releaseLease(const std::string& name, const std::string& holder) override;

    // ThrottleStore (SqlThrottle.cpp)
    Status update(const std::vector<ThrottleKey>& keys,
                  const std::function<Status(std::vector<ThrottleCounter>&)>& decide) override;
    Status trim(ThrottleKind kind, std::int64_t expiredAt, std::size_t cap) override;
    Result<std::size_t> size() override;

private:
    Status run(const char* operation, Access access,
               const std::function<Status(SqlSession&)>& body);

    SqlExecutor& _executor;
    GroupCommit _group;
};

// Writes the new versions of the edition's agreement sheet and/or
// familiarization log that the change makes (issue 13), inside apply()'s
// transaction after its rows are written (SqlRecordVersions.cpp).
Status writeRecordVersions(SqlSession& session, const LifecycleChange& change);

// Appends audit entries inside an open write transaction (shared by every
// mutation of the record ports and of SqlDocumentStore).
Status appendAuditEntries(SqlSession& session, const std::vector<NewAuditEntry>& entries);

// Inside apply(): the open controlled copies of change.recallCopiesOf become
// recall-requested; Conflict unless they are exactly change.recallCopies.
Status recallCopiesOf(SqlSession& session, const LifecycleChange& change);

}  // namespace nusqa::storage
