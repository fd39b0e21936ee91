// Whether a line (or a segment of a table column) goes on from the one above
// it, and how: the rules of PdfLayout.h, «paragraphs».
#include <algorithm>

#include "import/detail/Lines.h"
#include "import/detail/Utf8.h"
#include "import/pdf/detail/Layout.h"

namespace nusqa::import::pdf {
namespace {

char32_t lastChar(std::string_view text, std::size_t count = 1) {
    std::vector<char32_t> chars;
    for (std::size_t at = 0; at < text.size();) chars.push_back(decodeAt(text, at));
    return chars.size() >= count ? chars[chars.size() - count] : 0;
}

char32_t firstChar(std::string_view text) {
    std::size_t at = 0;
    return text.empty() ? 0 : decodeAt(text, at);
}

bool endsSentence(std::string_view text) {
    char32_t last = lastChar(trim(text));
    return last == '.' || last == ';' || last == ':' || last == '!' || last == '?';
}

bool allBold(const Segment& segment) {
    return std::all_of(segment.words.begin(), segment.words.end(),
                       [](const Word& word) { return word.bold; });
}

int seen(const std::map<std::string, int>& vocabulary, const std::string& word) {
    auto found = vocabulary.find(word);
    return found == vocabulary.end() ? 0 : found->second;
}

int seen(const Metrics& metrics, const std::string& word) {
    return seen(metrics.vocabulary, word);
}

// The line starts a clause, a list item or a chapter: not a continuation,
// unless it is a dash or a bare number inside a sentence that filled the
// line above («... (бұдан әрі\n- ҒК)», «... 2023 жылғы\n1 қыркүйектегі»).
bool startsItem(const Segment& above, const Segment& below, bool full) {
    LineInfo info = classifyLine(below.text);
    switch (info.kind) {
        case LineKind::Chapter:
        case LineKind::Paragraph:
        case LineKind::Item:
        case LineKind::LetterItem:
            return true;
        case LineKind::Bullet:
            return !full || endsSentence(above.text) || (info.num != "-" && info.num != "–");
        case LineKind::Numbered: {
            if (info.dot || info.numbers.size() > 1 || endsSentence(above.text)) return true;
            char32_t after = firstChar(below.text.substr(std::min(info.rest, below.text.size())));
            return !isLower(after);
        }
        case LineKind::Blank:
        case LineKind::Text:
            return false;
    }
    return false;
}

}  // namespace

Join joinSegments(const Segment& above, const Segment& below, double limit,
                  const Metrics& metrics) {
    if (above.words.empty() || below.words.empty()) return Join::NewParagraph;
    // Full: the next line's first word would not have fitted here.
    const Word& first = below.words.front();
    const bool full = above.right + metrics.wordGap + (first.right - first.left) > limit;
    if (startsItem(above, below, full)) return Join::NewParagraph;
    if (allBold(above) != allBold(below)) return Join::NewParagraph;
    const std::string& upper = above.text;
    const char32_t next = firstChar(below.text);
    const bool lowerNext = isLower(next);
    const Word& lastWord = above.words.back();
    const double size = std::max(lastWord.size, 1.0);
    // A soft hyphen: the word goes on without it.
    if (lastChar(upper) == 0xAD && isLetter(next)) return Join::DropHyphen;
    // A letter and '-' at the end before a lower-case letter: a word broken
    // at a hyphen. It stays a compound unless the document spells the word
    // whole elsewhere.
    if (lastChar(upper) == '-' && isLetter(lastChar(upper, 2)) && lowerNext) {
        std::string prefix = bareWord(lastWord.text);
        std::string rest = bareWord(below.words.front().text);
        if (seen(metrics, prefix + "-" + rest) > 0) return Join::Hyphen;
        if (seen(metrics, prefix + rest) > 0) return Join::DropHyphen;
        return Join::Hyphen;
    }
    // One word filling the column, broken where the column ends («қауымдастықтард» +
    // «ың»): the document spells the word whole elsewhere, or neither piece
    // is a word of it.
    if (above.words.size() == 1 && isLetter(lastChar(upper)) && lowerNext &&
        above.right >= limit - size) {
        std::string head = bareWord(lastWord.text), tail = bareWord(below.words.front().text);
        auto piece = [&](const std::string& word) {
            return seen(metrics.inner, word) * 4 <= seen(metrics, word);  // rarely inside a line
        };
        if (seen(metrics, head + tail) > 0 ||
            (piece(head) && piece(tail) && above.right >= limit - 0.5 * size))
            return Join::Glue;
    }
    return full ? Join::Space : Join::NewParagraph;
}

Join joinOf(const Line& above, const Line& below, double limit, const Metrics& metrics,
            bool sameCell) {
    (void)sameCell;  // lines of the body and of a cell follow the same rules
    Segment upper, lower;
    upper.words = above.words;
    upper.left = above.left();
    upper.right = above.right();
    upper.text = wordsText(above.words);
    lower.words = below.words;
    lower.left = below.left();
    lower.right = below.right();
    lower.text = wordsText(below.words);
    if (above.page == below.page) {
        double scale =
            std::max(above.size, below.size) / std::max(1.0, std::min(above.size, below.size));
        if (below.top - above.top > 1.45 * metrics.pitch * scale) return Join::NewParagraph;
        // Indented further than the line above: a first-line indent.
        if (below.left() > above.left() + below.size &&
            classifyLine(upper.text).kind == LineKind::Text)
            return Join::NewParagraph;
    }
    return joinSegments(upper, lower, limit, metrics);
}

std::vector<Run> runsOf(const std::vector<const Segment*>& parts, const std::vector<Join>& joins) {
    std::vector<Run> runs;
    auto add = [&](Run run) {
        if (run.text.empty()) return;
        if (!runs.empty() && runs.back().bold == run.bold && runs.back().italic == run.italic) {
            runs.back().text += run.text;
            return;
        }
        runs.push_back(std::move(run));
    };
    for (std::size_t p = 0; p < parts.size(); ++p) {
        const Segment& part = *parts[p];
        if (p > 0 && !runs.empty()) {
            Join join = p < joins.size() ? joins[p] : Join::Space;
            if (join == Join::Space || join == Join::NewParagraph)
                add(Run{" ", false, false, false, {}});
            if (join == Join::DropHyphen) {
                std::string& text = runs.back().text;
                if (text.ends_with("-"))
                    text.pop_back();
                else if (text.ends_with("\xC2\xAD"))
                    text.resize(text.size() - 2);
            }
        }
        for (std::size_t w = 0; w < part.words.size(); ++w) {
            const Word& word = part.words[w];
            if (w > 0 && spaceBetween(part.words[w - 1], word))
                add(Run{" ", false, false, false, {}});
            add(Run{word.text, word.bold, word.italic, false, {}});
        }
    }
    // A space between two bold words is bold: one run, as Word would have it.
    std::vector<Run> merged;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (runs[i].text == " " && !merged.empty() && i + 1 < runs.size() &&
            merged.back().bold == runs[i + 1].bold && merged.back().italic == runs[i + 1].italic) {
            merged.back().text += " " + runs[i + 1].text;
            ++i;
            continue;
        }
        if (!merged.empty() && merged.back().bold == runs[i].bold &&
            merged.back().italic == runs[i].italic) {
            merged.back().text += runs[i].text;
            continue;
        }
        merged.push_back(runs[i]);
    }
    return merged;
}

}  // namespace nusqa::import::pdf
