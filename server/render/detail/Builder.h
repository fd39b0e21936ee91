// Private to render: the layout steps between the content and the pages.
//
//   layoutBody       body, forms and annexes -> flow items (fills contents)
//   layoutSheets     change / agreement / familiarization sheets
//   layoutTitlePage  the profile's title page items, the contents
//   layoutSeal       the seal block of a sealed PDF (QR code and wording)
//   paginate         flow items -> pages (keep-with-next, widows/orphans,
//                    table header rows repeated after a page break)
//   paintFurniture   running header and footer of one page
//   writePdf         pages -> PDF bytes
//
// All run on one thread for one document (Context is not shared); writePdf
// may deflate pages on a second thread of its own (zlib only, no PoDoFo).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "domain/Content.h"
#include "domain/Profile.h"
#include "render/Render.h"
#include "render/detail/Fields.h"
#include "render/detail/Fonts.h"
#include "render/detail/Layout.h"
#include "render/detail/Text.h"

namespace PoDoFo {
class PdfMemDocument;
}

namespace nusqa::render {

// The modules of a QR code: width × width, row by row, true = dark.
struct QrCode {
    int width = 0;
    std::vector<bool> dark;

    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * width + x)]; }
};

// A QR code at the bottom right of every page (footerQr of a sealed PDF).
struct FooterQr {
    const QrCode* code = nullptr;  // nullptr: none
    float left = 0, top = 0;       // the quiet zone's top left corner (page coordinates)
    float module = 0;
    float extent = 0;  // the code with its quiet zone
};

// A line of the contents (мазмұны): its anchor is its index.
struct ContentsEntry {
    std::string num;
    std::string text;
};

struct Context {
    const content::Content& content;
    const profile::Profile& profile;
    FontSet& fonts;
    Fields& fields;
    float width = 0;  // of the content area
    std::vector<ContentsEntry> contents;
    // The style of running text: the profile's body style, or a table
    // cell's style while a cell is laid out.
    profile::TextStyle body = profile.styles.body;
    FooterQr footerQr = {};
    // Hyphenation of running text (the body and its tables); nullptr where
    // words are not hyphenated (headings, title page, sheets).
    Hyphenation* hyphenator = nullptr;
    LineStats* lineStats = nullptr;
    // A comparison's print: the line above the running header of every page.
    std::string banner = {};

    float lineSpacing() const { return static_cast<float>(profile.styles.lineSpacing); }
    int addAnchor(std::string num, std::string text) {
        contents.push_back({std::move(num), std::move(text)});
        return static_cast<int>(contents.size()) - 1;
    }
};

// --- Blocks.cpp ------------------------------------------------------------

// A paragraph of spans in a column [left, left + width) with the style's
// alignment, indents and spacing.
FlowItem textItem(Context& context, const std::vector<Span>& spans, const profile::TextStyle& style,
                  float left, float width);

void layoutBlocks(Context& context, const std::vector<content::Block>& blocks, float left,
                  float width, std::vector<FlowItem>& out);
void layoutBody(Context& context, std::vector<FlowItem>& out);

// The slabs of flow items stacked (for table cells).
std::vector<Slab> stack(const std::vector<FlowItem>& items);

// The narrowest and the unbroken width of blocks laid out by layoutBlocks
// in the context's body style (a table cell's content); nested tables count
// as narrow as their columns' minimum widths allow.
TextExtent measureBlocks(Context& context, const std::vector<content::Block>& blocks);

// --- ColumnWidths.cpp ------------------------------------------------------

// A cell's extent in the grid, padding included.
struct CellExtent {
    std::size_t column = 0;
    std::size_t colspan = 1;
    float minimum = 0;
    float preferred = 0;
};

// Column widths summing to width, as a browser's automatic table layout
// sets them: each column's minimum (its widest unbreakable piece) and
// preferred width (its widest unbroken line) from its cells, a spanning
// cell's extent shared over its columns; then, with hints (relative widths,
// > 0 given), the hints' shares, no column below its minimum; without
// hints, every column its minimum plus the rest of the width in proportion
// to preferred − minimum (or, when all fit, its preferred width plus the
// rest in proportion to it). When the minimums alone exceed width they are
// scaled down to it.
std::vector<float> columnWidths(std::size_t columns, const std::vector<CellExtent>& cells,
                                const std::vector<double>& hints, float width);

// --- Tables.cpp ------------------------------------------------------------

// Builds a TableBox row by row; cells are laid out when added, in the
// width the grid gives them (colspan, rowspan, covered cells skipped).
class TableBuilder {
public:
    using CellLayout = std::function<std::vector<Slab>(float innerWidth)>;

