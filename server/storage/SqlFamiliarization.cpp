// SqlRecordStore: distribution lists and familiarization assignments.
#include "storage/detail/SqlRecordStore.h"
#include "storage/detail/StoreSupport.h"

namespace nusqa::storage {

Result<std::vector<std::int64_t>> SqlRecordStore::distribution(std::int64_t documentId) {
    std::vector<std::int64_t> found;
    NUSQA_TRY(run("select distribution", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        auto rows = NUSQA_TRY(session.prepare(
            "SELECT unit_id FROM distribution WHERE document_id = ? ORDER BY unit_id"));
        rows->bind(documentId);
        while (NUSQA_TRY(rows->next())) found.push_back(rows->integer(0));
        return {};
    }));
    return found;
}

Status SqlRecordStore::setDistribution(std::int64_t documentId,
                                       const std::vector<std::int64_t>& unitIds,
                                       const std::vector<NewAuditEntry>& audit) {
    return run("set distribution", Access::Write, [&](SqlSession& session) -> Status {
        auto exists = NUSQA_TRY(session.prepare("SELECT 1 FROM documents WHERE id = ?"));
        exists->bind(documentId);
        if (!NUSQA_TRY(exists->next())) return std::unexpected(documentNotFound(documentId));
        exists.reset();
        NUSQA_TRY(executeSql(session, "DELETE FROM distribution WHERE document_id = ?",
                             [&](SqlStatement& s) { s.bind(documentId); }));
        for (std::int64_t unit : unitIds)
            if (auto inserted = executeSql(
                    session, "INSERT INTO distribution (document_id, unit_id) VALUES (?, ?)",
                    [&](SqlStatement& s) { s.bind(documentId).bind(unit); });
                !inserted) {
                if (inserted.error().code == ErrorCode::NotFound)
                    return fail(ErrorCode::NotFound, "unit " + std::to_string(unit) + " not found");
                return inserted;
            }
        return appendAuditEntries(session, audit);
    });
}

Result<std::vector<Assignment>> SqlRecordStore::assignments(const AssignmentQuery& query) {
    std::string where;
    auto condition = [&](const char* sql) {
        where += (where.empty() ? " WHERE " : " AND ") + std::string(sql);
    };
    if (query.editionId) condition("f.edition_id = ?");
    if (query.userId) condition("f.user_id = ?");
    if (query.unitId) condition("u.unit_id = ?");
    if (query.unsignedOnly) condition("f.signed_at = ''");
    if (query.signedOnly) condition("f.signed_at <> ''");
    if (!query.dueBefore.empty()) condition("f.due_date < ?");
    if (query.inForceOnly) condition("e.status = 'in_force'");
    std::vector<Assignment> found;
    NUSQA_TRY(run("select assignments", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        auto rows = NUSQA_TRY(session.prepare(
            "SELECT f.id, f.edition_id, f.user_id, f.assigned_at, f.due_date, f.signed_at,"
            " f.reminded_at, f.signature_id, u.full_name_kk, u.full_name_ru,"
            " COALESCE(p.name_kk, ''), COALESCE(p.name_ru, ''), u.email, u.language, u.unit_id"
            " FROM familiarizations AS f JOIN users AS u ON u.id = f.user_id"
            " JOIN editions AS e ON e.id = f.edition_id"
            " LEFT JOIN positions AS p ON p.id = u.position_id" +
            where + " ORDER BY f.edition_id, u.full_name_kk, f.id"));
        if (query.editionId) rows->bind(*query.editionId);
        if (query.userId) rows->bind(*query.userId);
        if (query.unitId) rows->bind(*query.unitId);
        if (!query.dueBefore.empty()) rows->bind(query.dueBefore);
        while (NUSQA_TRY(rows->next())) {
            Assignment a;
            a.id = rows->integer(0);
            a.editionId = rows->integer(1);
            a.userId = rows->integer(2);
            a.assignedAt = rows->text(3);
            a.dueDate = rows->text(4);
            a.signedAt = rows->text(5);
            a.remindedAt = rows->text(6);
            a.signatureId = rows->integer(7);
            a.fullNameKk = rows->text(8);
            a.fullNameRu = rows->text(9);
            a.positionKk = rows->text(10);
            a.positionRu = rows->text(11);
            a.email = rows->text(12);
            a.language = NUSQA_TRY(storedLanguage(rows->text(13)));
            if (!rows->isNull(14)) a.unitId = rows->integer(14);
            found.push_back(std::move(a));
        }
        return {};
    }));
    return found;
}

}  // namespace nusqa::storage
