// Private to the xml module: libxml2 process set-up, RAII ownership of
// libxml2 objects and the collection of libxml2 errors as ErrorDetails.
// Nothing outside server/xml includes this (libxml2 is linked PRIVATE).
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Error.h"

namespace nusqa::xml {

// The namespace of schemas/document.xsd.
inline constexpr std::string_view kDocumentNamespace = "urn:nusqa:document:1";

// Initialises libxml2 (xmlInitParser) and installs the deny-all external
// entity loader, once per process; later calls return at once.
// Thread-safe. Every entry point of the module calls it first.
//
// The loader is process-wide state of libxml2: from then on no libxml2 (or
// libxslt) user in this process can load an external entity, DTD, XInclude,
// schema import or stylesheet through a URL or path. Code that needs such a
// document must read the bytes itself and parse them from memory.
void ensureLibXmlReady();

template <auto Free>
struct LibXmlDeleter {
    template <typename T>
    void operator()(T* object) const {
        Free(object);
    }
};

// xmlFree is a function pointer variable, not a function.
struct XmlFreeDeleter {
    void operator()(void* memory) const { xmlFree(memory); }
};

using DocPtr = std::unique_ptr<xmlDoc, LibXmlDeleter<xmlFreeDoc>>;
using ParserCtxtPtr = std::unique_ptr<xmlParserCtxt, LibXmlDeleter<xmlFreeParserCtxt>>;
using SchemaPtr = std::unique_ptr<xmlSchema, LibXmlDeleter<xmlSchemaFree>>;
using SchemaParserCtxtPtr =
    std::unique_ptr<xmlSchemaParserCtxt, LibXmlDeleter<xmlSchemaFreeParserCtxt>>;
using SchemaValidCtxtPtr =
    std::unique_ptr<xmlSchemaValidCtxt, LibXmlDeleter<xmlSchemaFreeValidCtxt>>;
using XmlCharPtr = std::unique_ptr<xmlChar, XmlFreeDeleter>;

// libxml2 strings are UTF-8 bytes typed as unsigned char.
inline const char* asChars(const xmlChar* text) {
    return reinterpret_cast<const char*>(text);
}
inline const xmlChar* asXmlChars(const char* text) {
    return reinterpret_cast<const xmlChar*>(text);
}

// One libxml2 message made readable: trailing newlines and spaces removed,
// "{urn:nusqa:document:1}name" shortened to "name".
std::string cleanMessage(const char* message);

// Collects problems for one parse or validation. Keeps the first
// kMaxDetails and counts the rest, so that a hostile document with a
// million errors cannot make us hold a million strings.
// Not thread-safe; one per parse/validation context.
class ErrorSink {
public:
    static constexpr std::size_t kMaxDetails = 100;

    void add(ErrorDetail detail);
    bool empty() const { return _total == 0; }
    std::size_t total() const { return _total; }

    // InvalidDocument (or another code) with what was collected;
    // summary is e.g. "xml: not well-formed".
    std::unexpected<Error> fail(ErrorCode code, std::string_view summary) &&;

private:
    std::vector<ErrorDetail> _details;
    std::size_t _total = 0;
};

}  // namespace nusqa::xml
