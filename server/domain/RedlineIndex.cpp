// The walk over an edition's content for the redline. It must visit the
// elements exactly as ComparisonTree's Builder does (same kinds, same
// order, the same paragraphs taken as "text"), so that the positions agree
// and a Place of the comparison finds its element here.
#include <algorithm>

#include "domain/detail/ComparisonTree.h"
#include "domain/detail/RedlineIndex.h"

namespace nusqa::compare::detail {
namespace {

using namespace content;

class Walker {
public:
    explicit Walker(Index& index) : _index(index) {}

    void edition(Content& content) {
        _index.content = &content;
        _index.slots.push_back(Slot{});
        blocks(content.body, 0, nullptr, -1);
        if (content.forms) formsList(*content.forms);
        for (std::size_t k = 0; k < content.annexes.size(); ++k)
            division(content.annexes[k], 0, Container{&content.annexes}, k, -1);
        for (std::size_t k = 0; k < content.changes.size(); ++k)
            add(0, ElementKind::ChangeRecord, content.changes[k].eId, &content.changes[k], {}, k,
                -1);
    }

private:
    Slot& slot(int index) { return _index.slots[static_cast<std::size_t>(index)]; }

    int add(int parent, ElementKind kind, const std::string& eId, Object object,
            Container container, std::size_t at, int cell, bool headerRow = false) {
        int index = static_cast<int>(_index.slots.size());
        Slot added;
        added.kind = kind;
        added.eId = eId;
        added.headerRow = headerRow;
        added.parent = parent;
        added.depth = slot(parent).depth + 1;
        added.object = object;
        added.container = container;
        added.index = at;
        added.cell = cell;
        for (int sibling : slot(parent).children)
            if (slot(sibling).kind == kind && slot(sibling).headerRow == headerRow)
                added.position = slot(sibling).position;
        ++added.position;
        if (!eId.empty()) _index.byEId.emplace(eId, index);
        slot(parent).children.push_back(index);
        _index.slots.push_back(std::move(added));
        return index;
    }

    void blocks(std::vector<Block>& blocks, int parent, std::vector<Inline*>* text, int cell) {
        for (std::size_t k = 0; k < blocks.size(); ++k) {
            Container container{&blocks};
            Block& block = blocks[k];
            if (auto* paragraph = std::get_if<Paragraph>(&block.value)) {
                if (paragraph->eId.empty() && text != nullptr) {
                    text->push_back(&paragraph->text);
                    continue;
                }
                int index =
                    add(parent, ElementKind::P, paragraph->eId, paragraph, container, k, cell);
                slot(index).text.push_back(&paragraph->text);
            } else if (auto* list = std::get_if<List>(&block.value)) {
                int index = add(parent, ElementKind::List, list->eId, list, container, k, cell);
                for (std::size_t i = 0; i < list->items.size(); ++i) {
                    ListItem& item = list->items[i];
                    int itemIndex = add(index, ElementKind::Item, item.eId, &item,
                                        Container{&list->items}, i, -1);
                    std::vector<Inline*> itemText;
                    this->blocks(item.blocks, itemIndex, &itemText, -1);
                    slot(itemIndex).text = std::move(itemText);
                }
            } else if (auto* table = std::get_if<Table>(&block.value)) {
                int index = add(parent, ElementKind::Table, table->eId, table, container, k, cell);
                rows(table->headerRows, index, true);
                rows(table->rows, index, false);
            } else if (auto* entries = std::get_if<EntryList>(&block.value)) {
                int index =
                    add(parent, ElementKind::EntryList, entries->eId, entries, container, k, cell);
                for (std::size_t i = 0; i < entries->entries.size(); ++i) {
                    Entry& entry = entries->entries[i];
                    int entryIndex = add(index, ElementKind::Entry, entry.eId, &entry,
                                         Container{&entries->entries}, i, -1);
                    slot(entryIndex).text.push_back(&entry.text);
                }
            } else if (auto* value = std::get_if<Division>(&block.value)) {
                division(*value, parent, container, k, cell);
            }
        }
    }

    void rows(std::vector<Row>& rows, int table, bool header) {
        std::vector<int> covered;  // per grid column: rows a span above still covers
        for (std::size_t r = 0; r < rows.size(); ++r) {
            Row& row = rows[r];
            int index =
                add(table, ElementKind::Row, row.eId, &row, Container{&rows}, r, -1, header);
            std::size_t column = 0;
            for (std::size_t c = 0; c < row.cells.size(); ++c) {
                Cell& cell = row.cells[c];
                while (column < covered.size() && covered[column] > 0) ++column;
                std::vector<Inline*> text;
                blocks(cell.blocks, index, &text, static_cast<int>(c));
                slot(index).cellColumns.push_back(static_cast<int>(column) + 1);
                slot(index).cellTexts.push_back(std::move(text));
                std::size_t span = static_cast<std::size_t>(std::max(1, cell.colspan));
                if (covered.size() < column + span) covered.resize(column + span, 0);
                for (std::size_t s = 0; s < span; ++s)
                    covered[column + s] = std::max(1, cell.rowspan);
                column += span;
            }
            for (int& rowsLeft : covered)
                if (rowsLeft > 0) --rowsLeft;
        }
    }

    void division(Division& division, int parent, Container container, std::size_t at, int cell) {
        int index =
            add(parent, elementKindOf(division.kind), division.eId, &division, container, at, cell);
        std::vector<Inline*> text;
        blocks(division.children, index, &text, -1);
        slot(index).text = std::move(text);
    }

    void formsList(FormsList& forms) {
        int index = add(0, ElementKind::FormsList, forms.eId, &forms, {}, 0, -1);
        for (std::size_t k = 0; k < forms.forms.size(); ++k)
            add(index, ElementKind::Form, forms.forms[k].eId, &forms.forms[k],
                Container{&forms.forms}, k, -1);
    }

    Index& _index;
};

}  // namespace

int Index::find(const Place& place) const {
    int node = 0;
    for (std::size_t k = 0; k < place.path.size(); ++k) {
        const PathStep& step = place.path[k];
        bool last = k + 1 == place.path.size();
        int found = -1;
        for (int child : slots[static_cast<std::size_t>(node)].children) {
            const Slot& slot = slots[static_cast<std::size_t>(child)];
            if (slot.kind != step.kind || slot.eId != step.eId || slot.position != step.position)
                continue;
            if (last && slot.headerRow != place.headerRow) continue;
            found = child;
            break;
        }
        if (found < 0) return -1;
        node = found;
    }
    return node;
}

std::vector<int> Index::pathTo(int slot) const {
    std::vector<int> path;
    for (int k = slot; k > 0; k = slots[static_cast<std::size_t>(k)].parent) path.push_back(k);
    std::reverse(path.begin(), path.end());
    return path;
}

Index indexOf(content::Content& content) {
    Index index;
    Walker(index).edition(content);
    return index;
}

}  // namespace nusqa::compare::detail
