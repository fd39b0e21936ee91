#include "import/html/HtmlSource.h"

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <climits>
#include <memory>

#include "import/detail/Inline.h"
#include "import/detail/Utf8.h"
#include "xml/LibXml.h"

namespace nusqa::import::html {
namespace {

constexpr int kParseOptions = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                              HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOBLANKS;

std::string_view nameOf(const xmlNode* node) {
    return node->name != nullptr ? reinterpret_cast<const char*>(node->name) : "";
}

std::string attributeOf(const xmlNode* node, const char* name) {
    xml::XmlCharPtr value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
    return value ? reinterpret_cast<const char*>(value.get()) : "";
}

// Counts start tags and the attributes of each, without parsing: refuses
// inputs libxml2 would need too long for. Attributes are counted by '='
// outside quotes between '<name' and '>'.
Status prescan(std::string_view bytes, const std::string& name, const HtmlLimits& limits) {
    std::size_t elements = 0;
    for (std::size_t at = 0; at < bytes.size(); ++at) {
        if (bytes[at] != '<' || at + 1 >= bytes.size()) continue;
        char next = bytes[at + 1];
        if (!((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z'))) continue;
        if (++elements > limits.maxElements)
            return fail(ErrorCode::TooLarge, "import: " + name + ": more than " +
                                                 std::to_string(limits.maxElements) + " elements");
        std::size_t attributes = 0;
        char quote = 0;
        for (++at; at < bytes.size(); ++at) {
            char c = bytes[at];
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '=') {
                if (++attributes > limits.maxAttributes)
                    return fail(ErrorCode::TooLarge,
                                "import: " + name + ": an element with more than " +
                                    std::to_string(limits.maxAttributes) + " attributes");
            } else if (c == '>') {
                break;
            }
        }
    }
    return {};
}

// Word's conditional markers «<![if !supportLists]>» and «<![endif]>»
// (not comments: what stands between them is the list's number) go.
std::string withoutConditionalMarkers(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t at = 0; at < bytes.size();) {
        if (bytes.compare(at, 3, "<![") == 0 && bytes.compare(at, 9, "<![CDATA[") != 0) {
            std::size_t end = bytes.find("]>", at);
            if (end != std::string_view::npos && end - at < 200) {
                at = end + 2;
                continue;
            }
        }
        out += bytes[at++];
    }
    return out;
}

bool isBlock(std::string_view name) {
    static constexpr std::string_view blocks[] = {
        "p",      "div",    "h1",      "h2",         "h3",         "h4",   "h5",      "h6",
        "li",     "ul",     "ol",      "table",      "blockquote", "pre",  "section", "article",
        "header", "footer", "address", "dd",         "dt",         "dl",   "center",  "main",
        "aside",  "nav",    "figure",  "figcaption", "hr",         "body", "html"};
    return std::find(std::begin(blocks), std::end(blocks), name) != std::end(blocks);
}

bool isSkipped(std::string_view name) {
    return name == "head" || name == "style" || name == "script" || name == "title" ||
           name == "meta" || name == "link" || name == "o:p" || name == "template" ||
           name == "noscript" || name == "object" || name == "svg" || name == "math";
}

int headingLevel(std::string_view name) {
    if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6')
        return name[1] - '0';
    return 0;
}

int spanOf(const xmlNode* cell, const char* name) {
    std::string value = attributeOf(cell, name);
    int span = 0;
    for (char c : value) {
        if (c < '0' || c > '9') break;
        span = span * 10 + (c - '0');
        if (span > 1000) return 1000;
    }
    return span >= 1 ? span : 1;
}

std::string lowerAscii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

struct Style {
    bool bold = false;
    bool italic = false;
    bool underline = false;
};

// The value of one property of a style attribute, lower case, spaces
// removed ("" when absent): «mso-bidi-font-weight:normal» is not font-weight.
std::string cssValue(const xmlNode* node, std::string_view property) {
    std::string css = lowerAscii(attributeOf(node, "style"));
    css.erase(
        std::remove_if(css.begin(), css.end(),
                       [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }),
        css.end());
    std::size_t at = 0;
    while (at < css.size()) {
        std::size_t end = css.find(';', at);
        if (end == std::string::npos) end = css.size();
        std::string_view declaration(css.data() + at, end - at);
        std::size_t colon = declaration.find(':');
        if (colon != std::string_view::npos && declaration.substr(0, colon) == property)
            return std::string(declaration.substr(colon + 1));
        at = end + 1;
    }
    return {};
}

// The formatting an element gives its text: <b>, <strong>, <i>, <em>, <u>,
// and the same through a style attribute (Word writes both kinds).
Style styleOf(const xmlNode* node, Style style) {
    std::string_view name = nameOf(node);
    if (name == "b" || name == "strong") style.bold = true;
    if (name == "i" || name == "em") style.italic = true;
    if (name == "u" || name == "ins") style.underline = true;
    std::string weight = cssValue(node, "font-weight");
    if (weight == "bold" || weight == "bolder" || weight == "700" || weight == "800" ||
        weight == "900")
        style.bold = true;
    if (weight == "normal" || weight == "400") style.bold = false;
    std::string fontStyle = cssValue(node, "font-style");
    if (fontStyle == "italic" || fontStyle == "oblique") style.italic = true;
    if (fontStyle == "normal") style.italic = false;
    if (cssValue(node, "text-decoration").find("underline") != std::string::npos ||
        cssValue(node, "text-decoration-line").find("underline") != std::string::npos)
        style.underline = true;
    return style;
}

bool isMsoListLabel(const xmlNode* node) {
    return cssValue(node, "mso-list") == "ignore";
}

bool isWordListParagraph(const xmlNode* node) {
    return !cssValue(node, "mso-list").empty() && !isMsoListLabel(node);
}

// Text as HTML shows it: whitespace runs are one space, a no-break space is
// a space.
std::string normalise(std::string_view raw) {
    std::string out;
    bool space = false;
    for (std::size_t at = 0; at < raw.size();) {
        std::size_t start = at;
        char32_t c = decodeAt(raw, at);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == '\f') {
            space = true;
            continue;
        }
        if (space) out += ' ';
        space = false;
        out.append(raw.substr(start, at - start));
    }
    if (space) out += ' ';
    return out;
}

std::string textOf(const xmlNode* node) {
    std::string out;
    for (const xmlNode* at = node->children; at != nullptr; at = at->next) {
        if (at->type == XML_TEXT_NODE || at->type == XML_CDATA_SECTION_NODE) {
            if (at->content != nullptr) out += reinterpret_cast<const char*>(at->content);
        } else if (at->type == XML_ELEMENT_NODE && !isSkipped(nameOf(at))) {
            out += textOf(at);
        }
    }
    return out;
}

bool isBulletLabel(std::string_view label) {
    std::size_t at = 0;
    while (at < label.size()) {
        char32_t c = decodeAt(label, at);
        if (isWordChar(c)) return false;
    }
    return true;
}

class Reader {
public:
    Reader(SourceDocument& out, const HtmlLimits& limits) : _out(out), _limits(limits) {}

