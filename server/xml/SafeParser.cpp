#include "xml/SafeParser.h"

#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>

namespace nusqa::xml {
namespace {

// No NOENT (it would expand entities and read local files even with
// NONET), no DTDLOAD/DTDATTR/DTDVALID, no HUGE, no XINCLUDE.
// BIG_LINES: line numbers past 65535 stay right in a 20 MiB document.
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_BIG_LINES;

constexpr std::string_view kDoctypeMessage =
    "DOCTYPE declarations are not allowed: documents must not declare a DTD or entities "
    "(nothing in it was read)";

// State of one parse, reached from libxml2 callbacks through
// xmlParserCtxt::_private (libxml2 leaves that field to the application).
struct ParseSession {
    std::string_view bytes;
    ErrorSink sink;
    bool sawDoctype = false;
};

// Null outside parseUntrusted's call of xmlParseDocument.
ParseSession* sessionOf(void* context) {
    return static_cast<ParseSession*>(static_cast<xmlParserCtxt*>(context)->_private);
}

// True while the parser reads the caller's bytes unchanged, so that its
// position is a byte offset into them; false when libxml2 transcodes
// (UTF-16, ISO-8859-x, ...) or reads an entity.
bool readsRawBytes(const xmlParserCtxt* ctxt) {
    return ctxt->inputNr == 1 && ctxt->input != nullptr && ctxt->input->buf != nullptr &&
           ctxt->input->buf->encoder == nullptr;
}

std::size_t byteOffset(const xmlParserCtxt* ctxt) {
    return static_cast<std::size_t>(ctxt->input->consumed) +
           static_cast<std::size_t>(ctxt->input->cur - ctxt->input->base);
}

// 1-based column of offset on the line starting at lineStart, in characters
// (UTF-8 continuation bytes do not count).
int columnOf(std::string_view bytes, std::size_t lineStart, std::size_t offset) {
    int column = 1;
    for (std::size_t at = lineStart; at < offset && at < bytes.size(); ++at)
        if ((static_cast<unsigned char>(bytes[at]) & 0xC0) != 0x80) ++column;
    return column;
}

// Structured error handler of the parser context (set in its own SAX
// handler, so no global or thread-local libxml2 state is involved).
void onParserError(void* userData, xmlErrorPtr error) {
    ParseSession* session = sessionOf(userData);
    if (session == nullptr || error == nullptr || error->level < XML_ERR_ERROR)
        return;  // warnings do not reject
    session->sink.add({error->line, error->int2, cleanMessage(error->message)});
}

// Called by libxml2 right after "<!DOCTYPE name [ExternalID]" and before the
// internal subset or the external DTD is read: stop here.
void onDoctype(void* context, const xmlChar* /*name*/, const xmlChar* /*externalId*/,
               const xmlChar* /*systemId*/) {
    auto* ctxt = static_cast<xmlParserCtxt*>(context);
    ParseSession* session = sessionOf(context);
    if (session == nullptr) {
        xmlStopParser(ctxt);
        return;
    }
    ErrorDetail detail{ctxt->input->line, ctxt->input->col, std::string(kDoctypeMessage)};
    if (readsRawBytes(ctxt)) {
        // Point at "<!DOCTYPE" itself rather than where libxml2 stopped.
        std::string_view before = session->bytes.substr(0, byteOffset(ctxt));
        std::size_t start = before.rfind("<!DOCTYPE");
        if (start != std::string_view::npos) {
            std::size_t lineStart = before.rfind('\n', start);
            lineStart = lineStart == std::string_view::npos ? 0 : lineStart + 1;
            detail.line =
                1 + static_cast<int>(std::count(before.begin(), before.begin() + start, '\n'));
            detail.column = columnOf(session->bytes, lineStart, start);
        }
    }
    session->sink.add(std::move(detail));
    session->sawDoctype = true;
    // Last: stopping frees the input buffer the position was taken from.
    xmlStopParser(ctxt);
}

// The default element handler, plus where the start tag ended in the input
// (kept in xmlNode::_private, which libxml2 leaves to the application), so
// that schema errors can report a column and not only a line.
void onStartElement(void* context, const xmlChar* localName, const xmlChar* prefix,
                    const xmlChar* uri, int namespaceCount, const xmlChar** namespaces,
                    int attributeCount, int defaultedCount, const xmlChar** attributes) {
    xmlSAX2StartElementNs(context, localName, prefix, uri, namespaceCount, namespaces,
                          attributeCount, defaultedCount, attributes);
    auto* ctxt = static_cast<xmlParserCtxt*>(context);
    xmlNode* node = ctxt->node;
    if (node == nullptr || !xmlStrEqual(node->name, localName) || !readsRawBytes(ctxt)) return;
    node->_private = reinterpret_cast<void*>(static_cast<std::uintptr_t>(byteOffset(ctxt) + 1));
}

xmlEntityPtr noEntity(void* /*context*/, const xmlChar* /*name*/) {
    return nullptr;
}

xmlParserInputPtr noExternalResource(void* /*context*/, const xmlChar* /*publicId*/,
                                     const xmlChar* /*systemId*/) {
    return nullptr;
}

// Our callbacks in place of libxml2's defaults in this context's own SAX
// handler. Besides stopping at the DOCTYPE, nothing can declare, look up or
// resolve an entity or a DTD, even if the parser went on.
void hardenSaxHandler(xmlSAXHandler& sax) {
    sax.serror = onParserError;
    sax.internalSubset = onDoctype;
    sax.externalSubset = nullptr;
    sax.entityDecl = nullptr;
    sax.unparsedEntityDecl = nullptr;
    sax.attributeDecl = nullptr;
    sax.elementDecl = nullptr;
    sax.notationDecl = nullptr;
    sax.getEntity = noEntity;
    sax.getParameterEntity = noEntity;
    sax.resolveEntity = noExternalResource;
    sax.startElementNs = onStartElement;
}

}  // namespace

ParsedXml::ParsedXml(DocPtr doc, std::string_view bytes, bool offsetsAreBytes)
    : _doc(std::move(doc)), _bytes(bytes), _offsetsAreBytes(offsetsAreBytes) {}

std::size_t ParsedXml::lineIndex(std::size_t offset) const {
    if (_lineStarts.empty()) {
        _lineStarts.push_back(0);
        for (std::size_t at = 0; at < _bytes.size(); ++at)
            if (_bytes[at] == '\n') _lineStarts.push_back(at + 1);
    }
    auto after = std::upper_bound(_lineStarts.begin(), _lineStarts.end(), offset);
    return static_cast<std::size_t>(after - _lineStarts.begin()) - 1;
}

ErrorDetail ParsedXml::atOffset(std::size_t offset) const {
    std::size_t line = lineIndex(offset);
    return {static_cast<int>(line + 1), columnOf(_bytes, _lineStarts[line], offset), {}};
}

std::optional<std::pair<std::size_t, std::size_t>> ParsedXml::startTag(
    const xmlNode* element) const {
    if (element == nullptr || element->type != XML_ELEMENT_NODE || !_offsetsAreBytes ||
        element->_private == nullptr)
        return std::nullopt;
    // The start tag ends at the recorded offset; '<' cannot occur inside
    // it (not even in attribute values), so the last '<' before is its start.
    std::size_t end = reinterpret_cast<std::uintptr_t>(element->_private) - 1;
    if (end == 0 || end > _bytes.size()) return std::nullopt;
    std::size_t start = _bytes.rfind('<', end - 1);
    if (start == std::string_view::npos) return std::nullopt;
    return std::pair{start, end};
}

ErrorDetail ParsedXml::locate(const xmlNode* node) const {
    if (node == nullptr) return {};
    if (node->type == XML_ATTRIBUTE_NODE) {
        std::string name = asChars(node->name);
        if (node->ns != nullptr && node->ns->prefix != nullptr)
            name = std::string(asChars(node->ns->prefix)) + ":" + name;
        return locateAttribute(node->parent, name);
    }
    if (auto tag = startTag(node)) return atOffset(tag->first);
    long line = xmlGetLineNo(node);
    return {line > 0 ? static_cast<int>(line) : 0, 0, {}};
}

ErrorDetail ParsedXml::locateAttribute(const xmlNode* element, std::string_view name) const {
    auto tag = startTag(element);
    if (!tag) return locate(element);
    // Walk the attributes of the well-formed tag: name = 'value' | "value".
    std::string_view text = _bytes.substr(tag->first, tag->second - tag->first);
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t at = text.find_first_of(" \t\r\n/>");
    while (at < text.size()) {
        while (at < text.size() && isSpace(text[at])) ++at;
        std::size_t nameStart = at;
        while (at < text.size() && !isSpace(text[at]) && text[at] != '=' && text[at] != '/' &&
               text[at] != '>')
            ++at;
        if (at == nameStart) break;
        if (text.substr(nameStart, at - nameStart) == name) return atOffset(tag->first + nameStart);
        std::size_t quote = text.find_first_of("'\"", at);
        if (quote == std::string_view::npos) break;
        std::size_t close = text.find(text[quote], quote + 1);
        if (close == std::string_view::npos) break;
        at = close + 1;
    }
    return atOffset(tag->first);
}

Result<ParsedXml> parseUntrusted(std::string_view bytes, std::size_t maxBytes,
                                 const XmlLimits& limits) {
    ensureLibXmlReady();
    if (bytes.size() > maxBytes || bytes.size() > static_cast<std::size_t>(INT_MAX))
        return fail(ErrorCode::TooLarge, "xml: document of " + std::to_string(bytes.size()) +
                                             " bytes is over the limit of " +
                                             std::to_string(maxBytes) + " bytes");
    if (bytes.empty())
        return fail(ErrorCode::InvalidDocument, "xml: empty document",
                    {{1, 1, "the document is empty"}});
    // Linear, before libxml2: what it would need quadratic time for.
    NUSQA_TRY(prescanXml(bytes, limits));

    ParserCtxtPtr ctxt(xmlCreateMemoryParserCtxt(bytes.data(), static_cast<int>(bytes.size())));
    if (!ctxt) return fail(ErrorCode::Internal, "xml: cannot create a libxml2 parser context");
    xmlCtxtUseOptions(ctxt.get(), kParseOptions);
    // Belt and braces over the options: whatever per-thread defaults other
    // libxml2 users set, this context loads and validates nothing.
    ctxt->loadsubset = 0;
    ctxt->validate = 0;
    ctxt->replaceEntities = 0;
    hardenSaxHandler(*ctxt->sax);

    ParseSession session{bytes, {}};
    ctxt->_private = &session;
    xmlParseDocument(ctxt.get());
    DocPtr doc(ctxt->myDoc);
    ctxt->myDoc = nullptr;
    const bool wellFormed = ctxt->wellFormed != 0 && ctxt->nsWellFormed != 0;
    const bool offsetsAreBytes = ctxt->input == nullptr || ctxt->input->buf == nullptr ||
                                 ctxt->input->buf->encoder == nullptr;
    ctxt->_private = nullptr;

    if (!session.sink.empty() || !wellFormed || !doc ||
        xmlDocGetRootElement(doc.get()) == nullptr) {
        if (session.sink.empty())
            session.sink.add({ctxt->input != nullptr ? ctxt->input->line : 0, 0,
                              "the document is not well-formed"});
        return std::move(session.sink)
            .fail(ErrorCode::InvalidDocument,
                  session.sawDoctype ? "xml: rejected" : "xml: not well-formed");
    }
    return ParsedXml(std::move(doc), bytes, offsetsAreBytes);
}

}  // namespace nusqa::xml
