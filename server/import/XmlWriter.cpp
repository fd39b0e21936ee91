// The ImportedDocument as XML text in the order and with the names of
// schemas/document.xsd. Text is escaped (& < > and " in attributes);
// characters XML 1.0 cannot hold are left out (the readers already remove
// them). Blocks are indented two spaces per level; mixed content (p,
// heading, cells' text) is written on one line so no space is added to it.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

#include "import/detail/Recognition.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {

const char* elementName(NodeKind kind) {
    switch (kind) {
        case NodeKind::Chapter:
            return "chapter";
        case NodeKind::Paragraph:
            return "paragraph";
        case NodeKind::Section:
            return "section";
        case NodeKind::Clause:
            return "clause";
        case NodeKind::Subclause:
            return "subclause";
        case NodeKind::P:
            return "p";
        case NodeKind::List:
            return "list";
        case NodeKind::Item:
            return "item";
        case NodeKind::Table:
            return "table";
        case NodeKind::References:
            return "references";
        case NodeKind::Ref:
            return "ref";
        case NodeKind::Terms:
            return "terms";
        case NodeKind::Term:
            return "term";
        case NodeKind::Abbreviations:
            return "abbreviations";
        case NodeKind::Abbreviation:
            return "abbreviation";
    }
    return "p";
}

namespace {

void escape(std::string& out, std::string_view text, bool attribute) {
    for (std::size_t at = 0; at < text.size();) {
        std::size_t start = at;
        char32_t c = decodeAt(text, at);
        // Not XML characters: controls, U+FFFE, U+FFFF, and the U+FFFD that
        // decodeAt returns for a byte that is not UTF-8 (a real U+FFFD stays).
        bool control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
        bool badByte = c == 0xFFFD && text.substr(start, at - start) != "\xEF\xBF\xBD";
        if (control || badByte || c == 0xFFFE || c == 0xFFFF) continue;
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += attribute ? "&quot;" : "\"";
                break;
            case '\n':
            case '\t':
                out += attribute ? " " : std::string(1, static_cast<char>(c));
                break;
            default:
                out.append(text.substr(start, at - start));
        }
    }
}

// A column width as xs:decimal: plain digits, never an exponent («1e+04»
// is a double, not a decimal), at most two decimals, at least 0.01.
std::string decimal(double width) {
    if (!std::isfinite(width) || width <= 0) width = 1.0;
    width = std::clamp(width, 0.01, 1e9);
    char buffer[48];
    auto [end, error] =
        std::to_chars(buffer, buffer + sizeof buffer, width, std::chars_format::fixed, 2);
    std::string text = error == std::errc() ? std::string(buffer, end) : std::string("1");
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    return text;
}

class Writer {
public:
    std::string take() { return std::move(_out); }

    void line(int depth, const std::string& text) {
        _out.append(static_cast<std::size_t>(depth) * 2, ' ');
        _out += text;
        _out += '\n';
    }

    std::string textElement(const char* name, std::string_view text) {
        std::string out = "<" + std::string(name) + ">";
        escape(out, text, false);
        return out + "</" + name + ">";
    }

    static std::string attr(const char* name, std::string_view value) {
        std::string out = " " + std::string(name) + "=\"";
        escape(out, value, true);
        return out + "\"";
    }

    static std::string inlineText(const std::vector<Run>& runs) {
        std::string out;
        for (const Run& run : runs) {
            if (run.text == "\n") {
                out += "<br/>";
                continue;
            }
            std::string open, close;
            if (!run.docRef.empty()) {
                open += "<docRef" + attr("code", run.docRef) + ">";
                close = "</docRef>" + close;
            }
            if (run.bold) open += "<b>", close = "</b>" + close;
            if (run.italic) open += "<i>", close = "</i>" + close;
            if (run.underline) open += "<u>", close = "</u>" + close;
            out += open;
            // A line break inside a run becomes <br/>.
            std::size_t from = 0;
            for (std::size_t nl = run.text.find('\n'); nl != std::string::npos;
                 nl = run.text.find('\n', from)) {
                escape(out, std::string_view(run.text).substr(from, nl - from), false);
                out += "<br/>";
                from = nl + 1;
            }
            escape(out, std::string_view(run.text).substr(from), false);
            out += close;
        }
        return out;
    }

    void inlineElement(int depth, const char* name, const std::vector<Run>& runs,
                       const std::string& attrs = {}) {
        line(depth, "<" + std::string(name) + attrs + ">" + inlineText(runs) + "</" + name + ">");
    }

