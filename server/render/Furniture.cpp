// The running header (a template table of the profile, laid out per page
// once the page count is known, so «N беттің M-і» is exact), the footer,
// and on sealed PDFs of a footerQr profile the QR code at the bottom right,
// with the footer text kept to its left; on a comparison's print its banner.
#include <algorithm>

#include "render/detail/Builder.h"

namespace nusqa::render {
namespace {

void setPageFields(Context& context, const std::string& page, const std::string& pages) {
    context.fields.set("page", page);
    context.fields.set("pages", pages);
    context.fields.set("pageOfPages", context.fields.expand(context.fields.word("pageOfPages")));
}

Slab headerSlab(Context& context) {
    auto table = layoutTemplateTable(context, context.profile.header, 0, context.width);
    Slab slab = rowsSlab(*table, table->rows, 0, table->rows.size());
    return slab;
}

void placeOn(Page& page, const Slab& slab, float x, float y) {
    Slab placed;
    placed.append(slab, x, y);
    page.texts.insert(page.texts.end(), placed.texts.begin(), placed.texts.end());
    page.rules.insert(page.rules.end(), placed.rules.begin(), placed.rules.end());
}

constexpr float kFooterQrGap = 6;  // between the footer text and the code's quiet zone

void paintFooterText(Context& context, Page& page) {
    const profile::PageGeometry& geometry = context.profile.page;
    const profile::TextStyle& style = context.profile.styles.footer;
    float left = static_cast<float>(geometry.marginLeft);
    float width = context.width;
    if (context.footerQr.code != nullptr)
        width = std::max(context.footerQr.left - kFooterQrGap - left, 36.0f);
    std::string text = context.fields.expand(context.profile.footer);
    ParagraphFormat format{width, 0, 0, style.align, context.lineSpacing()};
    float y = static_cast<float>(geometry.height - geometry.marginBottom) + style.size * 0.6f;
    for (const Slab& line : breakLines(context.fonts, spansOf(text, styleOf(style)), format)) {
        placeOn(page, line, left, y);
        y += line.height;
    }
}

// A comparison's banner, centred in the top margin: on every page, with the
// running header or without, so no page of the print passes for a
// controlled copy.
void paintBanner(Context& context, Page& page) {
    const profile::PageGeometry& geometry = context.profile.page;
    const profile::TextStyle& footer = context.profile.styles.footer;
    Style style{Face::Bold, static_cast<float>(footer.size), 0, false, Mark::None};
    ParagraphFormat format{context.width, 0, 0, profile::Align::Center, 1.0f};
    std::vector<Slab> lines = breakLines(context.fonts, spansOf(context.banner, style), format);
    float height = 0;
    for (const Slab& line : lines) height += line.height;
    float y = std::max(static_cast<float>(geometry.marginTop) * 0.4f - height / 2, 4.0f);
    for (const Slab& line : lines) {
        placeOn(page, line, static_cast<float>(geometry.marginLeft), y);
        y += line.height;
    }
}

// On every page, footer or not: a printed page on its own still leads to
// the verification of the edition it belongs to.
void paintFooterQr(const FooterQr& qr, Page& page) {
    std::vector<Fill> fills = qrFills(*qr.code, qr.left, qr.top, qr.module);
    page.fills.insert(page.fills.end(), fills.begin(), fills.end());
}

}  // namespace

float runningHeaderHeight(Context& context) {
    if (context.profile.header.rows.empty()) return 0;
    setPageFields(context, "888", "888");
    return headerSlab(context).height + static_cast<float>(context.profile.page.headerGap);
}

void paintFurniture(Context& context, Page& page, int pageNumber, int pageCount) {
    const profile::PageGeometry& geometry = context.profile.page;
    setPageFields(context, std::to_string(pageNumber), std::to_string(pageCount));
    float left = static_cast<float>(geometry.marginLeft);
    if (page.runningHeader && !context.profile.header.rows.empty())
        placeOn(page, headerSlab(context), left, static_cast<float>(geometry.marginTop));
    if (page.footer && !context.profile.footer.empty()) paintFooterText(context, page);
    if (context.footerQr.code != nullptr) paintFooterQr(context.footerQr, page);
    if (!context.banner.empty()) paintBanner(context, page);
}

}  // namespace nusqa::render
