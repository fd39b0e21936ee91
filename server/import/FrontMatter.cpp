#include "import/detail/FrontMatter.h"

#include <set>

#include "import/detail/Blocks.h"
#include "import/detail/Inline.h"
#include "import/detail/Patterns.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

// A line that opens with a label starts a paragraph of its own; one that
// ends with it, or is the label alone after unlabelled lines, closes the
// lines before it («1 «...»» «КЕАҚ ... ӘЗІРЛЕНДІ», «... шешімімен» «БЕКІТІЛДІ»).
bool startsOwnParagraph(const Para& para, const FrontPara& open) {
    std::string rest;
    if (para.headingLevel > 0) return true;
    bool atStart = false;
    Label label = labelOf(para.text, rest, &atStart);
    if (label == Label::None || !atStart) return false;
    std::string openRest;
    bool closing = trim(rest).empty() && wordCount(para.text) == 1 && label != Label::Approve &&
                   label != Label::Foreword && labelOf(open.text, openRest) == Label::None;
    return !closing;
}

// The foreword's heading alone («АЛҒЫСӨЗ») is a paragraph of its own. A
// line that ends with the label of a list of people («... кітапханасында
// ӘЗІРЛЕНДІ», «2 КЕЛІСІЛДІ») ends its block's first paragraph: what follows
// is the list, one paragraph per position, date and name (a PDF has no blank
// line there to say so). The approval block reads its lines one by one.
bool endsWithLabel(const std::string& text) {
    std::string rest;
    bool atStart = false;
    Label label = labelOf(collapseSpaces(text), rest, &atStart);
    if (label == Label::Foreword) return atStart && trim(rest).empty();  // «АЛҒЫСӨЗ» alone
    return (label == Label::Prepared || label == Label::Agreed) && (!atStart || trim(rest).empty());
}

FrontPara single(const Para& para, bool cell) {
    FrontPara front;
    front.lines.push_back(para);
    front.text = collapseSpaces(para.text);
    front.cell = cell;
    front.headingLevel = para.headingLevel;
    front.bold = allBold(para.runs);
    return front;
}

// The front matter as paragraphs (see detail/FrontMatter.h).
std::vector<FrontPara> frontParagraphs(Recognition& r, std::size_t end) {
    std::vector<FrontPara> paras;
    // Text lines wrap paragraphs; Word and HTML paragraphs do not.
    const bool wraps =
        r.source.format != SourceFormat::Docx && r.source.format != SourceFormat::Html;
    bool open = false;
    for (std::size_t i = 0; i < end; ++i) {
        Item& item = r.items[i];
        if (item.used) {
            open = false;
            continue;
        }
        if (item.isTable) {
            open = false;
            // Column by column: a label cell, then what stands under it.
            std::vector<std::vector<FrontPara>> columns;
            for (const SourceRow& row : item.table->rows) {
                std::size_t column = 0;
                for (const SourceCell& cell : row.cells) {
                    if (columns.size() <= column) columns.resize(column + 1);
                    FrontPara front;
                    front.cell = true;
                    front.table = i;
                    for (const SourceParagraph& paragraph : cell.paragraphs) {
                        Para para = makePara(paragraph, static_cast<int>(column));
                        para.line = row.line;
                        if (trim(para.text).empty()) continue;
                        front.text += (front.text.empty() ? "" : " ") + collapseSpaces(para.text);
                        front.bold = allBold(para.runs);
                        front.lines.push_back(std::move(para));
                    }
                    if (!front.lines.empty()) columns[column].push_back(std::move(front));
                    column += static_cast<std::size_t>(cell.colspan);
                }
            }
            for (auto& column : columns)
                for (FrontPara& front : column) paras.push_back(std::move(front));
            continue;
        }
        const Para& para = item.para;
        if (para.info.kind == LineKind::Blank) {
            open = false;
            continue;
        }
        if (wraps && open && paras.back().headingLevel == 0 &&
            !startsOwnParagraph(para, paras.back()) && !standsAlone(para.text) &&
            !standsAlone(paras.back().lines.back().text) &&
            !endsWithLabel(paras.back().lines.back().text)) {
            FrontPara& last = paras.back();
            last.lines.push_back(para);
            last.text += " " + collapseSpaces(para.text);
            last.bold = last.bold && allBold(para.runs);
            continue;
        }
        paras.push_back(single(para, false));
        open = true;
    }
    return paras;
}

// The name of the management system a title page prints above the kind
// («СИСТЕМА МЕНЕДЖМЕНТА КАЧЕСТВА», «САПА МЕНЕДЖМЕНТІ ЖҮЙЕСІ») names no
// document.
bool systemBanner(const std::string& text) {
    std::string t = lower(collapseSpaces(text));
    return t == "система менеджмента качества" || t == "сапа менеджменті жүйесі" ||
           t == "система менеджмента качества университета";
}

bool titleLike(const FrontPara& para) {
    return !para.cell && wordCount(para.text) >= 2 && !systemBanner(para.text) &&
           (para.headingLevel > 0 || para.bold || isAllUpper(para.text));
}

