#include <libxml/tree.h>

#include <algorithm>
#include <cstdlib>

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

int toInt(const std::string& text, int fallback) {
    if (text.empty() || text.size() > 9) return fallback;
    char* end = nullptr;
    long value = std::strtol(text.c_str(), &end, 10);
    return end != nullptr && *end == '\0' ? static_cast<int>(value) : fallback;
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
    BodyReader(Numbering& numbering, const Styles& styles, import::SourceDocument& out,
               const BodyLimits& limits)
        : _numbering(numbering), _styles(styles), _out(out), _limits(limits) {}

    Status blocks(const xmlNode* container, std::vector<SourceBlock>& into) {
        for (const xmlNode* node = container->children; node != nullptr; node = node->next) {
            if (isWord(node, "p")) {
                into.push_back({NUSQA_TRY(paragraph(node))});
            } else if (isWord(node, "tbl")) {
                into.push_back({NUSQA_TRY(table(node))});
            } else if (isWord(node, "sdt")) {
                if (const xmlNode* content = wordChild(node, "sdtContent"))
                    NUSQA_TRY(blocks(content, into));
            } else if (isWord(node, "customXml") || isWord(node, "ins") ||
                       isWord(node, "smartTag")) {
                NUSQA_TRY(blocks(node, into));
            }
        }
        return {};
    }

    void finish() {
        auto note = [&](std::size_t count, const std::string& what) {
            if (count > 0) _out.notes.push_back(std::to_string(count) + " " + what);
        };
        note(_images, "images or drawings not imported (the schema has no figures yet)");
        note(_formulas, "formulas not imported");
        note(_footnotes, "footnote references not imported");
        note(_hidden, "runs of hidden text left out");
        note(_nested, "nested tables flattened into their cells");
        _out.lines = _paragraphs;
    }

private:
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
        inlineContent(p, out.runs);
        return out;
    }

    void inlineContent(const xmlNode* node, std::vector<Run>& runs) {
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (isWord(child, "r")) {
                run(child, runs);
            } else if (isWord(child, "hyperlink") || isWord(child, "ins") ||
                       isWord(child, "smartTag") || isWord(child, "fldSimple") ||
                       isWord(child, "customXml") || isWord(child, "dir") || isWord(child, "bdo")) {
                inlineContent(child, runs);
            } else if (isWord(child, "sdt")) {
                if (const xmlNode* content = wordChild(child, "sdtContent"))
                    inlineContent(content, runs);
            } else if (child->type == XML_ELEMENT_NODE && child->name != nullptr &&
                       xmlStrEqual(child->name, reinterpret_cast<const xmlChar*>("oMath"))) {
                ++_formulas;
            }
        }
    }

    void run(const xmlNode* r, std::vector<Run>& runs) {
        const xmlNode* properties = wordChild(r, "rPr");
        if (toggled(properties, "vanish")) {
            ++_hidden;
            return;
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
                ++_images;
                continue;
            } else if (isWord(child, "footnoteReference") || isWord(child, "endnoteReference")) {
                ++_footnotes;
                continue;
            } else {
                continue;  // fldChar, instrText (field codes), softHyphen, lastRenderedPageBreak
                           // ...
            }
            appendRun(runs, std::move(piece));
        }
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
        for (const xmlNode* tr = tbl->children; tr != nullptr; tr = tr->next) {
            if (!isWord(tr, "tr")) continue;
            SourceRow row;
            row.line = _paragraphs + 1;
            const int rowIndex = static_cast<int>(table.rows.size());
            // Grid positions are bounded: a hostile gridBefore or gridSpan must not
            // make the merge bookkeeping allocate for a billion columns.
            std::size_t column = static_cast<std::size_t>(
                std::clamp(toInt(childValue(wordChild(tr, "trPr"), "gridBefore"), 0), 0, 1000));
            for (const xmlNode* tc = tr->children; tc != nullptr; tc = tc->next) {
                if (!isWord(tc, "tc")) continue;
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
    import::SourceDocument& _out;
    const BodyLimits& _limits;
    int _paragraphs = 0;
    std::size_t _images = 0, _formulas = 0, _footnotes = 0, _hidden = 0, _nested = 0;
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

Status readBody(const xmlNode* document, Numbering& numbering, const Styles& styles,
                import::SourceDocument& out, const BodyLimits& limits) {
    const xmlNode* body = wordChild(document, "body");
    if (body == nullptr) return fail(ErrorCode::InvalidDocument, "the main part has no <w:body>");
    BodyReader reader(numbering, styles, out, limits);
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
