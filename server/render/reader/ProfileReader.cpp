// Profile XML (schemas/profile.xsd) to profile::Profile. The schema is
// built into the binary and compiled once; each document is validated
// before it is read, so the reader relies on the schema's structure.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "render/reader/ContentXml.h"
#include "render/reader/detail/Dom.h"
#include "xml/LibXml.h"
#include "xml/SafeParser.h"

namespace nusqa::render::reader {
namespace {

using namespace profile;

constexpr double kPointsPerMillimetre = 72.0 / 25.4;
constexpr std::size_t kMaxProfileBytes = 1024 * 1024;

struct CompiledProfileSchema {
    xml::DocPtr xsd;
    xml::SchemaPtr schema;
    std::string error;
};

void onSchemaError(void* sink, xmlErrorPtr error) {
    if (error == nullptr || error->level < XML_ERR_ERROR) return;
    static_cast<xml::ErrorSink*>(sink)->add(
        {error->line, error->int2, xml::cleanMessage(error->message)});
}

CompiledProfileSchema compileSchema() {
    CompiledProfileSchema compiled;
    auto parsed = xml::parseUntrusted(profileSchemaXsd(), kMaxProfileBytes);
    if (!parsed) {
        compiled.error = parsed.error().message;
        return compiled;
    }
    xml::ErrorSink sink;
    xml::SchemaParserCtxtPtr context(xmlSchemaNewDocParserCtxt(parsed->doc()));
    if (!context) {
        compiled.error = "cannot create a schema parser context";
        return compiled;
    }
    xmlSchemaSetParserStructuredErrors(context.get(), onSchemaError, &sink);
    compiled.schema.reset(xmlSchemaParse(context.get()));
    if (!compiled.schema || !sink.empty()) {
        compiled.schema.reset();
        Error error = std::move(sink).fail(ErrorCode::Internal, "does not compile").error();
        compiled.error = error.message;
        for (const ErrorDetail& detail : error.details)
            compiled.error += "; " + std::to_string(detail.line) + ": " + detail.message;
        return compiled;
    }
    compiled.xsd = std::move(*parsed).releaseDoc();
    return compiled;
}

const CompiledProfileSchema& profileSchema() {
    static const CompiledProfileSchema compiled = compileSchema();
    return compiled;
}

Status validateProfile(const xml::ParsedXml& parsed) {
    const CompiledProfileSchema& compiled = profileSchema();
    if (!compiled.schema)
        return fail(ErrorCode::Internal,
                    "render/reader: the built-in schemas/profile.xsd: " + compiled.error);
    xml::SchemaValidCtxtPtr context(xmlSchemaNewValidCtxt(compiled.schema.get()));
    if (!context)
        return fail(ErrorCode::Internal, "render/reader: cannot create a validation context");
    xml::ErrorSink sink;
    xmlSchemaSetValidStructuredErrors(context.get(), onSchemaError, &sink);
    int result = xmlSchemaValidateDoc(context.get(), parsed.doc());
    if (result < 0) return fail(ErrorCode::Internal, "render/reader: profile validation failed");
    if (result > 0 && sink.empty()) sink.add({0, 0, "not valid"});
    if (!sink.empty())
        return std::move(sink).fail(ErrorCode::InvalidDocument,
                                    "render/reader: profile is not schema-valid");
    return {};
}

double number(const xmlNode* node, const char* name, double fallback) {
    std::string value = dom::attribute(node, name);
    return value.empty() ? fallback : std::stod(value);
}

bool flag(const xmlNode* node, const char* name, bool fallback) {
    std::string value = dom::attribute(node, name);
    if (value.empty()) return fallback;
    return value == "true" || value == "1";
}

Align readAlign(const std::string& value, Align fallback) {
    if (value == "left") return Align::Left;
    if (value == "center") return Align::Center;
    if (value == "right") return Align::Right;
    if (value == "justify") return Align::Justify;
    return fallback;
}

// Attributes override base; absent ones keep base's values.
TextStyle readStyle(const xmlNode* node, TextStyle base) {
    if (node == nullptr) return base;
    base.size = number(node, "size", base.size);
    base.bold = flag(node, "bold", base.bold);
    base.italic = flag(node, "italic", base.italic);
    base.upperCase = flag(node, "upper", base.upperCase);
    base.align = readAlign(dom::attribute(node, "align"), base.align);
    base.spaceBefore = number(node, "spaceBefore", base.spaceBefore);
    base.spaceAfter = number(node, "spaceAfter", base.spaceAfter);
    base.leftIndent = number(node, "leftIndent", base.leftIndent);
    base.firstLineIndent = number(node, "firstLineIndent", base.firstLineIndent);
    return base;
}

// Template text: character data, <br/> as '\n', whitespace collapsed.
std::string templateText(const xmlNode* node) {
    std::string result;
    for (const content::Run& run : dom::inlineText(node)) result += run.lineBreak ? "\n" : run.text;
    return result;
}

TemplateTable readTable(const xmlNode* node, const TextStyle& base) {
    TemplateTable table;
    table.borders = flag(node, "borders", true);
    table.style = readStyle(node, base);
    for (const xmlNode* element : dom::elements(node)) {
        std::string_view name = dom::nameOf(element);
        if (name == "col") {
            table.columns.push_back(number(element, "width", 1));
            continue;
        }
        TemplateRow row;
        row.repeat = dom::attribute(element, "repeat");
        for (const xmlNode* cellNode : dom::elements(element)) {
            TemplateCell cell;
            cell.text = templateText(cellNode);
            cell.colspan = static_cast<int>(number(cellNode, "colspan", 1));
            cell.rowspan = static_cast<int>(number(cellNode, "rowspan", 1));
            cell.hasStyle = true;
            cell.style = readStyle(cellNode, table.style);
            row.cells.push_back(std::move(cell));
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

TitlePage readTitlePage(const xmlNode* node, const TextStyle& base) {
    TitlePage page;
    if (node == nullptr) return page;
    page.runningHeader = flag(node, "runningHeader", false);
    page.footer = flag(node, "footer", true);
    for (const xmlNode* element : dom::elements(node)) {
        std::string_view name = dom::nameOf(element);
        TitleItem item;
        if (name == "text") {
            item.kind = TitleItem::Kind::Text;
            item.text = templateText(element);
            item.style = readStyle(element, base);
        } else if (name == "table") {
            item.kind = TitleItem::Kind::Table;
            item.table = readTable(element, base);
        } else if (name == "spacer") {
            item.kind = TitleItem::Kind::Spacer;
            item.height = number(element, "height", 12);
        } else if (name == "pageBreak") {
            item.kind = TitleItem::Kind::PageBreak;
        } else if (name == "contents") {
            item.kind = TitleItem::Kind::Contents;
        }
        page.items.push_back(std::move(item));
    }
    return page;
}

void readStyles(const xmlNode* node, Styles& styles) {
    if (node == nullptr) return;
    styles.lineSpacing = number(node, "lineSpacing", styles.lineSpacing);
    styles.clauseLayout = dom::attribute(node, "clauseLayout") == "inline" ? ClauseLayout::Inline
                                                                           : ClauseLayout::Hanging;
    styles.clauseHang = number(node, "clauseHang", styles.clauseHang);
    styles.subclauseIndent = number(node, "subclauseIndent", styles.subclauseIndent);
    styles.listIndent = number(node, "listIndent", styles.listIndent);
    styles.cellPadding = number(node, "cellPadding", styles.cellPadding);
    styles.borderWidth = number(node, "borderWidth", styles.borderWidth);
    TextStyle body;
    body.size = 12;
    styles.body = readStyle(dom::child(node, "body"), body);
    TextStyle base = styles.body;  // other styles start from the body's size, left aligned
    base.align = Align::Left;
    base.firstLineIndent = 0;
    base.spaceBefore = 0;
    base.spaceAfter = 0;
    const std::pair<const char*, TextStyle*> named[] = {
        {"chapter", &styles.chapter},
        {"paragraph", &styles.paragraph},
        {"section", &styles.section},
        {"clauseHeading", &styles.clauseHeading},
        {"annex", &styles.annex},
        {"listHeading", &styles.listHeading},
        {"caption", &styles.caption},
        {"tableText", &styles.tableText},
        {"tableHeader", &styles.tableHeader},
        {"contentsTitle", &styles.contentsTitle},
        {"contentsEntry", &styles.contentsEntry},
        {"sheetTitle", &styles.sheetTitle},
        {"header", &styles.header},
        {"footer", &styles.footer},
    };
    for (const auto& [name, style] : named) *style = readStyle(dom::child(node, name), base);
}

Profile readProfileDocument(const xmlNode* root, const std::string& name) {
    Profile profile;
    profile.name = name;
    profile.displayName = dom::childText(root, "displayName");
    if (const xmlNode* page = dom::child(root, "page")) {
        PageGeometry& geometry = profile.page;
        auto mm = [&](const char* key, double fallback) {
            return number(page, key, fallback / kPointsPerMillimetre) * kPointsPerMillimetre;
        };
        geometry.width = mm("width", geometry.width);
        geometry.height = mm("height", geometry.height);
        geometry.marginTop = mm("top", geometry.marginTop);
        geometry.marginBottom = mm("bottom", geometry.marginBottom);
        geometry.marginLeft = mm("left", geometry.marginLeft);
        geometry.marginRight = mm("right", geometry.marginRight);
        geometry.headerGap = mm("headerGap", geometry.headerGap);
    }
    if (const xmlNode* fonts = dom::child(root, "fonts")) {
        for (const xmlNode* element : dom::elements(fonts)) {
            std::string_view kind = dom::nameOf(element);
            if (kind == "directory") {
                profile.fonts.directories.push_back(dom::text(element));
                continue;
            }
            FontFace face{dom::attribute(element, "file"), dom::attribute(element, "fallback")};
            if (kind == "regular")
                profile.fonts.regular = face;
            else if (kind == "bold")
                profile.fonts.bold = face;
            else if (kind == "italic")
                profile.fonts.italic = face;
            else if (kind == "boldItalic")
                profile.fonts.boldItalic = face;
        }
    }
    readStyles(dom::child(root, "styles"), profile.styles);
    TextStyle titleBase = profile.styles.body;
    titleBase.align = Align::Left;
    titleBase.firstLineIndent = 0;
    titleBase.spaceBefore = titleBase.spaceAfter = 0;
    profile.titlePage = readTitlePage(dom::child(root, "titlePage"), titleBase);
    if (const xmlNode* header = dom::child(root, "header"))
        profile.header = readTable(dom::child(header, "table"), profile.styles.header);
    const xmlNode* footer = dom::child(root, "footer");
    profile.footer = templateText(footer);
    profile.footerQr = footer != nullptr && flag(footer, "qr", false);
    if (const xmlNode* sheets = dom::child(root, "sheets")) {
        for (const xmlNode* element : dom::elements(sheets)) {
            std::string_view kind = dom::nameOf(element);
            if (kind == "changes")
                profile.sheets.push_back(SheetKind::Changes);
            else if (kind == "agreement")
                profile.sheets.push_back(SheetKind::Agreement);
            else if (kind == "familiarization") {
                profile.sheets.push_back(SheetKind::Familiarization);
                profile.familiarizationRowHeight = static_cast<int>(
                    number(element, "rowHeight", profile.familiarizationRowHeight));
            }
        }
    }
    for (const xmlNode* wording : dom::elements(root)) {
        if (dom::nameOf(wording) != "wording") continue;
        auto& words = profile.wording[dom::attribute(wording, "lang")];
        for (const xmlNode* word : dom::elements(wording))
            words[dom::attribute(word, "key")] = templateText(word);
    }
    return profile;
}

bool isProfileName(const std::string& name) {
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

}  // namespace

Result<profile::Profile> readProfile(std::string_view xml, const std::string& name) {
    auto parsed = xml::parseUntrusted(xml, kMaxProfileBytes);
    if (!parsed)
        return std::unexpected(
            std::move(parsed.error()).withContext("render/reader: profile " + name));
    NUSQA_TRY(validateProfile(*parsed));
    try {
        return readProfileDocument(xmlDocGetRootElement(parsed->doc()), name);
    } catch (const std::exception& error) {
        return fail(ErrorCode::InvalidDocument,
                    "render/reader: profile " + name + ": unreadable value: " + error.what());
    }
}

Result<profile::Profile> loadProfile(const std::filesystem::path& directory,
                                     const std::string& name) {
    if (!isProfileName(name))
        return fail(ErrorCode::InvalidArgument,
                    "render/reader: profile name «" + name + "» is not [a-z0-9_-]+");
    std::filesystem::path file = directory / (name + ".xml");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return fail(ErrorCode::NotFound, "render/reader: no profile «" + name + "» (" +
                                             file.string() + " cannot be read)");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto profile = readProfile(bytes.str(), name);
    if (!profile) profile.error().message += " (" + file.string() + ")";
    return profile;
}

std::vector<std::string> listProfiles(const std::filesystem::path& directory) {
    std::vector<std::string> names;
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(directory, ignored)) {
        if (entry.path().extension() != ".xml") continue;
        std::string name = entry.path().stem().string();
        if (isProfileName(name)) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace nusqa::render::reader
