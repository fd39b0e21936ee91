// The title page as the profile lays it out (text blocks, template tables,
// spacers, page breaks) and the contents (мазмұны — содержание) with page
// numbers filled in after pagination. A text block whose fields are all
// empty is left out (e.g. the «... орнына» line of a first edition).
#include "render/detail/Builder.h"

namespace nusqa::render {
namespace {

void layoutContents(Context& context, std::vector<FlowItem>& out) {
    const profile::Styles& styles = context.profile.styles;
    std::string title = context.fields.word("contentsTitle");
    if (!title.empty()) {
        FlowItem item = textItem(
            context, spansOf(title, styleOf(styles.contentsTitle), styles.contentsTitle.upperCase),
            styles.contentsTitle, 0, context.width);
        item.keepWithNext = true;
        out.push_back(std::move(item));
    }
    const float numberColumn = static_cast<float>(styles.contentsEntry.size) * 3;
    Style style = styleOf(styles.contentsEntry);
    for (std::size_t anchor = 0; anchor < context.contents.size(); ++anchor) {
        const ContentsEntry& entry = context.contents[anchor];
        std::string text = entry.num.empty() ? entry.text : entry.num + " " + entry.text;
        FlowItem item = textItem(context, spansOf(text, style), styles.contentsEntry, 0,
                                 context.width - numberColumn);
        if (item.lines.empty()) continue;
        Slab& last = item.lines.back();
        float baseline = last.texts.empty() ? last.height * 0.8f : last.texts.front().baseline;
        last.deferred.push_back(Deferred{static_cast<int>(anchor), context.width, baseline, style});
        item.keepTogether = true;
        out.push_back(std::move(item));
    }
}

}  // namespace

void layoutTitlePage(Context& context, std::vector<FlowItem>& out) {
    const profile::TitlePage& titlePage = context.profile.titlePage;
    FlowItem first;
    first.kind = FlowItem::Kind::PageBreak;
    first.runningHeader = titlePage.runningHeader;
    first.footer = titlePage.footer;
    out.push_back(first);
    for (const profile::TitleItem& item : titlePage.items) {
        switch (item.kind) {
            case profile::TitleItem::Kind::Text: {
                bool allEmpty = false;
                std::string text = context.fields.expand(item.text, &allEmpty);
                if (allEmpty || text.empty()) break;
                out.push_back(textItem(context,
                                       spansOf(text, styleOf(item.style), item.style.upperCase),
                                       item.style, 0, context.width));
                break;
            }
            case profile::TitleItem::Kind::Table: {
                float indent = static_cast<float>(item.table.style.leftIndent);
                FlowItem table;
                table.kind = FlowItem::Kind::Table;
                table.table =
                    layoutTemplateTable(context, item.table, indent, context.width - indent);
                table.spaceBefore = static_cast<float>(item.table.style.spaceBefore);
                table.spaceAfter = static_cast<float>(item.table.style.spaceAfter);
                out.push_back(std::move(table));
                break;
            }
            case profile::TitleItem::Kind::Spacer: {
                FlowItem spacer;
                spacer.lines.push_back(Slab{static_cast<float>(item.height), {}, {}, {}});
                out.push_back(std::move(spacer));
                break;
            }
            case profile::TitleItem::Kind::PageBreak: {
                FlowItem pageBreak;
                pageBreak.kind = FlowItem::Kind::PageBreak;
                out.push_back(pageBreak);
                break;
            }
            case profile::TitleItem::Kind::Contents:
                layoutContents(context, out);
                break;
        }
    }
}

}  // namespace nusqa::render
