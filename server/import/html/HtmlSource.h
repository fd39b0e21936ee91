// HTML from the clipboard (what Word and web pages put there when text is
// copied) as the importer's SourceDocument, so that pasted text is
// recognised by the same rules as .txt and .docx files (Importer.h,
// recogniseFragment): paragraphs with their bold/italic/underline runs, Word
// list paragraphs (mso-list) with their printed number or bullet, <ol>/<ul>
// items with theirs, headings <h1>-<h6> with their level, tables with
// colspan/rowspan (nested tables flattened into their cell).
//
// The bytes are hostile: checked before libxml2 sees them (size, valid
// UTF-8, no NUL, at most maxElements tags and maxAttributes attributes in
// one tag — libxml2 needs quadratic time for many attributes on one
// element), then parsed by libxml2's HTML parser with no network, no
// implied DTD, the charset of <meta> ignored (the text is UTF-8), errors
// not printed. Word's conditional markers (<![if !supportLists]>,
// <![endif]>) are removed first; its <o:p> elements, <style>, <script>,
// <head> and comments are left out; images are counted in notes. Deeper
// than maxDepth, elements count as text only.
//
// Errors (messages start with "import: NAME: "): TooLarge past maxBytes,
// maxElements or maxAttributes; InvalidDocument for bytes that are not
// UTF-8, hold a NUL, or have no text at all.
// Thread safety: may run on any number of threads at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/Error.h"
#include "import/Source.h"

namespace nusqa::import::html {

struct HtmlLimits {
    std::size_t maxBytes = 4u << 20;  // Word's HTML of some 30 pages
    std::size_t maxElements = 200000;
    std::size_t maxAttributes = 256;  // in one start tag
    std::size_t maxDepth = 200;
};

Result<SourceDocument> readHtmlSource(std::string_view bytes, std::string name,
                                      const HtmlLimits& limits = {});

}  // namespace nusqa::import::html
