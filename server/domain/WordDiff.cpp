#include "domain/WordDiff.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>

#include "domain/Utf8.h"

namespace nusqa::compare {
namespace {

// Past this many differing tokens (after the common head and tail are
// trimmed) the texts have little in common: the diff stops searching and
// reports the rest as one deletion and one insertion. Keeps the trace of
// Myers' search under ~1,500² ints.
constexpr int kMaxEditDistance = 1500;

// Decodes one code point at text[at]; length is the bytes it takes. An
// invalid or truncated sequence, an overlong form, a surrogate or a value
// past U+10FFFF decodes as one byte with valid = false.
struct Decoded {
    char32_t codePoint = 0;
    std::size_t length = 1;
    bool valid = false;
};

Decoded decode(std::string_view text, std::size_t at) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(at);
    if (lead < 0x80) return {lead, 1, true};
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        value = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        value = lead & 0x0F;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        value = lead & 0x07;
        minimum = 0x10000;
    } else {
        return {};
    }
    if (at + length > text.size()) return {};
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) return {};
        value = (value << 6) | (byte(at + i) & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {};
    return {value, length, true};
}

bool isLineBreak(char32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
           c == 0x2029;
}

bool isSpace(char32_t c) {
    return c == ' ' || c == '\t' || isLineBreak(c) || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// Letters, digits and marks of any script are word characters; the
// punctuation and symbol blocks are not. A coarse table by block, enough to
// separate words from punctuation in the languages of the register without
// a Unicode database.
bool isWordCharacter(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (c < 0xC0)
        return c == 0xAA || c == 0xAD || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 ||
               c == 0xBA || (c >= 0xBC && c <= 0xBE);
    if (c == 0xD7 || c == 0xF7 || c == 0x37E || c == 0x387) return false;
    if (c >= 0x2000 && c <= 0x2BFF)
        return c == 0x200C || c == 0x200D || c == 0x2060 || (c >= 0x2070 && c <= 0x209F);
    if (c >= 0x2E00 && c <= 0x2E7F) return false;
    if (c >= 0x3000 && c <= 0x303F) return false;
    if ((c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE6F)) return false;
    if ((c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
        (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65))
        return false;
    if (c >= 0xFFF0 && c <= 0xFFFF) return false;
    if (c >= 0x1F000 && c <= 0x1FAFF) return false;
    return true;
}

TokenKind classify(const Decoded& decoded) {
    if (!decoded.valid) return TokenKind::Punctuation;
    if (isSpace(decoded.codePoint)) return TokenKind::Space;
    return isWordCharacter(decoded.codePoint) ? TokenKind::Word : TokenKind::Punctuation;
}

// What a token compares as: its text; every run of white space alike.
std::string_view keyOf(const Token& token) {
    return token.kind == TokenKind::Space ? std::string_view(" ") : token.text;
}

// Tokens of both texts as integers: equal keys, equal ids.
struct Interned {
    std::vector<Token> beforeTokens;
    std::vector<Token> afterTokens;
    std::vector<int> before;
    std::vector<int> after;
};

Interned intern(std::string_view before, std::string_view after) {
    Interned result;
    result.beforeTokens = tokenize(before);
    result.afterTokens = tokenize(after);
    std::unordered_map<std::string_view, int> ids;
    auto idOf = [&](const Token& token) {
        auto [it, inserted] = ids.emplace(keyOf(token), static_cast<int>(ids.size()));
        return it->second;
    };
    for (const Token& token : result.beforeTokens) result.before.push_back(idOf(token));
    for (const Token& token : result.afterTokens) result.after.push_back(idOf(token));
    return result;
}

enum class Op { Equal, Insert, Delete };

struct Edit {
    Op op = Op::Equal;
    int index = 0;  // into before (Equal, Delete) or after (Insert)
    int other = 0;  // Equal: index into after
};

// Myers' greedy O(ND) shortest edit script of before[from, n) -> after[from,
// m), appended to edits in order. False when the distance passes
// kMaxEditDistance (edits untouched).
bool myers(const std::vector<int>& a, int aFrom, int n, const std::vector<int>& b, int bFrom, int m,
           std::vector<Edit>& edits) {
    const int width = n + m;
    if (width == 0) return true;
    const int offset = width + 1;
    std::vector<int> v(static_cast<std::size_t>(2 * width + 3), 0);
    std::vector<std::vector<int>> trace;  // trace[d][k + d]: furthest x on diagonal k after step d
    int found = -1;
    for (int d = 0; d <= width && d <= kMaxEditDistance && found < 0; ++d) {
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                        ? v[offset + k + 1]
                        : v[offset + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && a[aFrom + x] == b[bFrom + y]) ++x, ++y;
            v[offset + k] = x;
            if (x >= n && y >= m) found = d;
        }
        trace.emplace_back(v.begin() + offset - d, v.begin() + offset + d + 1);
    }
    if (found < 0) return false;
    std::vector<Edit> reversed;
    int x = n;
    int y = m;
    for (int d = found; d > 0; --d) {
        const std::vector<int>& previous = trace[static_cast<std::size_t>(d - 1)];
        auto at = [&](int k) { return previous[static_cast<std::size_t>(k + d - 1)]; };
        int k = x - y;
        int previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
        int previousX = at(previousK);
        int previousY = previousX - previousK;
        while (x > previousX && y > previousY) {
            --x, --y;
            reversed.push_back({Op::Equal, aFrom + x, bFrom + y});
        }
        if (previousK == k + 1) {
            --y;
            reversed.push_back({Op::Insert, bFrom + y, 0});
        } else {
            --x;
            reversed.push_back({Op::Delete, aFrom + x, 0});
        }
    }
    while (x > 0 && y > 0) {
        --x, --y;
        reversed.push_back({Op::Equal, aFrom + x, bFrom + y});
    }
    edits.insert(edits.end(), reversed.rbegin(), reversed.rend());
    return true;
}

std::vector<Edit> editScript(const Interned& tokens) {
    const std::vector<int>& a = tokens.before;
    const std::vector<int>& b = tokens.after;
    int n = static_cast<int>(a.size());
    int m = static_cast<int>(b.size());
    int head = 0;
    while (head < n && head < m && a[head] == b[head]) ++head;
    int tail = 0;
    while (tail < n - head && tail < m - head && a[n - 1 - tail] == b[m - 1 - tail]) ++tail;
    std::vector<Edit> edits;
    for (int i = 0; i < head; ++i) edits.push_back({Op::Equal, i, i});
    if (!myers(a, head, n - head - tail, b, head, m - head - tail, edits)) {
        for (int i = head; i < n - tail; ++i) edits.push_back({Op::Delete, i, 0});
        for (int j = head; j < m - tail; ++j) edits.push_back({Op::Insert, j, 0});
    }
    for (int i = 0; i < tail; ++i) edits.push_back({Op::Equal, n - tail + i, m - tail + i});
    return edits;
}

// A stretch of the diff: equal (text as in after) or changed (what was
// deleted, what was inserted).
struct Segment {
    bool equal = false;
    bool spaceOnly = true;  // equal segments: nothing but white space
    std::string deleted;    // changed: before's text; equal: before's text
    std::string inserted;   // changed: after's text; equal: after's text
};

std::vector<Segment> segments(const Interned& tokens, const std::vector<Edit>& edits) {
    std::vector<Segment> out;
    for (const Edit& edit : edits) {
        bool equal = edit.op == Op::Equal;
        if (out.empty() || out.back().equal != equal) {
            out.emplace_back();
            out.back().equal = equal;
        }
        Segment& segment = out.back();
        if (edit.op == Op::Equal) {
            const Token& token = tokens.afterTokens[static_cast<std::size_t>(edit.other)];
            segment.spaceOnly = segment.spaceOnly && token.kind == TokenKind::Space;
            segment.deleted += tokens.beforeTokens[static_cast<std::size_t>(edit.index)].text;
            segment.inserted += token.text;
        } else if (edit.op == Op::Delete) {
            segment.deleted += tokens.beforeTokens[static_cast<std::size_t>(edit.index)].text;
        } else {
            segment.inserted += tokens.afterTokens[static_cast<std::size_t>(edit.index)].text;
        }
    }
    return out;
}

// White space alone between two changes joins them: one deletion and one
// insertion read better than a word-by-word alternation.
std::vector<Segment> foldSpaces(std::vector<Segment> in) {
    std::vector<Segment> out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        Segment& segment = in[i];
        bool between = segment.equal && segment.spaceOnly && !out.empty() && !out.back().equal &&
                       i + 1 < in.size() && !in[i + 1].equal;
        if (between) {
            Segment& previous = out.back();
            previous.deleted += segment.deleted + in[i + 1].deleted;
            previous.inserted += segment.inserted + in[i + 1].inserted;
            ++i;
        } else {
            out.push_back(std::move(segment));
        }
    }
    return out;
}

