// SqlRecordStore: controlled copies — issued, listed, returned — and their
// recall request inside a lifecycle change (migration 8).
#include <algorithm>

#include "storage/detail/SqlRecordStore.h"
#include "storage/detail/StoreSupport.h"

namespace nusqa::storage {
namespace {

constexpr const char* kCopySelect =
    "SELECT id, edition_id, number, holder_user_id, holder_unit_id, holder_name, note, state,"
    " issued_by, issued_by_login, issued_at, recall_requested_at, recalled_by,"
    " recalled_by_login, recalled_at FROM controlled_copies";

std::optional<std::int64_t> nullableId(const SqlStatement& row, int column) {
    if (row.isNull(column)) return std::nullopt;
    return row.integer(column);
}

Result<ControlledCopy> copyFromRow(const SqlStatement& row) {
    ControlledCopy copy;
    copy.id = row.integer(0);
    copy.editionId = row.integer(1);
    copy.number = static_cast<int>(row.integer(2));
    copy.holderUserId = nullableId(row, 3);
    copy.holderUnitId = nullableId(row, 4);
    copy.holderName = row.text(5);
    copy.note = row.text(6);
    auto state = parseCopyState(row.text(7));
    if (!state) return fail(ErrorCode::Internal, "unknown copy state " + row.text(7));
    copy.state = *state;
    copy.issuedBy = row.integer(8);
    copy.issuedByLogin = row.text(9);
    copy.issuedAt = row.text(10);
    copy.recallRequestedAt = row.text(11);
    copy.recalledBy = nullableId(row, 12);
    copy.recalledByLogin = row.text(13);
    copy.recalledAt = row.text(14);
    return copy;
}

Error copyNotFound(std::int64_t copyId) {
    return Error{ErrorCode::NotFound, "no controlled copy " + std::to_string(copyId), {}};
}

Result<ControlledCopy> readCopy(SqlSession& session, std::int64_t copyId, bool forUpdate) {
    auto row = NUSQA_TRY(session.prepare(std::string(kCopySelect) + " WHERE id = ?" +
                                         (forUpdate ? session.forUpdate() : "")));
    row->bind(copyId);
    if (!NUSQA_TRY(row->next())) return std::unexpected(copyNotFound(copyId));
    return copyFromRow(*row);
}

Status requireRow(SqlSession& session, const std::string& sql, std::int64_t id,
                  const std::string& missing) {
    auto row = NUSQA_TRY(session.prepare(sql));
    row->bind(id);
    if (!NUSQA_TRY(row->next())) return fail(ErrorCode::NotFound, missing);
    return {};
}

}  // namespace

Result<ControlledCopy> SqlRecordStore::issueCopy(const ControlledCopy& copy,
                                                 const std::vector<NewAuditEntry>& audit) {
    ControlledCopy issued = copy;
    NUSQA_TRY(run("insert controlled copy", Access::Write, [&](SqlSession& session) -> Status {
        issued = copy;
        // The edition's row lock orders this against the change that ends
        // its force: a copy is either issued before (and recalled by it) or
        // refused after.
        auto edition = NUSQA_TRY(session.prepare(
            std::string("SELECT status FROM editions WHERE id = ?") + session.forUpdate()));
        edition->bind(copy.editionId);
        if (!NUSQA_TRY(edition->next())) return std::unexpected(editionNotFound(copy.editionId));
        std::string status = edition->text(0);
        if (status != toString(EditionStatus::Approved) &&
            status != toString(EditionStatus::InForce))
            return fail(ErrorCode::Conflict,
                        "edition " + std::to_string(copy.editionId) + " is " + status +
                            ": copies are issued only of an edition approved or in force");
        if (copy.holderUserId)
            NUSQA_TRY(requireRow(session, "SELECT id FROM users WHERE id = ?", *copy.holderUserId,
                                 "no user " + std::to_string(*copy.holderUserId)));
        if (copy.holderUnitId)
            NUSQA_TRY(requireRow(session, "SELECT id FROM units WHERE id = ?", *copy.holderUnitId,
                                 "no unit " + std::to_string(*copy.holderUnitId)));
        auto last = NUSQA_TRY(session.prepare(
            "SELECT COALESCE(MAX(number), 0) FROM controlled_copies WHERE edition_id = ?"));
        last->bind(copy.editionId);
        if (!NUSQA_TRY(last->next())) return fail(ErrorCode::Internal, "no copy count");
        issued.number = static_cast<int>(last->integer(0)) + 1;
        issued.state = CopyState::Open;
        issued.recallRequestedAt.clear();
        issued.recalledBy.reset();
        issued.recalledByLogin.clear();
        issued.recalledAt.clear();
        NUSQA_TRY(executeSql(
            session,
            "INSERT INTO controlled_copies (edition_id, number, holder_user_id, holder_unit_id,"
            " holder_name, note, state, issued_by, issued_by_login, issued_at,"
            " recall_requested_at, recalled_by, recalled_by_login, recalled_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, '', NULL, '', '')",
            [&](SqlStatement& s) {
                s.bind(issued.editionId).bind(issued.number).bind(issued.holderUserId);
                s.bind(issued.holderUnitId).bind(issued.holderName).bind(issued.note);
                s.bind(issued.issuedBy).bind(issued.issuedByLogin).bind(issued.issuedAt);
            }));
        issued.id = NUSQA_TRY(session.lastInsertId());
        std::vector<NewAuditEntry> entries = audit;
        for (NewAuditEntry& entry : entries) {
            entry.objectId = std::to_string(issued.id);
            entry.details = "№ " + std::to_string(issued.number) + ", " + entry.details;
        }
        return appendAuditEntries(session, entries);
    }));
    return issued;
}

Result<ControlledCopy> SqlRecordStore::copy(std::int64_t copyId) {
    ControlledCopy found;
    NUSQA_TRY(run("select controlled copy", Access::Read, [&](SqlSession& session) -> Status {
        found = NUSQA_TRY(readCopy(session, copyId, false));
        return {};
    }));
    return found;
}

Result<std::vector<ControlledCopy>> SqlRecordStore::copies(const CopyQuery& query) {
    std::string sql = kCopySelect;
    std::string where;
    if (query.editionId) where += " edition_id = ?";
    if (query.state) where += std::string(where.empty() ? "" : " AND") + " state = ?";
    if (!where.empty()) sql += " WHERE" + where;
    sql += " ORDER BY edition_id, number";
    std::vector<ControlledCopy> found;
    NUSQA_TRY(run("select controlled copies", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        auto rows = NUSQA_TRY(session.prepare(sql));
        if (query.editionId) rows->bind(*query.editionId);
        if (query.state) rows->bind(toString(*query.state));
        while (NUSQA_TRY(rows->next())) found.push_back(NUSQA_TRY(copyFromRow(*rows)));
        return {};
    }));
    return found;
}

