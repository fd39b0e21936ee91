// The summary page of a redline and the redline's own words in Kazakh,
// Russian and English.
#include <algorithm>

#include "domain/ChangeRecords.h"
#include "domain/detail/RedlineIndex.h"

namespace nusqa::compare::detail {
namespace {

using namespace content;
using Change = Run::Change;

// The sample words of the legend and what they say.
struct Legend {
    const char* inserted;
    const char* insertedHow;
    const char* deleted;
    const char* deletedHow;
    const char* rest;
};

const Legend& legendOf(RedlineLanguage language) {
    static const Legend kazakh{
        "қосылған мәтін", " — көк, асты сызылған; ", "алынып тасталған мәтін",
        " — қызыл, үсті сызылған; ",
        "өзгерген әр жолдың сол жақ шетінде тік сызық бар; орны немесе нөмірі өзгерген "
        "элементтің бұрынғы орны жасыл түспен көрсетілген."};
    static const Legend russian{
        "добавленный текст", " — синий, подчёркнут; ", "исключённый текст",
        " — красный, зачёркнут; ",
        "у каждой изменённой строки — черта на левом поле; прежнее место перемещённого или "
        "перенумерованного элемента указано зелёным."};
    static const Legend english{
        "inserted text", " — blue, underlined; ", "deleted text", " — red, struck through; ",
        "a bar in the left margin beside every changed line; the former place of a moved or "
        "renumbered element is given in green."};
    switch (language) {
        case RedlineLanguage::Kazakh:
            return kazakh;
        case RedlineLanguage::Russian:
            return russian;
        case RedlineLanguage::English:
            return english;
    }
    return kazakh;
}

Run run(std::string text, Change change = Change::None, bool bold = false) {
    Run out;
    out.text = std::move(text);
    out.bold = bold;
    out.change = change;
    return out;
}

Block paragraph(Inline text) {
    return Block{Paragraph{"", std::move(text)}};
}

Cell cell(Inline text) {
    Cell out;
    out.blocks.push_back(paragraph(std::move(text)));
    return out;
}

Cell cell(std::string text, bool bold = false) {
    Inline runs;
    if (!text.empty()) runs.push_back(run(std::move(text), Change::None, bold));
    return cell(std::move(runs));
}

// The first `count` code points of text, or the last ones (fromEnd).
std::string codePoints(std::string_view text, std::size_t count, bool fromEnd) {
    std::vector<std::size_t> starts;
    for (std::size_t k = 0; k < text.size(); ++k)
        if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) starts.push_back(k);
    if (starts.size() <= count) return std::string(text);
    if (fromEnd) return std::string(text.substr(starts[starts.size() - count]));
    return std::string(text.substr(0, starts[count]));
}

// text with the change, the spaces at its edges unmarked (no line is drawn
// under or through a space beside a changed word).
void marked(Inline& out, const std::string& text, Change change) {
    std::size_t begin = text.find_first_not_of(" \t\n");
    if (begin == std::string::npos) {
        out.push_back(run(text));
        return;
    }
    std::size_t end = text.find_last_not_of(" \t\n") + 1;
    if (begin > 0) out.push_back(run(text.substr(0, begin)));
    out.push_back(run(text.substr(begin, end - begin), change));
    if (end < text.size()) out.push_back(run(text.substr(end)));
}

constexpr std::size_t kContext = 30;    // code points of unchanged text kept on each side
constexpr std::size_t kWhole = 300;     // code points of an added or deleted element's text
constexpr std::size_t kMaxBytes = 900;  // of one row's details

// The word diff with long unchanged stretches shortened to their ends.
void appendWords(Inline& out, const std::vector<WordRun>& words) {
    for (std::size_t k = 0; k < words.size(); ++k) {
        const WordRun& word = words[k];
        if (word.kind != RunKind::Equal) {
            marked(out, codePoints(word.text, kWhole, false),
                   word.kind == RunKind::Inserted ? Change::Inserted : Change::Deleted);
            continue;
        }
        bool first = k == 0, last = k + 1 == words.size();
        std::string text = word.text;
        if (codePoints(text, 2 * kContext + 1, false) != text) {
            if (first)
                text = "…" + codePoints(text, kContext, true);
            else if (last)
                text = codePoints(text, kContext, false) + "…";
            else
                text = codePoints(text, kContext, false) + " … " + codePoints(text, kContext, true);
        }
        out.push_back(run(std::move(text)));
    }
}

std::size_t bytesOf(const Inline& text) {
    std::size_t total = 0;
    for (const Run& part : text) total += part.text.size();
    return total;
}

Inline details(const ElementChange& change, RedlineLanguage language) {
    const RedlineLabels& labels = labelsOf(language);
    Inline out;
    if (change.has(ChangeType::Added) || change.has(ChangeType::Deleted)) {
        std::string text = codePoints(change.text, kWhole, false);
        if (text != change.text) text += "…";
        for (char& c : text)
            if (c == '\n') c = ' ';
        out.push_back(run(std::move(text),
                          change.has(ChangeType::Added) ? Change::Inserted : Change::Deleted));
        return out;
    }
    for (const TextChange& text : change.texts) {
        if (!out.empty()) out.push_back(run(" / "));
        appendWords(out, text.words);
    }
    for (const CellChange& changed : change.cells) {
        if (bytesOf(out) > kMaxBytes) {
            out.push_back(run(" …"));
            break;
        }
        if (!out.empty()) out.push_back(run(" / "));
        out.push_back(run(std::string(labels.row) + " " + std::to_string(changed.row) + ", " +
                          labels.column + " " + std::to_string(changed.column) + ": "));
        appendWords(out, changed.words);
    }
    for (const std::string& formatting : change.formatting) {
        if (!out.empty()) out.push_back(run(" / "));
        out.push_back(run(std::string(changeName(ChangeType::FormattingChanged, language)) + ": " +
                          formatting));
    }
    return out;
}

std::string kindsOf(const ElementChange& change, RedlineLanguage language) {
    std::string out;
    for (ChangeType type : change.changes) {
        if (!out.empty()) out += ", ";
        out += changeName(type, language);
    }
    return out;
}

}  // namespace

