// The canonical form of an edition's XML: what two documents that mean the
// same to Nusqa (the schema, the reader, the comparison, the print) have
// byte for byte in common. The structured editor writes exactly this form,
// and `nusqa canonical FILE.xml` prints it, so a round trip (XML -> editor
// -> XML) is checked by comparing bytes.
//
// The form:
//  - `<?xml version="1.0" encoding="UTF-8"?>`, a newline, the root element,
//    a newline; comments and processing instructions are dropped;
//  - elements of urn:nusqa:document:1 are unprefixed, with the one
//    declaration xmlns="urn:nusqa:document:1" on the root; an element of
//    another namespace (invalid, but kept) carries its own declaration;
//  - attributes sorted by qualified name (namespace declarations first);
//    values escaped as &amp; &lt; &quot; &#x9; &#xA; &#xD;;
//  - element-only content (meta, body, chapter, table, ...): whitespace
//    between elements dropped, one element per line, indented by two spaces
//    per level; an element with no content is written `<name/>`;
//  - text content (the mixed-content elements of schemas/document.xsd, read
//    from the built-in schema, and elements holding text only): whitespace
//    handled as the reader (render/reader) reads it — a run of XML
//    whitespace is one space, none at the start or the end of the text or
//    next to a <br/>; a space that falls between two inline elements goes
//    into the text that follows it; inline elements (b, i, docRef, ...) left
//    empty are dropped; text escaped as &amp; &lt; &gt; &#xD;.
//
// Errors: those of parsing untrusted XML (xml/SafeParser.h: TooLarge,
// InvalidDocument with line and column for input that is not well-formed or
// has a DOCTYPE). The input need not be schema-valid.
// Thread safety: may be called from any number of threads at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/Error.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa {

Result<std::string> canonicalEditionXml(std::string_view bytes,
                                        std::size_t maxBytes = kDefaultMaxXmlBytes);

}  // namespace nusqa
