// Test helpers of tests/render: running poppler-utils and qpdf on a PDF and
// parsing what they print (never trusting exit codes), the words a rendered
// edition must contain, and an in-order word matcher. Not thread-safe.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "domain/Content.h"
#include "domain/Profile.h"

namespace nusqa::test {

// stdout and stderr of a shell command.
std::string runCommand(const std::string& command);

// pdfinfo's "Pages:".
int pdfPageCount(const std::filesystem::path& pdf);

// pdftotext of pages [first, last] (raw: content-stream order).
std::string pdfText(const std::filesystem::path& pdf, int first, int last, bool raw = false);

// A word as pdftotext -bbox gives it: page (1-based) and box in points,
// y growing downwards from the top of the page; in content-stream order
// (-raw), which is the renderer's order: line after line of a paragraph or
// a table cell, the page furniture after the body.
struct PdfWord {
    int page = 0;
    double xMin = 0, yMin = 0, xMax = 0, yMax = 0;
    std::string text;
};
std::vector<PdfWord> pdfWords(const std::filesystem::path& pdf, int first, int last);

struct PdfFont {
    std::string name, type, encoding;
    bool embedded = false, subset = false, unicode = false;
};
std::vector<PdfFont> pdfFonts(const std::filesystem::path& pdf);

// The content streams of each page, uncompressed (qpdf --qdf), in order.
std::vector<std::string> pageContentStreams(const std::filesystem::path& pdf,
                                            const std::filesystem::path& scratch);

// Text with no-break spaces as plain spaces.
std::string withPlainSpaces(const std::string& text);
// Whitespace runs collapsed to one space, "- " after a hyphen joined, trimmed.
std::string normalise(const std::string& text);
// Lower case of Latin, Cyrillic and Kazakh letters.
std::string fold(const std::string& text);
std::vector<std::string> splitWords(const std::string& text);

// Every word the body of content must print, in document order: division
// numbers and headings, paragraphs, list items, table captions and cells,
// references / terms / abbreviations, forms, annexes.
std::vector<std::string> expectedBodyWords(const content::Content& content);

// Words that page furniture and generated labels may add between body words:
// the profile's wording and header/footer templates, the edition's meta
// fields, numbers.
std::set<std::string> furnitureWords(const content::Content& content,
                                     const profile::Profile& profile);

// Checks that expected appear in actual in order; tokens skipped between
// matches must be furniture. A word may come split over several tokens only
// at line ends in a hyphen: its own hyphen, or one drawn at a hyphenation
// point (dropped when joining); furniture may come between the pieces (a
// page break). A word split without a hyphen is not found. Returns "" or a
// description of the first problem.
std::string matchInOrder(const std::vector<std::string>& expected,
                         const std::vector<std::string>& actual,
                         const std::set<std::string>& furniture);

}  // namespace nusqa::test
