// Comparison by eId: what changed between two editions (or two revisions of
// one draft) of a document, element by element, through the stable eIds of
// the content (docs: DESIGN.md "Comparison by eId", issue 13).
//
// compareEditions(a, b) matches the structural elements of a and b:
//   1. by eId (same eId and same kind);
//   2. elements whose eId the other edition does not have (a re-imported
//      document whose eIds were regenerated) by content similarity:
//      a. an element whose whole text is unique to it and its twin;
//      b. top-down, pairs whose Jaccard index of the case-folded word sets
//         of the whole element is at least
//         ComparisonOptions::similarityThreshold; preferred: pairs under
//         parents already paired, then containers under the same heading
//         (own words at least 0.8 alike: a candidate even below the
//         threshold, as when most of a chapter's clauses moved out), then
//         the higher index, then the closer level and place;
//      c. containers left over, bottom-up, by the share of their
//         descendants matched to each other's or by the Jaccard index of
//         their own words (heading, text);
//      such matches carry MatchedBy::Similarity and the score;
//      d. when under half of a's eIds are found in b (a re-import): in (b)
//         a pair under paired parents needs an index of 0.3 only, and the
//         elements still left pair up with those of their kind at the same
//         place in a paired parent, in order, when there are as many on
//         both sides (those that hold others whatever they hold, the rest
//         when their words overlap): MatchedBy::Position with the index;
//   3. elements that have no eId (rows without eId, paragraphs without eId
//      directly in the body) by position inside their matched parent:
//      equal text first (longest common subsequence), then in order.
// For each matched pair it reports what differs: a new parent, or a new
// place among the siblings that is not explained by insertions and
// deletions around it (only elements outside the longest common
// subsequence of the siblings' order are moved), a new printed number, a
// changed text (a word diff per part: heading, text, caption, ...), changed
// table cells (row, column, before, after), formatting alone (bold, italic,
// underline, super/subscript, line breaks as formatting of the same words,
// list type, column widths, cell spans and alignment), a new eId.
// Unmatched elements are added (in b) or deleted (from a); an element added
// or deleted with its whole subtree is one change that names the eIds inside
// it (innerEIds). Unchanged elements are not listed.
//
// Granularity: text paragraphs (<p>) without an eId are the text of the
// element that holds them (a clause's text, an item's text, a cell's text),
// so a reworded clause is one change of that clause; a <p> with an eId is an
// element of its own. Table cells are not elements: their changes are listed
// on the table (CellChange). The list of forms, the forms, the annexes and
// the change records are elements too; the <meta> facts are MetaChanges.
//
// Order of ElementChange: document order of b; a deleted element comes right
// after the place its previous sibling (or, for a first child, its parent)
// took in b, so it stands where it stood in a. The result is deterministic:
// the same inputs give the same Comparison, field for field.
//
// Errors: none; any two Content values can be compared (duplicate eIds,
// which a schema-valid edition cannot have, are matched on their first
// occurrence and the rest by similarity). Cost: about linear in the size of
// the editions when their eIds mostly match; quadratic in the number of
// elements left without a common eId.
//
// Thread safety: pure functions over values; call from any number of threads.
// The result is a plain value, serialisation-friendly: each field's comment
// names its JSON name (the HTTP layer writes it, this header knows no JSON).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Content.h"
#include "domain/Types.h"
#include "domain/WordDiff.h"

