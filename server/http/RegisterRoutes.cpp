// GET /api/v1/register: the editions in force on a date, a page at a time.
#include <string>

#include "http/ApiRoutes.h"
#include "http/JsonWriter.h"
#include "http/detail/JsonRecords.h"
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
        writePage(json, page, query.limit, query.offset,
                  [](JsonWriter& out, const RegisterEntry& entry) {
                      out.beginObject();
                      out.key("documentId").value(entry.document.id);
                      out.key("code").value(entry.document.code);
                      out.key("title").value(entry.document.title);
                      out.key("kind").value(toString(entry.document.kind));
                      out.key("unit").value(entry.document.unit);
                      out.key("editionId").value(entry.edition.id);
                      out.key("number").value(entry.edition.number);
                      out.key("language").value(toString(entry.edition.language));
                      out.key("status").value(toString(entry.edition.status));
                      out.key("effectiveDate").value(entry.effectiveDate);
                      out.key("endedOn").value(entry.endedOn);
                      out.endObject();
                  });
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
