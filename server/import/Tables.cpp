#include <algorithm>

#include "import/detail/Blocks.h"
#include "import/detail/Inline.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

bool emphasised(const SourceCell& cell) {
    bool any = false;
    for (const SourceParagraph& paragraph : cell.paragraphs)
        for (const Run& run : paragraph.runs) {
            if (trim(run.text).empty()) continue;
            if (!run.italic && !run.bold) return false;
            any = true;
        }
    return any;
}

bool isHeaderRow(const SourceRow& row) {
    if (row.cells.empty()) return false;
    if (trim(row.cells.front().text()).starts_with("№")) return true;
    bool allEmphasised = true, allShort = row.cells.size() >= 2;
    for (const SourceCell& cell : row.cells) {
        std::string text(trim(cell.text()));
        allEmphasised = allEmphasised && emphasised(cell);
        bool isShort = !text.empty() && wordCount(text) <= 8 && !text.ends_with(".") &&
                       !text.ends_with(";") &&
                       text.find_first_not_of("0123456789. ") != std::string::npos;
        allShort = allShort && isShort;
    }
    return allEmphasised || allShort;
}

bool numbersColumns(const SourceRow& row) {
    if (row.cells.size() < 2) return false;
    for (std::size_t i = 0; i < row.cells.size(); ++i)
        if (trim(row.cells[i].text()) != std::to_string(i + 1)) return false;
    return true;
}

// "1" -> "1", "1.1" -> "1_1"; empty when the text is not a number.
std::string rowKey(std::string_view text) {
    std::string_view t = trim(text);
    while (!t.empty() && t.back() == '.') t.remove_suffix(1);
    if (t.empty() || t.size() > 12 ||
        t.find_first_not_of("0123456789.") != std::string_view::npos || t.front() == '.' ||
        t.find("..") != std::string_view::npos)
        return {};
    std::string key(t);
    for (char& c : key)
        if (c == '.') c = '_';
    return key;
}

Node paragraphNode(std::vector<Run> runs, int line) {
    Node p;
    p.kind = NodeKind::P;
    p.line = line;
    p.text = std::move(runs);
    return p;
}

Node listItem(std::string num, std::vector<Run> runs, int line) {
    Node item;
    item.kind = NodeKind::Item;
    item.num = std::move(num);
    item.line = line;
    item.children.push_back(paragraphNode(trimRuns(std::move(runs)), line));
    return item;
}

// «1. aaa 2. bbb 3. ccc» in one paragraph: the items, or empty.
std::vector<Node> inlineOrderedItems(const Para& para) {
    const LineInfo& info = para.info;
    if (info.kind != LineKind::Numbered || info.numbers != std::vector<int>{1} || !info.dot)
        return {};
    std::vector<std::pair<std::size_t, std::size_t>> starts{
        {0, info.rest}};  // label start, text start
    std::size_t from = info.rest;
    for (int n = 2;; ++n) {
        std::string label = " " + std::to_string(n) + ".";
        std::size_t at = para.text.find(label, from);
        if (at == std::string::npos) break;
        std::size_t after = at + label.size();
        if (after < para.text.size() && para.text[after] != ' ') break;
        starts.push_back({at + 1, after});
        from = after;
    }
    if (starts.size() < 2) return {};
    std::vector<Node> items;
    for (std::size_t k = 0; k < starts.size(); ++k) {
        std::size_t end = k + 1 < starts.size() ? starts[k + 1].first : para.text.size();
        std::vector<Run> runs =
            runsUntil(runsFrom(para.runs, starts[k].second), end - starts[k].second);
        std::string num = std::to_string(k + 1) + ".";
        items.push_back(listItem(num, std::move(runs), para.line));
    }
    return items;
}

std::vector<Node> cellBlocks(const SourceCell& cell, int line) {
    std::vector<Node> blocks;
    Node* list = nullptr;
    for (const SourceParagraph& paragraph : cell.paragraphs) {
        Para para = makePara(paragraph);
        if (para.line == 0) para.line = line;
        if (trim(para.text).empty()) continue;
        if (std::vector<Node> items = inlineOrderedItems(para); !items.empty()) {
            Node node;
            node.kind = NodeKind::List;
            node.ordered = true;
            node.line = para.line;
            node.children = std::move(items);
            blocks.push_back(std::move(node));
            list = nullptr;
            continue;
        }
        // A paragraph Word numbered or bulleted is a list item.
        bool numbered = para.autoNumber &&
                        (para.info.kind == LineKind::Numbered || para.info.kind == LineKind::Item ||
                         para.info.kind == LineKind::Bullet);
        if (numbered) {
            bool ordered = para.info.kind != LineKind::Bullet;
            if (list == nullptr || list->ordered != ordered) {
                Node node;
                node.kind = NodeKind::List;
                node.ordered = ordered;
                node.line = para.line;
                blocks.push_back(std::move(node));
                list = &blocks.back();
            }
            list->children.push_back(
                listItem(para.info.num, runsFrom(para.runs, para.info.rest), para.line));
            continue;
        }
        blocks.push_back(paragraphNode(para.runs, para.line));
        list = nullptr;
    }
    return blocks;
}

}  // namespace

Node makeTable(const SourceTable& table) {
    Node node;
    node.kind = NodeKind::Table;
    node.line = table.line;
    node.columnWidths = table.columnWidths;
    bool header = table.rows.size() >= 2 && isHeaderRow(table.rows.front());
    // A row without cells cannot be written (<tr/> is not schema-valid): it
    // is left out, and a rowspan over it or past the last row is shortened.
    std::vector<std::size_t> kept;  // indices of the rows that have cells
    for (std::size_t i = 0; i < table.rows.size(); ++i)
        if (!table.rows[i].cells.empty()) kept.push_back(i);
    auto spanFrom = [&](std::size_t rowIndex, int rowspan) {
        auto at = std::lower_bound(kept.begin(), kept.end(), rowIndex);
        std::size_t end = rowIndex + static_cast<std::size_t>(std::max(rowspan, 1));
        auto until = std::lower_bound(kept.begin(), kept.end(), end);
        return std::max(1, static_cast<int>(until - at));
    };
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const SourceRow& source = table.rows[i];
        if (source.cells.empty()) continue;
        Row row;
        row.line = source.line;
        for (const SourceCell& sourceCell : source.cells) {
            Cell cell;
            cell.colspan = sourceCell.colspan;
            cell.rowspan = spanFrom(i, sourceCell.rowspan);
            cell.blocks = cellBlocks(sourceCell, source.line);
            row.cells.push_back(std::move(cell));
        }
        if (header && (i == 0 || (i == node.head.size() && numbersColumns(source)))) {
            node.head.push_back(std::move(row));
            continue;
        }
        if (!source.cells.empty()) row.key = rowKey(source.cells.front().text());
        node.rows.push_back(std::move(row));
    }
    // A table of header rows only (a sheet without entries) keeps them as rows.
    if (node.rows.empty()) std::swap(node.rows, node.head);
    return node;
}

}  // namespace nusqa::import
