// The facts a title-page paragraph states on its own, the labels that open
// or close metadata blocks, and the helpers the block readers share.
#include <algorithm>
#include <array>

#include "import/detail/FrontMatter.h"
#include "import/detail/Patterns.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {

namespace {

struct LabelWord {
    std::string_view word;
    Label label;
};

constexpr std::array<LabelWord, 27> kLabels{{
    {"бекітемін", Label::Approve},     {"утверждаю", Label::Approve},
    {"дайындаған", Label::Prepared},   {"дайындалды", Label::Prepared},
    {"әзірлеген", Label::Prepared},    {"әзірленді", Label::Prepared},
    {"разработано", Label::Prepared},  {"разработан", Label::Prepared},
    {"разработал", Label::Prepared},   {"подготовлено", Label::Prepared},
    {"подготовил", Label::Prepared},   {"келісілді", Label::Agreed},
    {"келісілген", Label::Agreed},     {"согласовано", Label::Agreed},
    {"бекітілді", Label::ApprovedBy},  {"бекітілген", Label::ApprovedBy},
    {"утверждено", Label::ApprovedBy}, {"утвержден", Label::ApprovedBy},
    {"утверждена", Label::ApprovedBy}, {"енгізілді", Label::Entered},
    {"енгізілген", Label::Entered},    {"введено", Label::Entered},
    {"введен", Label::Entered},        {"введён", Label::Entered},
    {"введена", Label::Entered},       {"алғысөз", Label::Foreword},
    {"предисловие", Label::Foreword},
}};

Label labelWord(std::string_view word) {
    std::string w = lower(word);
    while (!w.empty() && (w.back() == ':' || w.back() == '.' || w.back() == ',')) w.pop_back();
    for (const LabelWord& entry : kLabels)
        if (w == entry.word) return entry.label;
    return Label::None;
}

std::vector<std::string> splitWords(std::string_view text) {
    std::vector<std::string> parts;
    std::string current;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t start = at;
        char32_t c = decodeAt(text, at);
        if (isSpace(c) || c == '\n') {
            if (!current.empty()) parts.push_back(std::move(current));
            current.clear();
        } else {
            current.append(text.substr(start, at - start));
        }
    }
    if (!current.empty()) parts.push_back(std::move(current));
    return parts;
}

std::string join(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to && i < parts.size(); ++i) {
        if (!out.empty()) out += ' ';
        out += parts[i];
    }
    return out;
}

bool isItemNumber(std::string_view word) {
    return !word.empty() && word.size() <= 3 && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '.';
    });
}

// Share of text (without spaces) that the dates cover.
}  // namespace

bool datesCover(std::string_view text, const std::vector<DateMatch>& dates) {
    if (dates.empty()) return false;
    std::size_t covered = 0;
    for (const DateMatch& date : dates) covered += date.end - date.start;
    std::string_view t = trim(text);
    return covered * 10 >= t.size() * 7 || wordCount(t) <= 4;
}

static std::string iso(const DateMatch& date) {
    return isoDate(date.year, date.month, date.day);
}

std::string firstIso(std::string_view text) {
    for (const DateMatch& date : findDates(text))
        if (date.complete() && !iso(date).empty()) return iso(date);
    return {};
}

std::string lastIso(std::string_view text) {
    std::string last;
    for (const DateMatch& date : findDates(text))
        if (date.complete() && !iso(date).empty()) last = iso(date);
    return last;
}

