#include "render/ReportPrinter.h"

#include <utility>

#include "render/Render.h"
#include "render/reader/ContentXml.h"

namespace nusqa::render {
namespace {

constexpr std::size_t kPortraitColumns = 6;

// The organisation profile reduced to a report: no title page, no sheets, a running header with the
// title and the page number on every page, compact type.
profile::Profile reportProfile(const profile::Profile& base, bool landscape) {
    profile::Profile profile = base;
    profile.name = "report";
    profile.sheets.clear();
    profile.footer.clear();
    profile.footerQr = false;
    if (landscape) std::swap(profile.page.width, profile.page.height);
    profile.page.marginLeft = profile.page.marginRight = 42.52;  // 15 mm
    profile.page.marginTop = profile.page.marginBottom = 42.52;

    // The body starts on the first page: no title page items; the title
    // is the heading of the one chapter that holds the table.
    profile.titlePage.items.clear();
    profile.titlePage.runningHeader = true;
    profile.titlePage.footer = false;

    profile::TemplateTable header;
    header.columns = {4, 1};
    header.borders = false;
    header.style.size = 8;
    header.style.align = profile::Align::Left;
    profile::TemplateCell titleCell;
    titleCell.text = "{organisation}";
    profile::TemplateCell pageCell;
    pageCell.text = "{pageOfPages}";
    pageCell.hasStyle = true;
    pageCell.style = header.style;
    pageCell.style.align = profile::Align::Right;
    header.rows = {profile::TemplateRow{"", {titleCell, pageCell}}};
    profile.header = header;

    profile.styles.body.firstLineIndent = 0;
    profile.styles.body.align = profile::Align::Left;
    profile.styles.body.size = 10;
    profile.styles.tableText.size = landscape ? 7 : 8;
    profile.styles.tableText.align = profile::Align::Left;
    profile.styles.tableHeader.size = landscape ? 7 : 8;
    profile.styles.cellPadding = 2;
    return profile;
}

content::Block paragraph(const std::string& text, bool bold = false) {
    content::Run run;
    run.text = text;
    run.bold = bold;
    return content::Block{content::Paragraph{"", {run}}};
}

content::Cell cell(const std::string& text, bool bold = false) {
    content::Cell cell;
    if (!text.empty()) cell.blocks.push_back(paragraph(text, bold));
    return cell;
}

content::Content contentOf(const ReportTable& table) {
    content::Content content;
    content.meta.title = table.title;
    content.meta.organisation = table.title;
    content.meta.code = table.name;
    content.meta.language = Language::Kazakh;
    content::Division chapter;
    chapter.kind = content::Division::Kind::Chapter;
    content::Run heading;
    heading.text = table.title;
    chapter.heading = {heading};
    for (const std::string& note : table.notes) chapter.children.push_back(paragraph(note));
    content::Table printed;
    content::Row header;
    for (const std::string& column : table.columns) header.cells.push_back(cell(column, true));
    printed.headerRows.push_back(std::move(header));
    for (const auto& row : table.rows) {
        content::Row out;
        for (const std::string& value : row) out.cells.push_back(cell(value));
        printed.rows.push_back(std::move(out));
    }
    if (table.rows.empty())
        chapter.children.push_back(paragraph("Жазбалар жоқ / Записей нет"));
    else
        chapter.children.push_back(content::Block{std::move(printed)});
    content.body.push_back(content::Block{std::move(chapter)});
    return content;
}

}  // namespace

Result<ReportPrinter> ReportPrinter::open(const std::filesystem::path& directory) {
    profile::Profile base = NUSQA_TRY(reader::loadProfile(directory, "default"));
    return ReportPrinter(base);
}

ReportPrinter::ReportPrinter(const profile::Profile& base)
    : _portrait(reportProfile(base, false)), _landscape(reportProfile(base, true)) {}

Result<PrintedEdition> ReportPrinter::print(const ReportTable& table, const SealStamp* seal) const {
    const profile::Profile& profile =
        table.columns.size() > kPortraitColumns ? _landscape : _portrait;
    RenderStats stats;
    SealMark mark;
    if (seal != nullptr)
        mark = SealMark{seal->sealedBy, seal->sealedAt, seal->editionSha256, seal->verifyUrl};
    std::string pdf = NUSQA_TRY(
        renderPdf(contentOf(table), profile, {}, &stats, seal != nullptr ? &mark : nullptr));
    const SealBox& box = stats.seal;
    return PrintedEdition{std::move(pdf), profile.name, stats.pages,
                          SealArea{box.page, box.left, box.bottom, box.width, box.height}};
}

}  // namespace nusqa::render
