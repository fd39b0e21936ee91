// Hard-wrapped text made into paragraphs again (see detail/Unwrap.h).
#include "import/detail/Unwrap.h"

#include <algorithm>
#include <map>

#include "import/detail/Lines.h"
#include "import/detail/Patterns.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

std::size_t length(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t at = 0; at < text.size(); ++count) decodeAt(text, at);
    return count;
}

bool tableRow(std::string_view text) {
    return text.find('\t') != std::string_view::npos || trim(text).starts_with("|");
}

bool markdownHeading(std::string_view text) {
    std::string_view t = trim(text);
    return t.starts_with("#");
}

// Lines that come back: same shape, at least three times, regularly or
// stating a page number or a code.
std::vector<std::size_t> runningHeaderLines(const std::vector<TextLine>& lines) {
    std::map<std::string, std::vector<std::size_t>> byShape;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view text = trim(lines[i].text);
        if (text.empty() || tableRow(text) || wordCount(text) == 0 || wordCount(text) > 25)
            continue;
        byShape[digitShape(text)].push_back(i);
    }
    std::vector<std::size_t> found;
    for (const auto& [shape, at] : byShape) {
        if (at.size() < 3) continue;
        const std::string& sample = lines[at.front()].text;
        bool stated = pageOfPages(sample).has_value() || findCode(sample).has_value();
        std::vector<std::size_t> gaps;
        for (std::size_t k = 1; k < at.size(); ++k) gaps.push_back(at[k] - at[k - 1]);
        std::vector<std::size_t> sorted = gaps;
        std::sort(sorted.begin(), sorted.end());
        std::size_t middle = sorted[sorted.size() / 2];
        std::size_t regular = static_cast<std::size_t>(
            std::count_if(gaps.begin(), gaps.end(), [middle](std::size_t gap) {
                return gap * 100 >= middle * 90 && gap * 100 <= middle * 110;
            }));
        // A page holds at least 20 lines: dates of a list of approvers every
        // ten lines are no running header.
        bool periodic = middle >= 20 && regular * 4 >= gaps.size() * 3;
        if (!stated && !periodic) continue;
        found.insert(found.end(), at.begin(), at.end());
    }
    std::sort(found.begin(), found.end());
    return found;
}

int wrapWidth(const std::vector<TextLine>& lines) {
    std::vector<std::size_t> lengths;
    for (const TextLine& line : lines) {
        std::string_view text = trim(line.text);
        if (!text.empty() && !tableRow(text)) lengths.push_back(length(text));
    }
    if (lengths.size() < 20) return 0;
    std::sort(lengths.begin(), lengths.end());
    std::size_t width = lengths[lengths.size() - 1 - lengths.size() / 100];
    if (width < 30 || width > 200) return 0;
    std::size_t longer = 0, near = 0;
    for (std::size_t n : lengths) {
        if (n * 2 <= width) continue;
        ++longer;
        if (n + 15 >= width && n <= width) ++near;
    }
    return near * 10 >= longer * 4 ? static_cast<int>(width) : 0;
}

// A word without the punctuation around it, lower case: «іс-шаралар,» ->
// «іс-шаралар», «жеткізуші-» -> «жеткізуші».
std::string bare(std::string_view word) {
    std::string text = lower(word);
    std::vector<std::string> parts = words(text);
    if (parts.empty()) return {};
    std::size_t first = text.find(parts.front());
    std::size_t last = text.rfind(parts.back()) + parts.back().size();
    return first < last ? text.substr(first, last - first) : std::string();
}

std::string_view firstWord(std::string_view text) {
    std::string_view t = trim(text);
    return t.substr(0, std::min(t.find(' '), t.size()));
}

bool endsSentenceOrCapitals(std::string_view text) {
    std::string_view t = trim(text);
    return t.ends_with(".") || t.ends_with(";") || t.ends_with(":") || t.ends_with("!") ||
           t.ends_with("?") || isAllUpper(t);
}

