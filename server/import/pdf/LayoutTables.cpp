// Tables in a PDF's text layer: regions of lines whose segments line up in
// columns, their rows and cells (see PdfLayout.h, «tables»), and the
// assembly of the body's blocks.
#include <algorithm>
#include <cmath>

#include "import/detail/Utf8.h"
#include "import/pdf/detail/Layout.h"

namespace nusqa::import::pdf {
namespace {

constexpr double kAlign = 3.0;  // left edges this close line up (points)

struct Region {
    std::size_t begin = 0, end = 0;  // indices into the body lines
    std::vector<double> anchors;     // the columns' left edges, ascending
};

bool multi(const Line* line) {
    return line->segments.size() >= 2;
}

// The columns' left edges: where segments of lines of several segments
// start, clustered; with minSupport, only edges that many lines share.
std::vector<double> anchorsOf(const std::vector<Line*>& lines, std::size_t begin, std::size_t end,
                              int minSupport = 1) {
    std::vector<std::pair<double, std::size_t>> lefts;  // left edge, line
    for (std::size_t i = begin; i < end; ++i)
        if (multi(lines[i]))
            for (const Segment& segment : lines[i]->segments) lefts.push_back({segment.left, i});
    std::sort(lefts.begin(), lefts.end());
    std::vector<double> anchors;
    std::vector<std::vector<std::size_t>> support;
    for (auto [left, line] : lefts) {
        if (!anchors.empty() && left - anchors.back() <= kAlign) {
            support.back().push_back(line);
            continue;
        }
        anchors.push_back(left);
        support.push_back({line});
    }
    std::vector<double> kept;
    for (std::size_t k = 0; k < anchors.size(); ++k) {
        std::vector<std::size_t>& on = support[k];
        std::sort(on.begin(), on.end());
        on.erase(std::unique(on.begin(), on.end()), on.end());
        if (static_cast<int>(on.size()) >= minSupport) kept.push_back(anchors[k]);
    }
    return kept;
}

// Splits a line where a word starts exactly at a column of the table (a
// cell filled to its edge leaves no gap to the next one). A segment that
// crosses several columns is split at all of them when a word starts at
// each; otherwise only where the gap is not a plain space (a cell spanning
// the columns has words that happen to start at one).
bool splitAtAnchors(Line& line, const std::vector<double>& anchors, const Metrics& metrics) {
    if (line.segments.empty()) return false;
    auto atAnchor = [&](double x) {
        return std::any_of(anchors.begin(), anchors.end(),
                           [x](double a) { return std::abs(x - a) <= 1.0; });
    };
    bool changed = false;
    std::vector<Segment> out;
    for (Segment& segment : line.segments) {
        std::size_t crossed = 0, starts = 0;
        for (double a : anchors)
            if (a > segment.left + kAlign && a < segment.right - kAlign) ++crossed;
        for (std::size_t w = 1; w < segment.words.size(); ++w)
            if (atAnchor(segment.words[w].left) &&
                segment.words[w - 1].right <= segment.words[w].left)
                ++starts;
        const bool everyColumn = crossed > 0 && starts >= crossed;
        Segment current;
        for (std::size_t w = 0; w < segment.words.size(); ++w) {
            const Word& word = segment.words[w];
            bool split = false;
            if (w > 0 && atAnchor(word.left) && segment.words[w - 1].right <= word.left) {
                double gap = word.left - segment.words[w - 1].right;
                split = everyColumn || std::abs(gap - metrics.wordGap) > 0.25 * metrics.wordGap;
            }
            if (split && !current.words.empty()) {
                current.text = wordsText(current.words);
                out.push_back(std::move(current));
                current = Segment{};
                changed = true;
            }
            if (current.words.empty()) current.left = word.left;
            current.right = std::max(current.right, word.right);
            current.words.push_back(word);
        }
        current.text = wordsText(current.words);
        out.push_back(std::move(current));
    }
    line.segments = std::move(out);
    return changed;
}

// A line of one segment that stays inside the columns of a table.
bool insideColumns(const Line& line, const std::vector<double>& anchors) {
    if (line.segments.size() != 1 || anchors.size() < 2) return false;
    const Segment& segment = line.segments.front();
    if (segment.left < anchors.front() - kAlign) return false;
    if (segment.left >= anchors[1] - kAlign) return true;  // in a column after the first
    return segment.right <= anchors[1] + kAlign;           // the first column only
}

std::vector<Region> findRegions(std::vector<Line*>& lines, std::size_t begin, std::size_t end,
                                const Metrics& metrics) {
    std::vector<Region> regions;
    for (std::size_t i = begin; i < end;) {
        if (!multi(lines[i])) {
            ++i;
            continue;
        }
        Region region;
        region.begin = i;
        std::size_t j = i + 1;
        std::vector<double> anchors = anchorsOf(lines, i, j);
        while (j < end) {
            const Line& line = *lines[j];
            const Line& previous = *lines[j - 1];
            if (line.top - previous.top > 2.5 * metrics.pitch) break;
            if (multi(lines[j])) {
                ++j;
                anchors = anchorsOf(lines, i, j);
                continue;
            }
            if (!insideColumns(line, anchors)) break;
            ++j;
        }
        region.end = j;
        region.anchors = anchors;
        if (region.anchors.size() >= 2) regions.push_back(std::move(region));
        i = j;
    }
    return regions;
}

// The regions of one page's body lines [begin, end). Where a cell's text
// reaches the next column, no gap separates them: once the columns are
// known (edges shared by two lines or more), every line of the region is
// split where a word starts at one, and the regions are found again.
std::vector<Region> pageRegions(std::vector<Line*>& lines, std::size_t begin, std::size_t end,
                                const Metrics& metrics) {
    if (begin == end) return {};
    for (const Region& region : findRegions(lines, begin, end, metrics)) {
        std::vector<double> anchors = anchorsOf(lines, region.begin, region.end, 2);
        if (anchors.size() < 2) continue;
        for (std::size_t i = region.begin; i < region.end; ++i)
            (void)splitAtAnchors(*lines[i], anchors, metrics);
    }
    return findRegions(lines, begin, end, metrics);
}

bool sameColumns(const std::vector<double>& before, const std::vector<double>& after) {
    if (after.empty() || before.empty()) return false;
    for (double a : after)
        if (std::none_of(before.begin(), before.end(),
                         [a](double b) { return std::abs(a - b) <= kAlign + 1; }))
            return false;
    return true;
}

// Column index of an x position: the last anchor at or before it.
std::size_t columnAt(const std::vector<double>& anchors, double x) {
    std::size_t column = 0;
    for (std::size_t k = 0; k < anchors.size(); ++k)
        if (anchors[k] <= x + kAlign) column = k;
    return column;
}

struct CellDraft {
    std::size_t column = 0, lastColumn = 0;
    std::vector<const Segment*> parts;
    std::vector<Join> joins;
    std::size_t lastLine = 0;  // index of the line of the last part
};

class TableBuilder {
public:
    TableBuilder(const std::vector<Line*>& lines, const Region& region, const Metrics& metrics,
                 int& lineNumber)
        : _lines(lines), _region(region), _metrics(metrics), _lineNumber(lineNumber) {
        limits();
    }

