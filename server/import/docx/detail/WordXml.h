// Private to import/docx: WordprocessingML parts (parsed by xml/SafeParser)
// made into the importer's SourceDocument.
//
//   Numbering  word/numbering.xml: abstract numbering definitions (level
//              format, text such as "%1.%2.", start value), numbering
//              instances with their level overrides, and the counters Word
//              keeps while it numbers paragraphs, so that «1.1.» comes back
//              when only Word's automatic numbering printed it.
//   Styles     word/styles.xml: heading level (outline level or the
//              built-in name «heading N»), numbering inherited from the
//              style, through basedOn.
//   readBody   word/document.xml: paragraphs (runs with bold, italic,
//              underline; tabs, breaks, field results), tables (gridSpan ->
//              colspan, vMerge -> rowspan, nested tables flattened into the
//              cell), in reading order.
// Both the transitional and the strict OOXML namespaces are read.
// Not thread-safe: one set of objects per document.
#pragma once

#include <libxml/tree.h>

#include <array>
#include <map>
#include <string>
#include <vector>

#include "domain/Error.h"
#include "import/Source.h"

namespace nusqa::import::docx {

// A w:* element (transitional or strict namespace) with this local name.
bool isWord(const xmlNode* node, const char* localName);
// The first child element w:localName, or null.
const xmlNode* wordChild(const xmlNode* node, const char* localName);
// The attribute w:localName (or localName without namespace); empty when absent.
std::string wordAttribute(const xmlNode* node, const char* localName);
// w:val of w:localName under node; "" when the child or attribute is absent.
std::string childValue(const xmlNode* node, const char* localName, bool* present = nullptr);

class Numbering {
public:
    void load(const xmlNode* root);  // <w:numbering>
    // The printed label of a paragraph with numbering (numId, level) —
    // advancing the counters — or empty. bullet is set for bullet levels.
    std::string next(int numId, int level, bool& bullet);

private:
    struct Level {
        int start = 1;
        std::string format = "decimal";
        std::string text;
        std::string font;  // w:rPr/w:rFonts/@w:ascii: "Symbol", "Wingdings", "Courier New"
        bool legal = false;
    };
    struct Abstract {
        std::array<Level, 9> levels;
    };
    struct Instance {
        int abstractId = -1;
        std::map<int, int> startOverrides;
        std::map<int, Level> levelOverrides;
        bool used = false;
    };
    static Level readLevel(const xmlNode* lvl);
    const Level& levelOf(const Instance& instance, int level) const;

    std::map<int, Abstract> _abstracts;
    std::map<int, Instance> _instances;
    struct Counters {
        std::array<int, 9> value{};
        std::array<bool, 9> started{};
    };
    std::map<int, Counters> _counters;  // per abstract numbering definition
};

class Styles {
public:
    void load(const xmlNode* root);                      // <w:styles>
    int headingLevel(const std::string& styleId) const;  // 1..9, 0 for body text
    // Numbering the style gives its paragraphs; false when none.
    bool numbering(const std::string& styleId, int& numId, int& level) const;

private:
    struct Style {
        std::string basedOn;
        int outline = -1;  // 0-based outline level, -1 none
        int numId = -1, level = -1;
    };
    std::map<std::string, Style> _styles;
};

// Footnotes and endnotes by their w:id (word/footnotes.xml,
// word/endnotes.xml); the parsed parts must outlive it. Separators (w:type
// separator, continuationSeparator, ...) are left out.
class Notes {
public:
    void load(const xmlNode* root, bool endnotes);  // <w:footnotes> or <w:endnotes>
    const xmlNode* find(const std::string& id, bool endnote) const;
    // Notes of the part that no reference in the body cited.
    std::vector<const xmlNode*> uncited(const std::vector<std::string>& cited, bool endnotes) const;

private:
    std::map<std::string, const xmlNode*> _footnotes, _endnotes;
};

struct BodyLimits {
    std::size_t maxParagraphs = 200000;
};

// Appends the body of <w:document> to out (blocks, lines, notes, and the
// text it does not carry over as skipped).
//   content controls (w:sdt) and custom XML around blocks, rows and cells:
//     their content is read in place;
//   text boxes (w:txbxContent in w:drawing, w:pict, or the branch of
//     mc:AlternateContent that holds text): their paragraphs and tables
//     follow the paragraph they are anchored in; the other branch's text is
//     skipped as "text-box-duplicate";
//   footnotes and endnotes: «[1]» («[i]» for endnotes) where they are cited,
//     their paragraphs after the citing paragraph, marked the same way;
//   equations (m:oMath, m:oMathPara): their text, linear («a/b», «x^2»);
//   tracked changes: insertions and moves kept where they now stand;
//     deletions and the sources of moves skipped ("tracked-deletion",
//     "tracked-move-source");
//   hidden text skipped ("hidden-text");
//   a row whose cells only continue vertical merges joins the row above.
Status readBody(const xmlNode* document, Numbering& numbering, const Styles& styles,
                const Notes& notes, import::SourceDocument& out, const BodyLimits& limits);

// The text of every paragraph of a header or footer part.
std::vector<std::string> partParagraphs(const xmlNode* root);

}  // namespace nusqa::import::docx
