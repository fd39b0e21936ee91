// Private to render: where a word may be hyphenated (broken at a line end
// with a hyphen drawn), in Kazakh and Russian, through libhyphen (Liang's
// patterns, as TeX and LibreOffice use them).
//
// Patterns, built into the binary: Kazakh from render/hyphen/hyph_kk_KZ.dic
// (derived from the syllable rules of Kazakh orthography, see the README
// there), Russian from Debian's hyphen-ru (hyph_ru_RU.dic, KOI8-R).
//
// Thread safety: forLanguage and points may run on any threads at once; a
// language's dictionary is loaded on its first use, once per process, and
// used under its own mutex (libhyphen does not promise re-entrancy).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "domain/Types.h"

namespace nusqa::render {

class Hyphenator {
public:
    // The hyphenator of the edition's language (never nullptr); it lives as
    // long as the process.
    static const Hyphenator& forLanguage(Language language);

    // Positions where word may break with a hyphen drawn, ascending: i means
    // between word[i - 1] and word[i]. word is text between spaces,
    // punctuation included. Never inside numbers or codes (a word with a
    // digit), abbreviations (two capitals or more, or a capital after the
    // first letter), words in Latin or mixing Latin with Cyrillic, or words
    // with other characters among their letters; never within two letters
    // of either end of the word or of a hyphen in it; both parts keep a
    // vowel. Words longer than 64 characters get none.
    std::vector<std::size_t> points(std::u32string_view word) const;

    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;

    struct Dictionary;

private:
    explicit Hyphenator(Dictionary& dictionary) : _dictionary(dictionary) {}

    Dictionary& _dictionary;
};

// Lower case of Cyrillic (incl. Kazakh letters) and Latin.
char32_t toLower(char32_t c);
bool isVowel(char32_t lowerCase);

}  // namespace nusqa::render
