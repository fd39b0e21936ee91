#include "domain/detail/ComparisonTree.h"

#include <algorithm>
#include <cstddef>
#include <sstream>
#include <variant>

namespace nusqa::compare::detail {
namespace {

using namespace content;

std::uint8_t flagsOf(const Run& run) {
    return static_cast<std::uint8_t>((run.bold ? 1 : 0) | (run.italic ? 2 : 0) |
                                     (run.underline ? 4 : 0) | (static_cast<int>(run.script) << 3));
}

constexpr std::uint8_t kLineBreak = 0xFF;

// Collects paragraphs of inline text into one part: the plain text (one
// line per paragraph) and the formatting of every byte.
class TextBuilder {
public:
    void paragraph(const Inline& runs) {
        if (_started) append("\n", 0);
        _started = true;
        for (const Run& run : runs)
            append(run.lineBreak ? std::string_view("\n") : run.text, flagsOf(run));
    }

    void plain(std::string_view text) {
        _started = true;
        append(text, 0);
    }

    bool empty() const { return _text.empty(); }

    TextPart part(const char* name) && {
        TextPart part{name, std::move(_text), {}};
        part.format = signature(part.text, _flags);
        return part;
    }

    CellText cell(int column, std::string layout) && {
        CellText cell{column, std::move(_text), {}, std::move(layout)};
        cell.format = signature(cell.text, _flags);
        return cell;
    }

private:
    void append(std::string_view text, std::uint8_t flags) {
        _text += text;
        _flags.insert(_flags.end(), text.size(), flags);
    }

    static void push(FormatSignature& out, std::uint8_t flags) {
        if (!out.empty() && out.back().first == flags && flags != kLineBreak)
            ++out.back().second;
        else
            out.emplace_back(flags, 1);
    }

    static FormatSignature signature(std::string_view text,
                                     const std::vector<std::uint8_t>& flags) {
        FormatSignature out;
        std::size_t at = 0;
        for (const Token& token : tokenize(text)) {
            if (token.kind == TokenKind::Space) {
                if (token.text.find('\n') != std::string_view::npos) push(out, kLineBreak);
            } else {
                for (std::size_t i = 0; i < token.text.size(); ++i)
                    if ((static_cast<unsigned char>(token.text[i]) & 0xC0) != 0x80)
                        push(out, flags[at + i]);
            }
            at += token.text.size();
        }
        return out;
    }

    std::string _text;
    std::vector<std::uint8_t> _flags;
    bool _started = false;
};

TextPart inlinePart(const char* name, const Inline& text) {
    TextBuilder builder;
    builder.paragraph(text);
    return std::move(builder).part(name);
}

TextPart plainPart(const char* name, std::string_view text) {
    TextBuilder builder;
    builder.plain(text);
    return std::move(builder).part(name);
}

std::string_view alignName(CellAlign align) {
    switch (align) {
        case CellAlign::Default:
            return "";
        case CellAlign::Left:
            return "left";
        case CellAlign::Center:
            return "center";
        case CellAlign::Right:
            return "right";
        case CellAlign::Justify:
            return "justify";
    }
    return "";
}

std::string_view changeKindName(content::ChangeKind kind) {
    switch (kind) {
        case content::ChangeKind::Replace:
            return "replace";
        case content::ChangeKind::Delete:
            return "delete";
        case content::ChangeKind::Add:
            return "add";
    }
    return "replace";
}

class Builder {
public:
    explicit Builder(Tree& tree) : _tree(tree) {}

    void edition(const Content& content) {
        _tree.nodes.push_back(Node{});
        blocks(content.body, 0, nullptr);
        if (content.forms) formsList(*content.forms);
        for (const Division& annex : content.annexes) division(annex, 0);
        for (const ChangeRecord& change : content.changes) changeRecord(change);
        finish(0);
    }

private:
    Node& node(int index) { return _tree.nodes[static_cast<std::size_t>(index)]; }