// The white space token at the start (front) or end of text, "" if none.
std::string_view edgeSpace(std::string_view text, bool front) {
    std::vector<Token> tokens = tokenize(text);
    if (tokens.empty()) return {};
    const Token& edge = front ? tokens.front() : tokens.back();
    return edge.kind == TokenKind::Space ? edge.text : std::string_view();
}

// A replacement whose two sides start (or end) with the same white space
// gives it to the equal text around it: "a [-x-]{+y z+} b", never
// "a [-x -]{+y z +}b", whichever way the search went.
void trimReplacement(std::vector<Segment>& segments) {
    for (std::size_t k = 0; k < segments.size(); ++k) {
        Segment& segment = segments[k];
        if (segment.equal || segment.deleted.empty() || segment.inserted.empty()) continue;
        for (bool front : {true, false}) {
            std::string_view space = edgeSpace(segment.deleted, front);
            if (space.empty() || space != edgeSpace(segment.inserted, front) ||
                space.size() == segment.deleted.size() || space.size() == segment.inserted.size())
                continue;
            std::string moved(space);
            if (front) {
                segment.deleted.erase(0, moved.size());
                segment.inserted.erase(0, moved.size());
            } else {
                segment.deleted.resize(segment.deleted.size() - moved.size());
                segment.inserted.resize(segment.inserted.size() - moved.size());
            }
            std::size_t neighbour = front ? k - 1 : k + 1;
            bool exists = front ? k > 0 : k + 1 < segments.size();
            if (exists && segments[neighbour].equal) {
                if (front)
                    segments[neighbour].inserted += moved;
                else
                    segments[neighbour].inserted.insert(0, moved);
            } else {
                Segment equal;
                equal.equal = true;
                equal.deleted = moved;
                equal.inserted = moved;
                segments.insert(segments.begin() + static_cast<std::ptrdiff_t>(front ? k : k + 1),
                                std::move(equal));
                if (front) ++k;
            }
        }
    }
}

