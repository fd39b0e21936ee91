// Private to the import module: the blocks a body is built of, besides the
// hierarchy — special lists (normative references, terms, abbreviations),
// tables, and the mentions of register documents in running text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "import/detail/Document.h"
#include "import/detail/Recognition.h"

namespace nusqa::import {

enum class Special { None, References, Terms, Abbreviations };

// What the items after a clause's introduction are: «... келесі нормативтік
// құжаттардың негізінде әзірленді:» -> References, «... терминдер мен
// анықтамалар қолданылады:» -> Terms, «... қысқартулар қолданылады:» ->
// Abbreviations. The introduction must end with ':'.
Special specialOfIntro(std::string_view text);
// The same from a chapter or section heading («Нормативтік сілтемелер»,
// «Анықтамалар», «Белгілер мен қысқартулар», «Термины и определения»).
Special specialOfHeading(std::string_view text);

NodeKind blockKind(Special special);  // References, Terms, Abbreviations
NodeKind itemKind(Special special);   // Ref, Term, Abbreviation

// One entry of a special list from a label (may be empty) and the text
// after it. Terms and abbreviations are split at the first dash between
// spaces («ҚР – Қазақстан Республикасы;»); false when there is none.
bool makeSpecialItem(Special special, const std::string& num, std::vector<Run> text, int line,
                     Node& item);

// A table as a <table>: header rows (first row of column titles, «№ ...»,
// italic; a row «1 2 3» numbering the columns), cells with spans, an
// ordered list where a cell runs «1. ... 2. ... 3. ...».
Node makeTable(const SourceTable& table);

// The rows of a two-column table as terms and abbreviations (corpus 002
// chapter 3): a first cell in capitals is an abbreviation, else a term.
// Empty when the table is not two columns wide.
std::vector<Node> termsFromTable(const SourceTable& table);

}  // namespace nusqa::import
