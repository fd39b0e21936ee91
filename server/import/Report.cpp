#include "import/Report.h"

#include <sstream>

namespace nusqa::import {
namespace {

void appendLines(std::string& json, const char* key, const std::vector<ReportLine>& lines,
                 const char* whatKey, bool withText) {
    json += ",\"";
    json += key;
    json += "\":[";
    bool first = true;
    for (const ReportLine& line : lines) {
        if (!first) json += ',';
        first = false;
        json += "{\"line\":" + std::to_string(line.line);
        if (line.column >= 0) json += ",\"column\":" + std::to_string(line.column);
        if (whatKey != nullptr)
            json += ",\"" + std::string(whatKey) + "\":" + jsonString(line.what);
        if (withText) json += ",\"text\":" + jsonString(line.text);
        json += '}';
    }
    json += ']';
}

// How the summary names an element: "3 clauses", "2 term lists".
std::string plural(int count, const std::string& element) {
    static const std::map<std::string, std::pair<std::string, std::string>> kNames{
        {"p", {"text paragraph", "text paragraphs"}},
        {"paragraph", {"paragraph (Параграф)", "paragraphs (Параграф)"}},
        {"tr", {"table row", "table rows"}},
        {"references", {"reference list", "reference lists"}},
        {"ref", {"reference", "references"}},
        {"terms", {"term list", "term lists"}},
        {"term", {"term", "terms"}},
        {"abbreviations", {"abbreviation list", "abbreviation lists"}},
        {"subclause", {"sub-clause", "sub-clauses"}},
    };
    auto named = kNames.find(element);
    if (named != kNames.end())
        return std::to_string(count) + " " +
               (count == 1 ? named->second.first : named->second.second);
    const std::string& word = element;
    if (count == 1) return "1 " + word;
    if (word.ends_with("y"))
        return std::to_string(count) + " " + word.substr(0, word.size() - 1) + "ies";
    if (word.ends_with("s")) return std::to_string(count) + " " + word + "es";
    return std::to_string(count) + " " + word + "s";
}

std::string shorten(const std::string& text, std::size_t maxBytes = 70) {
    if (text.size() <= maxBytes) return text;
    std::size_t cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "…";
}

}  // namespace

std::string jsonString(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                if (c < 0x20) {
                    const char* hex = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
    return out;
}

std::string ImportReport::toJson() const {
    std::string json = "{\"source\":" + jsonString(source) + ",\"format\":" + jsonString(format) +
                       ",\"bytes\":" + std::to_string(bytes) +
                       ",\"lines\":" + std::to_string(lines) +
                       ",\"profile\":" + jsonString(profile);
    json += ",\"facts\":{\"code\":" + jsonString(code) + ",\"kind\":" + jsonString(kind) +
            ",\"title\":" + jsonString(title) + ",\"language\":" + jsonString(language) +
            ",\"edition\":" + std::to_string(edition) + "}";
    json += ",\"counts\":{";
    bool first = true;
    for (const auto& [name, count] : counts) {
        if (!first) json += ',';
        first = false;
        json += jsonString(name) + ":" + std::to_string(count);
    }
    json += '}';
    appendLines(json, "meta", meta, "field", true);
    appendLines(json, "plainParagraphs", plain, nullptr, true);
    appendLines(json, "dropped", dropped, "reason", true);
    appendLines(json, "warnings", warnings, "message", false);
    json += ",\"notes\":[";
    for (std::size_t i = 0; i < notes.size(); ++i) json += (i ? "," : "") + jsonString(notes[i]);
    json += "]}";
    return json;
}

std::string ImportReport::summary(std::size_t maxListed) const {
    std::ostringstream out;
    out << source << " (" << format << ", " << bytes << " bytes, " << lines << " lines)\n";
    out << "  document: " << code << " «" << title << "» — " << kind << ", " << language
        << ", edition " << edition;
    if (!profile.empty()) out << ", profile " << profile;
    out << "\n";
    out << "  recognised:";
    static const char* const kOrder[] = {
        "chapter",       "paragraph",    "section", "clause",     "subclause", "p",       "list",
        "item",          "table",        "tr",      "references", "ref",       "terms",   "term",
        "abbreviations", "abbreviation", "form",    "annex",      "change",    "approver"};
    bool any = false;
    for (const char* name : kOrder) {
        auto found = counts.find(name);
        if (found == counts.end() || found->second == 0) continue;
        out << (any ? ", " : " ") << plural(found->second, name);
        any = true;
    }
    out << (any ? "\n" : " nothing\n");
    out << "  metadata from " << plural(static_cast<int>(meta.size()), "line") << "\n";
    if (!dropped.empty()) {
        std::map<std::string, int> reasons;
        for (const ReportLine& line : dropped) ++reasons[line.what];
        out << "  dropped " << plural(static_cast<int>(dropped.size()), "line") << ":";
        bool firstReason = true;
        for (const auto& [reason, count] : reasons) {
            out << (firstReason ? " " : ", ") << reason << " " << count;
            firstReason = false;
        }
        out << "\n";
    }
    if (!plain.empty()) {
        out << "  plain paragraphs: " << plain.size() << " (line";
        for (std::size_t i = 0; i < plain.size() && i < maxListed; ++i)
            out << (i ? ", " : " ") << plain[i].line;
        if (plain.size() > maxListed) out << ", …";
        out << ")\n";
    }
    for (const std::string& note : notes) out << "  note: " << note << "\n";
    out << "  warnings: " << warnings.size() << "\n";
    for (std::size_t i = 0; i < warnings.size() && i < maxListed; ++i) {
        out << "    ";
        if (warnings[i].line > 0) out << "line " << warnings[i].line << ": ";
        out << shorten(warnings[i].what, 160) << "\n";
    }
    if (warnings.size() > maxListed)
        out << "    … " << warnings.size() - maxListed << " more in the JSON report\n";
    return out.str();
}

}  // namespace nusqa::import
