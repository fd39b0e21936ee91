// The visible seal of an issued PDF: the seal block after the sheets (QR
// code of the verify URL and the wording in the edition's language), its
// place reported in RenderStats::seal, the footer QR code of a footerQr
// profile on every page; checked on real PDFs with qpdf, pdftotext and
// zbarimg reading pdftoppm's raster. Plus the QR drawing and the
// paginator's keep-together of the block, on hand-made input.
#include <boost/test/unit_test.hpp>

#include <regex>
#include <sstream>

#include "render/PdfTools.h"
#include "render/RenderFixture.h"
#include "render/detail/Builder.h"
#include "support/TestSupport.h"

using namespace nusqa;
using namespace nusqa::test;
namespace fs = std::filesystem;

namespace {

const std::string kSha256 = "3f6c0a1e9b2d4c5f7a8e0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e";

render::SealMark sealMark() {
    return {"«Сәтбаев университеті» ҚеАҚ электрондық мөрі", "2026-11-23 10:15:04 UTC", kSha256,
            "http://localhost:8080/verify/12/" + kSha256};
}

// The lines zbarimg prints for page of pdf rasterised at 200 dpi: one per
// code found, nothing when none. Only its stdout: on stderr it may complain
// about D-Bus, so a missing zbarimg is ruled out beforehand.
std::vector<std::string> qrCodesOn(const fs::path& pdf, int page) {
    static const bool zbar =
        std::regex_search(runCommand("zbarimg --version"), std::regex("\\d+\\.\\d+"));
    BOOST_TEST_REQUIRE(zbar, "zbarimg (zbar-tools) is not installed");
    fs::path png = pngDirectory() / (pdf.stem().string() + "-qr-" + std::to_string(page));
    fs::remove(png.string() + ".png");
    runCommand("pdftoppm -r 200 -png -singlefile -f " + std::to_string(page) + " -l " +
               std::to_string(page) + " '" + pdf.string() + "' '" + png.string() + "'");
    BOOST_TEST_REQUIRE(fs::exists(png.string() + ".png"));
    std::istringstream output(
        runCommand("(zbarimg --raw -q '" + png.string() + ".png' 2>/dev/null)"));
    std::vector<std::string> codes;
    for (std::string line; std::getline(output, line);)
        if (!line.empty()) codes.push_back(line);
    return codes;
}

std::string withoutSpaces(const std::string& text) {
    std::string result;
    for (char c : withPlainSpaces(text))
        if (c != ' ' && c != '\n' && c != '\f' && c != '\r' && c != '\t') result += c;
    return result;
}

struct Box {
    double left, top, right, bottom;  // top-left origin, points

