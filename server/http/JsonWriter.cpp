#include "http/JsonWriter.h"

#include <charconv>
#include <cmath>

namespace nusqa::http {

void JsonWriter::separate() {
    if (_needComma) _out.push_back(',');
    _needComma = false;
}

JsonWriter& JsonWriter::beginObject() {
    separate();
    _out.push_back('{');
    return *this;
}

JsonWriter& JsonWriter::endObject() {
    _out.push_back('}');
    _needComma = true;
    return *this;
}

JsonWriter& JsonWriter::beginArray() {
    separate();
    _out.push_back('[');
    return *this;
}

JsonWriter& JsonWriter::endArray() {
    _out.push_back(']');
    _needComma = true;
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    separate();
    appendString(name);
    _out.push_back(':');
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    separate();
    appendString(text);
    _needComma = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    separate();
    _out += std::to_string(number);
    _needComma = true;
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    if (!std::isfinite(number)) return null();
    separate();
    char buffer[32];
    auto written = std::to_chars(buffer, buffer + sizeof buffer, number);
    _out.append(buffer, written.ptr);
    _needComma = true;
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    separate();
    _out += flag ? "true" : "false";
    _needComma = true;
    return *this;
}

JsonWriter& JsonWriter::null() {
    separate();
    _out += "null";
    _needComma = true;
    return *this;
}

void JsonWriter::appendString(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    // The first answer's buffer at once instead of growing it by doubling
    // from 15 bytes (six copies for an edition's metadata).
    if (_out.capacity() < 1024) _out.reserve(1024);
    _out.push_back('"');
    // Runs of bytes that need no escape (nearly all of them) are appended
    // whole; UTF-8 passes through unchanged.
    std::size_t plainFrom = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
        _out.append(text.data() + plainFrom, i - plainFrom);
        plainFrom = i + 1;
        switch (byte) {
            case '"':
                _out += "\\\"";
                break;
            case '\\':
                _out += "\\\\";
                break;
            case '\n':
                _out += "\\n";
                break;
            case '\r':
                _out += "\\r";
                break;
            case '\t':
                _out += "\\t";
                break;
            default:
                _out += "\\u00";
                _out.push_back(kHex[byte >> 4]);
                _out.push_back(kHex[byte & 0x0f]);
        }
    }
    _out.append(text.data() + plainFrom, text.size() - plainFrom);
    _out.push_back('"');
}

}  // namespace nusqa::http
