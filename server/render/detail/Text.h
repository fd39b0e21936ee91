// Private to render: from styled spans to broken, aligned lines.
//
// Breaks at spaces, after a hyphen inside a word (both parts at least two
// letters), at forced breaks, at the hyphenation points of the format's
// hyphenation with a hyphen drawn, and — only when a single word with no
// such point is wider than the line — between its letters (a forced break,
// counted). A word is hyphenated when the line would otherwise be loose (a
// line alone with the word always): in justified text when its spaces would
// stretch by more than 0.3 em each, elsewhere when the line would end more
// than a hyphenation zone (a fifth of the column, 1.5 to 3 em) short; never
// on a fourth line in a row, nor the last word of a paragraph. Justified
// lines stretch their spaces, except the last line and lines ending in a
// forced break. Not thread-safe (uses the FontSet and the Hyphenation of
// one document).
#pragma once

#include <string>
#include <vector>

#include "domain/Content.h"
#include "domain/Profile.h"
#include "render/detail/Fonts.h"
#include "render/detail/Hyphenation.h"
#include "render/detail/Layout.h"

namespace nusqa::render {

struct Span {
    std::u32string text;
    Style style;
    bool lineBreak = false;
};

// What line breaking did, summed over the paragraphs of a render.
struct LineStats {
    int hyphenated = 0;  // lines ending in a hyphen drawn at a hyphenation point
    int forced = 0;      // breaks between letters of a word (no break point fitted)
};

struct ParagraphFormat {
    float width = 0;        // available width of the column
    float firstIndent = 0;  // extra indent of the first line
    float indent = 0;       // indent of every line
    profile::Align align = profile::Align::Left;
    float lineSpacing = 1.15f;
    Hyphenation* hyphenator = nullptr;  // nullptr: no hyphenation points
    LineStats* stats = nullptr;         // counted into when given
};

// The narrowest width spans can be set in without a forced break (their
// widest piece between break points, a drawn hyphen included) and the width
// they take unbroken (their widest line between forced line breaks), the
// format's indents included; width and align of the format are not used.
struct TextExtent {
    float minimum = 0;
    float preferred = 0;
};
TextExtent measureText(FontSet& fonts, const std::vector<Span>& spans,
                       const ParagraphFormat& format);

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
