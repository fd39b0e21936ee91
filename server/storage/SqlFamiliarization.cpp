// SqlRecordStore: distribution lists and familiarization assignments.
#include <algorithm>
#include <tuple>

#include "storage/detail/SqlRecordStore.h"
#include "storage/detail/StoreSupport.h"

namespace nusqa::storage {

namespace {

// The three lists of a distribution: table, column, what a missing id is.
struct DistributionList {
    const char* table;
    const char* column;
    const char* what;
    std::vector<std::int64_t> Distribution::*ids;
};
constexpr DistributionList kDistributionLists[] = {
    {"distribution", "unit_id", "unit", &Distribution::unitIds},
    {"distribution_positions", "position_id", "position", &Distribution::positionIds},
    {"distribution_users", "user_id", "user", &Distribution::userIds},
};

// The columns assignmentOf reads, of `f` (the assignment), `u` (its user)
// and `p` (the user's position, left-joined).
constexpr const char* kAssignmentColumns =
    "SELECT f.id, f.edition_id, f.user_id, f.assigned_at, f.due_date, f.signed_at,"
    " f.reminded_at, f.signature_id, u.full_name_kk, u.full_name_ru,"
    " COALESCE(p.name_kk, ''), COALESCE(p.name_ru, ''), u.email, u.language, u.unit_id";

Result<Assignment> assignmentOf(SqlStatement& rows) {
    Assignment a;
    a.id = rows.integer(0);
    a.editionId = rows.integer(1);
    a.userId = rows.integer(2);
    a.assignedAt = rows.text(3);
    a.dueDate = rows.text(4);
    a.signedAt = rows.text(5);
    a.remindedAt = rows.text(6);
    a.signatureId = rows.integer(7);
    a.fullNameKk = rows.text(8);
    a.fullNameRu = rows.text(9);
    a.positionKk = rows.text(10);
    a.positionRu = rows.text(11);
    a.email = rows.text(12);
    a.language = NUSQA_TRY(storedLanguage(rows.text(13)));
    if (!rows.isNull(14)) a.unitId = rows.integer(14);
    return a;
}

}  // namespace

Result<Distribution> SqlRecordStore::distribution(std::int64_t documentId) {
    Distribution found;
    NUSQA_TRY(run("select distribution", Access::Read, [&](SqlSession& session) -> Status {
        found = {};
        for (const DistributionList& list : kDistributionLists) {
            auto rows = NUSQA_TRY(session.prepare(std::string("SELECT ") + list.column + " FROM " +
                                                  list.table + " WHERE document_id = ? ORDER BY " +
                                                  list.column));
            rows->bind(documentId);
            while (NUSQA_TRY(rows->next())) (found.*list.ids).push_back(rows->integer(0));
        }
        return {};
    }));
    return found;
}

Status SqlRecordStore::setDistribution(std::int64_t documentId, const Distribution& distribution,
                                       const std::vector<NewAuditEntry>& audit) {
    return run("set distribution", Access::Write, [&](SqlSession& session) -> Status {
        auto exists = NUSQA_TRY(session.prepare("SELECT 1 FROM documents WHERE id = ?"));
        exists->bind(documentId);
        if (!NUSQA_TRY(exists->next())) return std::unexpected(documentNotFound(documentId));
        exists.reset();
        for (const DistributionList& list : kDistributionLists) {
            NUSQA_TRY(executeSql(
                session, std::string("DELETE FROM ") + list.table + " WHERE document_id = ?",
                [&](SqlStatement& s) { s.bind(documentId); }));
            for (std::int64_t id : distribution.*list.ids)
                if (auto inserted =
                        executeSql(session,
                                   std::string("INSERT INTO ") + list.table + " (document_id, " +
                                       list.column + ") VALUES (?, ?)",
                                   [&](SqlStatement& s) { s.bind(documentId).bind(id); });
                    !inserted) {
                    if (inserted.error().code == ErrorCode::NotFound)
                        return fail(ErrorCode::NotFound, std::string(list.what) + " " +
                                                             std::to_string(id) + " not found");
                    return inserted;
                }
        }
        return appendAuditEntries(session, audit);
    });
}

Result<std::vector<Assignment>> SqlRecordStore::assignments(const AssignmentQuery& query) {
    // Every filter on an assignment is on `k`, read from an index alone
    // (familiarizations_of_user, familiarizations_once or
    // familiarizations_unsigned, each holding the row's id); the row itself
    // (`f`, by its id) only for the assignments that passed them. MariaDB
    // otherwise reads each candidate's row before the join to
    // editions_in_force drops it: a unit's people have ~500 assignments
    // each, of which a fifth are of editions in force.
    std::string where;
    auto condition = [&](const char* sql) {
        where += (where.empty() ? " WHERE " : " AND ") + std::string(sql);
    };
    if (query.editionId) condition("k.edition_id = ?");
    if (query.userId) condition("k.user_id = ?");
    if (query.unitId) condition("u.unit_id = ?");
    if (query.unsignedOnly) condition("k.signed_at = ''");
    if (query.signedOnly) condition("k.signed_at <> ''");
    if (!query.dueBefore.empty()) condition("k.due_date < ?");
    // In force: the edition is its document's one in force (editions_in_force,
    // a small table), checked from the index's edition_id before an
    // assignment's row is read; not the edition's status through its row.
    std::string inForce = query.inForceOnly ? " JOIN editions_in_force AS i"
                                              " ON i.edition_id = k.edition_id"
                                            : "";
    std::vector<Assignment> found;
    NUSQA_TRY(run("select assignments", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        // No ORDER BY: sorted below. On MariaDB a sort of these rows (the
        // names are TEXT) goes through an on-disk temporary table.
        auto rows = NUSQA_TRY(session.prepare(
            std::string(kAssignmentColumns) +
            " FROM familiarizations AS k JOIN users AS u ON u.id = k.user_id" + inForce +
            " JOIN familiarizations AS f ON f.id = k.id"
            " LEFT JOIN positions AS p ON p.id = u.position_id" +
            where));
        if (query.editionId) rows->bind(*query.editionId);
        if (query.userId) rows->bind(*query.userId);
        if (query.unitId) rows->bind(*query.unitId);
        if (!query.dueBefore.empty()) rows->bind(query.dueBefore);
        while (NUSQA_TRY(rows->next())) found.push_back(NUSQA_TRY(assignmentOf(*rows)));
        return {};
    }));
    // By edition, then name (bytes: the names' collation is binary on both
    // backends), then id.
    std::sort(found.begin(), found.end(), [](const Assignment& a, const Assignment& b) {
        return std::tie(a.editionId, a.fullNameKk, a.id) <
               std::tie(b.editionId, b.fullNameKk, b.id);
    });
    return found;
}

