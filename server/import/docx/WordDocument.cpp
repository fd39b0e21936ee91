// The body of a WordprocessingML document as the importer's SourceDocument
// (see detail/WordXml.h for what is read and how).
#include <libxml/tree.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "import/detail/Utf8.h"
#include "import/docx/detail/WordXml.h"

namespace nusqa::import::docx {
namespace {

using import::Run;
using import::SourceBlock;
using import::SourceCell;
using import::SourceParagraph;
using import::SourceRow;
using import::SourceTable;

constexpr std::string_view kMath = "http://schemas.openxmlformats.org/officeDocument/2006/math";
constexpr std::string_view kCompatibility =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

int toInt(const std::string& text, int fallback) {
    if (text.empty() || text.size() > 9) return fallback;
    char* end = nullptr;
    long value = std::strtol(text.c_str(), &end, 10);
    return end != nullptr && *end == '\0' ? static_cast<int>(value) : fallback;
}

bool inNamespace(const xmlNode* node, std::string_view ns, const char* localName) {
    return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
           node->ns->href != nullptr &&
           std::string_view(reinterpret_cast<const char*>(node->ns->href)) == ns &&
           xmlStrEqual(node->name, reinterpret_cast<const xmlChar*>(localName));
}

bool isMath(const xmlNode* node, const char* localName) {
    return inNamespace(node, kMath, localName);
}

// A toggle property (<w:b/>, <w:i w:val="0"/>) of run properties.
bool toggled(const xmlNode* properties, const char* name) {
    bool present = false;
    std::string value = childValue(properties, name, &present);
    return present && value != "0" && value != "false" && value != "off" && value != "none";
}

std::string textOf(const xmlNode* node) {
    std::string text;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next)
        if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) &&
            child->content != nullptr)
            text += reinterpret_cast<const char*>(child->content);
    return text;
}

// Every w:t, w:delText and m:t under node, for what is set aside.
void allText(const xmlNode* node, std::string& out) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (isWord(child, "t") || isWord(child, "delText") || isMath(child, "t")) {
            out += textOf(child);
        } else if (isWord(child, "tab") || isWord(child, "br")) {
            out += ' ';
        } else if (isWord(child, "p")) {
            if (!out.empty()) out += ' ';
            allText(child, out);
        } else {
            allText(child, out);
        }
    }
}

std::string setAside(const xmlNode* node) {
    std::string text;
    allText(node, text);
    return import::collapseSpaces(text);
}

// The w:txbxContent elements under node (not those inside another one: a
// text box in a text box is read with its outer box).
void textBoxes(const xmlNode* node, std::vector<const xmlNode*>& out) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (isWord(child, "txbxContent")) {
            out.push_back(child);
            continue;
        }
        textBoxes(child, out);
    }
}

bool hasText(const std::vector<const xmlNode*>& boxes) {
    for (const xmlNode* box : boxes)
        if (!import::trim(setAside(box)).empty()) return true;
    return false;
}

// Children of node with the local name, looking through content controls
// and custom XML around them (a cover page's rows and cells sit in w:sdt).
void wordChildren(const xmlNode* node, const char* localName, std::vector<const xmlNode*>& out) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (isWord(child, localName)) {
            out.push_back(child);
        } else if (isWord(child, "sdt")) {
            if (const xmlNode* content = wordChild(child, "sdtContent"))
                wordChildren(content, localName, out);
        } else if (isWord(child, "customXml") || isWord(child, "ins") || isWord(child, "moveTo")) {
            wordChildren(child, localName, out);
        }
    }
}