// The edition number printed with «басылым», «редакция» or «издание».
int editionIn(std::string_view text) {
    std::string t = lower(text);
    for (std::string_view word : {"басылым", "редакция", "издание", "редакциясы"}) {
        std::size_t at = t.find(word);
        if (at == std::string::npos) continue;
        // "№ 01 - басылым", "№3 редакция", "2-басылым"
        std::size_t from = at > 16 ? at - 16 : 0;
        std::string before = t.substr(from, at - from);
        std::size_t end = before.find_last_of("0123456789");
        if (end != std::string::npos) {
            std::size_t start = end;
            while (start > 0 && before[start - 1] >= '0' && before[start - 1] <= '9') --start;
            std::string between = before.substr(end + 1);
            std::string_view gap = trim(between);
            bool numbered = before.find("№") != std::string::npos || gap == "-" || gap.empty();
            if (numbered && end - start < 3 && (gap.empty() || gap == "-" || gap == "–"))
                return std::stoi(before.substr(start, end - start + 1));
        }
        // "редакция № 3", "издание 2"
        std::string after = t.substr(at + word.size(), 12);
        std::size_t digit = after.find_first_of("0123456789");
        if (digit != std::string::npos &&
            trim(after.substr(0, digit)).find_first_not_of("№ ") == std::string_view::npos) {
            std::size_t stop = after.find_first_not_of("0123456789", digit);
            return std::stoi(after.substr(digit, stop - digit));
        }
    }
    return 0;
}

// «№ ____ дана» -> "", «Бақыланатын дана № 3» -> "3".
static std::optional<std::string> copyNumberIn(std::string_view text) {
    std::vector<std::string> parts = splitWords(text);
    bool copyWord = false;
    for (const std::string& part : parts) {
        std::string w = lower(part);
        copyWord = copyWord || w.starts_with("дана") || w.starts_with("экземпляр");
    }
    std::size_t numero = text.find("№");
    if (!copyWord || numero == std::string_view::npos || parts.size() > 6) return std::nullopt;
    std::string_view after = trim(text.substr(numero + std::string_view("№").size()));
    std::size_t digits = 0;
    while (digits < after.size() && after[digits] >= '0' && after[digits] <= '9') ++digits;
    return std::string(after.substr(0, digits));
}

static bool mostlyUpper(std::string_view text) {
    std::size_t upperCount = 0, lowerCount = 0;
    for (std::size_t at = 0; at < text.size();) {
        char32_t c = decodeAt(text, at);
        if (isUpper(c)) ++upperCount;
        if (isLower(c)) ++lowerCount;
    }
    return upperCount > 2 * lowerCount;
}

void setOrganisation(Recognition& r, const std::string& organisation) {
    if (organisation.empty()) return;
    std::string& current = r.document.meta.organisation;
    // A name in capitals gives way to the same name printed normally.
    if (current.empty() || (mostlyUpper(current) && !mostlyUpper(organisation)))
        current = organisation;
}

// The replaced edition from "... орнына" / "взамен ..."; `after` gets the
// text after the keyword. False when there is no such keyword.
bool readReplaces(Recognition& r, std::string_view text, std::string& after) {
    std::string t = lower(text);
    std::size_t at = t.find("орнына");
    std::size_t keyword = std::string_view("орнына").size();
    bool kazakh = at != std::string::npos;
    if (!kazakh) {
        at = t.find("взамен");
        keyword = std::string_view("взамен").size();
        if (at == std::string::npos) return false;
    }
    // Kazakh: «X орнына» (X before); Russian: «взамен X» (X after, to the end).
    std::string_view subject = kazakh ? text.substr(0, at) : text.substr(at + keyword);
    after = kazakh ? std::string(text.substr(at + keyword)) : std::string();
    Meta& meta = r.document.meta;
    meta.hasReplaces = true;
    if (auto code = findCode(subject)) meta.replacesCode = code->code;
    meta.replacesDate = lastIso(subject);
    int number = editionIn(subject);
    if (number == 0) {
        // "№2 редакцияның" is caught above; "№ 2" alone:
        std::size_t numero = subject.find("№");
        if (numero != std::string_view::npos) {
            std::string_view rest = trim(subject.substr(numero + std::string_view("№").size()));
            std::size_t digits = 0;
            while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
            if (digits > 0 && digits < 4) number = std::stoi(std::string(rest.substr(0, digits)));
        }
    }
    meta.replacesNumber = number;
    return true;
}

