// JsonWriter: builds compact JSON text into a string, with exact UTF-8
// pass-through and RFC 8259 escaping. Faster than a DOM for responses on the
// hot path. Not thread-safe; one writer per response. The caller keeps the
// structure balanced (begin/end pairs, key before each object member).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace nusqa::http {

class JsonWriter {
public:
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(bool flag);
    // The shortest text that reads back as number; null when not finite.
    JsonWriter& value(double number);
    JsonWriter& null();

    const std::string& text() const { return _out; }
    std::string take() { return std::move(_out); }

private:
    void separate();
    void appendString(std::string_view text);

    std::string _out;
    bool _needComma = false;
};

}  // namespace nusqa::http
