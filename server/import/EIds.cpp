// Akoma Ntoso style eIds, as schemas/README.md describes them and the
// fixtures of corpus 000 and 003 use them: a prefix per element, the number
// at creation with '.' replaced by '_', "__" between levels; clauses whose
// numbers run through the document drop the chapter («cl_15__sub_4»),
// clauses numbered per chapter keep it («chp_2__cl_2_2__sub_2_2_1»).
// A number printed twice gets "-2", "-3" (an eId is unique in the file).
#include <map>
#include <set>

#include "import/detail/Recognition.h"

namespace nusqa::import {
namespace {

class Assigner {
public:
    explicit Assigner(bool globalClauses) : _globalClauses(globalClauses) {}

    std::string unique(std::string base) {
        if (base.size() > 190) base = "e_" + std::to_string(++_overflow);
        if (_used.insert(base).second) return base;
        // The next suffix to try per base: a number printed thousands of
        // times (a hostile file) costs one look-up each, not thousands.
        int& n = _nextSuffix.try_emplace(base, 2).first->second;
        for (;; ++n) {
            std::string candidate = base + "-" + std::to_string(n);
            if (_used.insert(candidate).second) return candidate;
        }
    }

    static std::string join(const std::string& parent, const std::string& part) {
        return parent.empty() ? part : parent + "__" + part;
    }

    void nodes(std::vector<Node>& list, const std::string& parent, NodeKind parentKind) {
        int lists = 0, tables = 0, items = 0, refs = 0, terms = 0, abbrs = 0, unnamed = 0;
        int refBlocks = 0, termBlocks = 0, abbrBlocks = 0;
        for (Node& node : list) {
            std::string key = node.key;
            switch (node.kind) {
                case NodeKind::P:
                    break;
                case NodeKind::Chapter:
                    node.eId =
                        unique("chp_" + (key.empty() ? "u" + std::to_string(++unnamed) : key));
                    break;
                case NodeKind::Paragraph:
                    node.eId = unique(
                        join(parent, "para_" + (key.empty() ? std::to_string(++unnamed) : key)));
                    break;
                case NodeKind::Section:
                    if (key.empty())
                        node.eId = unique(join(parent, "sec_u" + std::to_string(++unnamed)));
                    else if (parentKind == NodeKind::Section)
                        node.eId = unique(join(parent, "sec_" + key));
                    else
                        node.eId = unique("sec_" + key);
                    break;
                case NodeKind::Clause:
                    node.eId = unique(_globalClauses || parent.empty() ? "cl_" + key
                                                                       : join(parent, "cl_" + key));
                    break;
                case NodeKind::Subclause:
                    node.eId = unique(
                        join(parent, "sub_" + (key.empty() ? std::to_string(++unnamed) : key)));
                    break;
                case NodeKind::List:
                    node.eId = unique(join(parent, "list_" + std::to_string(++lists)));
                    break;
                case NodeKind::Item:
                    node.eId = unique(join(parent, "item_" + std::to_string(++items)));
                    break;
                case NodeKind::Table:
                    node.eId = unique(join(parent, "tbl_" + std::to_string(++tables)));
                    break;
                case NodeKind::References:
                    node.eId = unique(join(
                        parent, ++refBlocks == 1 ? "refs" : "refs_" + std::to_string(refBlocks)));
                    break;
                case NodeKind::Terms:
                    node.eId = unique(join(parent, ++termBlocks == 1
                                                       ? "terms"
                                                       : "terms_" + std::to_string(termBlocks)));
                    break;
                case NodeKind::Abbreviations:
                    node.eId = unique(join(parent, ++abbrBlocks == 1
                                                       ? "abbrs"
                                                       : "abbrs_" + std::to_string(abbrBlocks)));
                    break;
                // Entries take the block's parent as their prefix: «cl_3__ref_5».
                case NodeKind::Ref:
                    node.eId = unique(join(parent, "ref_" + std::to_string(++refs)));
                    break;
                case NodeKind::Term:
                    node.eId = unique(join(parent, "term_" + std::to_string(++terms)));
                    break;
                case NodeKind::Abbreviation:
                    node.eId = unique(join(parent, "abbr_" + std::to_string(++abbrs)));
                    break;
            }
            bool block = node.kind == NodeKind::References || node.kind == NodeKind::Terms ||
                         node.kind == NodeKind::Abbreviations;
            if (block) {
                // Their entries count on across blocks of the same parent.
                for (Node& entry : node.children) {
                    int& counter = entry.kind == NodeKind::Ref    ? refs
                                   : entry.kind == NodeKind::Term ? terms
                                                                  : abbrs;
                    const char* prefix = entry.kind == NodeKind::Ref    ? "ref_"
                                         : entry.kind == NodeKind::Term ? "term_"
                                                                        : "abbr_";
                    entry.eId = unique(join(parent, prefix + std::to_string(++counter)));
                }
                continue;
            }
            const std::string& prefix = node.eId.empty() ? parent : node.eId;
            if (node.kind == NodeKind::Table) {
                table(node);
                continue;
            }
            nodes(node.children, prefix, node.kind);
        }
    }

    void table(Node& node) {
        int index = 0;
        for (std::vector<Row>* rows : {&node.head, &node.rows}) {
            for (Row& row : *rows) {
                ++index;
                if (!row.key.empty()) row.eId = unique(node.eId + "__row_" + row.key);
                std::string prefix =
                    row.eId.empty() ? node.eId + "__r" + std::to_string(index) : row.eId;
                int cell = 0;
                for (Cell& c : row.cells) {
                    ++cell;
                    nodes(c.blocks,
                          row.cells.size() > 1 ? prefix + "__c" + std::to_string(cell) : prefix,
                          NodeKind::Table);
                }
            }
        }
    }

private:
    bool _globalClauses;
    std::set<std::string> _used;
    std::map<std::string, int> _nextSuffix;
    int _overflow = 0;
};

}  // namespace

void assignEIds(ImportedDocument& document, bool globalClauses) {
    Assigner assigner(globalClauses);
    assigner.nodes(document.body, {}, NodeKind::P);
    if (document.hasForms) assigner.unique("forms");
    for (std::size_t i = 0; i < document.annexes.size(); ++i) {
        Node& annex = document.annexes[i];
        annex.eId = assigner.unique("annex_" + std::to_string(i + 1));
        assigner.nodes(annex.children, annex.eId, NodeKind::Section);
    }
}

}  // namespace nusqa::import
