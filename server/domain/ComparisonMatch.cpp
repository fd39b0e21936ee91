#include "domain/ComparisonMatch.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>

namespace nusqa::compare::detail {
namespace {

// Rows (or body paragraphs) without an eId between two rows of equal text
// pair up in order when their word sets overlap at least this much; equally
// many on both sides pair up regardless (edited in place).
constexpr double kPositionThreshold = 0.3;

// Beyond this many cells the alignment of rows without eId by equal text is
// skipped and they pair up by position alone.
constexpr std::size_t kMaxAlignmentCells = 4'000'000;

std::size_t at(int index) {
    return static_cast<std::size_t>(index);
}

class Matcher {
public:
    Matcher(const Tree& a, const Tree& b, const ComparisonOptions& options)
        : _a(a), _b(b), _options(options) {
        _matching.aToB.assign(a.nodes.size(), -1);
        _matching.bToA.assign(b.nodes.size(), -1);
        _matching.how.assign(b.nodes.size(), MatchedBy::None);
        _matching.similarity.assign(b.nodes.size(), 0.0);
        _aWords.resize(a.nodes.size());
        _bWords.resize(b.nodes.size());
    }

    Matching run() && {
        link(0, 0, MatchedBy::EId, 1.0);
        byEId();
        bySimilarity();
        byPosition();
        return std::move(_matching);
    }

private:
    const Node& aNode(int i) const { return _a.nodes[at(i)]; }
    const Node& bNode(int j) const { return _b.nodes[at(j)]; }
    bool aMatched(int i) const { return _matching.aToB[at(i)] >= 0; }
    bool bMatched(int j) const { return _matching.bToA[at(j)] >= 0; }

    void link(int i, int j, MatchedBy how, double score) {
        _matching.aToB[at(i)] = j;
        _matching.bToA[at(j)] = i;
        _matching.how[at(j)] = how;
        _matching.similarity[at(j)] = score;
    }

    void byEId() {
        for (int i = 1; i < static_cast<int>(_a.nodes.size()); ++i) {
            const Node& node = aNode(i);
            if (node.eId.empty() || !node.firstWithEId) continue;
            auto found = _b.byEId.find(node.eId);
            if (found != _b.byEId.end() && bNode(found->second).kind == node.kind)
                link(i, found->second, MatchedBy::EId, 1.0);
        }
    }

    // Sorted distinct word ids of a subtree, made once per node on demand.
    const std::vector<int>& words(const Tree& tree, std::vector<std::vector<int>>& cache,
                                  std::vector<bool>& done, int node) {
        if (!done[at(node)]) {
            std::vector<int> ids;
            for (const std::string& word : subtreeWords(tree, node))
                ids.push_back(
                    _wordIds.emplace(word, static_cast<int>(_wordIds.size())).first->second);
            std::sort(ids.begin(), ids.end());
            ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
            cache[at(node)] = std::move(ids);
            done[at(node)] = true;
        }
        return cache[at(node)];
    }
    const std::vector<int>& aWords(int i) { return words(_a, _aWords, _aDone, i); }
    const std::vector<int>& bWords(int j) { return words(_b, _bWords, _bDone, j); }

    struct Candidate {
        double score = 0;
        bool parentsLinked = false;
        int depthDistance = 0;
        double orderDistance = 0;
        int a = 0;
        int b = 0;

        bool operator<(const Candidate& other) const {
            return std::tie(other.score, other.parentsLinked, depthDistance, orderDistance, a, b) <
                   std::tie(score, parentsLinked, other.depthDistance, other.orderDistance, other.a,
                            other.b);
        }
    };

    // Elements whose eId the other edition lacks, top-down by a's depth so
    // that "the parents are already paired" can break ties.
    void bySimilarity() {
        _aDone.assign(_a.nodes.size(), false);
        _bDone.assign(_b.nodes.size(), false);
        std::map<int, std::vector<int>> aByDepth;
        for (int i = 1; i < static_cast<int>(_a.nodes.size()); ++i)
            if (!aMatched(i) && !aNode(i).eId.empty()) aByDepth[aNode(i).depth].push_back(i);
        std::map<ElementKind, std::vector<int>> bByKind;
        for (int j = 1; j < static_cast<int>(_b.nodes.size()); ++j)
            if (!bMatched(j) && !bNode(j).eId.empty()) bByKind[bNode(j).kind].push_back(j);
        if (aByDepth.empty() || bByKind.empty()) return;
        const double aSize = static_cast<double>(_a.nodes.size());
        const double bSize = static_cast<double>(_b.nodes.size());
        for (const auto& [depth, group] : aByDepth) {
            std::vector<Candidate> candidates;
            for (int i : group) {
                auto kind = bByKind.find(aNode(i).kind);
                if (kind == bByKind.end()) continue;
                for (int j : kind->second) {
                    if (bMatched(j)) continue;
                    double score = jaccard(aWords(i), bWords(j));
                    if (score < _options.similarityThreshold || score <= 0) continue;
                    int parentMatch = _matching.aToB[at(aNode(i).parent)];
                    candidates.push_back({score, parentMatch == bNode(j).parent,
                                          std::abs(depth - bNode(j).depth),
                                          std::abs(i / aSize - j / bSize), i, j});
                }
            }
            std::sort(candidates.begin(), candidates.end());
            for (const Candidate& candidate : candidates)
                if (!aMatched(candidate.a) && !bMatched(candidate.b))
                    link(candidate.a, candidate.b, MatchedBy::Similarity, candidate.score);
        }
    }