    bool overlaps(const Box& other) const {
        return left < other.right && other.left < right && top < other.bottom && other.top < bottom;
    }
};

// The white ground of every QR code on the page ("1 g" then "x y w h re"),
// in top-left coordinates.
std::vector<Box> qrSquares(const std::string& stream, double pageHeight) {
    static const std::regex ground("1 g\\n([-\\d.]+) ([-\\d.]+) ([-\\d.]+) ([-\\d.]+) re");
    std::vector<Box> boxes;
    for (auto it = std::sregex_iterator(stream.begin(), stream.end(), ground);
         it != std::sregex_iterator(); ++it) {
        double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
        double width = std::stod((*it)[3]), height = std::stod((*it)[4]);
        boxes.push_back({x, pageHeight - y - height, x + width, pageHeight - y});
    }
    return boxes;
}

// Every word of page as pdftotext -bbox places it.
std::vector<Box> wordBoxes(const fs::path& pdf, int page) {
    std::string html = runCommand("pdftotext -q -bbox -f " + std::to_string(page) + " -l " +
                                  std::to_string(page) + " '" + pdf.string() + "' -");
    static const std::regex word(
        "<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">");
    std::vector<Box> boxes;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), word);
         it != std::sregex_iterator(); ++it)
        boxes.push_back(
            {std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
    return boxes;
}

// Every stroked segment ("x1 y1 m x2 y2 l S") as its bounding box.
std::vector<Box> ruleBoxes(const std::string& stream, double pageHeight) {
    static const std::regex rule("([-\\d.]+) ([-\\d.]+) m ([-\\d.]+) ([-\\d.]+) l S");
    std::vector<Box> boxes;
    for (auto it = std::sregex_iterator(stream.begin(), stream.end(), rule);
         it != std::sregex_iterator(); ++it) {
        double x1 = std::stod((*it)[1]), y1 = pageHeight - std::stod((*it)[2]);
        double x2 = std::stod((*it)[3]), y2 = pageHeight - std::stod((*it)[4]);
        boxes.push_back({std::min(x1, x2) - 0.01, std::min(y1, y2) - 0.01, std::max(x1, x2) + 0.01,
                         std::max(y1, y2) + 0.01});
    }
    return boxes;
}

void checkQpdf(const Rendered& rendered) {
    std::string check = runCommand("qpdf --check '" + rendered.pdf.string() + "'");
    BOOST_TEST(check.find("No syntax or stream encoding errors found") != std::string::npos, check);
    BOOST_TEST(check.find("WARNING") == std::string::npos, check);
}

// The box is on the last page, inside the text column and the margins.
void checkSealBox(const Rendered& rendered) {
    const render::SealBox& box = rendered.stats.seal;
    const profile::PageGeometry& page = rendered.profile.page;
    BOOST_TEST(box.page == rendered.stats.pages);
    BOOST_TEST(box.page == pdfPageCount(rendered.pdf));
    BOOST_TEST(box.width > 200);
    BOOST_TEST(box.height > 70);  // the 25 mm code and its quiet zone
    BOOST_TEST(box.left >= page.marginLeft - 0.01);
    BOOST_TEST(box.left + box.width <= page.width - page.marginRight + 0.01);
    BOOST_TEST(box.bottom >= page.marginBottom - 0.01);
    BOOST_TEST(box.bottom + box.height <= page.height - page.marginTop + 0.01);
}

struct Wording {
    std::string title, sealedBy, sealedAt, sha256, verify;
};

const Wording kKazakh{"Электрондық мөрмен куәландырылды",
                      "Мөр иесі: ", "Уақыты (UTC): ", "Басылым SHA-256:", "Тексеру: "};
const Wording kRussian{"Заверено электронной печатью",
                       "Владелец печати: ", "Время (UTC): ", "SHA-256 редакции:", "Проверка: "};

void checkSealText(const Rendered& rendered, const Wording& words) {
    const render::SealMark seal = sealMark();
    std::string text = pdfText(rendered.pdf, rendered.stats.pages, rendered.stats.pages);
    std::string flat = normalise(text);
    BOOST_TEST(flat.find(words.title) != std::string::npos, flat);
    BOOST_TEST(flat.find(words.sealedBy + seal.sealedBy) != std::string::npos, flat);
    BOOST_TEST(flat.find(words.sealedAt + seal.sealedAt) != std::string::npos, flat);
    BOOST_TEST(flat.find(words.sha256) != std::string::npos, flat);
    BOOST_TEST(flat.find(words.verify + "http://localhost:8080/verify/12/") != std::string::npos,
               flat);
    // The hash and the URL may be broken across lines.
    BOOST_TEST(withoutSpaces(text).find(withoutSpaces(words.sha256) + seal.editionSha256) !=
                   std::string::npos,
               text);
    BOOST_TEST(withoutSpaces(text).find(seal.verifyUrl) != std::string::npos, text);
}

// No word and no rule on any page touches a QR code's square.
void checkQrSquaresAreClear(const Rendered& rendered, std::size_t perPage) {
    double height = rendered.profile.page.height;
    std::vector<std::string> streams = pageContentStreams(rendered.pdf, outputDirectory());
    BOOST_TEST_REQUIRE(streams.size() == static_cast<std::size_t>(rendered.stats.pages));
    for (int page = 1; page <= rendered.stats.pages; ++page) {
        const std::string& stream = streams[static_cast<std::size_t>(page - 1)];
        std::vector<Box> squares = qrSquares(stream, height);
        bool last = page == rendered.stats.pages;
        BOOST_TEST(squares.size() == perPage + (last ? 1u : 0u), "page " << page);
        std::vector<Box> ink = wordBoxes(rendered.pdf, page);
        std::vector<Box> rules = ruleBoxes(stream, height);
        ink.insert(ink.end(), rules.begin(), rules.end());
        for (const Box& square : squares) {
            BOOST_TEST(square.bottom <= height + 0.01);
            for (const Box& mark : ink)
                BOOST_TEST(!square.overlaps(mark), "page " << page << ": ink at " << mark.left
                                                           << "," << mark.top << " on a QR code");
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(sealed_pdf_ends_with_the_seal_block_whose_qr_code_reads_the_verify_url) {
    const render::SealMark seal = sealMark();
    struct Case {
        const char* fixture;
        const char* profile;
        bool footerQr;
    };
    for (const Case& each : {Case{"000-wkatu-coworking.xml", "wkatu", false},
                             Case{"002-satbayev-excerpt.xml", "satbayev", true}}) {
        BOOST_TEST_CONTEXT(each.profile) {
            content::Content content = loadContent(fixture(each.fixture));
            Rendered rendered =
                renderTo(content, each.profile, std::string("sealed-") + each.profile, {}, &seal);
            BOOST_TEST(rendered.profile.footerQr == each.footerQr);
            checkQpdf(rendered);
            checkSealBox(rendered);
            checkSealText(rendered, kKazakh);
            checkQrSquaresAreClear(rendered, each.footerQr ? 1 : 0);

            // The block's code, and on satbayev the footer's too.
            std::vector<std::string> last = qrCodesOn(rendered.pdf, rendered.stats.pages);
            BOOST_TEST(last.size() == (each.footerQr ? 2u : 1u));
            for (const std::string& code : last) BOOST_TEST(code == seal.verifyUrl);
            std::vector<std::string> second = qrCodesOn(rendered.pdf, 2);
            BOOST_TEST(second.size() == (each.footerQr ? 1u : 0u));
            for (const std::string& code : second) BOOST_TEST(code == seal.verifyUrl);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_seal_shares_the_last_page_with_the_familiarization_sheet) {
    // The sheet's empty rows stop short of the block instead of pushing it
    // onto a page of its own; with no footer QR nothing else moves.
    const render::SealMark seal = sealMark();
    content::Content content = loadContent(fixture("000-wkatu-coworking.xml"));
    Rendered plain = renderTo(content, "wkatu", "unsealed-wkatu");
    Rendered sealed = renderTo(content, "wkatu", "sealed-wkatu-pages", {}, &seal);
    BOOST_TEST(sealed.stats.pages == plain.stats.pages);
    BOOST_TEST(sealed.stats.sheetPage == plain.stats.sheetPage);
    BOOST_TEST(normalise(pdfText(sealed.pdf, sealed.stats.pages, sealed.stats.pages))
                   .find("ТАНЫСУ ПАРАҒЫ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_russian_edition_gets_the_russian_seal_wording) {
    const render::SealMark seal = sealMark();
    content::Content content = loadContent(fixture("000-wkatu-coworking.xml"));
    content.meta.language = Language::Russian;
    Rendered rendered = renderTo(content, "wkatu", "sealed-wkatu-ru", {}, &seal);
    checkQpdf(rendered);
    checkSealBox(rendered);
    checkSealText(rendered, kRussian);
    BOOST_TEST(normalise(pdfText(rendered.pdf, rendered.stats.pages, rendered.stats.pages))
                   .find(kKazakh.title) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(without_a_seal_mark_there_is_no_seal_and_no_qr_code) {
    for (const auto& [file, profile] : {std::pair{"000-wkatu-coworking.xml", "wkatu"},
                                        std::pair{"002-satbayev-excerpt.xml", "satbayev"}}) {
        BOOST_TEST_CONTEXT(profile) {
            Rendered rendered =
                renderTo(loadContent(fixture(file)), profile, std::string("unsealed-") + profile);
            BOOST_TEST(rendered.stats.seal.page == 0);
            BOOST_TEST(rendered.stats.seal.width == 0);
            std::string text =
                normalise(pdfText(rendered.pdf, rendered.stats.pages, rendered.stats.pages));
            BOOST_TEST(text.find(kKazakh.title) == std::string::npos);
            BOOST_TEST(text.find("/verify/") == std::string::npos);
            BOOST_TEST(qrCodesOn(rendered.pdf, rendered.stats.pages).empty());
            BOOST_TEST(qrCodesOn(rendered.pdf, 2).empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(qr_modules_are_drawn_as_one_rectangle_per_dark_run_on_a_white_square) {
    auto code = render::encodeQr(sealMark().verifyUrl);
    BOOST_TEST_REQUIRE(code.has_value());
    BOOST_TEST(code->width >= 21);
    BOOST_TEST((code->width - 17) % 4 == 0);  // versions grow by four modules
    std::vector<render::Fill> fills = render::qrFills(*code, 10, 20, 2);
    BOOST_TEST_REQUIRE(!fills.empty());
    const render::Fill& ground = fills.front();
    BOOST_TEST(ground.gray == 1);
    BOOST_TEST(ground.x == 10);
    BOOST_TEST(ground.y == 20);
    BOOST_TEST(ground.width == 2.0f * static_cast<float>(code->width + 8));  // 4-module quiet zone
    int runs = 0, dark = 0;
    for (int y = 0; y < code->width; ++y)
        for (int x = 0; x < code->width; ++x) {
            dark += code->at(x, y) ? 1 : 0;
            runs += code->at(x, y) && (x == 0 || !code->at(x - 1, y)) ? 1 : 0;
        }
    BOOST_TEST(fills.size() == static_cast<std::size_t>(runs) + 1);
    float area = 0;
    for (std::size_t i = 1; i < fills.size(); ++i) {
        BOOST_TEST(fills[i].gray == 0);
        BOOST_TEST(fills[i].x >= 18);  // inside the quiet zone
        BOOST_TEST(fills[i].y >= 28);
        area += fills[i].width * fills[i].height;
    }
    BOOST_TEST(area == 4.0f * static_cast<float>(dark));

    auto tooLong = render::encodeQr(std::string(8000, 'a'));
    BOOST_TEST_REQUIRE(!tooLong.has_value());
    BOOST_TEST((tooLong.error().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(the_seal_block_stays_whole_after_a_table_that_fills_its_page) {
    using namespace nusqa::render;
    auto filled = [](int rows) {
        auto table = std::make_shared<TableBox>();
        table->columnX = {0, 100};
        RowBox row;
        row.height = 10;
        row.cells.push_back(CellBox{});
        for (int r = 0; r < rows; ++r) table->rows.push_back(row);
        table->fillPage = true;
        table->emptyRow = row;
        FlowItem item;
        item.kind = FlowItem::Kind::Table;
        item.table = table;
        return item;
    };
    FlowItem seal;
    seal.lines.push_back(Slab{30, {}, {}, {}});
    seal.keepTogether = true;
    seal.mark = FlowItem::Mark::Seal;
    PageArea area{0, 0, 0, 100};  // ten rows per page

    // Three rows: four empty rows, then the block in the last 30 points.
    Pagination room = paginate({filled(3), seal}, area, 0);
    BOOST_TEST(room.pages.size() == 1u);
    BOOST_TEST(room.seal.page == 1);
    BOOST_TEST(room.seal.top == 70);

    // Eight rows leave 20 points: the page is filled, the block moves on.
    Pagination full = paginate({filled(8), seal}, area, 0);
    BOOST_TEST(full.pages.size() == 2u);
    BOOST_TEST(full.seal.page == 2);
    BOOST_TEST(full.seal.top == 0);
}
