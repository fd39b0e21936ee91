// completeMeta: what the schema requires and the title page did not say,
// from the body or the options, each gap closed with a warning so that
// the quality office knows what to check:
//   language      the options', else from the letters and frequent words
//                 (detail/Patterns.h); none: recognise() refuses the source
//   kind          «осы Ереже», «лауазымдық нұсқаулық» ... in the text
//   organisation  the first «... университеті» КеАҚ in the text, else the
//                 organisation of the options (the profile's name)
//   code, title   the options, else for a regulation «X-ның осы Ережесі»
//                 -> «X туралы», else the file name
//   edition 1, the approval month from the neighbouring dates, the agreed
//   date from the approvers, the replaced edition's code from this code.
#include <filesystem>

#include "import/detail/FrontMatter.h"
#include "import/detail/Patterns.h"
#include "import/detail/Recognition.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

std::string allText(const Recognition& r, std::size_t limit) {
    std::string text;
    for (const Item& item : r.items) {
        if (text.size() > limit) break;
        if (!item.isTable) {
            text += item.para.text;
            text += '\n';
            continue;
        }
        for (const SourceRow& row : item.table->rows)
            for (const SourceCell& cell : row.cells) {
                text += cell.text();
                text += '\n';
            }
    }
    return text;
}

// The running header's page numbering: «12 беттің 4-і» on every page says
// the document has 12 pages.
int pagesStated(const std::vector<std::string>& texts) {
    int pages = 0;
    for (const std::string& text : texts)
        if (auto numbering = pageOfPages(text)) pages = std::max(pages, numbering->second);
    return pages;
}

std::string fileStem(const std::string& name) {
    std::string stem = std::filesystem::path(name).stem().string();
    return stem.empty() ? "imported" : stem;
}

// «Бағдарламалық ... бөлімінің осы Ережесі» -> «Бағдарламалық ... бөлімі».
std::string regulatedUnit(const Recognition& r) {
    int seen = 0;
    for (const Item& item : r.items) {
        if (item.isTable || item.para.info.kind == LineKind::Blank) continue;
        if (++seen > 12) break;
        std::string text =
            item.para.text.substr(std::min(item.para.info.rest, item.para.text.size()));
        std::size_t at = lower(text).find(" осы ережесі");
        if (at == std::string::npos || at == 0) continue;
        std::string phrase(trim(text.substr(0, at)));
        if (wordCount(phrase) < 2 || wordCount(phrase) > 14) continue;
        std::size_t lastSpace = phrase.rfind(' ');
        std::string last = phrase.substr(lastSpace + 1);
        std::string nominative = withoutCaseEnding(last);
        if (nominative == last) continue;
        return phrase.substr(0, lastSpace + 1) + nominative;
    }
    return {};
}

void inferApprovalDate(Recognition& r) {
    Meta& meta = r.document.meta;
    const DateMatch& printed = r.approvalDate;
    if (!meta.hasApproval || !meta.approval.date.empty()) return;
    if (printed.complete()) {
        meta.approval.date = isoDate(printed.year, printed.month, printed.day);
    } else if (printed.day > 0 && printed.year > 0) {
        // «« 11 »» and «2022 ж.» with the month left blank for the pen: take
        // the month that puts it between the agreed and the entered dates.
        for (const std::string& other : {meta.agreed, meta.effective, meta.prepared}) {
            if (other.size() != 10 || std::stoi(other.substr(0, 4)) != printed.year) continue;
            std::string candidate =
                isoDate(printed.year, std::stoi(other.substr(5, 2)), printed.day);
            bool afterAgreed = meta.agreed.empty() || candidate >= meta.agreed;
            bool beforeEffective = meta.effective.empty() || candidate <= meta.effective;
            if (!candidate.empty() && afterAgreed && beforeEffective) {
                meta.approval.date = candidate;
                r.warn(0, "the approval date is printed without its month; " + candidate +
                              " assumed from the agreed and entered dates");
                break;
            }
        }
        if (meta.approval.date.empty())
            r.warn(0, "the approval date is printed without its month and could not be completed");
    }
    if (meta.approved.empty()) meta.approved = meta.approval.date;
}

}  // namespace