// The label at paras[at] stands alone on its line and a person's name
// follows on a line of its own (in the label's paragraph or in the next
// few), with no decision named: an approval block.
bool signedBelow(const std::vector<FrontPara>& paras, std::size_t at) {
    std::vector<const Para*> lines;
    for (std::size_t k = at; k < paras.size() && k < at + 4; ++k)
        for (const Para& line : paras[k].lines) lines.push_back(&line);
    if (lines.empty() || wordCount(lines.front()->text) != 1) return false;
    for (std::size_t i = 1; i < lines.size() && i < 6; ++i) {
        std::string t = lower(lines[i]->text);
        for (std::string_view word : {"шешім", "решени", "бұйрығ", "приказ", "хаттама", "протокол"})
            if (t.find(word) != std::string::npos) return false;
        if (peopleNamed(lines[i]->text).size() == 1) return true;
    }
    return false;
}

}  // namespace

std::size_t findBodyStart(const Recognition& r) {
    for (std::size_t i = 0; i < r.items.size(); ++i) {
        const Item& item = r.items[i];
        if (item.used || item.isTable) continue;
        const LineInfo& info = item.para.info;
        if (info.kind == LineKind::Chapter || info.kind == LineKind::Paragraph) return i;
        if (info.kind != LineKind::Numbered || info.numbers.size() != 1 || info.numbers[0] != 1)
            continue;
        std::string rest = item.para.text.substr(info.rest);
        std::string ignored;
        if (item.para.headingLevel > 0) return i;
        if (isAllUpper(rest) && wordCount(rest) <= 20 && labelOf(rest, ignored) == Label::None)
            return i;
    }
    // No chapters: the body starts at the first clause numbered 1.
    for (std::size_t i = 0; i < r.items.size(); ++i) {
        const Item& item = r.items[i];
        if (item.used || item.isTable) continue;
        const LineInfo& info = item.para.info;
        if ((info.kind == LineKind::Numbered || info.kind == LineKind::Item) &&
            !info.numbers.empty() && info.numbers.front() == 1)
            return i;
    }
    return 0;
}

void readFrontMatter(Recognition& r, std::size_t bodyStart) {
    std::vector<FrontPara> paras = frontParagraphs(r, bodyStart);
    for (std::size_t k = 0; k < paras.size(); ++k) {
        FrontPara& para = paras[k];
        if (para.done) continue;
        std::string rest;
        switch (labelOf(para.text, rest)) {
            case Label::Approve:
                k = readApprovalBlock(r, paras, k) - 1;
                break;
            case Label::Prepared:
                k = readPeopleBlock(r, paras, k, Label::Prepared) - 1;
                break;
            case Label::Agreed:
                k = readPeopleBlock(r, paras, k, Label::Agreed) - 1;
                break;
            case Label::ApprovedBy:
                // «УТВЕРЖДЕНО» over a position, a signature and a date is
                // the approval block «УТВЕРЖДАЮ» heads; over a decision
                // («решением Ученого совета от ...») it is the decision.
                if (signedBelow(paras, k)) {
                    k = readApprovalBlock(r, paras, k) - 1;
                    break;
                }
                readApprovedBy(r, para, rest);
                break;
            case Label::Entered:
                readEntered(r, para, rest);
                break;
            case Label::Foreword:
                consume(r, para, "foreword");
                break;
            case Label::None:
                readLineFacts(r, para);
                break;
        }
    }
    // The title: the first heading, bold or capitalised paragraph left.
    for (FrontPara& para : paras) {
        if (para.done || !titleLike(para)) continue;
        std::string title = collapseSpaces(para.text);
        r.document.meta.title = isAllUpper(title) ? sentenceCase(title) : title;
        consume(r, para, "title");
        break;
    }
    // A table of which nothing became metadata is content (a table before
    // the first chapter, a form): it stays in the body, whole.
    std::set<std::size_t> consumed, kept;
    for (const FrontPara& para : paras)
        if (para.cell && para.done) consumed.insert(para.table);
    // What is left: sentences stay as body text, the rest of the title
    // page has no place in the schema and is reported.
    for (FrontPara& para : paras) {
        if (para.done) continue;
        if (para.cell && !consumed.count(para.table)) {
            para.done = true;
            if (kept.insert(para.table).second) {
                Node table = makeTable(*r.items[para.table].table);
                if (!table.rows.empty()) r.preamble.push_back(std::move(table));
            }
            continue;
        }
        para.done = true;
        std::string_view text = trim(para.text);
        bool sentence = wordCount(text) >= 12 && (text.ends_with(".") || text.ends_with(";"));
        for (const Para& line : para.lines) {
            if (sentence && !para.cell) {
                Node p;
                p.kind = NodeKind::P;
                p.line = line.line;
                p.text = line.runs;
                p.plain = true;
                r.plain(line);
                r.preamble.push_back(std::move(p));
            } else {
                r.drop(line, "title-page");
                r.warn(line.line, "title-page text with no place in the XML, left out: «" +
                                      std::string(trim(line.text)) + "»");
            }
        }
    }
    for (std::size_t i = 0; i < bodyStart; ++i) r.items[i].used = true;
}

}  // namespace nusqa::import
