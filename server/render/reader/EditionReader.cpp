// Edition XML (schemas/document.xsd) to content::Content. The document is
// validated first, so the reader may rely on the schema's structure: it
// reads what is there and ignores nothing the schema allows.
#include <string>

#include "render/reader/ContentXml.h"
#include "render/reader/detail/Dom.h"
#include "xml/DocumentSchema.h"
#include "xml/SafeParser.h"

namespace nusqa::render::reader {
namespace {

using namespace content;

Block readBlock(const xmlNode* node);

std::vector<Block> readBlocks(const xmlNode* node, std::initializer_list<std::string_view> skip) {
    std::vector<Block> blocks;
    for (const xmlNode* element : dom::elements(node)) {
        std::string_view name = dom::nameOf(element);
        bool skipped = false;
        for (std::string_view s : skip) skipped = skipped || name == s;
        if (!skipped) blocks.push_back(readBlock(element));
    }
    return blocks;
}

Paragraph readParagraph(const xmlNode* node) {
    return Paragraph{dom::attribute(node, "eId"), dom::inlineText(node)};
}

List readList(const xmlNode* node) {
    List list;
    list.eId = dom::attribute(node, "eId");
    list.ordered = dom::attribute(node, "type", "bullet") == "ordered";
    for (const xmlNode* item : dom::elements(node)) {
        ListItem entry;
        entry.eId = dom::attribute(item, "eId");
        entry.num = dom::childText(item, "num");
        entry.blocks = readBlocks(item, {"num"});
        list.items.push_back(std::move(entry));
    }
    return list;
}

CellAlign readAlign(const std::string& value) {
    if (value == "left") return CellAlign::Left;
    if (value == "center") return CellAlign::Center;
    if (value == "right") return CellAlign::Right;
    if (value == "justify") return CellAlign::Justify;
    return CellAlign::Default;
}

Row readRow(const xmlNode* node) {
    Row row;
    row.eId = dom::attribute(node, "eId");
    for (const xmlNode* td : dom::elements(node)) {
        Cell cell;
        cell.colspan = std::max(1, std::stoi(dom::attribute(td, "colspan", "1")));
        cell.rowspan = std::max(1, std::stoi(dom::attribute(td, "rowspan", "1")));
        cell.align = readAlign(dom::attribute(td, "align"));
        cell.blocks = readBlocks(td, {});
        row.cells.push_back(std::move(cell));
    }
    return row;
}

Table readTable(const xmlNode* node) {
    Table table;
    table.eId = dom::attribute(node, "eId");
    for (const xmlNode* element : dom::elements(node)) {
        std::string_view name = dom::nameOf(element);
        if (name == "caption") {
            table.caption = dom::inlineText(element);
        } else if (name == "cols") {
            for (const xmlNode* col : dom::elements(element)) {
                std::string width = dom::attribute(col, "width");
                table.columnWidths.push_back(width.empty() ? 0.0 : std::stod(width));
            }
        } else if (name == "thead") {
            for (const xmlNode* tr : dom::elements(element))
                table.headerRows.push_back(readRow(tr));
        } else if (name == "tr") {
            table.rows.push_back(readRow(element));
        }
    }
    return table;
}

EntryList readEntryList(const xmlNode* node, EntryList::Kind kind) {
    EntryList list;
    list.kind = kind;
    list.eId = dom::attribute(node, "eId");
    list.heading = dom::inlineText(dom::child(node, "heading"));
    for (const xmlNode* element : dom::elements(node)) {
        std::string_view name = dom::nameOf(element);
        if (name == "heading") continue;
        Entry entry;
        entry.eId = dom::attribute(element, "eId");
        entry.num = dom::childText(element, "num");
        if (name == "ref") {
            entry.code = dom::attribute(element, "code");
            entry.text = dom::inlineText(dom::child(element, "text"));
        } else if (name == "term") {
            entry.name = dom::inlineText(dom::child(element, "name"));
            entry.text = dom::inlineText(dom::child(element, "definition"));
        } else {
            entry.name = dom::inlineText(dom::child(element, "abbr"));
            entry.text = dom::inlineText(dom::child(element, "expansion"));
        }
        list.entries.push_back(std::move(entry));
    }
    return list;
}

Division readDivision(const xmlNode* node, Division::Kind kind) {
    Division division;
    division.kind = kind;
    division.eId = dom::attribute(node, "eId");
    division.num = dom::childText(node, "num");
    division.heading = dom::inlineText(dom::child(node, "heading"));
    division.children = readBlocks(node, {"num", "heading"});
    return division;
}

Block readBlock(const xmlNode* node) {
    std::string_view name = dom::nameOf(node);
    if (name == "p") return Block{readParagraph(node)};
    if (name == "list") return Block{readList(node)};
    if (name == "table") return Block{readTable(node)};
    if (name == "references") return Block{readEntryList(node, EntryList::Kind::References)};
    if (name == "terms") return Block{readEntryList(node, EntryList::Kind::Terms)};
    if (name == "abbreviations") return Block{readEntryList(node, EntryList::Kind::Abbreviations)};
    if (name == "chapter") return Block{readDivision(node, Division::Kind::Chapter)};
    if (name == "paragraph") return Block{readDivision(node, Division::Kind::Paragraph)};
    if (name == "section") return Block{readDivision(node, Division::Kind::Section)};
    if (name == "clause") return Block{readDivision(node, Division::Kind::Clause)};
    if (name == "subclause") return Block{readDivision(node, Division::Kind::Subclause)};
    // Not reachable for a schema-valid document; keep the text.
    return Block{Paragraph{{}, dom::inlineText(node)}};
}

Person readPerson(const xmlNode* node) {
    return Person{dom::childText(node, "position"), dom::childText(node, "name")};
}

Meta readMeta(const xmlNode* node) {
    Meta meta;
    meta.organisation = dom::childText(node, "organisation");
    meta.profile = dom::childText(node, "profile");
    meta.kind = parseDocumentKind(dom::childText(node, "kind")).value_or(DocumentKind::Regulation);
    meta.kindTitle = dom::childText(node, "kindTitle");
    meta.code = dom::childText(node, "code");
    meta.title = dom::childText(node, "title");
    meta.language = parseLanguage(dom::childText(node, "language")).value_or(Language::Kazakh);
    meta.unit = dom::childText(node, "unit");
    meta.edition = std::stoi(dom::attribute(dom::child(node, "edition"), "number", "1"));
    if (const xmlNode* replaces = dom::child(node, "replaces"))
        meta.replaces =
            Replaces{dom::attribute(replaces, "code"), dom::attribute(replaces, "number"),
                     dom::attribute(replaces, "date")};
    if (const xmlNode* dates = dom::child(node, "dates"))
        meta.dates = Dates{dom::attribute(dates, "prepared"), dom::attribute(dates, "agreed"),
                           dom::attribute(dates, "approved"), dom::attribute(dates, "effective"),
                           dom::attribute(dates, "review")};
    for (const xmlNode* person : dom::elements(dom::child(node, "preparedBy")))
        meta.preparedBy.push_back(readPerson(person));
    if (const xmlNode* approval = dom::child(node, "approval")) {
        Approval value;
        value.position = dom::childText(approval, "position");
        value.name = dom::childText(approval, "name");
        value.date = dom::childText(approval, "date");
        if (const xmlNode* decision = dom::child(approval, "decision")) {
            value.decisionNumber = dom::attribute(decision, "number");
            value.decisionDate = dom::attribute(decision, "date");
        }
        meta.approval = std::move(value);
    }
    if (const xmlNode* copy = dom::child(node, "copyNumber")) meta.copyNumber = dom::text(copy);
    for (const xmlNode* approver : dom::elements(dom::child(node, "agreementList")))
        meta.agreementList.push_back(
            Approver{dom::attribute(approver, "eId"), dom::childText(approver, "position"),
                     dom::childText(approver, "name"), dom::childText(approver, "date")});
    return meta;
}

ChangeKind readChangeKind(const std::string& value) {
    if (value == "delete") return ChangeKind::Delete;
    if (value == "add") return ChangeKind::Add;
    return ChangeKind::Replace;
}

ChangeRecord readChange(const xmlNode* node) {
    ChangeRecord record;
    record.eId = dom::attribute(node, "eId");
    record.num = dom::childText(node, "num");
    const xmlNode* location = dom::child(node, "location");
    record.location = dom::text(location);
    record.target = dom::attribute(location, "target");
    record.kind = readChangeKind(dom::childText(node, "kind"));
    if (const xmlNode* notice = dom::child(node, "notice")) {
        record.noticeNumber = dom::attribute(notice, "number");
        record.noticeDate = dom::attribute(notice, "date");
    }
    record.entered = dom::childText(node, "entered");
    record.person = readPerson(dom::child(node, "person"));
    return record;
}

FormsList readForms(const xmlNode* node) {
    FormsList forms;
    forms.eId = dom::attribute(node, "eId");
    forms.heading = dom::inlineText(dom::child(node, "heading"));
    for (const xmlNode* element : dom::elements(node)) {
        if (dom::nameOf(element) != "form") continue;
        forms.forms.push_back(Form{dom::attribute(element, "eId"), dom::childText(element, "num"),
                                   dom::childText(element, "code"),
                                   dom::inlineText(dom::child(element, "name"))});
    }
    return forms;
}

Content readDocument(const xmlNode* root) {
    Content content;
    for (const xmlNode* element : dom::elements(root)) {
        std::string_view name = dom::nameOf(element);
        if (name == "meta") {
            content.meta = readMeta(element);
        } else if (name == "body") {
            content.body = readBlocks(element, {});
        } else if (name == "forms") {
            content.forms = readForms(element);
        } else if (name == "annex") {
            content.annexes.push_back(readDivision(element, Division::Kind::Annex));
        } else if (name == "changes") {
            content.hasChanges = true;
            for (const xmlNode* change : dom::elements(element))
                content.changes.push_back(readChange(change));
        }
    }
    return content;
}

}  // namespace

Status prepareEditionReading() {
    return xml::prepareDocumentSchema();
}

Result<content::Content> readEditionContent(std::string_view xml) {
    auto parsed = xml::parseUntrusted(xml, kMaxContentBytes);
    if (!parsed) return std::unexpected(std::move(parsed.error()).withContext("render/reader"));
    if (auto valid = xml::validateDocument(*parsed); !valid)
        return std::unexpected(std::move(valid.error()).withContext("render/reader"));
    try {
        return readDocument(xmlDocGetRootElement(parsed->doc()));
    } catch (const std::exception& error) {  // std::stoi/stod on a value the schema let through
        return fail(ErrorCode::InvalidDocument,
                    std::string("render/reader: unreadable value: ") + error.what());
    }
}

}  // namespace nusqa::render::reader
