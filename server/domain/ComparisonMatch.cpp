#include "domain/detail/ComparisonMatch.h"

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

// Containers whose own words (heading, text) overlap at least this much
// count as "the same heading": the strongest hint after the parents.
constexpr double kSameOwnWords = 0.8;

// Beyond this many cells the alignment of rows without eId by equal text is
// skipped and they pair up by position alone.
constexpr std::size_t kMaxAlignmentCells = 4'000'000;

std::size_t toIndex(int index) {
    return static_cast<std::size_t>(index);
}

// Kinds of element made to hold others (even when they hold nothing yet).
bool holds(ElementKind kind) {
    switch (kind) {
        case ElementKind::P:
        case ElementKind::Item:
        case ElementKind::Row:
        case ElementKind::Entry:
        case ElementKind::Form:
        case ElementKind::ChangeRecord:
            return false;
        default:
            return true;
    }
}

class Matcher {
public:
    Matcher(const Tree& a, const Tree& b, const ComparisonOptions& options)
        : _a(a), _b(b), _options(options), _aWords(a.nodes.size()), _bWords(b.nodes.size()) {
        _matching.aToB.assign(a.nodes.size(), -1);
        _matching.bToA.assign(b.nodes.size(), -1);
        _matching.how.assign(b.nodes.size(), MatchedBy::None);
        _matching.similarity.assign(b.nodes.size(), 0.0);
    }

    Matching run() && {
        link(0, 0, MatchedBy::EId, 1.0);
        byEId();
        _reimported = regenerated();
        bySimilarity();
        byDescendants();
        if (_reimported) byPlace();
        byPosition();
        return std::move(_matching);
    }

private:
    const Node& aNode(int i) const { return _a.nodes[toIndex(i)]; }
    const Node& bNode(int j) const { return _b.nodes[toIndex(j)]; }
    bool aMatched(int i) const { return _matching.aToB[toIndex(i)] >= 0; }
    bool bMatched(int j) const { return _matching.bToA[toIndex(j)] >= 0; }

