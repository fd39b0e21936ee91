// Private to the comparison of editions (Comparison.cpp, ComparisonMatch.cpp):
// an edition's content flattened into one tree of the elements that are
// compared, in document order, with what is compared of each.
//
// Node 0 is the edition itself (never reported); under it, in order: the
// body's blocks, the list of forms, the annexes, the change records. Text
// paragraphs without an eId are not nodes: their text is the "text" part of
// the element holding them (or a cell's text) — except directly in the
// body, where they are P nodes without an eId. Table cells are not nodes
// either: a row holds its cells' texts; elements inside a cell (lists,
// paragraphs with an eId) are children of the row.
//
// Plain values; building is a pure function, safe on any threads.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/Comparison.h"
#include "domain/Content.h"

namespace nusqa::compare::detail {

// Formatting of a text over its non-space characters, run-length encoded:
// (flags, characters), flags = bold | italic << 1 | underline << 2 |
// script << 3; a stretch of white space with a line break is (0xFF, 1).
// Equal words with different signatures differ in formatting only.
using FormatSignature = std::vector<std::pair<std::uint8_t, std::uint32_t>>;

struct TextPart {
    const char* name = "";  // as TextChange::part
    std::string text;       // plain, paragraphs joined by "\n"
    FormatSignature format;
};

struct CellText {
    int column = 0;    // 1-based grid column
    std::string text;  // the cell's paragraphs without eId, joined by "\n"
    FormatSignature format;
    std::string layout;  // colspan, rowspan, alignment
};

struct Node {
    ElementKind kind = ElementKind::Chapter;
    std::string eId;
    bool firstWithEId = true;  // false for a later holder of a duplicate eId
    std::string num;
    std::string heading;          // plain: heading, caption; for paths
    std::vector<TextPart> parts;  // the same names in the same order per kind
    std::vector<CellText> cells;  // rows
    std::string layout;           // list type, column widths
    bool headerRow = false;       // rows
    int parent = -1;
    std::vector<int> children;
    int depth = 0;         // 0 for the edition, 1 for its top-level elements
    int end = 0;           // one past the last node of the subtree (preorder)
    int position = 0;      // 1-based among the parent's children of its kind
    int siblingIndex = 0;  // 0-based among all the parent's children
};

struct Tree {
    std::vector<Node> nodes;                     // preorder
    std::unordered_map<std::string, int> byEId;  // first holder of each eId
};

Tree buildTree(const content::Content& content);

// The whole text of a subtree: one line per element (number, heading,
// parts, cells separated by " | "), paragraphs on lines of their own.
std::string subtreeText(const Tree& tree, int node);

// The case-folded words of a node's own texts (headings, parts, cells; not
// its number, not its children's), for matching by similarity and position.
std::vector<std::string> ownWords(const Node& node);

// Where a node stands: its eId, number, position and the path down to it.
Place placeOf(const Tree& tree, int node);

// The kind of element a content division is compared as (the comparison's
// tree and the redline's walk must agree on it).
ElementKind elementKindOf(content::Division::Kind kind);

}  // namespace nusqa::compare::detail
