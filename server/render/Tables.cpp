// Tables: the grid (colspan, rowspan, covered cells), column widths from
// the cells' content (ColumnWidths.cpp; template tables: the profile's
// relative widths), cell content laid out in the cell's width, row heights
// (a spanning cell taller than its rows grows the last of them), and the
// slabs the paginator places: borders drawn per cell.
#include <algorithm>
#include <numeric>

#include "render/detail/Builder.h"

namespace nusqa::render {

TableBuilder::TableBuilder(Context& context, std::vector<double> widths, float left, float width,
                           bool borders)
    : _context(context), _table(std::make_shared<TableBox>()) {
    const profile::Styles& styles = context.profile.styles;
    _table->padding = static_cast<float>(styles.cellPadding);
    _table->borderWidth = static_cast<float>(styles.borderWidth);
    _table->borders = borders;
    double specified = 0;
    int count = 0;
    for (double w : widths)
        if (w > 0) {
            specified += w;
            ++count;
        }
    double fallback = count > 0 ? specified / count : 1.0;
    for (double& w : widths)
        if (w <= 0) w = fallback;
    if (widths.empty()) widths.push_back(1);
    double total = std::accumulate(widths.begin(), widths.end(), 0.0);
    float x = left;
    for (double w : widths) {
        _table->columnX.push_back(x);
        x += static_cast<float>(w / total * width);
    }
    _table->columnX.push_back(left + width);
    _busyUntil.assign(widths.size(), -1);
}

void TableBuilder::beginRow(bool header) {
    if (header && _rows != &_table->header) {
        std::fill(_busyUntil.begin(), _busyUntil.end(), -1);
    } else if (!header && _rows != &_table->rows) {
        std::fill(_busyUntil.begin(), _busyUntil.end(), -1);
    }
    _rows = header ? &_table->header : &_table->rows;
    _row = static_cast<int>(_rows->size());
    _rows->emplace_back();
    _cursor = 0;
}

void TableBuilder::cell(int colspan, int rowspan, const CellLayout& layout) {
    if (_rows == nullptr) beginRow();
    std::size_t columns = _busyUntil.size();
    while (_cursor < columns && _busyUntil[_cursor] >= _row) ++_cursor;
    if (_cursor >= columns) return;  // more cells than columns: dropped by the grid
    auto span = static_cast<std::size_t>(std::max(colspan, 1));
    span = std::min(span, columns - _cursor);
    for (std::size_t c = _cursor; c < _cursor + span; ++c)
        _busyUntil[c] = _row + std::max(rowspan, 1) - 1;
    CellBox box;
    box.column = static_cast<int>(_cursor);
    box.colspan = static_cast<int>(span);
    box.rowspan = std::max(rowspan, 1);
    float width = _table->columnX[_cursor + span] - _table->columnX[_cursor];
    float inner = std::max(width - 2 * _table->padding, 4.0f);
    box.lines = layout(inner);
    for (Slab& line : box.lines)
        for (PlacedText& text : line.texts) text.x += _table->padding;
    box.contentHeight = 2 * _table->padding;
    for (const Slab& line : box.lines) box.contentHeight += line.height;
    _rows->back().cells.push_back(std::move(box));
    _cursor += span;
}

void TableBuilder::textCell(const std::string& text, const profile::TextStyle& style, int colspan,
                            int rowspan) {
    cell(colspan, rowspan, [&](float inner) {
        ParagraphFormat format{inner,
                               0,
                               0,
                               style.align,
                               _context.lineSpacing(),
                               _context.hyphenator,
                               _context.lineStats};
        return breakLines(_context.fonts, spansOf(text, styleOf(style), style.upperCase), format);
    });
}

namespace {

void sizeRows(std::vector<RowBox>& rows, float minimum) {
    for (RowBox& row : rows) {
        row.height = minimum;
        for (const CellBox& cell : row.cells)
            if (cell.rowspan == 1) row.height = std::max(row.height, cell.contentHeight);
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (const CellBox& cell : rows[r].cells) {
            if (cell.rowspan == 1) continue;
            std::size_t last =
                std::min(rows.size() - 1, r + static_cast<std::size_t>(cell.rowspan) - 1);
            float total = 0;
            for (std::size_t i = r; i <= last; ++i) total += rows[i].height;
            if (cell.contentHeight > total) rows[last].height += cell.contentHeight - total;
        }
    }
}

}  // namespace

std::shared_ptr<TableBox> TableBuilder::finish() {
    float minimum =
        2 * _table->padding +
        static_cast<float>(_context.profile.styles.tableText.size) * _context.lineSpacing();
    sizeRows(_table->header, minimum);
    sizeRows(_table->rows, minimum);
    return _table;
}

std::size_t groupEnd(const std::vector<RowBox>& rows, std::size_t begin) {
    std::size_t end = begin + 1;
    for (std::size_t r = begin; r < end && r < rows.size(); ++r)
        for (const CellBox& cell : rows[r].cells)
            end = std::max(end, r + static_cast<std::size_t>(cell.rowspan));
    return std::min(end, rows.size());
}

Slab rowsSlab(const TableBox& table, const std::vector<RowBox>& rows, std::size_t begin,
              std::size_t end) {
    Slab slab;
    std::vector<float> top(end - begin + 1, 0);
    for (std::size_t r = begin; r < end; ++r) top[r - begin + 1] = top[r - begin] + rows[r].height;
    slab.height = top.back();
    for (std::size_t r = begin; r < end; ++r) {
        for (const CellBox& cell : rows[r].cells) {
            std::size_t last = std::min(end, r + static_cast<std::size_t>(cell.rowspan));
            float y1 = top[r - begin];
            float y2 = top[last - begin];
            float x1 = table.columnX[static_cast<std::size_t>(cell.column)];
            float x2 = table.columnX[static_cast<std::size_t>(cell.column + cell.colspan)];
            if (table.borders) {
                float w = table.borderWidth;
                slab.rules.push_back({x1, y1, x2, y1, w});
                slab.rules.push_back({x1, y2, x2, y2, w});
                slab.rules.push_back({x1, y1, x1, y2, w});
                slab.rules.push_back({x2, y1, x2, y2, w});
            }
            float y = y1 + table.padding;
            for (const Slab& line : cell.lines) {
                slab.append(line, x1, y);
                y += line.height;
            }
        }
    }
    return slab;
}

bool splitRow(const TableBox& table, const RowBox& row, float height, RowBox& first, RowBox& rest) {
    first = RowBox{};
    rest = RowBox{};
    bool progress = false;
    float room = height - 2 * table.padding;
    for (const CellBox& cell : row.cells) {
        CellBox head = cell;
        CellBox tail = cell;
        head.lines.clear();
        tail.lines.clear();
        float used = 0;
        std::size_t i = 0;
        for (; i < cell.lines.size() && used + cell.lines[i].height <= room; ++i) {
            used += cell.lines[i].height;
            head.lines.push_back(cell.lines[i]);
        }
        progress = progress || i > 0;
        tail.lines.assign(cell.lines.begin() + static_cast<std::ptrdiff_t>(i), cell.lines.end());
        head.contentHeight = used + 2 * table.padding;
        tail.contentHeight = 2 * table.padding;
        for (const Slab& line : tail.lines) tail.contentHeight += line.height;
        head.rowspan = tail.rowspan = 1;
        first.cells.push_back(std::move(head));
        rest.cells.push_back(std::move(tail));
    }
    first.height = height;
    for (const CellBox& cell : rest.cells) rest.height = std::max(rest.height, cell.contentHeight);
    return progress;
}

namespace {

// A cell of the table with its place in the grid, found as TableBuilder
// places cells (covered cells skipped, extra cells dropped).
struct GridCell {
    const content::Cell* cell = nullptr;
    bool header = false;
    std::size_t column = 0;
    std::size_t colspan = 1;
};

std::vector<GridCell> gridOf(const content::Table& table, std::size_t columns) {
    std::vector<GridCell> cells;
    for (const auto* rows : {&table.headerRows, &table.rows}) {
        std::vector<int> busyUntil(columns, -1);
        int row = 0;
        for (const content::Row& r : *rows) {
            std::size_t cursor = 0;
            for (const content::Cell& cell : r.cells) {
                while (cursor < columns && busyUntil[cursor] >= row) ++cursor;
                if (cursor >= columns) break;
                std::size_t span =
                    std::min(static_cast<std::size_t>(std::max(cell.colspan, 1)), columns - cursor);
                for (std::size_t c = cursor; c < cursor + span; ++c)
                    busyUntil[c] = row + std::max(cell.rowspan, 1) - 1;
                cells.push_back({&cell, rows == &table.headerRows, cursor, span});
                cursor += span;
            }
            ++row;
        }
    }
    return cells;
}

std::size_t columnCount(const content::Table& table) {
    std::size_t columns = table.columnWidths.size();
    for (const auto* rows : {&table.headerRows, &table.rows})
        for (const content::Row& row : *rows) {
            std::size_t count = 0;
            for (const content::Cell& cell : row.cells)
                count += static_cast<std::size_t>(std::max(cell.colspan, 1));
            columns = std::max(columns, count);
        }
    return std::max<std::size_t>(columns, 1);
}

profile::TextStyle cellStyleOf(Context& context, const content::Cell& cell, bool header) {
    const profile::Styles& styles = context.profile.styles;
    profile::TextStyle style = header ? styles.tableHeader : styles.tableText;
    style.firstLineIndent = 0;
    if (cell.align != content::CellAlign::Default)
        style.align = cell.align == content::CellAlign::Left     ? profile::Align::Left
                      : cell.align == content::CellAlign::Center ? profile::Align::Center
                      : cell.align == content::CellAlign::Right  ? profile::Align::Right
                                                                 : profile::Align::Justify;
    return style;
}

// The context a cell's blocks are laid out (and measured) in.
Context cellContextOf(Context& context, const profile::TextStyle& style, float inner) {
    Context cellContext{context.content, context.profile, context.fonts, context.fields, inner, {}};
    cellContext.body = style;
    cellContext.hyphenator = context.hyphenator;
    cellContext.lineStats = context.lineStats;
    return cellContext;
}

std::vector<CellExtent> cellExtents(Context& context, const content::Table& table,
                                    std::size_t columns) {
    float padding = static_cast<float>(context.profile.styles.cellPadding);
    std::vector<CellExtent> extents;
    for (const GridCell& grid : gridOf(table, columns)) {
        Context cellContext =
            cellContextOf(context, cellStyleOf(context, *grid.cell, grid.header), 0);
        TextExtent extent = measureBlocks(cellContext, grid.cell->blocks);
        // A little over the measure, so rounding never pushes a piece out.
        extents.push_back({grid.column, grid.colspan, extent.minimum + 2 * padding + 0.5f,
                           extent.preferred + 2 * padding + 0.5f});
    }
    return extents;
}

}  // namespace

TextExtent tableExtent(Context& context, const content::Table& table) {
    std::size_t columns = columnCount(table);
    std::vector<CellExtent> extents = cellExtents(context, table, columns);
    TextExtent extent;
    std::vector<float> minimum(columns, 0);
    std::vector<float> preferred(columns, 0);
    for (const CellExtent& cell : extents) {
        float share = 1.0f / static_cast<float>(cell.colspan);
        for (std::size_t c = cell.column; c < cell.column + cell.colspan && c < columns; ++c) {
            minimum[c] = std::max(minimum[c], cell.minimum * share);
            preferred[c] = std::max(preferred[c], cell.preferred * share);
        }
    }
    for (std::size_t c = 0; c < columns; ++c) {
        extent.minimum += minimum[c];
        extent.preferred += preferred[c];
    }
    return extent;
}

std::shared_ptr<TableBox> layoutTable(Context& context, const content::Table& table, float left,
                                      float width) {
    std::size_t columns = columnCount(table);
    std::vector<float> widths =
        columnWidths(columns, cellExtents(context, table, columns), table.columnWidths, width);
    TableBuilder builder(context, std::vector<double>(widths.begin(), widths.end()), left, width);
    auto addRows = [&](const std::vector<content::Row>& rows, bool header) {
        for (const content::Row& row : rows) {
            builder.beginRow(header);
            for (const content::Cell& cell : row.cells) {
                builder.cell(cell.colspan, cell.rowspan, [&](float inner) {
                    profile::TextStyle cellStyle = cellStyleOf(context, cell, header);
                    Context cellContext = cellContextOf(context, cellStyle, inner);
                    if (cellStyle.align == profile::Align::Justify && inner < 200)
                        cellContext.body.align = profile::Align::Left;
                    std::vector<FlowItem> items;
                    for (const content::Block& block : cell.blocks) {
                        if (const auto* p = std::get_if<content::Paragraph>(&block.value)) {
                            items.push_back(textItem(cellContext,
                                                     spansOf(p->text, styleOf(cellStyle)),
                                                     cellStyle, 0, inner));
                        } else {
                            std::vector<content::Block> one{block};
                            layoutBlocks(cellContext, one, 0, inner, items);
                        }
                    }
                    return stack(items);
                });
            }
        }
    };
    addRows(table.headerRows, true);
    addRows(table.rows, false);
    return builder.finish();
}

// A template line whose fields are empty (no «... орнына» line for a first
// edition) leaves no blank line behind.
static std::string withoutEmptyLines(const std::string& text) {
    std::string result;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        std::string line = text.substr(start, end - start);
        if (line.find_first_not_of(' ') != std::string::npos)
            result += (result.empty() ? "" : "\n") + line;
        start = end + 1;
    }
    return result;
}

