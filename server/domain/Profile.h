// An organisation profile: how one organisation prints its documents — page
// size and margins, fonts, text styles, the title page, the running header
// and footer, the sheets after the body and the wording in Kazakh and
// Russian. Data, not code: read from doc-templates/NAME.xml (validated by
// schemas/profile.xsd) by render/reader (readProfile / loadProfile) and used by
// render. Standard library only; plain values, safe to share read-only
// between threads.
//
// Lengths are PDF points (1/72 inch); the XML gives millimetres for page
// geometry and points for type. Texts are templates: "{name}" is replaced by
// a field of the edition (see render/detail/Fields.h for the list), '\n' breaks
// the line.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace nusqa::profile {

enum class Align { Left, Center, Right, Justify };

// The look of one kind of text block.
struct TextStyle {
    double size = 12;
    bool bold = false;
    bool italic = false;
    bool upperCase = false;
    Align align = Align::Justify;
    double spaceBefore = 0;
    double spaceAfter = 0;
    double leftIndent = 0;
    double firstLineIndent = 0;
};

struct PageGeometry {
    double width = 595.28;  // A4
    double height = 841.89;
    double marginTop = 56.69;  // 20 mm
    double marginBottom = 56.69;
    double marginLeft = 85.04;   // 30 mm
    double marginRight = 42.52;  // 15 mm
    double headerGap = 12;       // between the running header and the text
};

// Font files by style; each is tried in the directories in order, then the
// fallback file. The family must cover Kazakh and Russian.
struct FontFace {
    std::string file;
    std::string fallback;
};

struct Fonts {
    std::vector<std::string> directories;
    FontFace regular;
    FontFace bold;
    FontFace italic;
    FontFace boldItalic;
};

enum class ClauseLayout {
    Hanging,  // number in its own column, text lines aligned after it
    Inline,   // number at the start of the first line, text wraps to the margin
};

struct Styles {
    double lineSpacing = 1.15;  // line height as a multiple of the font size
    TextStyle body;
    TextStyle chapter;
    TextStyle paragraph;  // the "Параграф N." level
    TextStyle section;
    TextStyle clauseHeading;
    TextStyle annex;
    TextStyle listHeading;  // headings of references / terms / abbreviations / forms
    TextStyle caption;
    TextStyle tableText;
    TextStyle tableHeader;
    TextStyle contentsTitle;
    TextStyle contentsEntry;
    TextStyle sheetTitle;
    TextStyle header;
    TextStyle footer;
    ClauseLayout clauseLayout = ClauseLayout::Hanging;
    double clauseHang = 28;      // minimum width of the number column
    double subclauseIndent = 0;  // extra left indent per sub-clause level
    double listIndent = 18;
    double cellPadding = 3;
    double borderWidth = 0.5;
};

// A table of templates (title page blocks, running header).
struct TemplateCell {
    std::string text;
    int colspan = 1;
    int rowspan = 1;
    bool hasStyle = false;  // style below given; else the table's style
    TextStyle style;
};

struct TemplateRow {
    // "" or "approvers" (one row per agreement-list entry) or "preparedBy":
    // the row is repeated with {itemPosition}, {itemName}, {itemDate}, {itemIndex}.
    std::string repeat;
    std::vector<TemplateCell> cells;
};

struct TemplateTable {
    std::vector<double> columns;  // relative widths
    std::vector<TemplateRow> rows;
    bool borders = true;
    TextStyle style;  // default style of the cells; leftIndent/space* place the table
};

struct TitleItem {
    enum class Kind { Text, Table, Spacer, PageBreak, Contents };

    Kind kind = Kind::Text;
    std::string text;     // Text
    TextStyle style;      // Text
    TemplateTable table;  // Table
    double height = 0;    // Spacer
};

struct TitlePage {
    std::vector<TitleItem> items;
    bool runningHeader = false;  // draw the running header on the first page too
    bool footer = true;
};

enum class SheetKind { Changes, Agreement, Familiarization };

struct Profile {
    std::string name;  // file name without .xml: "wkatu"
    std::string displayName;
    PageGeometry page;
    Fonts fonts;
    Styles styles;
    TitlePage titlePage;
    TemplateTable header;  // empty rows: no running header
    std::string footer;    // template; empty: no footer
    // A small QR code of the verify URL at the bottom right of every page of
    // a sealed PDF (<footer qr="true">); unsealed prints have none.
    bool footerQr = false;
    std::vector<SheetKind> sheets;  // printed after the body, in this order
    int familiarizationRowHeight = 24;
    // wording[language][key], language "kk" or "ru"; see schemas/profile.xsd
    std::map<std::string, std::map<std::string, std::string>> wording;
};

}  // namespace nusqa::profile
