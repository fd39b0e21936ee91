#include "render/detail/Text.h"

#include <algorithm>

namespace nusqa::render {
namespace {

struct Atom {
    enum class Kind { Box, Glue, HyphenPoint };
    Kind kind = Kind::Box;
    Style style;
    std::u32string text;
    float width = 0;
    // HyphenPoint: a hyphenation point (a hyphen is drawn when the line
    // breaks there) rather than the place after a hyphen of the text.
    bool drawHyphen = false;
};

using Word = std::vector<Atom>;  // boxes and hyphen points

struct Token {
    Word word;
    bool glueBefore = false;
    Atom glue;
    bool breakAfter = false;
};

bool sameStyle(const Style& a, const Style& b) {
    return a.face == b.face && a.size == b.size && a.rise == b.rise && a.underline == b.underline &&
           a.mark == b.mark;
}

bool isSpace(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n';
}

bool isLetter(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= 0x400 && c <= 0x4FF);
}

std::vector<Token> tokenize(FontSet& fonts, const std::vector<Span>& spans) {
    std::vector<Token> tokens(1);
    auto current = [&]() -> Token& { return tokens.back(); };
    auto startToken = [&]() {
        if (!current().word.empty() || current().breakAfter) tokens.emplace_back();
    };
    for (const Span& span : spans) {
        if (span.lineBreak) {
            current().breakAfter = true;
            tokens.emplace_back();
            continue;
        }
        std::size_t lettersInBox = 0;
        std::size_t at = 0;
        while (at < span.text.size()) {
            char32_t c = span.text[at];
            if (isSpace(c)) {
                ++at;
                startToken();
                if (!current().word.empty()) continue;
                current().glueBefore = true;
                current().glue = Atom{Atom::Kind::Glue, span.style, U" ",
                                      fonts.charWidth(span.style.face, U' ', span.style.size)};
                lettersInBox = 0;
                continue;
            }
            Word& word = current().word;
            if (word.empty() || word.back().kind != Atom::Kind::Box ||
                !sameStyle(word.back().style, span.style))
                word.push_back(Atom{Atom::Kind::Box, span.style, {}, 0});
            // The box's letters up to a space, the span's end or a hyphen
            // that is a break point, appended at once (one allocation, not
            // one per letter); the width summed letter by letter as before.
            Atom& box = word.back();
            std::size_t start = at;
            float width = box.width;
            bool breakPoint = false;
            for (; at < span.text.size() && !isSpace(span.text[at]); ++at) {
                c = span.text[at];
                width += fonts.charWidth(span.style.face, c, span.style.size);
                ++lettersInBox;
                bool nextIsLetter = at + 2 < span.text.size() && isLetter(span.text[at + 1]) &&
                                    isLetter(span.text[at + 2]);
                if (c == U'-' && lettersInBox >= 3 && nextIsLetter) {
                    breakPoint = true;
                    ++at;
                    break;
                }
            }
            box.text.append(span.text, start, at - start);
            box.width = width;
            if (breakPoint) {
                word.push_back(Atom{Atom::Kind::HyphenPoint, span.style, {}, 0});
                lettersInBox = 0;
            }
        }
    }
    if (current().word.empty() && !current().breakAfter) tokens.pop_back();
    return tokens;
}

// Inserts the hyphenator's points into word (between boxes, or splitting a
// box where the point falls inside it).
void addHyphenationPoints(FontSet& fonts, Word& word, Hyphenation& hyphenator) {
    std::u32string text;
    for (const Atom& atom : word)
        if (atom.kind == Atom::Kind::Box) text += atom.text;
    const std::vector<std::size_t>& points = hyphenator.points(text);
    if (points.empty()) return;
    Word result;
    std::size_t offset = 0;
    std::size_t next = 0;
    auto piece = [&](const Atom& atom, std::size_t from, std::size_t to) {
        Atom part{Atom::Kind::Box, atom.style, atom.text.substr(from, to - from), 0};
        part.width = fonts.width(atom.style, part.text);
        return part;
    };
    for (Atom& atom : word) {
        if (atom.kind != Atom::Kind::Box) {
            result.push_back(std::move(atom));
            continue;
        }
        std::size_t begin = offset;
        offset += atom.text.size();
        std::size_t from = 0;
        bool split = false;
        while (next < points.size() && points[next] < offset) {
            std::size_t at = points[next++] - begin;
            if (at > from) {
                result.push_back(piece(atom, from, at));
                from = at;
            }
            if (!result.empty() && result.back().kind != Atom::Kind::HyphenPoint) {
                Atom point{Atom::Kind::HyphenPoint, atom.style, {}, 0};
                point.drawHyphen = true;
                result.push_back(std::move(point));
            }
            split = true;
        }
        if (!split)
            result.push_back(std::move(atom));
        else if (from < atom.text.size())
            result.push_back(piece(atom, from, atom.text.size()));
    }
    word = std::move(result);
}

float hyphenWidth(FontSet& fonts, const Style& style) {
    return fonts.charWidth(style.face, U'-', style.size);
}

float widthOf(const Word& word, std::size_t end) {
    float total = 0;
    for (std::size_t i = 0; i < end && i < word.size(); ++i) total += word[i].width;
    return total;
}

// Widens widest to the widest piece of word between its hyphen points (a
// drawn hyphen included) and returns the word's width.
float measurePieces(FontSet& fonts, const Word& word, float& widest) {
    float piece = 0;
    for (const Atom& atom : word) {
        if (atom.kind == Atom::Kind::HyphenPoint) {
            float hyphen = atom.drawHyphen ? hyphenWidth(fonts, atom.style) : 0;
            widest = std::max(widest, piece + hyphen);
            piece = 0;
            continue;
        }
        piece += atom.width;
    }
    widest = std::max(widest, piece);
    return widthOf(word, word.size());
}

// measurePieces of the word addHyphenationPoints would make, without making
// it (measuring a table's cells asked for it for most of the body's words:
// 6.7 M instructions of corpus 002, most of them allocating and freeing the
// new word's boxes). The same pieces, widths and sums in the same order, so
// the same figures to the last bit.
float measureHyphenated(FontSet& fonts, const Word& word, Hyphenation& hyphenator, float& widest) {
    std::u32string text;
    for (const Atom& atom : word)
        if (atom.kind == Atom::Kind::Box) text += atom.text;
    const std::vector<std::size_t>& points = hyphenator.points(text);
    if (points.empty()) return measurePieces(fonts, word, widest);
    float piece = 0, total = 0;
    bool any = false, afterPoint = false;  // of the word being made
    auto box = [&](float width) {
        piece += width;
        total += width;
        any = true;
        afterPoint = false;
    };
    auto point = [&](const Style& style, bool drawHyphen) {  // its width is 0
        float hyphen = drawHyphen ? hyphenWidth(fonts, style) : 0;
        widest = std::max(widest, piece + hyphen);
        piece = 0;
        any = true;
        afterPoint = true;
    };
    std::size_t offset = 0;
    std::size_t next = 0;
    for (const Atom& atom : word) {
        if (atom.kind != Atom::Kind::Box) {
            if (atom.kind == Atom::Kind::HyphenPoint)
                point(atom.style, atom.drawHyphen);
            else
                box(atom.width);
            continue;
        }
        std::u32string_view letters(atom.text);
        std::size_t begin = offset;
        offset += letters.size();
        std::size_t from = 0;
        bool split = false;
        while (next < points.size() && points[next] < offset) {
            std::size_t at = points[next++] - begin;
            if (at > from) {
                box(fonts.width(atom.style, letters.substr(from, at - from)));
                from = at;
            }
            if (any && !afterPoint) point(atom.style, true);
            split = true;
        }
        if (!split)
            box(atom.width);
        else if (from < letters.size())
            box(fonts.width(atom.style, letters.substr(from)));
    }
    widest = std::max(widest, piece);
    return total;
}

struct LineAtoms {
    std::vector<Atom> atoms;
    float width = 0;
    bool forced = false;
    bool hyphenated = false;  // ends in a drawn hyphen
    int glues = 0;
};

enum class Split { None, AtHyphen, Hyphenated, Forced };

// Splits word so that its head is as wide as possible but at most avail: at
// the last hyphen of the text or (with useHyphenation) hyphenation point
// that fits, its drawn hyphen included; else (when mustSplit) between
// characters. Returns None when nothing fits.
Split splitWord(FontSet& fonts, Word& word, float avail, bool useHyphenation, bool mustSplit,
                Word& head) {
    for (std::size_t i = word.size(); i-- > 0;) {
        const Atom& point = word[i];
        if (point.kind != Atom::Kind::HyphenPoint || (point.drawHyphen && !useHyphenation))
            continue;
        float extra = point.drawHyphen ? hyphenWidth(fonts, point.style) : 0;
        if (widthOf(word, i) + extra <= avail) {
            head.assign(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(i));
            if (point.drawHyphen) head.push_back(Atom{Atom::Kind::Box, point.style, U"-", extra});
            bool drawn = point.drawHyphen;
            word.erase(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(i) + 1);
            return drawn ? Split::Hyphenated : Split::AtHyphen;
        }
    }
    if (!mustSplit) return Split::None;
    float used = 0;
    head.clear();
    while (!word.empty()) {
        Atom& atom = word.front();
        if (atom.kind == Atom::Kind::HyphenPoint) {
            word.erase(word.begin());
            continue;
        }
        if (used + atom.width <= avail) {
            used += atom.width;
            head.push_back(std::move(atom));
            word.erase(word.begin());
            continue;
        }
        Atom part{Atom::Kind::Box, atom.style, {}, 0};
        std::size_t taken = 0;
        while (taken < atom.text.size()) {
            float w = fonts.charWidth(atom.style.face, atom.text[taken], atom.style.size);
            if (used + w > avail && !(head.empty() && taken == 0)) break;
            used += w;
            part.width += w;
            part.text += atom.text[taken++];
        }
        atom.text.erase(0, taken);
        atom.width -= part.width;
        if (!part.text.empty()) head.push_back(std::move(part));
        break;
    }
    return head.empty() ? Split::None : Split::Forced;
}

// Lines in a row that may end in a drawn hyphen.
constexpr int kMaxHyphenatedRun = 3;

std::vector<LineAtoms> breakTokens(FontSet& fonts, std::vector<Token> tokens,
                                   const ParagraphFormat& format) {
    std::vector<LineAtoms> lines(1);
    auto avail = [&]() {
        float indent = format.indent + (lines.size() == 1 ? format.firstIndent : 0);
        return std::max(format.width - indent, 1.0f);
    };
    // Takes word's atoms (the caller drops what is left of word).
    auto append = [&](Word& word, const Atom* glue) {
        LineAtoms& line = lines.back();
        if (glue != nullptr && !line.atoms.empty()) {
            line.atoms.push_back(*glue);
            line.width += glue->width;
            ++line.glues;
        }
        for (Atom& atom : word) {
            if (atom.kind == Atom::Kind::HyphenPoint) continue;
            line.width += atom.width;
            line.atoms.push_back(std::move(atom));
        }
    };
    auto hyphenatedRun = [&]() {
        int run = 0;
        for (std::size_t i = lines.size() - 1; i-- > 0 && lines[i].hyphenated;) ++run;
        return run;
    };
    for (std::size_t index = 0; index < tokens.size(); ++index) {
        Token& token = tokens[index];
        // The last word of a paragraph is not hyphenated unless it must be:
        // a last line of a word's last letters reads as a stray fragment.
        bool lastWord = index + 1 == tokens.size() || token.breakAfter;
        Word word = std::move(token.word);
        bool first = true;
        bool pointsAdded = false;
        while (!word.empty()) {
            LineAtoms& line = lines.back();
            const Atom* glue = first && token.glueBefore ? &token.glue : nullptr;
            float glueWidth = line.atoms.empty() || glue == nullptr ? 0 : glue->width;
            float room = avail() - line.width - glueWidth;
            float wordWidth = widthOf(word, word.size());
            if (wordWidth <= room + 0.01f) {
                append(word, glue);
                word.clear();
                break;
            }
            if (format.hyphenator != nullptr && !pointsAdded) {
                addHyphenationPoints(fonts, word, *format.hyphenator);
                pointsAdded = true;
            }
            // Hyphenate when the line would otherwise be loose: in justified
            // text, spaces stretched by more than 0.3 em each; elsewhere more
            // than a hyphenation zone left empty (a ragged edge).
            float size = word.front().style.size;
            float slack = avail() - line.width;
            bool loose = format.align == profile::Align::Justify
                             ? slack > 0.3f * size * static_cast<float>(std::max(line.glues, 1))
                             : slack > std::clamp(format.width * 0.2f, 1.5f * size, 3.0f * size);
            bool hyphenate =
                line.atoms.empty() || (loose && !lastWord && hyphenatedRun() < kMaxHyphenatedRun);
            Word head;
            Split split = splitWord(fonts, word, room, hyphenate, line.atoms.empty(), head);
            if (split != Split::None) {
                append(head, glue);
                first = false;
                line.hyphenated = split == Split::Hyphenated;
                if (format.stats != nullptr) {
                    format.stats->hyphenated += split == Split::Hyphenated ? 1 : 0;
                    format.stats->forced += split == Split::Forced ? 1 : 0;
                }
            }
            lines.emplace_back();
        }
        if (token.breakAfter) {
            lines.back().forced = true;
            lines.emplace_back();
        }
    }
    if (lines.size() > 1 && lines.back().atoms.empty() && !lines[lines.size() - 2].forced)
        lines.pop_back();
    return lines;
}

Mark markOf(content::Run::Change change) {
    switch (change) {
        case content::Run::Change::None:
            return Mark::None;
        case content::Run::Change::Inserted:
            return Mark::Inserted;
        case content::Run::Change::Deleted:
            return Mark::Deleted;
        case content::Run::Change::Note:
            return Mark::Note;
    }
    return Mark::None;
}

}  // namespace