    void link(int i, int j, MatchedBy how, double score) {
        _matching.aToB[toIndex(i)] = j;
        _matching.bToA[toIndex(j)] = i;
        _matching.how[toIndex(j)] = how;
        _matching.similarity[toIndex(j)] = score;
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

    // Sorted distinct word ids of a node's own texts and of its subtree,
    // each made once per node on demand.
    struct WordCache {
        std::vector<std::vector<int>> own;
        std::vector<std::vector<int>> subtree;
        std::vector<bool> ownDone;
        std::vector<bool> subtreeDone;

        explicit WordCache(std::size_t size)
            : own(size), subtree(size), ownDone(size, false), subtreeDone(size, false) {}
    };

    const std::vector<int>& ownIds(const Tree& tree, WordCache& cache, int node) {
        if (!cache.ownDone[toIndex(node)]) {
            std::vector<int> ids;
            for (const std::string& word : ownWords(tree.nodes[toIndex(node)]))
                ids.push_back(
                    _wordIds.emplace(word, static_cast<int>(_wordIds.size())).first->second);
            std::sort(ids.begin(), ids.end());
            ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
            cache.own[toIndex(node)] = std::move(ids);
            cache.ownDone[toIndex(node)] = true;
        }
        return cache.own[toIndex(node)];
    }

    const std::vector<int>& words(const Tree& tree, WordCache& cache, int node) {
        if (!cache.subtreeDone[toIndex(node)]) {
            std::vector<int> ids;
            for (int k = node; k < tree.nodes[toIndex(node)].end; ++k) {
                const std::vector<int>& own = ownIds(tree, cache, k);
                ids.insert(ids.end(), own.begin(), own.end());
            }
            std::sort(ids.begin(), ids.end());
            ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
            cache.subtree[toIndex(node)] = std::move(ids);
            cache.subtreeDone[toIndex(node)] = true;
        }
        return cache.subtree[toIndex(node)];
    }
    const std::vector<int>& aWords(int i) { return words(_a, _aWords, i); }
    const std::vector<int>& bWords(int j) { return words(_b, _bWords, j); }

    // A possible pair; the best first: under parents already paired with
    // each other, then with the same own words (heading), then the higher
    // score, then the closer level and place in the document.
    struct Candidate {
        double score = 0;
        bool parentsLinked = false;
        bool sameOwnWords = false;
        int depthDistance = 0;
        double orderDistance = 0;
        int a = 0;
        int b = 0;

        bool operator<(const Candidate& other) const {
            return std::tie(other.parentsLinked, other.sameOwnWords, other.score, depthDistance,
                            orderDistance, a,
                            b) < std::tie(parentsLinked, sameOwnWords, score, other.depthDistance,
                                          other.orderDistance, other.a, other.b);
        }
    };

    Candidate candidate(double score, int i, int j) {
        const std::vector<int>& ownX = ownIds(_a, _aWords, i);
        const std::vector<int>& ownY = ownIds(_b, _bWords, j);
        bool holders = !aNode(i).children.empty() || !bNode(j).children.empty();
        bool sameOwn =
            holders && !ownX.empty() && !ownY.empty() && jaccard(ownX, ownY) >= kSameOwnWords;
        return {score,
                _matching.aToB[toIndex(aNode(i).parent)] == bNode(j).parent,
                sameOwn,
                std::abs(aNode(i).depth - bNode(j).depth),
                std::abs(static_cast<double>(i) / static_cast<double>(_a.nodes.size()) -
                         static_cast<double>(j) / static_cast<double>(_b.nodes.size())),
                i,
                j};
    }

    // Elements whose eId the other edition lacks, top-down by a's depth so
    // that "the parents are already paired" can break ties.
    // How alike two elements are: the Jaccard index of the words of their
    // whole subtrees; -1 when it is below the threshold for certain.
    double similarity(int i, int j) {
        const std::vector<int>& x = aWords(i);
        const std::vector<int>& y = bWords(j);
        // |A ∩ B| / |A ∪ B| <= min / max of the sizes: skip the merge when
        // that bound is already too low.
        double bound = static_cast<double>(std::min(x.size(), y.size())) /
                       static_cast<double>(std::max<std::size_t>(1, std::max(x.size(), y.size())));
        if (!(x.empty() && y.empty()) && bound < _options.similarityThreshold) return -1;
        return jaccard(x, y);
    }

    // An element whose whole text no other element of its kind shares, in
    // either edition, pairs with its twin at once (score 1): a re-imported
    // edition is mostly such twins, and the quadratic search below is then
    // left with the elements that changed.
    void uniqueTwins() {
        std::map<std::pair<ElementKind, std::string>, std::pair<int, int>>
            twins;  // (a, b); -1: several
        auto note = [](int& slot, int node) { slot = slot == 0 ? node : -1; };
        for (int i = 1; i < static_cast<int>(_a.nodes.size()); ++i)
            if (!aMatched(i) && !aNode(i).eId.empty())
                note(twins[{aNode(i).kind, subtreeText(_a, i)}].first, i);
        for (int j = 1; j < static_cast<int>(_b.nodes.size()); ++j)
            if (!bMatched(j) && !bNode(j).eId.empty())
                note(twins[{bNode(j).kind, subtreeText(_b, j)}].second, j);
        for (const auto& [key, pair] : twins)
            if (pair.first > 0 && pair.second > 0)
                link(pair.first, pair.second, MatchedBy::Similarity, 1.0);
    }

    void bySimilarity() {
        uniqueTwins();
        std::map<int, std::vector<int>> aByDepth;
        for (int i = 1; i < static_cast<int>(_a.nodes.size()); ++i)
            if (!aMatched(i) && !aNode(i).eId.empty()) aByDepth[aNode(i).depth].push_back(i);
        std::map<ElementKind, std::vector<int>> bByKind;
        for (int j = 1; j < static_cast<int>(_b.nodes.size()); ++j)
            if (!bMatched(j) && !bNode(j).eId.empty()) bByKind[bNode(j).kind].push_back(j);
        if (aByDepth.empty() || bByKind.empty()) return;
        for (const auto& [depth, group] : aByDepth) {
            std::vector<Candidate> candidates;
            for (int i : group) {
                auto kind = bByKind.find(aNode(i).kind);
                if (kind == bByKind.end()) continue;
                for (int j : kind->second) {
                    if (bMatched(j)) continue;
                    // A container under its old heading — or, in a
                    // re-import, an element under its old parent with words
                    // still in common — is a candidate even when much of
                    // what it holds moved or changed.
                    Candidate pair = candidate(0, i, j);
                    double score = similarity(i, j);
                    if (score < 0 && (pair.sameOwnWords || (_reimported && pair.parentsLinked)))
                        score = jaccard(aWords(i), bWords(j));
                    pair.score = std::max(0.0, score);
                    bool similar = score >= _options.similarityThreshold && score > 0;
                    bool near = _reimported && pair.parentsLinked && score >= kPositionThreshold;
                    if (similar || near || pair.sameOwnWords) candidates.push_back(pair);
                }
            }
            std::sort(candidates.begin(), candidates.end());
            for (const Candidate& candidate : candidates)
                if (!aMatched(candidate.a) && !bMatched(candidate.b))
                    link(candidate.a, candidate.b, MatchedBy::Similarity, candidate.score);
        }
    }

    // Containers still without a partner (their words changed too much:
    // clauses were inserted into a short chapter, or moved out of it) pair
    // up by what they hold — the share of their descendants matched to each
    // other's, bottom up, so that a matched section counts for its chapter —
    // or by their own words (heading, text) alone.
    void byDescendants() {
        std::map<int, std::vector<int>, std::greater<>> aByDepth;
        for (int i = 1; i < static_cast<int>(_a.nodes.size()); ++i)
            if (!aMatched(i) && !aNode(i).eId.empty() && holds(aNode(i).kind))
                aByDepth[aNode(i).depth].push_back(i);
        std::map<ElementKind, std::vector<int>> bByKind;
        for (int j = 1; j < static_cast<int>(_b.nodes.size()); ++j)
            if (!bMatched(j) && !bNode(j).eId.empty() && holds(bNode(j).kind))
                bByKind[bNode(j).kind].push_back(j);
        for (const auto& [depth, group] : aByDepth) {
            std::vector<Candidate> candidates;
            for (int i : group) {
                auto kind = bByKind.find(aNode(i).kind);
                if (kind == bByKind.end()) continue;
                for (int j : kind->second) {
                    if (bMatched(j)) continue;
                    int common = 0;
                    for (int d = i + 1; d < aNode(i).end; ++d) {
                        int counterpart = _matching.aToB[toIndex(d)];
                        common += counterpart > j && counterpart < bNode(j).end ? 1 : 0;
                    }
                    int held = std::max(aNode(i).end - i - 1, bNode(j).end - j - 1);
                    if (held == 0) continue;  // two leaves: compared by similarity already
                    const std::vector<int>& ownX = ownIds(_a, _aWords, i);
                    const std::vector<int>& ownY = ownIds(_b, _bWords, j);
                    double own = ownX.empty() || ownY.empty() ? 0 : jaccard(ownX, ownY);
                    double score =
                        std::max(static_cast<double>(common) / static_cast<double>(held), own);
                    if (score < _options.similarityThreshold || score <= 0) continue;
                    candidates.push_back(candidate(score, i, j));
                }
            }
            std::sort(candidates.begin(), candidates.end());
            for (const Candidate& candidate : candidates)
                if (!aMatched(candidate.a) && !bMatched(candidate.b))
                    link(candidate.a, candidate.b, MatchedBy::Similarity, candidate.score);
        }
    }

    // Whether the editions have so few eIds in common (under half of a's
    // found in b) that b's were regenerated: a re-imported edition.
    bool regenerated() const {
        int identified = 0;
        int kept = 0;
        for (int i = 1; i < static_cast<int>(_a.nodes.size()); ++i) {
            if (aNode(i).eId.empty()) continue;
            ++identified;
            kept +=
                _matching.how[toIndex(std::max(0, _matching.aToB[toIndex(i)]))] == MatchedBy::EId &&
                        aMatched(i)
                    ? 1
                    : 0;
        }
        return identified > 0 && kept * 2 < identified;
    }

    // In a re-imported edition, elements still without a partner pair up
    // with those of their kind at the same place: when a matched parent has
    // as many of them on both sides, in order — elements that hold others
    // whatever they hold now, the rest when their words still overlap. (With eIds
    // mostly in common, such leftovers are real insertions and deletions and
    // stay so.)
    void byPlace() {
        for (int j = 0; j < static_cast<int>(_b.nodes.size()); ++j) {
            int i = _matching.bToA[toIndex(j)];
            if (i < 0) continue;
            std::map<ElementKind, std::pair<std::vector<int>, std::vector<int>>> leftovers;
            for (int child : aNode(i).children)
                if (!aMatched(child) && !aNode(child).eId.empty())
                    leftovers[aNode(child).kind].first.push_back(child);
            for (int child : bNode(j).children)
                if (!bMatched(child) && !bNode(child).eId.empty())
                    leftovers[bNode(child).kind].second.push_back(child);
            for (const auto& [kind, sides] : leftovers) {
                if (sides.first.size() != sides.second.size()) continue;
                for (std::size_t k = 0; k < sides.first.size(); ++k) {
                    double score = jaccard(aWords(sides.first[k]), bWords(sides.second[k]));
                    bool holder = !aNode(sides.first[k]).children.empty() ||
                                  !bNode(sides.second[k]).children.empty();
                    if (holder || score >= kPositionThreshold)
                        link(sides.first[k], sides.second[k], MatchedBy::Position, score);
                }
            }
        }
    }

    // Children without an eId of every matched pair, kind by kind.
    void byPosition() {
        for (int j = 0; j < static_cast<int>(_b.nodes.size()); ++j) {
            int i = _matching.bToA[toIndex(j)];
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
                    for (int child : tree.nodes[toIndex(parent)].children) {
                        const Node& node = tree.nodes[toIndex(child)];
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
    bool _reimported = false;  // regenerated(), decided after the match by eId
    std::unordered_map<std::string, int> _wordIds;
    WordCache _aWords;
    WordCache _bWords;
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
