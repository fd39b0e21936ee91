// Private to the import module: the state the recognisers share while one
// source becomes one ImportedDocument, and the recognisers' entry points.
// One Recognition per import; not thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "import/Importer.h"
#include "import/Report.h"
#include "import/Source.h"
#include "import/detail/Document.h"
#include "import/detail/Lines.h"
#include "import/detail/Patterns.h"

namespace nusqa::import {

// A paragraph ready for recognition. Word's automatic number, when there is
// one, stands in front of the text as if it were typed.
struct Para {
    int line = 0;
    int column = -1;  // table cell, -1 outside tables
    std::vector<Run> runs;
    std::string text;  // runs' text
    int headingLevel = 0;
    bool autoNumber = false;
    LineInfo info;  // classifyLine(text)
};

struct Item {
    bool isTable = false;
    Para para;                           // !isTable
    const SourceTable* table = nullptr;  // isTable
    int line = 0;
    bool used = false;  // consumed (metadata, furniture, sheets, joined)
};

Para makePara(const SourceParagraph& paragraph, int column = -1);

class Recognition {
public:
    Recognition(const SourceDocument& source, const ImportOptions& options, ImportReport& report);

    const SourceDocument& source;
    const ImportOptions& options;
    ImportReport& report;
    std::vector<Item> items;
    ImportedDocument document;
    bool globalClauses = false;  // clause numbers run through the document («1.» ... «29.»)
    DateMatch approvalDate;  // as printed: the month may be missing («« 11 »» ... «2022 ж.»)
    std::vector<Node>
        preamble;  // front-matter sentences and tables kept in the body before chapter 1
    bool organisationFound = false;  // meta/organisation comes from the source itself

    void meta(const Para& para, const std::string& field);
    void drop(const Para& para, const std::string& reason);
    void dropItem(Item& item, const std::string& reason);  // a paragraph or every cell of a table
    void warn(int line, const std::string& message);
    void plain(const Para& para);

    // Index of the next item from `from` on that is not used and not blank,
    // looking at most `window` items ahead (end when there is none).
    std::size_t nextContent(std::size_t from, std::size_t end, std::size_t window = 64) const;
};

// Recognisers, in the order Importer.cpp runs them.
void dropFurniture(Recognition& r);                           // Furniture.cpp
void dropContents(Recognition& r);                            // Furniture.cpp
std::size_t findBodyStart(const Recognition& r);              // FrontMatter.cpp
void readFrontMatter(Recognition& r, std::size_t bodyStart);  // FrontMatter.cpp
// Marks the sheets; returns the index where the forms list starts (the body
// ends there) or end when there is none.
std::size_t readSheets(Recognition& r, std::size_t bodyStart);  // Sheets.cpp
void buildBody(Recognition& r, std::size_t begin, std::size_t end,
               std::vector<Node>& out);  // Structure.cpp
// Facts of the running header (code, edition, date, organisation, pages)
// where the title page stated none.
void readRunningText(Recognition& r);                                        // Completion.cpp
void completeMeta(Recognition& r);                                           // Completion.cpp
void markDocRefs(std::vector<Node>& nodes);                                  // Lists.cpp
void assignEIds(ImportedDocument& document, bool globalClauses);             // EIds.cpp
std::string writeXml(const ImportedDocument& document);                      // XmlWriter.cpp
void countElements(const ImportedDocument& document, ImportReport& report);  // XmlWriter.cpp

}  // namespace nusqa::import
