#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Length of a well-formed sequence starting at bytes[at], 0 when it is not
// well-formed (RFC 3629 table of valid byte ranges).
std::size_t sequenceLength(std::string_view bytes, std::size_t at) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // no overlong forms
        if (lead == 0xED) high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;   // no overlong forms
        if (lead == 0xF4) high = 0x8F;  // nothing past U+10FFFF
    } else {
        return 0;
    }
    if (at + length > bytes.size()) return 0;
    if (byte(at + 1) < low || byte(at + 1) > high) return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
    return length;
}

// Pairs where the upper-case letter is even and the lower-case one odd.
bool inEvenOddBlock(char32_t c) {
    return (c >= 0x0460 && c <= 0x0481) || (c >= 0x048A && c <= 0x04BF) ||
           (c >= 0x04D0 && c <= 0x04FF) || (c >= 0x0500 && c <= 0x052F) ||
           (c >= 0x0100 && c <= 0x0137) || (c >= 0x014A && c <= 0x0177);
}

}  // namespace

std::optional<std::size_t> invalidUtf8Offset(std::string_view bytes) {
    std::size_t at = 0;
    while (at < bytes.size()) {
        // Fast path over ASCII.
        if (static_cast<unsigned char>(bytes[at]) < 0x80) {
            ++at;
            continue;
        }
        std::size_t length = sequenceLength(bytes, at);
        if (length == 0) return at;
        at += length;
    }
    return std::nullopt;
}

char32_t decodeAt(std::string_view text, std::size_t& at) {
    std::size_t length = sequenceLength(text, at);
    if (length == 0) {
        ++at;
        return kReplacement;
    }
    auto byte = [&](std::size_t i) {
        return static_cast<char32_t>(static_cast<unsigned char>(text[i]));
    };
    char32_t c = 0;
    switch (length) {
        case 1:
            c = byte(at);
            break;
        case 2:
            c = ((byte(at) & 0x1F) << 6) | (byte(at + 1) & 0x3F);
            break;
        case 3:
            c = ((byte(at) & 0x0F) << 12) | ((byte(at + 1) & 0x3F) << 6) | (byte(at + 2) & 0x3F);
            break;
        default:
            c = ((byte(at) & 0x07) << 18) | ((byte(at + 1) & 0x3F) << 12) |
                ((byte(at + 2) & 0x3F) << 6) | (byte(at + 3) & 0x3F);
    }
    at += length;
    return c;
}

bool isDigit(char32_t c) {
    return c >= '0' && c <= '9';
}

bool isLetter(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c == 0xAA || c == 0xB5 || c == 0xBA) return true;
    if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
    if (c >= 0x370 && c <= 0x3FF) return c != 0x37E && c != 0x387;  // Greek
    if (c >= 0x400 && c <= 0x52F) return c < 0x482 || c > 0x489;    // Cyrillic
    return c >= 0x1E00 && c <= 0x1FFF;                              // Latin/Greek extended
}

bool isWordChar(char32_t c) {
    return isDigit(c) || isLetter(c);
}

bool isUpper(char32_t c) {
    return isLetter(c) && toLower(c) != c;
}
bool isLower(char32_t c) {
    return isLetter(c) && toUpper(c) != c;
}

bool isSpace(char32_t c) {
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
           c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

char32_t toLower(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c < 0xC0) return c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    if (c == 0x4C0) return 0x4CF;
    if (c >= 0x4C1 && c <= 0x4CE) return (c % 2 == 1) ? c + 1 : c;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
    if (inEvenOddBlock(c)) return (c % 2 == 0) ? c + 1 : c;
    return c;
}

char32_t toUpper(char32_t c) {
    if (c >= 'a' && c <= 'z') return c - 32;
    if (c < 0xC0) return c;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
    if (c >= 0x430 && c <= 0x44F) return c - 32;
    if (c >= 0x450 && c <= 0x45F) return c - 80;
    if (c == 0x4CF) return 0x4C0;
    if (c >= 0x4C2 && c <= 0x4CE) return (c % 2 == 0) ? c - 1 : c;
    if (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2) return c - 32;
    if (inEvenOddBlock(c)) return (c % 2 == 1) ? c - 1 : c;
    return c;
}

std::string lower(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) appendUtf8(out, toLower(decodeAt(text, at)));
    return out;
}

std::string upper(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) appendUtf8(out, toUpper(decodeAt(text, at)));
    return out;
}

std::string_view trim(std::string_view text) {
    // Forward: skip spaces code point by code point.
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t next = start;
        char32_t c = decodeAt(text, next);
        if (!isSpace(c) && c != '\n' && c != '\r') break;
        start = next;
    }
    std::size_t end = text.size();
    while (end > start) {
        // Step back to the start of the last code point.
        std::size_t begin = end - 1;
        while (begin > start && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
        std::size_t probe = begin;
        char32_t c = decodeAt(text, probe);
        if (!isSpace(c) && c != '\n' && c != '\r') break;
        end = begin;
    }
    return text.substr(start, end - start);
}

std::string collapseSpaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pendingSpace = false;
    for (std::size_t at = 0; at < text.size();) {
        char32_t c = decodeAt(text, at);
        if (isSpace(c) || c == '\n' || c == '\r') {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        appendUtf8(out, c);
    }
    return out;
}

bool isAllUpper(std::string_view text) {
    int letters = 0;
    for (std::size_t at = 0; at < text.size();) {
        char32_t c = decodeAt(text, at);
        if (!isLetter(c)) continue;
        if (isLower(c)) return false;
        ++letters;
    }
    return letters >= 2;
}

std::string sentenceCase(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool first = true;
    for (std::size_t at = 0; at < text.size();) {
        char32_t c = decodeAt(text, at);
        if (isLetter(c)) {
            appendUtf8(out, first ? toUpper(c) : toLower(c));
            first = false;
        } else {
            appendUtf8(out, c);
        }
    }
    return out;
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t start = at;
        char32_t c = decodeAt(text, at);
        if (isWordChar(c)) {
            current.append(text.substr(start, at - start));
        } else if (!current.empty()) {
            out.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

std::size_t wordCount(std::string_view text) {
    std::size_t count = 0;
    bool inWord = false;
    for (std::size_t at = 0; at < text.size();) {
        bool word = isWordChar(decodeAt(text, at));
        if (word && !inWord) ++count;
        inWord = word;
    }
    return count;
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    return lower(text.substr(0, std::min(text.size(), prefix.size() * 2 + 8)))
        .starts_with(lower(prefix));
}

bool containsNoCase(std::string_view text, std::string_view needle) {
    return lower(text).find(lower(needle)) != std::string::npos;
}

bool equalsNoCase(std::string_view a, std::string_view b) {
    return lower(a) == lower(b);
}

}  // namespace nusqa::import
