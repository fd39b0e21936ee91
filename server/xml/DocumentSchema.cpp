#include "xml/DocumentSchema.h"

#include <limits>

namespace nusqa::xml {
namespace {

// The compiled schema and the document it was compiled from (the schema
// may point into the document's strings, so the document lives as long).
struct CompiledSchema {
    DocPtr xsd;
    SchemaPtr schema;
    Error error;  // why there is no schema
};

void onSchemaParserError(void* sink, xmlErrorPtr error) {
    if (error == nullptr || error->level < XML_ERR_ERROR) return;
    static_cast<ErrorSink*>(sink)->add({error->line, error->int2, cleanMessage(error->message)});
}

CompiledSchema compile() {
    CompiledSchema compiled;
    // The embedded schema is trusted, but going through the same parser
    // keeps its errors out of libxml2's global error handler.
    auto parsed = parseUntrusted(documentSchemaXsd(), std::numeric_limits<int>::max());
    if (!parsed) {
        compiled.error = std::move(parsed.error());
        compiled.error.code = ErrorCode::Internal;
        compiled.error.message = "xml: the embedded schemas/document.xsd does not parse: " +
                                 compiled.error.message;
        return compiled;
    }
    ErrorSink sink;
    SchemaParserCtxtPtr context(xmlSchemaNewDocParserCtxt(parsed->doc()));
    if (!context) {
        compiled.error = {ErrorCode::Internal, "xml: cannot create a schema parser context", {}};
        return compiled;
    }
    xmlSchemaSetParserStructuredErrors(context.get(), onSchemaParserError, &sink);
    compiled.schema.reset(xmlSchemaParse(context.get()));
    if (!compiled.schema || !sink.empty()) {
        compiled.schema.reset();
        compiled.error = std::move(sink)
                             .fail(ErrorCode::Internal,
                                   "xml: the embedded schemas/document.xsd does not compile")
                             .error();
        return compiled;
    }
    compiled.xsd = std::move(*parsed).releaseDoc();
    return compiled;
}

const CompiledSchema& compiledSchema() {
    // C++ guarantees one thread-safe initialisation of a function-local static.
    static const CompiledSchema compiled = compile();
    return compiled;
}

// What one validation needs inside libxml2's error callback.
struct ValidationSession {
    const ParsedXml& parsed;
    ErrorSink sink;
};

void onValidationError(void* context, xmlErrorPtr error) {
    if (error == nullptr || error->level < XML_ERR_ERROR) return;
    auto& session = *static_cast<ValidationSession*>(context);
    ErrorDetail detail = session.parsed.locate(static_cast<const xmlNode*>(error->node));
    if (detail.line == 0) detail = {error->line, error->int2, {}};
    detail.message = cleanMessage(error->message);
    session.sink.add(std::move(detail));
}

}  // namespace

Status prepareDocumentSchema() {
    ensureLibXmlReady();
    const CompiledSchema& compiled = compiledSchema();
    if (!compiled.schema) return std::unexpected(compiled.error);
    return {};
}

Status validateDocument(const ParsedXml& parsed) {
    NUSQA_TRY(prepareDocumentSchema());
    SchemaValidCtxtPtr context(xmlSchemaNewValidCtxt(compiledSchema().schema.get()));
    if (!context) return fail(ErrorCode::Internal, "xml: cannot create a schema validation context");
    ValidationSession session{parsed, {}};
    xmlSchemaSetValidStructuredErrors(context.get(), onValidationError, &session);
    // The result is the last error code, not a count: the sink has them all.
    int result = xmlSchemaValidateDoc(context.get(), parsed.doc());
    if (result < 0)
        return fail(ErrorCode::Internal, "xml: schema validation failed inside libxml2 (" +
                                             std::to_string(result) + ")");
    if (result > 0 && session.sink.empty())
        session.sink.add({0, 0, "not valid (libxml2 error " + std::to_string(result) + ")"});
    if (!session.sink.empty())
        return std::move(session.sink).fail(ErrorCode::InvalidDocument, "xml: not schema-valid");
    return {};
}

}  // namespace nusqa::xml
