#include "BulkRows.h"

#include <algorithm>

namespace nusqa::bench {

namespace {

// Per statement: SQLite allows 32,766 parameters, MariaDB 65,535; a
// statement's bytes stay well under MariaDB's max_allowed_packet (16 MiB).
constexpr std::size_t kMaxParameters = 20000;
constexpr std::size_t kMaxBytes = 6 * 1024 * 1024;

std::size_t bytesOf(const std::vector<Value>& row) {
    std::size_t bytes = 0;
    for (const Value& value : row) {
        if (const auto* text = std::get_if<std::string>(&value)) bytes += text->size();
        if (const auto* blob = std::get_if<Blob>(&value)) bytes += blob->bytes.size();
        bytes += 8;
    }
    return bytes;
}

}  // namespace

BulkRows::BulkRows(std::string table, std::vector<std::string> columns)
    : _table(std::move(table)), _columns(std::move(columns)) {}

void BulkRows::add(std::vector<Value> row) {
    _rows.push_back(std::move(row));
}

Status BulkRows::flush(storage::SqlSession& session) {
    // Rows per statement: as many as the bounds allow, rounded down to a
    // power of two, so that a connection's statement cache holds a few
    // statement texts per table, not one per remainder.
    const std::size_t maxRows = std::max<std::size_t>(1, kMaxParameters / _columns.size());
    std::size_t from = 0;
    while (from < _rows.size()) {
        std::size_t fit = 0;
        std::size_t bytes = 0;
        while (from + fit < _rows.size() && fit < maxRows &&
               (fit == 0 || bytes + bytesOf(_rows[from + fit]) <= kMaxBytes))
            bytes += bytesOf(_rows[from + fit++]);
        std::size_t count = 1;
        while (count * 2 <= fit) count *= 2;
        NUSQA_TRY(insert(session, from, from + count));
        from += count;
    }
    _written += static_cast<std::int64_t>(_rows.size());
    _rows.clear();
    return {};
}

Status BulkRows::insert(storage::SqlSession& session, std::size_t from, std::size_t to) {
    std::string sql = "INSERT INTO " + _table + " (";
    for (std::size_t c = 0; c < _columns.size(); ++c) sql += (c ? ", " : "") + _columns[c];
    sql += ") VALUES ";
    std::string tuple = "(";
    for (std::size_t c = 0; c < _columns.size(); ++c) tuple += c ? ", ?" : "?";
    tuple += ")";
    for (std::size_t r = from; r < to; ++r) sql += (r == from ? "" : ", ") + tuple;
    auto statement = NUSQA_TRY(session.prepare(sql));
    for (std::size_t r = from; r < to; ++r)
        for (const Value& value : _rows[r]) {
            if (const auto* number = std::get_if<std::int64_t>(&value))
                statement->bind(*number);
            else if (const auto* text = std::get_if<std::string>(&value))
                statement->bind(std::string_view(*text));
            else if (const auto* blob = std::get_if<Blob>(&value))
                statement->bindBlob(blob->bytes);
            else
                statement->bindNull();
        }
    NUSQA_TRY(statement->execute());
    return {};
}

}  // namespace nusqa::bench
