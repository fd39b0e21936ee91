#include "storage/detail/SqlSearch.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "storage/detail/StoreSupport.h"

namespace nusqa::storage {
namespace {

using Clock = std::chrono::steady_clock;

// Rows per multi-row INSERT (powers of two, see chunkSizes): large, so that
// indexing a batch of editions takes few round trips; bounded, so that a
// statement stays far below max_allowed_packet (16 MiB) and SQLite's 32,766
// parameters. Passages also by their text (a clause may be long).
constexpr std::size_t kRowsPerInsert = 64;
constexpr std::size_t kBytesPerInsert = 1 << 20;
constexpr std::size_t kPostingsPerInsert = 1024;
constexpr std::size_t kTermsPerUpsert = 512;
// Editions indexed per transaction by indexMissing.
constexpr int kEditionsPerIndexBatch = 100;
// BM25's average passage length, in stems: a constant (the clauses of the
// corpus fixtures average 21), not the candidates' average — a handful of
// candidates would otherwise not penalise a long passage at all.
constexpr double kAveragePassageStems = 21.0;

// The day an edition's lifecycle row (alias) counts as in force since: its
// effective date, else the day it entered.
std::string since(const std::string& l) {
    return "(CASE WHEN " + l + ".effective_date <> '' THEN SUBSTR(" + l +
           ".effective_date, 1, 10) ELSE SUBSTR(" + l + ".entered_at, 1, 10) END)";
}

// An edition ever in force, as the register reads it (SqlRegister.cpp): in
// force, superseded (registered older paper editions included), or
// cancelled after it had entered.
std::string everInForce(const std::string& e, const std::string& l) {
    return "(" + e + ".status IN ('in_force', 'superseded') OR (" + e +
           ".status = 'cancelled' AND " + l + ".entered_at <> ''))";
}

// In force on a day (three parameters, the day each time): see
// SearchCriteria::inForceOn. The same reading as the register on a date.
std::string inForceOnSql() {
    return " AND EXISTS (SELECT 1 FROM edition_lifecycle AS l WHERE l.edition_id = e.id AND " +
           everInForce("e", "l") + " AND " + since("l") + " <> '' AND " + since("l") +
           " <= ? AND (l.ended_on = '' OR l.ended_on > ? OR e.status = 'superseded')"
           " AND NOT EXISTS (SELECT 1 FROM editions AS n"
           " JOIN edition_lifecycle AS nl ON nl.edition_id = n.id"
           " WHERE n.document_id = e.document_id AND n.language = e.language AND n.id <> e.id"
           " AND " +
           everInForce("n", "nl") + " AND " + since("nl") + " <> '' AND " + since("nl") +
           " <= ? AND (" + since("nl") + " > " + since("l") + " OR (" + since("nl") + " = " +
           since("l") + " AND n.number > e.number))))";
}

std::string placeholders(std::size_t count) {
    std::string list = "(";
    for (std::size_t i = 0; i < count; ++i) list += i == 0 ? "?" : ", ?";
    return list + ")";
}

// The distinct stems of a passage's terms, sorted.
std::set<std::string> distinctTerms(std::string_view terms) {
    std::set<std::string> out;
    std::size_t at = 0;
    while (at < terms.size()) {
        std::size_t end = terms.find(' ', at);
        if (end == std::string_view::npos) end = terms.size();
        if (end > at) out.emplace(terms.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

std::vector<std::string_view> tokens(std::string_view terms) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at < terms.size()) {
        std::size_t end = terms.find(' ', at);
        if (end == std::string_view::npos) end = terms.size();
        if (end > at) out.push_back(terms.substr(at, end - at));
        at = end + 1;
    }
    return out;
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

// What a query's clause stands for in the index.
struct ClausePlan {
    std::vector<std::string> driving;  // exact stems whose postings hold every match
    std::int64_t cost = 0;             // passages those stems hold
    bool checkInSql = false;           // phrases: their other stems checked per passage
};

// One passage read as a candidate.
struct Candidate {
    std::int64_t id = 0;
    std::int64_t editionId = 0;
    std::int64_t ordinal = 0;
    std::string terms;
    double score = 0;
};

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

// How often the clause matches in the passage's stems: word prefixes, or
// phrases as stems in a row.
int frequency(const SearchClause& clause, const std::vector<std::string_view>& stems) {
    int count = 0;
    for (const std::vector<std::string>& alternative : clause.alternatives) {
        if (alternative.empty()) continue;
        if (!clause.phrase) {
            for (std::string_view stem : stems)
                if (startsWith(stem, alternative[0])) ++count;
            continue;
        }
        for (std::size_t i = 0; i + alternative.size() <= stems.size(); ++i) {
            bool all = true;
            for (std::size_t k = 0; k < alternative.size() && all; ++k)
                all = stems[i + k] == alternative[k];
            if (all) ++count;
        }
    }
    return count;
}

}  // namespace

std::string prefixEnd(const std::string& stem) {
    if (stem.empty()) return std::string(1, '\x01');
    std::size_t at = stem.size() - 1;
    while (at > 0 && (static_cast<unsigned char>(stem[at]) & 0xC0) == 0x80) --at;
    auto byte = [&](std::size_t i) {
        return static_cast<char32_t>(static_cast<unsigned char>(stem[i]));
    };
    char32_t point = byte(at);
    std::size_t length = stem.size() - at;
    if (length == 2)
        point = ((point & 0x1F) << 6) | (byte(at + 1) & 0x3F);
    else if (length == 3)
        point = ((point & 0x0F) << 12) | ((byte(at + 1) & 0x3F) << 6) | (byte(at + 2) & 0x3F);
    else if (length == 4)
        point = ((point & 0x07) << 18) | ((byte(at + 1) & 0x3F) << 12) |
                ((byte(at + 2) & 0x3F) << 6) | (byte(at + 3) & 0x3F);
    ++point;
    if (point == 0xD800) point = 0xE000;
    std::string out = stem.substr(0, at);
    if (point < 0x80) {
        out += static_cast<char>(point);
    } else if (point < 0x800) {
        out += static_cast<char>(0xC0 | (point >> 6));
        out += static_cast<char>(0x80 | (point & 0x3F));
    } else if (point < 0x10000) {
        out += static_cast<char>(0xE0 | (point >> 12));
        out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (point >> 18));
        out += static_cast<char>(0x80 | ((point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (point & 0x3F));
    }
    return out;
}

std::vector<SearchPassage> SqlSearch::passagesOf(std::string_view xml) const {
    if (!_extractor) return {};
    auto passages = _extractor(xml);
    if (!passages) return {};
    return std::move(*passages);
}

namespace {

// Rows per statement: `maximum` (a power of two) at a time, then the rest
// in its binary decomposition (37 = 32 + 4 + 1), so that a connection
// prepares a few shapes of each statement, not one per row count.
std::vector<std::size_t> chunkSizes(std::size_t total, std::size_t maximum) {
    std::vector<std::size_t> sizes(total / maximum, maximum);
    for (std::size_t bit = maximum / 2; bit > 0; bit /= 2)
        if ((total % maximum) & bit) sizes.push_back(bit);
    return sizes;
}

// Inserts rows [first, first + total) as multi-row INSERTs of at most
// `maximum` rows: head, then `row` once per row, then tail; bind(s, i)
// binds row i.
Status insertRows(SqlSession& session, const std::string& head, const char* row,
                  const std::string& tail, std::size_t first, std::size_t total,
                  std::size_t maximum,
                  const std::function<void(SqlStatement&, std::size_t)>& bind) {
    for (std::size_t size : chunkSizes(total, maximum)) {
        std::string sql = head;
        for (std::size_t i = 0; i < size; ++i) (sql += i == 0 ? "" : ", ") += row;
        sql += tail;
        NUSQA_TRY(executeSql(session, sql, [&](SqlStatement& s) {
            for (std::size_t i = first; i < first + size; ++i) bind(s, i);
        }));
        first += size;
    }
    return {};
}

}  // namespace

Status writePassages(SqlSession& session, std::int64_t editionId,
                     const std::vector<SearchPassage>& passages) {
    return writePassages(session, std::vector<EditionPassages>{{editionId, &passages}});
}

Status writePassages(SqlSession& session, const std::vector<EditionPassages>& editions) {
    // Passages per stem, as this write changes them, over all the editions:
    // one upsert per stem, not one per stem and edition; sorted, so
    // concurrent writers lock search_terms rows in one order.
    std::map<std::string, std::int64_t> delta;
    for (const EditionPassages& edition : editions) {
        std::vector<std::int64_t> oldIds;
        auto old = NUSQA_TRY(
            session.prepare("SELECT id, terms FROM search_passages WHERE edition_id = ?"));
        old->bind(edition.editionId);
        while (NUSQA_TRY(old->next())) {
            oldIds.push_back(old->integer(0));
            for (const std::string& term : distinctTerms(old->text(1))) --delta[term];
        }
        old.reset();
        // By the passages' ids, not a subquery: MariaDB 10.11 runs a
        // DELETE's IN (SELECT ...) as a scan of the whole table.
        for (std::size_t first = 0; first < oldIds.size(); first += kPostingsPerInsert) {
            std::size_t count = std::min(kPostingsPerInsert, oldIds.size() - first);
            NUSQA_TRY(executeSql(
                session, "DELETE FROM search_postings WHERE passage_id IN " + placeholders(count),
                [&](SqlStatement& s) {
                    for (std::size_t i = first; i < first + count; ++i) s.bind(oldIds[i]);
                }));
        }
        NUSQA_TRY(executeSql(session, "DELETE FROM search_passages WHERE edition_id = ?",
                             [&](SqlStatement& s) { s.bind(edition.editionId); }));
    }
    // The new passages of every edition, in statements of at most
    // kRowsPerInsert rows and about kBytesPerInsert of text.
    struct Row {
        std::int64_t editionId;
        std::size_t ordinal;
        const SearchPassage* passage;
    };
    std::vector<Row> rows;
    for (const EditionPassages& edition : editions)
        for (std::size_t i = 0; i < edition.passages->size(); ++i)
            rows.push_back(Row{edition.editionId, i, &(*edition.passages)[i]});
    for (std::size_t first = 0; first < rows.size();) {
        std::size_t count = 0, bytes = 0;
        while (first + count < rows.size() && count < kRowsPerInsert &&
               (count == 0 || bytes < kBytesPerInsert)) {
            const SearchPassage& passage = *rows[first + count].passage;
            bytes += passage.text.size() + passage.terms.size();
            ++count;
        }
        NUSQA_TRY(insertRows(
            session,
            "INSERT INTO search_passages (edition_id, ordinal, eid, num, text, terms) VALUES ",
            "(?, ?, ?, ?, ?, ?)", "", first, count, kRowsPerInsert,
            [&](SqlStatement& s, std::size_t i) {
                const SearchPassage& passage = *rows[i].passage;
                s.bind(rows[i].editionId).bind(static_cast<std::int64_t>(rows[i].ordinal));
                s.bind(passage.eId).bind(passage.num).bind(passage.text).bind(passage.terms);
            }));
        first += count;
    }
    std::vector<std::pair<std::string, std::int64_t>> postings;
    for (const EditionPassages& edition : editions) {
        const std::vector<SearchPassage>& passages = *edition.passages;
        if (passages.empty()) continue;
        // The new passages' ids (a multi-row insert need not number them in
        // a row: InnoDB's interleaved auto-increment, as Galera wants it).
        std::vector<std::int64_t> ids(passages.size(), 0);
        {
            auto read = NUSQA_TRY(
                session.prepare("SELECT id, ordinal FROM search_passages WHERE edition_id = ?"));
            read->bind(edition.editionId);
            while (NUSQA_TRY(read->next())) {
                std::int64_t ordinal = read->integer(1);
                if (ordinal >= 0 && static_cast<std::size_t>(ordinal) < ids.size())
                    ids[static_cast<std::size_t>(ordinal)] = read->integer(0);
            }
        }
        // Every new passage read back with an id of its own, or the postings
        // would point at nothing (seen when the server had ended the
        // transaction behind the statements' back: the rows were gone).
        std::set<std::int64_t> distinctIds(ids.begin(), ids.end());
        if (distinctIds.size() != ids.size() || *distinctIds.begin() <= 0)
            return fail(ErrorCode::Internal, "search index: the passages of edition " +
                                                 std::to_string(edition.editionId) +
                                                 " were not read back");
        for (std::size_t i = 0; i < passages.size(); ++i)
            for (const std::string& term : distinctTerms(passages[i].terms)) {
                postings.emplace_back(term, ids[i]);
                ++delta[term];
            }
    }
    NUSQA_TRY(insertRows(session, "INSERT INTO search_postings (term, passage_id) VALUES ",
                         "(?, ?)", "", 0, postings.size(), kPostingsPerInsert,
                         [&](SqlStatement& s, std::size_t i) {
                             s.bind(postings[i].first).bind(postings[i].second);
                         }));
    std::vector<std::pair<std::string, std::int64_t>> changed;
    for (const auto& [term, change] : delta)
        if (change != 0) changed.emplace_back(term, change);
    const char* upsert = session.dialect() == SqlDialect::Sqlite
                             ? " ON CONFLICT (term) DO UPDATE SET passages ="
                               " passages + excluded.passages"
                             : " ON DUPLICATE KEY UPDATE passages = passages + VALUES(passages)";
    return insertRows(
        session, "INSERT INTO search_terms (term, passages) VALUES ", "(?, ?)", upsert, 0,
        changed.size(), kTermsPerUpsert,
        [&](SqlStatement& s, std::size_t i) { s.bind(changed[i].first).bind(changed[i].second); });
}

Result<SearchResults> SqlSearch::search(const SearchCriteria& criteria) {
    if (criteria.clauses.empty() || (criteria.statuses.empty() && criteria.inForceOn.empty()))
        return fail(ErrorCode::InvalidArgument, "a search needs a clause and a status");
    SearchResults results;
    NUSQA_TRY(_executor.transact("search", Access::Read, [&](SqlSession& session) -> Status {
        results = SearchResults{};

        // 1. What each clause stands for in the index.
        std::vector<ClausePlan> plans;
        for (const SearchClause& clause : criteria.clauses) {
            ClausePlan plan;
            std::set<std::string> driving;
            for (const std::vector<std::string>& alternative : clause.alternatives) {
                if (alternative.empty()) continue;
                if (!clause.phrase) {
                    // The most frequent stems of the first kExpansionWindow
                    // the prefix reaches.
                    auto rows = NUSQA_TRY(session.prepare(
                        "SELECT w.term, w.passages FROM (SELECT term, passages FROM search_terms"
                        " WHERE term >= ? AND term < ? ORDER BY term LIMIT ?) AS w"
                        " WHERE w.passages > 0 ORDER BY w.passages DESC, w.term LIMIT ?"));
                    rows->bind(alternative[0]).bind(prefixEnd(alternative[0]));
                    rows->bind(kExpansionWindow).bind(kMaxExpansion + 1);
                    int read = 0;
                    while (NUSQA_TRY(rows->next())) {
                        if (++read > kMaxExpansion) {
                            results.truncated = true;
                            break;
                        }
                        if (driving.insert(rows->text(0)).second) plan.cost += rows->integer(1);
                    }
                    continue;
                }
                // A phrase: its rarest stem drives, the others are checked.
                plan.checkInSql = true;
                std::string rarest;
                std::int64_t fewest = -1;
                for (const std::string& stem : alternative) {
                    auto row = NUSQA_TRY(
                        session.prepare("SELECT passages FROM search_terms WHERE term = ?"));
                    row->bind(stem);
                    std::int64_t count = NUSQA_TRY(row->next()) ? row->integer(0) : 0;
                    if (fewest < 0 || count < fewest) {
                        fewest = count;
                        rarest = stem;
                    }
                }
                if (fewest > 0 && driving.insert(rarest).second) plan.cost += fewest;
            }
            if (driving.empty()) return Status{};  // a clause nothing holds: no match
            plan.driving.assign(driving.begin(), driving.end());
            plans.push_back(std::move(plan));
        }
        std::size_t drive = 0;
        for (std::size_t i = 1; i < plans.size(); ++i)
            if (plans[i].cost < plans[drive].cost) drive = i;

        // 2. The filters and the other clauses, per passage p.
        std::string where;
        if (criteria.inForceOn.empty())
            where += " AND e.status IN " + placeholders(criteria.statuses.size());
        else
            where += inForceOnSql();
        if (criteria.language) where += " AND e.language = ?";
        if (!criteria.unit.empty()) where += " AND d.unit = ?";
        if (criteria.kind) where += " AND d.kind = ?";
        std::vector<std::string> clauseBinds;
        for (std::size_t c = 0; c < criteria.clauses.size(); ++c) {
            if (c == drive && !plans[c].checkInSql) continue;
            const SearchClause& clause = criteria.clauses[c];
            std::string any;
            for (const std::vector<std::string>& alternative : clause.alternatives) {
                if (alternative.empty()) continue;
                std::string all;
                if (!clause.phrase) {
                    all =
                        "EXISTS (SELECT 1 FROM search_postings AS q WHERE q.passage_id = p.id"
                        " AND q.term >= ? AND q.term < ?)";
                    clauseBinds.push_back(alternative[0]);
                    clauseBinds.push_back(prefixEnd(alternative[0]));
                } else {
                    for (const std::string& stem :
                         std::set<std::string>(alternative.begin(), alternative.end())) {
                        all += std::string(all.empty() ? "" : " AND ") +
                               "EXISTS (SELECT 1 FROM search_postings AS q WHERE"
                               " q.passage_id = p.id AND q.term = ?)";
                        clauseBinds.push_back(stem);
                    }
                }
                any += (any.empty() ? "(" : " OR (") + all + ")";
            }
            where += " AND (" + any + ")";
        }
        bool needsDocument = !criteria.unit.empty() || criteria.kind.has_value();
        std::string batchSql =
            "SELECT p.id, p.edition_id, p.ordinal, p.terms FROM search_postings AS t"
            " JOIN search_passages AS p ON p.id = t.passage_id"
            " JOIN editions AS e ON e.id = p.edition_id" +
            std::string(needsDocument ? " JOIN documents AS d ON d.id = e.document_id" : "") +
            " WHERE t.term = ? AND t.passage_id >= ? AND t.passage_id < ?" + where +
            " ORDER BY t.passage_id DESC LIMIT ?";
        auto bindFilters = [&](SqlStatement& s) {
            if (criteria.inForceOn.empty())
                for (EditionStatus status : criteria.statuses) s.bind(toString(status));
            else
                s.bind(criteria.inForceOn).bind(criteria.inForceOn).bind(criteria.inForceOn);
            if (criteria.language) s.bind(toString(*criteria.language));
            if (!criteria.unit.empty()) s.bind(criteria.unit);
            if (criteria.kind) s.bind(toString(*criteria.kind));
            for (const std::string& value : clauseBinds) s.bind(value);
        };

        // 3. The driving stems' postings, newest first, kBatch at a time.
        std::vector<Candidate> candidates;
        std::unordered_set<std::int64_t> seen;
        int scanned = 0;
        int batches = 0;
        bool stopped = false;
        // The budget counts from the first batch, which always runs: a slow
        // start (a loaded machine) gives fewer candidates, never none.
        Clock::time_point scanStart = Clock::now();
        for (const std::string& term : plans[drive].driving) {
            std::int64_t below = std::numeric_limits<std::int64_t>::max();
            while (!stopped) {
                if (batches > 0 &&
                    (scanned >= kMaxScanned || Clock::now() - scanStart > kScanBudget ||
                     static_cast<int>(candidates.size()) >= kCandidates)) {
                    stopped = true;
                    break;
                }
                std::int64_t lowest = 0;
                std::int64_t count = 0;
                {
                    auto window = NUSQA_TRY(session.prepare(
                        "SELECT MIN(b.passage_id), COUNT(*) FROM (SELECT passage_id FROM"
                        " search_postings WHERE term = ? AND passage_id < ?"
                        " ORDER BY passage_id DESC LIMIT ?) AS b"));
                    window->bind(term).bind(below).bind(kBatch);
                    if (NUSQA_TRY(window->next()) && !window->isNull(0)) {
                        lowest = window->integer(0);
                        count = window->integer(1);
                    }
                }
                if (count == 0) break;
                ++batches;
                scanned += static_cast<int>(count);
                auto rows = NUSQA_TRY(session.prepare(batchSql));
                rows->bind(term).bind(lowest).bind(below);
                bindFilters(*rows);
                // No more than the candidates still wanted (a passage seen
                // under another stem may take a place: a few fewer then).
                rows->bind(static_cast<std::int64_t>(kCandidates) -
                           static_cast<std::int64_t>(candidates.size()));
                while (NUSQA_TRY(rows->next())) {
                    if (!seen.insert(rows->integer(0)).second) continue;
                    candidates.push_back(Candidate{rows->integer(0), rows->integer(1),
                                                   rows->integer(2), rows->text(3), 0});
                }
                if (count < kBatch) break;
                below = lowest;
            }
            if (stopped) break;
        }
        results.truncated = results.truncated || stopped;

        // 4. Phrases checked, candidates ranked (BM25: k1 1.2, b 0.75), the
        // best passage per edition.
        std::int64_t passagesInAll = 1;
        {
            auto row = NUSQA_TRY(session.prepare("SELECT MAX(id) FROM search_passages"));
            if (NUSQA_TRY(row->next()) && !row->isNull(0))
                passagesInAll = std::max<std::int64_t>(1, row->integer(0));
        }
        std::vector<double> weights;
        for (const ClausePlan& plan : plans) {
            double df = static_cast<double>(std::min(plan.cost, passagesInAll));
            weights.push_back(
                std::log(1.0 + (static_cast<double>(passagesInAll) - df + 0.5) / (df + 0.5)));
        }
        std::vector<std::vector<std::string_view>> stemsOf;
        stemsOf.reserve(candidates.size());
        for (const Candidate& candidate : candidates) stemsOf.push_back(tokens(candidate.terms));
        std::unordered_map<std::int64_t, std::size_t> bestOf;  // edition -> candidate
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            Candidate& candidate = candidates[i];
            double length = static_cast<double>(stemsOf[i].size());
            bool matches = true;
            for (std::size_t c = 0; c < criteria.clauses.size() && matches; ++c) {
                int tf = frequency(criteria.clauses[c], stemsOf[i]);
                if (tf == 0) {
                    matches = false;
                    break;
                }
                double norm = 1.2 * (0.25 + 0.75 * length / kAveragePassageStems);
                candidate.score += weights[c] * tf * 2.2 / (tf + norm);
            }
            if (!matches) continue;
            auto [at, added] = bestOf.emplace(candidate.editionId, i);
            if (added) continue;
            const Candidate& best = candidates[at->second];
            if (candidate.score > best.score ||
                (candidate.score == best.score && candidate.ordinal < best.ordinal))
                at->second = i;
        }
        std::vector<const Candidate*> ranked;
        for (const auto& [edition, index] : bestOf) ranked.push_back(&candidates[index]);
        std::sort(ranked.begin(), ranked.end(), [](const Candidate* a, const Candidate* b) {
            if (a->score != b->score) return a->score > b->score;
            return a->editionId < b->editionId;
        });
        results.total = static_cast<std::int64_t>(ranked.size());
        std::size_t from =
            std::min(ranked.size(), static_cast<std::size_t>(std::max(0, criteria.offset)));
        std::size_t to =
            std::min(ranked.size(), from + static_cast<std::size_t>(std::max(0, criteria.limit)));
        for (std::size_t i = from; i < to; ++i)
            results.matches.push_back(NUSQA_TRY(matchOf(session, ranked[i]->id)));
        return Status{};
    }));
    return results;
}

Result<std::int64_t> SqlSearch::indexMissing() {
    if (!_extractor) return 0;
    std::int64_t indexed = 0;
    std::int64_t after = 0;
    for (;;) {
        // A batch of unindexed editions and their XML in one read, then
        // their passages in one write transaction: a commit (an fsync) per
        // edition made indexing a large store take hours; a batch holds the
        // write lock for a fraction of a second.
        std::vector<std::pair<std::int64_t, std::string>> batch;
        NUSQA_TRY(_executor.transact(
            "find unindexed editions", Access::Read, [&](SqlSession& session) -> Status {
                batch.clear();
                std::vector<std::int64_t> missing;
                auto rows =
                    NUSQA_TRY(session.prepare("SELECT e.id FROM editions AS e WHERE e.id > ? AND"
                                              " NOT EXISTS (SELECT 1 FROM search_passages AS p"
                                              " WHERE p.edition_id = e.id) ORDER BY e.id LIMIT ?"));
                rows->bind(after).bind(static_cast<std::int64_t>(kEditionsPerIndexBatch));
                while (NUSQA_TRY(rows->next())) missing.push_back(rows->integer(0));
                rows.reset();
                for (std::int64_t id : missing) {
                    auto row = NUSQA_TRY(session.prepare("SELECT xml FROM editions WHERE id = ?"));
                    row->bind(id);
                    batch.emplace_back(id, NUSQA_TRY(row->next()) ? row->blob(0) : "");
                }
                return Status{};
            }));
        if (batch.empty()) return indexed;
        after = batch.back().first;
        std::vector<std::pair<std::int64_t, std::vector<SearchPassage>>> extracted;
        for (auto& [id, xml] : batch) {
            std::vector<SearchPassage> passages = passagesOf(xml);
            std::string().swap(xml);
            if (!passages.empty()) extracted.emplace_back(id, std::move(passages));
        }
        if (extracted.empty()) continue;
        // Written only if still missing: a concurrent draft update wrote
        // the newer text already.
        std::int64_t written = 0;
        NUSQA_TRY(
            _executor.transact("index editions", Access::Write, [&](SqlSession& session) -> Status {
                std::vector<EditionPassages> missing;
                for (const auto& [id, passages] : extracted) {
                    auto row = NUSQA_TRY(session.prepare(
                        "SELECT COUNT(*) FROM search_passages WHERE edition_id = ?"));
                    row->bind(id);
                    NUSQA_TRY(row->next());
                    bool present = row->integer(0) > 0;
                    row.reset();
                    if (!present) missing.push_back(EditionPassages{id, &passages});
                }
                // All of them at once: their postings and stems in a few
                // large statements.
                NUSQA_TRY(writePassages(session, missing));
                written = static_cast<std::int64_t>(missing.size());
                return Status{};
            }));
        indexed += written;
    }
}

}  // namespace nusqa::storage