    void body(const xmlNode* node) {
        blocks(node, _out.blocks, 0);
        flush(_out.blocks);
        if (_images > 0)
            _out.notes.push_back(std::to_string(_images) +
                                 " images not imported (the schema has no figures yet)");
        if (_nested > 0)
            _out.notes.push_back(std::to_string(_nested) +
                                 " nested tables flattened into their cells");
        _out.lines = _line;
    }

private:
    // Block content of node into `into`, the current paragraph collecting
    // inline content until a block element ends it.
    void blocks(const xmlNode* node, std::vector<SourceBlock>& into, std::size_t depth) {
        for (const xmlNode* at = node->children; at != nullptr; at = at->next) {
            if (at->type == XML_TEXT_NODE || at->type == XML_CDATA_SECTION_NODE) {
                if (at->content != nullptr)
                    addText(reinterpret_cast<const char*>(at->content), Style{});
                continue;
            }
            if (at->type != XML_ELEMENT_NODE) continue;
            std::string_view name = nameOf(at);
            if (isSkipped(name)) continue;
            if (depth >= _limits.maxDepth) {
                addText(textOf(at), Style{});
                continue;
            }
            if (name == "img") {
                ++_images;
                continue;
            }
            if (name == "br") {
                addBreak();
                continue;
            }
            if (!isBlock(name)) {
                inlineContent(at, styleOf(at, Style{}), depth + 1);
                continue;
            }
            flush(into);
            if (name == "table") {
                into.push_back({table(at, depth + 1)});
            } else if (name == "ul" || name == "ol") {
                list(at, into, depth + 1);
            } else if (name == "hr") {
                continue;
            } else {
                _paragraph.headingLevel = headingLevel(name);
                if (name == "p" && isWordListParagraph(at)) wordListLabel(at);
                blocks(at, into, depth + 1);
                flush(into);
            }
        }
    }

