#include "http/ApiRoutes.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <charconv>
#include <string>

#include "http/JsonWriter.h"
#include "http/detail/JsonRecords.h"
#include "http/detail/RequestParsing.h"

namespace nusqa::http {
namespace {

// ---- serialisation ----

void writeDocument(JsonWriter& json, const Document& document) {
    json.key("id").value(document.id);
    json.key("code").value(document.code);
    json.key("kind").value(toString(document.kind));
    json.key("title").value(document.title);
    json.key("unit").value(document.unit);
    json.key("language").value(toString(document.language));
    json.key("createdAt").value(document.createdAt);
    json.key("updatedAt").value(document.updatedAt);
}

std::string etagOf(const Edition& edition) {
    return "\"" + std::to_string(edition.revision) + "\"";
}

Response editionResponse(int status, const Edition& edition) {
    JsonWriter json;
    writeEdition(json, edition);
    Response response = Response::json(status, json.take());
    response.headers.emplace_back("ETag", etagOf(edition));
    if (status == 201)
        response.headers.emplace_back("Location", "/api/v1/editions/" + std::to_string(edition.id));
    return response;
}

// ---- parsing ----

bool isXmlMediaType(const std::string& contentType) {
    std::string type = contentType.substr(0, contentType.find(';'));
    return type == "application/xml" || type == "text/xml" || type.ends_with("+xml");
}

// A body for an XML route: an XML Content-Type. An untyped body is refused
// too: a page on another site can send one without asking first (CSRF).
Status requireXmlBody(const Request& request) {
    auto type = request.header("content-type");
    if (!type || !isXmlMediaType(*type))
        return fail(ErrorCode::UnsupportedMediaType,
                    "the body must be application/xml, not " +
                        (type && !type->empty() ? *type : std::string("untyped")));
    if (request.body.empty()) return fail(ErrorCode::InvalidDocument, "the body is empty");
    return {};
}

bool acceptsXml(const Request& request) {
    auto accept = request.header("accept");
    if (!accept) return false;
    // A client that lists XML before JSON (or without JSON) gets XML.
    auto xml = std::min(accept->find("application/xml"), accept->find("text/xml"));
    auto json = accept->find("application/json");
    return xml != std::string::npos && (json == std::string::npos || xml < json);
}

Result<NewDocument> parseNewDocument(const std::string& body) {
    Poco::JSON::Object::Ptr object = NUSQA_TRY(parseJsonObject(body));
    NewDocument document;
    document.code = NUSQA_TRY(stringField(*object, "code", true));
    document.title = NUSQA_TRY(stringField(*object, "title", true));
    document.unit = NUSQA_TRY(stringField(*object, "unit", false));
    std::string kind = NUSQA_TRY(stringField(*object, "kind", true));
    std::string language = NUSQA_TRY(stringField(*object, "language", true));
    auto parsedKind = parseDocumentKind(kind);
    if (!parsedKind)
        return fail(ErrorCode::InvalidArgument,
                    "unknown kind «" + kind +
                        "»: expected regulation, job_instruction, "
                        "documented_procedure, work_instruction or organisation_standard");
    auto parsedLanguage = parseLanguage(language);
    if (!parsedLanguage)
        return fail(ErrorCode::InvalidArgument,
                    "unknown language «" + language + "»: expected kk or ru");
    document.kind = *parsedKind;
    document.language = *parsedLanguage;
    return document;
}

Result<std::optional<std::int64_t>> parseIfMatch(const Request& request) {
    auto header = request.header("if-match");
    if (!header) return std::optional<std::int64_t>();
    std::string_view tag = *header;
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"')
        tag = tag.substr(1, tag.size() - 2);
    std::int64_t revision = 0;
    auto [end, error] = std::from_chars(tag.data(), tag.data() + tag.size(), revision);
    if (error != std::errc() || end != tag.data() + tag.size() || revision <= 0)
        return fail(ErrorCode::PreconditionFailed,
                    "If-Match «" + *header + "» is not an ETag of this edition");
    return std::optional<std::int64_t>(revision);
}

Result<DocumentQuery> parseDocumentQuery(const Request& request) {
    DocumentQuery query;
    if (auto kind = request.queryValue("kind"); kind && !kind->empty()) {
        query.kind = parseDocumentKind(*kind);
        if (!query.kind) return fail(ErrorCode::InvalidArgument, "unknown kind «" + *kind + "»");
    }
    if (auto status = request.queryValue("status"); status && !status->empty()) {
        query.status = parseEditionStatus(*status);
        if (!query.status)
            return fail(ErrorCode::InvalidArgument, "unknown status «" + *status + "»");
    }
    query.text = request.queryValue("q").value_or("");
    query.limit = NUSQA_TRY(parseIntParameter(request, "limit", 50));
    query.offset = NUSQA_TRY(parseIntParameter(request, "offset", 0));
    return query;
}

// ---- handlers ----

// Where an act through the API came from, for its audit entry.
Provenance viaApi(const Request& request) {
    return Provenance{"the API from " + request.clientAddress, {}};
}

// The database is touched (one cheap query): a node whose database is down,
// or a Galera node that is not Synced, answers 503 so that the balancer
// stops sending it requests. The reason is not disclosed to anonymous callers.
Result<Response> health(const std::function<Status()>& databaseHealth) {
    if (auto healthy = databaseHealth(); !healthy)
        return Response::json(503, R"({"status":"unavailable"})");
    return Response::json(200, R"({"status":"ok"})");
}

Result<Response> openApi(const Request&) {
    return Response::json(200, std::string(openApiDocument()));
}

struct DocumentHandlers {
    DocumentService& service;

