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

BOOST_AUTO_TEST_CASE(column_widths_from_content_with_hints_as_hints) {
    // A numbers column (cannot break, short) and two text columns.
    std::vector<CellExtent> cells{{0, 1, 20, 20}, {1, 1, 60, 400}, {2, 1, 50, 200},
                                  {0, 1, 22, 22}, {1, 1, 40, 300}, {2, 1, 70, 250}};
    std::vector<float> widths = columnWidths(3, cells, {}, 300);
    BOOST_TEST_REQUIRE(widths.size() == 3u);
    BOOST_TEST(std::abs(widths[0] + widths[1] + widths[2] - 300) < 0.01);
    BOOST_TEST(std::abs(widths[0] - 22) < 0.01);  // its preferred width: its content fits
    // The rest in proportion to preferred - minimum: (400 - 60) : (250 - 70).
    BOOST_TEST(std::abs((widths[1] - 60) / (widths[2] - 70) - 340.0f / 180.0f) < 0.01);
    // Everything fits: preferred widths, the rest in proportion to them.
    widths = columnWidths(3, cells, {}, 1344);
    BOOST_TEST(std::abs(widths[0] - 44) < 0.01);
    BOOST_TEST(std::abs(widths[1] - 800) < 0.01);
    // Hints are honoured...
    widths = columnWidths(3, cells, {20, 40, 40}, 300);
    BOOST_TEST(std::abs(widths[0] - 60) < 0.01);
    BOOST_TEST(std::abs(widths[1] - 120) < 0.01);
    // ... unless a column would be narrower than its minimum: it gets its
    // minimum, the others give it up in proportion to their room.
    widths = columnWidths(3, cells, {2, 49, 49}, 300);
    BOOST_TEST(std::abs(widths[0] - 22) < 0.01);
    BOOST_TEST(std::abs(widths[0] + widths[1] + widths[2] - 300) < 0.01);
    BOOST_TEST(widths[1] >= 60.0f);
    // Equal hints (a word processor's default grid) say nothing: content decides.
    BOOST_TEST(columnWidths(3, cells, {1927, 1927, 1928}, 300) == columnWidths(3, cells, {}, 300));
    // A spanning cell wider than its columns widens them.
    std::vector<CellExtent> spanning{{0, 1, 20, 20}, {1, 1, 20, 20}, {0, 2, 100, 100}};
    widths = columnWidths(2, spanning, {}, 90);
    BOOST_TEST(std::abs(widths[0] - 45) < 0.01);
    // Minimums wider than the table: scaled down alike.
    widths = columnWidths(2, {{0, 1, 100, 100}, {1, 1, 300, 300}}, {}, 200);
    BOOST_TEST(std::abs(widths[0] - 50) < 0.01);
}

BOOST_AUTO_TEST_CASE(hyphenation_keeps_justified_kazakh_lines_tight) {
    auto files = resolveFontFiles(test::loadNamedProfile("default").fonts);
    BOOST_TEST_REQUIRE(files.has_value());
    PoDoFo::PdfMemDocument document;
    FontSet fonts(document, *files);
    Style style{Face::Regular, 12, 0, false};
    // Two definitions of corpus 002, in a 240-point column.
    std::vector<Span> spans = spansOf(
        std::string("Кітапханалық қызмет – Кітапхана пайдаланушысының белгілі бір қажеттілігін "
                    "қанағаттандыратын кітапханалық қызмет көрсетудің нақты нәтижесі "
                    "(құжаттарды беру және абонементтер, құжаттар, анықтамалар, көрмелер, "
                    "кеңестер туралы ақпарат). Кітапханалық қызмет көрсету – Кітапхана "
                    "қызметтерін ұсыну арқылы пайдаланушылардың қажеттіліктерін "
                    "қанағаттандыру үшін кітапхана қызметінің әртүрлі түрлерінің жиынтығы."),
        style);
    auto widestSpace = [&](Hyphenation* hyphenator, LineStats& stats, int& loose) {
        ParagraphFormat format{240, 0, 0, profile::Align::Justify, 1.15f, hyphenator, &stats};
        std::vector<Slab> slabs = breakLines(fonts, spans, format);
        float widest = 0;
        for (std::size_t i = 0; i + 1 < slabs.size(); ++i) {
            const PlacedText& text = slabs[i].texts.at(0);
            widest = std::max(widest, text.line.wordSpacing);
            loose += text.line.wordSpacing > 0.3f * 12 ? 1 : 0;
            const Glyphs& last = text.line.pieces.back();
            BOOST_TEST(std::abs(text.x + last.x + last.width - 240.0f) < 0.05f);  // justified
        }
        return widest;
    };
    LineStats plain, hyphenated;
    int looseWithout = 0, looseWith = 0;
    float without = widestSpace(nullptr, plain, looseWithout);
    Hyphenation kazakh(Hyphenator::forLanguage(Language::Kazakh));
    float with = widestSpace(&kazakh, hyphenated, looseWith);
    BOOST_TEST_MESSAGE("widest extra word space: " << without << " pt without hyphenation, " << with
                                                   << " pt with; lines with spaces stretched "
                                                      "over 0.3 em: "
                                                   << looseWithout << " without, " << looseWith
                                                   << " with");
    BOOST_TEST(plain.hyphenated == 0);
    BOOST_TEST(hyphenated.hyphenated > 0);
    BOOST_TEST(hyphenated.forced == 0);
    BOOST_TEST(with < without / 4);
    // Spaces stretch by more than 0.3 em only where no hyphenation point of
    // the next word fits (greedy breaking), and by less than 0.75 em.
    BOOST_TEST(looseWith * 3 <= looseWithout);
    BOOST_TEST(with < 0.75f * 12);
}

BOOST_AUTO_TEST_CASE(a_word_longer_than_its_column_breaks_between_letters_and_is_counted) {
    auto files = resolveFontFiles(test::loadNamedProfile("default").fonts);
    BOOST_TEST_REQUIRE(files.has_value());
    PoDoFo::PdfMemDocument document;
    FontSet fonts(document, *files);
    Style style{Face::Regular, 12, 0, false};
    LineStats stats;
    Hyphenation kazakh(Hyphenator::forLanguage(Language::Kazakh));
    ParagraphFormat format{30, 0, 0, profile::Align::Left, 1.15f, &kazakh, &stats};
    // A code has no hyphenation point: broken as a last resort, and counted.
    std::vector<Slab> slabs = breakLines(fonts, spansOf(std::string("ҚазҰТЗУ607"), style), format);
    BOOST_TEST(slabs.size() >= 2u);
    BOOST_TEST(stats.forced == static_cast<int>(slabs.size()) - 1);
    BOOST_TEST(stats.hyphenated == 0);
    // A word with hyphenation points breaks at them, with a hyphen drawn.
    stats = {};
    format.width = 60;
    slabs = breakLines(fonts, spansOf(std::string("құжатталған"), style), format);
    BOOST_TEST_REQUIRE(slabs.size() >= 2u);
    BOOST_TEST(stats.forced == 0);
    BOOST_TEST(stats.hyphenated == static_cast<int>(slabs.size()) - 1);
    const std::u32string& first = slabs[0].texts.at(0).line.pieces.back().text;
    BOOST_TEST((first == U"құ-" || first == U"құжат-" || first == U"құжаттал-"));
}