    void node(int depth, const Node& n) {
        const char* name = elementName(n.kind);
        std::string attrs = n.eId.empty() ? "" : attr("eId", n.eId);
        switch (n.kind) {
            case NodeKind::P:
                inlineElement(depth, "p", n.text, attrs);
                return;
            case NodeKind::Ref:
                if (!n.code.empty()) attrs += attr("code", n.code);
                line(depth, "<ref" + attrs + ">");
                if (!n.num.empty()) line(depth + 1, textElement("num", n.num));
                inlineElement(depth + 1, "text", n.text);
                line(depth, "</ref>");
                return;
            case NodeKind::Term:
            case NodeKind::Abbreviation: {
                bool term = n.kind == NodeKind::Term;
                line(depth, "<" + std::string(name) + attrs + ">");
                if (!n.num.empty()) line(depth + 1, textElement("num", n.num));
                inlineElement(depth + 1, term ? "name" : "abbr", n.text);
                inlineElement(depth + 1, term ? "definition" : "expansion", n.text2);
                line(depth, "</" + std::string(name) + ">");
                return;
            }
            case NodeKind::List:
                attrs += attr("type", n.ordered ? "ordered" : "bullet");
                break;
            case NodeKind::Table:
                table(depth, n, attrs);
                return;
            default:
                break;
        }
        line(depth, "<" + std::string(name) + attrs + ">");
        if (!n.num.empty()) line(depth + 1, textElement("num", n.num));
        if (!n.heading.empty()) inlineElement(depth + 1, "heading", n.heading);
        for (const Node& child : n.children) node(depth + 1, child);
        line(depth, "</" + std::string(name) + ">");
    }

    void row(int depth, const Row& r) {
        line(depth, "<tr" + (r.eId.empty() ? std::string() : attr("eId", r.eId)) + ">");
        for (const Cell& cell : r.cells) {
            std::string attrs;
            if (cell.colspan > 1) attrs += attr("colspan", std::to_string(cell.colspan));
            if (cell.rowspan > 1) attrs += attr("rowspan", std::to_string(cell.rowspan));
            if (cell.blocks.empty()) {
                line(depth + 1, "<td" + attrs + "/>");
                continue;
            }
            line(depth + 1, "<td" + attrs + ">");
            for (const Node& block : cell.blocks) node(depth + 2, block);
            line(depth + 1, "</td>");
        }
        line(depth, "</tr>");
    }

    void table(int depth, const Node& n, const std::string& attrs) {
        line(depth, "<table" + attrs + ">");
        if (!n.columnWidths.empty()) {
            std::string cols = "<cols>";
            for (double width : n.columnWidths)
                cols += "<col" + attr("width", decimal(width)) + "/>";
            line(depth + 1, cols + "</cols>");
        }
        if (!n.head.empty()) {
            line(depth + 1, "<thead>");
            for (const Row& r : n.head) row(depth + 2, r);
            line(depth + 1, "</thead>");
        }
        for (const Row& r : n.rows) row(depth + 1, r);
        line(depth, "</table>");
    }

    void person(int depth, const char* element, const Person& p, const std::string& attrs = {},
                bool date = false) {
        line(depth, "<" + std::string(element) + attrs + ">");
        if (!p.position.empty()) line(depth + 1, textElement("position", p.position));
        line(depth + 1, textElement("name", p.name));
        if (date && !p.date.empty()) line(depth + 1, textElement("date", p.date));
        line(depth, "</" + std::string(element) + ">");
    }

    void meta(const Meta& m) {
        line(1, "<meta>");
        line(2, textElement("organisation", m.organisation));
        if (!m.profile.empty()) line(2, textElement("profile", m.profile));
        line(2, textElement("kind", m.kind));
        if (!m.kindTitle.empty()) line(2, textElement("kindTitle", m.kindTitle));
        line(2, textElement("code", m.code));
        line(2, textElement("title", m.title));
        line(2, textElement("language", m.language));
        if (!m.unit.empty()) line(2, textElement("unit", m.unit));
        line(2, "<edition" + attr("number", std::to_string(m.edition)) + "/>");
        if (m.hasReplaces) {
            std::string attrs = attr("code", m.replacesCode);
            if (m.replacesNumber > 0) attrs += attr("number", std::to_string(m.replacesNumber));
            if (!m.replacesDate.empty()) attrs += attr("date", m.replacesDate);
            line(2, "<replaces" + attrs + "/>");
        }
        std::string dates;
        for (auto [name, value] :
             {std::pair{"prepared", &m.prepared}, std::pair{"agreed", &m.agreed},
              std::pair{"approved", &m.approved}, std::pair{"effective", &m.effective},
              std::pair{"review", &m.review}})
            if (!value->empty()) dates += attr(name, *value);
        if (!dates.empty()) line(2, "<dates" + dates + "/>");
        if (!m.preparedBy.empty()) {
            line(2, "<preparedBy>");
            for (const Person& p : m.preparedBy) person(3, "person", p);
            line(2, "</preparedBy>");
        }
        if (m.hasApproval) {
            line(2, "<approval>");
            if (!m.approval.position.empty()) line(3, textElement("position", m.approval.position));
            line(3, textElement("name", m.approval.name));
            if (!m.approval.date.empty()) line(3, textElement("date", m.approval.date));
            if (!m.decisionNumber.empty()) {
                std::string attrs = attr("number", m.decisionNumber);
                if (!m.decisionDate.empty()) attrs += attr("date", m.decisionDate);
                line(3, "<decision" + attrs + "/>");
            }
            line(2, "</approval>");
        }
        if (m.copyNumber)
            line(2, m.copyNumber->empty() ? "<copyNumber/>"
                                          : textElement("copyNumber", *m.copyNumber));
        if (!m.approvers.empty()) {
            line(2, "<agreementList>");
            for (std::size_t i = 0; i < m.approvers.size(); ++i)
                person(3, "approver", m.approvers[i], attr("eId", "agr_" + std::to_string(i + 1)),
                       true);
            line(2, "</agreementList>");
        }
        line(1, "</meta>");
    }

