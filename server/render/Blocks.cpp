// Content blocks to flow items: headings (kept with what follows), clauses
// with the number hanging in its own column (or inline, as the profile
// says), lists, references / terms / abbreviations, tables, forms, annexes.
#include <algorithm>
#include <utility>

#include "render/detail/Builder.h"

namespace nusqa::render {

void Slab::append(const Slab& other, float dx, float dy) {
    for (PlacedText text : other.texts) {
        text.x += dx;
        text.baseline += dy;
        texts.push_back(std::move(text));
    }
    for (Rule rule : other.rules) {
        rule.x1 += dx;
        rule.x2 += dx;
        rule.y1 += dy;
        rule.y2 += dy;
        rules.push_back(rule);
    }
    for (Deferred deferred : other.deferred) {
        deferred.xRight += dx;
        deferred.baseline += dy;
        this->deferred.push_back(deferred);
    }
    for (Fill fill : other.fills) {
        fill.x += dx;
        fill.y += dy;
        fills.push_back(fill);
    }
}

namespace {

using content::Block;
using content::Division;

void shift(std::vector<Slab>& lines, float dx) {
    for (Slab& line : lines)
        for (PlacedText& text : line.texts) text.x += dx;
}

std::vector<Span> joined(std::vector<Span> first, const std::vector<Span>& second) {
    first.insert(first.end(), second.begin(), second.end());
    return first;
}

std::vector<Span> plain(const std::string& text, const Style& style) {
    return spansOf(text, style);
}

// num printed at left, the text in the column after it; the number's
// column is at least hang wide.
FlowItem hangingItem(Context& context, const std::string& num, const std::vector<Span>& text,
                     const profile::TextStyle& style, float left, float width, float hang) {
    Style numberStyle = styleOf(style);
    std::u32string number = decodeUtf8(num);
    float numberWidth = context.fonts.width(numberStyle, number);
    float column = std::max(hang, numberWidth + numberStyle.size * 0.4f);
    profile::TextStyle textStyle = style;
    textStyle.firstLineIndent = 0;
    textStyle.leftIndent = 0;
    FlowItem item = textItem(context, text, textStyle, left + column, width - column);
    if (item.lines.empty())
        item.lines.push_back(Slab{numberStyle.size * context.lineSpacing(), {}, {}, {}});
    Slab& first = item.lines.front();
    float baseline = first.texts.empty() ? first.height * 0.8f : first.texts.front().baseline;
    TextLine line;
    line.pieces.push_back(Glyphs{numberStyle, number, 0, numberWidth});
    first.texts.insert(first.texts.begin(), PlacedText{left, baseline, std::move(line)});
    return item;
}

float hangWidth(Context& context, const std::string& num, const profile::TextStyle& style,
                float hang) {
    Style numberStyle = styleOf(style);
    return std::max(hang,
                    context.fonts.width(numberStyle, decodeUtf8(num)) + numberStyle.size * 0.4f);
}

const profile::TextStyle& headingStyle(Context& context, Division::Kind kind) {
    const profile::Styles& styles = context.profile.styles;
    switch (kind) {
        case Division::Kind::Chapter:
            return styles.chapter;
        case Division::Kind::Paragraph:
            return styles.paragraph;
        case Division::Kind::Section:
            return styles.section;
        case Division::Kind::Annex:
            return styles.annex;
        default:
            return styles.clauseHeading;
    }
}

void headingItem(Context& context, const std::string& num, const content::Inline& heading,
                 const profile::TextStyle& style, float left, float width, int anchor,
                 std::vector<FlowItem>& out) {
    Style base = styleOf(style);
    std::vector<Span> spans = spansOf(heading, base, style.upperCase);
    if (!num.empty()) {
        std::string prefix = heading.empty() ? num : num + " ";
        spans = joined(spansOf(prefix, base, style.upperCase), spans);
    }
    // Headings are not hyphenated.
    Hyphenation* hyphenator = std::exchange(context.hyphenator, nullptr);
    FlowItem item = textItem(context, spans, style, left, width);
    context.hyphenator = hyphenator;
    item.keepWithNext = true;
    item.anchor = anchor;
    out.push_back(std::move(item));
}

void layoutDivision(Context& context, const Division& division, float left, float width,
                    bool topLevel, std::vector<FlowItem>& out);

void layoutClause(Context& context, const Division& division, float left, float width,
                  std::vector<FlowItem>& out) {
    const profile::Styles& styles = context.profile.styles;
    if (division.kind == Division::Kind::Subclause) {
        left += static_cast<float>(styles.subclauseIndent);
        width -= static_cast<float>(styles.subclauseIndent);
    }
    const std::vector<Block>& children = division.children;
    std::size_t next = 0;
    float column = left;
    if (!division.heading.empty()) {
        headingItem(context, division.num, division.heading, styles.clauseHeading, left, width, -1,
                    out);
    } else if (!division.num.empty()) {
        const auto* first =
            children.empty() ? nullptr : std::get_if<content::Paragraph>(&children[0].value);
        Style base = styleOf(context.body);
        if (styles.clauseLayout == profile::ClauseLayout::Inline) {
            std::vector<Span> spans = plain(division.num + " ", base);
            if (first != nullptr) spans = joined(spans, spansOf(first->text, base));
            out.push_back(textItem(context, spans, context.body, left, width));
            next = first != nullptr ? 1 : 0;
        } else {
            float hang = static_cast<float>(styles.clauseHang);
            column = left + hangWidth(context, division.num, context.body, hang);
            std::vector<Span> spans =
                first != nullptr ? spansOf(first->text, base) : std::vector<Span>{};
            FlowItem item =
                hangingItem(context, division.num, spans, context.body, left, width, hang);
            item.keepWithNext = first == nullptr;
            out.push_back(std::move(item));
            next = first != nullptr ? 1 : 0;
        }
    }
    for (; next < children.size(); ++next) {
        const auto* child = std::get_if<Division>(&children[next].value);
        if (child != nullptr &&
            (child->kind == Division::Kind::Subclause || child->kind == Division::Kind::Clause)) {
            layoutDivision(context, *child, left, width, false, out);
            continue;
        }
        std::vector<Block> one{children[next]};
        layoutBlocks(context, one, column, width - (column - left), out);
    }
}

void layoutDivision(Context& context, const Division& division, float left, float width,
                    bool topLevel, std::vector<FlowItem>& out) {
    if (division.kind == Division::Kind::Clause || division.kind == Division::Kind::Subclause) {
        layoutClause(context, division, left, width, out);
        return;
    }
    int anchor = -1;
    bool listed = division.kind == Division::Kind::Annex ||
                  (topLevel && division.kind != Division::Kind::Paragraph);
    if (listed && (!division.num.empty() || !division.heading.empty()))
        anchor = context.addAnchor(division.num, content::plainText(division.heading));
    if (!division.num.empty() || !division.heading.empty())
        headingItem(context, division.num, division.heading, headingStyle(context, division.kind),
                    left, width, anchor, out);
    for (const Block& child : division.children) {
        if (const auto* sub = std::get_if<Division>(&child.value)) {
            layoutDivision(context, *sub, left, width, false, out);
        } else {
            std::vector<Block> one{child};
            layoutBlocks(context, one, left, width, out);
        }
    }
}

void layoutList(Context& context, const content::List& list, float left, float width,
                std::vector<FlowItem>& out) {
    const profile::Styles& styles = context.profile.styles;
    float indent = static_cast<float>(styles.listIndent);
    Style base = styleOf(context.body);
    for (const content::ListItem& item : list.items) {
        std::size_t next = 0;
        float column = left + indent;
        if (!item.num.empty()) {
            column = left + hangWidth(context, item.num, context.body, indent);
            const auto* first = item.blocks.empty()
                                    ? nullptr
                                    : std::get_if<content::Paragraph>(&item.blocks[0].value);
            std::vector<Span> spans =
                first != nullptr ? spansOf(first->text, base) : std::vector<Span>{};
            out.push_back(hangingItem(context, item.num, spans, context.body, left, width, indent));
            next = first != nullptr ? 1 : 0;
        }
        std::vector<Block> rest(item.blocks.begin() + static_cast<std::ptrdiff_t>(next),
                                item.blocks.end());
        layoutBlocks(context, rest, column, width - (column - left), out);
    }
}

void layoutEntries(Context& context, const content::EntryList& list, float left, float width,
                   std::vector<FlowItem>& out) {
    const profile::Styles& styles = context.profile.styles;
    if (!list.heading.empty())
        headingItem(context, {}, list.heading, styles.listHeading, left, width, -1, out);
    Style base = styleOf(context.body);
    for (const content::Entry& entry : list.entries) {
        std::vector<Span> spans = spansOf(entry.text, base);
        if (!entry.name.empty())
            spans = joined(joined(spansOf(entry.name, base), plain(" – ", base)), spans);
        if (entry.num.empty()) {
            out.push_back(textItem(context, spans, context.body, left, width));
        } else {
            out.push_back(hangingItem(context, entry.num, spans, context.body, left, width,
                                      static_cast<float>(styles.listIndent)));
        }
    }
}

void layoutTableBlock(Context& context, const content::Table& table, float left, float width,
                      std::vector<FlowItem>& out) {
    const profile::Styles& styles = context.profile.styles;
    if (!table.caption.empty()) {
        FlowItem caption = textItem(context, spansOf(table.caption, styleOf(styles.caption)),
                                    styles.caption, left, width);
        caption.keepWithNext = true;
        out.push_back(std::move(caption));
    }
    FlowItem item;
    item.kind = FlowItem::Kind::Table;
    item.table = layoutTable(context, table, left, width);
    item.spaceBefore = static_cast<float>(context.body.size) * 0.3f;
    item.spaceAfter = static_cast<float>(context.body.size) * 0.5f;
    out.push_back(std::move(item));
}

void layoutForms(Context& context, const content::FormsList& forms, std::vector<FlowItem>& out) {
    const profile::Styles& styles = context.profile.styles;
    content::Inline heading = forms.heading;
    if (heading.empty()) heading.push_back(content::Run{context.fields.word("formsTitle")});
    int anchor = context.addAnchor({}, content::plainText(heading));
    headingItem(context, {}, heading, styles.chapter, 0, context.width, anchor, out);
    TableBuilder builder(context, {8, 30, 62}, 0, context.width);
    builder.beginRow(true);
    for (const char* key : {"formsNumber", "formsCode", "formsName"})
        builder.textCell(context.fields.word(key), styles.tableHeader);
    for (const content::Form& form : forms.forms) {
        builder.beginRow();
        builder.textCell(form.num, styles.tableText);
        builder.textCell(form.code, styles.tableText);
        builder.cell(1, 1, [&](float inner) {
            return breakLines(context.fonts, spansOf(form.name, styleOf(styles.tableText)),
                              {inner, 0, 0, styles.tableText.align, context.lineSpacing(),
                               context.hyphenator, context.lineStats});
        });
    }
    FlowItem item;
    item.kind = FlowItem::Kind::Table;
    item.table = builder.finish();
    out.push_back(std::move(item));
}

// Labels of a drawing: what the importer keeps of a block diagram (the
// text of its boxes) are short paragraphs, nothing else.
bool onlyLabels(const std::vector<Block>& blocks) {
    constexpr std::size_t kMaxLabelWords = 12;
    for (const Block& block : blocks) {
        const auto* paragraph = std::get_if<content::Paragraph>(&block.value);
        if (paragraph == nullptr) return false;
        std::string text = content::plainText(paragraph->text);
        std::size_t words = 0;
        bool inWord = false;
        for (char c : text) {
            bool space = c == ' ' || c == '\n' || c == '\t';
            words += !space && !inWord ? 1 : 0;
            inWord = !space;
        }
        if (words > kMaxLabelWords) return false;
    }
    return !blocks.empty();
}

// An annex on its own page. One without number and title gets the
// profile's word for an annex as its heading (a page of bare labels would
// read as stray fragments); the labels of a diagram stay together, on the
// page of the heading.
void layoutAnnex(Context& context, const Division& annex, std::vector<FlowItem>& out) {
    Division titled = annex;
    if (titled.num.empty() && titled.heading.empty()) {
        std::string word = context.fields.word("annexTitle");
        if (word.empty())
            word = context.content.meta.language == Language::Russian ? "Приложение" : "Қосымша";
        titled.heading.push_back(content::Run{word});
    }
    std::vector<FlowItem> items;
    layoutDivision(context, titled, 0, context.width, true, items);
    if (onlyLabels(annex.children) && items.size() > 2) {
        FlowItem labels;
        labels.lines = stack({items.begin() + 1, items.end()});
        labels.spaceBefore = items[1].spaceBefore;
        labels.spaceAfter = items.back().spaceAfter;
        labels.keepTogether = true;
        items.resize(1);
        items.push_back(std::move(labels));
    }
    out.insert(out.end(), std::make_move_iterator(items.begin()),
               std::make_move_iterator(items.end()));
}

}  // namespace

FlowItem textItem(Context& context, const std::vector<Span>& spans, const profile::TextStyle& style,
                  float left, float width) {
    ParagraphFormat format;
    format.width = width - static_cast<float>(style.leftIndent);
    format.firstIndent = static_cast<float>(style.firstLineIndent);
    format.align = style.align;
    format.lineSpacing = context.lineSpacing();
    format.hyphenator = context.hyphenator;
    format.stats = context.lineStats;
    FlowItem item;
    item.lines = breakLines(context.fonts, spans, format);
    shift(item.lines, left + static_cast<float>(style.leftIndent));
    item.spaceBefore = static_cast<float>(style.spaceBefore);
    item.spaceAfter = static_cast<float>(style.spaceAfter);
    return item;
}

void layoutBlocks(Context& context, const std::vector<Block>& blocks, float left, float width,
                  std::vector<FlowItem>& out) {
    for (const Block& block : blocks) {
        if (const auto* paragraph = std::get_if<content::Paragraph>(&block.value)) {
            out.push_back(textItem(context, spansOf(paragraph->text, styleOf(context.body)),
                                   context.body, left, width));
        } else if (const auto* list = std::get_if<content::List>(&block.value)) {
            layoutList(context, *list, left, width, out);
        } else if (const auto* table = std::get_if<content::Table>(&block.value)) {
            layoutTableBlock(context, *table, left, width, out);
        } else if (const auto* entries = std::get_if<content::EntryList>(&block.value)) {
            layoutEntries(context, *entries, left, width, out);
        } else if (const auto* division = std::get_if<Division>(&block.value)) {
            layoutDivision(context, *division, left, width, false, out);
        }
    }
}

void layoutBody(Context& context, std::vector<FlowItem>& out) {
    FlowItem pageBreak;
    pageBreak.kind = FlowItem::Kind::PageBreak;
    FlowItem bodyStart = pageBreak;
    bodyStart.mark = FlowItem::Mark::Body;
    out.push_back(bodyStart);
    for (const Block& block : context.content.body) {
        if (const auto* division = std::get_if<Division>(&block.value)) {
            layoutDivision(context, *division, 0, context.width, true, out);
        } else {
            std::vector<Block> one{block};
            layoutBlocks(context, one, 0, context.width, out);
        }
    }
    if (context.content.forms) layoutForms(context, *context.content.forms, out);
    for (const Division& annex : context.content.annexes) {
        out.push_back(pageBreak);
        layoutAnnex(context, annex, out);
    }
}

namespace {

TextExtent widest(TextExtent a, TextExtent b, float offset = 0) {
    return {std::max(a.minimum, b.minimum + offset), std::max(a.preferred, b.preferred + offset)};
}

ParagraphFormat measureFormat(Context& context, const profile::TextStyle& style) {
    ParagraphFormat format;
    format.indent = static_cast<float>(style.leftIndent);
    format.firstIndent = static_cast<float>(style.firstLineIndent);
    format.hyphenator = context.hyphenator;
    return format;
}

TextExtent measureSpans(Context& context, const std::vector<Span>& spans,
                        const profile::TextStyle& style) {
    return measureText(context.fonts, spans, measureFormat(context, style));
}

// A hanging number and its text (hangingItem).
TextExtent measureHanging(Context& context, const std::string& num, const std::vector<Span>& text,
                          const profile::TextStyle& style, float hang) {
    profile::TextStyle textStyle = style;
    textStyle.firstLineIndent = 0;
    textStyle.leftIndent = 0;
    return widest({}, measureSpans(context, text, textStyle), hangWidth(context, num, style, hang));
}

}  // namespace

TextExtent measureBlocks(Context& context, const std::vector<Block>& blocks) {
    const profile::Styles& styles = context.profile.styles;
    Style base = styleOf(context.body);
    TextExtent extent;
    for (const Block& block : blocks) {
        if (const auto* paragraph = std::get_if<content::Paragraph>(&block.value)) {
            extent =
                widest(extent, measureSpans(context, spansOf(paragraph->text, base), context.body));
        } else if (const auto* list = std::get_if<content::List>(&block.value)) {
            float indent = static_cast<float>(styles.listIndent);
            for (const content::ListItem& item : list->items) {
                std::size_t next = 0;
                float column = indent;
                if (!item.num.empty()) {
                    column = hangWidth(context, item.num, context.body, indent);
                    const auto* first =
                        item.blocks.empty()
                            ? nullptr
                            : std::get_if<content::Paragraph>(&item.blocks[0].value);
                    std::vector<Span> spans =
                        first != nullptr ? spansOf(first->text, base) : std::vector<Span>{};
                    extent = widest(extent,
                                    measureHanging(context, item.num, spans, context.body, indent));
                    next = first != nullptr ? 1 : 0;
                }
                std::vector<Block> rest(item.blocks.begin() + static_cast<std::ptrdiff_t>(next),
                                        item.blocks.end());
                extent = widest(extent, measureBlocks(context, rest), column);
            }
        } else if (const auto* table = std::get_if<content::Table>(&block.value)) {
            extent = widest(extent, tableExtent(context, *table));
        } else if (const auto* entries = std::get_if<content::EntryList>(&block.value)) {
            for (const content::Entry& entry : entries->entries) {
                std::vector<Span> spans = spansOf(entry.text, base);
                if (!entry.name.empty())
                    spans = joined(joined(spansOf(entry.name, base), plain(" – ", base)), spans);
                extent =
                    widest(extent, entry.num.empty()
                                       ? measureSpans(context, spans, context.body)
                                       : measureHanging(context, entry.num, spans, context.body,
                                                        static_cast<float>(styles.listIndent)));
            }
        } else if (const auto* division = std::get_if<Division>(&block.value)) {
            float hang = division->num.empty() ? 0
                                               : hangWidth(context, division->num, context.body,
                                                           static_cast<float>(styles.clauseHang));
            std::vector<Span> heading = spansOf(division->heading, base);
            extent = widest(extent, measureSpans(context, heading, context.body));
            extent = widest(extent, measureBlocks(context, division->children), hang);
        }
    }
    return extent;
}

std::vector<Slab> stack(const std::vector<FlowItem>& items) {
    std::vector<Slab> slabs;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const FlowItem& item = items[i];
        if (i > 0 && item.spaceBefore > 0) slabs.push_back(Slab{item.spaceBefore, {}, {}, {}});
        if (item.kind == FlowItem::Kind::Lines) {
            slabs.insert(slabs.end(), item.lines.begin(), item.lines.end());
        } else if (item.kind == FlowItem::Kind::Table) {
            const TableBox& table = *item.table;
            if (!table.header.empty())
                slabs.push_back(rowsSlab(table, table.header, 0, table.header.size()));
            for (std::size_t row = 0; row < table.rows.size();) {
                std::size_t end = groupEnd(table.rows, row);
                slabs.push_back(rowsSlab(table, table.rows, row, end));
                row = end;
            }
        }
        if (i + 1 < items.size() && item.spaceAfter > 0)
            slabs.push_back(Slab{item.spaceAfter, {}, {}, {}});
    }
    return slabs;
}

}  // namespace nusqa::render