char32_t toUpper(char32_t c) {
    if (c >= U'a' && c <= U'z') return c - 0x20;
    if (c >= 0x430 && c <= 0x44F) return c - 0x20;
    if (c >= 0x450 && c <= 0x45F) return c - 0x50;
    if (c >= 0x460 && c <= 0x4BF) return (c & 1) ? c - 1 : c;
    if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c : c - 1;
    if (c >= 0x4D0 && c <= 0x4FF) return (c & 1) ? c - 1 : c;
    return c;
}

Style styleOf(const profile::TextStyle& style) {
    return Style{faceOf(style.bold, style.italic), static_cast<float>(style.size), 0, false,
                 Mark::None};
}

std::vector<Span> spansOf(const content::Inline& text, const Style& base, bool upperCase) {
    std::vector<Span> spans;
    bool baseBold = base.face == Face::Bold || base.face == Face::BoldItalic;
    bool baseItalic = base.face == Face::Italic || base.face == Face::BoldItalic;
    for (const content::Run& run : text) {
        Span span;
        if (run.lineBreak) {
            span.lineBreak = true;
            span.style = base;
            spans.push_back(std::move(span));
            continue;
        }
        span.text = decodeUtf8(run.text);
        if (upperCase)
            for (char32_t& c : span.text) c = toUpper(c);
        span.style = base;
        span.style.face = faceOf(baseBold || run.bold, baseItalic || run.italic);
        span.style.underline = base.underline || run.underline;
        span.style.mark = markOf(run.change);
        if (run.script != content::Run::Script::Normal) {
            span.style.size = base.size * 0.7f;
            span.style.rise = run.script == content::Run::Script::Superscript ? base.size * 0.33f
                                                                              : -base.size * 0.15f;
        }
        spans.push_back(std::move(span));
    }
    return spans;
}