    SourceTable build() {
        SourceTable table;
        table.line = _lineNumber + 1;
        for (std::size_t k = 0; k < _region.anchors.size(); ++k)
            table.columnWidths.push_back(std::max(1.0, _limit[k] - _region.anchors[k]));
        std::vector<CellDraft> row;
        for (std::size_t i = _region.begin; i < _region.end; ++i) {
            const Line& line = *_lines[i];
            if (!row.empty() && !continues(row, i)) {
                table.rows.push_back(finish(row));
                row.clear();
            }
            for (const Segment& segment : line.segments) place(row, segment, i);
        }
        if (!row.empty()) table.rows.push_back(finish(row));
        return table;
    }

private:
    std::size_t first(const Segment& segment) const {
        return columnAt(_region.anchors, segment.left);
    }
    std::size_t last(const Segment& segment) const {
        std::size_t column = first(segment);
        for (std::size_t k = column + 1; k < _region.anchors.size(); ++k)
            if (segment.right > _region.anchors[k] + kAlign) column = k;
        return column;
    }

    // Where full lines of each column end: the longest line in it.
    void limits() {
        const std::size_t columns = _region.anchors.size();
        _limit.assign(columns, 0);
        for (std::size_t i = _region.begin; i < _region.end; ++i)
            for (const Segment& segment : _lines[i]->segments)
                if (first(segment) == last(segment))
                    _limit[first(segment)] = std::max(_limit[first(segment)], segment.right);
        // The longest line may fall short of the cell's edge: the next column
        // starts a gap further on.
        for (std::size_t k = 0; k < columns; ++k) {
            double edge = k + 1 < columns ? _region.anchors[k + 1] - _metrics.columnGap
                                          : std::max(_metrics.textRight, _limit[k]);
            _limit[k] = std::max(_limit[k], edge);
        }
    }

