// Private to the import module: tables in text and Markdown sources.
//
//  - Tab-separated rows (as text extractions of Word tables print them). A
//    row needs two non-empty cells, or a neighbouring row that has them.
//    Blank lines between rows do not end the table. A line without tabs
//    between rows of the table becomes a row spanning all columns when the
//    next row has the table's column count and is not a header row (№ ...)
//    and the line is not a multi-level numbered heading ("5.1.1 ...").
//    Empty cells at the end of a row widen the last non-empty cell
//    (colspan); empty cells at its start continue the cell above (rowspan).
//    Rows of dashes only ("--\t---") are rules: skipped and reported.
//  - Markdown pipe rows ("| a | b |"); the delimiter row ("|---|:--|") is a
//    rule.
// Cells hold inline markup; <p> separates paragraphs inside a cell.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "import/Source.h"

namespace nusqa::import {

struct TextLine {
    int number = 0;  // 1-based
    std::string text;
};

// True when lines[at] starts a table (tab or pipe rows).
bool startsTable(const std::vector<TextLine>& lines, std::size_t at);

// Reads the table starting at lines[at] (startsTable is true). Returns the
// table; `at` moves past its last row. Skipped rules go to skipped.
SourceTable readTable(const std::vector<TextLine>& lines, std::size_t& at,
                      std::vector<SkippedText>& skipped);

}  // namespace nusqa::import
