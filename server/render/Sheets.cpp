// The sheets after the body, each on a new page and each a table: the
// change registration sheet (from the edition's change records), the
// agreement sheet (the agreement list with the decisions recorded so far,
// blank where not yet agreed) and the familiarization sheet (signatures,
// then empty rows to the end of the page).
#include <algorithm>

#include "render/detail/Builder.h"

namespace nusqa::render {
namespace {

void sheetTitle(Context& context, const std::string& key, std::vector<FlowItem>& out) {
    FlowItem pageBreak;
    pageBreak.kind = FlowItem::Kind::PageBreak;
    bool first = std::none_of(out.begin(), out.end(), [](const FlowItem& item) {
        return item.mark == FlowItem::Mark::Sheets;
    });
    if (first) pageBreak.mark = FlowItem::Mark::Sheets;
    out.push_back(pageBreak);
    const profile::TextStyle& style = context.profile.styles.sheetTitle;
    std::string title = context.fields.word(key);
    FlowItem item =
        textItem(context, spansOf(title, styleOf(style), style.upperCase), style, 0, context.width);
    item.keepWithNext = true;
    item.anchor = context.addAnchor({}, title);
    out.push_back(std::move(item));
}

RowBox emptyRow(const TableBox& table, float height) {
    RowBox row;
    row.height = height;
    for (std::size_t c = 0; c + 1 < table.columnX.size(); ++c) {
        CellBox cell;
        cell.column = static_cast<int>(c);
        cell.contentHeight = height;
        row.cells.push_back(std::move(cell));
    }
    return row;
}

void pushTable(std::shared_ptr<TableBox> table, float rowHeight, bool fill,
               std::vector<FlowItem>& out) {
    for (RowBox& row : table->rows) row.height = std::max(row.height, rowHeight);
    table->fillPage = fill;
    table->emptyRow = emptyRow(*table, rowHeight);
    FlowItem item;
    item.kind = FlowItem::Kind::Table;
    item.table = std::move(table);
    out.push_back(std::move(item));
}

// Sheet column headings: small enough that the words of a narrow column
// («Өзгерістің реттік нөмірі») fit without breaking inside a word.
void header(Context& context, TableBuilder& builder, std::initializer_list<const char*> keys) {
    profile::TextStyle style = context.profile.styles.tableHeader;
    style.size = std::min(style.size, keys.size() > 5 ? 8.0 : 11.0);
    builder.beginRow(true);
    for (const char* key : keys) builder.textCell(context.fields.word(key), style);
}

void changesSheet(Context& context, std::vector<FlowItem>& out) {
    profile::TextStyle text = context.profile.styles.tableText;
    text.size = std::min(text.size, 9.0);  // eight columns: dates must fit on one line
    sheetTitle(context, "changesTitle", out);
    TableBuilder builder(context, {11, 13, 13, 16, 12, 13, 9, 13}, 0, context.width);
    header(context, builder,
           {"changesNumber", "changesLocation", "changesKind", "changesNotice", "changesEntered",
            "changesPerson", "changesSignature", "changesPosition"});
    for (const content::ChangeRecord& change : context.content.changes) {
        builder.beginRow();
        builder.textCell(change.num, text);
        builder.textCell(change.location, text);
        const char* kind = change.kind == content::ChangeKind::Replace  ? "changeReplace"
                           : change.kind == content::ChangeKind::Delete ? "changeDelete"
                                                                        : "changeAdd";
        builder.textCell(context.fields.word(kind), text);
        std::string notice = change.noticeNumber.empty() ? "" : "№ " + change.noticeNumber;
        if (!change.noticeDate.empty())
            notice += (notice.empty() ? "" : ", ") + context.fields.date(change.noticeDate);
        builder.textCell(notice, text);
        builder.textCell(context.fields.date(change.entered), text);
        builder.textCell(change.person.name, text);
        builder.textCell({}, text);
        builder.textCell(change.person.position, text);
    }
    pushTable(builder.finish(), static_cast<float>(context.profile.familiarizationRowHeight), true,
              out);
}

const AgreementDecision* decisionOf(const SheetRecords& records,
                                    const content::Approver& approver) {
    for (const AgreementDecision& decision : records.agreements)
        if (!decision.approverEId.empty() && decision.approverEId == approver.eId) return &decision;
    for (const AgreementDecision& decision : records.agreements)
        if (decision.approverEId.empty() && decision.name == approver.name) return &decision;
    return nullptr;
}

// Facts entered from a paper original, under their own label, after the
// route's table: never mixed with the electronic signatures.
void paperFacts(Context& context, const SheetRecords& records, std::vector<FlowItem>& out) {
    const profile::TextStyle& text = context.profile.styles.tableText;
    bool first = true;
    for (const std::string& line : records.paperFacts) {
        profile::TextStyle style = text;
        style.bold = first;
        style.align = profile::Align::Left;
        style.spaceBefore = first ? 12 : 2;
        FlowItem item = textItem(context, spansOf(line, styleOf(style)), style, 0, context.width);
        item.keepWithNext = first;
        out.push_back(std::move(item));
        first = false;
    }
}

void agreementSheet(Context& context, const SheetRecords& records, std::vector<FlowItem>& out) {
    const profile::TextStyle& text = context.profile.styles.tableText;
    sheetTitle(context, "agreementTitle", out);
    TableBuilder builder(context, {40, 25, 15, 20}, 0, context.width);
    header(context, builder,
           {"agreementPosition", "agreementName", "agreementSignature", "agreementDate"});
    auto row = [&](const std::string& position, const std::string& name,
                   const AgreementDecision* decision) {
        builder.beginRow();
        builder.textCell(position, text);
        builder.textCell(name, text);
        std::string mark;
        if (decision != nullptr && !decision->date.empty() && !decision->mark.empty()) {
            mark = decision->mark;
        } else if (decision != nullptr && !decision->date.empty()) {
            mark = context.fields.word(decision->agreed ? "agreementAgreed" : "agreementRejected");
            if (!decision->comment.empty()) mark += (mark.empty() ? "" : ": ") + decision->comment;
        }
        builder.textCell(mark, text);
        builder.textCell(decision != nullptr ? context.fields.date(decision->date) : "", text);
    };
    if (records.routeOnly) {  // the register's route, exactly
        for (const AgreementDecision& decision : records.agreements)
            row(decision.position, decision.name, &decision);
        if (records.agreements.empty() && records.paperFacts.empty())
            for (int blank = 0; blank < 5; ++blank) row({}, {}, nullptr);
        pushTable(builder.finish(), static_cast<float>(context.profile.familiarizationRowHeight),
                  false, out);
        paperFacts(context, records, out);
        return;
    }
    std::vector<const AgreementDecision*> matched;
    for (const content::Approver& approver : context.content.meta.agreementList) {
        const AgreementDecision* decision = decisionOf(records, approver);
        if (decision != nullptr) matched.push_back(decision);
        std::string position = approver.position;
        if (position.empty() && decision != nullptr) position = decision->position;
        row(position, approver.name, decision);
    }
    for (const AgreementDecision& decision : records.agreements)
        if (std::find(matched.begin(), matched.end(), &decision) == matched.end())
            row(decision.position, decision.name, &decision);
    if (context.content.meta.agreementList.empty() && records.agreements.empty())
        for (int blank = 0; blank < 5; ++blank) row({}, {}, nullptr);
    pushTable(builder.finish(), static_cast<float>(context.profile.familiarizationRowHeight), false,
              out);
}

void familiarizationSheet(Context& context, const SheetRecords& records,
                          std::vector<FlowItem>& out) {
    const profile::TextStyle& text = context.profile.styles.tableText;
    sheetTitle(context, "familiarizationTitle", out);
    TableBuilder builder(context, {7, 30, 33, 15, 15}, 0, context.width);
    header(context, builder,
           {"familiarizationNumber", "familiarizationName", "familiarizationPosition",
            "familiarizationSignature", "familiarizationDate"});
    int number = 0;
    for (const FamiliarizationSignature& signature : records.familiarizations) {
        builder.beginRow();
        builder.textCell(std::to_string(++number), text);
        builder.textCell(signature.name, text);
        builder.textCell(signature.position, text);
        builder.textCell(context.fields.word("familiarizationSigned"), text);
        builder.textCell(context.fields.date(signature.date), text);
    }
    pushTable(builder.finish(), static_cast<float>(context.profile.familiarizationRowHeight), true,
              out);
}

}  // namespace

void layoutSheets(Context& context, const SheetRecords& records, std::vector<FlowItem>& out) {
    for (profile::SheetKind kind : context.profile.sheets) {
        switch (kind) {
            case profile::SheetKind::Changes:
                if (context.content.hasChanges) changesSheet(context, out);
                break;
            case profile::SheetKind::Agreement:
                agreementSheet(context, records, out);
                break;
            case profile::SheetKind::Familiarization:
                familiarizationSheet(context, records, out);
                break;
        }
    }
}

}  // namespace nusqa::render
