#include "render/detail/Text.h"

namespace nusqa::render {
namespace {

struct Atom {
    enum class Kind { Box, Glue, HyphenPoint };
    Kind kind = Kind::Box;
    Style style;
    std::u32string text;
    float width = 0;
};

using Word = std::vector<Atom>;  // boxes and hyphen points

struct Token {
    Word word;
    bool glueBefore = false;
    Atom glue;
    bool breakAfter = false;
};

bool sameStyle(const Style& a, const Style& b) {
    return a.face == b.face && a.size == b.size && a.rise == b.rise && a.underline == b.underline;
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
        for (std::size_t at = 0; at < span.text.size(); ++at) {
            char32_t c = span.text[at];
            if (c == U' ' || c == U'\t' || c == U'\n') {
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
            word.back().text += c;
            word.back().width += fonts.charWidth(span.style.face, c, span.style.size);
            ++lettersInBox;
            bool nextIsLetter = at + 2 < span.text.size() && isLetter(span.text[at + 1]) &&
                                isLetter(span.text[at + 2]);
            if (c == U'-' && lettersInBox >= 3 && nextIsLetter) {
                word.push_back(Atom{Atom::Kind::HyphenPoint, span.style, {}, 0});
                lettersInBox = 0;
            }
        }
    }
    if (current().word.empty() && !current().breakAfter) tokens.pop_back();
    return tokens;
}

float widthOf(const Word& word, std::size_t end) {
    float total = 0;
    for (std::size_t i = 0; i < end && i < word.size(); ++i) total += word[i].width;
    return total;
}

struct LineAtoms {
    std::vector<Atom> atoms;
    float width = 0;
    bool forced = false;
};

// Splits word so that its head is as wide as possible but at most avail:
// at the last hyphen point that fits, else (when mustSplit) between
// characters. Returns false when nothing fits.
bool splitWord(FontSet& fonts, Word& word, float avail, bool mustSplit, Word& head) {
    for (std::size_t i = word.size(); i-- > 0;) {
        if (word[i].kind != Atom::Kind::HyphenPoint) continue;
        if (widthOf(word, i) <= avail) {
            head.assign(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(i));
            word.erase(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(i) + 1);
            return true;
        }
    }
    if (!mustSplit) return false;
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
    return !head.empty();
}

std::vector<LineAtoms> breakTokens(FontSet& fonts, std::vector<Token> tokens,
                                   const ParagraphFormat& format) {
    std::vector<LineAtoms> lines(1);
    auto avail = [&]() {
        float indent = format.indent + (lines.size() == 1 ? format.firstIndent : 0);
        return std::max(format.width - indent, 1.0f);
    };
    auto append = [&](const Word& word, const Atom* glue) {
        LineAtoms& line = lines.back();
        if (glue != nullptr && !line.atoms.empty()) {
            line.atoms.push_back(*glue);
            line.width += glue->width;
        }
        for (const Atom& atom : word) {
            if (atom.kind == Atom::Kind::HyphenPoint) continue;
            line.atoms.push_back(atom);
            line.width += atom.width;
        }
    };
    for (Token& token : tokens) {
        Word word = std::move(token.word);
        bool first = true;
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
            Word head;
            if (splitWord(fonts, word, room, line.atoms.empty(), head)) {
                append(head, glue);
                first = false;
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
    return Style{faceOf(style.bold, style.italic), static_cast<float>(style.size), 0, false};
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
        for (Atom& atom : line.atoms) {
            float extra = atom.kind == Atom::Kind::Glue ? wordSpacing : 0;
            if (!text.pieces.empty() && sameStyle(text.pieces.back().style, atom.style)) {
                text.pieces.back().text += atom.text;
                text.pieces.back().width += atom.width + extra;
            } else {
                text.pieces.push_back(
                    Glyphs{atom.style, std::move(atom.text), x, atom.width + extra});
            }
            x += atom.width + extra;
        }
        if (!text.pieces.empty())
            slab.texts.push_back(PlacedText{indent + offset, baseline, std::move(text)});
        slabs.push_back(std::move(slab));
    }
    return slabs;
}

}  // namespace nusqa::render
