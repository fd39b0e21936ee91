#include "storage/detail/SqlSearch.h"

#include <algorithm>
#include <unordered_set>

#include "storage/detail/StoreSupport.h"

namespace nusqa::storage {
namespace {

constexpr int kRowsPerInsert = 32;

// In force on a day (three parameters, the day each time): entered into
// force from its effective date (else the day it entered) on or before the
// day; no later edition of the document in its language entered by then;
// not cancelled by then. Dates compare as "YYYY-MM-DD" text.
constexpr const char* kInForceOn =
    " AND EXISTS (SELECT 1 FROM edition_lifecycle AS l WHERE l.edition_id = e.id"
    " AND l.entered_at <> '' AND (CASE WHEN l.effective_date <> ''"
    " THEN SUBSTR(l.effective_date, 1, 10) ELSE SUBSTR(l.entered_at, 1, 10) END) <= ?)"
    " AND NOT EXISTS (SELECT 1 FROM editions AS n"
    " JOIN edition_lifecycle AS nl ON nl.edition_id = n.id"
    " WHERE n.document_id = e.document_id AND n.language = e.language AND n.number > e.number"
    " AND nl.entered_at <> '' AND (CASE WHEN nl.effective_date <> ''"
    " THEN SUBSTR(nl.effective_date, 1, 10) ELSE SUBSTR(nl.entered_at, 1, 10) END) <= ?)"
    " AND NOT (e.status = 'cancelled' AND SUBSTR(e.updated_at, 1, 10) <= ?)";

// "(?, ?, ...)" for count values.
std::string placeholders(std::size_t count) {
    std::string list = "(";
    for (std::size_t i = 0; i < count; ++i) list += i == 0 ? "?" : ", ?";
    return list + ")";
}

std::string joined(const std::vector<std::string>& stems) {
    std::string text;
    for (const std::string& stem : stems) text += (text.empty() ? "" : " ") + stem;
    return text;
}

// The full-text condition and the relevance, per dialect.
struct EngineSql {
    std::string from;    // tables after FROM, the passages as p
    std::string score;   // the relevance of a row; on MySQL one parameter: the query
    std::string match;   // the condition, one parameter: the query
    std::string newest;  // the newest passages first, in the engine's own order
    std::string best;    // the outer ORDER BY of c.score, best first
    bool queryInScore = false;
};

EngineSql engineSql(SqlDialect dialect) {
    if (dialect == SqlDialect::Sqlite)
        return {"search_fts JOIN search_passages AS p ON p.id = search_fts.rowid",
                "search_fts.rank",
                "search_fts MATCH ?",
                "search_fts.rowid DESC",
                "c.score",
                false};
    return {"search_passages AS p",
            "MATCH (p.terms) AGAINST (? IN BOOLEAN MODE)",
            "MATCH (p.terms) AGAINST (? IN BOOLEAN MODE)",
            "p.id DESC",
            "c.score DESC",
            true};
}

constexpr const char* kDocumentColumnsOfD =
    "d.id, d.code, d.kind, d.title, d.unit, d.language, d.created_at, d.updated_at";

Result<Document> documentAt(const SqlStatement& row, int first) {
    Document document;
    document.id = row.integer(first);
    document.code = row.text(first + 1);
    document.kind = NUSQA_TRY(storedKind(row.text(first + 2)));
    document.title = row.text(first + 3);
    document.unit = row.text(first + 4);
    document.language = NUSQA_TRY(storedLanguage(row.text(first + 5)));
    document.createdAt = normalTimestamp(row.text(first + 6));
    document.updatedAt = normalTimestamp(row.text(first + 7));
    return document;
}

// The best passages' details: passage, edition, document.
Result<SearchMatch> matchOf(SqlSession& session, std::int64_t passageId) {
    auto row = NUSQA_TRY(session.prepare(std::string("SELECT p.eid, p.num, p.text, ") +
                                         kEditionColumns + ", " + kDocumentColumnsOfD +
                                         " FROM search_passages AS p"
                                         " JOIN editions AS e ON e.id = p.edition_id"
                                         " JOIN documents AS d ON d.id = e.document_id"
                                         " WHERE p.id = ?"));
    row->bind(passageId);
    if (!NUSQA_TRY(row->next()))
        return fail(ErrorCode::Internal,
                    "search passage " + std::to_string(passageId) + " vanished");
    SearchMatch match;
    match.passage.eId = row->text(0);
    match.passage.num = row->text(1);
    match.passage.text = row->text(2);
    match.edition = NUSQA_TRY(editionFromRow(*row, 3));
    match.document = NUSQA_TRY(documentAt(*row, 13));
    return match;
}

}  // namespace

std::string fullTextQuery(SqlDialect dialect, const std::vector<SearchClause>& clauses) {
    std::string query;
    for (const SearchClause& clause : clauses) {
        std::string group;
        for (const std::vector<std::string>& alternative : clause.alternatives) {
            std::string term = "\"" + joined(alternative) + "\"";
            if (!clause.phrase) term += "*";
            if (dialect == SqlDialect::Sqlite) {
                group += (group.empty() ? "" : " OR ") + term;
            } else {
                // InnoDB: a prefix is a bare word with *, a phrase in quotes.
                if (!clause.phrase) term = joined(alternative) + "*";
                group += (group.empty() ? "" : " ") + term;
            }
        }
        if (dialect == SqlDialect::Sqlite)
            query += (query.empty() ? "(" : " AND (") + group + ")";
        else
            query += (query.empty() ? "+(" : " +(") + group + ")";
    }
    return query;
}

std::vector<SearchPassage> SqlSearch::passagesOf(std::string_view xml) const {
    if (!_extractor) return {};
    auto passages = _extractor(xml);
    if (!passages) return {};
    return std::move(*passages);
}

Status writePassages(SqlSession& session, std::int64_t editionId,
                     const std::vector<SearchPassage>& passages) {
    NUSQA_TRY(executeSql(session, "DELETE FROM search_passages WHERE edition_id = ?",
                         [&](SqlStatement& s) { s.bind(editionId); }));
    for (std::size_t first = 0; first < passages.size(); first += kRowsPerInsert) {
        std::size_t count = std::min<std::size_t>(kRowsPerInsert, passages.size() - first);
        std::string sql =
            "INSERT INTO search_passages (edition_id, ordinal, eid, num, text, terms) VALUES ";
        for (std::size_t i = 0; i < count; ++i)
            sql += i == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)";
        NUSQA_TRY(executeSql(session, sql, [&](SqlStatement& s) {
            for (std::size_t i = first; i < first + count; ++i) {
                const SearchPassage& passage = passages[i];
                s.bind(editionId).bind(static_cast<std::int64_t>(i));
                s.bind(passage.eId).bind(passage.num).bind(passage.text).bind(passage.terms);
            }
        }));
    }
    return {};
}