void appendRun(std::vector<WordRun>& runs, RunKind kind, std::string text) {
    if (text.empty()) return;
    if (!runs.empty() && runs.back().kind == kind) {
        runs.back().text += text;
        return;
    }
    runs.push_back({kind, std::move(text)});
}

char32_t lowerCase(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c < 0xC0) return c;
    if (c <= 0xDE) return c == 0xD7 ? c : c + 32;
    if (c >= 0x100 && c < 0x138) return (c % 2 == 0 && c != 0x130) ? c + 1 : c;
    if (c >= 0x139 && c < 0x149) return c % 2 == 1 ? c + 1 : c;
    if (c >= 0x14A && c < 0x178) return c % 2 == 0 ? c + 1 : c;
    if (c == 0x178) return 0xFF;
    if (c >= 0x179 && c < 0x17F) return c % 2 == 1 ? c + 1 : c;
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x460 && c <= 0x481) return c % 2 == 0 ? c + 1 : c;
    if (c >= 0x48A && c <= 0x4BF) return c % 2 == 0 ? c + 1 : c;
    if (c == 0x4C0) return 0x4CF;
    if (c >= 0x4C1 && c <= 0x4CE) return c % 2 == 1 ? c + 1 : c;
    if (c >= 0x4D0 && c <= 0x52F) return c % 2 == 0 ? c + 1 : c;
    return c;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    std::size_t at = 0;
    while (at < text.size()) {
        Decoded first = decode(text, at);
        TokenKind kind = classify(first);
        std::size_t end = at + first.length;
        if (kind != TokenKind::Punctuation) {
            while (end < text.size()) {
                Decoded next = decode(text, end);
                if (classify(next) != kind) break;
                end += next.length;
            }
        }
        tokens.push_back({kind, text.substr(at, end - at)});
        at = end;
    }
    return tokens;
}

std::string_view toString(RunKind kind) {
    switch (kind) {
        case RunKind::Equal:
            return "equal";
        case RunKind::Inserted:
            return "inserted";
        case RunKind::Deleted:
            return "deleted";
    }
    return "equal";
}

std::vector<WordRun> diffWords(std::string_view before, std::string_view after) {
    Interned tokens = intern(before, after);
    std::vector<WordRun> runs;
    std::vector<Segment> stretches = foldSpaces(segments(tokens, editScript(tokens)));
    trimReplacement(stretches);
    for (Segment& segment : stretches) {
        if (segment.equal) {
            appendRun(runs, RunKind::Equal, std::move(segment.inserted));
        } else {
            appendRun(runs, RunKind::Deleted, std::move(segment.deleted));
            appendRun(runs, RunKind::Inserted, std::move(segment.inserted));
        }
    }
    return runs;
}

bool sameWords(std::string_view before, std::string_view after) {
    if (before == after) return true;
    std::vector<Token> a = tokenize(before);
    std::vector<Token> b = tokenize(after);
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].kind != b[i].kind || keyOf(a[i]) != keyOf(b[i])) return false;
    return true;
}

std::string foldCase(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        Decoded decoded = decode(text, at);
        if (!decoded.valid || decoded.codePoint < 0x80) {
            char c = text[at];
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
        } else {
            appendUtf8(out, lowerCase(decoded.codePoint));
        }
        at += decoded.length;
    }
    return out;
}

std::vector<std::string> foldedWords(std::string_view text) {
    std::vector<std::string> words;
    for (const Token& token : tokenize(text))
        if (token.kind == TokenKind::Word) words.push_back(foldCase(token.text));
    return words;
}

}  // namespace nusqa::compare