    TableBuilder(Context& context, std::vector<double> widths, float left, float width,
                 bool borders = true);
    void beginRow(bool header = false);
    void cell(int colspan, int rowspan, const CellLayout& layout);
    // Cell with text in a style (template or sheet cells).
    void textCell(const std::string& text, const profile::TextStyle& style, int colspan = 1,
                  int rowspan = 1);
    std::shared_ptr<TableBox> finish();

private:
    Context& _context;
    std::shared_ptr<TableBox> _table;
    std::vector<int> _busyUntil;
    std::vector<RowBox>* _rows = nullptr;
    int _row = -1;
    int _headerRows = 0;
    int _bodyRows = 0;
    std::size_t _cursor = 0;
};

std::shared_ptr<TableBox> layoutTable(Context& context, const content::Table& table, float left,
                                      float width);

// The sums of the columns' minimum and preferred widths of a table (for a
// table nested in a cell).
TextExtent tableExtent(Context& context, const content::Table& table);

// A template table of the profile, expanded with the context's fields.
std::shared_ptr<TableBox> layoutTemplateTable(Context& context, const profile::TemplateTable& table,
                                              float left, float width);

// The end of the row group starting at begin (rows joined by rowspan).
std::size_t groupEnd(const std::vector<RowBox>& rows, std::size_t begin);

// The slab of rows [begin, end) of rows (borders and texts).
Slab rowsSlab(const TableBox& table, const std::vector<RowBox>& rows, std::size_t begin,
              std::size_t end);

// Splits a single row so that its first part is at most height tall;
// returns false when not even one line of each cell fits.
bool splitRow(const TableBox& table, const RowBox& row, float height, RowBox& first, RowBox& rest);

// --- TitlePage.cpp, Sheets.cpp ---------------------------------------------

void layoutTitlePage(Context& context, std::vector<FlowItem>& out);
void layoutSheets(Context& context, const SheetRecords& records, std::vector<FlowItem>& out);

// --- Qr.cpp ----------------------------------------------------------------

// text as a QR code (libqrencode: smallest version, error correction M,
// 8-bit mode). InvalidArgument when text is too long for a QR code.
Result<QrCode> encodeQr(const std::string& text);

// The module size (rounded to what the writer prints) for a code whose
// modules span symbolSize points, and the size with the quiet zone.
float qrModule(const QrCode& code, float symbolSize);
float qrExtent(const QrCode& code, float module);

// The code as fills with its top left corner (quiet zone included) at
// (x, y): a white square, then black rectangles, one per run of dark
// modules in a row.
std::vector<Fill> qrFills(const QrCode& code, float x, float y, float module);

// --- Seal.cpp --------------------------------------------------------------

// The seal block: a bordered box with the code of seal.verifyUrl and the
// seal's wording in the edition's language; keep-together, Mark::Seal.
FlowItem layoutSeal(Context& context, const SealMark& seal, const QrCode& code);

// Where the footer QR code goes on pages of geometry: right-aligned with the
// text column, its modules at least 5 mm above the page's bottom edge. Its
// top may lie above the bottom margin: the caller shortens the text area.
FooterQr placeFooterQr(const profile::PageGeometry& geometry, const QrCode& code);

// --- Paginator.cpp ---------------------------------------------------------

struct PageArea {
    float left = 0;
    float top = 0;           // content top without the running header
    float headerHeight = 0;  // added to top on pages with the running header
    float bottom = 0;        // content bottom (page coordinates)
};

struct Pagination {
    std::vector<Page> pages;
    std::vector<int> anchorPages;  // 1-based page of each contents anchor
    int bodyPage = 0;              // 1-based first page of the body (0: none)
    int sheetPage = 0;             // 1-based first page of the sheets (0: none)
    struct Placed {
        int page = 0;   // 1-based; 0: not placed
        float top = 0;  // page coordinates
        float height = 0;
    } seal;  // the seal block (FlowItem::Mark::Seal)
};

Pagination paginate(const std::vector<FlowItem>& items, const PageArea& area, int anchors);

// --- Furniture.cpp ---------------------------------------------------------

// Height of the running header (0 when the profile has none).
float runningHeaderHeight(Context& context);
void paintFurniture(Context& context, Page& page, int pageNumber, int pageCount);

// --- PdfWriter.cpp ---------------------------------------------------------

// statusMark: the diagonal mark of an edition not in force (empty: none);
// banner (a comparison's print): put before the document's title;
// helpers: whether a second thread may deflate the pages (see Helpers).
std::string writePdf(PoDoFo::PdfMemDocument& document, FontSet& fonts,
                     const std::vector<Page>& pages, const Pagination& pagination,
                     const profile::PageGeometry& geometry, const content::Meta& meta,
                     const std::vector<std::string>& statusMark, const std::string& banner,
                     Helpers helpers);

}  // namespace nusqa::render
