// Private to the comparison of editions (Comparison.cpp): which element of
// edition a is which element of edition b. The passes are described in
// Comparison.h: by eId; for elements whose eId the other edition lacks, by
// unique text, by similarity (top-down), by what containers hold
// (bottom-up) and, in a re-import, by place; elements without an eId by
// position inside matched parents. Pure function, safe on any threads.
#pragma once

#include <vector>

#include "domain/Comparison.h"
#include "domain/detail/ComparisonTree.h"

namespace nusqa::compare::detail {

struct Matching {
    std::vector<int> aToB;           // per node of a: its node in b, -1 when none
    std::vector<int> bToA;           // per node of b: its node in a, -1 when none
    std::vector<MatchedBy> how;      // per node of b
    std::vector<double> similarity;  // per node of b: the score of its match
};

Matching matchTrees(const Tree& a, const Tree& b, const ComparisonOptions& options);

// The Jaccard index of two sorted sets of word ids; sets of fewer than
// three distinct words in all score 1 when equal, else 0.
double jaccard(const std::vector<int>& a, const std::vector<int>& b);

}  // namespace nusqa::compare::detail