    CellDraft* cellAt(std::vector<CellDraft>& row, std::size_t column) {
        for (CellDraft& cell : row)
            if (column >= cell.column && column <= cell.lastColumn) return &cell;
        return nullptr;
    }

    // A cell's lines start at its left column: a segment further right in a
    // cell that spans columns is a cell of a new row.
    bool continuesCell(std::vector<CellDraft>& row, const Segment& segment, std::size_t index) {
        CellDraft* cell = cellAt(row, first(segment));
        if (cell == nullptr || cell->parts.empty() || cell->lastLine + 1 != index ||
            first(segment) != cell->column)
            return false;
        return joinSegments(*cell->parts.back(), segment, _limit[cell->lastColumn], _metrics) !=
               Join::NewParagraph;
    }

    // The line goes on with the row: text in the row's first column that
    // does not continue the line above starts a new row (the first cell of a
    // row ended, or text stands left of it); without text there, the line
    // goes on when some column continues a full line of the line above.
    bool continues(std::vector<CellDraft>& row, std::size_t index) {
        const std::vector<Segment>& segments = _lines[index]->segments;
        // Several cells under a cell that spans their columns: a new row.
        for (const CellDraft& cell : row) {
            if (cell.lastColumn == cell.column) continue;
            std::size_t under = 0;
            for (const Segment& segment : segments)
                under += first(segment) >= cell.column && first(segment) <= cell.lastColumn;
            if (under >= 2) return false;
        }
        std::size_t rowFirst = row.front().column;
        for (const CellDraft& cell : row) rowFirst = std::min(rowFirst, cell.column);
        const Segment& leftmost = segments.front();
        if (first(leftmost) <= rowFirst) return continuesCell(row, leftmost, index);
        for (const Segment& segment : segments) {
            CellDraft* cell = cellAt(row, first(segment));
            if (cell == nullptr || cell->parts.empty() || cell->lastLine + 1 != index) continue;
            Join join =
                joinSegments(*cell->parts.back(), segment, _limit[cell->lastColumn], _metrics);
            if (join != Join::NewParagraph) return true;
        }
        return false;
    }

    void place(std::vector<CellDraft>& row, const Segment& segment, std::size_t index) {
        CellDraft* cell = cellAt(row, first(segment));
        if (cell == nullptr) {
            CellDraft draft;
            draft.column = first(segment);
            draft.lastColumn = last(segment);
            // A cell never covers a column another cell of the row starts in.
            for (const CellDraft& other : row)
                if (other.column > draft.column && other.column <= draft.lastColumn)
                    draft.lastColumn = other.column - 1;
            row.push_back(std::move(draft));
            cell = &row.back();
        }
        Join join = Join::NewParagraph;
        if (!cell->parts.empty())
            join = cell->lastLine + 1 == index ? joinSegments(*cell->parts.back(), segment,
                                                              _limit[cell->lastColumn], _metrics)
                                               : Join::NewParagraph;
        cell->parts.push_back(&segment);
        cell->joins.push_back(join);
        cell->lastLine = index;
    }

    SourceRow finish(std::vector<CellDraft>& row) {
        std::sort(row.begin(), row.end(),
                  [](const CellDraft& a, const CellDraft& b) { return a.column < b.column; });
        SourceRow out;
        out.line = ++_lineNumber;
        std::size_t column = 0;
        for (const CellDraft& draft : row) {
            for (; column < draft.column; ++column) out.cells.push_back(SourceCell{});
            SourceCell cell;
            cell.colspan = static_cast<int>(draft.lastColumn - draft.column + 1);
            std::vector<const Segment*> parts;
            std::vector<Join> joins;
            auto flush = [&] {
                if (parts.empty()) return;
                SourceParagraph paragraph;
                paragraph.line = out.line;
                paragraph.runs = runsOf(parts, joins);
                cell.paragraphs.push_back(std::move(paragraph));
                parts.clear();
                joins.clear();
            };
            for (std::size_t p = 0; p < draft.parts.size(); ++p) {
                if (p > 0 && draft.joins[p] == Join::NewParagraph) flush();
                parts.push_back(draft.parts[p]);
                joins.push_back(draft.joins[p]);
            }
            flush();
            out.cells.push_back(std::move(cell));
            column = draft.lastColumn + 1;
        }
        return out;
    }

