#include "import/TextSource.h"

#include <cstring>

#include "import/detail/Inline.h"
#include "import/detail/TextTables.h"
#include "import/detail/Unwrap.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

std::string prefix(const std::string& name) {
    return "import: " + name + ": ";
}

// 1-based line and column (in characters) of a byte offset whose bytes
// before it are valid UTF-8.
std::pair<std::size_t, std::size_t> lineAndColumn(std::string_view bytes, std::size_t offset) {
    std::size_t line = 1, lineStart = 0;
    for (std::size_t i = 0; i < offset; ++i)
        if (bytes[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    std::size_t column = 1;
    for (std::size_t at = lineStart; at < offset;) {
        decodeAt(bytes, at);
        ++column;
    }
    return {line, column};
}

std::string hexByte(unsigned char byte) {
    const char* digits = "0123456789ABCDEF";
    return std::string("0x") + digits[byte >> 4] + digits[byte & 15];
}

// "## text ##" -> level 2, "text"; level 0 when the line is no heading.
int headingLevel(std::string_view line, std::string_view& text) {
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') ++i;
    std::size_t hashes = 0;
    while (i + hashes < line.size() && line[i + hashes] == '#') ++hashes;
    if (hashes == 0 || hashes > 6) return 0;
    std::size_t after = i + hashes;
    if (after < line.size() && line[after] != ' ' && line[after] != '\t') return 0;
    std::string_view rest = trim(line.substr(after));
    while (!rest.empty() && rest.back() == '#') rest.remove_suffix(1);
    text = trim(rest);
    return static_cast<int>(hashes);
}

// Splits into lines (\n, \r\n, \r; a form feed ends a line too) and removes
// the control characters XML cannot hold.
std::vector<TextLine> splitLines(std::string_view text, std::size_t& removedControls) {
    std::vector<TextLine> lines;
    std::string current;
    int number = 1;
    auto endLine = [&] {
        lines.push_back({number++, std::move(current)});
        current.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            endLine();
        } else if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            endLine();
        } else if (c == '\f') {
            endLine();
        } else if (c < 0x20 && c != '\t') {
            ++removedControls;
        } else if (c == 0xEF && i + 2 < text.size() &&
                   static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                   (static_cast<unsigned char>(text[i + 2]) == 0xBE ||
                    static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
            ++removedControls;  // U+FFFE, U+FFFF: not characters
            i += 2;
        } else {
            current += static_cast<char>(c);
        }
    }
    if (!current.empty()) endLine();
    return lines;
}

SourceParagraph paragraphOf(const TextLine& line, InlineState& state) {
    SourceParagraph paragraph;
    paragraph.line = line.number;
    std::string_view text = line.text;
    std::string_view headingText;
    if (int level = headingLevel(text, headingText); level > 0) {
        paragraph.headingLevel = level;
        text = headingText;
    }
    std::vector<Run> runs;
    for (auto& part : parseInline(text, state)) {
        if (!runs.empty()) runs.push_back(Run{"\n", false, false, false, {}});
        for (Run& run : part) runs.push_back(std::move(run));
    }
    paragraph.runs = trimRuns(std::move(runs));
    return paragraph;
}

}  // namespace

Result<SourceDocument> readTextSource(std::string_view bytes, std::string name, SourceFormat format,
                                      const TextLimits& limits) {
    if (bytes.size() > limits.maxBytes)
        return fail(ErrorCode::TooLarge,
                    prefix(name) + std::to_string(bytes.size()) + " bytes is over the limit of " +
                        std::to_string(limits.maxBytes) + " bytes for a text document");
    if (trim(bytes).empty())
        return fail(ErrorCode::InvalidDocument, prefix(name) + "the file is empty");
    if (const void* nul = std::memchr(bytes.data(), 0, bytes.size())) {
        std::size_t offset = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
        return fail(ErrorCode::InvalidDocument,
                    prefix(name) + "NUL byte at offset " + std::to_string(offset) +
                        ": this is a binary file, not text (a .docx must be named .docx)");
    }
    if (auto bad = invalidUtf8Offset(bytes)) {
        auto [line, column] = lineAndColumn(bytes, *bad);
        return fail(ErrorCode::InvalidDocument,
                    prefix(name) + "not valid UTF-8: byte " +
                        hexByte(static_cast<unsigned char>(bytes[*bad])) + " at offset " +
                        std::to_string(*bad) + " (line " + std::to_string(line) + ", column " +
                        std::to_string(column) + "); save the file as UTF-8",
                    {{static_cast<int>(line), static_cast<int>(column),
                      "invalid UTF-8 byte at offset " + std::to_string(*bad)}});
    }
    std::string_view text = bytes;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);

    SourceDocument document;
    document.name = std::move(name);
    document.format = format;
    document.bytes = bytes.size();
    std::size_t removedControls = 0;
    std::vector<TextLine> lines = splitLines(text, removedControls);
    document.lines = static_cast<int>(lines.size());
    for (const TextLine& line : lines)
        if (line.text.size() > limits.maxLineBytes)
            return fail(ErrorCode::TooLarge,
                        prefix(document.name) + "line " + std::to_string(line.number) + " has " +
                            std::to_string(line.text.size()) + " bytes, over the limit of " +
                            std::to_string(limits.maxLineBytes));
    if (removedControls > 0)
        document.notes.push_back(std::to_string(removedControls) +
                                 " control characters removed (XML cannot hold them)");
    Unwrapped unwrapped = unwrapLines(lines, document.skipped, document.runningText);
    if (unwrapped.runningLines > 0)
        document.notes.push_back(std::to_string(unwrapped.runningLines) +
                                 " lines of a running header removed (listed as dropped)");
    if (unwrapped.width > 0)
        document.notes.push_back("the text is cut into lines of at most " +
                                 std::to_string(unwrapped.width) +
                                 " characters: " + std::to_string(unwrapped.joinedLines) +
                                 " lines joined to the line before them");

    InlineState state;
    for (std::size_t at = 0; at < lines.size();) {
        if (startsTable(lines, at)) {
            state = {};
            document.blocks.push_back({readTable(lines, at, document.skipped)});
            continue;
        }
        document.blocks.push_back({paragraphOf(lines[at], state)});
        ++at;
    }
    return document;
}

}  // namespace nusqa::import
