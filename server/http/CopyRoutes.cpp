// Controlled copies: POST/GET /api/v1/editions/{id}/copies (issue, the
// register of an edition's copies), GET /api/v1/copies?state= (e.g. the copies
// listed for recall), POST /api/v1/copies/{id}/recall (the return recorded).
// The copy's PDF is in RenditionRoutes.cpp.
#include "http/ApiRoutes.h"
#include "http/JsonWriter.h"
#include "http/detail/RequestParsing.h"

namespace nusqa::http {
namespace {

void writeOptionalId(JsonWriter& json, const char* key, const std::optional<std::int64_t>& id) {
    json.key(key);
    if (id)
        json.value(*id);
    else
        json.null();
}

void writeCopy(JsonWriter& json, const ControlledCopy& copy) {
    json.beginObject();
    json.key("id").value(copy.id);
    json.key("editionId").value(copy.editionId);
    json.key("number").value(copy.number);
    writeOptionalId(json, "holderUserId", copy.holderUserId);
    writeOptionalId(json, "holderUnitId", copy.holderUnitId);
    json.key("holderName").value(copy.holderName);
    json.key("note").value(copy.note);
    json.key("state").value(toString(copy.state));
    json.key("issuedBy").value(copy.issuedBy);
    json.key("issuedByLogin").value(copy.issuedByLogin);
    json.key("issuedAt").value(copy.issuedAt);
    json.key("recallRequestedAt").value(copy.recallRequestedAt);
    writeOptionalId(json, "recalledBy", copy.recalledBy);
    json.key("recalledByLogin").value(copy.recalledByLogin);
    json.key("recalledAt").value(copy.recalledAt);
    json.endObject();
}

Response copiesResponse(const std::vector<ControlledCopy>& copies) {
    JsonWriter json;
    json.beginObject().key("items").beginArray();
    for (const ControlledCopy& copy : copies) writeCopy(json, copy);
    json.endArray();
    json.key("total").value(static_cast<std::int64_t>(copies.size()));
    json.endObject();
    return Response::json(200, json.take());
}

Response copyResponse(int status, const ControlledCopy& copy) {
    JsonWriter json;
    writeCopy(json, copy);
    return Response::json(status, json.take());
}

struct CopyHandlers {
    LifecycleService& lifecycle;

    Result<Response> issue(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body = NUSQA_TRY(parseJsonBody(request));
        CopyHolder holder;
        holder.userId = NUSQA_TRY(integerField(*body, "holderUserId", false));
        holder.unitId = NUSQA_TRY(integerField(*body, "holderUnitId", false));
        std::string note = NUSQA_TRY(stringField(*body, "note", false));
        return copyResponse(201, NUSQA_TRY(lifecycle.issueCopy(actor, id, holder, note)));
    }

    Result<Response> ofEdition(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        CopyQuery query;
        query.editionId = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        return copiesResponse(NUSQA_TRY(lifecycle.copies(actor, query)));
    }

    Result<Response> list(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        CopyQuery query;
        if (auto state = request.queryValue("state"); state && !state->empty()) {
            query.state = parseCopyState(*state);
            if (!query.state)
                return fail(ErrorCode::InvalidArgument,
                            "state is open, recall_requested or recalled, not «" + *state + "»");
        }
        query.editionId = NUSQA_TRY(parseIdParameter(request, "editionId"));
        return copiesResponse(NUSQA_TRY(lifecycle.copies(actor, query)));
    }

    Result<Response> recall(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        return copyResponse(200, NUSQA_TRY(lifecycle.recallCopy(actor, id)));
    }
};

}  // namespace

void addCopyRoutes(Router& router, LifecycleService& lifecycle) {
    using enum Action;
    CopyHandlers h{lifecycle};
    router.add({"POST", "/api/v1/editions/{id}/copies", Access::needs(ManageCopies), "copy.issue",
                [h](const Request& r) { return h.issue(r); }});
    router.add({"GET", "/api/v1/editions/{id}/copies", Access::needs(ReadQualityRecords), "",
                [h](const Request& r) { return h.ofEdition(r); }});
    router.add({"GET", "/api/v1/copies", Access::needs(ReadQualityRecords), "",
                [h](const Request& r) { return h.list(r); }});
    router.add({"POST", "/api/v1/copies/{id}/recall", Access::needs(ManageCopies), "copy.recall",
                [h](const Request& r) { return h.recall(r); }});
}

}  // namespace nusqa::http
