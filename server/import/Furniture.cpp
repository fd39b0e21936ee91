// Page furniture and the generated contents list: dropped, and listed in
// the report with the reason.
//
//   page-number     a line that is only a page number: «12», «- 12 -»
//   page-of-pages   «9 беттің 9-і», «Бет 3 / 12», «Лист 2 из 9», «Страница 4»
//   copy-notice     «Бақыланатын дана», «Жұмыс данасы», «Контрольный
//                   экземпляр» ... standing alone (a copy number «№ __ дана»
//                   on the title page is metadata, not furniture)
//   running-header  the same short line three times or more (text and PDF
//                   sources; a .docx keeps its headers in their own parts)
//   contents        «Мазмұны» / «Содержание» and its entries (generated
//                   again from the headings when printing)
#include <map>

#include "import/detail/Recognition.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

// Digits -> '#', lower case, spaces collapsed.
std::string shape(std::string_view text) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t start = at;
        char32_t c = decodeAt(text, at);
        if (isDigit(c)) {
            if (out.empty() || out.back() != '#') out += '#';
        } else {
            out.append(lower(text.substr(start, at - start)));
        }
    }
    return collapseSpaces(out);
}

bool isPageNumber(std::string_view text) {
    std::string s = shape(text);
    static const char* const kShapes[] = {"#", "- # -", "– # –", "— # —", "-#-", "стр. #", "с. #"};
    for (const char* known : kShapes)
        if (s == known) return true;
    return false;
}

bool isPageOfPages(std::string_view text) {
    std::string s = shape(text);
    static const char* const kShapes[] = {
        "# беттің #-і",    "# беттің #-ші", "# беттің #",  "# беттің #-сі",
        "# беттің #-ы",    "бет # / #",     "бет #/#",     "бет # из #",
        "бет #",           "#-бет",         "лист # из #", "лист #",
        "страница # из #", "страница #",    "стр. # из #", "page # of #"};
    for (const char* known : kShapes)
        if (s == known) return true;
    return false;
}

bool isCopyNotice(std::string_view text) {
    if (wordCount(text) > 8 || text.find("№") != std::string_view::npos) return false;
    static const char* const kStarts[] = {"бақыланатын дана",      "бақыланбайтын дана",
                                          "бақылаусыз дана",       "жұмыс данасы",
                                          "контрольный экземпляр", "неконтролируемый экземпляр",
                                          "рабочий экземпляр",     "копия не контролируется"};
    std::string t = lower(trim(text));
    for (const char* start : kStarts)
        if (t.starts_with(start)) return true;
    return false;
}

bool isContentsTitle(std::string_view text) {
    std::string t = lower(collapseSpaces(text));
    while (!t.empty() && (t.back() == ':' || t.back() == '.')) t.pop_back();
    return t == "мазмұны" || t == "мазмұн" || t == "содержание" || t == "оглавление" ||
           t == "contents";
}

// «Жалпы ережелер ....... 4», «Жалпы ережелер 4»: ends with a page number.
bool endsWithPageNumber(std::string_view text) {
    std::string_view t = trim(text);
    std::size_t digits = 0;
    while (digits < t.size() && t[t.size() - 1 - digits] >= '0' && t[t.size() - 1 - digits] <= '9')
        ++digits;
    if (digits == 0 || digits > 3 || digits == t.size()) return false;
    char before = t[t.size() - 1 - digits];
    return before == ' ' || before == '.' || before == '\t';
}

// The text of a line without its leading number: «1. Жалпы ережелер» -> «жалпы ережелер».
std::string headingKey(const Para& para) {
    std::string rest = para.text.substr(para.info.kind == LineKind::Text ? 0 : para.info.rest);
    return lower(collapseSpaces(rest));
}

// The text of every heading-like paragraph after item `from` (numbers left
// out): what a contents entry must repeat. One pass, so that a hostile file
// of thousands of "entries" stays linear.
bool headingLike(const Para& para) {
    return para.headingLevel > 0 || para.info.kind == LineKind::Chapter ||
           para.info.kind == LineKind::Numbered;
}

