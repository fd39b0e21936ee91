#include "import/detail/Recognition.h"

#include "import/detail/Inline.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

// «3.» or «1)» alone on its line takes the next line as its text (corpus 003
// prints «3.», a blank line, then the clause).
void joinLoneNumbers(std::vector<Item>& items) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        Item& item = items[i];
        if (item.isTable || item.used || !item.para.info.numberOnly) continue;
        LineKind kind = item.para.info.kind;
        // «12» alone is a page number; «12.» and «12)» are clauses waiting for their text.
        bool label = (kind == LineKind::Numbered && item.para.info.dot) || kind == LineKind::Item ||
                     kind == LineKind::LetterItem;
        if (!label) continue;
        std::size_t j = i + 1;
        while (j < items.size() && !items[j].isTable && items[j].para.info.kind == LineKind::Blank)
            ++j;
        if (j >= items.size() || items[j].isTable || items[j].para.info.kind != LineKind::Text)
            continue;
        Para& next = items[j].para;
        std::vector<Run> runs = item.para.runs;
        runs.push_back(Run{" ", false, false, false, {}});
        for (const Run& run : next.runs) runs.push_back(run);
        item.para.runs = std::move(runs);
        item.para.text = runsText(item.para.runs);
        item.para.info = classifyLine(item.para.text);
        items[j].used = true;
    }
}

}  // namespace

Para makePara(const SourceParagraph& paragraph, int column) {
    Para para;
    para.line = paragraph.line;
    para.column = column;
    para.headingLevel = paragraph.headingLevel;
    if (!paragraph.number.empty()) {
        para.autoNumber = true;
        para.runs.push_back(Run{paragraph.number + " ", false, false, false, {}});
    }
    for (const Run& run : paragraph.runs) para.runs.push_back(run);
    para.runs = trimRuns(std::move(para.runs));
    para.text = runsText(para.runs);
    para.info = classifyLine(para.text);
    return para;
}

Recognition::Recognition(const SourceDocument& source_, const ImportOptions& options_,
                         ImportReport& report_)
    : source(source_), options(options_), report(report_) {
    for (const SourceBlock& block : source.blocks) {
        Item item;
        item.line = block.line();
        if (block.isTable()) {
            item.isTable = true;
            item.table = &block.table();
        } else {
            item.para = makePara(block.paragraph());
        }
        items.push_back(std::move(item));
    }
    joinLoneNumbers(items);
}

void Recognition::meta(const Para& para, const std::string& field) {
    if (trim(para.text).empty()) return;
    report.meta.push_back({para.line, para.column, std::string(trim(para.text)), field});
}

void Recognition::drop(const Para& para, const std::string& reason) {
    if (trim(para.text).empty()) return;
    report.dropped.push_back({para.line, para.column, std::string(trim(para.text)), reason});
}

void Recognition::dropItem(Item& item, const std::string& reason) {
    item.used = true;
    if (!item.isTable) {
        drop(item.para, reason);
        return;
    }
    for (const SourceRow& row : item.table->rows) {
        int column = 0;
        for (const SourceCell& cell : row.cells) {
            for (const SourceParagraph& paragraph : cell.paragraphs) {
                Para para = makePara(paragraph, column);
                para.line = row.line;
                drop(para, reason);
            }
            column += cell.colspan;
        }
    }
}

void Recognition::warn(int line, const std::string& message) {
    report.warnings.push_back({line, -1, {}, message});
}

void Recognition::plain(const Para& para) {
    report.plain.push_back({para.line, para.column, std::string(trim(para.text)), {}});
}

std::size_t Recognition::nextContent(std::size_t from, std::size_t end, std::size_t window) const {
    for (std::size_t i = from; i < end && i < from + window; ++i) {
        const Item& item = items[i];
        if (item.used) continue;
        if (item.isTable || item.para.info.kind != LineKind::Blank) return i;
    }
    return end;
}

}  // namespace nusqa::import
