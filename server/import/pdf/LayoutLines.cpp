// Words into lines, lines into segments, and the document's measures.
#include <algorithm>
#include <cmath>

#include "import/detail/Lines.h"
#include "import/detail/Utf8.h"
#include "import/pdf/detail/Layout.h"

namespace nusqa::import::pdf {
namespace {

double height(const Word& word) {
    return std::max(word.bottom - word.top, 0.1);
}

double centre(const Word& word) {
    return (word.top + word.bottom) / 2;
}

bool finite(const TextBox& box) {
    return std::isfinite(box.left) && std::isfinite(box.right) && std::isfinite(box.top) &&
           std::isfinite(box.bottom) && std::isfinite(box.fontSize);
}

// A box's text without the spaces and control characters PDFs put in it.
std::string cleanText(const std::string& text) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t start = at;
        char32_t c = decodeAt(text, at);
        if (c < 0x20 || c == 0x7F || c == 0xFFFD || (c >= 0x80 && c < 0xA0)) continue;
        out.append(text, start, at - start);
    }
    return std::string(trim(out));
}

// The same word drawn twice at (nearly) the same place: how PDFs fake bold
// type. The second copy carries nothing.
bool duplicate(const Word& a, const Word& b) {
    return a.text == b.text && std::abs(a.left - b.left) < 0.25 * a.size &&
           std::abs(a.top - b.top) < 0.25 * a.size;
}

double median(std::vector<double> values, double fallback) {
    if (values.empty()) return fallback;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

}  // namespace

std::string bareWord(const std::string& word) {
    std::string text = lower(word);
    std::vector<std::string> parts = words(text);
    if (parts.empty()) return {};
    std::size_t first = text.find(parts.front());
    std::size_t last = text.rfind(parts.back()) + parts.back().size();
    return first < last ? text.substr(first, last - first) : std::string();
}

namespace {

bool labelSegment(const Segment& segment) {
    if (segment.words.size() != 1) return false;
    const std::string& text = segment.text;
    LineInfo info = classifyLine(text);
    if (info.numberOnly && (info.kind == LineKind::Numbered || info.kind == LineKind::Item ||
                            info.kind == LineKind::LetterItem))
        return true;
    // Bullets drawn alone: the characters classifyLine knows, and Word's «o».
    static const char* const kBullets[] = {"-", "·", "•", "−", "–", "—", "*", "▪",
                                           "●", "○", "◦", "■", "□", "➢", "o", "§"};
    for (const char* bullet : kBullets)
        if (text == bullet) return true;
    return false;
}

}  // namespace

double Line::right() const {
    double edge = 0;
    for (const Word& word : words) edge = std::max(edge, word.right);
    return edge;
}

std::string Line::text() const {
    std::string out;
    for (const Segment& segment : segments) {
        if (!out.empty()) out += ' ';
        out += segment.text;
    }
    return segments.empty() ? wordsText(words) : out;
}

bool spaceBetween(const Word& before, const Word& after) {
    double gap = after.left - before.right;
    double size = std::min(before.size, after.size);
    return gap >= 0.12 * size || (before.spaceAfter && gap >= -0.05 * size);
}

std::string wordsText(const std::vector<Word>& words) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0 && spaceBetween(words[i - 1], words[i])) out += ' ';
        out += words[i].text;
    }
    return out;
}

namespace {

std::size_t codePoints(std::string_view text) {
    std::size_t count = 0;
    for (unsigned char c : text) count += (c & 0xC0) != 0x80;
    return count;
}

// The byte length of a list label that starts text and touches the word
// after it («1)Қазақстан», «1.1.Коворкинг», «а)оқу»: a label set at a tab
// stop the text reaches), or 0: numbers of at most three digits joined by
// dots and ended by ')' before any letter or by '.' before a capital, or
// one lower-case letter and ')'.
std::size_t gluedLabel(const std::string& text) {
    std::size_t at = 0;
    char32_t first = decodeAt(text, at);
    std::size_t end = 0;
    if (isLower(first) && at < text.size() && text[at] == ')') {
        end = at + 1;
    } else {
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t digits = 0;
            while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
            if (digits == 0 || digits > 3 || i >= text.size()) return 0;
            if (text[i] == ')') {
                end = i + 1;
                break;
            }
            if (text[i] != '.') return 0;
            ++i;
            if (i < text.size() && !(text[i] >= '0' && text[i] <= '9')) {
                end = i;
                break;
            }
        }
        if (end == 0) return 0;
    }
    if (end >= text.size()) return 0;
    std::size_t probe = end;
    char32_t next = decodeAt(text, probe);
    if (text[end - 1] == ')' ? !isLetter(next) : !isUpper(next)) return 0;
    return end;
}

// Splits a label glued to the first word of a line into two words, the
// label's width in proportion to its characters.
void splitGluedLabel(Line& line) {
    if (line.words.empty()) return;
    Word& word = line.words.front();
    std::size_t end = gluedLabel(word.text);
    if (end == 0) return;
    const double total = static_cast<double>(codePoints(word.text));
    const double share = static_cast<double>(codePoints(word.text.substr(0, end))) / total;
    Word label = word;
    label.text = word.text.substr(0, end);
    label.right = word.left + share * (word.right - word.left);
    label.spaceAfter = true;
    word.text.erase(0, end);
    word.left = label.right;
    line.words.insert(line.words.begin(), std::move(label));
}

}  // namespace

