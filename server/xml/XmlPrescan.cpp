#include "xml/XmlPrescan.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

namespace nusqa::xml {
namespace {

// How the input's code units are stored; markup is ASCII in each.
enum class Width { Byte, Utf16Le, Utf16Be };

bool isSpace(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Start of an XML name: ASCII letters, '_' and ':', and anything beyond
// ASCII (libxml2 checks the rest; counting more is what matters here).
bool isNameStart(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// Encodings in which every byte below 0x80 is that ASCII character and no
// byte sequence of another character contains one: a byte-level reading of
// the markup is the reading libxml2 makes.
bool keepsAscii(const std::string& name) {
    static const std::array<std::string_view, 12> exact{
        "UTF-8",  "UTF8",   "US-ASCII", "ASCII", "LATIN1", "ISO-LATIN-1",
        "KOI8-R", "KOI8-U", "UTF-16",   "UTF16", "CP866",  "IBM866"};
    if (std::find(exact.begin(), exact.end(), name) != exact.end()) return true;
    for (std::string_view prefix : {"ISO-8859-", "ISO_8859-", "ISO8859-"})
        if (name.starts_with(prefix)) {
            std::string_view number = std::string_view(name).substr(prefix.size());
            return !number.empty() && number.size() <= 2 &&
                   std::all_of(number.begin(), number.end(),
                               [](char c) { return c >= '0' && c <= '9'; });
        }
    for (std::string_view prefix : {"WINDOWS-125", "CP125"})
        if (name.starts_with(prefix) && name.size() == prefix.size() + 1 && name.back() >= '0' &&
            name.back() <= '8')
            return true;
    return false;
}

template <Width W>
class Scanner {
public:
    Scanner(std::string_view bytes, std::size_t begin, const XmlLimits& limits)
        : _bytes(bytes),
          _count(W == Width::Byte ? bytes.size() : bytes.size() / 2),
          _at(begin),
          _limits(limits),
          _maxNodes(std::max(limits.minNodes,
                             bytes.size() / std::max<std::size_t>(limits.bytesPerNode, 1))) {}

    Status run() {
        NUSQA_TRY(checkDeclaredEncoding());
        while (_at < _count) {
            _at = find('<', _at);
            if (_at >= _count) break;
            NUSQA_TRY(markup());
        }
        return {};
    }

private:
    char32_t unit(std::size_t i) const {
        if (i >= _count) return 0;
        if constexpr (W == Width::Byte) {
            return static_cast<unsigned char>(_bytes[i]);
        } else {
            auto first = static_cast<unsigned char>(_bytes[2 * i]);
            auto second = static_cast<unsigned char>(_bytes[2 * i + 1]);
            return W == Width::Utf16Le ? char32_t(first | second << 8)
                                       : char32_t(second | first << 8);
        }
    }

    std::size_t find(char32_t c, std::size_t from) const {
        if constexpr (W == Width::Byte) {
            if (from >= _count) return _count;
            const void* found =
                std::memchr(_bytes.data() + from, static_cast<int>(c), _count - from);
            return found == nullptr
                       ? _count
                       : static_cast<std::size_t>(static_cast<const char*>(found) - _bytes.data());
        } else {
            while (from < _count && unit(from) != c) ++from;
            return from;
        }
    }

    bool startsWith(std::size_t at, std::string_view ascii) const {
        for (std::size_t i = 0; i < ascii.size(); ++i)
            if (unit(at + i) != static_cast<unsigned char>(ascii[i])) return false;
        return true;
    }

    // Index just past the next ascii at or after from; _count when none.
    std::size_t after(std::size_t from, std::string_view ascii) const {
        for (std::size_t at = find(static_cast<unsigned char>(ascii[0]), from); at < _count;
             at = find(static_cast<unsigned char>(ascii[0]), at + 1))
            if (startsWith(at, ascii)) return at + ascii.size();
        return _count;
    }

    // The ASCII text of units [from, to) (others as '?').
    std::string ascii(std::size_t from, std::size_t to) const {
        std::string text;
        for (std::size_t i = from; i < to && i < _count && text.size() < 64; ++i) {
            char32_t c = unit(i);
            text += c < 0x80 ? static_cast<char>(c) : '?';
        }
        return text;
    }

    std::unexpected<Error> refuse(std::size_t at, const std::string& message) const {
        int line = 1;
        std::size_t lineStart = 0;
        for (std::size_t i = 0; i < at && i < _count; ++i)
            if (unit(i) == '\n') {
                ++line;
                lineStart = i + 1;
            }
        int column = 1;
        for (std::size_t i = lineStart; i < at && i < _count; ++i)
            if (W != Width::Byte || (unit(i) & 0xC0) != 0x80) ++column;
        return fail(ErrorCode::InvalidDocument, "xml: " + message, {{line, column, message}});
    }

    // The encoding of the XML declaration, if there is one, must not make
    // libxml2 read the bytes differently from this scan.
    Status checkDeclaredEncoding() const {
        if (!startsWith(_at, "<?xml") || !isSpace(unit(_at + 5))) return {};
        std::size_t end = after(_at, "?>");
        std::size_t key = _at + 5;
        while (key < end && !startsWith(key, "encoding")) ++key;
        if (key >= end) return {};
        std::size_t at = key + 8;
        while (at < end && isSpace(unit(at))) ++at;
        if (unit(at) != '=') return {};
        ++at;
        while (at < end && isSpace(unit(at))) ++at;
        char32_t quote = unit(at);
        if (quote != '"' && quote != '\'') return {};
        std::size_t close = find(quote, at + 1);
        std::string name = upper(ascii(at + 1, std::min(close, end)));
        bool accepted = W == Width::Byte
                            ? keepsAscii(name)
                            : name == "UTF-16" || name == "UTF16" ||
                                  name == (W == Width::Utf16Le ? "UTF-16LE" : "UTF-16BE");
        if (!accepted)
            return refuse(key, "the encoding «" + name +
                                   "» is not accepted: send UTF-8 (or UTF-16, or an encoding "
                                   "that keeps ASCII as it is)");
        return {};
    }

    Status countNode(std::size_t at, std::size_t nodes) {
        _nodes += nodes;
        if (_nodes > _maxNodes)
            return refuse(at, "the document has more than " + std::to_string(_maxNodes) +
                                  " elements, attributes and other nodes for its " +
                                  std::to_string(_bytes.size()) + " bytes");
        return {};
    }

    Status markup() {
        char32_t next = unit(_at + 1);
        std::size_t start = _at;
        if (next == '/') {
            endTag();
        } else if (next == '?') {
            _at = after(_at + 2, "?>");
            NUSQA_TRY(countNode(start, 1));
        } else if (next == '!') {
            if (startsWith(_at, "<!--")) {
                _at = after(_at + 4, "-->");
                NUSQA_TRY(countNode(start, 1));
            } else if (startsWith(_at, "<![CDATA[") && !_scopes.empty()) {
                _at = after(_at + 9, "]]>");
                NUSQA_TRY(countNode(start, 1));
            } else {
                declaration();
            }
        } else if (isNameStart(next)) {
            NUSQA_TRY(startTag());
        } else {
            ++_at;  // a '<' that starts nothing: libxml2's error to report
        }
        return {};
    }

    // "</name>": up to '>' or to the next '<' (read again as markup).
    void endTag() {
        std::size_t close = _at + 2;
        while (close < _count && unit(close) != '>' && unit(close) != '<') ++close;
        _at = close < _count && unit(close) == '>' ? close + 1 : close;
        if (!_scopes.empty()) {
            _inScope -= _scopes.back();
            _scopes.pop_back();
        }
    }

    // "<!DOCTYPE ...", "<!ENTITY ...", "<![...": up to '>' outside quotes, or
    // to a '<' (read again as markup), or past a '[' (an internal subset's
    // declarations are read one by one by the main loop).
    void declaration() {
        _at += 2;
        while (_at < _count) {
            char32_t c = unit(_at);
            if (c == '>' || c == '[') {
                ++_at;
                return;
            }
            if (c == '<') return;
            if (c == '"' || c == '\'') {
                std::size_t close = _at + 1;
                while (close < _count && unit(close) != c && unit(close) != '<') ++close;
                if (close < _count && unit(close) == '<') {
                    _at = close;
                    return;
                }
                _at = close + 1;
                continue;
            }
            ++_at;
        }
    }

    // "<name attribute='value' ...>" or ".../>". Attributes are counted by
    // "name = quoted value"; anything else in the tag is skipped (libxml2
    // stops at it, so counting on can only count more).
    Status startTag() {
        const std::size_t start = _at;
        ++_at;
        while (_at < _count && !isSpace(unit(_at)) && unit(_at) != '>' && unit(_at) != '/' &&
               unit(_at) != '<')
            ++_at;
        const std::string name = W == Width::Byte ? ascii(start + 1, _at) : std::string();
        std::size_t attributes = 0;
        std::size_t namespaces = 0;
        bool empty = false;
        while (_at < _count) {
            char32_t c = unit(_at);
            if (isSpace(c)) {
                ++_at;
            } else if (c == '>') {
                ++_at;
                break;
            } else if (c == '/' && unit(_at + 1) == '>') {
                _at += 2;
                empty = true;
                break;
            } else if (c == '<') {
                break;  // not well-formed; the '<' is read again as markup
            } else if (c == '"' || c == '\'') {
                NUSQA_TRY(skipValue());
            } else {
                const std::size_t nameStart = _at;
                while (_at < _count && !isSpace(unit(_at)) && unit(_at) != '=' &&
                       unit(_at) != '>' && unit(_at) != '/' && unit(_at) != '<' &&
                       unit(_at) != '"' && unit(_at) != '\'')
                    ++_at;
                const bool isNamespace = startsWith(nameStart, "xmlns") &&
                                         (_at == nameStart + 5 || unit(nameStart + 5) == ':');
                std::size_t at = _at;
                while (at < _count && isSpace(unit(at))) ++at;
                if (unit(at) != '=') {
                    if (_at == nameStart) ++_at;  // a lone '/' or '=': step over it
                    continue;
                }
                ++at;
                while (at < _count && isSpace(unit(at))) ++at;
                _at = at;
                if (unit(at) != '"' && unit(at) != '\'') continue;
                NUSQA_TRY(skipValue());
                if (isNamespace && ++namespaces > _limits.maxNamespacesPerElement)
                    return refuse(nameStart, element(name) + " declares more than " +
                                                 std::to_string(_limits.maxNamespacesPerElement) +
                                                 " namespaces");
                if (!isNamespace && ++attributes > _limits.maxAttributesPerElement)
                    return refuse(nameStart, element(name) + " has more than " +
                                                 std::to_string(_limits.maxAttributesPerElement) +
                                                 " attributes");
            }
        }
        NUSQA_TRY(countNode(start, 1 + attributes + namespaces));
        if (_inScope + namespaces > _limits.maxNamespacesInScope)
            return refuse(start, "more than " + std::to_string(_limits.maxNamespacesInScope) +
                                     " namespace declarations are in scope at " + element(name));
        if (empty) return {};
        if (_scopes.size() >= _limits.maxDepth)
            return refuse(start, "elements are nested more than " +
                                     std::to_string(_limits.maxDepth) + " deep");
        _scopes.push_back(namespaces);
        _inScope += namespaces;
        return {};
    }

    std::string element(const std::string& name) const {
        return name.empty() ? std::string("an element") : "the element <" + name + ">";
    }

    // A quoted attribute value; a '<' in it is refused.
    Status skipValue() {
        const char32_t quote = unit(_at);
        std::size_t close = _at + 1;
        while (close < _count && unit(close) != quote) {
            if (unit(close) == '<') return refuse(close, "'<' in an attribute value (write &lt;)");
            ++close;
        }
        _at = close + 1;
        return {};
    }

    std::string_view _bytes;
    std::size_t _count;
    std::size_t _at;
    const XmlLimits& _limits;
    std::size_t _maxNodes;
    std::size_t _nodes = 0;
    std::vector<std::size_t> _scopes;  // namespaces declared by each open element
    std::size_t _inScope = 0;
};

bool startsWithBytes(std::string_view bytes, std::initializer_list<unsigned char> prefix) {
    if (bytes.size() < prefix.size()) return false;
    std::size_t i = 0;
    for (unsigned char b : prefix)
        if (static_cast<unsigned char>(bytes[i++]) != b) return false;
    return true;
}

}  // namespace

Status prescanXml(std::string_view bytes, const XmlLimits& limits) {
    // The first bytes, as libxml2 reads them to guess the encoding.
    if (startsWithBytes(bytes, {0x00, 0x00, 0x00, 0x3C}) ||
        startsWithBytes(bytes, {0x3C, 0x00, 0x00, 0x00}) ||
        startsWithBytes(bytes, {0x00, 0x00, 0x3C, 0x00}) ||
        startsWithBytes(bytes, {0x00, 0x3C, 0x00, 0x00}) ||
        startsWithBytes(bytes, {0x4C, 0x6F, 0xA7, 0x94}))
        return fail(ErrorCode::InvalidDocument, "xml: UCS-4 and EBCDIC documents are not accepted",
                    {{1, 1, "the document is in UCS-4 or EBCDIC: send UTF-8 (or UTF-16)"}});
    if (startsWithBytes(bytes, {0x00, 0x3C, 0x00, 0x3F}))
        return Scanner<Width::Utf16Be>(bytes, 0, limits).run();
    if (startsWithBytes(bytes, {0x3C, 0x00, 0x3F, 0x00}))
        return Scanner<Width::Utf16Le>(bytes, 0, limits).run();
    if (startsWithBytes(bytes, {0xEF, 0xBB, 0xBF}))
        return Scanner<Width::Byte>(bytes, 3, limits).run();
    if (startsWithBytes(bytes, {0xFE, 0xFF}))
        return Scanner<Width::Utf16Be>(bytes, 1, limits).run();
    if (startsWithBytes(bytes, {0xFF, 0xFE}))
        return Scanner<Width::Utf16Le>(bytes, 1, limits).run();
    return Scanner<Width::Byte>(bytes, 0, limits).run();
}

}  // namespace nusqa::xml
