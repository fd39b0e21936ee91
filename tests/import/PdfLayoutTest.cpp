// The PDF layout (import/pdf/PdfLayout.h) on synthetic pages: words placed
// as a typesetter places them (a paragraph broken greedily at the column's
// width), so each rule is shown on text whose geometry is known: lines
// rebuilt by position, word gaps as spaces, hyphenated line ends joined,
// wrapped lines joined unless a clause starts, running headers and page
// numbers removed and handed on, rotated text set aside, an empty PDF.
#include <boost/test/unit_test.hpp>

#include "import/detail/Utf8.h"
#include "import/pdf/PdfLayout.h"

namespace nusqa::test {
namespace {

using import::pdf::PdfPage;
using import::pdf::PdfText;
using import::pdf::TextBox;

constexpr double kLeft = 72, kWidth = 430, kSize = 12, kPitch = 16;
constexpr double kCharWidth = 6.2, kSpace = 3.3;

std::size_t codePoints(const std::string& text) {
    std::size_t count = 0;
    for (unsigned char c : text) count += (c & 0xC0) != 0x80;
    return count;
}

// A page being filled top to bottom.
struct PageWriter {
    PdfPage page{595, 842, {}};
    double y = 90;

    void word(double x, const std::string& text, bool spaceAfter) {
        TextBox box;
        box.left = x;
        box.right = x + kCharWidth * static_cast<double>(codePoints(text));
        box.top = y;
        box.bottom = y + kSize;
        box.fontSize = kSize;
        box.spaceAfter = spaceAfter;
        box.text = text;
        page.boxes.push_back(box);
    }

    // One line of words from x.
    void line(const std::string& text, double x = kLeft) {
        std::vector<std::string> words;
        std::string current;
        for (char c : text + " ") {
            if (c != ' ') {
                current += c;
            } else if (!current.empty()) {
                words.push_back(current);
                current.clear();
            }
        }
        for (std::size_t i = 0; i < words.size(); ++i) {
            word(x, words[i], i + 1 < words.size());
            x += kCharWidth * static_cast<double>(codePoints(words[i])) + kSpace;
        }
        y += kPitch;
    }

