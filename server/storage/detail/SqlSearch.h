// SqlSearch: the SearchIndex port over SqlSession, in the table
// search_passages (one row per passage: eId, number, text and stems) of the
// search migration, looked up by the backend's own full-text engine:
//   SQLite         an FTS5 table over the stems (external content, kept by
//                  triggers; tokenizer unicode61 with remove_diacritics 0, so
//                  ә and а, й and и stay apart), ranked by bm25;
//   MariaDB/MySQL  an InnoDB FULLTEXT index on the stems, boolean mode,
//                  ranked by its relevance; the statement is cut off after
//                  kStatementSeconds (max_statement_time).
// Only the newest kCandidates matching passages are ranked (SearchResults::
// truncated says when there were more): scoring every passage of a word
// found in most editions took seconds at 20,000 editions (bench/search).
// The query string handed to the engine is built here from stems that hold
// only word characters and '_' (SearchText.h), so no engine operator can come
// from the user; it travels as a bound parameter.
//
// Private to storage/. Thread safety: search() and indexMissing() may be
// called concurrently; indexWith() once before use. The executor must
// outlive this object.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/SearchIndex.h"
#include "storage/detail/SqlSession.h"

namespace nusqa::storage {

class SqlSearch final : public SearchIndex {
public:
    // Passages ranked per query (the newest that match) before grouping
    // by edition.
    static constexpr int kCandidates = 2000;
    static constexpr int kStatementSeconds = 5;

    explicit SqlSearch(SqlExecutor& executor) : _executor(executor) {}

    void indexWith(SearchTextExtractor extractor) override { _extractor = std::move(extractor); }
    Result<SearchResults> search(const SearchCriteria& criteria) override;
    Result<std::int64_t> indexMissing() override;

    // The passages of an edition's XML, read outside any transaction; empty
    // without an extractor or when it cannot read the XML (the edition is
    // then stored unindexed, see SearchIndex.h).
    std::vector<SearchPassage> passagesOf(std::string_view xml) const;

private:
    SqlExecutor& _executor;
    SearchTextExtractor _extractor;
};

// Replaces the passages of the edition, in the caller's transaction.
Status writePassages(SqlSession& session, std::int64_t editionId,
                     const std::vector<SearchPassage>& passages);

// The engine's query for the clauses: FTS5 syntax on SQLite, boolean mode
// on MySQL. Exposed for the tests.
std::string fullTextQuery(SqlDialect dialect, const std::vector<SearchClause>& clauses);

}  // namespace nusqa::storage
