#include "import/detail/Inline.h"

#include <optional>
#include <string>

#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

bool isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isAsciiAlnum(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9');
}

bool isEscapable(char c) {
    return c == '_' || c == '*' || c == '#' || c == '|' || c == '\\' || c == '<' || c == '>' ||
           c == '[' || c == ']' || c == '-' || c == '.' || c == '`' || c == '+' || c == '!';
}

enum class TagKind { Autolink, Bold, Italic, Underline, Break, Paragraph, Other };

struct Tag {
    TagKind kind = TagKind::Other;
    bool closing = false;
    std::size_t end = 0;  // offset after '>'
    std::string address;  // autolink text
};

// A tag or autolink starting at line[at] == '<'.
std::optional<Tag> parseTag(std::string_view line, std::size_t at) {
    std::size_t i = at + 1;
    Tag tag;
    // Autolink: <scheme:...>
    for (std::string_view scheme : {"http:", "https:", "ftp:", "mailto:", "file:"}) {
        if (line.substr(i, scheme.size()) == scheme) {
            std::size_t close = line.find('>', i);
            std::size_t space = line.find_first_of(" \t<", i);
            if (close == std::string_view::npos ||
                (space != std::string_view::npos && space < close))
                return std::nullopt;
            tag.kind = TagKind::Autolink;
            tag.address = std::string(line.substr(i, close - i));
            tag.end = close + 1;
            return tag;
        }
    }
    if (i < line.size() && line[i] == '/') {
        tag.closing = true;
        ++i;
    }
    if (i >= line.size() || !isAsciiLetter(line[i])) return std::nullopt;
    std::size_t nameStart = i;
    while (i < line.size() && isAsciiAlnum(line[i])) ++i;
    std::string name = lower(line.substr(nameStart, i - nameStart));
    if (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
        while (i < line.size() && line[i] != '<' && line[i] != '>') ++i;
    }
    if (i < line.size() && line[i] == '/') ++i;
    if (i >= line.size() || line[i] != '>') return std::nullopt;
    tag.end = i + 1;
    if (name == "b" || name == "strong")
        tag.kind = TagKind::Bold;
    else if (name == "i" || name == "em")
        tag.kind = TagKind::Italic;
    else if (name == "u" || name == "ins")
        tag.kind = TagKind::Underline;
    else if (name == "br")
        tag.kind = TagKind::Break;
    else if (name == "p" || name == "div" || name == "li")
        tag.kind = TagKind::Paragraph;
    return tag;
}

// Offsets of single '*' (not part of "**", not escaped) that pair up as
// italic delimiters on this line.
std::vector<bool> pairedStars(std::string_view line) {
    std::vector<bool> paired(line.size(), false);
    std::vector<std::size_t> singles;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\') {
            ++i;
            continue;
        }
        if (line[i] != '*') continue;
        if (i + 1 < line.size() && line[i + 1] == '*') {
            ++i;
            continue;
        }
        singles.push_back(i);
    }
    for (std::size_t k = 0; k + 1 < singles.size(); k += 2) {
        std::size_t open = singles[k], close = singles[k + 1];
        bool opens = open + 1 < line.size() && line[open + 1] != ' ' && line[open + 1] != '\t';
        bool closes = close > 0 && line[close - 1] != ' ' && line[close - 1] != '\t';
        if (opens && closes && close > open + 1) paired[open] = paired[close] = true;
    }
    return paired;
}

}  // namespace

