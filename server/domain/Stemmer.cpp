#include "domain/Stemmer.h"

#include <algorithm>
#include <initializer_list>

namespace nusqa::search {
namespace {

bool isCyrillic(char32_t c) {
    return c >= 0x0400 && c <= 0x052F;
}

bool endsWith(std::u32string_view word, std::u32string_view suffix) {
    return word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
}

// ---- Russian (Snowball) ----

bool isRussianVowel(char32_t c) {
    return std::u32string_view(U"аеиоуыэюя").find(c) != std::u32string_view::npos;
}

// The length of the longest suffix of the list that ends the word inside
// the region starting at regionStart; with afterAYa the letter before it
// must be а or я (itself inside the region). 0 when none.
std::size_t longestEnding(std::u32string_view word, std::size_t regionStart,
                          std::initializer_list<std::u32string_view> endings,
                          bool afterAYa = false) {
    std::size_t best = 0;
    for (std::u32string_view ending : endings) {
        if (ending.size() <= best || !endsWith(word, ending)) continue;
        std::size_t start = word.size() - ending.size();
        if (start < regionStart) continue;
        if (afterAYa) {
            if (start == 0 || start - 1 < regionStart) continue;
            char32_t before = word[start - 1];
            if (before != U'а' && before != U'я') continue;
        }
        best = ending.size();
    }
    return best;
}

// Removes the longest of the two groups' endings (group 1 after а/я).
bool removeGrouped(std::u32string& word, std::size_t rv,
                   std::initializer_list<std::u32string_view> group1,
                   std::initializer_list<std::u32string_view> group2) {
    std::size_t length =
        std::max(longestEnding(word, rv, group1, true), longestEnding(word, rv, group2));
    if (length == 0) return false;
    word.resize(word.size() - length);
    return true;
}

bool removeEnding(std::u32string& word, std::size_t region,
                  std::initializer_list<std::u32string_view> endings) {
    std::size_t length = longestEnding(word, region, endings);
    if (length == 0) return false;
    word.resize(word.size() - length);
    return true;
}

const std::initializer_list<std::u32string_view> kAdjective = {
    U"ее", U"ие",  U"ые",  U"ое",  U"ими", U"ыми", U"ей", U"ий", U"ый", U"ой", U"ем", U"им", U"ым",
    U"ом", U"его", U"ого", U"ему", U"ому", U"их",  U"ых", U"ую", U"юю", U"ая", U"яя", U"ою", U"ею"};

// Adjectival: an adjective ending, possibly after a participle ending.
bool removeAdjectival(std::u32string& word, std::size_t rv) {
    if (!removeEnding(word, rv, kAdjective)) return false;
    (void)removeGrouped(word, rv, {U"ем", U"нн", U"вш", U"ющ", U"щ"}, {U"ивш", U"ывш", U"ующ"});
    return true;
}

// ---- Kazakh ----

bool isKazakhVowel(char32_t c) {
    return std::u32string_view(U"аәеиоөұүыіуэюя").find(c) != std::u32string_view::npos;
}

// Strips the longest suffix of the list that leaves at least minimumStem
// letters; one- and two-letter suffixes need three letters left. Returns
// the suffix stripped (empty when none).
std::u32string stripLayer(std::u32string& word, std::initializer_list<std::u32string_view> suffixes,
                          std::size_t minimumStem = 2) {
    std::u32string_view best;
    for (std::u32string_view suffix : suffixes) {
        if (suffix.size() <= best.size() || !endsWith(word, suffix)) continue;
        std::size_t left = word.size() - suffix.size();
        if (left < minimumStem || (suffix.size() <= 2 && left < 3)) continue;
        best = suffix;
    }
    std::u32string stripped(best);
    word.resize(word.size() - best.size());
    return stripped;
}

const std::initializer_list<std::u32string_view> kKazakhCase = {
    // genitive
    U"ның", U"нің", U"дың", U"дің", U"тың", U"тің",
    // dative
    U"ға", U"ге", U"қа", U"ке", U"на", U"не",
    // accusative after a vowel; after a consonant (-ды, -ті, ...) it reads
    // like a possessive -ы/-і after д or т (менеджмент-і): that reading wins,
    // the query adds the other (SearchText.cpp: readingsOf)
    U"ны", U"ні",
    // locative, and the attributive locative
    U"да", U"де", U"та", U"те", U"нда", U"нде", U"дағы", U"дегі", U"тағы", U"тегі", U"ндағы",
    U"ндегі",
    // ablative
    U"дан", U"ден", U"тан", U"тен", U"нан", U"нен",
    // instrumental
    U"мен", U"бен", U"пен", U"менен", U"бенен", U"пенен", U"ымен", U"імен"};

const std::initializer_list<std::u32string_view> kKazakhPossessive = {
    U"ымыз", U"іміз", U"мыз", U"міз", U"ыңыз", U"іңіз", U"ңыз", U"ңіз", U"ым",
    U"ім",   U"ың",   U"ің",  U"сы",  U"сі",   U"ы",    U"і",   U"сын", U"сін"};

const std::initializer_list<std::u32string_view> kKazakhPlural = {U"лар", U"лер", U"дар",
                                                                  U"дер", U"тар", U"тер"};

}  // namespace

char32_t foldLetter(char32_t c) {
    if (c < 0x80) return (c >= U'A' && c <= U'Z') ? c + 0x20 : c;
    if (c >= 0x00C0 && c <= 0x00DE && c != 0x00D7) return c + 0x20;
    if (c >= 0x0100 && c <= 0x017F) return (c % 2 == 0 && c != 0x0130) ? c + 1 : c;
    if (c >= 0x0391 && c <= 0x03AB && c != 0x03A2) return c + 0x20;
    if (c >= 0x0410 && c <= 0x042F)
        c += 0x20;
    else if (c >= 0x0400 && c <= 0x040F)
        c += 0x50;
    else if ((c >= 0x0460 && c <= 0x0481) || (c >= 0x048A && c <= 0x04BF) ||
             (c >= 0x04D0 && c <= 0x052F))
        c = (c % 2 == 0) ? c + 1 : c;
    else if (c >= 0x04C1 && c <= 0x04CE)
        c = (c % 2 == 1) ? c + 1 : c;
    else if (c == 0x04C0)
        c = 0x04CF;
    return c == U'ё' ? U'е' : c;
}

bool isWordCharacter(char32_t c) {
    if (c < 0x80)
        return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
    return (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7) ||
           (c >= 0x0386 && c <= 0x03FF) || (c >= 0x0400 && c <= 0x0482) ||
           (c >= 0x048A && c <= 0x052F);
}

bool hasKazakhLetter(std::u32string_view word) {
    return std::any_of(word.begin(), word.end(), [](char32_t c) {
        return std::u32string_view(U"әғқңөұүһіӘҒҚҢӨҰҮҺІ").find(c) != std::u32string_view::npos;
    });
}

std::u32string stemRussian(std::u32string_view input) {
    std::u32string word(input);
    // RV: after the first vowel; R1: after the first non-vowel that follows
    // a vowel; R2: the same again inside R1.
    std::size_t rv = word.size();
    for (std::size_t i = 0; i < word.size(); ++i)
        if (isRussianVowel(word[i])) {
            rv = i + 1;
            break;
        }
    auto regionAfter = [&](std::size_t from) {
        for (std::size_t i = from + 1; i < word.size(); ++i)
            if (!isRussianVowel(word[i]) && isRussianVowel(word[i - 1])) return i + 1;
        return word.size();
    };
    std::size_t r1 = regionAfter(0);
    std::size_t r2 = r1 < word.size() ? regionAfter(r1) : word.size();
    if (rv >= word.size()) return word;

    // Step 1.
    if (!removeGrouped(word, rv, {U"в", U"вши", U"вшись"},
                       {U"ив", U"ивши", U"ившись", U"ыв", U"ывши", U"ывшись"})) {
        (void)removeEnding(word, rv, {U"ся", U"сь"});
        if (!removeAdjectival(word, rv) &&
            !removeGrouped(
                word, rv,
                {U"ла", U"на", U"ете", U"йте", U"ли", U"й", U"л", U"ем", U"н", U"ло", U"но", U"ет",
                 U"ют", U"ны", U"ть", U"ешь", U"нно"},
                {U"ила", U"ыла", U"ена", U"ейте", U"уйте", U"ите", U"или", U"ыли", U"ей", U"уй",
                 U"ил",  U"ыл",  U"им",  U"ым",   U"ен",   U"ило", U"ыло", U"ено", U"ят", U"ует",
                 U"уют", U"ит",  U"ыт",  U"ены",  U"ить",  U"ыть", U"ишь", U"ую",  U"ю"}))
            (void)removeEnding(word, rv,
                               {U"а",  U"ев",  U"ов", U"ие",  U"ье", U"е",  U"иями", U"ями", U"ами",
                                U"еи", U"ии",  U"и",  U"ией", U"ей", U"ой", U"ий",   U"й",   U"иям",
                                U"ям", U"ием", U"ем", U"ам",  U"ом", U"о",  U"у",    U"ах",  U"иях",
                                U"ях", U"ы",   U"ь",  U"ию",  U"ью", U"ю",  U"ия",   U"ья",  U"я"});
    }
    // Step 2.
    (void)removeEnding(word, rv, {U"и"});
    // Step 3.
    (void)removeEnding(word, std::max(rv, r2), {U"ость", U"ост"});
    // Step 4.
    if (endsWith(word, U"нн") && word.size() - 2 >= rv) {
        word.pop_back();
    } else if (removeEnding(word, rv, {U"ейше", U"ейш"})) {
        if (endsWith(word, U"нн") && word.size() - 2 >= rv) word.pop_back();
    } else {
        (void)removeEnding(word, rv, {U"ь"});
    }
    return word;
}

std::u32string stemKazakh(std::u32string_view input) {
    std::u32string word(input);
    // The layers in the reverse of their order in the word: root, plural,
    // possessive, case.
    std::u32string last = stripLayer(word, kKazakhCase);
    std::u32string possessive = stripLayer(word, kKazakhPossessive);
    if (!possessive.empty()) last = possessive;
    std::u32string plural = stripLayer(word, kKazakhPlural);
    if (!plural.empty()) last = plural;
    // A final к, қ, п becomes г, ғ, б before a vowel: undo it.
    if (!last.empty() && isKazakhVowel(last.front()) && word.size() >= 3) {
        char32_t& end = word.back();
        if (end == U'ғ')
            end = U'қ';
        else if (end == U'г')
            end = U'к';
        else if (end == U'б')
            end = U'п';
    }
    return word;
}

std::u32string stemWord(std::u32string_view word, Language language) {
    if (std::none_of(word.begin(), word.end(), isCyrillic)) return std::u32string(word);
    if (hasKazakhLetter(word) || language == Language::Kazakh) return stemKazakh(word);
    return stemRussian(word);
}

}  // namespace nusqa::search
