// The sheets around the body, found by their title (a line of its own, or
// the first cell of the table) followed by a table:
//
//   forms list        «НЫСАНДАРДЫҢ ТІЗБЕСІ», «Перечень форм»: rows (№, code,
//                     name) -> <forms> after the body, when no chapter
//                     follows it (else the table stays where it is)
//   change sheet      «Өзгерістерді тіркеу парағы», «Лист регистрации
//                     изменений», «Өзгерістер»: -> <changes>, filled rows
//                     -> <change> records
//   familiarization   «Танысу парағы», «Лист ознакомления»: a record of the
//                     server, not of the XML: dropped and reported
//   agreement sheet   «Келісім парағы», «Лист согласования»: filled rows ->
//                     meta/agreementList
//
// Printed column headers of the sheets come from the organisation profile:
// they are dropped and reported as "sheet-header".
#include "import/detail/Inline.h"
#include "import/detail/Patterns.h"
#include "import/detail/Recognition.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

enum class Sheet { None, Forms, Changes, Familiarization, Agreement };

Sheet sheetTitled(std::string_view text) {
    std::string t = lower(collapseSpaces(text));
    if (wordCount(t) > 15 || t.empty()) return Sheet::None;
    if ((t.find("нысандар") != std::string::npos && t.find("тізбе") != std::string::npos) ||
        t.starts_with("перечень форм") || t.starts_with("список форм"))
        return Sheet::Forms;
    if (t.starts_with("өзгерістерді тіркеу парағ") || t.starts_with("лист регистрации изменений") ||
        t == "өзгерістер" || t == "изменения" || t == "лист изменений")
        return Sheet::Changes;
    if (t.starts_with("танысу парағ") || t.starts_with("таныстыру парағ") ||
        t.starts_with("лист ознакомления"))
        return Sheet::Familiarization;
    if (t.starts_with("келісім парағ") || t.starts_with("келісу парағ") ||
        t.starts_with("лист согласования"))
        return Sheet::Agreement;
    return Sheet::None;
}

std::string cellText(const SourceRow& row, std::size_t index) {
    return index < row.cells.size() ? collapseSpaces(row.cells[index].text()) : std::string();
}

bool isNumber(std::string_view text) {
    std::string_view t = trim(text);
    while (!t.empty() && (t.back() == '.' || t.back() == ')')) t.remove_suffix(1);
    return !t.empty() && t.size() <= 4 &&
           t.find_first_not_of("0123456789") == std::string_view::npos;
}

// A filled row: numbered, or holding a date or a person's name.
bool isDataRow(const SourceRow& row) {
    if (row.cells.empty()) return false;
    bool columnNumbers = true;  // "1 2 3": the printed numbers of the columns
    for (std::size_t i = 0; i < row.cells.size(); ++i)
        columnNumbers = columnNumbers && cellText(row, i) == std::to_string(i + 1);
    if (columnNumbers && row.cells.size() > 1) return false;
    if (isNumber(cellText(row, 0))) return true;
    for (const SourceCell& cell : row.cells) {
        std::string text = cell.text();
        if (!peopleNamed(text).empty()) return true;
        for (const DateMatch& date : findDates(text))
            if (date.complete()) return true;
    }
    return false;
}

void dropRow(Recognition& r, const SourceRow& row, const std::string& reason) {
    int column = 0;
    for (const SourceCell& cell : row.cells) {
        for (const SourceParagraph& paragraph : cell.paragraphs) {
            Para para = makePara(paragraph, column);
            para.line = row.line;
            r.drop(para, reason);
        }
        column += cell.colspan;
    }
}

bool readForms(Recognition& r, const SourceTable& table, std::vector<Run> heading) {
    std::vector<Form> forms;
    std::vector<const SourceRow*> headers;
    for (const SourceRow& row : table.rows) {
        if (!isDataRow(row) || row.cells.size() < 2) {
            headers.push_back(&row);
            continue;
        }
        bool withNumber = row.cells.size() >= 3;
        Form form;
        form.line = row.line;
        form.num = withNumber ? cellText(row, 0) : std::string();
        form.code = cellText(row, withNumber ? 1 : 0);
        const SourceCell& nameCell = row.cells[withNumber ? 2 : 1];
        for (const SourceParagraph& paragraph : nameCell.paragraphs) {
            if (!form.name.empty()) form.name.push_back(Run{" ", false, false, false, {}});
            for (const Run& run : paragraph.runs) form.name.push_back(run);
        }
        if (form.code.empty()) return false;
        forms.push_back(std::move(form));
    }
    if (forms.empty()) return false;
    for (const SourceRow* row : headers) dropRow(r, *row, "sheet-header");
    r.document.hasForms = true;
    r.document.formsHeading = plainRuns(std::move(heading));
    r.document.forms = std::move(forms);
    return true;
}

std::string changeKind(std::string_view text) {
    std::string t = lower(text);
    if (t.find("ауыстыр") != std::string::npos || t.find("замен") != std::string::npos)
        return "replace";
    if (t.find("жою") != std::string::npos || t.find("исключ") != std::string::npos ||
        t.find("алып таст") != std::string::npos)
        return "delete";
    if (t.find("қосу") != std::string::npos || t.find("добавл") != std::string::npos ||
        t.find("қосыл") != std::string::npos)
        return "add";
    return {};
}

