// Private to the import module: the title page and foreword (everything
// before the first chapter) as paragraphs, and the readers of the metadata
// blocks in them (MetaBlocks.cpp).
//
// A front paragraph is a run of consecutive non-blank lines of a text file
// (a title wrapped over two lines, an approver's position over three), one
// .docx paragraph, or one table cell (cells are read column by column, so
// a label cell «Дайындаған: 07.11.2022 ж.» comes before the names under it).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "import/detail/Patterns.h"
#include "import/detail/Recognition.h"

namespace nusqa::import {

struct FrontPara {
    std::vector<Para> lines;  // the source lines it was made of
    std::string text;         // their text joined by single spaces
    bool cell = false;
    std::size_t table = 0;  // cells: the index of their table's item
    int headingLevel = 0;
    bool bold = false;
    bool done = false;  // its lines are reported (meta or dropped)
};

enum class Label { None, Approve, Prepared, Agreed, ApprovedBy, Entered, Foreword };

// The metadata label a paragraph starts or ends with («БЕКІТЕМІН»,
// «Дайындаған:», «... ӘЗІРЛЕНДІ», «2 КЕЛІСІЛДІ», «Согласовано»), and its
// text without the label and without a leading item number.
// atStart (when given) tells whether the label opens the paragraph.
Label labelOf(const std::string& text, std::string& rest, bool* atStart = nullptr);

// Shared by LineFacts.cpp and MetaBlocks.cpp.
bool datesCover(std::string_view text,
                const std::vector<DateMatch>& dates);  // dates are most of text
std::string firstIso(std::string_view text);           // first complete date as YYYY-MM-DD, or ""
std::string lastIso(std::string_view text);
int editionIn(std::string_view text);  // «№ 01 - басылым» -> 1, 0 when none
// Sets meta/organisation unless a better one (not in capitals) is there.
void setOrganisation(Recognition& r, const std::string& organisation);
// «X орнына» / «взамен X»: the replaced edition; after = the text after the keyword.
bool readReplaces(Recognition& r, std::string_view text, std::string& after);
bool readReview(Recognition& r, std::string_view text);  // «Қайта қаралуы: date»

// Reports every line of para as metadata field `field`.
void consume(Recognition& r, FrontPara& para, const std::string& field);

// A line that states a fact of its own (a code, an edition, a date, a
// name, ...): it is not wrapped together with its neighbours.
bool standsAlone(const std::string& text);

// Facts a paragraph states on its own (code, kind, edition, copy number,
// replaces, review date, organisation). True when it stated any (then it
// is consumed).
bool readLineFacts(Recognition& r, FrontPara& para);

// Blocks that run over several paragraphs from a label at paras[at];
// each returns the index after the block.
std::size_t readApprovalBlock(Recognition& r, std::vector<FrontPara>& paras, std::size_t at);
std::size_t readPeopleBlock(Recognition& r, std::vector<FrontPara>& paras, std::size_t at,
                            Label label);
void readApprovedBy(Recognition& r, FrontPara& para, const std::string& rest);
void readEntered(Recognition& r, FrontPara& para, const std::string& rest);

}  // namespace nusqa::import
