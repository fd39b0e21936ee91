// Private to render: from styled spans to broken, aligned lines.
//
// Breaks at spaces, after a hyphen inside a word (both parts at least two
// letters), at forced breaks, and — only when a single word is wider than
// the line — inside the word. Justified lines stretch their spaces, except
// the last line and lines ending in a forced break. Not thread-safe (uses
// the FontSet of one document).
#pragma once

#include <string>
#include <vector>

#include "domain/Content.h"
#include "domain/Profile.h"
#include "render/detail/Fonts.h"
#include "render/detail/Layout.h"

namespace nusqa::render {

struct Span {
    std::u32string text;
    Style style;
    bool lineBreak = false;
};

struct ParagraphFormat {
    float width = 0;        // available width of the column
    float firstIndent = 0;  // extra indent of the first line
    float indent = 0;       // indent of every line
    profile::Align align = profile::Align::Left;
    float lineSpacing = 1.15f;
};

// Lines of the paragraph as slabs (one per line, height = line height),
// texts positioned relative to the column's left edge.
std::vector<Slab> breakLines(FontSet& fonts, const std::vector<Span>& spans,
                             const ParagraphFormat& format);

// Spans of inline content set in base's size; bold/italic combine with the
// base face; superscript and subscript are smaller and shifted.
std::vector<Span> spansOf(const content::Inline& text, const Style& base, bool upperCase = false);
std::vector<Span> spansOf(const std::string& text, const Style& base, bool upperCase = false);

// The style of a profile text style.
Style styleOf(const profile::TextStyle& style);

// Upper case of Cyrillic (incl. Kazakh letters) and Latin.
char32_t toUpper(char32_t c);

}  // namespace nusqa::render