    Result<Response> create(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        NewDocument input = NUSQA_TRY(parseNewDocument(NUSQA_TRY(requireJsonBody(request))));
        Document document =
            NUSQA_TRY(service.createDocument(actor, std::move(input), viaApi(request)));
        JsonWriter json;
        json.beginObject();
        writeDocument(json, document);
        json.endObject();
        Response response = Response::json(201, json.take());
        response.headers.emplace_back("Location",
                                      "/api/v1/documents/" + std::to_string(document.id));
        return response;
    }

    Result<Response> list(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        DocumentQuery query = NUSQA_TRY(parseDocumentQuery(request));
        DocumentPage page = NUSQA_TRY(service.listDocuments(actor, query));
        JsonWriter json;
        json.beginObject();
        writePage(json, page, query.limit, query.offset,
                  [](JsonWriter& out, const Document& document) {
                      out.beginObject();
                      writeDocument(out, document);
                      out.endObject();
                  });
        json.endObject();
        return Response::json(200, json.take());
    }

    Result<Response> patch(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body = NUSQA_TRY(parseJsonBody(request));
        DocumentChanges changes;
        if (body->has("title")) changes.title = NUSQA_TRY(stringField(*body, "title", true));
        if (body->has("unit")) changes.unit = NUSQA_TRY(stringField(*body, "unit", false));
        if (body->has("kind")) {
            std::string kind = NUSQA_TRY(stringField(*body, "kind", true));
            changes.kind = parseDocumentKind(kind);
            if (!changes.kind)
                return fail(ErrorCode::InvalidArgument, "unknown kind «" + kind + "»");
        }
        Document updated =
            NUSQA_TRY(service.updateDocument(actor, id, std::move(changes), viaApi(request)));
        JsonWriter json;
        json.beginObject();
        writeDocument(json, updated);
        json.endObject();
        return Response::json(200, json.take());
    }

    Result<Response> get(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        DocumentWithEditions found = NUSQA_TRY(service.document(actor, id));
        JsonWriter json;
        json.beginObject();
        writeDocument(json, found.document);
        json.key("editions").beginArray();
        for (const Edition& edition : found.editions) writeEdition(json, edition);
        json.endArray().endObject();
        return Response::json(200, json.take());
    }

    Result<Response> addEdition(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        NUSQA_TRY(requireXmlBody(request));
        Edition edition = NUSQA_TRY(service.addEdition(actor, id, request.body, viaApi(request)));
        return editionResponse(201, edition);
    }

    Result<Response> nextEdition(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        Edition edition = NUSQA_TRY(service.nextEdition(actor, id, viaApi(request)));
        return editionResponse(201, edition);
    }
};

struct EditionHandlers {
    DocumentService& service;

