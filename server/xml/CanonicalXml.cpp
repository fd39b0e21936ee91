#include "xml/CanonicalXml.h"

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "xml/DocumentSchema.h"
#include "xml/LibXml.h"
#include "xml/SafeParser.h"

namespace nusqa {
namespace {

using xml::asChars;

constexpr std::string_view kSchemaNamespace = "http://www.w3.org/2001/XMLSchema";

bool isXmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view nameOf(const xmlNode* node) {
    return node->name != nullptr ? asChars(node->name) : "";
}

std::string_view attributeValue(const xmlNode* node, const char* name) {
    for (const xmlAttr* at = node->properties; at != nullptr; at = at->next)
        if (at->ns == nullptr && nameOf(reinterpret_cast<const xmlNode*>(at)) == name &&
            at->children != nullptr && at->children->content != nullptr)
            return asChars(at->children->content);
    return {};
}

bool isSchemaElement(const xmlNode* node, std::string_view localName) {
    return node->type == XML_ELEMENT_NODE && node->ns != nullptr && node->ns->href != nullptr &&
           asChars(node->ns->href) == kSchemaNamespace && nameOf(node) == localName;
}

void collectMixedTypes(const xmlNode* node, std::set<std::string, std::less<>>& types) {
    for (const xmlNode* at = node->children; at != nullptr; at = at->next) {
        if (at->type != XML_ELEMENT_NODE) continue;
        if (isSchemaElement(at, "complexType") && attributeValue(at, "mixed") == "true")
            types.emplace(attributeValue(at, "name"));
        collectMixedTypes(at, types);
    }
}

void collectMixedElements(const xmlNode* node, const std::set<std::string, std::less<>>& types,
                          std::set<std::string, std::less<>>& names) {
    for (const xmlNode* at = node->children; at != nullptr; at = at->next) {
        if (at->type != XML_ELEMENT_NODE) continue;
        if (isSchemaElement(at, "element") && types.contains(attributeValue(at, "type")))
            names.emplace(attributeValue(at, "name"));
        collectMixedElements(at, types, names);
    }
}

// The names of the elements whose type is mixed="true" in the built-in
// schemas/document.xsd (p, heading, b, docRef, ...), so the canonical form
// follows the schema when it changes. Read once.
const std::set<std::string, std::less<>>& mixedElements() {
    static const std::set<std::string, std::less<>> names = [] {
        std::set<std::string, std::less<>> result;
        std::string_view xsd = xml::documentSchemaXsd();
        auto parsed = xml::parseUntrusted(xsd, xsd.size() + 1);
        if (!parsed) return result;  // the schema is built in; tests parse it too
        const xmlNode* root = xmlDocGetRootElement(parsed->doc());
        std::set<std::string, std::less<>> types;
        collectMixedTypes(root, types);
        collectMixedElements(root, types, result);
        return result;
    }();
    return names;
}

void escapeText(std::string_view text, std::string& out) {
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '\r':
                out += "&#xD;";
                break;
            default:
                out += c;
        }
    }
}

void escapeAttribute(std::string_view text, std::string& out) {
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\t':
                out += "&#x9;";
                break;
            case '\n':
                out += "&#xA;";
                break;
            case '\r':
                out += "&#xD;";
                break;
            default:
                out += c;
        }
    }
}

class Writer {
public:
    std::string take() && { return std::move(_out); }

    void document(const xmlNode* root) {
        _out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        element(root, 0, true);
        _out += '\n';
    }

private:
    static bool inDocumentNamespace(const xmlNode* node) {
        return node->ns != nullptr && node->ns->href != nullptr &&
               asChars(node->ns->href) == xml::kDocumentNamespace;
    }

    static std::string qualifiedName(const xmlNode* node) {
        if (node->ns == nullptr || node->ns->prefix == nullptr || inDocumentNamespace(node))
            return std::string(nameOf(node));
        return std::string(asChars(node->ns->prefix)) + ":" + std::string(nameOf(node));
    }

