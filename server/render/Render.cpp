// renderPdf: the module boundary. Lays out the title page, body, sheets and
// seal block, paginates, paints the running header and footer with the
// final page count, writes the PDF. PoDoFo's PdfError (and anything else
// thrown) is caught here and returned as an Error.
#include "render/Render.h"

#include <podofo/podofo.h>

#include <algorithm>
#include <mutex>
#include <optional>

#include "render/detail/Builder.h"

namespace nusqa::render {
namespace {

// PoDoFo logs warnings to stderr through process-wide flags: off, once.
void quietPoDoFo() {
    static std::once_flag once;
    std::call_once(once, [] {
        PoDoFo::PdfError::EnableLogging(false);
        PoDoFo::PdfError::EnableDebug(false);
    });
}

// The summary of a comparison on pages of its own, before the title page.
void layoutSummary(Context& context, const ComparisonPrint& comparison,
                   std::vector<FlowItem>& out) {
    FlowItem first;
    first.kind = FlowItem::Kind::PageBreak;
    out.push_back(first);
    layoutBlocks(context, comparison.summary, 0, context.width, out);
}

// (The summary of a comparison,) title page, body, sheets (not of a
// comparison).
std::vector<FlowItem> layoutItems(Context& context, const SheetRecords& records,
                                  const ComparisonPrint* comparison, Helpers helpers) {
    std::vector<FlowItem> body;
    // The body and its tables are hyphenated in the edition's language, the
    // words looked up ahead on a second thread (see Hyphenation).
    Hyphenation hyphenation(Hyphenator::forLanguage(context.content.meta.language));
    if (helpers == Helpers::WhenWorthIt) hyphenation.startAhead(context.content);
    context.hyphenator = &hyphenation;
    layoutBody(context, body);
    context.hyphenator = nullptr;
    hyphenation.stopAhead();
    std::vector<FlowItem> sheets;
    if (comparison == nullptr) layoutSheets(context, records, sheets);
    std::vector<FlowItem> items;
    if (comparison != nullptr) layoutSummary(context, *comparison, items);
    layoutTitlePage(context, items);  // after the others: the contents lists their anchors
    items.insert(items.end(), std::make_move_iterator(body.begin()),
                 std::make_move_iterator(body.end()));
    items.insert(items.end(), std::make_move_iterator(sheets.begin()),
                 std::make_move_iterator(sheets.end()));
    return items;
}

// The text area; a footer QR code taller than the bottom margin shortens it
// on every page, so the body never runs into the code.
PageArea pageArea(Context& context) {
    const profile::PageGeometry& geometry = context.profile.page;
    PageArea area;
    area.left = static_cast<float>(geometry.marginLeft);
    area.top = static_cast<float>(geometry.marginTop);
    area.headerHeight = runningHeaderHeight(context);
    area.bottom = static_cast<float>(geometry.height - geometry.marginBottom);
    if (context.footerQr.code != nullptr) area.bottom = std::min(area.bottom, context.footerQr.top);
    return area;
}

// The seal block spans the text column; PDF's y grows upwards.
SealBox sealBox(const Pagination::Placed& seal, const PageArea& area,
                const profile::PageGeometry& geometry, float width) {
    if (seal.page == 0) return {};
    return SealBox{seal.page, area.left, geometry.height - seal.top - seal.height, width,
                   seal.height};
}

Result<std::string> render(const content::Content& content, const profile::Profile& profile,
                           const SheetRecords& records, const std::array<std::string, 4>& files,
                           RenderStats* stats, const SealMark* seal,
                           const ComparisonPrint* comparison, Helpers helpers) {
    PoDoFo::PdfMemDocument document;
    FontSet fonts(document, files);
    Fields fields(content, profile);
    const profile::PageGeometry& geometry = profile.page;
    Context context{content,
                    profile,
                    fonts,
                    fields,
                    static_cast<float>(geometry.width - geometry.marginLeft - geometry.marginRight),
                    {}};
    if (context.width < 72 || geometry.height - geometry.marginTop - geometry.marginBottom < 144)
        return fail(ErrorCode::InvalidArgument,
                    "render: profile " + profile.name + ": the margins leave no room for text");

    if (comparison != nullptr) context.banner = comparison->banner;

    std::optional<QrCode> code;
    if (seal != nullptr) code = NUSQA_TRY(encodeQr(seal->verifyUrl));
    if (code && profile.footerQr) context.footerQr = placeFooterQr(geometry, *code);

    LineStats lineStats;
    context.lineStats = &lineStats;
    std::vector<FlowItem> items = layoutItems(context, records, comparison, helpers);
    if (code) items.push_back(layoutSeal(context, *seal, *code));  // last of all, after the sheets
    PageArea area = pageArea(context);
    Pagination pagination = paginate(items, area, static_cast<int>(context.contents.size()));
    int count = static_cast<int>(pagination.pages.size());
    for (int page = 0; page < count; ++page)
        paintFurniture(context, pagination.pages[static_cast<std::size_t>(page)], page + 1, count);
    if (stats != nullptr)
        *stats = RenderStats{count,
                             pagination.bodyPage,
                             pagination.sheetPage,
                             sealBox(pagination.seal, area, geometry, context.width),
                             lineStats.hyphenated,
                             lineStats.forced};
    return writePdf(document, fonts, pagination.pages, pagination, geometry, content.meta,
                    records.statusMark, context.banner, helpers);
}

}  // namespace

Result<std::string> renderPdf(const content::Content& content, const profile::Profile& profile,
                              const SheetRecords& records, RenderStats* stats, const SealMark* seal,
                              const ComparisonPrint* comparison, Helpers helpers) {
    quietPoDoFo();
    auto files = resolveFontFiles(profile.fonts);
    if (!files) return std::unexpected(std::move(files.error()));
    try {
        return render(content, profile, records, *files, stats, seal, comparison, helpers);
    } catch (const PoDoFo::PdfError& error) {
        std::string message = "render: PoDoFo: ";
        const char* name = PoDoFo::PdfError::ErrorName(error.GetError());
        const char* text = PoDoFo::PdfError::ErrorMessage(error.GetError());
        message += name != nullptr ? name : "error";
        if (text != nullptr) message += std::string(" (") + text + ")";
        if (!error.GetCallstack().empty() && !error.GetCallstack().front().GetInformation().empty())
            message += ": " + error.GetCallstack().front().GetInformation();
        return fail(ErrorCode::Internal, message);
    } catch (const std::exception& error) {
        return fail(ErrorCode::Internal, std::string("render: ") + error.what());
    }
}

}  // namespace nusqa::render