// A filled row of the change sheet as a record; false when it lacks what
// the schema needs (kind, date entered, a name).
bool readChange(const SourceRow& row, Change& change) {
    change.line = row.line;
    change.num = cellText(row, 0);
    for (std::size_t i = 1; i < row.cells.size(); ++i) {
        std::string text = cellText(row, i);
        if (text.empty()) continue;
        std::vector<DateMatch> dates = findDates(text);
        std::string kind = changeKind(text);
        if (!kind.empty() && change.kind.empty()) {
            change.kind = kind;
        } else if (text.find("№") != std::string::npos && change.noticeNumber.empty()) {
            std::string_view after = trim(std::string_view(text).substr(text.find("№") + 3));
            change.noticeNumber = std::string(after.substr(0, after.find(' ')));
            if (!dates.empty() && dates.front().complete())
                change.noticeDate =
                    isoDate(dates.front().year, dates.front().month, dates.front().day);
        } else if (!dates.empty() && dates.front().complete()) {
            change.entered = isoDate(dates.front().year, dates.front().month, dates.front().day);
        } else if (std::vector<std::string> people = peopleNamed(text); !people.empty()) {
            change.person.name = people.front();
        } else if (change.location.empty()) {
            change.location = text;
        } else {
            change.person.position = text;
        }
    }
    return !change.num.empty() && !change.kind.empty() && !change.entered.empty() &&
           !change.person.name.empty() && !change.location.empty();
}

void readChanges(Recognition& r, const SourceTable& table) {
    r.document.hasChanges = true;
    for (const SourceRow& row : table.rows) {
        if (!isDataRow(row)) {
            dropRow(r, row, "sheet-header");
            continue;
        }
        Change change;
        if (readChange(row, change)) {
            r.document.changes.push_back(std::move(change));
            continue;
        }
        dropRow(r, row, "change-record");
        r.warn(row.line,
               "a row of the change registration sheet lacks the kind of change, the date "
               "entered or a name: left out of <changes>, see the dropped lines");
    }
}

void readAgreementSheet(Recognition& r, const SourceTable& table) {
    for (const SourceRow& row : table.rows) {
        if (!isDataRow(row)) {
            dropRow(r, row, "sheet-header");
            continue;
        }
        Person person;
        for (std::size_t i = 0; i < row.cells.size(); ++i) {
            std::string text = cellText(row, i);
            std::vector<DateMatch> dates = findDates(text);
            if (std::vector<std::string> people = peopleNamed(text);
                !people.empty() && person.name.empty())
                person.name = people.front();
            else if (!dates.empty() && dates.front().complete())
                person.date = isoDate(dates.front().year, dates.front().month, dates.front().day);
            else if (!isNumber(text) && text.size() > person.position.size())
                person.position = text;
        }
        if (person.name.empty()) {
            dropRow(r, row, "agreement-record");
            r.warn(row.line, "a row of the agreement sheet names nobody: left out");
            continue;
        }
        int column = 0;
        for (const SourceCell& cell : row.cells) {
            for (const SourceParagraph& paragraph : cell.paragraphs) {
                Para para = makePara(paragraph, column);
                para.line = row.line;
                r.meta(para, "agreementList");
            }
            column += cell.colspan;
        }
        r.document.meta.approvers.push_back(std::move(person));
    }
}

bool chapterFollows(const Recognition& r, std::size_t from) {
    for (std::size_t k = from; k < r.items.size(); ++k)
        if (!r.items[k].used && !r.items[k].isTable &&
            r.items[k].para.info.kind == LineKind::Chapter)
            return true;
    return false;
}

}  // namespace

std::size_t readSheets(Recognition& r, std::size_t bodyStart) {
    std::size_t formsAt = r.items.size();
    for (std::size_t i = 0; i < r.items.size(); ++i) {
        Item& item = r.items[i];
        if (item.used) continue;
        Sheet sheet = Sheet::None;
        Item* titleItem = nullptr;
        const SourceTable* table = nullptr;
        std::size_t tableIndex = i;
        if (item.isTable) {
            // The title in the table's first row: «Өзгерістер | | |».
            const SourceTable& candidate = *item.table;
            if (candidate.rows.empty() || candidate.rows.front().cells.empty()) continue;
            sheet = sheetTitled(candidate.rows.front().cells.front().text());
            if (sheet == Sheet::None || sheet == Sheet::Forms) continue;
            table = &candidate;
        } else {
            if (item.para.info.kind != LineKind::Text) continue;
            sheet = sheetTitled(item.para.text);
            if (sheet == Sheet::None) continue;
            tableIndex = r.nextContent(i + 1, r.items.size());
            if (tableIndex >= r.items.size() || !r.items[tableIndex].isTable) continue;
            titleItem = &item;
            table = r.items[tableIndex].table;
        }
        switch (sheet) {
            case Sheet::Forms: {
                if (i < bodyStart || chapterFollows(r, tableIndex + 1)) continue;
                if (!readForms(r, *table, titleItem->para.runs)) continue;
                titleItem->used = true;
                r.items[tableIndex].used = true;
                formsAt = std::min(formsAt, i);
                break;
            }
            case Sheet::Changes:
                if (titleItem) r.dropItem(*titleItem, "sheet-title");
                readChanges(r, *table);
                r.items[tableIndex].used = true;
                break;
            case Sheet::Familiarization:
                if (titleItem) r.dropItem(*titleItem, "sheet-title");
                r.dropItem(r.items[tableIndex], "familiarization-sheet");
                r.warn(r.items[tableIndex].line,
                       "the familiarization sheet is a record of the server, "
                       "not part of the edition: its rows are left out");
                break;
            case Sheet::Agreement:
                if (titleItem) r.dropItem(*titleItem, "sheet-title");
                readAgreementSheet(r, *table);
                r.items[tableIndex].used = true;
                break;
            case Sheet::None:
                break;
        }
        i = tableIndex;
    }
    return formsAt;
}

}  // namespace nusqa::import
