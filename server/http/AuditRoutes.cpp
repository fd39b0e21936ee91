// GET /api/v1/audit: the audit log for auditors, filtered by actor, action
// (exact, or a prefix ending in '.'), object and time, paged.
// GET /api/v1/audit/verification: the chain's state, the same walk as
// `nusqa audit verify` does over the log.
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

#include "http/ApiRoutes.h"
#include "http/detail/JsonRecords.h"
#include "http/detail/RequestParsing.h"

namespace nusqa::http {
namespace {

// What the handlers of this group use.
struct AuditServices {
    AuditLog& audit;
};

// The chain walk reads every entry, so it is shared: one walk at a time
// (callers during a walk wait for it and take its answer) and an answer
// reused for kFreshFor, so many auditors or a polling page start at most one
// walk per interval. The answer says when it was checked.
class ChainCheck {
public:
    static constexpr std::chrono::seconds kFreshFor{30};

    struct Answer {
        AuditVerification verification;
        std::string checkedAt;  // UTC
    };

    Result<Answer> current(AuditLog& audit) {
        std::lock_guard lock(_mutex);
        auto now = std::chrono::steady_clock::now();
        if (_last && now - _at < kFreshFor) return *_last;
        AuditVerification found = NUSQA_TRY(audit.verifyAudit());
        _last = Answer{std::move(found), utcNow()};
        _at = now;
        return *_last;
    }

private:
    std::mutex _mutex;
    std::optional<Answer> _last;
    std::chrono::steady_clock::time_point _at;
};

struct AuditHandlers {
    AuditServices services;
    std::shared_ptr<ChainCheck> chain;

    Result<Response> verification() const {
        ChainCheck::Answer answer = NUSQA_TRY(chain->current(services.audit));
        const AuditVerification& found = answer.verification;
        JsonWriter json;
        json.beginObject();
        json.key("intact").value(found.intact);
        json.key("entries").value(found.entries);
        json.key("firstBadSequence");
        if (found.intact)
            json.null();
        else
            json.value(found.firstBadSequence);
        json.key("problem").value(found.problem);
        json.key("checkedAt").value(answer.checkedAt);
        json.key("freshForSeconds").value(static_cast<std::int64_t>(ChainCheck::kFreshFor.count()));
        json.endObject();
        return Response::json(200, json.take());
    }

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
        json.beginObject();
        writePage(json, page, query.limit, query.offset, writeAuditEntry);
        json.endObject();
        return Response::json(200, json.take());
    }
};

}  // namespace

void addAuditRoutes(Router& router, AuditLog& audit) {
    AuditHandlers h{{audit}, std::make_shared<ChainCheck>()};
    router.add({"GET", "/api/v1/audit", Access::needs(Action::ReadAudit), "",
                [h](const Request& r) { return h.list(r); }});
    router.add({"GET", "/api/v1/audit/verification", Access::needs(Action::ReadAudit), "",
                [h](const Request&) { return h.verification(); }});
}

}  // namespace nusqa::http
