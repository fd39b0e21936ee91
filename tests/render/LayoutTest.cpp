// Unit tests of the layout engine's rules, on hand-made flow items (no
// PDF): keep-with-next, widow/orphan control, table header repetition;
// and line breaking with justification on the real fonts.
#include <boost/test/unit_test.hpp>

#include <podofo/podofo.h>

#include "render/RenderFixture.h"
#include "render/detail/Builder.h"

using namespace nusqa;
using namespace nusqa::render;

namespace {

Slab line(char32_t mark, float height = 10) {
    Slab slab;
    slab.height = height;
    TextLine text;
    text.pieces.push_back(Glyphs{Style{}, std::u32string(1, mark), 0, 5});
    slab.texts.push_back(PlacedText{0, height * 0.8f, text});
    return slab;
}

FlowItem lines(char32_t mark, int count, bool keepWithNext = false) {
    FlowItem item;
    for (int i = 0; i < count; ++i) item.lines.push_back(line(mark));
    item.keepWithNext = keepWithNext;
    return item;
}

int count(const Page& page, char32_t mark) {
    int n = 0;
    for (const PlacedText& text : page.texts)
        if (!text.line.pieces.empty() && text.line.pieces[0].text == std::u32string(1, mark)) ++n;
    return n;
}

PageArea area() {
    return PageArea{0, 0, 0, 100};
}  // ten 10-point lines per page

}  // namespace

BOOST_AUTO_TEST_CASE(heading_moves_to_the_next_page_with_what_follows) {
    std::vector<FlowItem> items{lines('a', 9), lines('H', 1, true), lines('b', 3)};
    Pagination result = paginate(items, area(), 0);
    BOOST_TEST_REQUIRE(result.pages.size() == 2u);
    BOOST_TEST(count(result.pages[0], 'H') == 0);
    BOOST_TEST(count(result.pages[1], 'H') == 1);
    BOOST_TEST(count(result.pages[1], 'b') == 3);
    // Chained headings travel together.
    std::vector<FlowItem> chained{lines('a', 7), lines('H', 1, true), lines('S', 1, true),
                                  lines('b', 4)};
    result = paginate(chained, area(), 0);
    BOOST_TEST(count(result.pages[0], 'H') == 0);
    BOOST_TEST(count(result.pages[1], 'S') == 1);
}

BOOST_AUTO_TEST_CASE(no_orphan_and_no_widow_lines) {
    // One line of room: the five-line paragraph goes whole to the next page.
    std::vector<FlowItem> orphan{lines('a', 9), lines('b', 5)};
    Pagination result = paginate(orphan, area(), 0);
    BOOST_TEST(count(result.pages[0], 'b') == 0);
    BOOST_TEST(count(result.pages[1], 'b') == 5);
    // Four lines of room for five: three stay, two go (never one alone).
    std::vector<FlowItem> widow{lines('a', 6), lines('b', 5)};
    result = paginate(widow, area(), 0);
    BOOST_TEST(count(result.pages[0], 'b') == 3);
    BOOST_TEST(count(result.pages[1], 'b') == 2);
    // A three-line paragraph is not split.
    std::vector<FlowItem> shortOne{lines('a', 8), lines('b', 3)};
    result = paginate(shortOne, area(), 0);
    BOOST_TEST(count(result.pages[1], 'b') == 3);
    // A paragraph longer than a page still flows.
    std::vector<FlowItem> longOne{lines('b', 25)};
    result = paginate(longOne, area(), 0);
    BOOST_TEST(result.pages.size() == 3u);
    BOOST_TEST(count(result.pages[0], 'b') + count(result.pages[1], 'b') +
                   count(result.pages[2], 'b') ==
               25);
}

BOOST_AUTO_TEST_CASE(table_rows_flow_with_the_header_on_every_page) {
    auto table = std::make_shared<TableBox>();
    table->columnX = {0, 50, 100};
    auto row = [](char32_t mark) {
        RowBox box;
        box.height = 10;
        for (int c = 0; c < 2; ++c) {
            CellBox cell;
            cell.column = c;
            cell.lines.push_back(line(mark, 4));
            cell.contentHeight = 10;
            box.cells.push_back(cell);
        }
        return box;
    };
    table->header.push_back(row('T'));
    for (int r = 0; r < 25; ++r) table->rows.push_back(row('r'));
    FlowItem item;
    item.kind = FlowItem::Kind::Table;
    item.table = table;
    Pagination result = paginate({item}, area(), 0);
    BOOST_TEST_REQUIRE(result.pages.size() == 3u);  // 9 + 9 + 7 rows
    int rows = 0;
    for (const Page& page : result.pages) {
        BOOST_TEST(count(page, 'T') == 2);  // two header cells
        rows += count(page, 'r');
    }
    BOOST_TEST(rows == 50);  // 25 rows x 2 cells, none lost or repeated
}

BOOST_AUTO_TEST_CASE(justified_lines_fill_the_column_and_kazakh_upper_case) {
    auto files = resolveFontFiles(test::loadNamedProfile("default").fonts);
    BOOST_TEST_REQUIRE(files.has_value());
    PoDoFo::PdfMemDocument document;
    FontSet fonts(document, *files);
    Style style{Face::Regular, 12, 0, false};
    std::vector<Span> spans = spansOf(
        std::string(
            "Коворкинг орталығы «Парасат» ақпараттық білім беру орталығында орналасқан және "
            "өз қызметіне қажетті мебелмен, компьютермен, ұйымдастыру техникаларымен, "
            "ағымдағы мерзімді басылымдармен қамтылған."),
        style);
    ParagraphFormat format{200, 20, 0, profile::Align::Justify, 1.15f};
    std::vector<Slab> slabs = breakLines(fonts, spans, format);
    BOOST_TEST_REQUIRE(slabs.size() >= 4u);
    for (std::size_t i = 0; i < slabs.size(); ++i) {
        const PlacedText& text = slabs[i].texts.at(0);
        const Glyphs& last = text.line.pieces.back();
        float right = text.x + last.x + last.width;
        if (i + 1 < slabs.size())
            BOOST_TEST(std::abs(right - 200.0f) < 0.05f, "line " << i << " ends at " << right);
        else
            BOOST_TEST(right < 200.0f);
        BOOST_TEST(text.x == (i == 0 ? 20.0f : 0.0f));
    }
    // Width measured per character agrees with PoDoFo's StringWidth.
    PoDoFo::PdfFont* font = fonts.font(Face::Regular);
    std::string sample = "Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі";
    double podofo = font->GetFontMetrics()->StringWidth(PoDoFo::PdfString(
                        reinterpret_cast<const PoDoFo::pdf_utf8*>(sample.c_str()))) *
                    12.0 / font->GetFontMetrics()->GetFontSize();
    BOOST_TEST(std::abs(fonts.width(style, decodeUtf8(sample)) - podofo) < 0.01);

    BOOST_TEST(encodeUtf8(std::u32string{toUpper(U'ә'), toUpper(U'ғ'), toUpper(U'қ'), toUpper(U'ң'),
                                         toUpper(U'ө'), toUpper(U'ұ'), toUpper(U'ү'), toUpper(U'һ'),
                                         toUpper(U'і'), toUpper(U'ё')}) == "ӘҒҚҢӨҰҮҺІЁ");
}
