// The redline print of a comparison (issue 13): the 000 fixture against its
// edited copy (tests/fixtures/compare: one clause reworded, one added, two
// renumbered, one deleted, one reference moved) and corpus 002 with clauses
// reworded, added, deleted and moved and a table cell changed. Checked on the
// PDF: pdftotext finds the inserted and the deleted words, the banner on
// every page and the summary's clause numbers; the words' boxes (pdftotext
// -bbox) are matched with the line segments of the page's content stream
// (qpdf --qdf): a blue line under each inserted word, a red one through each
// deleted word, a black bar in the left margin; qpdf --check passes.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <sstream>

#include "domain/ChangeRecords.h"
#include "domain/Comparison.h"
#include "domain/Redline.h"
#include "render/PdfTools.h"
#include "render/Render.h"
#include "render/RenderFixture.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using namespace nusqa;
using namespace nusqa::test;

namespace {

struct Segment {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;  // PDF user space (y up)
    std::string colour;                     // stroke colour operands: "0 0 0.8", "0"
};

struct StreamFacts {
    std::vector<Segment> segments;
    std::vector<std::string> fillColours;  // operands of every rg
};

// The stroked segments (m ... l S) of a content stream with their stroke
// colour, and the fill colours set (rg): a small operand-stack reader.
StreamFacts readStream(const std::string& stream) {
    StreamFacts facts;
    std::istringstream tokens(stream);
    std::vector<std::string> operands;
    std::string stroke = "0";
    double x = 0, y = 0;
    std::vector<Segment> path;
    auto joined = [&](std::size_t count) {
        std::string out;
        for (std::size_t k = operands.size() - count; k < operands.size(); ++k)
            out += (out.empty() ? "" : " ") + operands[k];
        return out;
    };
    for (std::string token; tokens >> token;) {
        bool isOperator = std::isalpha(static_cast<unsigned char>(token[0])) != 0 || token == "'" ||
                          token == "\"";
        if (!isOperator) {
            operands.push_back(token);
            continue;
        }
        if (token == "RG" && operands.size() >= 3) stroke = joined(3);
        if (token == "G" && !operands.empty()) stroke = operands.back();
        if (token == "rg" && operands.size() >= 3) facts.fillColours.push_back(joined(3));
        if (token == "m" && operands.size() >= 2) {
            x = std::stod(operands[operands.size() - 2]);
            y = std::stod(operands.back());
        }
        if (token == "l" && operands.size() >= 2) {
            double x2 = std::stod(operands[operands.size() - 2]);
            double y2 = std::stod(operands.back());
            path.push_back(Segment{x, y, x2, y2, stroke});
            x = x2;
            y = y2;
        }
        if (token == "S") {
            for (Segment& segment : path) {
                segment.colour = stroke;
                facts.segments.push_back(segment);
            }
            path.clear();
        }
        if (token == "n" || token == "f") path.clear();
        operands.clear();
    }
    return facts;
}

constexpr const char* kBlue = "0 0 0.8";
constexpr const char* kRed = "0.8 0 0";

struct RedlinePrinted {
    fs::path pdf;
    render::RenderStats stats;
    compare::Comparison comparison;
    compare::Redline redline;
    profile::Profile profile;
};

RedlinePrinted printRedline(const content::Content& a, const content::Content& b,
                            const std::string& name) {
    RedlinePrinted printed;
    printed.comparison = compare::compareEditions(a, b);
    printed.redline = compare::buildRedline(a, b, printed.comparison, {"№ 1", "№ 2"},
                                            compare::redlineLanguageOf(b.meta.language));
    printed.profile = loadNamedProfile(profileFor(b));
    render::ComparisonPrint comparison{printed.redline.banner, printed.redline.summary};
    auto pdf = render::renderPdf(printed.redline.content, printed.profile, {}, &printed.stats,
                                 nullptr, &comparison);
    BOOST_TEST_REQUIRE(pdf.has_value(), (pdf ? "" : pdf.error().message));
    printed.pdf = outputDirectory() / (name + ".pdf");
    writeFile(printed.pdf, *pdf);
    return printed;
}

// The first word of the pages that starts with prefix.
std::optional<PdfWord> wordStarting(const std::vector<PdfWord>& words, const std::string& prefix) {
    for (const PdfWord& word : words)
        if (word.text.starts_with(prefix)) return word;
    return std::nullopt;
}

// Is there a horizontal segment of the colour across the word, with its
// height (from the top) between fromTop and toTop of the word's box height?
bool lineAcross(const std::vector<Segment>& segments, const PdfWord& word, double pageHeight,
                const std::string& colour, double fromTop, double toTop) {
    double height = word.yMax - word.yMin;
    for (const Segment& segment : segments) {
        if (segment.colour != colour || std::abs(segment.y1 - segment.y2) > 0.01) continue;
        double y = pageHeight - segment.y1;
        double left = std::min(segment.x1, segment.x2), right = std::max(segment.x1, segment.x2);
        if (y < word.yMin + fromTop * height || y > word.yMin + toTop * height) continue;
        if (left <= word.xMin + 1 && right >= word.xMax - 1) return true;
    }
    return false;
}

// A black vertical bar in the left margin beside the word.
bool marginBar(const std::vector<Segment>& segments, const PdfWord& word, double pageHeight,
               double marginLeft) {
    double middle = (word.yMin + word.yMax) / 2;
    for (const Segment& segment : segments) {
        if (segment.colour != "0" || std::abs(segment.x1 - segment.x2) > 0.01) continue;
        if (segment.x1 >= marginLeft - 2 || segment.x1 < marginLeft - 20) continue;
        double top = pageHeight - std::max(segment.y1, segment.y2);
        double bottom = pageHeight - std::min(segment.y1, segment.y2);
        if (top <= middle && middle <= bottom) return true;
    }
    return false;
}

std::string qpdfCheck(const fs::path& pdf) {
    return runCommand("qpdf --check '" + pdf.string() + "'");
}

void checkSyntax(const fs::path& pdf) {
    std::string check = qpdfCheck(pdf);
    BOOST_TEST(check.find("No syntax or stream encoding errors found") != std::string::npos, check);
    BOOST_TEST(check.find("WARNING") == std::string::npos, check);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(redline)

BOOST_AUTO_TEST_CASE(the_000_pair_prints_its_six_changes_underlined_and_struck_through) {
    content::Content a = loadContent(fixture("000-wkatu-coworking.xml"));
    content::Content b = loadContent(fixture("compare/000-edited.xml"));
    RedlinePrinted printed = printRedline(a, b, "redline-000");
    BOOST_REQUIRE_EQUAL(printed.comparison.elements.size(), 6u);
    checkSyntax(printed.pdf);
    int pages = pdfPageCount(printed.pdf);
    BOOST_TEST(pages == printed.stats.pages);

    // The banner on every page, and in the PDF's title.
    for (int page = 1; page <= pages; ++page)
        BOOST_TEST(
            normalise(pdfText(printed.pdf, page, page)).find("САЛЫСТЫРУ — бақылаулы құжат емес") !=
                std::string::npos,
            "page " << page);
    BOOST_TEST(runCommand("pdfinfo '" + printed.pdf.string() + "'").find("САЛЫСТЫРУ") !=
               std::string::npos);

    // The summary first: the six changes with their clause numbers in both
    // editions (and the edition number of the metadata).
    BOOST_TEST_REQUIRE(printed.stats.bodyPage > 1);
    std::string summary = normalise(pdfText(printed.pdf, 1, printed.stats.bodyPage - 1));
    for (const char* expected :
         {"Басылымдарды салыстыру: өзгерістер тізімі", "мәтіні өзгерді", "қосылды",
          "нөмірі өзгерді", "алынып тасталды", "орны ауыстырылды", "1.2-тармақ", "3.1-тармақ",
          "3.2-тармақ", "3.3-тармақ", "5.3-тармақ"})
        BOOST_TEST(summary.find(expected) != std::string::npos, expected << " in " << summary);
    std::size_t rows = printed.comparison.elements.size() + printed.comparison.meta.size();
    BOOST_TEST(printed.redline.changes == rows);
    BOOST_TEST(summary.find("Өзгерістер саны: " + std::to_string(rows)) != std::string::npos);

    // The body: inserted and deleted words both printed, the deleted clause
    // where it stood, notes on the renumbered clauses.
    std::string body = normalise(pdfText(printed.pdf, printed.stats.bodyPage, pages));
    for (const char* expected :
         {"тәулік бойы", "қолайлы жұмыс жасауда", "[бұрын: 3.1-тармақ]", "[бұрын: 3.2-тармақ]"})
        BOOST_TEST(body.find(expected) != std::string::npos, expected);
    const compare::ElementChange& deleted = printed.comparison.elements[4];
    BOOST_REQUIRE(deleted.has(compare::ChangeType::Deleted));
    std::string deletedStart = normalise(deleted.text).substr(0, 40);
    deletedStart = deletedStart.substr(0, deletedStart.rfind(' '));
    BOOST_TEST(body.find(deletedStart) != std::string::npos, deletedStart);
    // The deleted clause 5.3 stands after 5.2 and before what follows it.
    std::size_t clause52 = body.find("5.2.");
    BOOST_TEST((clause52 != std::string::npos && body.find(deletedStart) > clause52));

    // Positions: the words' boxes against the segments drawn on their page.
    std::vector<PdfWord> words = pdfWords(printed.pdf, printed.stats.bodyPage, pages);
    std::vector<std::string> streams = pageContentStreams(printed.pdf, outputDirectory());
    BOOST_TEST_REQUIRE(static_cast<int>(streams.size()) == pages);
    double height = printed.profile.page.height;
    double marginLeft = printed.profile.page.marginLeft;
    auto segmentsOn = [&](int page) {
        return readStream(streams[static_cast<std::size_t>(page - 1)]);
    };
    auto inserted = wordStarting(words, "тәулік");
    BOOST_TEST_REQUIRE(inserted.has_value());
    StreamFacts insertedPage = segmentsOn(inserted->page);
    BOOST_TEST(lineAcross(insertedPage.segments, *inserted, height, kBlue, 0.75, 1.3));
    BOOST_TEST(!lineAcross(insertedPage.segments, *inserted, height, kRed, 0.0, 1.3));
    BOOST_TEST(marginBar(insertedPage.segments, *inserted, height, marginLeft));
    auto removed = wordStarting(words, "қолайлы");
    BOOST_TEST_REQUIRE(removed.has_value());
    StreamFacts removedPage = segmentsOn(removed->page);
    BOOST_TEST(lineAcross(removedPage.segments, *removed, height, kRed, 0.3, 0.75));
    BOOST_TEST(!lineAcross(removedPage.segments, *removed, height, kBlue, 0.0, 1.3));
    BOOST_TEST(marginBar(removedPage.segments, *removed, height, marginLeft));
    // The text itself in colour: blue and red fill colours set on the page.
    auto has = [](const std::vector<std::string>& colours, const char* colour) {
        return std::find(colours.begin(), colours.end(), colour) != colours.end();
    };
    BOOST_TEST(has(insertedPage.fillColours, kBlue));
    BOOST_TEST(has(removedPage.fillColours, kRed));
    // An unchanged word has neither line nor bar.
    auto unchanged = wordStarting(words, "Коворкинг");
    if (unchanged) {
        StreamFacts page = segmentsOn(unchanged->page);
        BOOST_TEST(!lineAcross(page.segments, *unchanged, height, kBlue, 0.0, 1.3));
        BOOST_TEST(!lineAcross(page.segments, *unchanged, height, kRed, 0.0, 1.3));
    }
}

BOOST_AUTO_TEST_CASE(an_edition_against_itself_prints_no_marks) {
    content::Content a = loadContent(fixture("000-wkatu-coworking.xml"));
    RedlinePrinted printed = printRedline(a, a, "redline-000-same");
    checkSyntax(printed.pdf);
    BOOST_TEST(printed.redline.changes == 0u);
    BOOST_TEST(normalise(pdfText(printed.pdf, 1, 1)).find("Айырмашылық жоқ.") != std::string::npos);
    int pages = pdfPageCount(printed.pdf);
    std::vector<std::string> streams = pageContentStreams(printed.pdf, outputDirectory());
    // Only the legend of the summary page is in colour.
    for (int page = 2; page <= pages; ++page) {
        StreamFacts facts = readStream(streams[static_cast<std::size_t>(page - 1)]);
        BOOST_TEST(facts.fillColours.empty(), "page " << page);
    }
}

BOOST_AUTO_TEST_CASE(russian_and_english_labels) {
    content::Content a = loadContent(fixture("000-wkatu-coworking.xml"));
    content::Content b = loadContent(fixture("compare/000-edited.xml"));
    compare::Comparison comparison = compare::compareEditions(a, b);
    compare::Redline russian =
        compare::buildRedline(a, b, comparison, {"1", "2"}, compare::RedlineLanguage::Russian);
    BOOST_TEST(russian.banner == "СРАВНЕНИЕ — не является контролируемым документом");
    compare::Redline english =
        compare::buildRedline(a, b, comparison, {"1", "2"}, compare::RedlineLanguage::English);
    BOOST_TEST(english.banner == "COMPARISON — not a controlled document");
    BOOST_TEST((compare::parseRedlineLanguage("en") == compare::RedlineLanguage::English));
    BOOST_TEST(!compare::parseRedlineLanguage("de").has_value());
}

namespace {

content::Division* findDivision(std::vector<content::Block>& blocks, const std::string& eId) {
    for (content::Block& block : blocks) {
        auto* division = std::get_if<content::Division>(&block.value);
        if (division == nullptr) continue;
        if (division->eId == eId) return division;
        if (auto* found = findDivision(division->children, eId)) return found;
    }
    return nullptr;
}

content::Table* findTable(std::vector<content::Block>& blocks, const std::string& eId) {
    for (content::Block& block : blocks) {
        if (auto* table = std::get_if<content::Table>(&block.value); table && table->eId == eId)
            return table;
        if (auto* division = std::get_if<content::Division>(&block.value))
            if (auto* found = findTable(division->children, eId)) return found;
    }
    return nullptr;
}

content::Paragraph* firstParagraph(std::vector<content::Block>& blocks) {
    for (content::Block& block : blocks)
        if (auto* paragraph = std::get_if<content::Paragraph>(&block.value);
            paragraph && !paragraph->text.empty())
            return paragraph;
    return nullptr;
}

std::vector<content::Block>::iterator blockWith(std::vector<content::Block>& blocks,
                                                const std::string& eId) {
    return std::find_if(blocks.begin(), blocks.end(), [&](const content::Block& block) {
        const auto* division = std::get_if<content::Division>(&block.value);
        return division != nullptr && division->eId == eId;
    });
}

}  // namespace

BOOST_AUTO_TEST_CASE(corpus_002_with_clauses_changed_added_deleted_and_moved_prints) {
    content::Content a = loadContent(fixture("render/002-satbayev-imported.xml"));
    content::Content b = a;
    // Reworded: the first word of clause 1.2 deleted, words added at its end.
    content::Division* reworded = findDivision(b.body, "chp_1__cl_1_2");
    BOOST_REQUIRE(reworded != nullptr);
    content::Paragraph* text = firstParagraph(reworded->children);
    BOOST_REQUIRE(text != nullptr);
    std::string& first = text->text.front().text;
    std::string removedWord = first.substr(0, first.find(' '));
    first.erase(0, first.find(' ') + 1);
    text->text.back().text += " және тәуекелдерді бағалау";
    // Deleted: clause 4.2.
    content::Division* chapter4 = findDivision(b.body, "chp_4");
    BOOST_REQUIRE(chapter4 != nullptr);
    auto clause42 = blockWith(chapter4->children, "chp_4__cl_4_2");
    BOOST_REQUIRE(clause42 != chapter4->children.end());
    std::string deletedText = content::plainText(
        firstParagraph(std::get<content::Division>(clause42->value).children)->text);
    chapter4->children.erase(clause42);
    // Moved: clause 1.1 to the end of chapter 1; added: a clause after it.
    content::Division* chapter1 = findDivision(b.body, "chp_1");
    auto clause11 = blockWith(chapter1->children, "chp_1__cl_1_1");
    BOOST_REQUIRE(clause11 != chapter1->children.end());
    content::Block moved = *clause11;
    chapter1->children.erase(clause11);
    chapter1->children.push_back(moved);
    content::Division added;
    added.kind = content::Division::Kind::Clause;
    added.eId = "chp_1__cl_redline";
    added.num = "1.4.";
    added.children.push_back(
        content::Block{content::Paragraph{"", {content::Run{"Жаңа тармақ: салыстыру парағы"}}}});
    chapter1->children.push_back(content::Block{added});
    // A table cell changed.
    content::Table* table = findTable(b.body, "sec_5_1__tbl_1");
    BOOST_REQUIRE(table != nullptr);
    BOOST_REQUIRE(!table->rows.empty());
    content::Cell& cell = table->rows.front().cells.back();
    cell.blocks = {content::Block{content::Paragraph{"", {content::Run{"өзгертілген ұяшық"}}}}};

    RedlinePrinted printed = printRedline(a, b, "redline-002");
    checkSyntax(printed.pdf);
    int pages = pdfPageCount(printed.pdf);
    BOOST_TEST(pages == printed.stats.pages);
    BOOST_TEST(printed.comparison.elements.size() >= 5u);
    std::string summary = normalise(pdfText(printed.pdf, 1, printed.stats.bodyPage - 1));
    BOOST_TEST(summary.find("Өзгерістер саны: " + std::to_string(printed.redline.changes)) !=
               std::string::npos);
    for (const compare::ElementChange& change : printed.comparison.elements) {
        std::string location = change.after
                                   ? compare::locationText(*change.after, b.meta.language)
                                   : compare::locationText(*change.before, a.meta.language);
        BOOST_TEST(summary.find(location) != std::string::npos, location);
    }
    std::string body = normalise(pdfText(printed.pdf, printed.stats.bodyPage, pages));
    for (const std::string& expected :
         {std::string("Жаңа тармақ: салыстыру парағы"), std::string("тәуекелдерді бағалау"),
          removedWord, std::string("өзгертілген ұяшық"),
          normalise(deletedText).substr(0, normalise(deletedText).find(' ', 20))})
        BOOST_TEST(body.find(expected) != std::string::npos, expected);
    std::vector<std::string> streams = pageContentStreams(printed.pdf, outputDirectory());
    std::size_t blue = 0, red = 0;
    for (const std::string& stream : streams)
        for (const Segment& segment : readStream(stream).segments) {
            blue += segment.colour == kBlue ? 1 : 0;
            red += segment.colour == kRed ? 1 : 0;
        }
    BOOST_TEST(blue > 0u);
    BOOST_TEST(red > 0u);
}

BOOST_AUTO_TEST_SUITE_END()
