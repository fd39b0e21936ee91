// SqlRecordStore: the transaction runner, the audit chain and the outbox. People are in
// SqlPeople.cpp, the lifecycle in SqlLifecycle.cpp.
#include "storage/detail/SqlRecordStore.h"

#include <algorithm>

#include "crypto/AuditChain.h"
#include "storage/detail/StoreSupport.h"

namespace nusqa::storage {
namespace {

constexpr const char* kAuditColumns =
    "sequence_number, at, actor_id, actor_login, action, object_type, object_id, details,"
    " previous_hash, entry_hash";

AuditEntry auditFromRow(const SqlStatement& row) {
    AuditEntry entry;
    entry.sequence = row.integer(0);
    entry.entry = NewAuditEntry{row.text(1), row.integer(2), row.text(3), row.text(4),
                                row.text(5), row.text(6),    row.text(7)};
    entry.previousHash = row.text(8);
    entry.hash = row.text(9);
    return entry;
}

std::string hashOf(std::int64_t sequence, const NewAuditEntry& entry,
                   const std::string& previousHash) {
    return crypto::auditEntryHash(
        crypto::AuditFields{sequence, entry.at, entry.actorId, entry.actorLogin, entry.action,
                            entry.objectType, entry.objectId, entry.details, previousHash});
}

}  // namespace

Status SqlRecordStore::run(const char* operation, Access access,
                           const std::function<Status(SqlSession&)>& body) {
    return _executor.transact(operation, access, body);
}

// ---- audit ------------------------------------------------------------------

Status appendAuditEntries(SqlSession& session, const std::vector<NewAuditEntry>& entries) {
    if (entries.empty()) return {};
    std::int64_t sequence = 0;
    std::string hash;
    {
        auto head = NUSQA_TRY(session.prepare(
            std::string("SELECT sequence_number, entry_hash FROM audit_head WHERE id = 1") +
            session.forUpdate()));
        if (!NUSQA_TRY(head->next()))
            return fail(ErrorCode::Internal, "audit: the chain's head row is missing");
        sequence = head->integer(0);
        hash = head->text(1);
    }
    for (const NewAuditEntry& entry : entries) {
        std::string previous = hash;
        hash = hashOf(++sequence, entry, previous);
        auto insert =
            NUSQA_TRY(session.prepare(std::string("INSERT INTO audit_log (") + kAuditColumns +
                                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        insert->bind(sequence).bind(entry.at).bind(entry.actorId).bind(entry.actorLogin);
        insert->bind(entry.action).bind(entry.objectType).bind(entry.objectId).bind(entry.details);
        insert->bind(previous).bind(hash);
        NUSQA_TRY(insert->execute());
    }
    auto update = NUSQA_TRY(
        session.prepare("UPDATE audit_head SET sequence_number = ?, entry_hash = ? WHERE id = 1"));
    update->bind(sequence).bind(hash);
    NUSQA_TRY(update->execute());
    return {};
}

Status SqlRecordStore::append(const std::vector<NewAuditEntry>& entries) {
    // Downloads append one entry each: batched, they share one commit.
    return _group.run("append audit",
                      [&](SqlSession& session) { return appendAuditEntries(session, entries); });
}

Result<AuditPage> SqlRecordStore::listAudit(const AuditQuery& query) {
    std::string where;
    std::vector<std::string> parameters;
    auto condition = [&](const std::string& sql, const std::string& value) {
        where += (where.empty() ? " WHERE " : " AND ") + sql;
        parameters.push_back(value);
    };
    if (!query.actorLogin.empty()) condition("actor_login = ?", query.actorLogin);
    if (!query.action.empty()) {
        if (query.action.back() == '.') {
            where += std::string(where.empty() ? " WHERE " : " AND ") + "substr(action, 1, " +
                     std::to_string(query.action.size()) + ") = ?";
            parameters.push_back(query.action);
        } else {
            condition("action = ?", query.action);
        }
    }
    if (!query.objectType.empty()) condition("object_type = ?", query.objectType);
    if (!query.objectId.empty()) condition("object_id = ?", query.objectId);
    if (!query.from.empty()) condition("at >= ?", query.from);
    if (!query.to.empty())
        condition("at <= ?", query.to.size() == 10 ? query.to + "T23:59:59Z" : query.to);
    if (query.afterSequence > 0)
        where += std::string(where.empty() ? " WHERE " : " AND ") + "sequence_number > ?";
    auto bindAll = [&](SqlStatement& statement) {
        for (const std::string& parameter : parameters) statement.bind(parameter);
        if (query.afterSequence > 0) statement.bind(query.afterSequence);
    };
    AuditPage page;
    NUSQA_TRY(run("list audit", Access::Read, [&](SqlSession& session) -> Status {
        page = AuditPage{};
        if (query.countTotal) {
            auto count = NUSQA_TRY(session.prepare("SELECT COUNT(*) FROM audit_log" + where));
            bindAll(*count);
            NUSQA_TRY(count->next());
            page.total = count->integer(0);
        }
        // The keyset walk of one object type (the audit coverage check): on
        // MariaDB the optimizer chose `ref` on audit_by_type's first column
        // over the range on both, so each page scanned the type's entries from
        // the first one to the page's start: quadratic, a verify of 2,000,000
        // entries at scale 1 had not finished after 3 minutes. The hint makes
        // it the range (SQLite's planner takes the range by itself).
        const bool typeWalk = !query.objectType.empty() && query.objectId.empty() &&
                              query.afterSequence > 0 && session.dialect() == SqlDialect::Mysql;
        auto rows =
            NUSQA_TRY(session.prepare(std::string("SELECT ") + kAuditColumns + " FROM audit_log" +
                                      (typeWalk ? " FORCE INDEX (audit_by_type)" : "") + where +
                                      " ORDER BY sequence_number LIMIT ? OFFSET ?"));
        bindAll(*rows);
        rows->bind(clampPageLimit(query.limit)).bind(clampPageOffset(query.offset));
        while (NUSQA_TRY(rows->next())) page.items.push_back(auditFromRow(*rows));
        return {};
    }));
    return page;
}

Result<AuditVerification> SqlRecordStore::verifyAudit() {
    // Large keyset pages: at 2,000,000 entries, 200 statements.
    constexpr int kPage = 10000;
    AuditVerification verification;
    // One read transaction: the walk sees one snapshot even while others append.
    NUSQA_TRY(run("verify audit", Access::Read, [&](SqlSession& session) -> Status {
        verification = AuditVerification{};
        auto bad = [&](std::int64_t sequence, std::string problem) {
            verification.intact = false;
            verification.firstBadSequence = sequence;
            verification.problem = std::move(problem);
        };
        std::int64_t expected = 1;
        std::string previous(crypto::kGenesisHash);
        for (bool more = true; more && verification.intact;) {
            std::vector<AuditEntry> page;
            auto rows = NUSQA_TRY(session.prepare(std::string("SELECT ") + kAuditColumns +
                                                  " FROM audit_log WHERE sequence_number >= ?"
                                                  " ORDER BY sequence_number LIMIT ?"));
            rows->bind(expected).bind(kPage);
            while (NUSQA_TRY(rows->next())) page.push_back(auditFromRow(*rows));
            rows.reset();
            more = static_cast<int>(page.size()) == kPage;
            for (const AuditEntry& entry : page) {
                if (entry.sequence != expected) {
                    bad(expected, "entry " + std::to_string(expected) +
                                      " is missing (the next is " + std::to_string(entry.sequence) +
                                      ")");
                    break;
                }
                if (entry.previousHash != previous) {
                    bad(entry.sequence, "entry " + std::to_string(entry.sequence) +
                                            " does not carry the hash of entry " +
                                            std::to_string(entry.sequence - 1));
                    break;
                }
                if (hashOf(entry.sequence, entry.entry, entry.previousHash) != entry.hash) {
                    bad(entry.sequence, "entry " + std::to_string(entry.sequence) +
                                            " was changed: its content does not match its hash");
                    break;
                }
                previous = entry.hash;
                ++verification.entries;
                ++expected;
            }
        }
        if (!verification.intact) return {};
        // The head remembers the last entry: a deleted tail shows here.
        auto head = NUSQA_TRY(
            session.prepare("SELECT sequence_number, entry_hash FROM audit_head WHERE id = 1"));
        if (!NUSQA_TRY(head->next()))
            return fail(ErrorCode::Internal, "audit: the chain's head row is missing");
        if (head->integer(0) != expected - 1 || head->text(1) != previous)
            bad(expected, "the chain ends at entry " + std::to_string(expected - 1) +
                              " but its head names entry " + std::to_string(head->integer(0)) +
                              ": entries at the end were removed, or the head was changed");
        return {};
    }));
    return verification;
}

// ---- outbox -----------------------------------------------------------------

Status SqlRecordStore::enqueue(const std::vector<NewMail>& mail, const std::string& at) {
    return run("enqueue mail", Access::Write, [&](SqlSession& session) -> Status {
        for (const NewMail& message : mail) {
            auto insert = NUSQA_TRY(session.prepare(
                "INSERT INTO outbox (recipient, subject, body, created_at, sent_at, attempts,"
                " last_error) VALUES (?, ?, ?, ?, '', 0, '')"));
            insert->bind(message.recipient).bind(message.subject).bind(message.body).bind(at);
            NUSQA_TRY(insert->execute());
        }
        return {};
    });
}

Result<std::vector<MailMessage>> SqlRecordStore::pendingMail(int limit, int maxAttempts) {
    std::vector<MailMessage> pending;
    NUSQA_TRY(run("select pending mail", Access::Read, [&](SqlSession& session) -> Status {
        pending.clear();
        auto rows = NUSQA_TRY(session.prepare(
            "SELECT id, recipient, subject, body, created_at, sent_at, attempts, last_error"
            " FROM outbox WHERE sent_at = '' AND attempts < ? ORDER BY id LIMIT ?"));
        rows->bind(maxAttempts).bind(std::clamp(limit, 1, 1000));
        while (NUSQA_TRY(rows->next()))
            pending.push_back(MailMessage{rows->integer(0),
                                          {rows->text(1), rows->text(2), rows->text(3)},
                                          rows->text(4),
                                          rows->text(5),
                                          static_cast<int>(rows->integer(6)),
                                          rows->text(7)});
        return {};
    }));
    return pending;
}

Status SqlRecordStore::markSent(std::int64_t id, const std::string& at) {
    return run("mark mail sent", Access::Write, [&](SqlSession& session) -> Status {
        auto update = NUSQA_TRY(
            session.prepare("UPDATE outbox SET sent_at = ? WHERE id = ? AND sent_at = ''"));
        update->bind(at).bind(id);
        if (NUSQA_TRY(update->execute()) != 1)
            return fail(ErrorCode::Conflict,
                        "mail " + std::to_string(id) + " was already sent (or is unknown)");
        return {};
    });
}

Status SqlRecordStore::markFailed(std::int64_t id, const std::string& error) {
    return run("mark mail failed", Access::Write, [&](SqlSession& session) -> Status {
        auto update = NUSQA_TRY(session.prepare(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, sent_at = ''"
            " WHERE id = ?"));
        update->bind(error.substr(0, 1000)).bind(id);
        NUSQA_TRY(update->execute());
        return {};
    });
}

}  // namespace nusqa::storage
