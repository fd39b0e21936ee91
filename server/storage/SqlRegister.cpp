// SqlRecordStore: the register in force on a date, from the lifecycle records.
#include "storage/detail/SqlRecordStore.h"
#include "storage/detail/StoreSupport.h"

namespace nusqa::storage {
namespace {

// An edition "ever in force": in force now, superseded (only editions in
// force are superseded, registered older paper editions included), or
// cancelled after it had entered into force.
std::string everInForce(const std::string& edition, const std::string& lifecycle) {
    return "(" + edition + ".status IN ('in_force', 'superseded') OR (" + edition +
           ".status = 'cancelled' AND " + lifecycle + ".entered_at <> ''))";
}

// The periods of the editions ever in force (optionally of one document and
// language: two parameters): from the effective date until the next
// edition's (by effective date, then number; a later one ends it even if
// cancelled since) or, for an edition cancelled while in force, its ended_on,
// whichever comes first; kOpenUntil while neither exists. The same
// statement as migration 16's backfill.
constexpr const char* kOpenUntil = "9999-12-31";

std::string periodsInsert(bool oneDocument) {
    return std::string(
               "INSERT INTO edition_in_force (edition_id, document_id, language, number,"
               " in_force_from, in_force_until)"
               " SELECT x.id, x.document_id, x.language, x.number, x.effective_date,"
               " CASE WHEN x.ended <> '' AND (x.next_from IS NULL OR x.ended < x.next_from)"
               " THEN x.ended ELSE COALESCE(x.next_from, '") +
           kOpenUntil +
           "') END"
           " FROM (SELECT e.id, e.document_id, e.language, e.number, l.effective_date,"
           " CASE WHEN e.status = 'superseded' THEN '' ELSE l.ended_on END AS ended,"
           " (SELECT MIN(nl.effective_date) FROM editions AS n"
           " JOIN edition_lifecycle AS nl ON nl.edition_id = n.id"
           " WHERE n.document_id = e.document_id AND n.language = e.language AND n.id <> e.id"
           " AND " +
           everInForce("n", "nl") +
           " AND nl.effective_date <> '' AND (nl.effective_date > l.effective_date"
           " OR (nl.effective_date = l.effective_date AND n.number > e.number))) AS next_from"
           " FROM editions AS e JOIN edition_lifecycle AS l ON l.edition_id = e.id"
           " WHERE " +
           everInForce("e", "l") + " AND l.effective_date <> ''" +
           (oneDocument ? " AND e.document_id = ? AND e.language = ?" : "") + ") AS x";
}

}  // namespace

Status refreshInForcePeriods(SqlSession& session, std::int64_t documentId,
                             const std::string& language) {
    NUSQA_TRY(executeSql(session,
                         "DELETE FROM edition_in_force WHERE document_id = ? AND language = ?",
                         [&](SqlStatement& s) { s.bind(documentId).bind(language); }));
    return executeSql(session, periodsInsert(true),
                      [&](SqlStatement& s) { s.bind(documentId).bind(language); });
}

Status rebuildInForcePeriods(SqlSession& session) {
    NUSQA_TRY(executeSql(session, "DELETE FROM edition_in_force", [](SqlStatement&) {}));
    return executeSql(session, periodsInsert(false), [](SqlStatement&) {});
}

Result<RegisterPage> SqlRecordStore::inForceOn(const RegisterQuery& query) {
    // The periods that hold the date (edition_in_force, migration 16).
    std::string periods = " AND r.in_force_until > ? AND r.in_force_from <= ?" +
                          std::string(query.language ? " AND r.language = ?" : "");
    std::string documents = std::string(query.unit.empty() ? "" : " AND d.unit = ?") +
                            (query.kind ? " AND d.kind = ?" : "");
    const bool paged = query.limit > 0;
    const int limit = paged ? clampPageLimit(query.limit) : 0;
    const int offset = paged ? clampPageOffset(query.offset) : 0;
    // A page: the documents walked in code order (documents_code; the
    // periods probed per document through edition_in_force_by_document, a
    // scalar subquery so that MariaDB does not materialize every period of
    // the date first) until offset + limit of them hold the date. Each
    // contributes at least one entry, and entries are ordered by code, so
    // the page's entries are among theirs; without a page, every document.
    std::string pageOfDocuments =
        paged ? " JOIN (SELECT d.id FROM documents AS d WHERE (SELECT 1 FROM edition_in_force"
                " AS r WHERE r.document_id = d.id" +
                    periods + " LIMIT 1) IS NOT NULL" + documents +
                    " ORDER BY d.code LIMIT ?) AS page ON page.id = r.document_id"
              : "";
    // The edition through editions_of_document, which holds its columns
    // without the XML: the unary plus keeps SQLite off the unique key of
    // (document, language, number), whose row lookup walks the XML's
    // overflow pages to reach the columns after it.
    std::string sql = std::string("SELECT ") + kDocumentColumns + ", " + kEditionColumns +
                      ", l.effective_date, l.ended_on FROM edition_in_force AS r" +
                      pageOfDocuments +
                      " JOIN documents AS d ON d.id = r.document_id"
                      " JOIN editions AS e ON e.document_id = r.document_id"
                      " AND e.number = r.number AND +e.language = r.language"
                      " JOIN edition_lifecycle AS l ON l.edition_id = r.edition_id"
                      " WHERE 1 = 1" +
                      periods + (paged ? "" : documents) + " ORDER BY d.code, e.language";
    if (paged) sql += " LIMIT ? OFFSET ?";
    // The total: the periods of the date (edition_in_force_by_until, an
    // index range), with the documents only when they filter.
    std::string count = std::string("SELECT COUNT(*) FROM edition_in_force AS r") +
                        (documents.empty() ? "" : " JOIN documents AS d ON d.id = r.document_id") +
                        " WHERE 1 = 1" + periods + documents;
    auto bindPeriods = [&](SqlStatement& statement) {
        statement.bind(query.date).bind(query.date);
        if (query.language) statement.bind(toString(*query.language));
    };
    auto bindDocuments = [&](SqlStatement& statement) {
        if (!query.unit.empty()) statement.bind(query.unit);
        if (query.kind) statement.bind(toString(*query.kind));
    };
    RegisterPage page;
    NUSQA_TRY(run("select register", Access::Read, [&](SqlSession& session) -> Status {
        page = RegisterPage{};
        auto rows = NUSQA_TRY(session.prepare(sql));
        if (paged) {
            bindPeriods(*rows);
            bindDocuments(*rows);
            rows->bind(static_cast<std::int64_t>(offset) + limit);
        }
        bindPeriods(*rows);
        if (!paged) bindDocuments(*rows);
        if (paged) rows->bind(static_cast<std::int64_t>(limit)).bind(offset);
        while (NUSQA_TRY(rows->next())) {
            RegisterEntry entry;
            entry.document = NUSQA_TRY(documentFromRow(*rows, 0));
            entry.edition = NUSQA_TRY(editionFromRow(*rows, 8));
            entry.effectiveDate = rows->text(18);
            entry.endedOn = rows->text(19);
            page.items.push_back(std::move(entry));
        }
        rows.reset();
        if (!paged) {
            page.total = static_cast<std::int64_t>(page.items.size());
            return {};
        }
        auto counted = NUSQA_TRY(session.prepare(count));
        bindPeriods(*counted);
        bindDocuments(*counted);
        if (NUSQA_TRY(counted->next())) page.total = counted->integer(0);
        return {};
    }));
    return page;
}

}  // namespace nusqa::storage
