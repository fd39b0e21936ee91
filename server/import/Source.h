// The importer's view of a source file, whatever its format: a sequence of
// paragraphs and tables in reading order, with the little formatting that
// matters for recognition (bold, italic, underline, heading level, Word's
// automatic number). The text reader (TextSource.h), the .docx reader
// (import/docx) and the PDF reader (import/pdf) produce it; the recogniser
// (Importer.h) consumes it.
// Plain values, standard library only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace nusqa::import {

enum class SourceFormat { Text, Markdown, Docx, Pdf, Html };

// "text", "markdown", "docx", "pdf", "html" (pasted HTML: import/html).
std::string_view toString(SourceFormat format);
// By extension, case-insensitive: .txt .text -> Text, .md .markdown ->
// Markdown, .docx -> Docx, .pdf -> Pdf; nullopt otherwise.
std::optional<SourceFormat> formatFromName(std::string_view fileName);
// By media type (parameters ignored): text/plain, text/markdown,
// text/x-markdown, application/vnd.openxmlformats-officedocument.
// wordprocessingml.document, application/pdf; nullopt otherwise.
std::optional<SourceFormat> formatFromMediaType(std::string_view mediaType);

// A run of text with one formatting. text is valid UTF-8; "\n" alone is a
// forced line break.
struct Run {
    std::string text;
    bool bold = false;
    bool italic = false;
    bool underline = false;
    std::string docRef;  // set by recognition: the register code this run mentions
};

struct SourceParagraph {
    int line = 0;  // 1-based line of a text file; paragraph number of a .docx
    std::vector<Run> runs;
    int headingLevel = 0;  // 1.. from Markdown '#' or a Word heading style; 0: body text
    std::string number;    // Word's automatic number as printed ("1.1.", "2)", "·"); empty: none
    bool bullet = false;   // number is a bullet character

    std::string text() const;  // the runs' text concatenated
    bool blank() const;        // no letter or digit and no visible mark
};

struct SourceCell {
    std::vector<SourceParagraph> paragraphs;
    int colspan = 1;
    int rowspan = 1;
    std::string text() const;  // paragraphs joined by "\n"
};

struct SourceRow {
    int line = 0;
    std::vector<SourceCell> cells;  // cells covered by a span are not listed
};

struct SourceTable {
    int line = 0;
    std::vector<SourceRow> rows;
    std::vector<double> columnWidths;  // relative widths when the source has them
};

struct SourceBlock {
    std::variant<SourceParagraph, SourceTable> content;

    bool isTable() const { return std::holds_alternative<SourceTable>(content); }
    const SourceParagraph& paragraph() const { return std::get<SourceParagraph>(content); }
    const SourceTable& table() const { return std::get<SourceTable>(content); }
    int line() const;
};

// Source text a reader set aside without passing it on: rules of text
// tables ("--\t---"), page headers and footers of a .docx, running headers
// of a PDF or of hard-wrapped text, what a .docx holds besides its text
// (tracked deletions, hidden text, comments). Listed in the report, never
// imported.
struct SkippedText {
    int line = 0;      // 0 when the text is not in the body flow
    std::string part;  // "word/header1.xml" for .docx parts, "page 3" of a PDF, else empty
    std::string text;
    std::string reason;  // "table-rule", "page-header", "page-footer", "running-header", ...
};

struct SourceDocument {
    std::string name;  // the file name, for messages and the report
    SourceFormat format = SourceFormat::Text;
    std::size_t bytes = 0;
    int lines = 0;  // lines of a text file, paragraphs of a .docx
    std::vector<SourceBlock> blocks;
    std::vector<SkippedText> skipped;
    std::vector<std::string> notes;  // what the reader could not carry over (images...)
    // The distinct texts of the running headers and footers a reader found
    // (a PDF's, hard-wrapped text's): the recogniser takes the code,
    // edition, date and page count from them when the title page has none.
    std::vector<std::string> runningText;
};

}  // namespace nusqa::import