    // Children without an eId of every matched pair, kind by kind.
    void byPosition() {
        for (int j = 0; j < static_cast<int>(_b.nodes.size()); ++j) {
            int i = _matching.bToA[at(j)];
            if (i < 0) continue;
            std::vector<std::pair<ElementKind, bool>> groups;
            for (int child : bNode(j).children) {
                const Node& node = bNode(child);
                std::pair<ElementKind, bool> group{node.kind, node.headerRow};
                if (node.eId.empty() &&
                    std::find(groups.begin(), groups.end(), group) == groups.end())
                    groups.push_back(group);
            }
            for (const auto& [kind, header] : groups) {
                auto unidentified = [&](const Tree& tree, int parent) {
                    std::vector<int> out;
                    for (int child : tree.nodes[at(parent)].children) {
                        const Node& node = tree.nodes[at(child)];
                        if (node.eId.empty() && node.kind == kind && node.headerRow == header)
                            out.push_back(child);
                    }
                    return out;
                };
                align(unidentified(_a, i), unidentified(_b, j));
            }
        }
    }

    void align(const std::vector<int>& as, const std::vector<int>& bs) {
        if (as.empty() || bs.empty()) return;
        std::vector<std::string> aTexts;
        std::vector<std::string> bTexts;
        for (int i : as) aTexts.push_back(subtreeText(_a, i));
        for (int j : bs) bTexts.push_back(subtreeText(_b, j));
        std::vector<std::pair<std::size_t, std::size_t>> anchors = equalRuns(aTexts, bTexts);
        std::size_t aFrom = 0;
        std::size_t bFrom = 0;
        anchors.emplace_back(as.size(), bs.size());
        for (const auto& [aAnchor, bAnchor] : anchors) {
            pairGap(as, aFrom, aAnchor, bs, bFrom, bAnchor);
            if (aAnchor < as.size()) link(as[aAnchor], bs[bAnchor], MatchedBy::Position, 1.0);
            aFrom = aAnchor + 1;
            bFrom = bAnchor + 1;
        }
    }

    // The longest common subsequence of equal texts, as index pairs.
    static std::vector<std::pair<std::size_t, std::size_t>> equalRuns(
        const std::vector<std::string>& a, const std::vector<std::string>& b) {
        std::vector<std::pair<std::size_t, std::size_t>> out;
        std::size_t n = a.size();
        std::size_t m = b.size();
        std::size_t head = 0;
        while (head < n && head < m && a[head] == b[head]) out.emplace_back(head, head), ++head;
        std::size_t tail = 0;
        while (tail < n - head && tail < m - head && a[n - 1 - tail] == b[m - 1 - tail]) ++tail;
        std::size_t rows = n - head - tail;
        std::size_t columns = m - head - tail;
        if (rows > 0 && columns > 0 && rows * columns <= kMaxAlignmentCells) {
            // lengths[r][c]: LCS of a[head + r ..] and b[head + c ..].
            std::vector<int> lengths((rows + 1) * (columns + 1), 0);
            auto cell = [&](std::size_t r, std::size_t c) -> int& {
                return lengths[r * (columns + 1) + c];
            };
            for (std::size_t r = rows; r-- > 0;)
                for (std::size_t c = columns; c-- > 0;)
                    cell(r, c) = a[head + r] == b[head + c]
                                     ? cell(r + 1, c + 1) + 1
                                     : std::max(cell(r + 1, c), cell(r, c + 1));
            std::size_t r = 0;
            std::size_t c = 0;
            while (r < rows && c < columns) {
                if (a[head + r] == b[head + c]) {
                    out.emplace_back(head + r, head + c);
                    ++r, ++c;
                } else if (cell(r + 1, c) >= cell(r, c + 1)) {
                    ++r;
                } else {
                    ++c;
                }
            }
        }
        for (std::size_t k = 0; k < tail; ++k) out.emplace_back(n - tail + k, m - tail + k);
        return out;
    }

    void pairGap(const std::vector<int>& as, std::size_t aFrom, std::size_t aTo,
                 const std::vector<int>& bs, std::size_t bFrom, std::size_t bTo) {
        if (aTo - aFrom == bTo - bFrom) {
            for (std::size_t k = 0; aFrom + k < aTo; ++k)
                link(as[aFrom + k], bs[bFrom + k], MatchedBy::Position, 1.0);
            return;
        }
        std::size_t cursor = bFrom;
        for (std::size_t x = aFrom; x < aTo && cursor < bTo; ++x) {
            for (std::size_t y = cursor; y < bTo; ++y) {
                if (jaccard(aWords(as[x]), bWords(bs[y])) >= kPositionThreshold) {
                    link(as[x], bs[y], MatchedBy::Position, 1.0);
                    cursor = y + 1;
                    break;
                }
            }
        }
    }

    const Tree& _a;
    const Tree& _b;
    const ComparisonOptions& _options;
    Matching _matching;
    std::unordered_map<std::string, int> _wordIds;
    std::vector<std::vector<int>> _aWords;
    std::vector<std::vector<int>> _bWords;
    std::vector<bool> _aDone;
    std::vector<bool> _bDone;
};

}  // namespace

double jaccard(const std::vector<int>& a, const std::vector<int>& b) {
    std::size_t common = 0;
    for (std::size_t x = 0, y = 0; x < a.size() && y < b.size();) {
        if (a[x] == b[y]) {
            ++common, ++x, ++y;
        } else if (a[x] < b[y]) {
            ++x;
        } else {
            ++y;
        }
    }
    std::size_t all = a.size() + b.size() - common;
    if (all < 3) return a == b ? 1.0 : 0.0;
    return static_cast<double>(common) / static_cast<double>(all);
}

Matching matchTrees(const Tree& a, const Tree& b, const ComparisonOptions& options) {
    return Matcher(a, b, options).run();
}

}  // namespace nusqa::compare::detail
