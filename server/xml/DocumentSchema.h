// Private to the xml module: schemas/document.xsd, compiled into the binary.
//
// The build embeds the .xsd bytes (cmake/EmbedFile.cmake, see
// server/xml/CMakeLists.txt); the schema is compiled from those bytes on first
// use, without touching the file system or the network (the deny-all entity
// loader refuses any xs:import/xs:include). The compiled xmlSchema is built
// once, never modified, and shared read-only by all threads; every
// validation has its own validation context and error sink.
#pragma once

#include <string_view>

#include "domain/Error.h"
#include "xml/SafeParser.h"

namespace nusqa::xml {

// The bytes of schemas/document.xsd as built in (generated source).
std::string_view documentSchemaXsd();

// Compiles the schema unless done already. Internal, with the schema's own
// errors, when it does not compile. Thread-safe; cheap after the first call.
Status prepareDocumentSchema();

// Validates a parsed document against the schema. InvalidDocument with one
// ErrorDetail per violation, located in the input bytes; Internal when the
// schema does not compile or libxml2 fails. Thread-safe for distinct
// ParsedXml objects.
Status validateDocument(const ParsedXml& parsed);

}  // namespace nusqa::xml