    Result<Response> get(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        if (!acceptsXml(request))
            return editionResponse(200, NUSQA_TRY(service.edition(actor, id)));
        EditionWithXml found = NUSQA_TRY(service.editionWithXml(actor, id));
        Response response;
        response.contentType = "application/xml";
        response.body = std::move(found.xml);
        response.headers.emplace_back("ETag", etagOf(found.edition));
        response.headers.emplace_back("X-Content-SHA256", found.edition.sha256);
        return response;
    }

    Result<Response> revisions(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        std::vector<Revision> found = NUSQA_TRY(service.revisions(actor, id));
        JsonWriter json;
        json.beginObject().key("items").beginArray();
        for (const Revision& revision : found) writeRevision(json, revision);
        json.endArray();
        json.key("total").value(static_cast<std::int64_t>(found.size()));
        json.endObject();
        return Response::json(200, json.take());
    }

    // One revision: its facts as JSON, or its XML byte-exact with Accept:
    // application/xml (X-Content-SHA256 and X-Revision say which).
    Result<Response> revision(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        std::int64_t number = NUSQA_TRY(parseId(request.pathParameters.at(1)));
        RevisionWithXml found = NUSQA_TRY(service.revision(actor, id, number));
        if (!acceptsXml(request)) {
            JsonWriter json;
            writeRevision(json, found.revision);
            return Response::json(200, json.take());
        }
        Response response;
        response.contentType = "application/xml";
        response.body = std::move(found.xml);
        response.headers.emplace_back("X-Content-SHA256", found.revision.sha256);
        response.headers.emplace_back("X-Revision", std::to_string(found.revision.number));
        return response;
    }

    Result<Response> put(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto revision = NUSQA_TRY(parseIfMatch(request));
        if (revision) NUSQA_TRY(requireXmlBody(request));
        Edition edition =
            NUSQA_TRY(service.updateDraft(actor, id, revision, request.body, viaApi(request)));
        return editionResponse(200, edition);
    }
};

}  // namespace

using enum Action;

void addServiceRoutes(Router& router, std::function<Status()> databaseHealth) {
    router.add({"GET", "/healthz", Access::anyone(), "",
                [databaseHealth = std::move(databaseHealth)](const Request&) {
                    return health(databaseHealth);
                }});
    router.add({"GET", "/api/v1/openapi.json", Access::needs(ReadOwn), "", openApi});
}

void addDocumentRoutes(Router& router, DocumentService& service) {
    DocumentHandlers documents{service};
    EditionHandlers editions{service};
    router.add({"POST", "/api/v1/documents", Access::needs(EditDrafts), "document.create",
                [documents](const Request& r) { return documents.create(r); }});
    router.add({"GET", "/api/v1/documents", Access::needs(ReadRegister), "",
                [documents](const Request& r) { return documents.list(r); }});
    router.add({"GET", "/api/v1/documents/{id}", Access::needs(ReadRegister), "",
                [documents](const Request& r) { return documents.get(r); }});
    router.add({"PATCH", "/api/v1/documents/{id}", Access::needs(ManageLifecycle),
                "document.update", [documents](const Request& r) { return documents.patch(r); }});
    router.add({"POST", "/api/v1/documents/{id}/editions", Access::needs(EditDrafts),
                "edition.create",
                [documents](const Request& r) { return documents.addEdition(r); }});
    router.add({"POST", "/api/v1/documents/{id}/editions/next", Access::needs(EditDrafts),
                "edition.create_next",
                [documents](const Request& r) { return documents.nextEdition(r); }});
    router.add({"GET", "/api/v1/editions/{id}", Access::needs(ReadRegister), "",
                [editions](const Request& r) { return editions.get(r); }});
    router.add({"PUT", "/api/v1/editions/{id}", Access::needs(EditDrafts), "edition.update",
                [editions](const Request& r) { return editions.put(r); }});
    router.add({"GET", "/api/v1/editions/{id}/revisions", Access::needs(ReadRegister), "",
                [editions](const Request& r) { return editions.revisions(r); }});
    router.add({"GET", "/api/v1/editions/{id}/revisions/{n}", Access::needs(ReadRegister), "",
                [editions](const Request& r) { return editions.revision(r); }});
}

}  // namespace nusqa::http