    // A Word list paragraph: its number (or bullet) is the text of the span
    // styled mso-list:Ignore.
    void wordListLabel(const xmlNode* paragraph) {
        const xmlNode* label = findLabel(paragraph, 0);
        if (label == nullptr) return;
        std::string text(trim(normalise(textOf(label))));
        _paragraph.number = text;
        _paragraph.bullet = !text.empty() && isBulletLabel(text);
        if (_paragraph.bullet) _paragraph.number = "·";
    }

    const xmlNode* findLabel(const xmlNode* node, int depth) const {
        if (depth > 8) return nullptr;
        for (const xmlNode* at = node->children; at != nullptr; at = at->next) {
            if (at->type != XML_ELEMENT_NODE) continue;
            if (isMsoListLabel(at)) return at;
            if (const xmlNode* found = findLabel(at, depth + 1)) return found;
        }
        return nullptr;
    }

    void list(const xmlNode* node, std::vector<SourceBlock>& into, std::size_t depth) {
        bool ordered = nameOf(node) == "ol";
        int number = 1;
        if (std::string start = attributeOf(node, "start"); !start.empty())
            number = std::clamp(std::atoi(start.c_str()), 1, 100000);
        for (const xmlNode* at = node->children; at != nullptr; at = at->next) {
            if (at->type != XML_ELEMENT_NODE) continue;
            if (nameOf(at) != "li") {
                if (nameOf(at) == "ul" || nameOf(at) == "ol") list(at, into, depth + 1);
                continue;
            }
            flush(into);
            _paragraph.number = ordered ? std::to_string(number++) + "." : "·";
            _paragraph.bullet = !ordered;
            if (depth < _limits.maxDepth) blocks(at, into, depth + 1);
            flush(into);
        }
    }

    SourceTable table(const xmlNode* node, std::size_t depth) {
        SourceTable out;
        out.line = ++_line;
        rows(node, out, depth);
        return out;
    }

    void rows(const xmlNode* node, SourceTable& out, std::size_t depth) {
        for (const xmlNode* at = node->children; at != nullptr; at = at->next) {
            if (at->type != XML_ELEMENT_NODE) continue;
            std::string_view name = nameOf(at);
            if (name == "thead" || name == "tbody" || name == "tfoot") {
                rows(at, out, depth + 1);
            } else if (name == "tr") {
                SourceRow row;
                row.line = ++_line;
                for (const xmlNode* cell = at->children; cell != nullptr; cell = cell->next) {
                    if (cell->type != XML_ELEMENT_NODE) continue;
                    if (nameOf(cell) != "td" && nameOf(cell) != "th") continue;
                    row.cells.push_back(this->cell(cell, depth + 1));
                }
                if (!row.cells.empty()) out.rows.push_back(std::move(row));
            }
        }
    }

    SourceCell cell(const xmlNode* node, std::size_t depth) {
        SourceCell out;
        out.colspan = spanOf(node, "colspan");
        out.rowspan = spanOf(node, "rowspan");
        // The cell's blocks, read like the body; a table inside is flattened.
        std::vector<SourceBlock> inner;
        SourceParagraph saved = std::move(_paragraph);
        _paragraph = {};
        blocks(node, inner, depth);
        flush(inner);
        _paragraph = std::move(saved);
        for (SourceBlock& block : inner) {
            if (!block.isTable()) {
                out.paragraphs.push_back(std::move(std::get<SourceParagraph>(block.content)));
                continue;
            }
            ++_nested;
            for (SourceRow& row : std::get<SourceTable>(block.content).rows)
                for (SourceCell& nested : row.cells)
                    for (SourceParagraph& paragraph : nested.paragraphs)
                        out.paragraphs.push_back(std::move(paragraph));
        }
        return out;
    }