Result<SearchResults> SqlSearch::search(const SearchCriteria& criteria) {
    if (criteria.clauses.empty() || (criteria.statuses.empty() && criteria.inForceOn.empty()))
        return fail(ErrorCode::InvalidArgument, "a search needs a clause and a status");
    SearchResults results;
    NUSQA_TRY(_executor.transact("search", Access::Read, [&](SqlSession& session) -> Status {
        results = SearchResults{};
        EngineSql engine = engineSql(session.dialect());
        std::string query = fullTextQuery(session.dialect(), criteria.clauses);
        // The newest kCandidates matching passages (the engine stops there
        // instead of scoring every match of a frequent word), ranked.
        std::string sql =
            "SELECT c.id, c.edition_id FROM (SELECT p.id AS id, p.edition_id AS"
            " edition_id, p.ordinal AS ordinal, " +
            engine.score + " AS score FROM " + engine.from +
            " JOIN editions AS e ON e.id = p.edition_id" +
            (criteria.unit.empty() ? "" : " JOIN documents AS d ON d.id = e.document_id") +
            " WHERE " + engine.match;
        if (criteria.inForceOn.empty())
            sql += " AND e.status IN " + placeholders(criteria.statuses.size());
        else
            sql += kInForceOn;
        if (criteria.language) sql += " AND e.language = ?";
        if (!criteria.unit.empty()) sql += " AND d.unit = ?";
        sql += " ORDER BY " + engine.newest + " LIMIT ?) AS c ORDER BY " + engine.best +
               ", c.edition_id, c.ordinal";
        if (session.dialect() == SqlDialect::Mysql)
            sql = "SET STATEMENT max_statement_time = " + std::to_string(kStatementSeconds) +
                  " FOR " + sql;
        std::vector<std::int64_t> best;  // the best passage per edition, best first
        {
            auto rows = NUSQA_TRY(session.prepare(sql));
            if (engine.queryInScore) rows->bind(query);
            rows->bind(query);
            if (criteria.inForceOn.empty())
                for (EditionStatus status : criteria.statuses) rows->bind(toString(status));
            else
                rows->bind(criteria.inForceOn).bind(criteria.inForceOn).bind(criteria.inForceOn);
            if (criteria.language) rows->bind(toString(*criteria.language));
            if (!criteria.unit.empty()) rows->bind(criteria.unit);
            rows->bind(kCandidates);
            std::unordered_set<std::int64_t> seen;
            int read = 0;
            while (NUSQA_TRY(rows->next())) {
                ++read;
                if (seen.insert(rows->integer(1)).second) best.push_back(rows->integer(0));
            }
            results.truncated = read >= kCandidates;
        }
        results.total = static_cast<std::int64_t>(best.size());
        std::size_t from =
            std::min(best.size(), static_cast<std::size_t>(std::max(0, criteria.offset)));
        std::size_t to =
            std::min(best.size(), from + static_cast<std::size_t>(std::max(0, criteria.limit)));
        for (std::size_t i = from; i < to; ++i)
            results.matches.push_back(NUSQA_TRY(matchOf(session, best[i])));
        return Status{};
    }));
    return results;
}

