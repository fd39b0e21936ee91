#include "render/reader/detail/Dom.h"

namespace nusqa::render::reader::dom {
namespace {

const char* chars(const xmlChar* text) {
    return reinterpret_cast<const char*>(text);
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string collapse(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    bool pendingSpace = false;
    for (char c : text) {
        if (isSpace(c)) {
            pendingSpace = true;
            continue;
        }
        if (pendingSpace && !result.empty()) result += ' ';
        pendingSpace = false;
        result += c;
    }
    return result;
}

void collectText(const xmlNode* node, std::string& out) {
    for (const xmlNode* at = node->children; at != nullptr; at = at->next) {
        if (at->type == XML_TEXT_NODE || at->type == XML_CDATA_SECTION_NODE) {
            if (at->content != nullptr) out += chars(at->content);
        } else if (at->type == XML_ELEMENT_NODE) {
            collectText(at, out);
        }
    }
}

void collectRuns(const xmlNode* node, content::Run style, content::Inline& out) {
    for (const xmlNode* at = node->children; at != nullptr; at = at->next) {
        if (at->type == XML_TEXT_NODE || at->type == XML_CDATA_SECTION_NODE) {
            if (at->content == nullptr) continue;
            content::Run run = style;
            run.text = chars(at->content);
            out.push_back(std::move(run));
            continue;
        }
        if (at->type != XML_ELEMENT_NODE) continue;
        std::string_view name = nameOf(at);
        content::Run inner = style;
        if (name == "b")
            inner.bold = true;
        else if (name == "i")
            inner.italic = true;
        else if (name == "u")
            inner.underline = true;
        else if (name == "sup")
            inner.script = content::Run::Script::Superscript;
        else if (name == "sub")
            inner.script = content::Run::Script::Subscript;
        else if (name == "br") {
            content::Run lineBreak;
            lineBreak.lineBreak = true;
            out.push_back(std::move(lineBreak));
            continue;
        }
        collectRuns(at, inner, out);
    }
}

}  // namespace

std::vector<const xmlNode*> elements(const xmlNode* node) {
    std::vector<const xmlNode*> result;
    if (node == nullptr) return result;
    for (const xmlNode* at = node->children; at != nullptr; at = at->next)
        if (at->type == XML_ELEMENT_NODE) result.push_back(at);
    return result;
}

std::string_view nameOf(const xmlNode* node) {
    if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr) return {};
    return chars(node->name);
}

const xmlNode* child(const xmlNode* node, std::string_view name) {
    if (node == nullptr) return nullptr;
    for (const xmlNode* at = node->children; at != nullptr; at = at->next)
        if (at->type == XML_ELEMENT_NODE && nameOf(at) == name) return at;
    return nullptr;
}

std::string attribute(const xmlNode* node, const char* name, std::string fallback) {
    if (node == nullptr) return fallback;
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (value == nullptr) return fallback;
    std::string result = chars(value);
    xmlFree(value);
    return result;
}

std::string text(const xmlNode* node) {
    if (node == nullptr) return {};
    std::string raw;
    collectText(node, raw);
    return collapse(raw);
}

std::string childText(const xmlNode* node, std::string_view name) {
    return text(child(node, name));
}

void collapseWhitespace(content::Inline& runs) {
    bool pendingSpace = false;
    bool atStart = true;
    for (content::Run& run : runs) {
        if (run.lineBreak) {
            pendingSpace = false;
            atStart = true;
            continue;
        }
        std::string result;
        for (char c : run.text) {
            if (isSpace(c)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && !atStart) result += ' ';
            pendingSpace = false;
            atStart = false;
            result += c;
        }
        run.text = std::move(result);
    }
    std::erase_if(runs, [](const content::Run& run) { return !run.lineBreak && run.text.empty(); });
}

content::Inline inlineText(const xmlNode* node) {
    content::Inline runs;
    if (node == nullptr) return runs;
    collectRuns(node, content::Run{}, runs);
    collapseWhitespace(runs);
    return runs;
}

}  // namespace nusqa::render::reader::dom
