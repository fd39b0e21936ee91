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
    _out.push_back('"');
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        switch (c) {
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
                if (byte < 0x20) {
                    _out += "\\u00";
                    _out.push_back(kHex[byte >> 4]);
                    _out.push_back(kHex[byte & 0x0f]);
                } else {
                    _out.push_back(c);  // UTF-8 passes through unchanged
                }
        }
    }
    _out.push_back('"');
}

}  // namespace nusqa::http
