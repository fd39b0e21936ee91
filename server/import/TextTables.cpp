#include "import/detail/TextTables.h"

#include <algorithm>
#include <optional>

#include "import/detail/Inline.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

bool blank(std::string_view text) {
    return trim(text).empty();
}

std::vector<std::string> splitTabs(std::string_view text) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (true) {
        std::size_t tab = text.find('\t', start);
        cells.emplace_back(text.substr(start, tab == std::string_view::npos ? tab : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
    }
    return cells;
}

bool isPipeRow(std::string_view text) {
    std::string_view t = trim(text);
    return t.size() >= 2 && t.front() == '|' && std::count(t.begin(), t.end(), '|') >= 2;
}

std::vector<std::string> splitPipes(std::string_view text) {
    std::string_view t = trim(text);
    std::vector<std::string> cells;
    std::string cell;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '\\' && i + 1 < t.size() && t[i + 1] == '|') {
            cell += "\\|";
            ++i;
        } else if (t[i] == '|') {
            cells.push_back(std::move(cell));
            cell.clear();
        } else {
            cell += t[i];
        }
    }
    cells.push_back(std::move(cell));
    if (!cells.empty() && blank(cells.front())) cells.erase(cells.begin());
    if (!cells.empty() && blank(cells.back())) cells.pop_back();
    return cells;
}

std::size_t nonEmptyCells(const std::vector<std::string>& cells) {
    return static_cast<std::size_t>(
        std::count_if(cells.begin(), cells.end(), [](const std::string& c) { return !blank(c); }));
}

bool hasTab(const TextLine& line) {
    return line.text.find('\t') != std::string::npos;
}

// A tab line with two non-empty cells.
bool isStrongTabRow(const TextLine& line) {
    return hasTab(line) && nonEmptyCells(splitTabs(line.text)) >= 2;
}

bool isRule(const std::vector<std::string>& cells) {
    bool any = false;
    for (const std::string& cell : cells) {
        std::string_view t = trim(cell);
        if (t.empty()) continue;
        if (t.find_first_not_of("-:=") != std::string_view::npos) return false;
        any = true;
    }
    return any;
}

std::optional<std::size_t> nextNonBlank(const std::vector<TextLine>& lines, std::size_t from) {
    for (std::size_t i = from; i < lines.size(); ++i)
        if (!blank(lines[i].text)) return i;
    return std::nullopt;
}

bool isMultiLevelNumbered(std::string_view text) {
    std::string_view t = trim(text);
    std::size_t i = 0;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i > 0 && i + 1 < t.size() && t[i] == '.' && t[i + 1] >= '0' && t[i + 1] <= '9';
}

bool startsWithNumero(std::string_view cell) {
    return trim(cell).starts_with("№");
}

struct RawRow {
    int line = 0;
    std::vector<std::string> cells;
    bool fullWidth = false;
};

SourceCell makeCell(std::string_view text) {
    SourceCell cell;
    InlineState state;
    for (auto& runs : parseInline(text, state)) {
        std::vector<Run> trimmed = trimRuns(std::move(runs));
        if (trimmed.empty()) continue;
        SourceParagraph paragraph;
        paragraph.runs = std::move(trimmed);
        cell.paragraphs.push_back(std::move(paragraph));
    }
    return cell;
}

