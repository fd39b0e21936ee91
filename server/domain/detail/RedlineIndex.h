// Private to the redline (Redline.cpp, RedlineSummary.cpp): the elements of
// one edition's content as the comparison sees them (the same walk as
// ComparisonTree, so Places of the comparison find them), each with a
// pointer to its object in the content, where it lives (container, index)
// and the inline texts of its parts; and the summary's labels.
//
// An index points into the Content it was built over: valid while that
// content is not changed structurally (runs may be rewritten in place).
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "domain/Comparison.h"
#include "domain/Content.h"
#include "domain/Redline.h"

namespace nusqa::compare::detail {

using Object =
    std::variant<std::monostate, content::Division*, content::Paragraph*, content::List*,
                 content::ListItem*, content::Table*, content::Row*, content::EntryList*,
                 content::Entry*, content::FormsList*, content::Form*, content::ChangeRecord*>;

// The vector an element is stored in.
using Container =
    std::variant<std::monostate, std::vector<content::Block>*, std::vector<content::ListItem>*,
                 std::vector<content::Row>*, std::vector<content::Entry>*,
                 std::vector<content::Form>*, std::vector<content::Division>*>;

struct Slot {
    ElementKind kind = ElementKind::Chapter;
    std::string eId;
    bool headerRow = false;
    int position = 0;  // as Node::position
    int parent = -1;
    int depth = 0;
    std::vector<int> children;
    Object object;
    Container container;
    std::size_t index = 0;  // in container
    int cell = -1;          // elements in a table cell: the cell's index in the row
    // The "text" part: the eId-less paragraphs, in order.
    std::vector<content::Inline*> text;
    // Rows: per cell (in the row's order), its grid column (1-based) and text.
    std::vector<int> cellColumns;
    std::vector<std::vector<content::Inline*>> cellTexts;
};

struct Index {
    std::vector<Slot> slots;  // slot 0: the edition
    std::unordered_map<std::string, int> byEId;
    content::Content* content = nullptr;

    // The slot at the end of place's path; -1 when there is none.
    int find(const Place& place) const;
    // The slots from the edition down to slot (as a Place's path would name them).
    std::vector<int> pathTo(int slot) const;
};

Index indexOf(content::Content& content);

// The redline's own words.
struct RedlineLabels {
    const char* banner;
    const char* title;
    const char* compared;  // "Compared: {from} → {to}"
    const char* count;     // "Changes: "
    const char* none;
    const char* number;
    const char* change;
    const char* before;
    const char* after;
    const char* content;
    const char* formerly;  // note on a moved or renumbered element
    const char* meta;      // "Metadata"
    const char* row;
    const char* column;
};
const RedlineLabels& labelsOf(RedlineLanguage language);
std::string_view changeName(ChangeType type, RedlineLanguage language);

std::vector<content::Block> redlineSummary(const content::Content& b, const Comparison& comparison,
                                           const RedlineSides& sides, RedlineLanguage language,
                                           std::size_t& rows);

}  // namespace nusqa::compare::detail