    // A paragraph broken greedily at the column's width; a word given as
    // "ресурс-|тарды" is broken there with a hyphen when it does not fit.
    void paragraph(const std::string& text) {
        std::vector<std::string> words;
        std::string current;
        for (char c : text + " ") {
            if (c != ' ') {
                current += c;
            } else if (!current.empty()) {
                words.push_back(current);
                current.clear();
            }
        }
        std::string line;
        auto width = [](const std::string& t) {
            return kCharWidth * static_cast<double>(codePoints(t)) +
                   kSpace * static_cast<double>(std::count(t.begin(), t.end(), ' '));
        };
        for (std::string word : words) {
            std::size_t bar = word.find('|');
            std::string whole = word;
            if (bar != std::string::npos) whole.erase(bar, 1);
            std::string candidate = line.empty() ? whole : line + " " + whole;
            if (width(candidate) <= kWidth) {
                line = candidate;
                continue;
            }
            if (bar != std::string::npos) {
                std::string head = word.substr(0, bar);
                std::string withHead = line.empty() ? head : line + " " + head;
                if (width(withHead) <= kWidth) {
                    this->line(withHead);
                    line = word.substr(bar + 1);
                    continue;
                }
            }
            this->line(line);
            line = whole;
        }
        if (!line.empty()) this->line(line);
    }
};

std::vector<std::string> paragraphs(const import::SourceDocument& document) {
    std::vector<std::string> out;
    for (const import::SourceBlock& block : document.blocks)
        if (!block.isTable() && !import::trim(block.paragraph().text()).empty())
            out.push_back(block.paragraph().text());
    return out;
}

// The paragraphs one per line, for messages.
std::string shown(const std::vector<std::string>& paragraphs) {
    std::string out;
    for (const std::string& text : paragraphs) out += "\n  " + text;
    return out;
}

import::SourceDocument layout(const std::vector<PdfPage>& pages) {
    PdfText text;
    text.pages = pages;
    text.pagesInFile = static_cast<int>(pages.size());
    auto document = import::pdf::layoutSource(text, "synthetic.pdf", 1000);
    if (!document) throw std::runtime_error(document.error().message);
    return std::move(*document);
}

const std::string kLong =
    "1.1 Ғылыми кітапхана университеттің оқу және ғылыми процестерін ақпараттық "
    "ресурстармен қамтамасыз етеді, жаңа әдебиеттерді сатып алады, электрондық "
    "каталогты жүргізеді және оқырмандарға қызмет көрсетеді.";

}  // namespace

BOOST_AUTO_TEST_SUITE(pdf_layout)

BOOST_AUTO_TEST_CASE(wrapped_lines_become_one_paragraph_and_clauses_stay_apart) {
    PageWriter page;
    page.line("1 ЖАЛПЫ ЕРЕЖЕЛЕР");
    page.paragraph(kLong);
    page.paragraph(
        "1.2 Кітапхана қорын толықтыру жоспары жыл сайын бекітіледі және "
        "бөлімдермен келісіледі, оның орындалуы туралы есеп жасалады.");
    BOOST_TEST_REQUIRE(page.page.boxes.size() > 30u);
    std::vector<std::string> got = paragraphs(layout({page.page}));
    BOOST_TEST_REQUIRE(got.size() == 3u, shown(got));
    BOOST_TEST(got[0] == "1 ЖАЛПЫ ЕРЕЖЕЛЕР");
    BOOST_TEST(got[1] == kLong);
    BOOST_TEST(got[2].starts_with("1.2 Кітапхана"));
}

BOOST_AUTO_TEST_CASE(hyphenated_line_ends_are_joined) {
    PageWriter page;
    // «ресурстарды» is broken at the line end; the document spells it whole
    // elsewhere, so the hyphen was the typesetter's and goes.
    page.paragraph(
        "Ғылыми кітапхана университеттің барлық бөлімдерін ақпараттық "
        "ресурс|тарды пайдалану тәртібімен таныстырады және олардың "
        "сұраныстарын жинайды.");
    page.paragraph("Кітапхана ресурстарды сақтайды.");
    // «іс-шаралар» is a compound: broken at its own hyphen, it stays one.
    page.paragraph(
        "Кітапхана жыл сайын оқырмандар үшін көрмелер және мәдени-ағарту іс-|"
        "шараларын ұйымдастырады, оларға университеттің барлық қызметкерлерін "
        "шақырады.");
    std::vector<std::string> got = paragraphs(layout({page.page}));
    BOOST_TEST_REQUIRE(got.size() == 3u, shown(got));
    BOOST_TEST(got[0].find("ақпараттық ресурстарды пайдалану") != std::string::npos, got[0]);
    BOOST_TEST(got[2].find("іс-шараларын ұйымдастырады") != std::string::npos, got[2]);
}

BOOST_AUTO_TEST_CASE(running_headers_and_page_numbers_are_removed_and_handed_on) {
    std::vector<PdfPage> pages;
    for (int p = 1; p <= 3; ++p) {
        PageWriter page;
        page.y = 40;
        page.line("ЖН-ХХХ-07 Басылым 03 Күні 12.03.2024");
        page.y = 90;
        page.paragraph(p == 1 ? kLong
                       : p == 2 ? "1.2 Кітапхана қызметкерлері оқырмандарға кеңес береді."
                                : "1.3 Қор жыл сайын тексеріледі.");
        page.y = 800;
        page.line("3 беттің " + std::to_string(p) + "-і", 280);
        pages.push_back(page.page);
    }
    import::SourceDocument document = layout(pages);
    std::vector<std::string> got = paragraphs(document);
    BOOST_TEST_REQUIRE(got.size() == 3u, shown(got));
    for (const std::string& text : got) {
        BOOST_TEST(text.find("Басылым") == std::string::npos, text);
        BOOST_TEST(text.find("беттің") == std::string::npos, text);
    }
    std::size_t skipped = 0;
    for (const import::SkippedText& text : document.skipped) skipped += !text.text.empty();
    BOOST_TEST(skipped == 6u);
    bool header = false;
    for (const std::string& text : document.runningText)
        header = header || text.find("ЖН-ХХХ-07") != std::string::npos;
    BOOST_TEST(header);
}

BOOST_AUTO_TEST_CASE(a_label_glued_to_its_text_is_split) {
    PageWriter page;
    page.line("1)Қазақстан Республикасының Еңбек кодексі;");
    page.line("1.2.Коворкинг орталығы үш аймақтан тұрады.");
    page.line("а)оқу залы;");
    page.line("2022.Ұйым стандарты");  // a year, not a label
    page.line("3.т.б. қысқартулар");   // a full stop before lower case: no label
    std::vector<std::string> got = paragraphs(layout({page.page}));
    BOOST_TEST(got == (std::vector<std::string>{"1) Қазақстан Республикасының Еңбек кодексі;",
                                                "1.2. Коворкинг орталығы үш аймақтан тұрады.",
                                                "а) оқу залы;", "2022.Ұйым стандарты",
                                                "3.т.б. қысқартулар"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rotated_words_are_set_aside_and_an_empty_pdf_is_a_scan) {
    PageWriter page;
    page.paragraph(kLong);
    TextBox stamp;
    stamp.left = 500, stamp.right = 512, stamp.top = 300, stamp.bottom = 400;
    stamp.fontSize = 12, stamp.rotated = true, stamp.text = "КӨШІРМЕ";
    page.page.boxes.push_back(stamp);
    import::SourceDocument document = layout({page.page});
    BOOST_TEST(paragraphs(document) == std::vector<std::string>{kLong},
               boost::test_tools::per_element());
    bool listed = false;
    for (const import::SkippedText& text : document.skipped)
        listed = listed || (text.reason == "rotated-text" && text.text == "КӨШІРМЕ");
    BOOST_TEST(listed);

    PdfText scan;
    scan.pages.push_back(PdfPage{595, 842, {}});
    auto refused = import::pdf::layoutSource(scan, "scan.pdf", 10);
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().message.find("no text layer") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