    void inlineContent(const xmlNode* node, Style style, std::size_t depth) {
        if (isMsoListLabel(node)) return;  // the number, taken by wordListLabel
        for (const xmlNode* at = node->children; at != nullptr; at = at->next) {
            if (at->type == XML_TEXT_NODE || at->type == XML_CDATA_SECTION_NODE) {
                if (at->content != nullptr)
                    addText(reinterpret_cast<const char*>(at->content), style);
                continue;
            }
            if (at->type != XML_ELEMENT_NODE) continue;
            std::string_view name = nameOf(at);
            if (isSkipped(name)) continue;
            if (name == "br") {
                addBreak();
            } else if (name == "img") {
                ++_images;
            } else if (depth >= _limits.maxDepth) {
                addText(textOf(at), style);
            } else {
                inlineContent(at, styleOf(at, style), depth + 1);
            }
        }
    }

    void addText(std::string_view raw, Style style) {
        std::string text = normalise(raw);
        if (text.empty()) return;
        std::vector<Run>& runs = _paragraph.runs;
        if (!runs.empty() && runs.back().text != "\n" && runs.back().bold == style.bold &&
            runs.back().italic == style.italic && runs.back().underline == style.underline) {
            // Two spaces where two text nodes meet are one.
            if (runs.back().text.ends_with(' ') && text.starts_with(' ')) text.erase(0, 1);
            runs.back().text += text;
            return;
        }
        runs.push_back(Run{text, style.bold, style.italic, style.underline, {}});
    }

    void addBreak() { _paragraph.runs.push_back(Run{"\n", false, false, false, {}}); }

    void flush(std::vector<SourceBlock>& into) {
        SourceParagraph paragraph = std::move(_paragraph);
        _paragraph = {};
        paragraph.runs = trimRuns(std::move(paragraph.runs));
        if (paragraph.runs.empty() && paragraph.number.empty()) return;
        paragraph.line = ++_line;
        into.push_back({std::move(paragraph)});
    }

    SourceDocument& _out;
    const HtmlLimits& _limits;
    SourceParagraph _paragraph;
    int _line = 0;
    std::size_t _images = 0;
    std::size_t _nested = 0;
};

const xmlNode* findBody(const xmlNode* node) {
    for (const xmlNode* at = node; at != nullptr; at = at->next) {
        if (at->type != XML_ELEMENT_NODE) continue;
        if (nameOf(at) == "body") return at;
        if (nameOf(at) == "html")
            if (const xmlNode* found = findBody(at->children)) return found;
    }
    return nullptr;
}

}  // namespace

Result<SourceDocument> readHtmlSource(std::string_view bytes, std::string name,
                                      const HtmlLimits& limits) {
    if (bytes.size() > limits.maxBytes)
        return fail(ErrorCode::TooLarge, "import: " + name + ": " + std::to_string(bytes.size()) +
                                             " bytes is over the limit of " +
                                             std::to_string(limits.maxBytes) + " bytes");
    if (auto bad = invalidUtf8Offset(bytes))
        return fail(ErrorCode::InvalidDocument,
                    "import: " + name + ": not UTF-8 (byte " + std::to_string(*bad) + ")");
    if (bytes.find('\0') != std::string_view::npos)
        return fail(ErrorCode::InvalidDocument, "import: " + name + ": holds a NUL byte");
    NUSQA_TRY(prescan(bytes, name, limits));
    std::string html = withoutConditionalMarkers(bytes);
    if (html.size() > static_cast<std::size_t>(INT_MAX))
        return fail(ErrorCode::TooLarge, "import: " + name + ": too large");

    xml::ensureLibXmlReady();
    xml::DocPtr doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                   kParseOptions));
    SourceDocument out;
    out.name = std::move(name);
    out.format = SourceFormat::Html;
    out.bytes = bytes.size();
    if (doc == nullptr)
        return fail(ErrorCode::InvalidDocument, "import: " + out.name + ": no text to import");
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    const xmlNode* body = root != nullptr ? findBody(root) : nullptr;
    Reader reader(out, limits);
    if (body != nullptr) reader.body(body);
    if (out.blocks.empty())
        return fail(ErrorCode::InvalidDocument, "import: " + out.name + ": no text to import");
    return out;
}

}  // namespace nusqa::import::html
