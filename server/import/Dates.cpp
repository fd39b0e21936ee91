// Dates as quality-management documents print them (see detail/Patterns.h):
// a small scanner of numbers, words and quotes, and the shapes it accepts.
#include <array>
#include <cstdio>
#include <utility>

#include "import/detail/Patterns.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

std::size_t dateDigitsAt(std::string_view text, std::size_t offset) {
    std::size_t i = offset;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - offset;
}

char32_t codePointAt(std::string_view text, std::size_t offset) {
    if (offset >= text.size()) return 0;
    return decodeAt(text, offset);
}

std::size_t nextCodePoint(std::string_view text, std::size_t offset) {
    decodeAt(text, offset);
    return offset;
}

constexpr std::array<std::pair<std::string_view, int>, 24> kMonths{{
    {"қаңтар", 1},  {"ақпан", 2},      {"наурыз", 3}, {"сәуір", 4},    {"мамыр", 5},
    {"маусым", 6},  {"шілде", 7},      {"тамыз", 8},  {"қыркүйек", 9}, {"қазан", 10},
    {"қараша", 11}, {"желтоқсан", 12}, {"январ", 1},  {"феврал", 2},   {"март", 3},
    {"апрел", 4},   {"мая", 5},        {"июн", 6},    {"июл", 7},      {"август", 8},
    {"сентябр", 9}, {"октябр", 10},    {"ноябр", 11}, {"декабр", 12},
}};

// Tokens of a date scanner.
struct Token {
    enum Kind { Number, Word, Quote, Dot, Other } kind = Other;
    int value = 0;
    std::size_t digits = 0;
    std::string word;  // lower case
    std::size_t start = 0, end = 0;
};

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        char32_t c = decodeAt(text, i);
        if (isSpace(c)) continue;
        Token token;
        token.start = start;
        if (isDigit(c)) {
            std::size_t n = dateDigitsAt(text, start);
            token.kind = Token::Number;
            token.digits = n;
            for (std::size_t k = 0; k < n && k < 9; ++k)
                token.value = token.value * 10 + (text[start + k] - '0');
            i = start + n;
        } else if (isLetter(c)) {
            while (i < text.size() && isLetter(codePointAt(text, i))) i = nextCodePoint(text, i);
            token.kind = Token::Word;
            token.word = lower(text.substr(start, i - start));
        } else if (c == U'«' || c == U'»' || c == '"' || c == U'“' || c == U'”') {
            token.kind = Token::Quote;
        } else if (c == '.') {
            token.kind = Token::Dot;
        }
        token.end = i;
        tokens.push_back(std::move(token));
    }
    return tokens;
}

int monthOf(const Token& token) {
    if (token.kind == Token::Number)
        return token.digits <= 2 && token.value >= 1 && token.value <= 12 ? token.value : 0;
    if (token.kind != Token::Word) return 0;
    for (auto [stem, month] : kMonths)
        if (token.word.starts_with(stem)) return month;
    if (token.word == "май") return 5;
    return 0;
}

bool isYear(const Token& token) {
    return token.kind == Token::Number && token.digits == 4 && token.value >= 1900 &&
           token.value <= 2100;
}
bool isDay(const Token& token) {
    return token.kind == Token::Number && token.digits <= 2 && token.value >= 1 &&
           token.value <= 31;
}
bool isYearWord(const Token& token) {
    return token.kind == Token::Word &&
           (token.word == "ж" || token.word == "жыл" || token.word == "жылғы" ||
            token.word == "г" || token.word == "года" || token.word == "год" ||
            token.word.starts_with("жылы"));
}

// A quoted day «dd» / « dd » at tokens[i]; the index after it, or 0.
std::size_t quotedDay(const std::vector<Token>& t, std::size_t i, int& day) {
    if (i + 2 < t.size() && t[i].kind == Token::Quote && isDay(t[i + 1]) &&
        t[i + 2].kind == Token::Quote) {
        day = t[i + 1].value;
        return i + 3;
    }
    return 0;
}

}  // namespace

std::string isoDate(int year, int month, int day) {
    if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return {};
    static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > kDays[static_cast<std::size_t>(month - 1)] || (month == 2 && day == 29 && !leap))
        return {};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

std::vector<DateMatch> findDates(std::string_view text) {
    std::vector<Token> t = tokenize(text);
    std::vector<DateMatch> found;
    auto adjacent = [&](std::size_t a, std::size_t b) { return t[a].end == t[b].start; };
    for (std::size_t i = 0; i < t.size();) {
        DateMatch match;
        std::size_t after = 0;
        int day = 0;
        // dd.mm.yyyy
        if (i + 4 < t.size() && isDay(t[i]) && t[i + 1].kind == Token::Dot &&
            t[i + 2].kind == Token::Number && t[i + 3].kind == Token::Dot && isYear(t[i + 4]) &&
            adjacent(i, i + 1) && adjacent(i + 1, i + 2) && adjacent(i + 2, i + 3) &&
            adjacent(i + 3, i + 4) && monthOf(t[i + 2]) > 0) {
            match = {t[i].value, monthOf(t[i + 2]), t[i + 4].value, 0, 0};
            after = i + 5;
        } else if (isYear(t[i]) && i + 1 < t.size() && t[i + 1].kind == Token::Word &&
                   t[i + 1].word == "жылғы") {
            // yyyy жылғы «dd» mm | yyyy жылғы dd month-name
            std::size_t j = i + 2;
            if (std::size_t q = quotedDay(t, j, day))
                j = q;
            else if (j < t.size() && isDay(t[j]))
                day = t[j++].value;
            if (day > 0 && j < t.size() && monthOf(t[j]) > 0) {
                match = {day, monthOf(t[j]), t[i].value, 0, 0};
                after = j + 1;
            } else {
                match = {0, 0, t[i].value, 0, 0};
                after = i + 2;
            }
        } else if (std::size_t q = quotedDay(t, i, day)) {
            // «dd» [month] [yyyy]
            match.day = day;
            std::size_t j = q;
            if (j < t.size() && monthOf(t[j]) > 0) match.month = monthOf(t[j++]);
            if (j < t.size() && isYear(t[j])) match.year = t[j++].value;
            after = j;
        } else if (isDay(t[i]) && i + 2 < t.size() && t[i + 1].kind == Token::Word &&
                   monthOf(t[i + 1]) > 0 && isYear(t[i + 2])) {
            match = {t[i].value, monthOf(t[i + 1]), t[i + 2].value, 0, 0};
            after = i + 3;
        } else if (isYear(t[i]) && i + 1 < t.size() && isYearWord(t[i + 1])) {
            match = {0, 0, t[i].value, 0, 0};
            after = i + 1;
        }
        if (after == 0) {
            ++i;
            continue;
        }
        // A trailing "ж." / "г." belongs to the date.
        if (after < t.size() && isYearWord(t[after]) && t[after].word != "жылғы") {
            ++after;
            if (after < t.size() && t[after].kind == Token::Dot && adjacent(after - 1, after))
                ++after;
        }
        match.start = t[i].start;
        match.end = t[after - 1].end;
        found.push_back(match);
        i = after;
    }
    return found;
}

}  // namespace nusqa::import
