#include "signing/PdfPrescan.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

namespace nusqa::signing {
namespace {

bool isWhitespace(char c) {
    return c == '\0' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

bool isDelimiter(char c) {
    switch (c) {
        case '(':
        case ')':
        case '<':
        case '>':
        case '[':
        case ']':
        case '{':
        case '}':
        case '/':
        case '%':
            return true;
        default:
            return false;
    }
}

bool isRegular(char c) {
    return !isWhitespace(c) && !isDelimiter(c);
}

std::optional<std::uint64_t> unsignedOf(std::string_view token) {
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (error != std::errc() || end != token.data() + token.size()) return std::nullopt;
    return value;
}

// One pass over the file; see the header for what is read.
class Scanner {
public:
    Scanner(std::string_view pdf, const PdfPrescanLimits& limits) : _pdf(pdf), _limits(limits) {}

    Status run() {
        while (_at < _pdf.size()) {
            char c = _pdf[_at];
            if (isWhitespace(c)) {
                ++_at;
                continue;
            }
            switch (c) {
                case '%':
                    skipComment();
                    break;
                case '(':
                    noteOther();
                    skipLiteralString();
                    break;
                case '<':
                    noteOther();
                    if (next() == '<') {
                        NUSQA_TRY(open(2));
                    } else {
                        skipHexString();
                    }
                    break;
                case '>':
                    noteOther();
                    if (next() == '>') {
                        close(2);
                    } else {
                        ++_at;
                    }
                    break;
                case '[':
                    noteOther();
                    NUSQA_TRY(open(1));
                    break;
                case ']':
                    noteOther();
                    close(1);
                    break;
                case '/':
                    name();
                    break;
                case ')':
                case '{':
                case '}':
                    ++_at;
                    break;
                default:
                    word();
            }
        }
        return {};
    }

private:
    char next() const { return _at + 1 < _pdf.size() ? _pdf[_at + 1] : '\0'; }

    Status open(std::size_t width) {
        if (++_depth > _limits.maxNesting)
            return fail(ErrorCode::InvalidDocument,
                        "pdf: dictionaries and arrays nested more than " +
                            std::to_string(_limits.maxNesting) + " deep (at byte " +
                            std::to_string(_at) + ")");
        _at += width;
        return {};
    }

    void close(std::size_t width) {
        if (_depth > 0) --_depth;
        _at += width;
    }

    void skipComment() {
        while (_at < _pdf.size() && _pdf[_at] != '\r' && _pdf[_at] != '\n') ++_at;
    }

    // "(" ... ")" with nested balanced parentheses and backslash escapes.
    void skipLiteralString() {
        std::size_t open = 0;
        while (_at < _pdf.size()) {
            char c = _pdf[_at++];
            if (c == '\\') {
                ++_at;
            } else if (c == '(') {
                ++open;
            } else if (c == ')' && --open == 0) {
                return;
            }
        }
    }

    void skipHexString() {
        std::size_t end = _pdf.find('>', _at + 1);
        _at = end == std::string_view::npos ? _pdf.size() : end + 1;
    }

    std::string_view regularRun(std::size_t from) {
        std::size_t end = from;
        while (end < _pdf.size() && isRegular(_pdf[end])) ++end;
        std::string_view run = _pdf.substr(from, end - from);
        _at = end;
        return run;
    }

    void name() {
        std::string_view text = regularRun(_at + 1);
        noteOther();
        if (text == "Length" && _depth == 1) _lengthState = LengthState::AfterKey;
    }

    void word() {
        std::string_view token = regularRun(_at);
        if (token.empty()) {  // cannot happen: the caller saw a regular byte
            ++_at;
            return;
        }
        std::optional<std::uint64_t> number = unsignedOf(token);
        if (noteLengthPart(number, token)) return;
        if (token == "stream") {
            skipStreamBody();
        } else if (token == "endobj") {
            // PoDoFo parses each object from its own offset: nesting that an
            // object left open (a broken file) does not carry into the next.
            _depth = 0;
            _length.reset();
        }
    }

    // The direct /Length of an object's dictionary: "/Length 1234", not
    // "/Length 12 0 R". True when the token was taken as part of it.
    bool noteLengthPart(std::optional<std::uint64_t> number, std::string_view token) {
        switch (_lengthState) {
            case LengthState::None:
                return false;
            case LengthState::AfterKey:
                _lengthState = number ? LengthState::Number : LengthState::None;
                if (number) _pendingLength = *number;
                return number.has_value();
            case LengthState::Number:
                if (number) {
                    _lengthState = LengthState::NumberAndGeneration;
                    return true;
                }
                _length = _pendingLength;
                _lengthState = LengthState::None;
                return false;
            case LengthState::NumberAndGeneration:
                _lengthState = LengthState::None;
                if (token == "R") {
                    _length.reset();
                    return true;
                }
                _length = _pendingLength;
                return false;
        }
        return false;
    }

    // A delimiter or a name: ends "/Length N" without a reference.
    void noteOther() {
        if (_lengthState == LengthState::Number || _lengthState == LengthState::NumberAndGeneration)
            _length = _pendingLength;
        _lengthState = LengthState::None;
    }

    // After the keyword "stream": the end of line, then the body.
    void skipStreamBody() {
        if (_at < _pdf.size() && _pdf[_at] == '\r') ++_at;
        if (_at < _pdf.size() && _pdf[_at] == '\n') ++_at;
        std::size_t start = _at;
        constexpr std::string_view kEnd = "endstream";
        if (_length && *_length <= _pdf.size() - start) {
            std::size_t after = start + static_cast<std::size_t>(*_length);
            while (after < _pdf.size() && isWhitespace(_pdf[after])) ++after;
            if (_pdf.substr(after).starts_with(kEnd)) {
                _at = after + kEnd.size();
                _length.reset();
                return;
            }
        }
        std::size_t end = _pdf.find(kEnd, start);
        _at = end == std::string_view::npos ? _pdf.size() : end + kEnd.size();
        _length.reset();
    }

    enum class LengthState { None, AfterKey, Number, NumberAndGeneration };

    std::string_view _pdf;
    PdfPrescanLimits _limits;
    std::size_t _at = 0;
    std::size_t _depth = 0;
    LengthState _lengthState = LengthState::None;
    std::uint64_t _pendingLength = 0;
    std::optional<std::uint64_t> _length;
};

}  // namespace

Status prescanPdf(std::string_view pdf, const PdfPrescanLimits& limits) {
    return Scanner(pdf, limits).run();
}

}  // namespace nusqa::signing
