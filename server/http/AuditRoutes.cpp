// GET /api/v1/audit: the audit log for auditors, filtered by actor, action
// (exact, or a prefix ending in '.'), object and time, paged.
#include "http/ApiRoutes.h"
#include "http/detail/JsonRecords.h"
#include "http/detail/RequestParsing.h"

namespace nusqa::http {
namespace {

// What the handlers of this group use.
struct AuditServices {
    AuditLog& audit;
};

struct AuditHandlers {
    AuditServices services;

    Result<Response> list(const Request& request) const {
        AuditQuery query;
        query.actorLogin = request.queryValue("actor").value_or("");
        query.action = request.queryValue("action").value_or("");
        query.objectType = request.queryValue("objectType").value_or("");
        query.objectId = request.queryValue("objectId").value_or("");
        query.from = request.queryValue("from").value_or("");
        query.to = request.queryValue("to").value_or("");
        for (const std::string* bound : {&query.from, &query.to})
            if (!bound->empty() && !epochOf(*bound))
                return fail(
                    ErrorCode::InvalidArgument,
                    "from and to must be dates YYYY-MM-DD or UTC timestamps, not «" + *bound + "»");
        query.limit = NUSQA_TRY(parseIntParameter(request, "limit", 100));
        query.offset = NUSQA_TRY(parseIntParameter(request, "offset", 0));
        if (query.limit < 1 || query.limit > 500 || query.offset < 0)
            return fail(ErrorCode::InvalidArgument,
                        "limit must be 1 to 500 and offset not negative");
        AuditPage page = NUSQA_TRY(services.audit.listAudit(query));
        JsonWriter json;
        json.beginObject().key("items").beginArray();
        for (const AuditEntry& entry : page.items) writeAuditEntry(json, entry);
        json.endArray();
        json.key("total").value(page.total);
        json.key("limit").value(query.limit);
        json.key("offset").value(query.offset);
        json.endObject();
        return Response::json(200, json.take());
    }
};

}  // namespace

void addAuditRoutes(Router& router, AuditLog& audit) {
    AuditHandlers h{{audit}};
    router.add({"GET", "/api/v1/audit", Access::needs(Action::ReadAudit), "",
                [h](const Request& r) { return h.list(r); }});
}

}  // namespace nusqa::http
