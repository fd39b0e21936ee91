// Inline markup of text and Markdown sources: what extractions of Word
// documents carry inside a line.
//
//   **bold**   *italic*   \_ \* \# \| \\ (escapes)
//   <b> <strong> <i> <em> <u> <br> <p> and their end tags (HTML-ish
//   extractions as in corpus 002); any other tag (<ol style=...>, <span>)
//   is removed with its attributes; <http://...> keeps the address.
//
// Underscores are never emphasis (documents use "____" as a blank to fill
// in). A "**" left open at the end of a line stays open for the next line
// only (a bold title broken over two lines); a single "*" without its
// partner on the same line is a literal asterisk.
// Thread safety: pure functions; InlineState belongs to one reader.
#pragma once

#include <string_view>
#include <vector>

#include "import/Source.h"

namespace nusqa::import {

struct InlineState {
    bool bold = false;     // a "**" is open from the previous line
    bool carried = false;  // ... and was carried once already
};

// The paragraphs of one line: more than one when <p> tags separate them.
// Empty runs are not produced; a paragraph may have no runs.
std::vector<std::vector<Run>> parseInline(std::string_view line, InlineState& state);

// Concatenated text of runs.
std::string runsText(const std::vector<Run>& runs);

// Runs with leading and trailing spaces removed (across run borders) and
// runs that became empty dropped.
std::vector<Run> trimRuns(std::vector<Run> runs);

// The runs from byte offset `from` of their concatenated text on.
std::vector<Run> runsFrom(const std::vector<Run>& runs, std::size_t from);
// The runs before byte offset `to`.
std::vector<Run> runsUntil(const std::vector<Run>& runs, std::size_t to);

// True when every visible character of runs is bold.
bool allBold(const std::vector<Run>& runs);
// The same runs with bold (and, with dropItalic, italic) removed: for
// headings, whose weight is layout.
std::vector<Run> plainRuns(std::vector<Run> runs, bool dropItalic = false);

}  // namespace nusqa::import
