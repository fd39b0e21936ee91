// GET /api/v1/register: the editions in force on a date, a page at a time.
#include <string>

#include "http/ApiRoutes.h"
#include "http/JsonWriter.h"
#include "http/detail/RequestParsing.h"

namespace nusqa::http {
namespace {

Result<RegisterQuery> parseRegisterQuery(const Request& request) {
    RegisterQuery query;
    query.date = request.queryValue("date").value_or("");
    query.unit = request.queryValue("unit").value_or("");
    if (auto kind = request.queryValue("kind"); kind && !kind->empty()) {
        query.kind = parseDocumentKind(*kind);
        if (!query.kind) return fail(ErrorCode::InvalidArgument, "unknown kind «" + *kind + "»");
    }
    if (auto language = request.queryValue("language"); language && !language->empty()) {
        query.language = parseLanguage(*language);
        if (!query.language)
            return fail(ErrorCode::InvalidArgument, "unknown language «" + *language + "»");
    }
    // Pages as GET /api/v1/documents: 50 by default, at most 500.
    query.limit = NUSQA_TRY(parseIntParameter(request, "limit", 50));
    query.offset = NUSQA_TRY(parseIntParameter(request, "offset", 0));
    return query;
}

struct RegisterHandlers {
    LifecycleService& lifecycle;

    Result<Response> list(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        RegisterQuery query = NUSQA_TRY(parseRegisterQuery(request));
        RegisterPage page = NUSQA_TRY(lifecycle.registerOn(actor, query));
        JsonWriter json;
        json.beginObject();
        json.key("date").value(query.date);
        json.key("items").beginArray();
        for (const RegisterEntry& entry : page.items) {
            json.beginObject();
            json.key("documentId").value(entry.document.id);
            json.key("code").value(entry.document.code);
            json.key("title").value(entry.document.title);
            json.key("kind").value(toString(entry.document.kind));
            json.key("unit").value(entry.document.unit);
            json.key("editionId").value(entry.edition.id);
            json.key("number").value(entry.edition.number);
            json.key("language").value(toString(entry.edition.language));
            json.key("status").value(toString(entry.edition.status));
            json.key("effectiveDate").value(entry.effectiveDate);
            json.key("endedOn").value(entry.endedOn);
            json.endObject();
        }
        json.endArray();
        json.key("total").value(page.total);
        json.key("limit").value(query.limit);
        json.key("offset").value(query.offset);
        json.endObject();
        return Response::json(200, json.take());
    }
};

}  // namespace

void addRegisterRoutes(Router& router, LifecycleService& lifecycle) {
    RegisterHandlers h{lifecycle};
    router.add({"GET", "/api/v1/register", Access::needs(Action::ReadRegister), "",
                [h](const Request& r) { return h.list(r); }});
}

}  // namespace nusqa::http
