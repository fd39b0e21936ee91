// Private to RandomEdits.cpp: every place of an edition's content that a
// random edit can touch — elements with an eId (to reword, delete, renumber,
// move), containers (to insert or move into) and table cells — with
// pointers into the content and closures that take an element out or put
// one in. Pointers and closures are valid until the content changes: walk
// again after every edit. Not thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "domain/Comparison.h"
#include "domain/Content.h"

namespace nusqa::compare::testing {

// What can be taken out of one place and put into another.
using Piece =
    std::variant<content::Block, content::ListItem, content::Entry, content::Form, content::Row>;

struct Element {
    ElementKind kind = ElementKind::Clause;
    std::string eId;
    std::vector<std::string> ancestors;   // eIds of the enclosing elements, outermost first
    std::function<Piece()> take;          // removes the element; empty when it cannot be
    std::string* num = nullptr;           // non-null when it has a number
    std::vector<content::Inline*> texts;  // its own texts that have a word
    bool alone = false;                   // the only item, entry, form or row of its list or table
};

struct Container {
    ElementKind kind = ElementKind::Chapter;
    std::string eId;
    std::vector<std::string> ancestors;
    std::vector<ElementKind> accepts;  // kinds that may be inserted or moved in
    std::size_t size = 0;              // children now: insert at 0..size
    std::function<void(std::size_t, Piece)> insert;
};

struct CellSite {
    std::string table;
    std::string row;                     // may be empty
    std::vector<std::string> ancestors;  // up to and with the table
    content::Inline* text = nullptr;
};

class EditSites {
public:
    explicit EditSites(content::Content& content);

    std::vector<Element> elements;
    std::vector<Container> containers;
    std::vector<CellSite> cells;

private:
    struct CellContext {
        std::string table;
        std::string row;
    };

    int element(ElementKind kind, const std::string& eId, std::function<Piece()> take,
                std::string* num = nullptr);
    void text(int owner, content::Inline& text);
    void blocks(std::vector<content::Block>& list, int owner, const CellContext* cell);
    void division(content::Division& division, std::function<Piece()> take);
    void listOf(content::List& list, std::function<Piece()> take);
    void table(content::Table& table, std::function<Piece()> take);
    void entryList(content::EntryList& list, std::function<Piece()> take);
    void formsList(content::FormsList& forms);

    std::vector<std::string> _stack;  // eIds of the enclosing elements
};

// True when some run of text has a word (WordDiff.h).
bool hasWord(const content::Inline& text);

}  // namespace nusqa::compare::testing