    const std::vector<Line*>& _lines;
    const Region& _region;
    const Metrics& _metrics;
    int& _lineNumber;
    std::vector<double> _limit;
};

// Appends the paragraph of lines [parts] as a block.
void addParagraph(std::vector<SourceBlock>& blocks, std::vector<const Segment*>& parts,
                  std::vector<Join>& joins, int& lineNumber) {
    if (parts.empty()) return;
    SourceParagraph paragraph;
    paragraph.line = ++lineNumber;
    paragraph.runs = runsOf(parts, joins);
    blocks.push_back({std::move(paragraph)});
    parts.clear();
    joins.clear();
}

}  // namespace

std::vector<SourceBlock> layoutBlocks(std::vector<std::vector<Line>>& pages,
                                      const Metrics& measured) {
    Metrics metrics = measured;
    std::vector<Line*> body;
    std::vector<std::size_t> pageStart;
    for (std::vector<Line>& lines : pages) {
        pageStart.push_back(body.size());
        for (Line& line : lines)
            if (!line.running) body.push_back(&line);
    }
    pageStart.push_back(body.size());
    // Tables, page by page, then joined where one goes on over a page break.
    std::vector<Region> regions;
    for (std::size_t p = 0; p + 1 < pageStart.size(); ++p) {
        for (Region& region : pageRegions(body, pageStart[p], pageStart[p + 1], metrics)) {
            // A table that filled the page before goes on here when the
            // columns are the same, with the lines above this page's first
            // row that stay inside them (the rest of a row).
            if (!regions.empty() && regions.back().end == pageStart[p] && p > 0 &&
                sameColumns(regions.back().anchors, region.anchors)) {
                std::size_t top = region.begin;
                while (top > pageStart[p] && insideColumns(*body[top - 1], regions.back().anchors))
                    --top;
                if (top == pageStart[p]) {
                    regions.back().end = region.end;
                    continue;
                }
            }
            regions.push_back(std::move(region));
        }
    }
    // Words not first in their segment, now that tables split the lines.
    metrics.inner.clear();
    for (const Line* line : body)
        for (const Segment& segment : line->segments)
            for (std::size_t k = 1; k < segment.words.size() && metrics.inner.size() < 200000; ++k)
                if (std::string word = bareWord(segment.words[k].text); !word.empty())
                    ++metrics.inner[word];
    // Whole lines as segments, for the paragraphs.
    std::vector<Segment> whole(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
        whole[i].words = body[i]->words;
        whole[i].left = body[i]->left();
        whole[i].right = body[i]->right();
        whole[i].text = wordsText(body[i]->words);
    }
    std::vector<SourceBlock> blocks;
    int lineNumber = 0;
    std::vector<const Segment*> parts;
    std::vector<Join> joins;
    std::size_t next = 0;
    const Line* previous = nullptr;
    for (std::size_t i = 0; i < body.size();) {
        if (next < regions.size() && regions[next].begin == i) {
            addParagraph(blocks, parts, joins, lineNumber);
            blocks.push_back({TableBuilder(body, regions[next], metrics, lineNumber).build()});
            i = regions[next].end;
            ++next;
            previous = nullptr;
            continue;
        }
        const Line& line = *body[i];
        Join join = previous == nullptr
                        ? Join::NewParagraph
                        : joinOf(*previous, line, metrics.textRight, metrics, false);
        if (join == Join::NewParagraph) addParagraph(blocks, parts, joins, lineNumber);
        // An empty line's worth of space stands for a blank line, as in a
        // text file: the title page's blocks end there.
        if (previous != nullptr && previous->page == line.page &&
            line.top - previous->top > 1.6 * metrics.pitch * std::max(1.0, line.size / 12)) {
            SourceParagraph blank;
            blank.line = ++lineNumber;
            blocks.push_back({std::move(blank)});
        }
        parts.push_back(&whole[i]);
        joins.push_back(join);
        previous = &line;
        ++i;
    }
    addParagraph(blocks, parts, joins, lineNumber);
    return blocks;
}

}  // namespace nusqa::import::pdf