std::vector<Span> spansOf(const std::string& text, const Style& base, bool upperCase) {
    content::Inline runs;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) runs.push_back(content::Run{text.substr(start, end - start)});
        if (end < text.size()) {
            content::Run lineBreak;
            lineBreak.lineBreak = true;
            runs.push_back(lineBreak);
        }
        start = end + 1;
    }
    return spansOf(runs, base, upperCase);
}

std::vector<Slab> breakLines(FontSet& fonts, const std::vector<Span>& spans,
                             const ParagraphFormat& format) {
    std::vector<LineAtoms> lines = breakTokens(fonts, tokenize(fonts, spans), format);
    float baseSize = spans.empty() ? 12.0f : spans.front().style.size;
    std::vector<Slab> slabs;
    slabs.reserve(lines.size());
    const float ascent = fonts.ascent();
    const float descent = fonts.descent();
    for (std::size_t index = 0; index < lines.size(); ++index) {
        LineAtoms& line = lines[index];
        float maxSize = line.atoms.empty() ? baseSize : 0;
        int glues = 0;
        for (const Atom& atom : line.atoms) {
            maxSize =
                std::max(maxSize, atom.style.rise != 0 ? atom.style.size / 0.7f : atom.style.size);
            if (atom.kind == Atom::Kind::Glue) ++glues;
        }
        float indent = format.indent + (index == 0 ? format.firstIndent : 0);
        float avail = std::max(format.width - indent, 1.0f);
        bool last = index + 1 == lines.size();
        float wordSpacing = 0;
        float offset = 0;
        float slack = std::max(avail - line.width, 0.0f);
        switch (format.align) {
            case profile::Align::Justify:
                if (!last && !line.forced && glues > 0)
                    wordSpacing = slack / static_cast<float>(glues);
                break;
            case profile::Align::Center:
                offset = slack / 2;
                break;
            case profile::Align::Right:
                offset = slack;
                break;
            case profile::Align::Left:
                break;
        }
        Slab slab;
        slab.height = maxSize * format.lineSpacing;
        float baseline = (slab.height - (ascent + descent) * maxSize) / 2 + ascent * maxSize;
        TextLine text;
        text.wordSpacing = wordSpacing;
        float x = 0;
        // A piece's text is made once at the size of what is left of the
        // line (one allocation, where appending word by word grew it four or
        // five times a line).
        std::size_t left = 0;
        for (const Atom& atom : line.atoms) left += atom.text.size();
        for (Atom& atom : line.atoms) {
            float extra = atom.kind == Atom::Kind::Glue ? wordSpacing : 0;
            if (!text.pieces.empty() && sameStyle(text.pieces.back().style, atom.style)) {
                text.pieces.back().text += atom.text;
                text.pieces.back().width += atom.width + extra;
            } else {
                Glyphs piece{atom.style, {}, x, atom.width + extra};
                piece.text.reserve(left);
                piece.text += atom.text;
                text.pieces.push_back(std::move(piece));
            }
            left -= atom.text.size();
            x += atom.width + extra;
        }
        if (!text.pieces.empty())
            slab.texts.push_back(PlacedText{indent + offset, baseline, std::move(text)});
        slabs.push_back(std::move(slab));
    }
    return slabs;
}

TextExtent measureText(FontSet& fonts, const std::vector<Span>& spans,
                       const ParagraphFormat& format) {
    TextExtent extent;
    float line = format.indent + format.firstIndent;
    bool lineEmpty = true;
    for (Token& token : tokenize(fonts, spans)) {
        Word& word = token.word;
        // Only a word wider than the widest piece so far can widen it.
        float width = format.hyphenator != nullptr && widthOf(word, word.size()) > extent.minimum
                          ? measureHyphenated(fonts, word, *format.hyphenator, extent.minimum)
                          : measurePieces(fonts, word, extent.minimum);
        if (token.glueBefore && !lineEmpty) line += token.glue.width;
        line += width;
        lineEmpty = lineEmpty && word.empty();
        extent.preferred = std::max(extent.preferred, line);
        if (token.breakAfter) {
            line = format.indent;
            lineEmpty = true;
        }
    }
    extent.minimum += format.indent + std::max(format.firstIndent, 0.0f);
    extent.preferred = std::max(extent.preferred, extent.minimum);
    return extent;
}

}  // namespace nusqa::render
