// Acceptance tests of issue 3 (render an edition to PDF), items 1-4:
// fixtures pass qpdf --check, fonts embedded as unique subsets, every body
// word in order; the running header with code, edition and page M of N on
// every page after the title page; a 200-row table repeating its header;
// the title page of every profile (with PNGs for a visual check).
#include <boost/test/unit_test.hpp>

#include <map>
#include <regex>

#include "render/PdfTools.h"
#include "render/RenderFixture.h"
#include "render/reader/ContentXml.h"
#include "support/TestSupport.h"

using namespace nusqa;
using namespace nusqa::test;
namespace fs = std::filesystem;

namespace {

std::string wordOf(const Rendered& rendered, const std::string& key) {
    std::string language(toString(rendered.content.meta.language));
    return rendered.profile.wording.at(language).at(key);
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

std::string editionLabel(const Rendered& rendered) {
    int edition = rendered.content.meta.edition;
    std::string label = wordOf(rendered, "editionLabel");
    label =
        replaceAll(label, "{editionPadded}", (edition < 10 ? "0" : "") + std::to_string(edition));
    return replaceAll(label, "{edition}", std::to_string(edition));
}

// The regex of the profile's «N беттің M-і» / «Лист M из N» wording.
std::regex pageOfPagesPattern(const Rendered& rendered, bool& pageFirst) {
    std::string text = wordOf(rendered, "pageOfPages");
    pageFirst = text.find("{page}") < text.find("{pages}");
    text = replaceAll(text, "{page}", "(\\d+)");
    text = replaceAll(text, "{pages}", "(\\d+)");
    return std::regex(text);
}

// page of the PDF as path.png (pdftoppm -singlefile adds no page digits).
void writePng(const Rendered& rendered, int page, const fs::path& path) {
    runCommand("pdftoppm -r 80 -png -singlefile -f " + std::to_string(page) + " -l " +
               std::to_string(page) + " '" + rendered.pdf.string() + "' '" + path.string() + "'");
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_fixture_is_valid_pdf_with_subset_fonts_and_all_body_words_in_order) {
    std::map<std::string, std::string> regularSubsets;
    for (const fs::path& xml : renderFixtures()) {
        BOOST_TEST_CONTEXT(xml.filename().string()) {
            content::Content content = loadContent(xml);
            Rendered rendered = renderTo(content, profileFor(content), xml.stem().string());
            BOOST_TEST(rendered.bytes.starts_with("%PDF-1.6"));
            BOOST_TEST(pdfPageCount(rendered.pdf) == rendered.stats.pages);

            std::string check = runCommand("qpdf --check '" + rendered.pdf.string() + "'");
            BOOST_TEST(check.find("No syntax or stream encoding errors found") != std::string::npos,
                       check);
            BOOST_TEST(check.find("WARNING") == std::string::npos, check);

            std::vector<PdfFont> fonts = pdfFonts(rendered.pdf);
            BOOST_TEST(fonts.size() >= 2u);
            std::set<std::string> prefixes;
            for (const PdfFont& font : fonts) {
                BOOST_TEST(font.embedded, font.name);
                BOOST_TEST(font.subset, font.name);
                BOOST_TEST(font.unicode, font.name);
                BOOST_TEST(font.encoding == "Identity-H", font.name);
                BOOST_TEST(std::regex_match(font.name, std::regex("[A-Z]{6}\\+Liberation.*")),
                           font.name);
                prefixes.insert(font.name.substr(0, 6));
                if (font.name.ends_with("+LiberationSerif")) regularSubsets[font.name] = xml.stem();
            }
            BOOST_TEST(prefixes.size() == fonts.size(),
                       "subset prefixes are not unique in the file");

            // Body pages: from the first body page to the page before the sheets.
            int last =
                rendered.stats.sheetPage > 0 ? rendered.stats.sheetPage - 1 : rendered.stats.pages;
            BOOST_TEST_REQUIRE(rendered.stats.bodyPage >= 2);
            std::string text = pdfText(rendered.pdf, rendered.stats.bodyPage, last, true);
            std::string problem = matchInOrder(expectedBodyWords(content), splitWords(text),
                                               furnitureWords(content, rendered.profile));
            BOOST_TEST(problem.empty(), problem);
        }
    }
    // Different documents, different glyph sets: different subset names.
    BOOST_TEST(regularSubsets.size() >= 4u);
}

BOOST_AUTO_TEST_CASE(every_page_after_the_title_page_has_code_edition_and_page_m_of_n) {
    for (const fs::path& xml : renderFixtures()) {
        BOOST_TEST_CONTEXT(xml.filename().string()) {
            content::Content content = loadContent(xml);
            Rendered rendered = renderTo(content, profileFor(content), xml.stem().string());
            int pages = pdfPageCount(rendered.pdf);
            BOOST_TEST_REQUIRE(pages >= 3);
            bool pageFirst = true;
            std::regex pattern = pageOfPagesPattern(rendered, pageFirst);
            std::string code = normalise(content.meta.code);
            std::string edition = normalise(editionLabel(rendered));
            for (int page = 2; page <= pages; ++page) {
                BOOST_TEST_CONTEXT("page " << page) {
                    std::string text = normalise(pdfText(rendered.pdf, page, page));
                    BOOST_TEST(text.find(code) != std::string::npos, text);
                    BOOST_TEST(text.find(edition) != std::string::npos, edition << " in " << text);
                    std::smatch match;
                    BOOST_TEST_REQUIRE(std::regex_search(text, match, pattern), text);
                    int m = std::stoi(match[pageFirst ? 1 : 2]);
                    int n = std::stoi(match[pageFirst ? 2 : 1]);
                    BOOST_TEST(m == page);
                    BOOST_TEST(n == pages);
                    BOOST_TEST(!std::regex_search(match.suffix().str(), pattern),
                               "two page numbers");
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_table_longer_than_a_page_repeats_its_header_and_keeps_every_row_once) {
    std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="urn:nusqa:document:1" schemaVersion="1"><meta>
<organisation>«Сынақ университеті» КеАҚ</organisation><kind>regulation</kind>
<code>Е 200-2024</code><title>Ұзын кесте</title><language>kk</language><edition number="1"/></meta>
<body><chapter eId="chp_1"><num>1.</num><heading>Тізілім</heading>
<table eId="tbl_1"><cols><col width="10"/><col width="30"/><col width="60"/></cols>
<thead><tr><td><p>Реттік</p></td><td><p>Кілтбаған</p></td><td><p>Сипаттамабаған</p></td></tr></thead>
)";
    for (int row = 1; row <= 200; ++row) {
        std::string label = "жол" + std::to_string(1000 + row);
        std::string description =
            row % 7 == 0 ? "Ұзын сипаттама бірнеше жолға бөлінеді: ақпараттық ресурстарды басқару, "
                           "қорды жинақтау және есепке алу, құжаттарды ғылыми өңдеу " +
                               label
                         : "сипат" + std::to_string(1000 + row);
        xml += "<tr><td><p>" + std::to_string(row) + "</p></td><td><p>" + label +
               "</p></td><td><p>" + description + "</p></td></tr>\n";
    }
    xml += "</table></chapter></body></document>\n";
    content::Content content = parseContent(xml);
    Rendered rendered = renderTo(content, "default", "table-200-rows");
    int pages = pdfPageCount(rendered.pdf);
    int first = rendered.stats.bodyPage;
    int last = rendered.stats.sheetPage - 1;
    BOOST_TEST_REQUIRE(last - first + 1 >= 4, "the table should span several pages");

    std::vector<std::string> labels;
    for (int page = first; page <= last; ++page) {
        std::string text = pdfText(rendered.pdf, page, page, true);
        std::vector<std::string> words = splitWords(text);
        int headers = static_cast<int>(std::count(words.begin(), words.end(), "Кілтбаған"));
        BOOST_TEST(headers == 1, "page " << page << " has the header row " << headers << " times");
        // The header row comes before the first row of the page.
        auto header = std::find(words.begin(), words.end(), "Кілтбаған");
        auto firstRow = std::find_if(words.begin(), words.end(),
                                     [](const std::string& w) { return w.starts_with("жол1"); });
        BOOST_TEST((header < firstRow), "page " << page);
        for (const std::string& word : words)
            if (std::regex_match(word, std::regex("жол1\\d{3}"))) labels.push_back(word);
    }
    // Every row once, in order (rows with long text repeat the label at their end).
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    BOOST_TEST_REQUIRE(labels.size() == 200u);
    for (int row = 1; row <= 200; ++row)
        BOOST_TEST(labels[static_cast<std::size_t>(row - 1)] == "жол" + std::to_string(1000 + row));
    std::vector<std::string> all = splitWords(pdfText(rendered.pdf, 1, pages, true));
    for (int row = 1; row <= 200; ++row) {
        std::string description = "сипат" + std::to_string(1000 + row);
        if (row % 7 != 0)
            BOOST_TEST(std::count(all.begin(), all.end(), description) == 1, description);
    }
}

BOOST_AUTO_TEST_CASE(title_page_of_every_profile_shows_approval_code_edition_and_dates) {
    content::Content content = loadContent(fixture("all-elements.xml"));
    const std::vector<std::string> common = {"ЖН-ТЕСТ-01", "І. Ң. Ұзақов"};
    const std::map<std::string, std::vector<std::string>> expected = {
        {"wkatu",
         {"БЕКІТЕМІН", "«15» ақпан 2023 ж.", "№ 02 басылым", "Дайындаған: 01.02.2023 ж.",
          "Келісілді: 10.02.2023 ж.", "Енгізілді: 01.03.2023 ж.", "ЖН-ТЕСТ-01 15.01.2021 ж. орнына",
          "Қайта қаралуы: 01.03.2026 ж."}},
        {"kru",
         {"БЕКІТЕМІН", "«15» ақпан 2023 ж.", "№ 02 басылым", "Дайындаған: 01.02.2023 ж.",
          "Келісілді: 10.02.2023 ж.", "Енгізілді: 01.03.2023 ж.", "Қайта қаралуы: 01.03.2026 ж."}},
        {"kru-ln",
         {"БЕКІТЕМІН", "«15» ақпан 2023 ж.", "№ 02 басылым", "Дайындаған: 01.02.2023 ж.",
          "Енгізілді: 01.03.2023 ж.", "Қайта қаралуы: 01.03.2026 ж."}},
        {"satbayev",
         {"ӘЗІРЛЕНДІ", "Ә. Ғ. Құрманова", "2023 жылғы «01» 02", "КЕЛІСІЛДІ", "Қ. Ә. Бекова",
          "2023 жылғы «09» 02", "№ 27-Ж шешімімен БЕКІТІЛДІ", "2023 жылғы «15» 02",
          "№1 редакцияның орнына ЕНГІЗІЛДІ", "№2 редакция", "Қайта қаралуы: 01.03.2026 ж."}},
        {"default",
         {"БЕКІТЕМІН", "«15» ақпан 2023 ж.", "№ 02 басылым", "Дайындаған: 01.02.2023 ж.",
          "Енгізілді: 01.03.2023 ж.", "Қайта қаралуы: 01.03.2026 ж."}},
    };
    std::vector<std::string> names = render::reader::listProfiles(profileDirectory());
    BOOST_TEST(names.size() >= 5u);
    for (const std::string& name : names) {
        BOOST_TEST_CONTEXT("profile " << name) {
            BOOST_TEST_REQUIRE(expected.count(name) == 1u, "no expectations for a new profile");
            Rendered rendered = renderTo(content, name, "title-" + name);
            int titlePages = rendered.stats.bodyPage - 1;
            BOOST_TEST_REQUIRE(titlePages >= 1);
            std::string text = normalise(pdfText(rendered.pdf, 1, titlePages));
            std::vector<std::string> wanted = common;
            wanted.insert(wanted.end(), expected.at(name).begin(), expected.at(name).end());
            for (const std::string& item : wanted)
                BOOST_TEST(text.find(normalise(item)) != std::string::npos,
                           item << " in: " << text);
            // PNGs of the title page(s) for the visual check.
            for (int page = 1; page <= std::min(titlePages, 2); ++page)
                writePng(rendered, page,
                         pngDirectory() / (name + "-title-" + std::to_string(page)));
            fs::path png = pngDirectory() / (name + "-title-1.png");
            BOOST_TEST_REQUIRE(fs::exists(png));
            BOOST_TEST(fs::file_size(png) > 20000u);
        }
    }
    // And the corpus documents with their own profiles.
    const std::pair<const char*, const char*> corpus[] = {
        {"000-wkatu-coworking.xml", "wkatu"},
        {"002-satbayev-excerpt.xml", "satbayev"},
        {"003-kru-software-dept.xml", "kru"},
        {"render/001-kru-distance-learning.xml", "kru-ln"}};
    for (const auto& [file, name] : corpus) {
        content::Content edition = loadContent(fixture(file));
        Rendered rendered = renderTo(edition, name, "corpus-" + std::string(name));
        std::string text = normalise(pdfText(rendered.pdf, 1, rendered.stats.bodyPage - 1));
        BOOST_TEST(text.find(normalise(edition.meta.code)) != std::string::npos, text);
        for (int page = 1; page <= std::min(rendered.stats.bodyPage - 1, 2); ++page)
            writePng(rendered, page,
                     pngDirectory() /
                         ("corpus-" + std::string(name) + "-title-" + std::to_string(page)));
        BOOST_TEST(fs::exists(pngDirectory() / ("corpus-" + std::string(name) + "-title-1.png")));
    }
}

BOOST_AUTO_TEST_CASE(word_order_check_joins_words_only_at_line_end_hyphens) {
    std::set<std::string> furniture{"сәтбаев", "беттің"};
    std::vector<std::string> expected{"Ішкі", "құжатталған", "іс-шаралар"};
    // Hyphenated at line ends (a drawn hyphen, the word's own), across the
    // running header of a new page too.
    BOOST_TEST(matchInOrder(expected, {"Ішкі", "құжат-", "тал-", "ған", "іс-", "шаралар"},
                            furniture) == "");
    BOOST_TEST(matchInOrder(expected,
                            {"Ішкі", "құжат-", "СӘТБАЕВ", "12", "беттің", "талған", "іс-шаралар"},
                            furniture) == "");
    // Split without a hyphen, or pieces that do not make the word: not found.
    BOOST_TEST(matchInOrder(expected, {"Ішкі", "құжат", "талған", "іс-шаралар"}, furniture) != "");
    BOOST_TEST(matchInOrder(expected, {"Ішкі", "құжат-", "талғ", "ан", "іс-шаралар"}, furniture) !=
               "");
    BOOST_TEST(matchInOrder(expected, {"Ішкі", "құжатталған", "ісшаралар"}, furniture) != "");
}

// Issue 17: a print of six pages or more deflates its pages' content on a
// second thread while the first embeds the font subsets; the file is the
// same bytes as the one made on one thread. PoDoFo dates the file
// (/CreationDate, and the /ID made from it), so those are set aside, and
// the print is repeated once should the second have changed.
BOOST_AUTO_TEST_CASE(a_print_with_its_helper_thread_is_the_same_bytes_as_one_on_one_thread) {
    content::Content content = loadContent(fixture("render/002-satbayev-imported.xml"));
    profile::Profile profile = loadNamedProfile(profileFor(content));
    const render::SealMark seal{"TEST", "2026-11-23 10:15:04 UTC", std::string(64, 'a'),
                                "http://localhost:8080/verify/1/" + std::string(64, 'a')};
    static const std::regex dated(
        R"(/CreationDate\s*\(D:[^)]*\)|/ID\s*\[<[0-9A-F]*>\s*<[0-9A-F]*>\])");
    auto print = [&](render::Helpers helpers) {
        render::RenderStats stats;
        auto pdf = render::renderPdf(content, profile, {}, &stats, &seal, nullptr, helpers);
        BOOST_TEST_REQUIRE(pdf.has_value(), (pdf ? "" : pdf.error().message));
        BOOST_TEST_REQUIRE(stats.pages >= 6);  // enough pages for the helper to start
        return std::make_pair(std::regex_replace(*pdf, dated, "(dated)"), pdf->size());
    };
    auto one = print(render::Helpers::None);
    auto two = print(render::Helpers::WhenWorthIt);
    BOOST_TEST(two.second == one.second);
    BOOST_TEST((two.first == one.first), "the prints differ beyond their date");
    BOOST_TEST(one.first.find("(dated)") != std::string::npos);
    BOOST_TEST(one.first.find("/FlateDecode") != std::string::npos);
}
