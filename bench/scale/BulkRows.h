// BulkRows: rows of one table gathered in memory and written as multi-row
// INSERTs (many rows per statement, bounded in parameters and bytes) inside
// the caller's transaction, through the storage module's SqlSession — the
// same connection, dialect and bound parameters as the stores use.
// Thread safety: none; one generator thread.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "domain/Error.h"
#include "storage/detail/SqlSession.h"

namespace nusqa::bench {

// A BLOB parameter (bytes that must come back exactly: the XML).
struct Blob {
    std::string bytes;
};
struct Null {};
using Value = std::variant<std::int64_t, std::string, Blob, Null>;

class BulkRows {
public:
    BulkRows(std::string table, std::vector<std::string> columns);

    // One row, its values in the order of the columns.
    void add(std::vector<Value> row);
    std::size_t size() const { return _rows.size(); }
    std::int64_t written() const { return _written; }

    // Writes every gathered row and forgets them.
    Status flush(storage::SqlSession& session);

private:
    Status insert(storage::SqlSession& session, std::size_t from, std::size_t to);

    std::string _table;
    std::vector<std::string> _columns;
    std::vector<std::vector<Value>> _rows;
    std::int64_t _written = 0;
};

}  // namespace nusqa::bench
