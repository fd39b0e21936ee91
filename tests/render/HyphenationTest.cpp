// Hyphenation (render/detail/Hyphenator.h): the Kazakh patterns against a
// hand-written list of words with their break points and, on the whole
// vocabulary of the corpus, against the syllable rules coded here a second
// time; Debian's Russian patterns against a Russian list; no break points in
// codes, numbers, abbreviations, Latin, or next to a hyphen.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "domain/Utf8.h"
#include "render/detail/Fonts.h"
#include "render/detail/Hyphenator.h"
#include "support/TestSupport.h"

using namespace nusqa;
using namespace nusqa::render;
namespace fs = std::filesystem;

namespace {

struct Marked {
    std::u32string word;
    std::set<std::size_t> points;
};

// "құ-жат" -> құжат with a point at 2.
Marked unmark(const std::u32string& marked) {
    Marked result;
    for (char32_t c : marked) {
        if (c == U'-')
            result.points.insert(result.word.size());
        else
            result.word += c;
    }
    return result;
}

std::vector<Marked> wordList(const std::string& name) {
    std::ifstream in(test::sourceDir() / "tests" / "fixtures" / "hyphenation" / name);
    BOOST_TEST_REQUIRE(in.good(), name);
    std::vector<Marked> words;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') words.push_back(unmark(decodeUtf8(line)));
    return words;
}

std::string marked(const std::u32string& word, const std::vector<std::size_t>& points) {
    std::u32string text;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (std::find(points.begin(), points.end(), i) != points.end()) text += U'-';
        text += word[i];
    }
    return encodeUtf8(text);
}

struct Score {
    std::size_t found = 0, wrong = 0, missed = 0;
    std::string mismatches;
};

Score score(const Hyphenator& hyphenator, const std::vector<Marked>& words) {
    Score result;
    for (const Marked& entry : words) {
        std::vector<std::size_t> points = hyphenator.points(entry.word);
        std::set<std::size_t> got(points.begin(), points.end());
        bool same = got == entry.points;
        for (std::size_t p : got) (entry.points.count(p) ? result.found : result.wrong)++;
        for (std::size_t p : entry.points) result.missed += got.count(p) ? 0 : 1;
        if (!same)
            result.mismatches +=
                marked(entry.word, points) +
                " (list: " + marked(entry.word, {entry.points.begin(), entry.points.end()}) + ") ";
    }
    return result;
}

// The Kazakh syllable rules once more, written directly: syllable nuclei are
// the vowels («у» after a vowel is a consonant); between two nuclei the
// break falls before the last consonant (a soft or hard sign stays with the
// consonant before it), or between the vowels when there is none; no
// break within two letters of either end.
std::vector<std::size_t> kazakhSyllables(const std::u32string& word) {
    auto vowel = [&](std::size_t i) {
        char32_t c = word[i];
        if (c == U'у' && i > 0 && isVowel(word[i - 1])) return false;
        return isVowel(c);
    };
    std::vector<std::size_t> points;
    std::size_t previous = word.size();
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (!vowel(i)) continue;
        if (previous != word.size()) {
            std::size_t at = i;
            if (at > previous + 1) {
                at = i - 1;
                if ((word[at] == U'ь' || word[at] == U'ъ') && at > previous + 1) --at;
            }
            if (at >= 2 && word.size() - at >= 2) points.push_back(at);
        }
        previous = i;
    }
    return points;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hyphenation)

BOOST_AUTO_TEST_CASE(kazakh_words_break_exactly_where_the_orthography_allows) {
    std::vector<Marked> words = wordList("kk.txt");
    BOOST_TEST_REQUIRE(words.size() >= 80u);
    Score result = score(Hyphenator::forLanguage(Language::Kazakh), words);
    BOOST_TEST_MESSAGE("kk: " << words.size() << " words, " << result.found << " points right, "
                              << result.wrong << " wrong, " << result.missed << " missed");
    BOOST_TEST(result.wrong == 0u, result.mismatches);
    BOOST_TEST(result.missed == 0u, result.mismatches);
}