void readRunningText(Recognition& r) {
    std::vector<std::string> texts = r.source.runningText;
    for (const SkippedText& skipped : r.source.skipped)
        if (skipped.reason == "page-header" || skipped.reason == "page-footer")
            texts.push_back(skipped.text);
    for (const ReportLine& line : r.report.dropped)
        if (line.what == "page-of-pages") texts.push_back(line.text);
    Meta& meta = r.document.meta;
    for (const std::string& text : texts) {
        std::vector<std::string> fields;
        if (meta.code.empty())
            if (auto code = findCode(text)) {
                meta.code = code->code;
                fields.push_back("code");
            }
        if (meta.edition == 0)
            if (int edition = editionIn(text); edition > 0) {
                meta.edition = edition;
                fields.push_back("edition");
            }
        // The date a running header prints («Күні 12.03.2024», «Дата:
        // 12.03.2024») is the date of the edition: the day it took effect.
        // The page numbering beside it («12 беттің 4-і») is never a date.
        if (meta.effective.empty())
            if (std::string date = firstIso(text); !date.empty()) {
                meta.effective = date;
                fields.push_back("effective");
            }
        if (meta.organisation.empty())
            if (std::string organisation = organisationIn(text); !organisation.empty()) {
                meta.organisation = organisation;
                fields.push_back("organisation");
            }
        if (fields.empty()) continue;
        std::string joined;
        for (const std::string& field : fields) joined += (joined.empty() ? "" : ",") + field;
        r.report.meta.push_back({0, -1, text, "running-header:" + joined});
    }
    if (int pages = pagesStated(texts); pages > 0)
        r.report.notes.push_back("the running header numbers " + std::to_string(pages) + " pages");
}

void completeMeta(Recognition& r) {
    Meta& meta = r.document.meta;
    const std::string text = allText(r, 1u << 20);
    meta.language = r.options.language.empty() ? languageOf(text) : r.options.language;
    if (meta.language.empty()) return;  // recognise() refuses the document
    meta.profile = r.options.profile;
    if (meta.kind.empty()) {
        meta.kind = kindMentionedIn(text.substr(0, 20000));
        if (meta.kind.empty()) {
            meta.kind = "regulation";
            r.warn(0, "the kind of document is not stated; regulation assumed");
        }
    }
    if (meta.kindTitle.empty()) meta.kindTitle = kindTitleOf(meta.kind, meta.language);
    if (meta.organisation.empty()) {
        for (const Item& item : r.items) {
            if (item.isTable) continue;
            std::string found = organisationIn(item.para.text);
            if (found.empty()) continue;
            if (meta.organisation.empty() || (isAllUpper(meta.organisation) && !isAllUpper(found)))
                meta.organisation = found;
            if (!isAllUpper(found)) break;
        }
    }
    r.organisationFound = !meta.organisation.empty();
    if (meta.organisation.empty()) meta.organisation = r.options.organisation;
    if (meta.organisation.empty()) {
        meta.organisation = "(not stated in the source)";
        r.warn(0, "no organisation found in the source: give one with the profile");
    }
    std::string unit = regulatedUnit(r);
    if (meta.unit.empty()) meta.unit = unit;
    if (!r.options.code.empty()) meta.code = r.options.code;
    if (meta.code.empty()) {
        meta.code = fileStem(r.source.name);
        r.warn(0, "no register code found in the source; the file name «" + meta.code +
                      "» stands in for it: set the real code before approval");
    }
    if (!r.options.title.empty()) meta.title = r.options.title;
    if (meta.title.empty() && !unit.empty() && meta.kind == "regulation" && meta.language == "kk") {
        meta.title = unit + " туралы";
        r.warn(0, "no title page: the title «" + meta.title + "» is made from clause 1");
    }
    if (meta.title.empty()) {
        meta.title = fileStem(r.source.name);
        r.warn(0,
               "no title found in the source; the file name «" + meta.title + "» stands in for it");
    }
    if (meta.edition <= 0) {
        meta.edition = 1;
        r.warn(0, "no edition number found; edition 1 assumed");
    }
    if (meta.hasReplaces && meta.replacesCode.empty()) {
        std::string code = meta.code;
        // «ҚазҰТЗУ ҚП 607-2023» replaces an edition of «ҚазҰТЗУ ҚП 607».
        if (code.size() > 5 && code[code.size() - 5] == '-' &&
            code.substr(code.size() - 4).find_first_not_of("0123456789") == std::string::npos)
            code.resize(code.size() - 5);
        meta.replacesCode = code;
        r.warn(0, "the replaced edition's code is not printed; «" + code + "» assumed");
    }
    if (meta.prepared.empty())
        for (const Person& person : meta.preparedBy)
            if (!person.date.empty()) meta.prepared = person.date;
    if (meta.agreed.empty())
        for (const Person& person : meta.approvers)
            meta.agreed = std::max(meta.agreed, person.date);
    inferApprovalDate(r);
}

}  // namespace nusqa::import
