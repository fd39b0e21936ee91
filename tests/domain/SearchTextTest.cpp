// The search's text rules: case folding and stems of Kazakh and Russian
// word forms, the passages of a content tree, the parsing and bounds of a
// query, and the snippet with its highlights.
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <string>
#include <vector>

#include "domain/SearchService.h"
#include "domain/SearchText.h"
#include "domain/Stemmer.h"
#include "domain/Utf8.h"

namespace nusqa::test {
namespace {

using namespace search;

std::string stemOf(const std::string& word, Language language) {
    // The index's form without its padding.
    std::string terms = indexTerms(word, language);
    while (!terms.empty() && terms.back() == '_') terms.pop_back();
    return terms;
}

std::vector<std::string> words(const std::vector<SearchClause>& clauses) {
    std::vector<std::string> out;
    for (const SearchClause& clause : clauses)
        for (const std::vector<std::string>& alternative : clause.alternatives) {
            std::string text = clause.phrase ? "\"" : "";
            for (const std::string& stem : alternative) text += (text.size() > 1 ? " " : "") + stem;
            out.push_back(text + (clause.phrase ? "\"" : "*"));
        }
    return out;
}

content::Paragraph paragraph(const std::string& eId, const std::string& text) {
    return content::Paragraph{eId, {content::Run{text}}};
}

content::Division division(content::Division::Kind kind, const std::string& eId,
                           const std::string& num, const std::string& heading,
                           std::vector<content::Block> children) {
    return content::Division{kind, eId, num, {content::Run{heading}}, std::move(children)};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(search_text)

BOOST_AUTO_TEST_CASE(folds_kazakh_russian_and_latin_letters) {
    BOOST_TEST(stemOf("НҰСҚАУЛЫҚ", Language::Kazakh) == stemOf("нұсқаулық", Language::Kazakh));
    std::u32string upper = U"ӘҒҚҢӨҰҮҺІЁABC";
    std::u32string folded;
    for (char32_t letter : upper) folded += foldLetter(letter);
    BOOST_TEST(encodeUtf8(folded) == "әғқңөұүһіеabc");
    BOOST_TEST(isWordCharacter(U'ң'));
    BOOST_TEST(!isWordCharacter(U'*'));
    BOOST_TEST(!isWordCharacter(U'«'));
}

BOOST_AUTO_TEST_CASE(kazakh_word_forms_share_a_stem) {
    for (const char* form : {"нұсқаулықтың", "нұсқаулығы", "нұсқаулыққа", "нұсқаулықтар",
                             "нұсқаулықтарының", "Нұсқаулықпен"})
        BOOST_TEST(stemOf(form, Language::Kazakh) == "нұсқаулық", form);
    for (const char* form : {"ережесінің", "ережелері", "ережеге", "ережелердің", "ережесі"})
        BOOST_TEST(stemOf(form, Language::Kazakh) == "ереже", form);
    // A word with a Kazakh letter is Kazakh in a Russian text too.
    BOOST_TEST(stemOf("ережесінің", Language::Russian) == "ереже");
    // Derivational suffixes stay: another word.
    BOOST_TEST(stemOf("нұсқаулық", Language::Kazakh) != stemOf("нұсқа", Language::Kazakh));
    // -ті after т: the possessive in the index, the query also tries the
    // accusative.
    BOOST_TEST(stemOf("менеджменті", Language::Kazakh) == "менеджмент");
    BOOST_TEST(stemOf("менеджментінің", Language::Kazakh) == "менеджмент");
    auto readings = parseQuery("жұмысты");
    BOOST_REQUIRE(readings.has_value());
    std::vector<std::string> expected = {"жұмыс*", "жұмыст*"};
    BOOST_TEST(words(*readings) == expected, boost::test_tools::per_element());
    // Two letters always remain.
    BOOST_TEST(stemOf("ол", Language::Kazakh) == "ол");
}

BOOST_AUTO_TEST_CASE(russian_word_forms_share_a_stem) {
    for (const char* form :
         {"инструкция", "инструкции", "инструкцией", "инструкциями", "ИНСТРУКЦИЮ"})
        BOOST_TEST(stemOf(form, Language::Russian) == "инструкц", form);
    BOOST_TEST(stemOf("положение", Language::Russian) == stemOf("положения", Language::Russian));
    BOOST_TEST(stemOf("документированной", Language::Russian) ==
               stemOf("документированная", Language::Russian));
    BOOST_TEST(stemOf("Ёлка", Language::Russian) == stemOf("елки", Language::Russian));
}

BOOST_AUTO_TEST_CASE(latin_words_and_numbers_are_only_folded) {
    BOOST_TEST(indexTerms("ISO 9001:2015", Language::Russian) == "iso 9001 2015");
    BOOST_TEST(indexTerms("СМЖ 07.БЕ.51", Language::Kazakh) == "смж 07_ бе_ 51_");
}

BOOST_AUTO_TEST_CASE(passages_follow_the_elements_with_eids) {
    content::Content content;
    content.meta.code = "СМЖ 07.БЕ.99";
    content.meta.title = "Сынақ бөлімі туралы ереже";
    content.meta.language = Language::Kazakh;
    using Kind = content::Division::Kind;
    content.body.push_back({division(Kind::Chapter, "chp_1", "1.", "Жалпы ережелер",
                                     {{division(Kind::Clause, "chp_1__cl_1", "1.1.", "",
                                                {{paragraph("", "Осы нұсқаулықтың талаптары.")}})},
                                      {paragraph("", "Тараудың соңғы сөзі.")}})});
    std::vector<SearchPassage> passages = searchPassages(content);
    BOOST_REQUIRE_EQUAL(passages.size(), 4u);
    BOOST_TEST(passages[0].eId == "");
    BOOST_TEST(passages[0].text == "СМЖ 07.БЕ.99 Сынақ бөлімі туралы ереже");
    BOOST_TEST(passages[1].eId == "chp_1");
    BOOST_TEST(passages[1].text == "Жалпы ережелер");
    BOOST_TEST(passages[2].eId == "chp_1__cl_1");
    BOOST_TEST(passages[2].num == "1.1.");
    BOOST_TEST(passages[2].terms == "осы нұсқаулық талап");
    // Text after a sub-division belongs to its division again.
    BOOST_TEST(passages[3].eId == "chp_1");
    BOOST_TEST(passages[3].text == "Тараудың соңғы сөзі.");
}

BOOST_AUTO_TEST_CASE(long_text_goes_on_in_continuation_passages) {
    content::Content content;
    content.meta.code = "Ұ-1";
    std::string text;
    while (text.size() < kMaxPassageBytes + 100) text += "ұзын сөйлем ";
    content.body.push_back({paragraph("p_1", text)});
    std::vector<SearchPassage> passages = searchPassages(content);
    BOOST_REQUIRE_EQUAL(passages.size(), 3u);  // code and title, then two parts
    BOOST_TEST(passages[1].eId == "p_1");
    BOOST_TEST(passages[2].eId == "p_1");
    BOOST_TEST(passages[1].text.size() <= kMaxPassageBytes);
    BOOST_TEST(passages[1].text.size() + passages[2].text.size() >= text.size() - 2);
}

BOOST_AUTO_TEST_CASE(a_query_is_words_and_phrases_of_stems) {
    auto parsed = parseQuery("Ережесінің  \"Жалпы ережелер\" инструкции");
    BOOST_REQUIRE(parsed.has_value());
    // A Cyrillic word without a Kazakh letter is read both ways.
    std::vector<std::string> expected = {"ереже*", "\"жалп ереже\"", "\"жалп ережелер\"",
                                         "инструкц*", "инструкции*"};
    BOOST_TEST(words(*parsed) == expected, boost::test_tools::per_element());
    BOOST_TEST((*parsed)[1].phrase);
    // Duplicates count once; one-letter words are skipped.
    parsed = parseQuery("ережесі ережесінің а 1");
    BOOST_REQUIRE(parsed.has_value());
    BOOST_TEST(parsed->size() == 1u);
    // An unclosed quote runs to the end.
    parsed = parseQuery("\"сапа менеджменті");
    BOOST_REQUIRE(parsed.has_value());
    BOOST_TEST(parsed->front().phrase);
}

BOOST_AUTO_TEST_CASE(engine_syntax_is_only_a_separator) {
    auto parsed = parseQuery("ереже* OR (сапа) -бөлім ^x:y NEAR/2 +z~ @3 <a> 'b'");
    BOOST_REQUIRE(parsed.has_value());
    for (const SearchClause& clause : *parsed)
        for (const auto& alternative : clause.alternatives)
            for (const std::string& stem : alternative)
                for (char c : stem)
                    BOOST_TEST(
                        (static_cast<unsigned char>(c) >= 0x80 || std::isalnum(c) || c == '_'),
                        stem);
}

BOOST_AUTO_TEST_CASE(hostile_queries_are_refused) {
    for (const std::string& query :
         {std::string(), std::string("\"*():^-"), std::string("   "), std::string("a б"),
          std::string(10 * 1024, 'x'), std::string("ереже\0сапа", 19), std::string("\xff\xfe"),
          std::string("\xd0"), std::string("сапа\x1b[2J"),
          std::string("бір екі үш төрт бес алты жеті сегіз тоғыз"),
          std::string("\"бір екі үш төрт бес алты жеті сегіз тоғыз\"")}) {
        auto parsed = parseQuery(query);
        BOOST_TEST(!parsed.has_value(), query.substr(0, 40));
        if (!parsed) BOOST_TEST((parsed.error().code == ErrorCode::InvalidArgument));
    }
}

BOOST_AUTO_TEST_CASE(snippet_marks_the_matched_words) {
    auto clauses = parseQuery("нұсқаулық");
    BOOST_REQUIRE(clauses.has_value());
    Snippet snippet =
        snippetOf("Осы нұсқаулықтың талаптары мен нұсқаулығы.", *clauses, Language::Kazakh);
    BOOST_TEST(snippet.text == "Осы нұсқаулықтың талаптары мен нұсқаулығы.");
    BOOST_REQUIRE_EQUAL(snippet.highlights.size(), 2u);
    BOOST_TEST(snippet.highlights[0].offset == 4);
    BOOST_TEST(snippet.highlights[0].length == 12);
    BOOST_TEST(snippet.highlights[1].offset == 31);
    BOOST_TEST(snippet.highlights[1].length == 10);
}

BOOST_AUTO_TEST_CASE(a_long_snippet_is_cut_around_the_first_match) {
    std::string text;
    for (int i = 0; i < 60; ++i) text += "алдыңғы ";
    text += "ИНСТРУКЦИИ";
    for (int i = 0; i < 80; ++i) text += " кейінгі";
    auto clauses = parseQuery("инструкция");
    BOOST_REQUIRE(clauses.has_value());
    Snippet snippet = snippetOf(text, *clauses, Language::Russian);
    BOOST_TEST(snippet.text.starts_with("…алдыңғы"));
    BOOST_TEST(snippet.text.ends_with("кейінгі…"), snippet.text);
    BOOST_REQUIRE_EQUAL(snippet.highlights.size(), 1u);
    // The offset counts UTF-16 units: 1 for "…" and each Cyrillic letter.
    std::size_t offset = static_cast<std::size_t>(snippet.highlights[0].offset);
    BOOST_TEST(offset == 81u);
    BOOST_TEST(snippet.highlights[0].length == 10);
}

BOOST_AUTO_TEST_CASE(employees_see_editions_in_force_only) {
    User employee{};
    employee.login = "employee";
    employee.active = true;
    employee.roles = {Role::Employee};
    User auditor = employee;
    auditor.roles = {Role::Auditor};
    BOOST_TEST(!SearchService::seesEveryStatus(employee));
    BOOST_TEST(SearchService::seesEveryStatus(auditor));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
