// The layout of a PDF's text layer rebuilt as the importer's SourceDocument:
// positioned words (PdfText.h) in, paragraphs and tables in reading order out.
// Standard library only: it is our code on the worker's answer, so it runs
// in the calling process and is fuzzed with synthetic words
// (tests/fuzz/FuzzPdfLayout.cpp).
//
//   lines        words whose vertical centres agree (within half a line's
//                height) are one line, ordered left to right; a gap wider
//                than a space (or poppler's space flag) is a space; a word
//                drawn twice at the same place (fake bold) counts once; a
//                list label glued to the line's first word («1)Қазақстан»,
//                «1.1.Коворкинг») is split off
//   segments     a gap of several spaces splits a line into segments (table
//                cells side by side); a list label («1.», «1)», «-») stays
//                with its text
//   running      lines at the top or bottom of the page whose text (digits
//                left out) and position repeat on at least half the pages,
//                and page numbers there («12», «4 беттің 12-сі», «Лист 2
//                из 9»): removed from the body, listed as skipped, and
//                handed on as SourceDocument::runningText (the facts they
//                state when there is no title page)
//   tables       consecutive lines of several segments whose left edges line
//                up (the columns), with the lines that continue one column;
//                a new row starts where no column continues a full line of
//                the row before; a table continued on the next page with the
//                same columns stays one table
//   paragraphs   a line continues the paragraph above when that line is full
//                (the first word of this one would not have fitted after it),
//                or ends in a letter and '-' before a lower-case letter (a
//                hyphenated word: the hyphen stays unless the word occurs
//                unbroken elsewhere in the document; a soft hyphen U+00AD
//                goes), or is one word broken at the column's edge; never
//                when the line starts a numbered clause or list item after a
//                finished sentence, after a gap of more than 1.4 lines, or
//                where the weight (bold) changes
//
// Errors: InvalidDocument when no page has any text (a scanned PDF: the
// message says so and what to do). Pages without text among others are
// listed in notes.
// Thread safety: a pure function.
#pragma once

#include <cstddef>
#include <string>

#include "domain/Error.h"
#include "import/Source.h"
#include "import/pdf/PdfText.h"

namespace nusqa::import::pdf {

// name: the file name for messages; bytes: its size for the report.
Result<SourceDocument> layoutSource(const PdfText& text, std::string name, std::size_t bytes);

}  // namespace nusqa::import::pdf
