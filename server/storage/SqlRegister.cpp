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

}  // namespace

Result<std::vector<RegisterEntry>> SqlRecordStore::inForceOn(const RegisterQuery& query) {
    // The edition with the latest effective date not after the date; a later
    // one (even one cancelled since) ended it. Ties: the higher number.
    std::string sql = std::string("SELECT ") + kDocumentColumns + ", " + kEditionColumns +
                      ", l.effective_date, l.ended_on FROM editions AS e"
                      " JOIN edition_lifecycle AS l ON l.edition_id = e.id"
                      " JOIN documents AS d ON d.id = e.document_id"
                      " WHERE " +
                      everInForce("e", "l") +
                      " AND l.effective_date <> '' AND l.effective_date <= ?"
                      " AND (l.ended_on = '' OR l.ended_on > ? OR e.status = 'superseded')"
                      " AND NOT EXISTS (SELECT 1 FROM editions AS n"
                      " JOIN edition_lifecycle AS nl ON nl.edition_id = n.id"
                      " WHERE n.document_id = e.document_id AND n.language = e.language AND " +
                      everInForce("n", "nl") +
                      " AND nl.effective_date <> '' AND nl.effective_date <= ?"
                      " AND (nl.effective_date > l.effective_date OR"
                      " (nl.effective_date = l.effective_date AND n.number > e.number)))";
    if (!query.unit.empty()) sql += " AND d.unit = ?";
    if (query.kind) sql += " AND d.kind = ?";
    if (query.language) sql += " AND e.language = ?";
    sql += " ORDER BY d.code, e.language";
    std::vector<RegisterEntry> found;
    NUSQA_TRY(run("select register", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        auto rows = NUSQA_TRY(session.prepare(sql));
        rows->bind(query.date).bind(query.date).bind(query.date);
        if (!query.unit.empty()) rows->bind(query.unit);
        if (query.kind) rows->bind(toString(*query.kind));
        if (query.language) rows->bind(toString(*query.language));
        while (NUSQA_TRY(rows->next())) {
            RegisterEntry entry;
            entry.document = NUSQA_TRY(documentFromRow(*rows, 0));
            entry.edition = NUSQA_TRY(editionFromRow(*rows, 8));
            entry.effectiveDate = rows->text(18);
            entry.endedOn = rows->text(19);
            found.push_back(std::move(entry));
        }
        return {};
    }));
    return found;
}

}  // namespace nusqa::storage