bool readReview(Recognition& r, std::string_view text) {
    std::string t = lower(text);
    for (std::string_view word : {"қайта қаралу", "қайта қарау", "пересмотр"}) {
        std::size_t at = t.find(word);
        if (at == std::string::npos) continue;
        std::string date = firstIso(text.substr(at));
        if (date.empty()) return false;
        r.document.meta.review = date;
        return true;
    }
    return false;
}

Label labelOf(const std::string& text, std::string& rest, bool* atStart) {
    std::vector<std::string> parts = splitWords(text);
    rest = text;
    if (parts.empty()) return Label::None;
    std::size_t first = isItemNumber(parts[0]) && parts.size() > 1 ? 1 : 0;
    if (Label label = labelWord(parts[first]); label != Label::None) {
        rest = join(parts, first + 1, parts.size());
        while (!rest.empty() && (rest.front() == ':' || rest.front() == ' ')) rest.erase(0, 1);
        if (atStart) *atStart = true;
        return label;
    }
    if (Label label = labelWord(parts.back()); label != Label::None && parts.size() > 1) {
        rest = join(parts, first, parts.size() - 1);
        if (atStart) *atStart = false;
        return label;
    }
    return Label::None;
}

void consume(Recognition& r, FrontPara& para, const std::string& field) {
    if (para.done) return;
    para.done = true;
    for (const Para& line : para.lines) r.meta(line, field);
}

bool standsAlone(const std::string& text) {
    if (!peopleNamed(text).empty() || kindNamedBy(text) || editionIn(text) > 0 ||
        copyNumberIn(text))
        return true;
    std::string t = lower(text);
    if (t.find("орнына") != std::string::npos || t.find("взамен") != std::string::npos) return true;
    if (auto code = findCode(text); code && wordCount(text) <= wordCount(code->code) + 1)
        return true;
    return datesCover(text, findDates(text));
}

bool readLineFacts(Recognition& r, FrontPara& para) {
    Meta& meta = r.document.meta;
    std::vector<std::string> fields;
    std::string text = para.text;
    std::string after;
    if (readReplaces(r, text, after)) {
        fields.push_back("replaces");
        text = after;
    }
    if (readReview(r, text)) fields.push_back("review");
    if (int edition = editionIn(text); edition > 0 && meta.edition == 0) {
        meta.edition = edition;
        fields.push_back("edition");
    }
    if (auto copy = copyNumberIn(text)) {
        meta.copyNumber = *copy;
        fields.push_back("copyNumber");
    }
    if (auto code = findCode(text)) {
        std::string others =
            std::string(text.substr(0, code->start)) + " " + text.substr(code->end);
        if (wordCount(others) <= 1 && fields.empty()) {
            if (meta.code.empty()) {
                meta.code = code->code;
                fields.push_back("code");
            } else if (meta.code == code->code) {
                // The code again, alone: the running header of the next page.
                para.done = true;
                for (const Para& line : para.lines) r.drop(line, "running-header");
                return true;
            }
        }
    }
    if (fields.empty()) {
        if (auto kind = kindNamedBy(text); kind && meta.kind.empty()) {
            meta.kind = *kind;
            std::string title = collapseSpaces(text);
            while (!title.empty() && (title.back() == '.' || title.back() == ':')) title.pop_back();
            meta.kindTitle = isAllUpper(title) ? sentenceCase(title) : title;
            fields.push_back("kind");
        }
    }
    if (fields.empty()) {
        std::string organisation = organisationIn(text);
        if (!organisation.empty() && organisation.size() * 10 >= trim(text).size() * 6) {
            setOrganisation(r, organisation);
            fields.push_back("organisation");
        }
    }
    if (fields.empty()) return false;
    std::string joined;
    for (const std::string& field : fields) joined += (joined.empty() ? "" : ",") + field;
    consume(r, para, joined);
    return true;
}

}  // namespace nusqa::import