std::map<std::string, int> headingsAfter(const Recognition& r, std::size_t from) {
    std::map<std::string, int> keys;
    for (std::size_t k = from + 1; k < r.items.size(); ++k) {
        const Item& later = r.items[k];
        if (!later.isTable && !later.used && headingLike(later.para))
            ++keys[headingKey(later.para)];
    }
    return keys;
}

// The entries typed as one paragraph with line breaks.
bool multiLineEntries(const Para& para, const std::map<std::string, int>& headings) {
    if (para.text.find('\n') == std::string::npos) return false;
    std::size_t start = 0;
    while (start <= para.text.size()) {
        std::size_t end = para.text.find('\n', start);
        std::string line =
            para.text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        Para one;
        one.text = line;
        one.info = classifyLine(line);
        if (!endsWithPageNumber(line) && !headings.count(headingKey(one)))
            return false;  // (not itself counted)
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return true;
}

bool contentsTable(const SourceTable& table) {
    std::size_t withPage = 0;
    for (const SourceRow& row : table.rows) {
        if (row.cells.empty()) continue;
        std::string last(trim(row.cells.back().text()));
        if (!last.empty() && last.size() <= 3 &&
            last.find_first_not_of("0123456789") == std::string::npos)
            ++withPage;
    }
    return withPage * 2 >= table.rows.size() && withPage > 0;
}

}  // namespace

void dropFurniture(Recognition& r) {
    // Word keeps its page headers in parts of their own: a short line that
    // comes back in a .docx body is text («Иә», a name in a table), not a
    // running header.
    const bool repeatsAreFurniture = r.source.format != SourceFormat::Docx;
    std::map<std::string, int> repeats;
    for (const Item& item : r.items)
        if (!item.isTable && item.para.info.kind == LineKind::Text &&
            wordCount(item.para.text) <= 12)
            ++repeats[collapseSpaces(item.para.text)];
    for (Item& item : r.items) {
        if (item.used || item.isTable || item.para.info.kind == LineKind::Blank) continue;
        const std::string& text = item.para.text;
        if (item.para.info.kind == LineKind::Numbered && item.para.info.numberOnly &&
            !item.para.info.dot && item.para.info.numbers.size() == 1 && isPageNumber(text))
            r.dropItem(item, "page-number");
        else if (isPageOfPages(text))
            r.dropItem(item, "page-of-pages");
        else if (item.para.info.kind == LineKind::Text && isPageNumber(text))
            r.dropItem(item, "page-number");
        else if (isCopyNotice(text))
            r.dropItem(item, "copy-notice");
        else if (repeatsAreFurniture && item.para.info.kind == LineKind::Text &&
                 item.para.headingLevel == 0 && repeats[collapseSpaces(text)] >= 3)
            r.dropItem(item, "running-header");
    }
}

void dropContents(Recognition& r) {
    for (std::size_t i = 0; i < r.items.size(); ++i) {
        Item& title = r.items[i];
        if (title.used || title.isTable || !isContentsTitle(title.para.text)) continue;
        r.dropItem(title, "contents");
        const std::map<std::string, int> headings = headingsAfter(r, i);
        for (std::size_t j = i + 1; j < r.items.size(); ++j) {
            Item& entry = r.items[j];
            if (entry.used) continue;
            if (entry.isTable) {
                if (!contentsTable(*entry.table)) return;
                r.dropItem(entry, "contents");
                continue;
            }
            if (entry.para.info.kind == LineKind::Blank) continue;
            bool isEntry =
                endsWithPageNumber(entry.para.text) || multiLineEntries(entry.para, headings);
            // An entry repeats a heading found further on; a numbered entry is
            // counted among the headings itself, so its heading makes two.
            if (!isEntry) {
                std::string key = headingKey(entry.para);
                auto found = headings.find(key);
                int needed = headingLike(entry.para) ? 2 : 1;
                isEntry = !key.empty() && found != headings.end() && found->second >= needed;
            }
            if (!isEntry) return;
            r.dropItem(entry, "contents");
        }
        return;
    }
}

}  // namespace nusqa::import
