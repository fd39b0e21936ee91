#include "domain/Comparison.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <tuple>

#include "domain/detail/ComparisonMatch.h"
#include "domain/detail/ComparisonTree.h"

namespace nusqa::compare {
namespace {

using namespace detail;

std::size_t at(int index) {
    return static_cast<std::size_t>(index);
}

// Positions (into values) of one longest strictly increasing subsequence;
// among equally long ones, patience sorting's (deterministic).
std::vector<std::size_t> longestIncreasing(const std::vector<int>& values) {
    std::vector<std::size_t> tails;  // tails[l]: index ending the best run of length l + 1
    std::vector<std::size_t> previous(values.size(), values.size());
    for (std::size_t k = 0; k < values.size(); ++k) {
        auto place = std::lower_bound(tails.begin(), tails.end(), values[k],
                                      [&](std::size_t t, int value) { return values[t] < value; });
        if (place != tails.begin()) previous[k] = *(place - 1);
        if (place == tails.end())
            tails.push_back(k);
        else
            *place = k;
    }
    std::vector<std::size_t> out;
    for (std::size_t k = tails.empty() ? values.size() : tails.back(); k < values.size();
         k = previous[k])
        out.push_back(k);
    std::reverse(out.begin(), out.end());
    return out;
}

class Assembler {
public:
    Assembler(const Tree& a, const Tree& b, const Matching& matching)
        : _a(a), _b(b), _m(matching), _inOrder(b.nodes.size(), true) {}

    std::vector<ElementChange> run() && {
        markOrder();
        for (int j = 1; j < static_cast<int>(_b.nodes.size()); ++j) {
            int i = _m.bToA[at(j)];
            if (i >= 0) {
                ElementChange change = matched(i, j);
                if (!change.changes.empty()) keep(j, 0, 0, std::move(change));
            } else if (_m.bToA[at(bNode(j).parent)] >= 0) {
                keep(j, 0, 0, added(j));
            }
        }
        for (int i = 1; i < static_cast<int>(_a.nodes.size()); ++i)
            if (_m.aToB[at(i)] < 0 && _m.aToB[at(aNode(i).parent)] >= 0)
                keep(anchorOf(i), 1, i, deleted(i));
        std::stable_sort(_keyed.begin(), _keyed.end(), [](const Keyed& x, const Keyed& y) {
            return std::tie(x.position, x.tier, x.aIndex) < std::tie(y.position, y.tier, y.aIndex);
        });
        std::vector<ElementChange> out;
        out.reserve(_keyed.size());
        for (Keyed& keyed : _keyed) out.push_back(std::move(keyed.change));
        return out;
    }

private:
    struct Keyed {
        int position = 0;  // node of b it stands at (or after)
        int tier = 0;      // 0: the node itself; 1: a deletion after it
        int aIndex = 0;    // deletions after the same node: in a's order
        ElementChange change;
    };

    const Node& aNode(int i) const { return _a.nodes[at(i)]; }
    const Node& bNode(int j) const { return _b.nodes[at(j)]; }

    void keep(int position, int tier, int aIndex, ElementChange change) {
        _keyed.push_back({position, tier, aIndex, std::move(change)});
    }

    // Children that kept their parent but left the longest common
    // subsequence of the siblings' order are the moved ones; the others only
    // shifted because something was inserted or deleted around them.
    void markOrder() {
        for (int j = 0; j < static_cast<int>(_b.nodes.size()); ++j) {
            int i = _m.bToA[at(j)];
            if (i < 0) continue;
            std::vector<int> children;
            std::vector<int> order;
            for (int child : bNode(j).children) {
                int counterpart = _m.bToA[at(child)];
                if (counterpart < 0 || bNode(child).eId.empty() || aNode(counterpart).parent != i)
                    continue;
                children.push_back(child);
                order.push_back(aNode(counterpart).siblingIndex);
            }
            for (int child : children) _inOrder[at(child)] = false;
            for (std::size_t k : longestIncreasing(order)) _inOrder[at(children[k])] = true;
        }
    }