std::vector<std::vector<Run>> parseInline(std::string_view line, InlineState& state) {
    std::vector<std::vector<Run>> paragraphs(1);
    const bool startCarried = state.bold;
    bool bold = state.bold, italic = false, underline = false;
    int tagBold = 0, tagItalic = 0, tagUnderline = 0;
    bool newParagraph = false;
    std::string text;
    auto flush = [&] {
        if (text.empty()) return;
        if (newParagraph) {
            if (!paragraphs.back().empty()) paragraphs.emplace_back();
            newParagraph = false;
        }
        paragraphs.back().push_back(Run{std::move(text),
                                        bold || tagBold > 0,
                                        italic || tagItalic > 0,
                                        underline || tagUnderline > 0,
                                        {}});
        text.clear();
    };
    const std::vector<bool> paired = pairedStars(line);
    for (std::size_t i = 0; i < line.size();) {
        const char c = line[i];
        if (c == '\\' && i + 1 < line.size() && isEscapable(line[i + 1])) {
            text += line[i + 1];
            i += 2;
        } else if (c == '*' && i + 1 < line.size() && line[i + 1] == '*') {
            flush();
            bold = !bold;
            i += 2;
        } else if (c == '*' && paired[i]) {
            flush();
            italic = !italic;
            ++i;
        } else if (c == '<') {
            auto tag = parseTag(line, i);
            if (!tag) {
                text += c;
                ++i;
                continue;
            }
            i = tag->end;
            if (tag->kind == TagKind::Autolink) {
                text += tag->address;
                continue;
            }
            flush();
            int delta = tag->closing ? -1 : 1;
            switch (tag->kind) {
                case TagKind::Bold:
                    tagBold = std::max(0, tagBold + delta);
                    break;
                case TagKind::Italic:
                    tagItalic = std::max(0, tagItalic + delta);
                    break;
                case TagKind::Underline:
                    tagUnderline = std::max(0, tagUnderline + delta);
                    break;
                case TagKind::Break:
                    text.push_back('\n');  // (text is empty after flush)
                    flush();
                    break;
                case TagKind::Paragraph:
                    newParagraph = true;
                    break;
                default:
                    break;
            }
        } else {
            text += c;
            ++i;
        }
    }
    flush();
    state.bold = bold && !startCarried;
    // Paragraphs made only of spaces (between </p> and <p>) are not kept.
    std::vector<std::vector<Run>> kept;
    for (auto& runs : paragraphs) {
        if (trim(runsText(runs)).empty() && !kept.empty()) continue;
        kept.push_back(std::move(runs));
    }
    if (kept.size() > 1 && trim(runsText(kept.front())).empty()) kept.erase(kept.begin());
    return kept;
}

std::string runsText(const std::vector<Run>& runs) {
    std::string text;
    for (const Run& run : runs) text += run.text;
    return text;
}

std::vector<Run> trimRuns(std::vector<Run> runs) {
    while (!runs.empty()) {
        std::string_view t = trim(runs.front().text);
        if (t.empty() && runs.front().text != "\n") {
            runs.erase(runs.begin());
            continue;
        }
        std::size_t lead = runs.front().text.find(t);
        runs.front().text.erase(0, lead);
        break;
    }
    while (!runs.empty()) {
        std::string_view t = trim(runs.back().text);
        if (t.empty()) {
            runs.pop_back();
            continue;
        }
        std::size_t keep = static_cast<std::size_t>(t.data() - runs.back().text.data()) + t.size();
        runs.back().text.resize(keep);
        break;
    }
    // A break at the start is not content either.
    while (!runs.empty() && runs.front().text == "\n") runs.erase(runs.begin());
    return runs;
}

std::vector<Run> runsFrom(const std::vector<Run>& runs, std::size_t from) {
    std::vector<Run> out;
    std::size_t offset = 0;
    for (const Run& run : runs) {
        std::size_t end = offset + run.text.size();
        if (end > from) {
            Run copy = run;
            if (from > offset) copy.text.erase(0, from - offset);
            out.push_back(std::move(copy));
        }
        offset = end;
    }
    return out;
}

std::vector<Run> runsUntil(const std::vector<Run>& runs, std::size_t to) {
    std::vector<Run> out;
    std::size_t offset = 0;
    for (const Run& run : runs) {
        if (offset >= to) break;
        Run copy = run;
        if (offset + copy.text.size() > to) copy.text.resize(to - offset);
        offset += run.text.size();
        out.push_back(std::move(copy));
    }
    return out;
}

bool allBold(const std::vector<Run>& runs) {
    bool any = false;
    for (const Run& run : runs) {
        if (trim(run.text).empty()) continue;
        if (!run.bold) return false;
        any = true;
    }
    return any;
}

std::vector<Run> plainRuns(std::vector<Run> runs, bool dropItalic) {
    for (Run& run : runs) {
        run.bold = false;
        if (dropItalic) run.italic = false;
    }
    // Merge neighbours that now look alike.
    std::vector<Run> merged;
    for (Run& run : runs) {
        if (!merged.empty() && merged.back().italic == run.italic &&
            merged.back().underline == run.underline && merged.back().docRef == run.docRef &&
            merged.back().text != "\n" && run.text != "\n") {
            merged.back().text += run.text;
        } else {
            merged.push_back(std::move(run));
        }
    }
    return merged;
}

}  // namespace nusqa::import
