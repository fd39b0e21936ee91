// The word diff: whole tokens by code point, Kazakh and Russian word forms
// as different words, punctuation apart, white space folded.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "domain/ComparisonSupport.h"
#include "domain/WordDiff.h"

namespace nusqa::test {
namespace {

using namespace compare;

std::vector<std::string> texts(const std::vector<Token>& tokens, TokenKind kind) {
    std::vector<std::string> out;
    for (const Token& token : tokens)
        if (token.kind == kind) out.emplace_back(token.text);
    return out;
}

std::string joined(const std::vector<WordRun>& runs, RunKind kind) {
    std::string out;
    for (const WordRun& run : runs)
        if (run.kind == kind) out += run.text;
    return out;
}

// What the contract promises of every diff.
void checkRebuilds(const std::string& before, const std::string& after) {
    std::vector<WordRun> runs = diffWords(before, after);
    std::string rebuiltAfter;
    std::string rebuiltBefore;
    for (const WordRun& run : runs) {
        if (run.kind != RunKind::Deleted) rebuiltAfter += run.text;
        if (run.kind != RunKind::Inserted) rebuiltBefore += run.text;
    }
    BOOST_TEST(rebuiltAfter == after);
    BOOST_TEST(sameWords(rebuiltBefore, before), "«" << rebuiltBefore << "» vs «" << before << "»");
    for (std::size_t k = 1; k < runs.size(); ++k) BOOST_TEST((runs[k].kind != runs[k - 1].kind));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(word_diff)

BOOST_AUTO_TEST_CASE(kazakh_words_are_whole_tokens_with_every_kazakh_letter) {
    std::string text =
        "Әр түрлі іс-шараларды ұйымдастыру, өңірлік ғылыми құжаттар үшін: һ әріпі; Ёлка.";
    std::vector<Token> tokens = tokenize(text);
    std::string rebuilt;
    for (const Token& token : tokens) rebuilt += token.text;
    BOOST_TEST(rebuilt == text);
    std::vector<std::string> expected{"Әр",          "түрлі",   "іс",     "шараларды",
                                      "ұйымдастыру", "өңірлік", "ғылыми", "құжаттар",
                                      "үшін",        "һ",       "әріпі",  "Ёлка"};
    BOOST_TEST(texts(tokens, TokenKind::Word) == expected, boost::test_tools::per_element());
    std::vector<std::string> punctuation{"-", ",", ":", ";", "."};
    BOOST_TEST(texts(tokens, TokenKind::Punctuation) == punctuation,
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(quotes_dashes_numbers_and_no_break_spaces) {
    std::vector<Token> tokens = tokenize("«Білім туралы» Заңы – 27.07.2007\u00a0ж. № 319");
    std::vector<std::string> words{"Білім", "туралы", "Заңы", "27", "07", "2007", "ж", "319"};
    BOOST_TEST(texts(tokens, TokenKind::Word) == words, boost::test_tools::per_element());
    std::vector<std::string> punctuation{"«", "»", "–", ".", ".", ".", "№"};
    BOOST_TEST(texts(tokens, TokenKind::Punctuation) == punctuation,
               boost::test_tools::per_element());
    std::vector<std::string> spaces = texts(tokens, TokenKind::Space);
    BOOST_TEST(spaces.size() == 7u);
    BOOST_TEST(spaces[4] == "\u00a0");
}

BOOST_AUTO_TEST_CASE(a_kazakh_word_form_is_another_word_not_a_suffix) {
    std::vector<WordRun> runs = diffWords("Осы ережесі бөлімге қолданылады.",
                                          "Осы ережесінің талаптары бөлімге қолданылады.");
    BOOST_TEST(marked(runs) == "Осы [-ережесі-]{+ережесінің талаптары+} бөлімге қолданылады.");
    checkRebuilds("Осы ережесі бөлімге қолданылады.",
                  "Осы ережесінің талаптары бөлімге қолданылады.");
}

BOOST_AUTO_TEST_CASE(a_russian_word_form_is_another_word) {
    std::vector<WordRun> runs = diffWords("Настоящее положение определяет порядок.",
                                          "Настоящее положения устанавливает порядок работы.");
    BOOST_TEST(marked(runs) ==
               "Настоящее [-положение определяет-]{+положения устанавливает+} порядок{+ работы+}.");
}

BOOST_AUTO_TEST_CASE(punctuation_is_compared_apart_from_the_word) {
    BOOST_TEST(marked(diffWords("ережесі.", "ережесі;")) == "ережесі[-.-]{+;+}");
    BOOST_TEST(marked(diffWords("«Парасат» орталығы", "\"Парасат\" орталығы")) ==
               "[-«-]{+\"+}Парасат[-»-]{+\"+} орталығы");
}

BOOST_AUTO_TEST_CASE(yo_capitals_and_kazakh_letters_are_exact_in_the_diff) {
    BOOST_TEST(marked(diffWords("ёлка", "елка")) == "[-ёлка-]{+елка+}");
    BOOST_TEST(marked(diffWords("Ереже", "ереже")) == "[-Ереже-]{+ереже+}");
    BOOST_TEST(marked(diffWords("қазақ", "казак")) == "[-қазақ-]{+казак+}");
    BOOST_TEST(marked(diffWords("і", "i")) == "[-і-]{+i+}");  // Kazakh і (U+0456) vs Latin i
}

BOOST_AUTO_TEST_CASE(case_folding_for_similarity) {
    BOOST_TEST(foldCase("ӘҒҚҢӨҰҮҺІЁ") == "әғқңөұүһіё");
    BOOST_TEST(foldCase("ПОЛОЖЕНИЕ о Кафедре ISO") == "положение о кафедре iso");
    std::vector<std::string> words{"ереже", "бекітілді", "2023"};
    BOOST_TEST(foldedWords("ЕРЕЖЕ бекітілді, 2023!") == words, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(white_space_runs_are_equal) {
    BOOST_TEST(sameWords("бір  екі", "бір екі"));
    BOOST_TEST(sameWords("бір\nекі", "бір\u00a0екі"));
    BOOST_TEST(!sameWords("бір екі", "бірекі"));
    BOOST_TEST(marked(diffWords("бір  екі", "бір екі")) == "бір екі");
}

BOOST_AUTO_TEST_CASE(space_between_changes_is_folded_into_one_replacement) {
    std::vector<WordRun> runs = diffWords("бір екі үш", "төрт бес алты");
    BOOST_TEST(runs.size() == 2u);
    BOOST_TEST(marked(runs) == "[-бір екі үш-]{+төрт бес алты+}");
}

BOOST_AUTO_TEST_CASE(insertions_deletions_and_empty_texts) {
    BOOST_TEST(marked(diffWords("", "жаңа мәтін")) == "{+жаңа мәтін+}");
    BOOST_TEST(marked(diffWords("ескі мәтін", "")) == "[-ескі мәтін-]");
    BOOST_TEST(diffWords("", "").empty());
    BOOST_TEST(marked(diffWords("a b c", "a c")) == "a [-b -]c");
    checkRebuilds(
        "Келушілер тазалықты сақтап, жұмыс орнын ретке келтіріп кету керек;",
        "Келушілер тазалықты сақтап, соңында қоқыс қалдырмай, жұмыс орнын ретке келтіруі тиіс.");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_bytes_are_kept_as_tokens) {
    std::string text = "аб\xff\xfe вг\xd0";
    std::string rebuilt;
    for (const Token& token : tokenize(text)) rebuilt += token.text;
    BOOST_TEST(rebuilt == text);
    checkRebuilds(text, "аб вг");
}

BOOST_AUTO_TEST_CASE(long_unrelated_texts_fall_back_to_one_replacement) {
    std::string before;
    std::string after;
    for (int k = 0; k < 4000; ++k) {
        before += "сөз" + std::to_string(k) + " ";
        after += "word" + std::to_string(k) + " ";
    }
    std::vector<WordRun> runs = diffWords(before, after);
    BOOST_TEST(runs.size() <= 3u);
    BOOST_TEST(joined(runs, RunKind::Deleted).starts_with("сөз0 сөз1 "));
    checkRebuilds(before, after);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
