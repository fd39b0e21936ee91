// GET /api/v1/search?q=&status=&inForceOn=&language=&unit=&kind=&page=: the full-text search
// of the register (domain/SearchService.h). Each hit names the document, the
// edition, the element (eId and printed number) whose passage matched best,
// and a plain-text snippet with the offsets of the matched words (UTF-16
// code units) — never HTML: a client marks the words itself.
#include "http/ApiRoutes.h"
#include "http/detail/JsonRecords.h"
#include "http/detail/RequestParsing.h"

namespace nusqa::http {
namespace {

// status: absent or "in_force" (the default), "any", or one status name.
Result<SearchRequest> searchRequestOf(const Request& request) {
    SearchRequest search;
    search.query = request.queryValue("q").value_or("");
    std::string status = request.queryValue("status").value_or("");
    if (status == "any") {
        search.scope = SearchRequest::Scope::Any;
    } else if (!status.empty()) {
        auto parsed = parseEditionStatus(status);
        if (!parsed)
            return fail(ErrorCode::InvalidArgument,
                        "status must be \"any\" or an edition status such as in_force");
        search.scope = SearchRequest::Scope::Status;
        search.status = *parsed;
    }
    std::string language = request.queryValue("language").value_or("");
    if (!language.empty()) {
        search.language = parseLanguage(language);
        if (!search.language) return fail(ErrorCode::InvalidArgument, "language must be kk or ru");
    }
    search.inForceOn = request.queryValue("inForceOn").value_or("");
    search.unit = request.queryValue("unit").value_or("");
    if (search.unit.size() > 255)
        return fail(ErrorCode::InvalidArgument, "unit is longer than 255 bytes");
    std::string kind = request.queryValue("kind").value_or("");
    if (!kind.empty()) {
        search.kind = parseDocumentKind(kind);
        if (!search.kind)
            return fail(ErrorCode::InvalidArgument,
                        "kind must be a document kind such as regulation or job_instruction");
    }
    search.page = NUSQA_TRY(parseIntParameter(request, "page", 1));
    return search;
}

void writeHit(JsonWriter& json, const SearchHit& hit) {
    json.beginObject();
    json.key("document").beginObject();
    json.key("id").value(hit.document.id);
    json.key("code").value(hit.document.code);
    json.key("kind").value(toString(hit.document.kind));
    json.key("title").value(hit.document.title);
    json.key("unit").value(hit.document.unit);
    json.endObject();
    json.key("edition");
    writeEdition(json, hit.edition);
    json.key("eId").value(hit.eId);
    json.key("num").value(hit.num);
    json.key("snippet").beginObject();
    json.key("text").value(hit.snippet.text);
    json.key("highlights").beginArray();
    for (const search::Highlight& highlight : hit.snippet.highlights) {
        json.beginObject();
        json.key("offset").value(highlight.offset);
        json.key("length").value(highlight.length);
        json.endObject();
    }
    json.endArray();
    json.endObject();
    json.endObject();
}

struct SearchHandlers {
    SearchService& search;

    Result<Response> find(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        SearchRequest parameters = NUSQA_TRY(searchRequestOf(request));
        SearchAnswer answer = NUSQA_TRY(search.search(actor, parameters));
        JsonWriter json;
        json.beginObject();
        json.key("page").value(answer.page);
        json.key("pageSize").value(answer.pageSize);
        json.key("total").value(answer.total);
        json.key("truncated").value(answer.truncated);
        json.key("items").beginArray();
        for (const SearchHit& hit : answer.hits) writeHit(json, hit);
        json.endArray();
        json.endObject();
        return Response::json(200, json.take());
    }
};

}  // namespace

void addSearchRoutes(Router& router, SearchService& search) {
    SearchHandlers h{search};
    router.add({"GET", "/api/v1/search", Access::needs(Action::ReadRegister), "",
                [h](const Request& r) { return h.find(r); }});
}

}  // namespace nusqa::http