    // Name, sorted declarations and attributes: `<name a="1" b="2"`.
    void startTag(const xmlNode* node, bool root, std::string& out) const {
        out += '<';
        out += qualifiedName(node);
        std::vector<std::pair<std::string, std::string>> declarations;
        std::vector<std::pair<std::string, std::string>> attributes;
        if (root && inDocumentNamespace(node))
            declarations.emplace_back("xmlns", xml::kDocumentNamespace);
        auto declare = [&](const xmlNs* ns) {
            if (ns == nullptr || ns->href == nullptr) return;
            std::string name =
                ns->prefix != nullptr ? "xmlns:" + std::string(asChars(ns->prefix)) : "xmlns";
            if (name == "xmlns:xml") return;
            if (std::none_of(declarations.begin(), declarations.end(),
                             [&](const auto& d) { return d.first == name; }))
                declarations.emplace_back(name, asChars(ns->href));
        };
        if (!inDocumentNamespace(node)) {
            if (node->ns != nullptr)
                declare(node->ns);
            else if (_defaultIsDocument)
                declarations.emplace_back("xmlns", "");
        }
        for (const xmlAttr* at = node->properties; at != nullptr; at = at->next) {
            std::string name(nameOf(reinterpret_cast<const xmlNode*>(at)));
            if (at->ns != nullptr && at->ns->prefix != nullptr) {
                declare(at->ns);
                name = std::string(asChars(at->ns->prefix)) + ":" + name;
            }
            xml::XmlCharPtr value(xmlNodeListGetString(node->doc, at->children, 1));
            attributes.emplace_back(std::move(name), value ? asChars(value.get()) : "");
        }
        std::sort(declarations.begin(), declarations.end());
        std::sort(attributes.begin(), attributes.end());
        for (const auto* list : {&declarations, &attributes}) {
            for (const auto& [name, value] : *list) {
                out += ' ';
                out += name;
                out += "=\"";
                escapeAttribute(value, out);
                out += '"';
            }
        }
    }

    static bool isText(const xmlNode* node) {
        return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE;
    }

    static bool hasOnlySpace(const xmlNode* node) {
        if (node->content == nullptr) return true;
        for (const char* c = asChars(node->content); *c != '\0'; ++c)
            if (!isXmlSpace(*c)) return false;
        return true;
    }

    bool isMixed(const xmlNode* node) const {
        if (inDocumentNamespace(node) && mixedElements().contains(nameOf(node))) return true;
        // Text among child elements where the schema wants none: kept as text.
        for (const xmlNode* at = node->children; at != nullptr; at = at->next)
            if (isText(at) && !hasOnlySpace(at)) return true;
        return false;
    }

    static bool hasElements(const xmlNode* node) {
        for (const xmlNode* at = node->children; at != nullptr; at = at->next)
            if (at->type == XML_ELEMENT_NODE) return true;
        return false;
    }

    void indent(int depth) { _out.append(static_cast<std::size_t>(depth) * 2, ' '); }

    void element(const xmlNode* node, int depth, bool root = false) {
        std::string tag;
        startTag(node, root, tag);
        _out += tag;
        bool saved = _defaultIsDocument;
        _defaultIsDocument =
            inDocumentNamespace(node) ||
            (_defaultIsDocument && node->ns != nullptr && node->ns->prefix != nullptr);
        if (!hasElements(node) || isMixed(node)) {
            // Text content: collapsed as the reader reads it.
            std::string content;
            inlineContent(node, content);
            if (content.empty()) {
                _out += "/>";
            } else {
                _out += '>';
                _out += content;
                closeTag(node);
            }
        } else {
            _out += ">\n";
            for (const xmlNode* at = node->children; at != nullptr; at = at->next) {
                if (at->type != XML_ELEMENT_NODE) continue;
                indent(depth + 1);
                element(at, depth + 1);
                _out += '\n';
            }
            indent(depth);
            closeTag(node);
        }
        _defaultIsDocument = saved;
    }

    void closeTag(const xmlNode* node) {
        _out += "</";
        _out += qualifiedName(node);
        _out += '>';
    }