std::string lowerRoman(int value) {
    static const std::pair<int, const char*> kParts[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
        {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    std::string out;
    for (auto [amount, text] : kParts)
        while (value >= amount && out.size() < 32) {
            out += text;
            value -= amount;
        }
    return out;
}

void appendRun(std::vector<Run>& runs, Run run) {
    if (run.text.empty()) return;
    if (!runs.empty() && runs.back().bold == run.bold && runs.back().italic == run.italic &&
        runs.back().underline == run.underline && runs.back().text != "\n" && run.text != "\n") {
        runs.back().text += run.text;
        return;
    }
    runs.push_back(std::move(run));
}

constexpr std::size_t kMaxColumns = 4096;

class BodyReader {
public:
    BodyReader(Numbering& numbering, const Styles& styles, const Notes& notes,
               import::SourceDocument& out, const BodyLimits& limits)
        : _numbering(numbering), _styles(styles), _notes(notes), _out(out), _limits(limits) {}

    Status blocks(const xmlNode* container, std::vector<SourceBlock>& into) {
        for (const xmlNode* node = container->children; node != nullptr; node = node->next) {
            if (isWord(node, "p")) {
                // What a paragraph anchors (text boxes, notes) follows it.
                std::vector<SourceBlock> saved = std::move(_after);
                _after.clear();
                auto paragraph = this->paragraph(node);
                std::vector<SourceBlock> after = std::move(_after);
                _after = std::move(saved);
                if (!paragraph) return std::unexpected(std::move(paragraph).error());
                into.push_back({std::move(*paragraph)});
                for (SourceBlock& block : after) into.push_back(std::move(block));
            } else if (isWord(node, "tbl")) {
                into.push_back({NUSQA_TRY(table(node))});
            } else if (isWord(node, "sdt")) {
                if (const xmlNode* content = wordChild(node, "sdtContent"))
                    NUSQA_TRY(blocks(content, into));
            } else if (isWord(node, "customXml") || isWord(node, "smartTag")) {
                NUSQA_TRY(blocks(node, into));
            } else if (isWord(node, "ins") || isWord(node, "moveTo")) {
                ++(isWord(node, "ins") ? _insertions : _moves);
                NUSQA_TRY(blocks(node, into));
            } else if (isWord(node, "del") || isWord(node, "moveFrom")) {
                skipChange(node);
            } else if (inNamespace(node, kCompatibility, "AlternateContent")) {
                if (const xmlNode* branch = chosenBranch(node)) NUSQA_TRY(blocks(branch, into));
            }
        }
        return {};
    }

    void finish() {
        auto note = [&](std::size_t count, const std::string& what) {
            if (count > 0) _out.notes.push_back(std::to_string(count) + " " + what);
        };
        note(_images, "images or drawings not imported (the schema has no figures yet)");
        note(_textBoxes, "text boxes carried over after the paragraph they are anchored in");
        note(_equations, "equations carried over as plain text (their layout is lost)");
        note(_footnotes,
             "footnotes carried over after the paragraph that cites them, marked [1], [2], ...");
        note(_endnotes,
             "endnotes carried over after the paragraph that cites them, marked [i], [ii], ...");
        note(_insertions, "tracked insertions accepted");
        note(_deletions, "tracked deletions left out (listed as dropped)");
        note(_moves,
             "tracked moves kept where the text was moved to (the source listed as dropped)");
        note(_hidden, "runs of hidden text left out (listed as dropped)");
        note(_nested, "nested tables flattened into their cells");
        note(_mergedRows, "table rows that only continued merged cells joined to the row above");
        for (bool endnotes : {false, true})
            for (const xmlNode* uncited :
                 _notes.uncited(endnotes ? _citedEndnotes : _citedFootnotes, endnotes)) {
                std::string text = setAside(uncited);
                if (!text.empty())
                    _out.skipped.push_back(
                        {0, endnotes ? "word/endnotes.xml" : "word/footnotes.xml", text,
                         endnotes ? "endnote-not-cited" : "footnote-not-cited"});
            }
        _out.lines = _paragraphs;
    }

private:
    void skip(const std::string& text, const std::string& reason) {
        if (!import::trim(text).empty())
            _out.skipped.push_back({_paragraphs, "word/document.xml", text, reason});
    }

    void skipChange(const xmlNode* change) {
        const bool moved = isWord(change, "moveFrom");
        ++(moved ? _movedFrom : _deletions);
        skip(setAside(change), moved ? "tracked-move-source" : "tracked-deletion");
    }

    // The branch of mc:AlternateContent to read: the first that holds text
    // in a text box, else the first Choice (a drawing, counted as one).
    // The text of the other branches is set aside as a duplicate.
    const xmlNode* chosenBranch(const xmlNode* alternate) {
        std::vector<const xmlNode*> branches;
        for (const xmlNode* child = alternate->children; child != nullptr; child = child->next)
            if (inNamespace(child, kCompatibility, "Choice") ||
                inNamespace(child, kCompatibility, "Fallback"))
                branches.push_back(child);
        const xmlNode* chosen = nullptr;
        for (const xmlNode* branch : branches) {
            std::vector<const xmlNode*> boxes;
            textBoxes(branch, boxes);
            if (hasText(boxes)) {
                chosen = branch;
                break;
            }
        }
        if (chosen == nullptr) return branches.empty() ? nullptr : branches.front();
        for (const xmlNode* branch : branches)
            if (branch != chosen) skip(setAside(branch), "text-box-duplicate");
        return chosen;
    }

    Result<SourceParagraph> paragraph(const xmlNode* p) {
        if (static_cast<std::size_t>(++_paragraphs) > _limits.maxParagraphs)
            return fail(ErrorCode::TooLarge, "the document has more than " +
                                                 std::to_string(_limits.maxParagraphs) +
                                                 " paragraphs");
        SourceParagraph out;
        out.line = _paragraphs;
        const xmlNode* properties = wordChild(p, "pPr");
        std::string style = childValue(properties, "pStyle");
        out.headingLevel = _styles.headingLevel(style);
        bool ownOutline = false;
        std::string outline = childValue(properties, "outlineLvl", &ownOutline);
        if (ownOutline) {
            int level = toInt(outline, 9);
            out.headingLevel = level >= 0 && level < 9 ? level + 1 : 0;
        }
        int numId = -1, level = 0;
        bool styled = _styles.numbering(style, numId, level);
        if (const xmlNode* numPr = wordChild(properties, "numPr")) {
            bool hasId = false, hasLevel = false;
            std::string id = childValue(numPr, "numId", &hasId);
            std::string ilvl = childValue(numPr, "ilvl", &hasLevel);
            if (hasId) numId = toInt(id, -1);
            if (hasLevel)
                level = toInt(ilvl, 0);
            else if (hasId && !styled)
                level = 0;
        }
        if (numId > 0) out.number = _numbering.next(numId, level, out.bullet);
        NUSQA_TRY(inlineContent(p, out.runs));
        return out;
    }

    Status inlineContent(const xmlNode* node, std::vector<Run>& runs) {
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (isWord(child, "r")) {
                NUSQA_TRY(run(child, runs));
            } else if (isWord(child, "hyperlink") || isWord(child, "smartTag") ||
                       isWord(child, "fldSimple") || isWord(child, "customXml") ||
                       isWord(child, "dir") || isWord(child, "bdo")) {
                NUSQA_TRY(inlineContent(child, runs));
            } else if (isWord(child, "ins") || isWord(child, "moveTo")) {
                ++(isWord(child, "ins") ? _insertions : _moves);
                NUSQA_TRY(inlineContent(child, runs));
            } else if (isWord(child, "del") || isWord(child, "moveFrom")) {
                skipChange(child);
            } else if (isWord(child, "sdt")) {
                if (const xmlNode* content = wordChild(child, "sdtContent"))
                    NUSQA_TRY(inlineContent(content, runs));
            } else if (isMath(child, "oMathPara") || isMath(child, "oMath")) {
                ++_equations;
                std::string text;
                equation(child, text);
                text = import::collapseSpaces(text);
                if (!text.empty()) {
                    if (!runs.empty() && !runs.back().text.ends_with(" ")) text = " " + text;
                    appendRun(runs, Run{text, false, false, false, {}});
                }
            } else if (inNamespace(child, kCompatibility, "AlternateContent")) {
                if (const xmlNode* branch = chosenBranch(child))
                    NUSQA_TRY(inlineContent(branch, runs));
            }
        }
        return {};
    }

    // An equation as linear text: a/b, x^2, x_i, (…), the rest in order.
    void equation(const xmlNode* node, std::string& out) {
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (child->type != XML_ELEMENT_NODE) continue;
            if (isMath(child, "t")) {
                out += textOf(child);
            } else if (isMath(child, "f")) {
                std::string numerator, denominator;
                if (const xmlNode* num = firstMath(child, "num")) equation(num, numerator);
                if (const xmlNode* den = firstMath(child, "den")) equation(den, denominator);
                out += group(numerator) + "/" + group(denominator);
            } else if (isMath(child, "sSup") || isMath(child, "sSub")) {
                std::string base, script;
                if (const xmlNode* e = firstMath(child, "e")) equation(e, base);
                const bool sup = isMath(child, "sSup");
                if (const xmlNode* s = firstMath(child, sup ? "sup" : "sub")) equation(s, script);
                out += base + (sup ? "^" : "_") + group(script);
            } else if (isMath(child, "d")) {
                std::string inner;
                for (const xmlNode* e = child->children; e != nullptr; e = e->next)
                    if (isMath(e, "e")) {
                        if (!inner.empty()) inner += ", ";
                        equation(e, inner);
                    }
                out += "(" + inner + ")";
            } else if (isMath(child, "rad")) {
                std::string degree, base;
                if (const xmlNode* deg = firstMath(child, "deg")) equation(deg, degree);
                if (const xmlNode* e = firstMath(child, "e")) equation(e, base);
                out += (degree.empty() ? "√" : degree + "√") + group(base);
            } else if (isMath(child, "oMath")) {
                if (!out.empty()) out += ' ';
                equation(child, out);
            } else if (!isWord(child, "rPr") && !isMath(child, "rPr") && !isMath(child, "ctrlPr")) {
                equation(child, out);
            }
        }
    }

    static const xmlNode* firstMath(const xmlNode* node, const char* localName) {
        for (const xmlNode* child = node->children; child != nullptr; child = child->next)
            if (isMath(child, localName)) return child;
        return nullptr;
    }

    static std::string group(const std::string& text) {
        std::string t(import::trim(text));
        return import::wordCount(t) <= 1 && t.find(' ') == std::string::npos ? t : "(" + t + ")";
    }

    Status run(const xmlNode* r, std::vector<Run>& runs) {
        const xmlNode* properties = wordChild(r, "rPr");
        if (toggled(properties, "vanish")) {
            ++_hidden;
            skip(setAside(r), "hidden-text");
            return {};
        }
        Run format;
        format.bold = toggled(properties, "b");
        format.italic = toggled(properties, "i");
        format.underline = toggled(properties, "u");
        for (const xmlNode* child = r->children; child != nullptr; child = child->next) {
            Run piece = format;
            if (isWord(child, "t")) {
                piece.text = textOf(child);
            } else if (isWord(child, "tab")) {
                piece.text = "\t";
            } else if (isWord(child, "br") || isWord(child, "cr")) {
                std::string type = wordAttribute(child, "type");
                if (type == "page" || type == "column") continue;
                piece = Run{"\n", false, false, false, {}};
            } else if (isWord(child, "noBreakHyphen")) {
                piece.text = "-";
            } else if (isWord(child, "sym")) {
                long code = std::strtol(wordAttribute(child, "char").c_str(), nullptr, 16);
                char32_t c = code >= 0xF000 && code <= 0xF0FF ? static_cast<char32_t>(code - 0xF000)
                                                              : static_cast<char32_t>(code);
                if (c >= 0x20 && c < 0xD800) import::appendUtf8(piece.text, c);
            } else if (isWord(child, "drawing") || isWord(child, "pict") ||
                       isWord(child, "object")) {
                NUSQA_TRY(drawing(child));
                continue;
            } else if (inNamespace(child, kCompatibility, "AlternateContent")) {
                if (const xmlNode* branch = chosenBranch(child)) {
                    // A branch holds drawings (or runs' content) of this run.
                    for (const xmlNode* inner = branch->children; inner != nullptr;
                         inner = inner->next)
                        if (isWord(inner, "drawing") || isWord(inner, "pict") ||
                            isWord(inner, "object"))
                            NUSQA_TRY(drawing(inner));
                }
                continue;
            } else if (isWord(child, "footnoteReference") || isWord(child, "endnoteReference")) {
                NUSQA_TRY(note(child, isWord(child, "endnoteReference"), runs));
                continue;
            } else {
                continue;  // fldChar, instrText (field codes), softHyphen, lastRenderedPageBreak
                           // ...
            }
            appendRun(runs, std::move(piece));
        }
        return {};
    }

    // A drawing: its text boxes after the paragraph, else an image.
    Status drawing(const xmlNode* node) {
        std::vector<const xmlNode*> boxes;
        textBoxes(node, boxes);
        if (boxes.empty()) {
            ++_images;
            return {};
        }
        for (const xmlNode* box : boxes) {
            ++_textBoxes;
            NUSQA_TRY(blocks(box, _after));
        }
        return {};
    }

    // «[1]» where a note is cited; the note's paragraphs after the paragraph.
    Status note(const xmlNode* reference, bool endnote, std::vector<Run>& runs) {
        std::string id = wordAttribute(reference, "id");
        const xmlNode* found = _notes.find(id, endnote);
        std::vector<std::string>& cited = endnote ? _citedEndnotes : _citedFootnotes;
        // A note is carried over once, and not from inside a note (a note
        // citing itself would never end).
        if (found == nullptr || _inNote || std::find(cited.begin(), cited.end(), id) != cited.end())
            return {};
        cited.push_back(id);
        const std::size_t number = endnote ? ++_endnotes : ++_footnotes;
        const std::string mark =
            "[" + (endnote ? lowerRoman(static_cast<int>(number)) : std::to_string(number)) + "]";
        appendRun(runs, Run{mark, false, false, false, {}});
        std::vector<SourceBlock> content;
        _inNote = true;
        Status read = blocks(found, content);
        _inNote = false;
        NUSQA_TRY(read);
        bool marked = false;
        for (SourceBlock& block : content) {
            if (!block.isTable() && !marked) {
                auto& paragraph = std::get<SourceParagraph>(block.content);
                paragraph.runs.insert(paragraph.runs.begin(),
                                      Run{mark + " ", false, false, false, {}});
                paragraph.number.clear();
                marked = true;
            }
            _after.push_back(std::move(block));
        }
        return {};
    }

    Result<SourceTable> table(const xmlNode* tbl) {
        SourceTable table;
        table.line = _paragraphs + 1;
        if (const xmlNode* grid = wordChild(tbl, "tblGrid")) {
            for (const xmlNode* column = grid->children; column != nullptr; column = column->next)
                if (isWord(column, "gridCol"))
                    table.columnWidths.push_back(std::max(1, toInt(wordAttribute(column, "w"), 1)));
        }
        // For each grid column: the (row, cell) a vertical merge continues.
        std::vector<std::pair<int, int>> origin(table.columnWidths.size() + 64, {-1, -1});
        std::vector<const xmlNode*> rows;
        wordChildren(tbl, "tr", rows);
        for (const xmlNode* tr : rows) {
            const xmlNode* rowProperties = wordChild(tr, "trPr");
            if (wordChild(rowProperties, "del") != nullptr) {
                skipChange(tr);  // a row deleted with tracked changes
                continue;
            }
            SourceRow row;
            row.line = _paragraphs + 1;
            const int rowIndex = static_cast<int>(table.rows.size());
            // Grid positions are bounded: a hostile gridBefore or gridSpan must not
            // make the merge bookkeeping allocate for a billion columns.
            std::size_t column = static_cast<std::size_t>(
                std::clamp(toInt(childValue(rowProperties, "gridBefore"), 0), 0, 1000));
            std::vector<std::pair<int, int>> continued;  // cells this row made taller
            std::vector<const xmlNode*> cells;
            wordChildren(tr, "tc", cells);
            for (const xmlNode* tc : cells) {
                const xmlNode* properties = wordChild(tc, "tcPr");
                int span = std::clamp(toInt(childValue(properties, "gridSpan"), 1), 1, 1000);
                if (column > kMaxColumns) break;
                bool merged = false;
                std::string merge = childValue(properties, "vMerge", &merged);
                if (column + static_cast<std::size_t>(span) > origin.size())
                    origin.resize(column + static_cast<std::size_t>(span), {-1, -1});
                SourceCell cell = NUSQA_TRY(cellContent(tc));
                cell.colspan = span;
                auto [aboveRow, aboveCell] = origin[column];
                if (merged && merge != "restart" && aboveRow >= 0) {
                    SourceCell& above = table.rows[static_cast<std::size_t>(aboveRow)]
                                            .cells[static_cast<std::size_t>(aboveCell)];
                    ++above.rowspan;
                    continued.push_back({aboveRow, aboveCell});
                    for (SourceParagraph& paragraph : cell.paragraphs)
                        if (!paragraph.blank()) above.paragraphs.push_back(std::move(paragraph));
                } else {
                    row.cells.push_back(std::move(cell));
                    // A cell that starts a vertical merge is what the rows below continue.
                    std::pair<int, int> here{-1, -1};
                    if (merged) here = {rowIndex, static_cast<int>(row.cells.size()) - 1};
                    for (int k = 0; k < span; ++k)
                        origin[column + static_cast<std::size_t>(k)] = here;
                }
                column += static_cast<std::size_t>(span);
            }
            if (row.cells.empty()) {
                // Nothing but continued merges: the cells above are not
                // taller by this row, which is not written (<tr/> is no row).
                for (auto [r, c] : continued)
                    --table.rows[static_cast<std::size_t>(r)]
                          .cells[static_cast<std::size_t>(c)]
                          .rowspan;
                if (!continued.empty()) ++_mergedRows;
                continue;
            }
            table.rows.push_back(std::move(row));
        }
        return table;
    }

    Result<SourceCell> cellContent(const xmlNode* tc) {
        std::vector<SourceBlock> content;
        NUSQA_TRY(blocks(tc, content));
        SourceCell cell;
        for (SourceBlock& block : content) {
            if (!block.isTable()) {
                cell.paragraphs.push_back(std::get<SourceParagraph>(std::move(block.content)));
                continue;
            }
            ++_nested;
            for (const SourceRow& row : block.table().rows)
                for (const SourceCell& inner : row.cells)
                    for (const SourceParagraph& paragraph : inner.paragraphs)
                        cell.paragraphs.push_back(paragraph);
        }
        // Empty paragraphs in a cell carry nothing.
        std::erase_if(cell.paragraphs,
                      [](const SourceParagraph& paragraph) { return paragraph.blank(); });
        return cell;
    }

    Numbering& _numbering;
    const Styles& _styles;
    const Notes& _notes;
    import::SourceDocument& _out;
    const BodyLimits& _limits;
    std::vector<SourceBlock> _after;  // blocks anchored in the paragraph being read
    std::vector<std::string> _citedFootnotes, _citedEndnotes;
    bool _inNote = false;
    int _paragraphs = 0;
    std::size_t _images = 0, _textBoxes = 0, _equations = 0, _footnotes = 0, _endnotes = 0,
                _insertions = 0, _deletions = 0, _moves = 0, _movedFrom = 0, _hidden = 0,
                _nested = 0, _mergedRows = 0;
};