    int add(int parent, ElementKind kind, const std::string& eId, const std::string& num,
            bool headerRow = false) {
        int index = static_cast<int>(_tree.nodes.size());
        Node added;
        added.kind = kind;
        added.eId = eId;
        added.num = num;
        added.headerRow = headerRow;
        added.parent = parent;
        added.depth = node(parent).depth + 1;
        added.siblingIndex = static_cast<int>(node(parent).children.size());
        for (int sibling : node(parent).children)
            if (node(sibling).kind == kind && node(sibling).headerRow == headerRow)
                added.position = node(sibling).position;
        ++added.position;
        if (!eId.empty()) added.firstWithEId = _tree.byEId.emplace(eId, index).second;
        node(parent).children.push_back(index);
        _tree.nodes.push_back(std::move(added));
        return index;
    }

    void finish(int index) { node(index).end = static_cast<int>(_tree.nodes.size()); }

    // Paragraphs without an eId go into text when the holder has one;
    // everything else becomes a node under parent.
    void blocks(const std::vector<Block>& blocks, int parent, TextBuilder* text) {
        for (const Block& block : blocks)
            std::visit([&](const auto& value) { this->block(value, parent, text); }, block.value);
    }

    void block(const Paragraph& paragraph, int parent, TextBuilder* text) {
        if (paragraph.eId.empty() && text != nullptr) {
            text->paragraph(paragraph.text);
            return;
        }
        int index = add(parent, ElementKind::P, paragraph.eId, "");
        node(index).parts.push_back(inlinePart("text", paragraph.text));
        finish(index);
    }

    void block(const List& list, int parent, TextBuilder*) {
        int index = add(parent, ElementKind::List, list.eId, "");
        node(index).layout = list.ordered ? "ordered" : "bullet";
        for (const ListItem& item : list.items) {
            int itemIndex = add(index, ElementKind::Item, item.eId, item.num);
            TextBuilder text;
            blocks(item.blocks, itemIndex, &text);
            node(itemIndex).parts.push_back(std::move(text).part("text"));
            finish(itemIndex);
        }
        finish(index);
    }

    void block(const Table& table, int parent, TextBuilder*) {
        int index = add(parent, ElementKind::Table, table.eId, "");
        node(index).heading = plainText(table.caption);
        node(index).parts.push_back(inlinePart("caption", table.caption));
        std::ostringstream widths;
        for (double width : table.columnWidths) widths << width << ' ';
        node(index).layout = widths.str();
        rows(table.headerRows, index, true);
        rows(table.rows, index, false);
        finish(index);
    }

    void rows(const std::vector<Row>& rows, int table, bool header) {
        std::vector<int> covered;  // per grid column: rows a span above still covers
        for (const Row& row : rows) {
            int index = add(table, ElementKind::Row, row.eId, "", header);
            std::size_t column = 0;
            for (const Cell& cell : row.cells) {
                while (column < covered.size() && covered[column] > 0) ++column;
                TextBuilder text;
                blocks(cell.blocks, index, &text);
                std::string layout = std::to_string(cell.colspan) + "x" +
                                     std::to_string(cell.rowspan) + " " +
                                     std::string(alignName(cell.align));
                node(index).cells.push_back(
                    std::move(text).cell(static_cast<int>(column) + 1, std::move(layout)));
                std::size_t span = static_cast<std::size_t>(std::max(1, cell.colspan));
                if (covered.size() < column + span) covered.resize(column + span, 0);
                for (std::size_t k = 0; k < span; ++k)
                    covered[column + k] = std::max(1, cell.rowspan);
                column += span;
            }
            for (int& rowsLeft : covered)
                if (rowsLeft > 0) --rowsLeft;
            finish(index);
        }
    }

    void block(const EntryList& list, int parent, TextBuilder*) {
        int index = add(parent, ElementKind::EntryList, list.eId, "");
        node(index).heading = plainText(list.heading);
        node(index).parts.push_back(inlinePart("heading", list.heading));
        for (const Entry& entry : list.entries) {
            int entryIndex = add(index, ElementKind::Entry, entry.eId, entry.num);
            node(entryIndex).parts.push_back(plainPart("code", entry.code));
            node(entryIndex).parts.push_back(inlinePart("name", entry.name));
            node(entryIndex).parts.push_back(inlinePart("text", entry.text));
            finish(entryIndex);
        }
        finish(index);
    }

    void block(const Division& value, int parent, TextBuilder*) { division(value, parent); }