bool startsItem(std::string_view text) {
    LineKind kind = classifyLine(text).kind;
    return kind == LineKind::Chapter || kind == LineKind::Paragraph || kind == LineKind::Numbered ||
           kind == LineKind::Item || kind == LineKind::LetterItem || kind == LineKind::Bullet;
}

// A word broken at a hyphen: «ақпараттық-» then «әдістемелік».
bool hyphenBreak(std::string_view above, std::string_view below) {
    std::string_view a = trim(above);
    if (!a.ends_with("-") || a.size() < 2) return false;
    std::size_t at = a.size() - 1;
    while (at > 0 && (static_cast<unsigned char>(a[at - 1]) & 0xC0) == 0x80) --at;
    std::size_t probe = at - 1;
    while (probe > 0 && (static_cast<unsigned char>(a[probe]) & 0xC0) == 0x80) --probe;
    char32_t before = decodeAt(a, probe);
    std::string_view b = trim(below);
    std::size_t first = 0;
    return isLetter(before) && !b.empty() && isLower(decodeAt(b, first));
}

}  // namespace

Unwrapped unwrapLines(std::vector<TextLine>& lines, std::vector<SkippedText>& skipped,
                      std::vector<std::string>& runningText) {
    Unwrapped result;
    std::vector<std::size_t> running = runningHeaderLines(lines);
    if (!running.empty()) {
        std::vector<bool> drop(lines.size(), false);
        for (std::size_t i : running) {
            drop[i] = true;
            skipped.push_back(
                {lines[i].number, {}, std::string(trim(lines[i].text)), "running-header"});
            std::string text(trim(lines[i].text));
            if (std::find(runningText.begin(), runningText.end(), text) == runningText.end() &&
                runningText.size() < 64)
                runningText.push_back(text);
        }
        std::vector<TextLine> kept;
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (!drop[i]) kept.push_back(std::move(lines[i]));
        lines = std::move(kept);
        result.runningLines = running.size();
    }
    const int width = wrapWidth(lines);
    result.width = width;
    if (width == 0) return result;
    // Words of the text, to tell a broken word from a compound.
    std::map<std::string, int> vocabulary;
    for (const TextLine& line : lines) {
        std::string_view text = line.text;
        for (std::size_t start = 0; start < text.size() && vocabulary.size() < 200000;) {
            std::size_t end = std::min(text.find(' ', start), text.size());
            std::string word = bare(text.substr(start, end - start));
            if (!word.empty()) ++vocabulary[word];
            start = end + 1;
        }
    }
    std::vector<TextLine> out;
    std::string previous;  // the last physical line joined into out.back()
    for (TextLine& line : lines) {
        std::string text(trim(line.text));
        bool join = false, hyphen = false;
        if (!out.empty() && !previous.empty() && !text.empty() && !tableRow(previous) &&
            !tableRow(text) && !markdownHeading(previous) && !markdownHeading(text)) {
            bool full =
                length(previous) + 1 + length(firstWord(text)) > static_cast<std::size_t>(width);
            hyphen = hyphenBreak(previous, text);
            join = (full || hyphen) && !(startsItem(text) && endsSentenceOrCapitals(previous));
        }
        previous = text;
        if (!join) {
            out.push_back(std::move(line));
            continue;
        }
        std::string& joined = out.back().text;
        while (!joined.empty() && (joined.back() == ' ' || joined.back() == '\t'))
            joined.pop_back();
        if (hyphen) {
            // «жеткізуші-» + «лердің»: the hyphen goes when the text has the word whole.
            std::size_t space = joined.rfind(' ');
            std::string head =
                bare(std::string_view(joined).substr(space == std::string::npos ? 0 : space + 1));
            std::string tail = bare(firstWord(text));
            if (vocabulary.count(head + tail) > 0 && vocabulary.count(head + "-" + tail) == 0)
                joined.pop_back();
        } else {
            joined += ' ';
        }
        joined += text;
        ++result.joinedLines;
    }
    lines = std::move(out);
    return result;
}

}  // namespace nusqa::import
