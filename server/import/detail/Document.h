// The recognised document, before it is written as XML: the model of
// schemas/document.xsd (see schemas/README.md) in plain values. Built by
// the recognisers, given eIds by assignEIds (EIds.h), written by writeXml
// (XmlWriter.h). Standard library only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "import/Source.h"

namespace nusqa::import {

enum class NodeKind {
    Chapter,
    Paragraph,  // "Параграф N." group of clauses
    Section,
    Clause,
    Subclause,
    P,
    List,
    Item,
    Table,
    References,
    Ref,
    Terms,
    Term,
    Abbreviations,
    Abbreviation,
};

// The XML element name of a kind: "chapter", "p", "abbreviation", ...
const char* elementName(NodeKind kind);

struct Node;

struct Cell {
    std::vector<Node> blocks;  // P or List
    int colspan = 1;
    int rowspan = 1;
};

struct Row {
    std::vector<Cell> cells;
    int line = 0;
    std::string key;  // the row's number ("1.1") when it has one: its eId
    std::string eId;
};

struct Node {
    NodeKind kind = NodeKind::P;
    int line = 0;     // source line (or .docx paragraph) it came from
    std::string num;  // as printed: "1.", "1 Тарау.", "Параграф 2.", "1)", "·"
    std::vector<Run> heading;  // containers (and the heading of references/terms/...)
    std::vector<Run> text;     // P; Ref text; Term name; Abbreviation abbr
    std::vector<Run> text2;    // Term definition; Abbreviation expansion
    std::string code;          // Ref@code
    bool ordered = false;      // List@type
    bool plain = false;        // a P made from a line no pattern recognised
    std::vector<Node> children;
    // Table
    std::vector<double> columnWidths;
    std::vector<Row> head;
    std::vector<Row> rows;
    // eId: key is the number it is derived from ("2_2_1"), eId the result.
    std::string key;
    std::string eId;
};

struct Person {
    std::string position;
    std::string name;
    std::string date;  // YYYY-MM-DD or empty
};

struct Meta {
    std::string organisation;
    std::string profile;
    std::string kind;  // schema name: "regulation", ...
    std::string kindTitle;
    std::string code;
    std::string title;
    std::string language;  // "kk" | "ru"
    std::string unit;
    int edition = 0;
    bool hasReplaces = false;
    std::string replacesCode;
    int replacesNumber = 0;
    std::string replacesDate;
    std::string prepared, agreed, approved, effective, review;  // YYYY-MM-DD or empty
    std::vector<Person> preparedBy;
    bool hasApproval = false;
    Person approval;  // position, name (person or body), date
    std::string decisionNumber;
    std::string decisionDate;
    std::optional<std::string> copyNumber;  // present and empty: an uncontrolled copy
    std::vector<Person> approvers;          // the agreement list
};

struct Form {
    std::string num;
    std::string code;
    std::vector<Run> name;
    int line = 0;
};

struct Change {
    std::string num;
    std::string location;
    std::string kind;  // replace | delete | add
    std::string noticeNumber;
    std::string noticeDate;
    std::string entered;  // YYYY-MM-DD
    Person person;
    int line = 0;
};

struct ImportedDocument {
    Meta meta;
    std::vector<Node> body;
    bool hasForms = false;
    std::vector<Run> formsHeading;
    std::vector<Form> forms;
    std::vector<Node> annexes;  // kind Section, written as <annex>
    bool hasChanges = false;
    std::vector<Change> changes;
};

}  // namespace nusqa::import