Result<std::int64_t> SqlSearch::indexMissing() {
    if (!_extractor) return 0;
    std::int64_t indexed = 0;
    std::int64_t after = 0;
    for (;;) {
        std::vector<std::int64_t> missing;
        NUSQA_TRY(_executor.transact(
            "find unindexed editions", Access::Read, [&](SqlSession& session) -> Status {
                missing.clear();
                auto rows = NUSQA_TRY(
                    session.prepare("SELECT e.id FROM editions AS e WHERE e.id > ? AND"
                                    " NOT EXISTS (SELECT 1 FROM search_passages AS p"
                                    " WHERE p.edition_id = e.id) ORDER BY e.id LIMIT 100"));
                rows->bind(after);
                while (NUSQA_TRY(rows->next())) missing.push_back(rows->integer(0));
                return Status{};
            }));
        if (missing.empty()) return indexed;
        for (std::int64_t id : missing) {
            after = id;
            std::string xml;
            NUSQA_TRY(_executor.transact(
                "read edition to index", Access::Read, [&](SqlSession& session) -> Status {
                    auto row = NUSQA_TRY(session.prepare("SELECT xml FROM editions WHERE id = ?"));
                    row->bind(id);
                    xml = NUSQA_TRY(row->next()) ? row->blob(0) : "";
                    return Status{};
                }));
            std::vector<SearchPassage> passages = passagesOf(xml);
            if (passages.empty()) continue;
            // Written only if still missing: a concurrent draft update wrote
            // the newer text already.
            NUSQA_TRY(_executor.transact(
                "index edition", Access::Write, [&](SqlSession& session) -> Status {
                    auto row = NUSQA_TRY(session.prepare(
                        "SELECT COUNT(*) FROM search_passages WHERE edition_id = ?"));
                    row->bind(id);
                    NUSQA_TRY(row->next());
                    if (row->integer(0) > 0) return Status{};
                    row.reset();
                    return writePassages(session, id, passages);
                }));
            ++indexed;
        }
    }
}

}  // namespace nusqa::storage
