// The report of one import: what was recognised, what every source line
// became when it did not become structure, what was dropped and why, and
// the warnings. As JSON (for machines and the HTTP API) and as a readable
// summary (for the terminal). Plain values; standard library only.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace nusqa::import {

// One source line (or .docx paragraph) and what became of it. column is the
// 0-based table cell the text stood in, -1 outside tables.
struct ReportLine {
    int line = 0;  // 0: not in the body flow (a page header part) or the whole file
    int column = -1;
    std::string text;
    std::string what;  // meta field, drop reason, or warning message
};

struct ImportReport {
    std::string source;  // file name
    std::string format;  // "text", "markdown", "docx"
    std::size_t bytes = 0;
    int lines = 0;
    std::string profile;

    // The edition's facts as written to <meta>.
    std::string code, kind, title, language;
    int edition = 0;

    std::map<std::string, int> counts;  // XML element name -> how many were written
    std::vector<ReportLine> meta;       // lines that became metadata: what = the field
    std::vector<ReportLine> plain;      // lines that became plain paragraphs (<p>)
    std::vector<ReportLine> dropped;    // page furniture and generated parts: what = reason
    std::vector<ReportLine> warnings;   // what = the message
    std::vector<std::string> notes;     // the reader's notes (removed characters, images)

    // {"source":...,"format":...,"bytes":N,"lines":N,"profile":...,
    //  "facts":{"code","kind","title","language","edition"},
    //  "counts":{"chapter":N,...},
    //  "meta":[{"line":N,"column":C,"field":...,"text":...}],
    //  "plainParagraphs":[{"line":N,"text":...}],
    //  "dropped":[{"line":N,"column":C,"reason":...,"text":...}],
    //  "warnings":[{"line":N,"message":...}], "notes":[...]}
    // ("column" only for table cells.) UTF-8, compact, RFC 8259 escaping.
    std::string toJson() const;

    // A few lines for a person at a terminal: the facts, the counts, what
    // was dropped (grouped by reason), the warnings, and the line numbers of
    // plain paragraphs (at most maxListed of each list are spelled out).
    std::string summary(std::size_t maxListed = 10) const;
};

// RFC 8259 string escaping (quotes included) of UTF-8 text.
std::string jsonString(const std::string& text);

}  // namespace nusqa::import
