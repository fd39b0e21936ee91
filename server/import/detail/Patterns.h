// Private to the import module: the small vocabularies and patterns of
// quality-management documents in Kazakh and Russian — register codes,
// dates, people's names, document kinds.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nusqa::import {

// A register code in text: «СМЖ 07.БЕ.51», «СМЖ.07.БЕ.51», «ҚП 082-2022»,
// «ҰС 064-2022», «Е 074-2022», «ҚазҰТЗУ ҚП 607-2023», «ЖН-АLТ-01»; with the
// organisation's short name in front when there is one. Laws, orders and
// national standards («№ 414-V», «ИСО 9001-2016») are not register codes.
struct CodeMatch {
    std::size_t start = 0;  // byte offsets in the text
    std::size_t end = 0;
    std::string code;  // with plain spaces where the text may have no-break spaces
};
std::optional<CodeMatch> findCode(std::string_view text, std::size_t from = 0);

// Dates as the corpus prints them: «07.11.2022 ж.», «14.11.2019ж.»,
// ««24» 08 2023 ж.», «2023 жылғы «01» 09», «2019 жылғы 14 тамыздағы»,
// «12 марта 2023 г.», and parts of one: «« 11 »» (a day), «2022 ж.» (a year).
struct DateMatch {
    int day = 0, month = 0, year = 0;  // 0: not printed
    std::size_t start = 0, end = 0;
    bool complete() const { return day > 0 && month > 0 && year > 0; }
};
std::vector<DateMatch> findDates(std::string_view text);

// "YYYY-MM-DD" when the date exists in the calendar, else empty.
std::string isoDate(int year, int month, int day);

// The people named in text when text is nothing but names: «А. М. Наметов»,
// «Е.Көлдеев», «Наметов А.М.», several separated by spaces or commas.
// Empty when anything else is in it.
std::vector<std::string> peopleNamed(std::string_view text);

// The kind of document a title names: «ҚЫЗМЕТ ТУРАЛЫ ЕРЕЖЕ» -> regulation,
// «Құжатталған процедура» -> documented_procedure, «ДОЛЖНОСТНАЯ
// ИНСТРУКЦИЯ» -> job_instruction ... when text is short and ends with the
// kind's words (or is them).
std::optional<std::string> kindNamedBy(std::string_view text);

// The kind a body implies when there is no title page: the first of
// «осы Ереже», «лауазымдық нұсқаулық», «құжатталған процедура», «Настоящее
// положение», ... in text. Empty when none is found.
std::string kindMentionedIn(std::string_view text);

// The usual printed title of a kind in a language: ("regulation", "kk") ->
// "Ереже".
std::string kindTitleOf(std::string_view kind, std::string_view language);

// An organisation with its legal form in text: «"«Жәңгір хан атындағы ...
// университеті» КеАҚ"». Empty when none.
struct OrganisationMatch {
    std::string name;
    std::size_t start = 0, end = 0;  // byte offsets of the name in the text
};
std::optional<OrganisationMatch> findOrganisation(std::string_view text);
std::string organisationIn(std::string_view text);

// The language of text: "kk" when at least 2 % of its Cyrillic letters are
// Kazakh-only (ә ғ қ ң ө ұ ү һ і) — unless Russian-only frequent words (и, в,
// на, для, ...) outnumber the Kazakh ones (және, мен, үшін, осы, ...) two to
// one — or when Kazakh words so outnumber the Russian ones; "ru" for other
// Cyrillic text; "" (neither) when fewer than 8 letters are Cyrillic or most
// letters are Latin (English, Latin-script Kazakh).
std::string languageOf(std::string_view text);

// «Page M of N» printed anywhere in text: «12 беттің 4-і» (N беттің M-і),
// «Лист 2 из 9», «Страница 2 из 9», «Бет 2 / 9», «Page 2 of 9».
// {page, pages}; nullopt when there is none.
std::optional<std::pair<int, int>> pageOfPages(std::string_view text);

// Digits as '#', lower case, spaces collapsed: the shape two running headers
// of different pages share («12 беттің 4-і», «12 беттің 5-і»).
std::string digitShape(std::string_view text);

// Strips a Kazakh genitive or locative ending of the last word:
// «Басқарманың» -> «Басқарма», «кітапханасында» -> «кітапхана».
std::string withoutCaseEnding(std::string_view word);

}  // namespace nusqa::import