    // Inline content is written in two passes over a flat list of events:
    // first the whitespace is collapsed across the elements (a space stays
    // where its run began, and goes when nothing follows it before the end
    // or a <br/>), then the elements left with nothing in them are dropped.
    struct Event {
        enum class Kind { Open, Close, Empty, Text } kind;
        const xmlNode* node = nullptr;
        std::string text;
        std::size_t close = 0;  // Open: the index of its Close
    };

    static void flatten(const xmlNode* node, std::vector<Event>& events) {
        for (const xmlNode* at = node->children; at != nullptr; at = at->next) {
            if (isText(at)) {
                if (at->content != nullptr)
                    events.push_back({Event::Kind::Text, at, asChars(at->content)});
            } else if (at->type == XML_ELEMENT_NODE) {
                if (at->children == nullptr) {
                    events.push_back({Event::Kind::Empty, at, {}});
                    continue;
                }
                std::size_t open = events.size();
                events.push_back({Event::Kind::Open, at, {}});
                flatten(at, events);
                events.push_back({Event::Kind::Close, at, {}});
                events[open].close = events.size() - 1;
            }  // comments and processing instructions are dropped
        }
    }

    static void collapse(std::vector<Event>& events) {
        bool atStart = true;
        bool pending = false;
        std::size_t slotEvent = 0, slotAt = 0;
        auto dropPending = [&] {
            if (pending) events[slotEvent].text.erase(slotAt, 1);
            pending = false;
        };
        for (std::size_t index = 0; index < events.size(); ++index) {
            Event& event = events[index];
            if (event.kind == Event::Kind::Empty && nameOf(event.node) == "br") {
                dropPending();
                atStart = true;
                continue;
            }
            if (event.kind != Event::Kind::Text) continue;
            std::string out;
            for (char c : event.text) {
                if (isXmlSpace(c)) {
                    if (!atStart && !pending) {
                        pending = true;
                        slotEvent = index;
                        slotAt = out.size();
                        out += ' ';
                    }
                    continue;
                }
                pending = false;
                atStart = false;
                out += c;
            }
            event.text = std::move(out);
        }
        dropPending();
    }

    bool droppedWhenEmpty(const xmlNode* node) const {
        return inDocumentNamespace(node) && mixedElements().contains(nameOf(node));
    }

    void writeEvents(const std::vector<Event>& events, std::size_t begin, std::size_t end,
                     std::string& out) const {
        for (std::size_t index = begin; index < end; ++index) {
            const Event& event = events[index];
            switch (event.kind) {
                case Event::Kind::Text:
                    escapeText(event.text, out);
                    break;
                case Event::Kind::Empty:
                case Event::Kind::Open: {
                    std::string inner;
                    if (event.kind == Event::Kind::Open) {
                        writeEvents(events, index + 1, event.close, inner);
                        index = event.close;
                    } else if (droppedWhenEmpty(event.node)) {
                        break;
                    }
                    if (inner.empty() && event.kind == Event::Kind::Open &&
                        droppedWhenEmpty(event.node))
                        break;  // <b> </b>: nothing for the reader
                    startTag(event.node, false, out);
                    if (inner.empty()) {
                        out += "/>";
                    } else {
                        out += '>';
                        out += inner;
                        out += "</";
                        out += qualifiedName(event.node);
                        out += '>';
                    }
                    break;
                }
                case Event::Kind::Close:
                    break;
            }
        }
    }

    void inlineContent(const xmlNode* node, std::string& out) const {
        std::vector<Event> events;
        flatten(node, events);
        collapse(events);
        writeEvents(events, 0, events.size(), out);
    }

    std::string _out;
    bool _defaultIsDocument = false;  // the default namespace in scope is the document's
};

}  // namespace

Result<std::string> canonicalEditionXml(std::string_view bytes, std::size_t maxBytes) {
    xml::ensureLibXmlReady();
    auto parsed = NUSQA_TRY(xml::parseUntrusted(bytes, maxBytes));
    const xmlNode* root = xmlDocGetRootElement(parsed.doc());
    if (root == nullptr)
        return fail(ErrorCode::InvalidDocument, "xml: the document has no root element");
    Writer writer;
    writer.document(root);
    return std::move(writer).take();
}

}  // namespace nusqa