BOOST_AUTO_TEST_CASE(russian_words_break_only_at_dictionary_points) {
    std::vector<Marked> words = wordList("ru.txt");
    BOOST_TEST_REQUIRE(words.size() >= 50u);
    Score result = score(Hyphenator::forLanguage(Language::Russian), words);
    BOOST_TEST_MESSAGE("ru: " << words.size() << " words, " << result.found << " points right, "
                              << result.wrong << " wrong, " << result.missed
                              << " missed: " << result.mismatches);
    // Debian's patterns (hyphen-ru, 2003) find fewer points than a
    // dictionary lists; those they find must be right.
    BOOST_TEST(result.wrong == 0u, result.mismatches);
    BOOST_TEST(result.found * 2 >= result.found + result.missed, "fewer than half the points");
}

BOOST_AUTO_TEST_CASE(no_points_in_codes_numbers_abbreviations_latin_or_next_to_a_hyphen) {
    const Hyphenator& kk = Hyphenator::forLanguage(Language::Kazakh);
    for (const char* word :
         {"ҚазҰТЗУ", "СМЖ", "ҚП-082-2022", "2023", "12.03.2024", "ISO", "Microsoft", "ЖН-КRU-03",
          "КRUдағы", "т.б.", "ҚазҰТЗУ-дың", "607-45", "1.1.", "ДОКУМЕНТ"})
        BOOST_TEST(kk.points(decodeUtf8(word)).empty(), word);
    // Parts of a hyphenated word keep two letters next to the hyphen.
    BOOST_TEST(marked(U"іс-шаралар", kk.points(U"іс-шаралар")) == "іс-ша-ра-лар");
    BOOST_TEST(marked(U"ақпараттық-әдістемелік", kk.points(U"ақпараттық-әдістемелік")) ==
               "ақ-па-рат-тық-әдіс-те-ме-лік");
    // Punctuation around a word is not a letter; a capital first letter is fine.
    BOOST_TEST(marked(U"«Қорды", kk.points(U"«Қорды")) == "«Қор-ды");
    BOOST_TEST(marked(U"құжаттар.", kk.points(U"құжаттар.")) == "құ-жат-тар.");
    // The edition's language selects the patterns: no Kazakh letters in Russian ones.
    const Hyphenator& ru = Hyphenator::forLanguage(Language::Russian);
    BOOST_TEST(ru.points(U"құжаттар").empty());
    BOOST_TEST(!ru.points(U"положение").empty());
}

BOOST_AUTO_TEST_CASE(kazakh_patterns_agree_with_the_syllable_rules_on_the_corpus_vocabulary) {
    std::set<std::u32string> vocabulary;
    for (const auto& entry :
         fs::directory_iterator(test::sourceDir() / "tests" / "fixtures" / "corpus")) {
        std::ifstream in(entry.path());
        std::string token;
        while (in >> token) {
            std::u32string word;
            for (char32_t c : decodeUtf8(token)) {
                if (c >= 0x400 && c <= 0x4FF) {
                    word += toLower(c);
                } else if (!word.empty()) {
                    if (word.size() >= 4) vocabulary.insert(word);
                    word.clear();
                }
            }
            if (word.size() >= 4) vocabulary.insert(word);
        }
    }
    BOOST_TEST_REQUIRE(vocabulary.size() > 2000u);
    const Hyphenator& kk = Hyphenator::forLanguage(Language::Kazakh);
    std::size_t disagreements = 0;
    std::size_t points = 0;
    std::size_t hyphenatable = 0;
    std::string examples;
    for (const std::u32string& word : vocabulary) {
        std::vector<std::size_t> got = kk.points(word);
        std::vector<std::size_t> want = kazakhSyllables(word);
        points += got.size();
        hyphenatable += got.empty() ? 0 : 1;
        if (got != want) {
            if (++disagreements <= 20)
                examples += marked(word, got) + " / " + marked(word, want) + " ";
        }
    }
    BOOST_TEST_MESSAGE("corpus vocabulary: " << vocabulary.size() << " words, " << hyphenatable
                                             << " with break points, " << points << " points, "
                                             << disagreements << " disagreements");
    BOOST_TEST(disagreements == 0u, examples);
    BOOST_TEST(hyphenatable * 10 >= vocabulary.size() * 8);
}

BOOST_AUTO_TEST_SUITE_END()
