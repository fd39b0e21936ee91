// The content of one edition as a plain value tree: the <meta> facts and the
// body (chapters, paragraphs, sections, clauses, sub-clauses and the blocks
// inside them), the list of forms, annexes and change records, exactly as
// schemas/document.xsd describes them. Standard library only; built by
// render/reader (readEditionContent) and consumed by render (renderPdf).
//
// Text is UTF-8. Numbers ("1.", "2.2.1.", "1 Тарау.") are kept as printed,
// never recomputed. Dates are ISO "YYYY-MM-DD" strings, empty when absent.
// Values only: copyable, no sharing, safe to read from many threads.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/Types.h"

namespace nusqa::content {

// One piece of inline text with uniform formatting. A forced line break
// (<br/>) is a run with lineBreak set and empty text.
struct Run {
    enum class Script { Normal, Superscript, Subscript };
    // Redline marks, set only on the content of a comparison's print
    // (domain/Redline.h): text inserted since the earlier edition, text
    // deleted from it, a note on a moved or renumbered element. Edition XML
    // never carries them (the reader leaves None, the codec ignores them).
    enum class Change { None, Inserted, Deleted, Note };

    std::string text;
    bool bold = false;
    bool italic = false;
    bool underline = false;
    Script script = Script::Normal;
    bool lineBreak = false;
    Change change = Change::None;
};

// Inline text: the runs of a paragraph, heading, cell line or entry.
using Inline = std::vector<Run>;

// The concatenated text of the runs (line breaks as '\n').
std::string plainText(const Inline& text);

struct Block;

// A text paragraph (<p>).
struct Paragraph {
    std::string eId;  // may be empty
    Inline text;
};

struct ListItem {
    std::string eId;
    std::string num;  // bullet or number as printed; empty when none
    std::vector<Block> blocks;
};

struct List {
    std::string eId;
    bool ordered = false;
    std::vector<ListItem> items;
};

enum class CellAlign { Default, Left, Center, Right, Justify };

struct Cell {
    std::vector<Block> blocks;
    int colspan = 1;
    int rowspan = 1;
    CellAlign align = CellAlign::Default;
};

struct Row {
    std::string eId;  // may be empty
    std::vector<Cell> cells;
};

struct Table {
    std::string eId;
    Inline caption;                    // empty when none
    std::vector<double> columnWidths;  // relative; 0 = unspecified; empty when no <cols>
    std::vector<Row> headerRows;       // repeated on every page the table spans
    std::vector<Row> rows;
};

// One line of a references, terms or abbreviations list: num, then name
// (the term or abbreviation; empty for a reference) and text (the
// reference, definition or expansion).
struct Entry {
    std::string eId;
    std::string num;
    std::string code;  // references only: register code, may be empty
    Inline name;
    Inline text;
};

struct EntryList {
    enum class Kind { References, Terms, Abbreviations };

    Kind kind = Kind::References;
    std::string eId;
    Inline heading;
    std::vector<Entry> entries;
};

// A structural container of the hierarchy (or an annex).
struct Division {
    enum class Kind { Chapter, Paragraph, Section, Clause, Subclause, Annex };

    Kind kind = Kind::Chapter;
    std::string eId;
    std::string num;
    Inline heading;
    std::vector<Block> children;  // content and sub-divisions in document order
};

// Anything that stands in the body or in a container.
struct Block {
    std::variant<Paragraph, List, Table, EntryList, Division> value;
};

struct Person {
    std::string position;
    std::string name;
};

struct Approver {
    std::string eId;
    std::string position;
    std::string name;
    std::string date;
};

struct Replaces {
    std::string code;
    std::string number;  // empty when absent
    std::string date;
};

struct Approval {
    std::string position;
    std::string name;
    std::string date;
    std::string decisionNumber;  // empty when approved without a decision
    std::string decisionDate;
};

struct Dates {
    std::string prepared;
    std::string agreed;
    std::string approved;
    std::string effective;
    std::string review;
};

struct Meta {
    std::string organisation;
    std::string profile;  // empty when the edition names none
    DocumentKind kind = DocumentKind::Regulation;
    std::string kindTitle;
    std::string code;
    std::string title;
    Language language = Language::Kazakh;
    std::string unit;
    int edition = 1;
    std::optional<Replaces> replaces;
    Dates dates;
    std::vector<Person> preparedBy;
    std::optional<Approval> approval;
    std::optional<std::string> copyNumber;  // present and empty: uncontrolled copy
    std::string copyHolder;  // a controlled copy's holder (person or unit), printed with it
    std::vector<Approver> agreementList;
};

struct Form {
    std::string eId;
    std::string num;
    std::string code;
    Inline name;
};

struct FormsList {
    std::string eId;
    Inline heading;
    std::vector<Form> forms;
};

enum class ChangeKind { Replace, Delete, Add };

struct ChangeRecord {
    std::string eId;
    std::string num;
    std::string location;
    std::string target;  // eId pointed at, may be empty
    ChangeKind kind = ChangeKind::Replace;
    std::string noticeNumber;
    std::string noticeDate;
    std::string entered;
    Person person;
};

struct Content {
    Meta meta;
    std::vector<Block> body;
    std::optional<FormsList> forms;
    std::vector<Division> annexes;  // Kind::Annex
    bool hasChanges = false;        // <changes> present (maybe empty)
    std::vector<ChangeRecord> changes;
};

inline std::string plainText(const Inline& text) {
    std::string result;
    for (const Run& run : text) result += run.lineBreak ? std::string("\n") : run.text;
    return result;
}

}  // namespace nusqa::content
