// Private to the import module: what the start of a paragraph says it is.
//
//   Chapter    «1 тарау.», «1 Тарау.», «Глава 1.», «1-тарау», «Раздел 2.», «2 бөлім»
//   Paragraph  «Параграф 2.», «§ 2»
//   Numbered   «1.», «1.1», «2.2.1.», «2 text» (1-3 digits per level; a
//              four-digit part is a year, «14.11.2019» is a date, not a number)
//   Item       «1)», «12)»          LetterItem  «а)», «b)»
//   Bullet     «-», «·», «•», «−», «–», «—», «*», «▪», «●», «○», «◦», «■» + space
//   Text       anything else;  Blank  nothing visible
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nusqa::import {

enum class LineKind { Blank, Chapter, Paragraph, Numbered, Item, LetterItem, Bullet, Text };

struct LineInfo {
    LineKind kind = LineKind::Text;
    std::string num;           // the label exactly as printed: "1 Тарау.", "1.1.", "1)", "·"
    std::vector<int> numbers;  // its numbers: {1} for "1 Тарау.", {2, 2, 1} for "2.2.1."
    bool dot = false;          // the number ends with "." ("1." rather than "1")
    std::size_t rest = 0;      // byte offset of the text after the label and its spaces
    bool numberOnly = false;   // nothing follows the label
};

LineInfo classifyLine(std::string_view text);

// Numbers joined with '_' ("2_2_1"), for eIds.
std::string numberKey(const std::vector<int>& numbers);

}  // namespace nusqa::import
