// Stemmer: the light morphology of the full-text search — case folding and
// suffix stripping for Kazakh and Russian words, applied alike to the words
// indexed and to the words of a query, so that «нұсқаулықтың» and
// «нұсқаулық», «инструкции» and «инструкция» meet on one stem.
//
// Russian: the Snowball Russian algorithm (perfective gerund, reflexive,
// adjectival, verb and noun endings in RV; и; derivational in R2;
// superlative, нн and ь). Kazakh: the inflectional layers of the
// agglutinative word stripped from the end — case (genitive, dative,
// accusative, locative, ablative, instrumental), then possessive, then
// plural — in every vowel-harmony variant, leaving at least two letters,
// and the consonant softened before a vowel-initial suffix restored
// (нұсқаулығы -> нұсқаулық). The accusative after a consonant (-ды/-ді/
// -ты/-ті) is read as the possessive -ы/-і (менеджменті -> менеджмент, and so
// жұмысты -> жұмыст); a query word ending so is also looked up without it
// (SearchText.h). Derivational suffixes (-лық, -шы) are kept: they
// make other words. A word with one of the Kazakh letters ә ғ қ ң ө ұ ү һ і is
// always Kazakh. Latin words and numbers are only case-folded.
//
// Text is UTF-8 in and out; words are sequences of code points. Stateless,
// standard library only; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "domain/Types.h"

namespace nusqa::search {

// Lower case for Latin, Greek and Cyrillic (Kazakh letters included); ё -> е.
char32_t foldLetter(char32_t letter);
// Letters and digits of the scripts above: what a word is made of.
bool isWordCharacter(char32_t character);
// Whether the word has a letter found in Kazakh and not in Russian.
bool hasKazakhLetter(std::u32string_view word);

// The stem of one case-folded word.
std::u32string stemKazakh(std::u32string_view word);
std::u32string stemRussian(std::u32string_view word);
// The word's stem in the language of its text: Kazakh for a word with a
// Kazakh letter whatever the language, Latin words and numbers unchanged.
std::u32string stemWord(std::u32string_view word, Language language);

}  // namespace nusqa::search
