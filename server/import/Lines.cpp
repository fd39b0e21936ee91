#include "import/detail/Lines.h"

#include <array>

#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

// Offset of the first non-space code point at or after at.
std::size_t skipSpaces(std::string_view text, std::size_t at) {
    while (at < text.size()) {
        std::size_t next = at;
        char32_t c = decodeAt(text, next);
        if (!isSpace(c)) break;
        at = next;
    }
    return at;
}

// Reads 1..maxDigits ASCII digits; 0 digits read when there are none or more.
std::size_t readNumber(std::string_view text, std::size_t at, int& value, std::size_t maxDigits) {
    std::size_t i = at;
    value = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - at <= maxDigits) {
        value = value * 10 + (text[i] - '0');
        ++i;
    }
    std::size_t digits = i - at;
    if (digits == 0 || digits > maxDigits) return 0;
    return digits;
}

bool atWordEnd(std::string_view text, std::size_t at) {
    if (at >= text.size()) return true;
    std::size_t probe = at;
    return !isWordChar(decodeAt(text, probe));
}

// A keyword (case-insensitive) at `at`, followed by a non-letter.
bool keywordAt(std::string_view text, std::size_t at, std::string_view keyword, std::size_t& end) {
    std::string_view tail = text.substr(at);
    std::size_t take = 0, chars = 0, want = 0;
    for (std::size_t k = 0; k < keyword.size();) {
        decodeAt(keyword, k);
        ++want;
    }
    while (take < tail.size() && chars < want) {
        decodeAt(tail, take);
        ++chars;
    }
    if (chars < want || lower(tail.substr(0, take)) != lower(keyword)) return false;
    end = at + take;
    return atWordEnd(text, end);
}

constexpr std::array<std::string_view, 4> kChapterWords{"тарау", "глава", "раздел", "бөлім"};

// Spaces and an optional '.' or ':' after a label.
std::size_t afterLabel(std::string_view text, std::size_t at, bool& dot) {
    if (at < text.size() && (text[at] == '.' || text[at] == ':')) {
        dot = true;
        ++at;
    }
    return at;
}

LineInfo finish(std::string_view text, std::size_t start, std::size_t labelEnd, LineInfo info) {
    info.num = std::string(trim(text.substr(start, labelEnd - start)));
    info.rest = skipSpaces(text, labelEnd);
    info.numberOnly = trim(text.substr(info.rest)).empty();
    return info;
}

bool chapterOrParagraph(std::string_view text, std::size_t start, LineInfo& info) {
    // "1 тарау.", "1-тарау", "1 бөлім"
    int number = 0;
    if (std::size_t digits = readNumber(text, start, number, 3)) {
        std::size_t at = start + digits;
        if (at < text.size() && text[at] == '-') ++at;
        at = skipSpaces(text, at);
        for (std::string_view word : kChapterWords) {
            std::size_t end = 0;
            if (!keywordAt(text, at, word, end)) continue;
            LineInfo found{LineKind::Chapter, {}, {number}, false, 0, false};
            end = afterLabel(text, end, found.dot);
            info = finish(text, start, end, found);
            return true;
        }
        return false;
    }
    // "Глава 1.", "Параграф 2.", "§ 3"
    auto numberedKeyword = [&](std::string_view word, LineKind kind) {
        std::size_t end = 0;
        if (!keywordAt(text, start, word, end)) return false;
        std::size_t at = skipSpaces(text, end);
        std::size_t digits = readNumber(text, at, number, 3);
        if (digits == 0) return false;
        LineInfo found{kind, {}, {number}, false, 0, false};
        end = afterLabel(text, at + digits, found.dot);
        info = finish(text, start, end, found);
        return true;
    };
    for (std::string_view word : kChapterWords)
        if (numberedKeyword(word, LineKind::Chapter)) return true;
    if (numberedKeyword("параграф", LineKind::Paragraph)) return true;
    if (text.substr(start).starts_with("§")) {
        std::size_t at = skipSpaces(text, start + std::string_view("§").size());
        std::size_t digits = readNumber(text, at, number, 3);
        if (digits == 0) return false;
        LineInfo found{LineKind::Paragraph, {}, {number}, false, 0, false};
        info = finish(text, start, afterLabel(text, at + digits, found.dot), found);
        return true;
    }
    return false;
}

bool numbered(std::string_view text, std::size_t start, LineInfo& info) {
    std::vector<int> numbers;
    std::size_t at = start;
    bool dot = false;
    while (true) {
        int value = 0;
        std::size_t digits = readNumber(text, at, value, 3);
        if (digits == 0) return false;
        numbers.push_back(value);
        at += digits;
        if (at < text.size() && text[at] == '.' && at + 1 < text.size() && text[at + 1] >= '0' &&
            text[at + 1] <= '9') {
            ++at;
            continue;
        }
        break;
    }
    if (at < text.size() && text[at] >= '0' && text[at] <= '9') return false;  // 4+ digits
    LineKind kind = LineKind::Numbered;
    if (at < text.size() && text[at] == ')') {
        if (numbers.size() != 1) return false;
        kind = LineKind::Item;
        ++at;
    } else if (at < text.size() && text[at] == '.') {
        dot = true;
        ++at;
    }
    // The label must end here: a space, the end, or (after a dot) a letter
    // glued on as in "8.Бағдарламалық".
    if (at < text.size()) {
        std::size_t probe = at;
        char32_t next = decodeAt(text, probe);
        bool spaced = isSpace(next);
        if (!spaced && !(dot && isLetter(next) && numbers.size() == 1)) return false;
    }
    info = finish(text, start, at, LineInfo{kind, {}, numbers, dot, 0, false});
    return true;
}

bool letterItem(std::string_view text, std::size_t start, LineInfo& info) {
    std::size_t at = start;
    char32_t letter = decodeAt(text, at);
    if (!isLower(letter) || at >= text.size() || text[at] != ')') return false;
    ++at;
    if (at < text.size()) {
        std::size_t probe = at;
        if (!isSpace(decodeAt(text, probe))) return false;
    }
    info = finish(text, start, at, LineInfo{LineKind::LetterItem, {}, {}, false, 0, false});
    return true;
}

bool bullet(std::string_view text, std::size_t start, LineInfo& info) {
    static constexpr std::array<char32_t, 14> kBullets{U'-', U'·', U'•', U'−', U'–', U'—', U'*',
                                                       U'▪', U'●', U'○', U'◦', U'■', U'□', U'➢'};
    std::size_t at = start;
    char32_t c = decodeAt(text, at);
    bool known = false;
    for (char32_t b : kBullets) known = known || b == c;
    if (!known) return false;
    std::size_t probe = at;
    if (at < text.size() && !isSpace(decodeAt(text, probe))) return false;
    info = finish(text, start, at, LineInfo{LineKind::Bullet, {}, {}, false, 0, false});
    return !info.numberOnly;
}

}  // namespace

LineInfo classifyLine(std::string_view text) {
    LineInfo info;
    std::size_t start = skipSpaces(text, 0);
    if (trim(text).empty()) {
        info.kind = LineKind::Blank;
        return info;
    }
    if (chapterOrParagraph(text, start, info)) return info;
    if (numbered(text, start, info)) return info;
    if (letterItem(text, start, info)) return info;
    if (bullet(text, start, info)) return info;
    info = LineInfo{};
    info.rest = start;
    return info;
}

std::string numberKey(const std::vector<int>& numbers) {
    std::string key;
    for (int n : numbers) {
        if (!key.empty()) key += '_';
        key += std::to_string(n);
    }
    return key;
}

}  // namespace nusqa::import
