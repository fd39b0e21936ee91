// Issue 16, the print side, on corpus 002 as the importer reads its .docx
// (tests/fixtures/render/002-satbayev-imported.xml) printed with the
// satbayev profile, checked from pdftotext -bbox: the risk table's «№»
// column is narrower than its text columns (the Word file gives all five
// columns the same width); every word broken at a line end is broken at a
// hyphenation point with a hyphen drawn, or at its own hyphen, and no word
// is split without one; the untitled annex (the labels of a block diagram)
// shares its page with an annex heading.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <regex>

#include "domain/Utf8.h"
#include "render/PdfTools.h"
#include "render/RenderFixture.h"
#include "render/detail/Fonts.h"
#include "render/detail/Hyphenator.h"
#include "support/TestSupport.h"

using namespace nusqa;
using namespace nusqa::test;
namespace fs = std::filesystem;

namespace {

const Rendered& imported002() {
    static const Rendered rendered = renderTo(
        loadContent(sourceDir() / "tests" / "fixtures" / "render" / "002-satbayev-imported.xml"),
        "satbayev", "002-imported-satbayev");
    return rendered;
}

bool sameLine(const PdfWord& a, const PdfWord& b) {
    return a.page == b.page && std::abs(a.yMin - b.yMin) < 1;
}

// The word that goes on from words[i], a line-final piece: the next word in
// the stream on the next line of its page, or the first word of the next
// page's body (the page's furniture skipped).
std::size_t continuation(const std::vector<PdfWord>& words, std::size_t i,
                         const std::set<std::string>& furniture) {
    const PdfWord& word = words[i];
    for (std::size_t j = i + 1; j < words.size(); ++j) {
        const PdfWord& next = words[j];
        bool furnitureWord = furniture.count(fold(next.text)) > 0 ||
                             std::regex_match(next.text, std::regex("^[0-9.,:;«»()№-]+$"));
        double height = word.yMax - word.yMin;
        if (next.page == word.page && next.yMin > word.yMin + 1 &&
            next.yMin < word.yMin + 2.2 * height)
            return j;
        if (next.page > word.page && !furnitureWord) return j;
    }
    return words.size();
}

std::size_t letters(const std::string& text) {
    return render::decodeUtf8(text).size();
}

bool hyphenationPoint(const std::string& word, std::size_t at) {
    std::vector<std::size_t> points =
        render::Hyphenator::forLanguage(Language::Kazakh).points(render::decodeUtf8(word));
    return std::find(points.begin(), points.end(), at) != points.end();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(typesetting)

BOOST_AUTO_TEST_CASE(risk_table_of_corpus_002_has_a_number_column_narrower_than_its_text_columns) {
    const Rendered& rendered = imported002();
    std::vector<PdfWord> words =
        pdfWords(rendered.pdf, rendered.stats.bodyPage, rendered.stats.pages);
    // The row of risk 1.1: «1.1», then the first word of each further cell.
    auto number = std::find_if(words.begin(), words.end(), [&](const PdfWord& word) {
        return word.text == "1.1" &&
               std::any_of(words.begin(), words.end(), [&](const PdfWord& other) {
                   return sameLine(word, other) && other.text == "Жоғары";
               });
    });
    BOOST_TEST_REQUIRE((number != words.end()), "no risk 1.1 in the print");
    std::vector<double> lefts{number->xMin};
    for (std::string first : {"Жоғары", "Инновацияларды", "Орташа", "1."}) {
        auto cell = std::find_if(words.begin(), words.end(), [&](const PdfWord& word) {
            return sameLine(word, *number) && word.text == first && word.xMin > lefts.back();
        });
        BOOST_TEST_REQUIRE((cell != words.end()), first << " not on the line of risk 1.1");
        lefts.push_back(cell->xMin);
    }
    std::vector<double> widths;
    for (std::size_t c = 0; c + 1 < lefts.size(); ++c) widths.push_back(lefts[c + 1] - lefts[c]);
    BOOST_TEST_MESSAGE("risk table columns (pt, from the cells' first words): "
                       << widths[0] << " " << widths[1] << " " << widths[2] << " " << widths[3]);
    // «№» holds numbers like «1.1»: a column for them, not a fifth of the table.
    BOOST_TEST(widths[0] < 0.5 * widths[1]);
    BOOST_TEST(widths[0] < 0.5 * widths[2]);
    BOOST_TEST(widths[0] < widths[3]);
    BOOST_TEST(widths[0] < 40.0);
}

BOOST_AUTO_TEST_CASE(corpus_002_breaks_words_only_at_hyphenation_points_with_a_hyphen_drawn) {
    const Rendered& rendered = imported002();
    BOOST_TEST(rendered.stats.forcedBreaks == 0);
    BOOST_TEST(rendered.stats.hyphenatedLines > 0);
    int last = rendered.stats.sheetPage > 0 ? rendered.stats.sheetPage - 1 : rendered.stats.pages;
    std::vector<PdfWord> words = pdfWords(rendered.pdf, rendered.stats.bodyPage, last);
    BOOST_TEST_REQUIRE(words.size() > 5000u);
    std::set<std::string> source;
    for (const std::string& word : expectedBodyWords(rendered.content)) source.insert(fold(word));
    std::set<std::string> furniture = furnitureWords(rendered.content, rendered.profile);
    static const std::regex numberLike("^[0-9.,:;«»()№\\-]+(-?і|-?ші|-?сі)?[.,;:»]?$");

    std::vector<bool> accounted(words.size(), false);
    std::string problems;
    int hyphenated = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string text = fold(words[i].text);
        if (accounted[i] || text.size() < 3 || text.back() != '-' || source.count(text)) continue;
        // A line-final piece: join it with what follows on the next lines
        // until the word is whole.
        accounted[i] = true;
        std::string drawn = text.substr(0, text.size() - 1);  // a drawn hyphen dropped
        std::string own = text;                               // the word's own hyphen kept
        std::vector<std::size_t> breaks{letters(drawn)};
        std::size_t at = i;
        while (true) {
            std::size_t next = continuation(words, at, furniture);
            if (next == words.size()) {
                problems += "«" + words[i].text + "» goes on nowhere ";
                break;
            }
            accounted[next] = true;
            std::string piece = fold(words[next].text);
            if (source.count(drawn + piece) &&
                std::all_of(breaks.begin(), breaks.end(),
                            [&](std::size_t b) { return hyphenationPoint(drawn + piece, b); })) {
                ++hyphenated;
                break;
            }
            if (source.count(own + piece)) break;
            if (piece.size() > 1 && piece.back() == '-') {
                drawn += piece.substr(0, piece.size() - 1);
                own += piece;
                breaks.push_back(letters(drawn));
                at = next;
                continue;
            }
            problems += "«" + words[i].text + "» + «" + words[next].text + "» (page " +
                        std::to_string(words[i].page) + ") ";
            break;
        }
    }
    BOOST_TEST(problems.empty(), problems);
    BOOST_TEST(hyphenated > 20);
    // Every other word is a word of the source or of the page furniture: a
    // word split without a hyphen would leave two pieces that are neither.
    std::string split;
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string text = fold(words[i].text);
        if (accounted[i] || source.count(text) || furniture.count(text) ||
            std::regex_match(text, numberLike))
            continue;
        split += "«" + words[i].text + "» (page " + std::to_string(words[i].page) + ") ";
    }
    BOOST_TEST(split.empty(), "pieces that are no word of the source: " << split);
}

BOOST_AUTO_TEST_CASE(untitled_annex_of_corpus_002_shares_its_page_with_an_annex_heading) {
    const Rendered& rendered = imported002();
    std::string heading = fold(rendered.profile.wording.at("kk").at("annexTitle"));
    int labelPages = 0;
    for (int page = rendered.stats.bodyPage; page <= rendered.stats.pages; ++page) {
        std::string text = normalise(pdfText(rendered.pdf, page, page));
        bool first = text.find("Бөлімнің орындалған жұмыс есебі") != std::string::npos;
        bool second = text.find("ҒК жұмысының, бөлім жұмысының") != std::string::npos;
        if (!first && !second) continue;
        ++labelPages;
        BOOST_TEST_CONTEXT("page " << page) {
            BOOST_TEST(first);
            BOOST_TEST(second);
            BOOST_TEST(fold(text).find(heading) != std::string::npos, text);
        }
    }
    BOOST_TEST(labelPages == 1);
}

BOOST_AUTO_TEST_SUITE_END()
