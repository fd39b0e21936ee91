// The text layer of a PDF as positioned words: what poppler's text_list()
// gives for each page (import/pdf/PopplerText.h), what the worker process
// sends back (detail/PdfWire.h), and what the layout (PdfLayout.h) rebuilds
// lines, paragraphs and tables from. Plain values, standard library only.
//
// Coordinates are PDF points with the origin at the page's top-left corner
// (y grows downwards), as poppler reports them for an unrotated page.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace nusqa::import::pdf {

// One word as the page draws it.
struct TextBox {
    double left = 0, top = 0, right = 0, bottom = 0;
    double fontSize = 0;
    bool bold = false;        // the font's name says Bold, Black, Heavy, Semibold or Demi
    bool italic = false;      // ... Italic or Oblique
    bool spaceAfter = false;  // poppler saw a space after it on its line
    bool rotated = false;     // not upright (vertical text, a stamp at an angle)
    std::string text;         // UTF-8
};

struct PdfPage {
    double width = 0, height = 0;
    std::vector<TextBox> boxes;  // in poppler's reading order
};

struct PdfText {
    std::vector<PdfPage> pages;
    int pagesInFile = 0;     // pages the file has (more than pages.size() when cut at the limit)
    bool truncated = false;  // a limit of PdfLimits stopped the reading
    std::string truncation;  // which one, for the report
};

// Bounds of one PDF read, checked before and while poppler reads it.
struct PdfLimits {
    std::size_t maxFileBytes = 64u << 20;   // the .pdf file
    int maxPages = 2000;                    // pages read; the rest reported as left out
    std::size_t maxBoxes = 2'000'000;       // words over all pages
    std::size_t maxTextBytes = 16u << 20;   // their UTF-8 text
    std::size_t maxBoxesPerPage = 200'000;  // one page (a hostile page of a million glyphs)
};

}  // namespace nusqa::import::pdf