const RedlineLabels& labelsOf(RedlineLanguage language) {
    static const RedlineLabels kazakh{
        "САЛЫСТЫРУ — бақылаулы құжат емес",
        "Басылымдарды салыстыру: өзгерістер тізімі",
        "Салыстырылды",
        "Өзгерістер саны",
        "Айырмашылық жоқ.",
        "№",
        "Өзгеріс",
        "Бұрынғы басылымда",
        "Жаңа басылымда",
        "Мазмұны",
        "бұрын",
        "Деректемелер",
        "жол",
        "баған",
    };
    static const RedlineLabels russian{
        "СРАВНЕНИЕ — не является контролируемым документом",
        "Сравнение редакций: перечень изменений",
        "Сравниваются",
        "Изменений",
        "Различий нет.",
        "№",
        "Изменение",
        "В прежней редакции",
        "В новой редакции",
        "Содержание",
        "ранее",
        "Реквизиты",
        "строка",
        "графа",
    };
    static const RedlineLabels english{
        "COMPARISON — not a controlled document",
        "Comparison of editions: list of changes",
        "Compared",
        "Changes",
        "No differences.",
        "No.",
        "Change",
        "In the earlier edition",
        "In the later edition",
        "Content",
        "formerly",
        "Metadata",
        "row",
        "column",
    };
    switch (language) {
        case RedlineLanguage::Kazakh:
            return kazakh;
        case RedlineLanguage::Russian:
            return russian;
        case RedlineLanguage::English:
            return english;
    }
    return kazakh;
}

std::string_view changeName(ChangeType type, RedlineLanguage language) {
    static const char* const kNames[3][8] = {
        {"қосылды", "алынып тасталды", "орны ауыстырылды", "нөмірі өзгерді", "мәтіні өзгерді",
         "кесте ұяшықтары өзгерді", "пішімі өзгерді", "ұқсастығы бойынша табылды"},
        {"добавлено", "исключено", "перемещено", "перенумеровано", "изменён текст",
         "изменены ячейки таблицы", "изменено оформление", "сопоставлено по сходству"},
        {"added", "deleted", "moved", "renumbered", "text changed", "table cells changed",
         "formatting changed", "matched by similarity"},
    };
    return kNames[static_cast<int>(language)][static_cast<int>(type)];
}

std::vector<Block> redlineSummary(const Content& b, const Comparison& comparison,
                                  const RedlineSides& sides, RedlineLanguage language,
                                  std::size_t& rows) {
    const RedlineLabels& labels = labelsOf(language);
    const Legend& legend = legendOf(language);
    std::vector<Block> out;
    out.push_back(paragraph({run(labels.banner, Change::None, true)}));
    out.push_back(paragraph({run(labels.title, Change::None, true)}));
    std::string document = b.meta.code;
    if (!b.meta.title.empty())
        document += (document.empty() ? "" : " ") + ("«" + b.meta.title + "»");
    out.push_back(paragraph({run(document)}));
    out.push_back(
        paragraph({run(std::string(labels.compared) + ": " + sides.from + " → " + sides.to)}));
    out.push_back(paragraph({run(legend.inserted, Change::Inserted), run(legend.insertedHow),
                             run(legend.deleted, Change::Deleted), run(legend.deletedHow),
                             run(legend.rest)}));
    rows = comparison.elements.size() + comparison.meta.size();
    if (rows == 0) {
        out.push_back(paragraph({run(labels.none, Change::None, true)}));
        return out;
    }
    out.push_back(paragraph({run(std::string(labels.count) + ": " + std::to_string(rows))}));

    Table table;
    table.columnWidths = {0.5, 1.7, 1.6, 1.6, 4.0};
    Row header;
    for (const char* text :
         {labels.number, labels.change, labels.before, labels.after, labels.content})
        header.cells.push_back(cell(text, true));
    table.headerRows.push_back(std::move(header));
    std::size_t number = 0;
    for (const ElementChange& change : comparison.elements) {
        Row row;
        row.cells.push_back(cell(std::to_string(++number)));
        row.cells.push_back(cell(kindsOf(change, language)));
        row.cells.push_back(
            cell(change.before ? locationText(*change.before, comparison.language) : "—"));
        row.cells.push_back(
            cell(change.after ? locationText(*change.after, comparison.language) : "—"));
        row.cells.push_back(cell(details(change, language)));
        table.rows.push_back(std::move(row));
    }
    for (const MetaChange& change : comparison.meta) {
        Row row;
        row.cells.push_back(cell(std::to_string(++number)));
        row.cells.push_back(cell(std::string(labels.meta) + ": " + change.field));
        row.cells.push_back(cell(change.before.empty() ? "—" : change.before));
        row.cells.push_back(cell(change.after.empty() ? "—" : change.after));
        Inline words;
        appendWords(words, change.words);
        row.cells.push_back(cell(std::move(words)));
        table.rows.push_back(std::move(row));
    }
    out.push_back(Block{std::move(table)});
    return out;
}

}  // namespace nusqa::compare::detail