namespace nusqa::compare {

// The kinds of element compared. Wire names: "chapter", "paragraph",
// "section", "clause", "subclause", "annex", "p", "list", "item", "table",
// "row", "entryList" (references, terms or abbreviations), "entry" (one
// reference, term or abbreviation), "formsList", "form", "changeRecord".
enum class ElementKind {
    Chapter,
    Paragraph,
    Section,
    Clause,
    Subclause,
    Annex,
    P,
    List,
    Item,
    Table,
    Row,
    EntryList,
    Entry,
    FormsList,
    Form,
    ChangeRecord,
};
std::string_view toString(ElementKind kind);

// What happened to an element. Wire names: "added", "deleted", "moved",
// "renumbered", "textChanged", "cellsChanged", "formattingChanged",
// "reidentified" (matched by similarity under another eId).
enum class ChangeType {
    Added,
    Deleted,
    Moved,
    Renumbered,
    TextChanged,
    CellsChanged,
    FormattingChanged,
    Reidentified,
};
std::string_view toString(ChangeType type);

// How the element of a was paired with the element of b. Wire names:
// "eId", "similarity", "position", "none" (added or deleted).
enum class MatchedBy { EId, Similarity, Position, None };
std::string_view toString(MatchedBy how);

// One step of the way from the top of the edition down to an element.
struct PathStep {
    // JSON "kind": toString(ElementKind).
    ElementKind kind = ElementKind::Chapter;
    // JSON "eId": empty for rows and paragraphs without one.
    std::string eId;
    // JSON "num": the number as printed ("2.", "2.2.1.", "1)"); empty when none.
    std::string num;
    // JSON "heading": the heading (or caption) as plain text; empty when none.
    std::string heading;
    // JSON "position": 1-based among the parent's children of the same kind
    // (header rows and body rows counted apart).
    int position = 0;
};

// Where an element stands in one edition.
struct Place {
    // JSON "eId".
    std::string eId;
    // JSON "num": the printed number, empty when the element has none.
    std::string num;
    // JSON "position": as PathStep::position.
    int position = 0;
    // JSON "headerRow": rows only: the row is in the table's header.
    bool headerRow = false;
    // JSON "path": from the outermost ancestor down to the element itself
    // (the last step), e.g. chapter "2." > clause "2.2." > subclause "2.2.1.".
    std::vector<PathStep> path;
};

// One part of an element's text that changed, with its word diff.
struct TextChange {
    // JSON "part": "heading", "text", "caption", "name", "code"; change
    // records: "location", "target", "kind", "notice", "entered", "person".
    std::string part;
    // JSON "before": the part's plain text in a (paragraphs joined by "\n").
    std::string before;
    // JSON "after": the part's plain text in b.
    std::string after;
    // JSON "words": the word diff, see WordDiff.h.
    std::vector<WordRun> words;
};

// One table cell whose text changed, or that is only in one edition.
struct CellChange {
    // JSON "row": 1-based row of the table in b (in a for a row only a has),
    // header rows and body rows counted apart.
    int row = 0;
    // JSON "headerRow": the row is a header row.
    bool headerRow = false;
    // JSON "rowEId": the row's eId, empty when it has none.
    std::string rowEId;
    // JSON "column": 1-based column on the table's grid (spans counted).
    int column = 0;
    // JSON "before": the cell's text in a; empty when the cell is new.
    std::string before;
    // JSON "after": the cell's text in b; empty when the cell was removed.
    std::string after;
    // JSON "words": the word diff of before and after.
    std::vector<WordRun> words;
};

// Everything that changed about one element.
struct ElementChange {
    // JSON "kind".
    ElementKind kind = ElementKind::Clause;
    // JSON "changes": one or more, in the order of ChangeType's declaration.
    std::vector<ChangeType> changes;
    // JSON "matchedBy".
    MatchedBy matchedBy = MatchedBy::EId;
    // JSON "similarity": the score of a match by similarity, or by place in
    // a re-import (0..1); 1 for a match by eId, or by position of elements
    // without eId; 0 when added or deleted.
    double similarity = 1.0;
    // JSON "before": where it was in a; absent (null) when added.
    std::optional<Place> before;
    // JSON "after": where it is in b; absent (null) when deleted.
    std::optional<Place> after;
    // JSON "texts": the parts whose words changed.
    std::vector<TextChange> texts;
    // JSON "cells": tables: the cells whose text changed.
    std::vector<CellChange> cells;
    // JSON "formatting": what changed in formatting only: part names as in
    // TextChange::part, "listType", "columnWidths", "cell R/C" (header
    // cells "header cell R/C").
    std::vector<std::string> formatting;
    // JSON "text": added or deleted elements: their whole text (headings,
    // text, cells and everything inside, one line per paragraph); empty
    // otherwise.
    std::string text;
    // JSON "innerEIds": added or deleted elements: the eIds of the elements
    // inside them added or deleted with them, in document order.
    std::vector<std::string> innerEIds;

    bool has(ChangeType type) const;
    // The eId in b, else in a ("" when neither has one).
    const std::string& eId() const;
    // The place in b, else in a.
    const Place& place() const;
};

// One fact of <meta> that differs. Lists are compared item by item:
// preparedBy by position, agreementList by the approvers' eIds.
struct MetaChange {
    // JSON "field": "organisation", "profile", "kind", "kindTitle", "code",
    // "title", "language", "unit", "edition", "replaces.code",
    // "replaces.number", "replaces.date", "dates.prepared", "dates.agreed",
    // "dates.approved", "dates.effective", "dates.review",
    // "preparedBy[N].position", "preparedBy[N].name" (N 1-based),
    // "approval.position", "approval.name", "approval.date",
    // "approval.decisionNumber", "approval.decisionDate", "copyNumber" (the
    // number, "uncontrolled" when present and empty, "" when absent),
    // "agreementList[EID].position", ".name", ".date", "agreementList[EID]"
    // (an approver added or removed: the whole entry), "agreementList.order".
    std::string field;
    // JSON "before": the value in a as text; "" when absent.
    std::string before;
    // JSON "after": the value in b as text; "" when absent.
    std::string after;
    // JSON "words": the word diff of before and after.
    std::vector<WordRun> words;
};

struct Comparison {
    // JSON "meta".
    std::vector<MetaChange> meta;
    // JSON "elements": in document order of b, deletions where they were.
    std::vector<ElementChange> elements;
    // JSON "language": of b ("kk", "ru"), the language of location texts.
    Language language = Language::Kazakh;

    // No difference at all.
    bool empty() const { return meta.empty() && elements.empty(); }
};

struct ComparisonOptions {
    // Least Jaccard index of two elements' word sets for a match by
    // similarity. Elements of fewer than three distinct words match only
    // when their word sets are equal.
    double similarityThreshold = 0.5;
};

// Compares edition a (the earlier) with edition b (the later).
Comparison compareEditions(const content::Content& a, const content::Content& b,
                           const ComparisonOptions& options = {});

// The MetaChanges of compareEditions alone.
std::vector<MetaChange> compareMeta(const content::Meta& a, const content::Meta& b);

}  // namespace nusqa::compare