    void document(const ImportedDocument& d) {
        line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        line(0, "<document xmlns=\"urn:nusqa:document:1\" schemaVersion=\"1\">");
        meta(d.meta);
        line(1, "<body>");
        for (const Node& n : d.body) node(2, n);
        line(1, "</body>");
        if (d.hasForms) {
            line(1, "<forms" + attr("eId", "forms") + ">");
            if (!d.formsHeading.empty()) inlineElement(2, "heading", d.formsHeading);
            for (std::size_t i = 0; i < d.forms.size(); ++i) {
                const Form& f = d.forms[i];
                std::string text = "<form" + attr("eId", "form_" + std::to_string(i + 1)) + ">";
                if (!f.num.empty()) text += textElement("num", f.num);
                text +=
                    textElement("code", f.code) + "<name>" + inlineText(f.name) + "</name></form>";
                line(2, text);
            }
            line(1, "</forms>");
        }
        for (const Node& annex : d.annexes) {
            line(1, "<annex" + attr("eId", annex.eId) + ">");
            if (!annex.num.empty()) line(2, textElement("num", annex.num));
            if (!annex.heading.empty()) inlineElement(2, "heading", annex.heading);
            for (const Node& child : annex.children) node(2, child);
            line(1, "</annex>");
        }
        if (d.hasChanges) {
            if (d.changes.empty()) {
                line(1, "<changes/>");
            } else {
                line(1, "<changes>");
                for (std::size_t i = 0; i < d.changes.size(); ++i) {
                    const Change& c = d.changes[i];
                    line(2, "<change" + attr("eId", "chg_" + std::to_string(i + 1)) + ">");
                    line(3, textElement("num", c.num));
                    line(3, textElement("location", c.location));
                    line(3, textElement("kind", c.kind));
                    if (!c.noticeNumber.empty())
                        line(3, "<notice" + attr("number", c.noticeNumber) +
                                    (c.noticeDate.empty() ? std::string()
                                                          : attr("date", c.noticeDate)) +
                                    "/>");
                    line(3, textElement("entered", c.entered));
                    person(3, "person", c.person);
                    line(2, "</change>");
                }
                line(1, "</changes>");
            }
        }
        line(0, "</document>");
    }

private:
    std::string _out;
};

void count(const std::vector<Node>& nodes, std::map<std::string, int>& counts) {
    for (const Node& n : nodes) {
        ++counts[elementName(n.kind)];
        count(n.children, counts);
        for (const std::vector<Row>* rows : {&n.head, &n.rows})
            for (const Row& row : *rows) {
                ++counts["tr"];
                for (const Cell& cell : row.cells) count(cell.blocks, counts);
            }
    }
}

}  // namespace

std::string writeXml(const ImportedDocument& document) {
    Writer writer;
    writer.document(document);
    return writer.take();
}

void countElements(const ImportedDocument& document, ImportReport& report) {
    std::map<std::string, int>& counts = report.counts;
    counts.clear();
    count(document.body, counts);
    for (const Node& annex : document.annexes) count(annex.children, counts);
    if (!document.annexes.empty()) counts["annex"] = static_cast<int>(document.annexes.size());
    if (document.hasForms) counts["form"] = static_cast<int>(document.forms.size());
    if (!document.changes.empty()) counts["change"] = static_cast<int>(document.changes.size());
    if (!document.meta.approvers.empty())
        counts["approver"] = static_cast<int>(document.meta.approvers.size());
}

}  // namespace nusqa::import
