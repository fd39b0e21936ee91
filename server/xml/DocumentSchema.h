// Private to the xml module: schemas compiled into the binary, and
// schemas/document.xsd in particular.
//
// The build embeds the .xsd bytes (cmake/EmbedFile.cmake, see
// server/xml/CMakeLists.txt); a schema is compiled from those bytes without
// touching the file system or the network (the deny-all entity loader
// refuses any xs:import/xs:include, so embedded schemas must be
// self-contained). A compiled schema is never modified after compile() and
// is shared read-only by all threads; every validation has its own
// validation context and error sink.
#pragma once

#include <string_view>

#include "domain/Error.h"
#include "xml/LibXml.h"
#include "xml/SafeParser.h"

namespace nusqa::xml {

class EmbeddedSchema {
public:
    // Compiles the schema in xsd; name (e.g. "schemas/document.xsd") is for
    // messages. Internal, with the schema's own errors, when it does not
    // parse or compile. xsd need not outlive the result.
    static Result<EmbeddedSchema> compile(std::string_view xsd, std::string_view name);

    // Validates a parsed document. InvalidDocument with one ErrorDetail per
    // violation, located in the input bytes (attribute problems at the
    // attribute); Internal when libxml2 fails. Thread-safe.
    Status validate(const ParsedXml& parsed) const;

private:
    EmbeddedSchema(DocPtr xsd, SchemaPtr schema);

    DocPtr _xsd;  // the schema may point into the document it came from
    SchemaPtr _schema;
};

// The bytes of schemas/document.xsd as built in (generated source).
std::string_view documentSchemaXsd();

// Compiles schemas/document.xsd unless done already. Internal, with the
// schema's errors, when it does not compile. Thread-safe; cheap after the
// first call.
Status prepareDocumentSchema();

// Validates against schemas/document.xsd, see EmbeddedSchema::validate.
// Internal also when the schema does not compile.
Status validateDocument(const ParsedXml& parsed);

}  // namespace nusqa::xml
