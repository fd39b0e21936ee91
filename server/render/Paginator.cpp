// Flow items to pages. Rules, in order of precedence:
//  - a page break item starts a new page (unless the page is still empty);
//  - a heading (keepWithNext) moves to the next page unless it fits together
//    with the start of what follows (two lines, or a table's header rows and
//    first row group);
//  - a paragraph never leaves one line alone at the bottom (orphan) or at
//    the top of the next page (widow) when it has four lines or more, and a
//    paragraph of two or three lines is not split;
//  - a table repeats its header rows on every page it continues on; a row
//    group (rows joined by rowspan) is not split unless it is taller than a
//    page, then single rows are split between lines;
//  - space before an item is dropped at the top of a page;
//  - a table that fills its page with empty rows leaves room for a
//    keep-together item right after it (the seal block under the
//    familiarization sheet), when that item fits there.
#include <algorithm>

#include "render/detail/Builder.h"

namespace nusqa::render {
namespace {

class Paginator {
public:
    Paginator(const PageArea& area, int anchors) : _area(area) {
        _result.anchorPages.assign(static_cast<std::size_t>(anchors), 0);
    }

    Pagination run(const std::vector<FlowItem>& items) {
        for (std::size_t i = 0; i < items.size(); ++i) place(items, i);
        if (_result.pages.empty()) newPage();
        return std::move(_result);
    }

private:
    float top() const { return _area.top + (_header ? _area.headerHeight : 0); }
    float room() const { return _area.bottom - _y; }
    float fullRoom() const { return _area.bottom - top(); }

    void newPage() {
        Page page;
        page.runningHeader = _header;
        page.footer = _footer;
        _result.pages.push_back(std::move(page));
        _y = top();
        _empty = true;
    }

    void ensurePage() {
        if (_result.pages.empty()) newPage();
    }

    void put(const Slab& slab) {
        ensurePage();
        Page& page = _result.pages.back();
        for (PlacedText text : slab.texts) {
            text.x += _area.left;
            text.baseline += _y;
            page.texts.push_back(std::move(text));
        }
        for (Rule rule : slab.rules) {
            rule.x1 += _area.left;
            rule.x2 += _area.left;
            rule.y1 += _y;
            rule.y2 += _y;
            page.rules.push_back(rule);
        }
        for (Deferred deferred : slab.deferred) {
            deferred.xRight += _area.left;
            deferred.baseline += _y;
            page.deferred.push_back(deferred);
        }
        for (Fill fill : slab.fills) {
            fill.x += _area.left;
            fill.y += _y;
            page.fills.push_back(fill);
        }
        _y += slab.height;
        _empty = false;
    }

    void skip(float height) {
        if (!_empty) _y += height;
    }

    // Height of the part of item that must share the page with a heading
    // before it (and, for chained headings, with the next ones).
    float startHeight(const std::vector<FlowItem>& items, std::size_t i, int depth = 0) const {
        if (i >= items.size() || depth > 8) return 0;
        const FlowItem& item = items[i];
        if (item.kind == FlowItem::Kind::PageBreak) return 0;
        float height = item.spaceBefore;
        if (item.kind == FlowItem::Kind::Table) {
            const TableBox& table = *item.table;
            for (const RowBox& row : table.header) height += row.height;
            std::size_t end = table.rows.empty() ? 0 : groupEnd(table.rows, 0);
            for (std::size_t r = 0; r < end; ++r) height += table.rows[r].height;
            return height;
        }
        std::size_t lines = item.keepWithNext || item.keepTogether
                                ? item.lines.size()
                                : std::min<std::size_t>(2, item.lines.size());
        for (std::size_t l = 0; l < lines; ++l) height += item.lines[l].height;
        if (item.keepWithNext) height += startHeight(items, i + 1, depth + 1);
        return height;
    }

    void place(const std::vector<FlowItem>& items, std::size_t i) {
        const FlowItem& item = items[i];
        if (item.kind == FlowItem::Kind::PageBreak) {
            _header = item.runningHeader;
            _footer = item.footer;
            if (_result.pages.empty() || !_empty)
                newPage();
            else {
                _result.pages.back().runningHeader = _header;
                _result.pages.back().footer = _footer;
                _y = top();
            }
            int page = static_cast<int>(_result.pages.size());
            if (item.mark == FlowItem::Mark::Body) _result.bodyPage = page;
            if (item.mark == FlowItem::Mark::Sheets) _result.sheetPage = page;
            return;
        }
        ensurePage();
        if (item.keepWithNext && !_empty && startHeight(items, i) > room()) newPage();
        skip(item.spaceBefore);
        if (item.anchor >= 0)
            _result.anchorPages[static_cast<std::size_t>(item.anchor)] =
                static_cast<int>(_result.pages.size());
        if (item.kind == FlowItem::Kind::Table)
            placeTable(*item.table, item.anchor, reserveAfter(items, i));
        else
            placeLines(item);
        if (item.mark == FlowItem::Mark::Seal) recordSeal(item);
        skip(item.spaceAfter);
    }