    ElementChange matched(int i, int j) const {
        const Node& before = aNode(i);
        const Node& after = bNode(j);
        ElementChange change;
        change.kind = after.kind;
        change.matchedBy = _m.how[at(j)];
        change.similarity = _m.similarity[at(j)];
        std::array<bool, 8> types{};
        auto set = [&types](ChangeType type) { types[static_cast<std::size_t>(type)] = true; };

        bool parentKept = _m.aToB[at(before.parent)] == after.parent;
        if (change.matchedBy != MatchedBy::Position && (!parentKept || !_inOrder[at(j)]))
            set(ChangeType::Moved);
        if (before.num != after.num) set(ChangeType::Renumbered);
        if (!before.eId.empty() && !after.eId.empty() && before.eId != after.eId)
            set(ChangeType::Reidentified);
        for (std::size_t p = 0; p < std::min(before.parts.size(), after.parts.size()); ++p) {
            const TextPart& x = before.parts[p];
            const TextPart& y = after.parts[p];
            if (!sameWords(x.text, y.text)) {
                change.texts.push_back({y.name, x.text, y.text, diffWords(x.text, y.text)});
                set(ChangeType::TextChanged);
            } else if (x.format != y.format) {
                change.formatting.push_back(y.name);
            }
        }
        if (before.layout != after.layout)
            change.formatting.push_back(after.kind == ElementKind::List ? "listType"
                                                                        : "columnWidths");
        if (after.kind == ElementKind::Table) cells(j, change);
        if (!change.cells.empty()) set(ChangeType::CellsChanged);
        if (!change.formatting.empty()) set(ChangeType::FormattingChanged);

        for (std::size_t t = 0; t < types.size(); ++t)
            if (types[t]) change.changes.push_back(static_cast<ChangeType>(t));
        if (!change.changes.empty()) {
            change.before = placeOf(_a, i);
            change.after = placeOf(_b, j);
        }
        return change;
    }

    // The cells of the table's rows that have a counterpart, compared one
    // by one in the order of the row.
    void cells(int table, ElementChange& change) const {
        for (int row : bNode(table).children) {
            const Node& after = bNode(row);
            int counterpart = _m.bToA[at(row)];
            if (after.kind != ElementKind::Row || counterpart < 0) continue;
            const Node& before = aNode(counterpart);
            std::size_t count = std::max(before.cells.size(), after.cells.size());
            for (std::size_t k = 0; k < count; ++k) {
                const CellText* x = k < before.cells.size() ? &before.cells[k] : nullptr;
                const CellText* y = k < after.cells.size() ? &after.cells[k] : nullptr;
                std::string xText = x != nullptr ? x->text : std::string();
                std::string yText = y != nullptr ? y->text : std::string();
                int column = y != nullptr ? y->column : x->column;
                if (!sameWords(xText, yText)) {
                    change.cells.push_back({after.position, after.headerRow,
                                            after.eId.empty() ? before.eId : after.eId, column,
                                            xText, yText, diffWords(xText, yText)});
                } else if (x == nullptr || y == nullptr || x->format != y->format ||
                           x->layout != y->layout) {
                    change.formatting.push_back(
                        std::string(after.headerRow ? "header cell " : "cell ") +
                        std::to_string(after.position) + "/" + std::to_string(column));
                }
            }
        }
    }

    // The eIds inside an added or deleted element that went with it.
    void inner(const Tree& tree, const std::vector<int>& match, int node,
               std::vector<std::string>& out) const {
        for (int child : tree.nodes[at(node)].children) {
            if (match[at(child)] >= 0) continue;
            if (!tree.nodes[at(child)].eId.empty()) out.push_back(tree.nodes[at(child)].eId);
            inner(tree, match, child, out);
        }
    }

