// Reading a text or Markdown file into a SourceDocument: UTF-8 validated
// (a bad byte is an error giving its offset, line and column), running
// headers removed and hard-wrapped lines joined (detail/Unwrap.h), then one
// paragraph per line (blank lines kept as blank paragraphs, they separate
// things), Markdown headings ("## ...") as heading levels, inline markup
// (detail/Inline.h) as runs, tables (detail/TextTables.h) as tables.
//
// Errors (as values, messages start with "import: NAME: "):
//   TooLarge         more than limits.maxBytes, or a line longer than
//                    limits.maxLineBytes (checked before anything is built);
//   InvalidDocument  empty, NUL bytes (a binary file), or not UTF-8.
// Control characters other than tab and line ends cannot be stored in XML:
// they are removed and counted in notes; a form feed is a line end.
// Memory: about three times the input at most.
// Thread safety: reentrant.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/Error.h"
#include "import/Source.h"

namespace nusqa::import {

struct TextLimits {
    std::size_t maxBytes = 8u << 20;      // 8 MiB: a 1,000-page document
    std::size_t maxLineBytes = 1u << 20;  // 1 MiB in one line
};

Result<SourceDocument> readTextSource(std::string_view bytes, std::string name, SourceFormat format,
                                      const TextLimits& limits = {});

}  // namespace nusqa::import