void collectParagraphs(const xmlNode* node, std::vector<std::string>& out) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (!isWord(child, "p")) {
            collectParagraphs(child, out);
            continue;
        }
        std::string text;
        // Text of runs anywhere in the paragraph (fields, hyperlinks), tabs as spaces.
        auto walk = [&](auto&& self, const xmlNode* at) -> void {
            for (const xmlNode* n = at->children; n != nullptr; n = n->next) {
                if (isWord(n, "t"))
                    text += textOf(n);
                else if (isWord(n, "tab"))
                    text += ' ';
                else if (n->type == XML_ELEMENT_NODE && !isWord(n, "instrText"))
                    self(self, n);
            }
        };
        walk(walk, child);
        std::string collapsed = import::collapseSpaces(text);
        if (!collapsed.empty()) out.push_back(collapsed);
    }
}

}  // namespace

void Notes::load(const xmlNode* root, bool endnotes) {
    auto& into = endnotes ? _endnotes : _footnotes;
    for (const xmlNode* node = root ? root->children : nullptr; node != nullptr;
         node = node->next) {
        if (!isWord(node, endnotes ? "endnote" : "footnote") || into.size() > 100000) continue;
        std::string type = wordAttribute(node, "type");
        if (!type.empty() && type != "normal") continue;  // separators
        into[wordAttribute(node, "id")] = node;
    }
}