Result<ControlledCopy> SqlRecordStore::recallCopy(std::int64_t copyId, std::int64_t recalledBy,
                                                  const std::string& recalledByLogin,
                                                  const std::string& at,
                                                  const std::vector<NewAuditEntry>& audit) {
    ControlledCopy recalled;
    NUSQA_TRY(run("recall controlled copy", Access::Write, [&](SqlSession& session) -> Status {
        std::int64_t matched = 0;
        NUSQA_TRY(executeSql(
            session,
            "UPDATE controlled_copies SET state = 'recalled', recalled_by = ?,"
            " recalled_by_login = ?, recalled_at = ? WHERE id = ? AND state <> 'recalled'",
            [&](SqlStatement& s) {
                s.bind(recalledBy).bind(recalledByLogin).bind(at).bind(copyId);
            },
            &matched));
        recalled = NUSQA_TRY(readCopy(session, copyId, false));
        if (matched == 0)
            return fail(ErrorCode::Conflict, "copy " + std::to_string(copyId) +
                                                 " was already recalled at " + recalled.recalledAt);
        return appendAuditEntries(session, audit);
    }));
    return recalled;
}

Status recallCopiesOf(SqlSession& session, const LifecycleChange& change) {
    if (change.recallCopiesOf == 0) return {};
    std::vector<std::int64_t> open;
    {
        auto rows = NUSQA_TRY(session.prepare(
            std::string("SELECT id FROM controlled_copies WHERE edition_id = ? AND state = 'open'"
                        " ORDER BY id") +
            session.forUpdate()));
        rows->bind(change.recallCopiesOf);
        while (NUSQA_TRY(rows->next())) open.push_back(rows->integer(0));
    }
    std::vector<std::int64_t> expected = change.recallCopies;
    std::sort(expected.begin(), expected.end());
    if (open != expected)
        return fail(ErrorCode::Conflict, "controlled copies of edition " +
                                             std::to_string(change.recallCopiesOf) +
                                             " were issued or returned meanwhile: read again and "
                                             "retry");
    for (std::int64_t id : open)
        NUSQA_TRY(executeSql(session,
                             "UPDATE controlled_copies SET state = 'recall_requested',"
                             " recall_requested_at = ? WHERE id = ? AND state = 'open'",
                             [&](SqlStatement& s) { s.bind(change.at).bind(id); }));
    return {};
}

}  // namespace nusqa::storage
