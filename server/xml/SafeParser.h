// Private to the xml module: parsing untrusted bytes with libxml2.
//
// What is refused, and why:
//  - any DOCTYPE (internal subset or external DTD): rejected the moment
//    libxml2 has read "<!DOCTYPE name ...", before the internal subset or
//    the external DTD is read, so no entity is ever declared, expanded or
//    fetched (billion laughs, XXE, SSRF);
//  - network access (XML_PARSE_NONET) and every external entity (the
//    process-wide deny-all loader of ensureLibXmlReady);
//  - libxml2's hard limits stay on (no XML_PARSE_HUGE): depth 256, 10 MB
//    per text node;
//  - inputs over maxBytes (TooLarge), before libxml2 sees them;
//  - shapes libxml2 needs quadratic time for (thousands of attributes on one
//    element, ...) and more elements, depth or nodes than the limits allow:
//    the linear pre-scan of xml/XmlPrescan.h refuses them first.
//
// Errors: TooLarge; InvalidDocument with one ErrorDetail (line, column,
// message) per problem (at most ErrorSink::kMaxDetails); Internal when
// libxml2 cannot allocate a context.
// Thread safety: parseUntrusted may run on any number of threads at once;
// each call has its own parser context and error sink. A ParsedXml is not
// thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/Error.h"
#include "xml/LibXml.h"
#include "xml/XmlPrescan.h"

namespace nusqa::xml {

// A well-formed document parsed from untrusted bytes. It refers to those
// bytes (to locate elements in them): they must outlive it.
class ParsedXml {
public:
    ParsedXml(DocPtr doc, std::string_view bytes, bool offsetsAreBytes);

    xmlDoc* doc() const { return _doc.get(); }
    DocPtr releaseDoc() && { return std::move(_doc); }

    // Where an element or attribute starts in the input: 1-based line and
    // column (column counted in characters, 0 when unknown). Elements made
    // after parsing have no location (0:0).
    ErrorDetail locate(const xmlNode* node) const;

    // Where the attribute called name ("local" or "prefix:local") starts in
    // the start tag of element; the element's location if not found.
    ErrorDetail locateAttribute(const xmlNode* element, std::string_view name) const;

private:
    // [start, end) of element's start tag in the input, when known.
    std::optional<std::pair<std::size_t, std::size_t>> startTag(const xmlNode* element) const;
    std::size_t lineIndex(std::size_t offset) const;
    ErrorDetail atOffset(std::size_t offset) const;

    DocPtr _doc;
    std::string_view _bytes;
    bool _offsetsAreBytes;                         // false when libxml2 transcoded the input
    mutable std::vector<std::size_t> _lineStarts;  // built on first locate()
};

// Parses bytes as described above. maxBytes: TooLarge above it; limits:
// what the pre-scan lets through (the defaults suit every caller).
Result<ParsedXml> parseUntrusted(std::string_view bytes, std::size_t maxBytes,
                                 const XmlLimits& limits = {});

}  // namespace nusqa::xml
