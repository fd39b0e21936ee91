// Private to render: the page model the layout engine produces and the PDF
// writer paints. Units are points; x grows to the right from the left edge
// of the content area (or of the page, once placed), y grows downward from
// the top (the writer flips it for PDF).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nusqa::render {

enum class Face : std::uint8_t { Regular = 0, Bold = 1, Italic = 2, BoldItalic = 3 };

inline Face faceOf(bool bold, bool italic) {
    return static_cast<Face>((bold ? 1 : 0) + (italic ? 2 : 0));
}

// A redline mark of a comparison's print (content::Run::Change): drawn in
// colour, inserted text underlined, deleted text struck through, and a bar
// in the left margin beside every line that holds one.
enum class Mark : std::uint8_t { None = 0, Inserted, Deleted, Note };

struct Style {
    Face face = Face::Regular;
    float size = 12;
    float rise = 0;  // baseline shift (superscript > 0)
    bool underline = false;
    Mark mark = Mark::None;
};

// Text of one style within a line. x and width are final (justification
// included); wordSpacing of the line is added after every space in text.
struct Glyphs {
    Style style;
    std::u32string text;
    float x = 0;
    float width = 0;
};

struct TextLine {
    std::vector<Glyphs> pieces;
    float wordSpacing = 0;
};

struct PlacedText {
    float x = 0;
    float baseline = 0;
    TextLine line;
};

struct Rule {
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    float width = 0.5f;
};

// A filled rectangle: the modules of a QR code, and the white ground of its
// quiet zone (gray 1) painted first so nothing shows through.
struct Fill {
    float x = 0, y = 0, width = 0, height = 0;  // y: top edge
    float gray = 0;                             // 0 black, 1 white
};

// A number known only after pagination: the page of a contents anchor,
// printed right-aligned at xRight.
struct Deferred {
    int anchor = 0;
    float xRight = 0;
    float baseline = 0;
    Style style;
};

// A horizontal strip of fixed height: one text line, one table row, ...
struct Slab {
    float height = 0;
    std::vector<PlacedText> texts;
    std::vector<Rule> rules;
    std::vector<Deferred> deferred;
    std::vector<Fill> fills = {};  // initialised: Slab{height, {}, {}, {}} stays warning-free

    // Adds other's content shifted by (dx, dy).
    void append(const Slab& other, float dx, float dy);
};

struct CellBox {
    int column = 0;
    int colspan = 1;
    int rowspan = 1;
    std::vector<Slab> lines;  // x relative to the cell's left edge
    float contentHeight = 0;  // lines plus padding
};

struct RowBox {
    float height = 0;
    std::vector<CellBox> cells;
};

struct TableBox {
    std::vector<float> columnX;  // left edge of each column, plus the right edge
    std::vector<RowBox> header;
    std::vector<RowBox> rows;
    float padding = 3;
    float borderWidth = 0.5f;
    bool borders = true;
    bool fillPage = false;  // add empty rows (emptyRow) to the end of the page
    RowBox emptyRow;
};

// One unit of the flow, in content-area coordinates.
struct FlowItem {
    enum class Kind { Lines, Table, PageBreak };

    Kind kind = Kind::Lines;
    float spaceBefore = 0;
    float spaceAfter = 0;
    std::vector<Slab> lines;          // Kind::Lines
    std::shared_ptr<TableBox> table;  // Kind::Table
    bool keepWithNext = false;        // headings: never last on a page
    bool keepTogether = false;        // never split across pages
    int anchor = -1;                  // contents anchor placed with this item
    // Kind::PageBreak: furniture of the pages that follow; Body and Sheets
    // mark page breaks, Seal the seal block (its place is reported).
    bool runningHeader = true;
    bool footer = true;
    enum class Mark { None, Body, Sheets, Seal } mark = Mark::None;
};

struct Page {
    std::vector<PlacedText> texts;  // page coordinates
    std::vector<Rule> rules;
    std::vector<Deferred> deferred;
    std::vector<Fill> fills;
    bool runningHeader = true;
    bool footer = true;
};

}  // namespace nusqa::render
