#include <array>
#include <utility>

#include "import/detail/Blocks.h"
#include "import/detail/Inline.h"
#include "import/detail/Patterns.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

bool containsAny(const std::string& text, std::initializer_list<std::string_view> words) {
    for (std::string_view word : words)
        if (text.find(word) != std::string::npos) return true;
    return false;
}

Special specialOf(const std::string& t) {
    if (containsAny(t, {"қысқарту", "сокращени", "аббревиатур", "белгілер мен"}))
        return Special::Abbreviations;
    // «анықтамалар» (definitions), not «анықтамалық» (reference, as in «анықтамалық-іздеу»).
    if (containsAny(t, {"термин", "анықтамалар", "анықтамасы", "определени"}))
        return Special::Terms;
    bool normativeDocuments =
        t.find("нормативн") != std::string::npos && t.find("документ") != std::string::npos;
    if (normativeDocuments ||
        containsAny(t, {"нормативтік құжат", "нормативтік-құқықтық", "сілтеме", "ссылк"}))
        return Special::References;
    return Special::None;
}

// Byte offset and length of the first dash standing between spaces
// («ҚР – Қазақстан», «term - definition»); npos when there is none.
std::pair<std::size_t, std::size_t> firstDash(std::string_view text) {
    char32_t previous = 0;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t start = at;
        char32_t c = decodeAt(text, at);
        bool dash = c == '-' || c == U'–' || c == U'—' || c == U'−';
        if (dash && isSpace(previous) && at < text.size()) {
            std::size_t probe = at;
            if (isSpace(decodeAt(text, probe))) return {start, at - start};
        }
        previous = c;
    }
    return {std::string_view::npos, 0};
}

}  // namespace

Special specialOfIntro(std::string_view text) {
    std::string_view t = trim(text);
    if (!t.ends_with(":")) return Special::None;
    return specialOf(lower(t));
}

Special specialOfHeading(std::string_view text) {
    // Such headings are short: «Нормативтік сілтемелер», «Белгілер мен қысқартулар».
    if (wordCount(text) > 6) return Special::None;
    return specialOf(lower(text));
}

NodeKind blockKind(Special special) {
    switch (special) {
        case Special::Terms:
            return NodeKind::Terms;
        case Special::Abbreviations:
            return NodeKind::Abbreviations;
        default:
            return NodeKind::References;
    }
}

NodeKind itemKind(Special special) {
    switch (special) {
        case Special::Terms:
            return NodeKind::Term;
        case Special::Abbreviations:
            return NodeKind::Abbreviation;
        default:
            return NodeKind::Ref;
    }
}

bool makeSpecialItem(Special special, const std::string& num, std::vector<Run> text, int line,
                     Node& item) {
    item = Node{};
    item.kind = itemKind(special);
    item.num = num;
    item.line = line;
    text = trimRuns(std::move(text));
    if (special == Special::References) {
        std::string plain = runsText(text);
        if (auto code = findCode(plain)) item.code = code->code;
        item.text = std::move(text);
        return !item.text.empty();
    }
    std::string plain = runsText(text);
    auto [at, length] = firstDash(plain);
    if (at == std::string::npos || at == 0) return false;
    item.text = trimRuns(runsUntil(text, at));
    item.text2 = trimRuns(runsFrom(text, at + length));
    return !item.text.empty() && !item.text2.empty();
}

std::vector<Node> termsFromTable(const SourceTable& table) {
    std::vector<Node> blocks;
    for (const SourceRow& row : table.rows) {
        if (row.cells.size() != 2) return {};
    }
    for (const SourceRow& row : table.rows) {
        std::string first(trim(row.cells[0].text()));
        bool abbreviation =
            isAllUpper(first) || (wordCount(first) <= 2 && first.size() <= 24 && [&] {
                int upper = 0, lowerCount = 0;
                for (std::size_t at = 0; at < first.size();) {
                    char32_t c = decodeAt(first, at);
                    if (isUpper(c)) ++upper;
                    if (isLower(c)) ++lowerCount;
                }
                return upper > lowerCount;
            }());
        NodeKind block = abbreviation ? NodeKind::Abbreviations : NodeKind::Terms;
        if (blocks.empty() || blocks.back().kind != block) {
            Node node;
            node.kind = block;
            node.line = row.line;
            blocks.push_back(std::move(node));
        }
        Node item;
        item.kind = abbreviation ? NodeKind::Abbreviation : NodeKind::Term;
        item.line = row.line;
        auto runsOf = [](const SourceCell& cell) {
            std::vector<Run> runs;
            for (const SourceParagraph& paragraph : cell.paragraphs) {
                if (!runs.empty()) runs.push_back(Run{" ", false, false, false, {}});
                for (const Run& run : paragraph.runs) runs.push_back(run);
            }
            return trimRuns(std::move(runs));
        };
        item.text = runsOf(row.cells[0]);
        item.text2 = runsOf(row.cells[1]);
        blocks.back().children.push_back(std::move(item));
    }
    return blocks;
}

void markDocRefs(std::vector<Node>& nodes) {
    for (Node& node : nodes) {
        if (node.kind == NodeKind::P) {
            std::vector<Run> split;
            for (Run& run : node.text) {
                std::size_t from = 0;
                while (auto code = run.docRef.empty() ? findCode(run.text, from) : std::nullopt) {
                    if (code->start > from) {
                        Run before = run;
                        before.text = run.text.substr(from, code->start - from);
                        split.push_back(std::move(before));
                    }
                    Run mention = run;
                    mention.text =
                        run.text.substr(code->start, code->end - code->start);  // as printed
                    mention.docRef = code->code;
                    split.push_back(std::move(mention));
                    from = code->end;
                }
                if (from < run.text.size()) {
                    Run rest = run;
                    rest.text = run.text.substr(from);
                    split.push_back(std::move(rest));
                }
            }
            node.text = std::move(split);
        }
        markDocRefs(node.children);
        for (Row& row : node.rows)
            for (Cell& cell : row.cells) markDocRefs(cell.blocks);
    }
}

}  // namespace nusqa::import
