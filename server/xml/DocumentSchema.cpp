#include "xml/DocumentSchema.h"

#include <limits>

namespace nusqa::xml {
namespace {

void onSchemaParserError(void* sink, xmlErrorPtr error) {
    if (error == nullptr || error->level < XML_ERR_ERROR) return;
    static_cast<ErrorSink*>(sink)->add({error->line, error->int2, cleanMessage(error->message)});
}

// What one validation needs inside libxml2's error callback.
struct ValidationSession {
    const ParsedXml& parsed;
    ErrorSink sink;
};

// libxml2 reports attribute problems on the element, naming the attribute
// in the message ("Element 'dates', attribute 'effective': ..."): point at
// the attribute itself when the message names one.
ErrorDetail locateProblem(const ParsedXml& parsed, const xmlNode* node, std::string_view message) {
    constexpr std::string_view marker = "', attribute '";
    std::size_t start = message.find(marker);
    if (start != std::string_view::npos && node != nullptr && node->type == XML_ELEMENT_NODE) {
        start += marker.size();
        std::size_t end = message.find('\'', start);
        if (end != std::string_view::npos)
            return parsed.locateAttribute(node, message.substr(start, end - start));
    }
    return parsed.locate(node);
}

void onValidationError(void* context, xmlErrorPtr error) {
    if (error == nullptr || error->level < XML_ERR_ERROR) return;
    auto& session = *static_cast<ValidationSession*>(context);
    std::string message = cleanMessage(error->message);
    ErrorDetail detail =
        locateProblem(session.parsed, static_cast<const xmlNode*>(error->node), message);
    if (detail.line == 0) detail = {error->line, error->int2, {}};
    detail.message = std::move(message);
    session.sink.add(std::move(detail));
}

const Result<EmbeddedSchema>& documentSchema() {
    // C++ guarantees one thread-safe initialisation of a function-local static.
    static const Result<EmbeddedSchema> schema =
        EmbeddedSchema::compile(documentSchemaXsd(), "schemas/document.xsd");
    return schema;
}

}  // namespace

EmbeddedSchema::EmbeddedSchema(DocPtr xsd, SchemaPtr schema)
    : _xsd(std::move(xsd)), _schema(std::move(schema)) {}

Result<EmbeddedSchema> EmbeddedSchema::compile(std::string_view xsd, std::string_view name) {
    const std::string what = "xml: the built-in " + std::string(name);
    // The schema is trusted, but going through the same parser keeps its
    // errors out of libxml2's global error handler.
    auto parsed = parseUntrusted(xsd, std::numeric_limits<int>::max());
    if (!parsed)
        return fail(ErrorCode::Internal, what + " does not parse: " + parsed.error().message,
                    std::move(parsed.error().details));

    ErrorSink sink;
    SchemaParserCtxtPtr context(xmlSchemaNewDocParserCtxt(parsed->doc()));
    if (!context) return fail(ErrorCode::Internal, "xml: cannot create a schema parser context");
    xmlSchemaSetParserStructuredErrors(context.get(), onSchemaParserError, &sink);
    SchemaPtr schema(xmlSchemaParse(context.get()));
    if (!schema || !sink.empty()) {
        if (sink.empty()) sink.add({0, 0, "libxml2 could not compile it"});
        return std::move(sink).fail(ErrorCode::Internal, what + " does not compile");
    }
    return EmbeddedSchema(std::move(*parsed).releaseDoc(), std::move(schema));
}

Status EmbeddedSchema::validate(const ParsedXml& parsed) const {
    SchemaValidCtxtPtr context(xmlSchemaNewValidCtxt(_schema.get()));
    if (!context)
        return fail(ErrorCode::Internal, "xml: cannot create a schema validation context");
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

Status prepareDocumentSchema() {
    ensureLibXmlReady();
    const Result<EmbeddedSchema>& schema = documentSchema();
    if (!schema) return std::unexpected(schema.error());
    return {};
}

Status validateDocument(const ParsedXml& parsed) {
    NUSQA_TRY(prepareDocumentSchema());
    return documentSchema()->validate(parsed);
}

}  // namespace nusqa::xml