std::shared_ptr<TableBox> layoutTemplateTable(Context& context, const profile::TemplateTable& table,
                                              float left, float width) {
    TableBuilder builder(context, table.columns, left, width, table.borders);
    const content::Meta& meta = context.content.meta;
    for (const profile::TemplateRow& row : table.rows) {
        std::size_t repeat = 1;
        if (row.repeat == "approvers")
            repeat = meta.agreementList.size();
        else if (row.repeat == "preparedBy")
            repeat = meta.preparedBy.size();
        for (std::size_t index = 0; index < repeat; ++index) {
            if (row.repeat == "approvers") {
                const content::Approver& approver = meta.agreementList[index];
                context.fields.set("itemPosition", approver.position);
                context.fields.set("itemName", approver.name);
                context.fields.set("itemDate", context.fields.date(approver.date));
                context.fields.set("itemDateLong", context.fields.date(approver.date, true));
            } else if (row.repeat == "preparedBy") {
                const content::Person& person = meta.preparedBy[index];
                context.fields.set("itemPosition", person.position);
                context.fields.set("itemName", person.name);
                context.fields.set("itemDate", context.fields.get("preparedDate"));
                context.fields.set("itemDateLong", context.fields.get("preparedDateLong"));
            }
            context.fields.set("itemIndex", std::to_string(index + 1));
            builder.beginRow();
            for (const profile::TemplateCell& cell : row.cells)
                builder.textCell(withoutEmptyLines(context.fields.expand(cell.text)), cell.style,
                                 cell.colspan, cell.rowspan);
        }
    }
    return builder.finish();
}

}  // namespace nusqa::render
