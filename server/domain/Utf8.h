// UTF-8 encoding of code points, shared by the modules that work on text
// by code point (render's line breaking, the importer, the .docx reader).
// Standard library only; pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace nusqa {

// Appends the UTF-8 bytes of one code point (no validation: the caller
// passes scalar values).
void appendUtf8(std::string& out, char32_t codePoint);
std::string encodeUtf8(std::u32string_view text);

}  // namespace nusqa
