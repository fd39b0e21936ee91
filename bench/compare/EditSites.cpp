#include "compare/EditSites.h"

#include <cstddef>
#include <utility>

#include "domain/WordDiff.h"

namespace nusqa::compare::testing {

using namespace content;

namespace {

ElementKind kindOf(Division::Kind kind) {
    switch (kind) {
        case Division::Kind::Chapter:
            return ElementKind::Chapter;
        case Division::Kind::Paragraph:
            return ElementKind::Paragraph;
        case Division::Kind::Section:
            return ElementKind::Section;
        case Division::Kind::Clause:
            return ElementKind::Clause;
        case Division::Kind::Subclause:
            return ElementKind::Subclause;
        case Division::Kind::Annex:
            return ElementKind::Annex;
    }
    return ElementKind::Section;
}

std::vector<ElementKind> acceptedBy(ElementKind kind) {
    switch (kind) {
        case ElementKind::Chapter:
        case ElementKind::Paragraph:
        case ElementKind::Section:
        case ElementKind::Annex:
            return {ElementKind::Clause, ElementKind::Section};
        case ElementKind::Clause:
        case ElementKind::Subclause:
            return {ElementKind::Subclause};
        default:
            return {};
    }
}

template <typename T>
std::function<Piece()> taker(std::vector<T>& list, std::size_t index) {
    return [&list, index]() -> Piece {
        T taken = std::move(list[index]);
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(index));
        return taken;
    };
}

template <typename T>
std::function<void(std::size_t, Piece)> inserter(std::vector<T>& list) {
    return [&list](std::size_t index, Piece piece) {
        list.insert(list.begin() + static_cast<std::ptrdiff_t>(index),
                    std::get<T>(std::move(piece)));
    };
}

// Every place of the content an edit can touch; pointers valid until the
// content changes.

}  // namespace

bool hasWord(const Inline& text) {
    for (const Run& run : text)
        for (const Token& token : tokenize(run.text))
            if (token.kind == TokenKind::Word) return true;
    return false;
}

EditSites::EditSites(Content& content) {
    blocks(content.body, -1, nullptr);
    if (content.forms) formsList(*content.forms);
    std::vector<Division>& annexes = content.annexes;
    for (std::size_t k = 0; k < annexes.size(); ++k) {
        division(annexes[k], [&annexes, k]() -> Piece {
            Block taken{std::move(annexes[k])};
            annexes.erase(annexes.begin() + static_cast<std::ptrdiff_t>(k));
            return taken;
        });
    }
}

int EditSites::element(ElementKind kind, const std::string& eId, std::function<Piece()> take,
                       std::string* num) {
    if (eId.empty()) return -1;
    elements.push_back({kind, eId, _stack, std::move(take), num, {}});
    return static_cast<int>(elements.size()) - 1;
}

void EditSites::text(int owner, Inline& text) {
    if (owner >= 0 && hasWord(text))
        elements[static_cast<std::size_t>(owner)].texts.push_back(&text);
}

void EditSites::blocks(std::vector<Block>& list, int owner, const CellContext* cell) {
    for (std::size_t k = 0; k < list.size(); ++k) {
        Block& block = list[k];
        if (auto* p = std::get_if<Paragraph>(&block.value)) {
            if (!p->eId.empty()) {
                text(element(ElementKind::P, p->eId, taker(list, k)), p->text);
            } else if (cell != nullptr) {
                if (hasWord(p->text)) cells.push_back({cell->table, cell->row, _stack, &p->text});
            } else {
                text(owner, p->text);
            }
        } else if (auto* l = std::get_if<List>(&block.value)) {
            listOf(*l, taker(list, k));
        } else if (auto* t = std::get_if<Table>(&block.value)) {
            table(*t, taker(list, k));
        } else if (auto* e = std::get_if<EntryList>(&block.value)) {
            entryList(*e, taker(list, k));
        } else if (auto* d = std::get_if<Division>(&block.value)) {
            division(*d, taker(list, k));
        }
    }
}

void EditSites::division(Division& division, std::function<Piece()> take) {
    ElementKind kind = kindOf(division.kind);
    int index = element(kind, division.eId, std::move(take),
                        division.num.empty() ? nullptr : &division.num);
    text(index, division.heading);
    containers.push_back({kind, division.eId, _stack, acceptedBy(kind), division.children.size(),
                          inserter(division.children)});
    _stack.push_back(division.eId);
    blocks(division.children, index, nullptr);
    _stack.pop_back();
}

void EditSites::listOf(List& list, std::function<Piece()> take) {
    element(ElementKind::List, list.eId, std::move(take));
    containers.push_back({ElementKind::List,
                          list.eId,
                          _stack,
                          {ElementKind::Item},
                          list.items.size(),
                          inserter(list.items)});
    _stack.push_back(list.eId);
    for (std::size_t k = 0; k < list.items.size(); ++k) {
        ListItem& item = list.items[k];
        int index = element(ElementKind::Item, item.eId, taker(list.items, k),
                            item.num.empty() ? nullptr : &item.num);
        if (index >= 0) elements[static_cast<std::size_t>(index)].alone = list.items.size() == 1;
        _stack.push_back(item.eId);
        blocks(item.blocks, index, nullptr);
        _stack.pop_back();
    }
    _stack.pop_back();
}

void EditSites::table(Table& table, std::function<Piece()> take) {
    element(ElementKind::Table, table.eId, std::move(take));
    _stack.push_back(table.eId);
    for (std::vector<Row>* rows : {&table.headerRows, &table.rows}) {
        for (std::size_t k = 0; k < rows->size(); ++k) {
            Row& row = (*rows)[k];
            int index = element(ElementKind::Row, row.eId, taker(*rows, k));
            if (index >= 0) elements[static_cast<std::size_t>(index)].alone = rows->size() == 1;
            CellContext context{table.eId, row.eId};
            if (!row.eId.empty()) _stack.push_back(row.eId);
            for (Cell& cell : row.cells) blocks(cell.blocks, -1, &context);
            if (!row.eId.empty()) _stack.pop_back();
        }
    }
    _stack.pop_back();
}

void EditSites::entryList(EntryList& list, std::function<Piece()> take) {
    element(ElementKind::EntryList, list.eId, std::move(take));
    containers.push_back({ElementKind::EntryList,
                          list.eId,
                          _stack,
                          {ElementKind::Entry},
                          list.entries.size(),
                          inserter(list.entries)});
    _stack.push_back(list.eId);
    for (std::size_t k = 0; k < list.entries.size(); ++k) {
        Entry& entry = list.entries[k];
        int index = element(ElementKind::Entry, entry.eId, taker(list.entries, k),
                            entry.num.empty() ? nullptr : &entry.num);
        if (index >= 0) elements[static_cast<std::size_t>(index)].alone = list.entries.size() == 1;
        text(index, entry.name);
        text(index, entry.text);
    }
    _stack.pop_back();
}

void EditSites::formsList(FormsList& forms) {
    containers.push_back({ElementKind::FormsList,
                          forms.eId,
                          _stack,
                          {ElementKind::Form},
                          forms.forms.size(),
                          inserter(forms.forms)});
    _stack.push_back(forms.eId);
    for (std::size_t k = 0; k < forms.forms.size(); ++k) {
        Form& form = forms.forms[k];
        int index = element(ElementKind::Form, form.eId, taker(forms.forms, k),
                            form.num.empty() ? nullptr : &form.num);
        if (index >= 0) elements[static_cast<std::size_t>(index)].alone = forms.forms.size() == 1;
        text(index, form.name);
    }
    _stack.pop_back();
}

}  // namespace nusqa::compare::testing