const xmlNode* Notes::find(const std::string& id, bool endnote) const {
    const auto& from = endnote ? _endnotes : _footnotes;
    auto found = from.find(id);
    return found == from.end() ? nullptr : found->second;
}

std::vector<const xmlNode*> Notes::uncited(const std::vector<std::string>& cited,
                                           bool endnotes) const {
    std::vector<const xmlNode*> out;
    for (const auto& [id, node] : endnotes ? _endnotes : _footnotes)
        if (std::find(cited.begin(), cited.end(), id) == cited.end()) out.push_back(node);
    return out;
}

Status readBody(const xmlNode* document, Numbering& numbering, const Styles& styles,
                const Notes& notes, import::SourceDocument& out, const BodyLimits& limits) {
    const xmlNode* body = wordChild(document, "body");
    if (body == nullptr) return fail(ErrorCode::InvalidDocument, "the main part has no <w:body>");
    BodyReader reader(numbering, styles, notes, out, limits);
    NUSQA_TRY(reader.blocks(body, out.blocks));
    reader.finish();
    return {};
}

std::vector<std::string> partParagraphs(const xmlNode* root) {
    std::vector<std::string> out;
    if (root != nullptr) collectParagraphs(root, out);
    return out;
}

}  // namespace nusqa::import::docx