Result<AssignmentPage> SqlRecordStore::overdue(const OverdueQuery& query) {
    // The page's ids come from the index alone, in its order:
    // familiarizations_unsigned (signed_at, due_date, edition_id, user_id)
    // for the whole organisation, so the walk stops after offset + limit
    // assignments of editions in force (each probed in editions_in_force's
    // unique key) instead of reading and sorting every overdue row;
    // familiarizations_unsigned_of_user (user_id, signed_at, due_date,
    // edition_id) for a person, and on MariaDB for a unit's people (from
    // users_by_unit), whose few overdue ids are sorted (SQLite's planner
    // walks the organisation's range for a unit, as before). Only the page's
    // rows, users and positions are read. The total counts the same entries
    // from the same index.
    std::string from =
        " FROM familiarizations AS k JOIN editions_in_force AS i ON i.edition_id = k.edition_id";
    if (query.unitId) from += " JOIN users AS u ON u.id = k.user_id";
    std::string where = " WHERE k.signed_at = '' AND k.due_date < ?";
    if (query.userId) where += " AND k.user_id = ?";
    if (query.unitId) where += " AND u.unit_id = ?";
    auto bind = [&](SqlStatement& statement) {
        statement.bind(query.dueBefore);
        if (query.userId) statement.bind(*query.userId);
        if (query.unitId) statement.bind(*query.unitId);
    };
    AssignmentPage page;
    NUSQA_TRY(run("select overdue assignments", Access::Read, [&](SqlSession& session) -> Status {
        page = {};
        auto count = NUSQA_TRY(session.prepare("SELECT COUNT(*)" + from + where));
        bind(*count);
        if (NUSQA_TRY(count->next())) page.total = count->integer(0);
        count.reset();
        if (page.total <= query.offset) return {};
        // No ORDER BY outside: the rows are sorted below, not through a
        // temporary table with their TEXT names (MariaDB).
        auto rows = NUSQA_TRY(session.prepare(
            std::string(kAssignmentColumns) + " FROM (SELECT k.id" + from + where +
            " ORDER BY k.due_date, k.edition_id, k.user_id LIMIT ? OFFSET ?) AS page"
            " JOIN familiarizations AS f ON f.id = page.id"
            " JOIN users AS u ON u.id = f.user_id"
            " LEFT JOIN positions AS p ON p.id = u.position_id"));
        bind(*rows);
        rows->bind(static_cast<std::int64_t>(query.limit))
            .bind(static_cast<std::int64_t>(query.offset));
        while (NUSQA_TRY(rows->next())) page.items.push_back(NUSQA_TRY(assignmentOf(*rows)));
        return {};
    }));
    std::sort(page.items.begin(), page.items.end(), [](const Assignment& a, const Assignment& b) {
        return std::tie(a.dueDate, a.editionId, a.userId) <
               std::tie(b.dueDate, b.editionId, b.userId);
    });
    return page;
}

}  // namespace nusqa::storage