    // The height a keep-together item after item i needs on the same page.
    static float reserveAfter(const std::vector<FlowItem>& items, std::size_t i) {
        if (i + 1 >= items.size()) return 0;
        const FlowItem& next = items[i + 1];
        if (next.kind != FlowItem::Kind::Lines || !next.keepTogether) return 0;
        float height = next.spaceBefore;
        for (const Slab& line : next.lines) height += line.height;
        return height;
    }

    // Called right after the item's lines were put: they end at _y.
    void recordSeal(const FlowItem& item) {
        float height = 0;
        for (const Slab& line : item.lines) height += line.height;
        _result.seal = {static_cast<int>(_result.pages.size()), _y - height, height};
    }

    void placeLines(const FlowItem& item) {
        const std::vector<Slab>& lines = item.lines;
        float total = 0;
        for (const Slab& line : lines) total += line.height;
        if (item.keepTogether && total > room() && !_empty && total <= fullRoom()) newPage();
        std::size_t next = 0;
        while (next < lines.size()) {
            std::size_t remaining = lines.size() - next;
            std::size_t fit = 0;
            float used = 0;
            while (fit < remaining && used + lines[next + fit].height <= room() + 0.01f)
                used += lines[next + fit++].height;
            std::size_t take = fit;
            if (fit < remaining) {
                if (remaining <= 3 && !_empty)
                    take = 0;  // short paragraphs move whole
                else if (remaining - take < 2)
                    take = remaining >= 2 ? remaining - 2 : 0;
                if (take < 2 && !_empty) take = 0;
                if (_empty && take == 0) take = std::max<std::size_t>(fit, 1);
            }
            if (take == 0) {
                newPage();
                continue;
            }
            for (std::size_t l = 0; l < take; ++l) put(lines[next + l]);
            next += take;
            if (next < lines.size()) newPage();
        }
    }

    void placeHeader(const TableBox& table) {
        if (!table.header.empty()) put(rowsSlab(table, table.header, 0, table.header.size()));
    }

    void placeTable(const TableBox& table, int anchor, float reserve) {
        float headerHeight = 0;
        for (const RowBox& row : table.header) headerHeight += row.height;
        std::vector<RowBox> rows = table.rows;
        std::size_t first = rows.empty() ? 0 : groupEnd(rows, 0);
        float firstHeight = headerHeight;
        for (std::size_t r = 0; r < first; ++r) firstHeight += rows[r].height;
        if (firstHeight > room() && !_empty && firstHeight <= fullRoom()) {
            newPage();
            if (anchor >= 0)
                _result.anchorPages[static_cast<std::size_t>(anchor)] =
                    static_cast<int>(_result.pages.size());
        }
        placeHeader(table);
        std::size_t r = 0;
        while (r < rows.size()) {
            std::size_t end = groupEnd(rows, r);
            float height = 0;
            for (std::size_t g = r; g < end; ++g) height += rows[g].height;
            if (height <= room() + 0.01f) {
                put(rowsSlab(table, rows, r, end));
                r = end;
                continue;
            }
            float available = fullRoom() - headerHeight;
            bool fresh = _y <= top() + headerHeight + 0.01f;
            if (height <= available) {  // fits on the next page
                newPage();
                placeHeader(table);
                continue;
            }
            if (end - r > 1 && rows[r].height <= available) {  // a group taller than a page
                if (rows[r].height <= room() + 0.01f) {
                    put(rowsSlab(table, rows, r, r + 1));
                    ++r;
                } else {
                    newPage();
                    placeHeader(table);
                }
                continue;
            }
            // One row taller than a page: split it between lines.
            RowBox head, tail;
            if (room() > 2 * table.padding && splitRow(table, rows[r], room(), head, tail)) {
                std::vector<RowBox> part{head};
                put(rowsSlab(table, part, 0, 1));
                rows[r] = tail;
                newPage();
                placeHeader(table);
                continue;
            }
            if (fresh) {  // not even one line fits: let it overflow rather than loop
                put(rowsSlab(table, rows, r, r + 1));
                ++r;
                continue;
            }
            newPage();
            placeHeader(table);
        }
        if (table.fillPage) {
            if (reserve > room()) reserve = 0;  // the next item starts a page anyway
            std::vector<RowBox> empty{table.emptyRow};
            while (table.emptyRow.height > 0 && table.emptyRow.height <= room() - reserve + 0.01f)
                put(rowsSlab(table, empty, 0, 1));
        }
    }

    const PageArea& _area;
    Pagination _result;
    float _y = 0;
    bool _empty = true;
    bool _header = false;
    bool _footer = true;
};

}  // namespace

Pagination paginate(const std::vector<FlowItem>& items, const PageArea& area, int anchors) {
    return Paginator(area, anchors).run(items);
}

}  // namespace nusqa::render