    void division(const Division& division, int parent) {
        int index = add(parent, elementKindOf(division.kind), division.eId, division.num);
        node(index).heading = plainText(division.heading);
        TextPart heading = inlinePart("heading", division.heading);
        TextBuilder text;
        blocks(division.children, index, &text);
        node(index).parts.push_back(std::move(heading));
        node(index).parts.push_back(std::move(text).part("text"));
        finish(index);
    }

    void formsList(const FormsList& forms) {
        int index = add(0, ElementKind::FormsList, forms.eId, "");
        node(index).heading = plainText(forms.heading);
        node(index).parts.push_back(inlinePart("heading", forms.heading));
        for (const Form& form : forms.forms) {
            int formIndex = add(index, ElementKind::Form, form.eId, form.num);
            node(formIndex).parts.push_back(plainPart("code", form.code));
            node(formIndex).parts.push_back(inlinePart("name", form.name));
            finish(formIndex);
        }
        finish(index);
    }

    void changeRecord(const ChangeRecord& change) {
        int index = add(0, ElementKind::ChangeRecord, change.eId, change.num);
        std::string notice = change.noticeNumber;
        if (!change.noticeDate.empty()) notice += " " + change.noticeDate;
        std::string person = change.person.position;
        if (!person.empty() && !change.person.name.empty()) person += ", ";
        person += change.person.name;
        Node& record = node(index);
        record.parts.push_back(plainPart("location", change.location));
        record.parts.push_back(plainPart("target", change.target));
        record.parts.push_back(plainPart("kind", changeKindName(change.kind)));
        record.parts.push_back(plainPart("notice", notice));
        record.parts.push_back(plainPart("entered", change.entered));
        record.parts.push_back(plainPart("person", person));
        finish(index);
    }

    Tree& _tree;
};

}  // namespace

Tree buildTree(const content::Content& content) {
    Tree tree;
    Builder(tree).edition(content);
    return tree;
}

std::string subtreeText(const Tree& tree, int node) {
    std::string out;
    for (int k = node; k < tree.nodes[static_cast<std::size_t>(node)].end; ++k) {
        const Node& element = tree.nodes[static_cast<std::size_t>(k)];
        std::string line = element.num;
        auto add = [&line](const std::string& text, const char* separator) {
            if (text.empty()) return;
            if (!line.empty()) line += separator;
            line += text;
        };
        for (const TextPart& part : element.parts) add(part.text, " ");
        for (std::size_t c = 0; c < element.cells.size(); ++c)
            add(element.cells[c].text, c == 0 ? " " : " | ");
        if (line.empty()) continue;
        if (!out.empty()) out += '\n';
        out += line;
    }
    return out;
}

std::vector<std::string> ownWords(const Node& node) {
    std::vector<std::string> words;
    auto add = [&words](const std::string& text) {
        for (std::string& word : foldedWords(text)) words.push_back(std::move(word));
    };
    for (const TextPart& part : node.parts) add(part.text);
    for (const CellText& cell : node.cells) add(cell.text);
    return words;
}

Place placeOf(const Tree& tree, int node) {
    const Node& element = tree.nodes[static_cast<std::size_t>(node)];
    Place place{element.eId, element.num, element.position, element.headerRow, {}};
    for (int k = node; k > 0; k = tree.nodes[static_cast<std::size_t>(k)].parent) {
        const Node& step = tree.nodes[static_cast<std::size_t>(k)];
        place.path.push_back({step.kind, step.eId, step.num, step.heading, step.position});
    }
    std::reverse(place.path.begin(), place.path.end());
    return place;
}

ElementKind elementKindOf(content::Division::Kind kind) {
    switch (kind) {
        case content::Division::Kind::Chapter:
            return ElementKind::Chapter;
        case content::Division::Kind::Paragraph:
            return ElementKind::Paragraph;
        case content::Division::Kind::Section:
            return ElementKind::Section;
        case content::Division::Kind::Clause:
            return ElementKind::Clause;
        case content::Division::Kind::Subclause:
            return ElementKind::Subclause;
        case content::Division::Kind::Annex:
            return ElementKind::Annex;
    }
    return ElementKind::Section;
}

}  // namespace nusqa::compare::detail