std::vector<Line> pageLines(const PdfPage& page, int pageIndex, std::vector<std::string>& rotated) {
    std::vector<Word> words;
    words.reserve(page.boxes.size());
    for (const TextBox& box : page.boxes) {
        if (!finite(box)) continue;
        std::string text = cleanText(box.text);
        if (text.empty()) continue;
        if (box.rotated) {
            rotated.push_back(std::move(text));
            continue;
        }
        Word word;
        word.left = std::min(box.left, box.right);
        word.right = std::max(box.left, box.right);
        word.top = std::min(box.top, box.bottom);
        word.bottom = std::max(box.top, box.bottom);
        word.size = box.fontSize > 0.5 && box.fontSize < 1000
                        ? box.fontSize
                        : std::clamp(height(word), 1.0, 999.0);
        word.bold = box.bold;
        word.italic = box.italic;
        word.spaceAfter = box.spaceAfter;
        word.text = std::move(text);
        words.push_back(std::move(word));
    }
    std::stable_sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
        return centre(a) < centre(b) || (centre(a) == centre(b) && a.left < b.left);
    });
    std::vector<Line> lines;
    double lineCentre = 0, lineHeight = 0;
    for (Word& word : words) {
        bool same = !lines.empty() &&
                    std::abs(centre(word) - lineCentre) <= 0.5 * std::min(height(word), lineHeight);
        if (!same) {
            Line line;
            line.page = pageIndex;
            line.pageHeight = page.height;
            line.top = word.top;
            line.bottom = word.bottom;
            lines.push_back(std::move(line));
            lineCentre = centre(word);
            lineHeight = height(word);
        }
        Line& line = lines.back();
        line.top = std::min(line.top, word.top);
        line.bottom = std::max(line.bottom, word.bottom);
        line.words.push_back(std::move(word));
    }
    for (Line& line : lines) {
        std::stable_sort(line.words.begin(), line.words.end(),
                         [](const Word& a, const Word& b) { return a.left < b.left; });
        std::vector<Word> kept;
        for (Word& word : line.words)
            if (kept.empty() || !duplicate(kept.back(), word)) kept.push_back(std::move(word));
        line.words = std::move(kept);
        splitGluedLabel(line);
        std::vector<double> sizes;
        for (const Word& word : line.words) sizes.push_back(word.size);
        line.size = median(sizes, 12);
    }
    return lines;
}

Metrics measure(const std::vector<std::vector<Line>>& pages) {
    Metrics metrics;
    std::vector<double> gaps, pitches, rights, sizes;
    for (const std::vector<Line>& lines : pages) {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const Line& line = lines[i];
            if (line.running) continue;
            sizes.push_back(line.size);
            for (std::size_t k = 1; k < line.words.size(); ++k) {
                double gap = line.words[k].left - line.words[k - 1].right;
                if (spaceBetween(line.words[k - 1], line.words[k]) && gap < 1.5 * line.size)
                    gaps.push_back(gap);
            }
            if (line.words.size() >= 3) rights.push_back(line.right());
            if (i > 0 && !lines[i - 1].running &&
                std::abs(lines[i - 1].size - line.size) < 0.1 * line.size) {
                double pitch = line.top - lines[i - 1].top;
                if (pitch > 0.8 * line.size && pitch < 3 * line.size) pitches.push_back(pitch);
            }
            for (std::size_t k = 0; k < line.words.size(); ++k) {
                if (metrics.vocabulary.size() > 200000) break;
                std::string token = bareWord(line.words[k].text);
                if (token.empty()) continue;
                ++metrics.vocabulary[token];
            }
        }
    }
    double size = median(sizes, 12);
    metrics.wordGap = median(gaps, 0.25 * size);
    metrics.columnGap = std::max(2.5 * metrics.wordGap, 0.5 * size);
    metrics.pitch = median(pitches, 1.2 * size);
    if (!rights.empty()) {
        std::sort(rights.begin(), rights.end());
        metrics.textRight = rights[std::min(rights.size() - 1, rights.size() * 97 / 100)];
    }
    return metrics;
}

void splitSegments(std::vector<Line>& lines, const Metrics& metrics) {
    for (Line& line : lines) {
        line.segments.clear();
        for (std::size_t i = 0; i < line.words.size(); ++i) {
            const Word& word = line.words[i];
            bool split = i == 0 || word.left - line.words[i - 1].right >= metrics.columnGap;
            if (split) {
                Segment segment;
                segment.left = word.left;
                line.segments.push_back(std::move(segment));
            }
            Segment& segment = line.segments.back();
            segment.words.push_back(word);
            segment.right = std::max(segment.right, word.right);
        }
        // A list label keeps its text: «1)», «-» then a tab are one segment.
        if (line.segments.size() >= 2) {
            line.segments[0].text = wordsText(line.segments[0].words);
            if (labelSegment(line.segments[0]) &&
                line.segments[1].left - line.segments[0].right < 4 * line.size) {
                Segment& label = line.segments[0];
                for (Word& word : line.segments[1].words) label.words.push_back(std::move(word));
                label.right = line.segments[1].right;
                line.segments.erase(line.segments.begin() + 1);
            }
        }
        for (Segment& segment : line.segments) segment.text = wordsText(segment.words);
    }
}

}  // namespace nusqa::import::pdf