// Turns raw rows into rows with colspan/rowspan (see the header).
std::vector<SourceRow> layOut(const std::vector<RawRow>& raw) {
    std::size_t columns = 1;
    for (const RawRow& row : raw) columns = std::max(columns, row.cells.size());
    std::vector<SourceRow> rows;
    // For each column: the (row, cell) covering it in the previous row.
    std::vector<std::pair<int, int>> cover(columns, {-1, -1});
    std::vector<int> coverStart(columns, -1), coverSpan(columns, 0);
    for (const RawRow& rawRow : raw) {
        SourceRow row;
        row.line = rawRow.line;
        std::vector<std::pair<int, int>> nextCover(columns, {-1, -1});
        std::vector<int> nextStart(columns, -1), nextSpan(columns, 0);
        const int rowIndex = static_cast<int>(rows.size());
        auto place = [&](std::size_t col, int span, SourceCell cell) {
            cell.colspan = span;
            row.cells.push_back(std::move(cell));
            for (std::size_t c = col; c < col + static_cast<std::size_t>(span) && c < columns;
                 ++c) {
                nextCover[c] = {rowIndex, static_cast<int>(row.cells.size()) - 1};
                nextStart[c] = static_cast<int>(col);
                nextSpan[c] = span;
            }
        };
        if (rawRow.fullWidth) {
            place(0, static_cast<int>(columns), makeCell(rawRow.cells.front()));
        } else {
            std::vector<std::string> cells = rawRow.cells;
            cells.resize(columns);
            std::size_t first = 0, last = 0;
            bool any = false;
            for (std::size_t c = 0; c < columns; ++c) {
                if (blank(cells[c])) continue;
                if (!any) first = c;
                last = c;
                any = true;
            }
            if (!any) continue;
            std::size_t col = 0;
            while (col < first) {
                // Continue the cell above when it starts here and fits the gap.
                auto [aboveRow, aboveCell] = cover[col];
                if (aboveRow >= 0 && coverStart[col] == static_cast<int>(col) &&
                    col + static_cast<std::size_t>(coverSpan[col]) <= first) {
                    SourceCell& origin = rows[static_cast<std::size_t>(aboveRow)]
                                             .cells[static_cast<std::size_t>(aboveCell)];
                    ++origin.rowspan;
                    for (int k = 0; k < coverSpan[col]; ++k) {
                        nextCover[col + static_cast<std::size_t>(k)] = cover[col];
                        nextStart[col + static_cast<std::size_t>(k)] = coverStart[col];
                        nextSpan[col + static_cast<std::size_t>(k)] = coverSpan[col];
                    }
                    col += static_cast<std::size_t>(coverSpan[col]);
                } else {
                    place(col, 1, SourceCell{});
                    ++col;
                }
            }
            for (; col <= last; ++col) {
                int span = col == last ? static_cast<int>(columns - last) : 1;
                place(col, span, makeCell(cells[col]));
            }
        }
        cover = std::move(nextCover);
        coverStart = std::move(nextStart);
        coverSpan = std::move(nextSpan);
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

bool startsTable(const std::vector<TextLine>& lines, std::size_t at) {
    const TextLine& line = lines[at];
    if (isPipeRow(line.text)) return true;
    if (!hasTab(line) || blank(line.text)) return false;
    if (isStrongTabRow(line)) return true;
    // A weak row (one non-empty cell) starts a table when the next row is strong.
    auto next = nextNonBlank(lines, at + 1);
    return next && isStrongTabRow(lines[*next]);
}

SourceTable readTable(const std::vector<TextLine>& lines, std::size_t& at,
                      std::vector<SkippedText>& skipped) {
    SourceTable table;
    table.line = lines[at].number;
    std::vector<RawRow> raw;
    const bool pipes = isPipeRow(lines[at].text);
    std::size_t columns = 0;
    std::size_t i = at;
    while (i < lines.size()) {
        const TextLine& line = lines[i];
        bool isRow = pipes ? isPipeRow(line.text) : (hasTab(line) && !blank(line.text));
        if (isRow) {
            std::vector<std::string> cells = pipes ? splitPipes(line.text) : splitTabs(line.text);
            if (isRule(cells)) {
                skipped.push_back({line.number, {}, std::string(trim(line.text)), "table-rule"});
            } else {
                columns = std::max(columns, cells.size());
                raw.push_back({line.number, std::move(cells), false});
            }
            at = i + 1;
            ++i;
            continue;
        }
        auto next = nextNonBlank(lines, i);
        if (!next) break;
        const TextLine& candidate = lines[*next];
        if (*next != i) {
            // Blank lines: the table goes on if a row (or a full-width row) follows them.
            bool rowFollows = pipes ? isPipeRow(candidate.text) : hasTab(candidate);
            if (!rowFollows && pipes) break;
            i = *next;
            continue;
        }
        // A line without tabs inside the table: a full-width row or the end.
        if (pipes || isMultiLevelNumbered(line.text) || wordCount(line.text) > 30) break;
        auto after = nextNonBlank(lines, i + 1);
        if (!after || !isStrongTabRow(lines[*after])) break;
        std::vector<std::string> afterCells = splitTabs(lines[*after].text);
        if (afterCells.size() != columns || startsWithNumero(afterCells.front())) break;
        raw.push_back({line.number, {line.text}, true});
        at = i + 1;
        ++i;
    }
    table.rows = layOut(raw);
    return table;
}

}  // namespace nusqa::import
