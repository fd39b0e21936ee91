// UTF-8 text helpers of the importer: validation with the byte offset of
// the first bad byte, decoding, and the letter classes and case mapping that
// Kazakh and Russian need (Latin, Latin-1, Cyrillic with the Kazakh letters
// Ә Ғ Қ Ң Ө Ұ Ү Һ І). Standard library only; no locale is consulted, so
// results do not depend on the environment.
//
// Preconditions: every function but invalidUtf8Offset expects valid UTF-8
// (the readers validate their input first); on invalid bytes they do not
// crash but treat each bad byte as U+FFFD.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Utf8.h"

namespace nusqa::import {

// The offset of the first byte that does not belong to a well-formed UTF-8
// sequence (overlong forms, surrogates and code points past U+10FFFF are
// not well-formed), or nullopt when all of bytes is valid.
std::optional<std::size_t> invalidUtf8Offset(std::string_view bytes);

// The code point starting at `at`; `at` moves past it. U+FFFD for a bad byte.
char32_t decodeAt(std::string_view text, std::size_t& at);
using nusqa::appendUtf8;  // domain/Utf8.h

bool isLetter(char32_t c);
bool isUpper(char32_t c);
bool isLower(char32_t c);
bool isDigit(char32_t c);  // ASCII digits only
// Spaces a document may hold between words: ASCII space, tab, no-break
// space, the other Unicode spaces (U+2000-U+200B, U+202F, U+205F, U+3000).
bool isSpace(char32_t c);
bool isWordChar(char32_t c);  // letter or digit

char32_t toLower(char32_t c);
char32_t toUpper(char32_t c);
std::string lower(std::string_view text);
std::string upper(std::string_view text);

// text without leading and trailing spaces (isSpace) and line breaks.
std::string_view trim(std::string_view text);
// Runs of spaces (isSpace) become one ASCII space; trimmed.
std::string collapseSpaces(std::string_view text);

// True when text has at least two letters and none of them is lower case.
bool isAllUpper(std::string_view text);
// The first letter upper case, all other letters lower case:
// "КОВОРКИНГ ОРТАЛЫҒЫ ТУРАЛЫ" -> "Коворкинг орталығы туралы".
std::string sentenceCase(std::string_view text);

// Maximal runs of letters and digits, in order (the words the word-for-word
// checks compare).
std::vector<std::string> words(std::string_view text);
std::size_t wordCount(std::string_view text);

// Case-insensitive tests (Latin and Cyrillic).
bool startsWithNoCase(std::string_view text, std::string_view prefix);
bool containsNoCase(std::string_view text, std::string_view needle);
bool equalsNoCase(std::string_view a, std::string_view b);

}  // namespace nusqa::import
