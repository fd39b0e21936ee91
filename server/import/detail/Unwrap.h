// Private to the import module: text that a tool cut into lines of a fixed
// width (a PDF saved as text, an e-mail) and interrupted by the page's
// running header, made into one line per paragraph again before the text
// reader reads it.
//
//   running header  a line (without tabs, at most 25 words) whose text,
//                   digits left out, comes back at least three times, either
//                   at regular distances (every N >= 20 lines, within 10 %) or
//                   stating a page number «N беттің M-і» / «Лист M из N» or a
//                   register code: removed (skipped, reason
//                   "running-header") and handed on as running text
//   wrap width      the line length (in characters) that at most 1 % of the
//                   lines exceed, when at least 40 % of the lines longer than
//                   half of it end within 15 characters of it; none (the text
//                   is not wrapped) otherwise
//   joining         a line is joined to the next when the next one's first
//                   word would have fitted after it within the wrap width
//                   (a tool that wraps at spaces would have put it there), and
//                   neither is blank, a table row (tabs, '|') or a Markdown
//                   heading, and the next does not start a numbered clause,
//                   chapter or list item after a line that ends a sentence
//                   or is in capitals. A line ending in a letter and '-'
//                   before a lower-case letter is joined without a space: the
//                   hyphen stays unless the word occurs unbroken elsewhere.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "import/Source.h"
#include "import/detail/TextTables.h"

namespace nusqa::import {

struct Unwrapped {
    int width = 0;                // the wrap width found, 0 when the text is not wrapped
    std::size_t joinedLines = 0;  // lines joined to the line before them
    std::size_t runningLines = 0;
};

// Removes running header lines from lines (into skipped, their distinct
// texts into runningText) and joins the lines of wrapped paragraphs; a
// joined line keeps the number of its first line.
Unwrapped unwrapLines(std::vector<TextLine>& lines, std::vector<SkippedText>& skipped,
                      std::vector<std::string>& runningText);

}  // namespace nusqa::import