    ElementChange added(int j) const {
        ElementChange change;
        change.kind = bNode(j).kind;
        change.changes = {ChangeType::Added};
        change.matchedBy = MatchedBy::None;
        change.similarity = 0;
        change.after = placeOf(_b, j);
        change.text = subtreeText(_b, j);
        inner(_b, _m.bToA, j, change.innerEIds);
        return change;
    }

    ElementChange deleted(int i) const {
        ElementChange change;
        change.kind = aNode(i).kind;
        change.changes = {ChangeType::Deleted};
        change.matchedBy = MatchedBy::None;
        change.similarity = 0;
        change.before = placeOf(_a, i);
        change.text = subtreeText(_a, i);
        inner(_a, _m.aToB, i, change.innerEIds);
        return change;
    }

    // A deleted element stands, in b's order, right after the subtree of
    // its nearest previous sibling that b still has, else right after its
    // parent.
    int anchorOf(int i) const {
        const Node& parent = aNode(aNode(i).parent);
        for (int k = aNode(i).siblingIndex; k-- > 0;) {
            int counterpart = _m.aToB[at(parent.children[at(k)])];
            if (counterpart >= 0) return bNode(counterpart).end - 1;
        }
        return _m.aToB[at(aNode(i).parent)];
    }

    const Tree& _a;
    const Tree& _b;
    const Matching& _m;
    std::vector<bool> _inOrder;  // per node of b
    std::vector<Keyed> _keyed;
};

}  // namespace

std::string_view toString(ElementKind kind) {
    switch (kind) {
        case ElementKind::Chapter:
            return "chapter";
        case ElementKind::Paragraph:
            return "paragraph";
        case ElementKind::Section:
            return "section";
        case ElementKind::Clause:
            return "clause";
        case ElementKind::Subclause:
            return "subclause";
        case ElementKind::Annex:
            return "annex";
        case ElementKind::P:
            return "p";
        case ElementKind::List:
            return "list";
        case ElementKind::Item:
            return "item";
        case ElementKind::Table:
            return "table";
        case ElementKind::Row:
            return "row";
        case ElementKind::EntryList:
            return "entryList";
        case ElementKind::Entry:
            return "entry";
        case ElementKind::FormsList:
            return "formsList";
        case ElementKind::Form:
            return "form";
        case ElementKind::ChangeRecord:
            return "changeRecord";
    }
    return "clause";
}

std::string_view toString(ChangeType type) {
    switch (type) {
        case ChangeType::Added:
            return "added";
        case ChangeType::Deleted:
            return "deleted";
        case ChangeType::Moved:
            return "moved";
        case ChangeType::Renumbered:
            return "renumbered";
        case ChangeType::TextChanged:
            return "textChanged";
        case ChangeType::CellsChanged:
            return "cellsChanged";
        case ChangeType::FormattingChanged:
            return "formattingChanged";
        case ChangeType::Reidentified:
            return "reidentified";
    }
    return "added";
}

std::string_view toString(MatchedBy how) {
    switch (how) {
        case MatchedBy::EId:
            return "eId";
        case MatchedBy::Similarity:
            return "similarity";
        case MatchedBy::Position:
            return "position";
        case MatchedBy::None:
            return "none";
    }
    return "none";
}

bool ElementChange::has(ChangeType type) const {
    return std::find(changes.begin(), changes.end(), type) != changes.end();
}

const std::string& ElementChange::eId() const {
    if (after && !after->eId.empty()) return after->eId;
    if (before) return before->eId;
    return after->eId;
}

const Place& ElementChange::place() const {
    return after ? *after : *before;
}

Comparison compareEditions(const content::Content& a, const content::Content& b,
                           const ComparisonOptions& options) {
    Comparison result;
    result.language = b.meta.language;
    result.meta = compareMeta(a.meta, b.meta);
    Tree before = buildTree(a);
    Tree after = buildTree(b);
    Matching matching = matchTrees(before, after, options);
    result.elements = Assembler(before, after, matching).run();
    return result;
}

}  // namespace nusqa::compare
