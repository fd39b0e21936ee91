#include "xml/XmlTestUtil.h"

#include <stdexcept>

#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

void appendUtf8(std::string& out, unsigned long codePoint) {
    if (codePoint < 0x80) {
        out += static_cast<char>(codePoint);
    } else if (codePoint < 0x800) {
        out += static_cast<char>(0xC0 | (codePoint >> 6));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    } else if (codePoint < 0x10000) {
        out += static_cast<char>(0xE0 | (codePoint >> 12));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (codePoint >> 18));
        out += static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    }
}

void appendDecoded(std::string& out, std::string_view reference) {
    if (reference == "amp")
        out += '&';
    else if (reference == "lt")
        out += '<';
    else if (reference == "gt")
        out += '>';
    else if (reference == "quot")
        out += '"';
    else if (reference == "apos")
        out += '\'';
    else if (reference.starts_with("#x"))
        appendUtf8(out, std::stoul(std::string(reference.substr(2)), nullptr, 16));
    else if (reference.starts_with("#"))
        appendUtf8(out, std::stoul(std::string(reference.substr(1)), nullptr, 10));
    else
        throw std::runtime_error("textContent: unknown entity " + std::string(reference));
}

std::size_t endOf(std::string_view xml, std::size_t from, std::string_view marker) {
    std::size_t at = xml.find(marker, from);
    if (at == std::string_view::npos) throw std::runtime_error("textContent: unterminated markup");
    return at + marker.size();
}

}  // namespace

std::string readFixture(const std::string& name) {
    return readFile(fixture(name));
}

std::string errorText(const Error& error) {
    std::string text = error.message + "\n";
    for (const ErrorDetail& detail : error.details) text += detail.message + "\n";
    return text;
}

std::string textContent(std::string_view xml) {
    std::string text;
    std::size_t at = 0;
    while (at < xml.size()) {
        char c = xml[at];
        if (c == '&') {
            std::size_t semicolon = xml.find(';', at);
            appendDecoded(text, xml.substr(at + 1, semicolon - at - 1));
            at = semicolon + 1;
        } else if (c != '<') {
            text += c;
            ++at;
        } else if (xml.substr(at).starts_with("<!--")) {
            at = endOf(xml, at, "-->");
        } else if (xml.substr(at).starts_with("<![CDATA[")) {
            std::size_t end = endOf(xml, at, "]]>");
            text += xml.substr(at + 9, end - 3 - (at + 9));
            at = end;
        } else if (xml.substr(at).starts_with("<?")) {
            at = endOf(xml, at, "?>");
        } else {
            // A tag; '>' may occur inside quoted attribute values.
            char quote = 0;
            for (++at; at < xml.size(); ++at) {
                if (quote != 0) {
                    if (xml[at] == quote) quote = 0;
                } else if (xml[at] == '"' || xml[at] == '\'') {
                    quote = xml[at];
                } else if (xml[at] == '>') {
                    break;
                }
            }
            ++at;
        }
    }
    return text;
}

std::string_view elementSource(std::string_view xml, std::string_view name) {
    std::string open = "<" + std::string(name);
    std::size_t start = xml.find(open);
    while (start != std::string_view::npos) {
        char next = start + open.size() < xml.size() ? xml[start + open.size()] : '\0';
        if (next == ' ' || next == '>' || next == '/' || next == '\n') break;
        start = xml.find(open, start + 1);
    }
    if (start == std::string_view::npos) return {};
    std::size_t tagEnd = xml.find('>', start);
    if (tagEnd != std::string_view::npos && xml[tagEnd - 1] == '/')
        return xml.substr(start, tagEnd + 1 - start);
    std::string close = "</" + std::string(name) + ">";
    std::size_t end = xml.find(close, start);
    if (end == std::string_view::npos) return {};
    return xml.substr(start, end + close.size() - start);
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

std::string_view after(std::string_view xml, std::string_view marker) {
    std::size_t at = xml.find(marker);
    return at == std::string_view::npos ? std::string_view() : xml.substr(at + marker.size());
}

std::string replaceOnce(std::string text, std::string_view from, std::string_view to) {
    std::size_t at = text.find(from);
    if (at == std::string::npos)
        throw std::runtime_error("replaceOnce: '" + std::string(from) + "' not found");
    text.replace(at, from.size(), to);
    return text;
}

std::string toUtf16WithBom(std::string_view utf8) {
    std::string out = "\xFF\xFE";
    auto unit = [&out](unsigned value) {
        out += static_cast<char>(value & 0xFF);
        out += static_cast<char>(value >> 8);
    };
    for (std::size_t at = 0; at < utf8.size();) {
        auto byte = static_cast<unsigned char>(utf8[at]);
        int length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
        unsigned long codePoint = length == 1   ? byte
                                  : length == 2 ? byte & 0x1F
                                  : length == 3 ? byte & 0x0F
                                                : byte & 0x07;
        for (int i = 1; i < length; ++i)
            codePoint = (codePoint << 6) | (static_cast<unsigned char>(utf8[at + i]) & 0x3F);
        at += static_cast<std::size_t>(length);
        if (codePoint < 0x10000) {
            unit(static_cast<unsigned>(codePoint));
        } else {
            codePoint -= 0x10000;
            unit(0xD800 + static_cast<unsigned>(codePoint >> 10));
            unit(0xDC00 + static_cast<unsigned>(codePoint & 0x3FF));
        }
    }
    return out;
}

}  // namespace nusqa::test
