// Random edits of an edition's content, for the property test of the
// comparison (tests/domain/ComparisonPropertyTest.cpp) and its benchmark
// (bench_compare): reword a word of an element's text, delete an element,
// insert a new element with a fresh eId and fresh words, renumber an
// element, move a clause (else a section, sub-clause, item or entry) to
// another parent, change a word of a table cell, change the title.
//
// Every edit is chosen so that the comparison must report it as exactly one
// change of one kind: an element is edited at most once, no element is
// inserted into or moved into a place that a later edit deletes, a deleted
// element holds no earlier edit, at most one cell edit per table, and the
// words put in are words the edition does not have (so no match by
// similarity can pair a deleted element with an inserted one).
//
// Deterministic: the same content and seed give the same edits (the
// generator is std::mt19937_64, reduced with %, not the library's
// distributions, which differ between standard libraries).
// Not thread-safe per generator; no shared state.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Comparison.h"
#include "domain/Content.h"

namespace nusqa::compare::testing {

enum class EditKind { Reword, Delete, Insert, Renumber, Move, Cell, Title };

std::string_view toString(EditKind kind);

struct AppliedEdit {
    EditKind kind = EditKind::Reword;
    ElementKind element = ElementKind::Clause;  // the element reported (Cell: the table)
    std::string eId;                            // its eId (empty for Title)
    std::string word;  // Reword, Cell: the word put in; Insert: one of its words
    std::string description;  // for messages: "reword chp_1__cl_1_2: «қолайлы» -> «жаңасөз3»"
};

// Applies up to count edits to content (fewer when it runs out of places to
// edit) and returns them in the order applied.
std::vector<AppliedEdit> applyRandomEdits(content::Content& content, std::mt19937_64& random,
                                          int count);

// Gives every element of the content a new eId ("r<N>_<kind>", in document
// order; the approvers of <meta> keep theirs) and returns how many it
// renamed: the same edition as if re-imported with regenerated eIds.
int regenerateEIds(content::Content& content);

}  // namespace nusqa::compare::testing
