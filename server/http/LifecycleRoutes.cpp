// /api/v1/editions/{id}/{lifecycle,submit,agree,reject,approve,cancel,
// familiarize,review,register-in-force,familiarizations,agreement-sheet,
// familiarization-log}, the caller's own
// familiarizations, overdue familiarizations and reviews due. Signing acts
// take the re-entered password in the JSON body.
#include <Poco/JSON/Array.h>

#include "http/ApiRoutes.h"
#include "http/detail/JsonRecords.h"
#include "http/detail/RequestParsing.h"

namespace nusqa::http {
namespace {

Response recordResponse(const EditionRecord& record) {
    JsonWriter json;
    writeEditionRecord(json, record);
    return Response::json(200, json.take());
}

Response assignmentsResponse(const std::vector<Assignment>& assignments) {
    JsonWriter json;
    json.beginObject().key("items").beginArray();
    for (const Assignment& assignment : assignments) writeAssignment(json, assignment);
    json.endArray();
    json.key("total").value(static_cast<std::int64_t>(assignments.size()));
    json.endObject();
    return Response::json(200, json.take());
}

Result<std::vector<RouteStep>> parseRoute(const Poco::JSON::Object& body) {
    std::vector<RouteStep> route;
    if (!body.has("route") || body.isNull("route")) return route;
    Poco::JSON::Array::Ptr steps = body.getArray("route");
    if (steps.isNull()) return fail(ErrorCode::InvalidArgument, "field «route» must be an array");
    for (std::size_t i = 0; i < steps->size(); ++i) {
        Poco::JSON::Object::Ptr step = steps->getObject(static_cast<unsigned>(i));
        if (step.isNull())
            return fail(ErrorCode::InvalidArgument,
                        "route steps must be {\"userId\", \"order\", \"kind\"}");
        auto user = NUSQA_TRY(integerField(*step, "userId", true));
        auto order = NUSQA_TRY(integerField(*step, "order", false));
        std::string kindName = NUSQA_TRY(stringField(*step, "kind", false));
        auto kind = parseStepKind(kindName.empty() ? "agree" : kindName);
        if (!kind)
            return fail(ErrorCode::InvalidArgument,
                        "a route step's kind is agree or sign, not «" + kindName + "»");
        route.push_back(
            RouteStep{*user, static_cast<int>(order.value_or(static_cast<int>(i) + 1)), *kind});
    }
    // The signatory may also be named beside a route of agreeing steps only
    // (the request shape before signatories).
    auto signatory = NUSQA_TRY(integerField(body, "signatoryUserId", false));
    if (signatory) route.push_back(RouteStep{*signatory, 1, StepKind::Sign});
    return route;
}

// What the handlers of this group use.
struct LifecycleServices {
    LifecycleService& lifecycle;
};

struct LifecycleHandlers {
    LifecycleServices services;

    Result<Response> get(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        return recordResponse(NUSQA_TRY(services.lifecycle.record(actor, id)));
    }

    Result<Response> submit(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body = NUSQA_TRY(parseJsonBody(request));
        std::vector<RouteStep> route = NUSQA_TRY(parseRoute(*body));
        std::string password = NUSQA_TRY(stringField(*body, "password", true));
        std::string comment = NUSQA_TRY(stringField(*body, "comment", false));
        // "confirmed": true sends it although the typed change records
        // disagree with the comparison (else 409 with the list).
        RecordDisagreement disagreement = RecordDisagreement::Refuse;
        if (body->has("confirmed") && !body->isNull("confirmed")) {
            Poco::Dynamic::Var confirmed = body->get("confirmed");
            if (!confirmed.isBoolean())
                return fail(ErrorCode::InvalidArgument, "field «confirmed» must be true or false");
            if (confirmed.extract<bool>()) disagreement = RecordDisagreement::Confirmed;
        }
        return recordResponse(NUSQA_TRY(services.lifecycle.submit(
            actor, id, std::move(route), password, comment, disagreement)));
    }

    Result<Response> decide(const Request& request, bool agree) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body = NUSQA_TRY(parseJsonBody(request));
        std::string password = NUSQA_TRY(stringField(*body, "password", true));
        std::string comment = NUSQA_TRY(stringField(*body, "comment", !agree));
        return recordResponse(
            agree ? NUSQA_TRY(services.lifecycle.agree(actor, id, password, comment))
                  : NUSQA_TRY(services.lifecycle.reject(actor, id, password, comment)));
    }

    Result<Response> approve(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body = NUSQA_TRY(parseJsonBody(request));
        std::string password = NUSQA_TRY(stringField(*body, "password", true));
        std::string decision = NUSQA_TRY(stringField(*body, "decision", true));
        std::string effective = NUSQA_TRY(stringField(*body, "effectiveDate", false));
        std::string comment = NUSQA_TRY(stringField(*body, "comment", false));
        return recordResponse(NUSQA_TRY(
            services.lifecycle.approve(actor, id, password, decision, effective, comment)));
    }

    Result<Response> cancel(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body =
            NUSQA_TRY(request.body.empty() ? parseJsonObject("{}") : parseJsonBody(request));
        std::string comment = NUSQA_TRY(stringField(*body, "comment", false));
        return recordResponse(NUSQA_TRY(services.lifecycle.cancel(actor, id, comment)));
    }

    Result<Response> familiarize(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body = NUSQA_TRY(parseJsonBody(request));
        std::string password = NUSQA_TRY(stringField(*body, "password", true));
        Signature signature = NUSQA_TRY(services.lifecycle.familiarize(actor, id, password));
        JsonWriter json;
        writeSignature(json, signature);
        return Response::json(201, json.take());
    }

    Result<Response> review(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body = NUSQA_TRY(parseJsonBody(request));
        std::string password = NUSQA_TRY(stringField(*body, "password", true));
        std::string outcome = NUSQA_TRY(stringField(*body, "outcome", true));
        std::string comment = NUSQA_TRY(stringField(*body, "comment", false));
        ReviewOutcome parsed = ReviewOutcome::Confirmed;
        if (outcome == "revise")
            parsed = ReviewOutcome::Revise;
        else if (outcome == "cancel")
            parsed = ReviewOutcome::Cancel;
        else if (outcome != "confirmed")
            return fail(ErrorCode::InvalidArgument,
                        "outcome must be confirmed, revise or cancel, not «" + outcome + "»");
        return recordResponse(
            NUSQA_TRY(services.lifecycle.review(actor, id, parsed, password, comment)));
    }

    // A paper edition approved on paper, registered as in force with the
    // approval facts the body states (the others from the edition's XML).
    Result<Response> registerInForce(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body =
            NUSQA_TRY(request.body.empty() ? parseJsonObject("{}") : parseJsonBody(request));
        PaperApproval approval;
        approval.approverPosition = NUSQA_TRY(stringField(*body, "approverPosition", false));
        approval.approverName = NUSQA_TRY(stringField(*body, "approverName", false));
        approval.decision = NUSQA_TRY(stringField(*body, "decision", false));
        approval.decisionDate = NUSQA_TRY(stringField(*body, "decisionDate", false));
        approval.approvalDate = NUSQA_TRY(stringField(*body, "approvalDate", false));
        approval.effectiveDate = NUSQA_TRY(stringField(*body, "effectiveDate", false));
        Provenance via{"the API from " + request.clientAddress,
                       NUSQA_TRY(stringField(*body, "sourceFile", false))};
        return recordResponse(
            NUSQA_TRY(services.lifecycle.registerInForce(actor, id, std::move(approval), via)));
    }

    Result<Response> familiarizations(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        AssignmentQuery query;
        query.editionId = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        if (auto state = request.queryValue("signed")) {
            if (*state == "true")
                query.signedOnly = true;
            else if (*state == "false")
                query.unsignedOnly = true;
            else
                return fail(ErrorCode::InvalidArgument, "signed must be true or false");
        }
        return assignmentsResponse(NUSQA_TRY(services.lifecycle.assignments(actor, query)));
    }

    Result<Response> myFamiliarizations(const Request& request) const {
        User user = NUSQA_TRY(principalOf(request));
        std::vector<MyAssignment> found = NUSQA_TRY(services.lifecycle.myFamiliarizations(user));
        JsonWriter json;
        json.beginObject().key("items").beginArray();
        for (const MyAssignment& mine : found) writeMyAssignment(json, mine);
        json.endArray().endObject();
        return Response::json(200, json.take());
    }

    // The editions waiting for the caller's agreement or approval, each
    // with its document and its record (route with names, signatures).
    Result<Response> myQueue(const Request& request) const {
        User user = NUSQA_TRY(principalOf(request));
        std::vector<WaitingEdition> waiting = NUSQA_TRY(services.lifecycle.myQueue(user));
        JsonWriter json;
        json.beginObject().key("items").beginArray();
        for (const WaitingEdition& item : waiting) {
            json.beginObject();
            json.key("stage").value(item.stage == QueueStage::Approve ? "approve" : "agree");
            json.key("document").beginObject();
            json.key("id").value(item.document.id);
            json.key("code").value(item.document.code);
            json.key("kind").value(toString(item.document.kind));
            json.key("title").value(item.document.title);
            json.key("unit").value(item.document.unit);
            json.key("language").value(toString(item.document.language));
            json.endObject();
            json.key("edition");
            writeEdition(json, item.record.lifecycle.edition);
            json.key("lifecycle");
            writeEditionRecord(json, item.record);
            json.endObject();
        }
        json.endArray().endObject();
        return Response::json(200, json.take());
    }

    // GET /api/v1/dashboard: editions by status, the routes waiting and on
    // whom, familiarization of the editions in force per unit.
    Result<Response> dashboard(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        Dashboard board = NUSQA_TRY(services.lifecycle.dashboard(actor));
        JsonWriter json;
        json.beginObject().key("editionsByStatus").beginObject();
        for (const auto& [status, count] : board.editionsByStatus)
            json.key(std::string(toString(status))).value(count);
        json.endObject();
        json.key("waiting").beginArray();
        for (const RouteWait& wait : board.waiting) {
            json.beginObject();
            json.key("stage").value(wait.stage == QueueStage::Approve ? "approve" : "agree");
            json.key("since").value(wait.since);
            json.key("document").beginObject();
            json.key("id").value(wait.document.id);
            json.key("code").value(wait.document.code);
            json.key("title").value(wait.document.title);
            json.key("unit").value(wait.document.unit);
            json.endObject();
            json.key("edition");
            writeEdition(json, wait.edition);
            json.key("waitingFor").beginArray();
            for (const User& person : wait.waitingFor) {
                json.beginObject();
                json.key("id").value(person.id);
                json.key("fullNameKk").value(person.fullNameKk);
                json.key("fullNameRu").value(person.fullNameRu);
                json.key("positionKk").value(person.positionKk);
                json.key("positionRu").value(person.positionRu);
                json.endObject();
            }
            json.endArray().endObject();
        }
        json.endArray();
        auto completion = [&](const UnitCompletion& figure) {
            json.beginObject();
            json.key("unitId");
            if (figure.unitId)
                json.value(*figure.unitId);
            else
                json.null();
            json.key("assigned").value(figure.assigned);
            json.key("signed").value(figure.signedCount);
            json.key("overdue").value(figure.overdue);
            json.endObject();
        };
        json.key("familiarization").beginObject().key("units").beginArray();
        for (const UnitCompletion& unit : board.units) completion(unit);
        json.endArray().key("whole");
        completion(board.whole);
        json.endObject().endObject();
        return Response::json(200, json.take());
    }

    Result<Response> overdue(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        OverdueQuery query;
        query.unitId = NUSQA_TRY(parseIdParameter(request, "unit"));
        query.userId = NUSQA_TRY(parseIdParameter(request, "user"));
        // Pages as GET /api/v1/documents and /register: 50 by default, at most 500.
        query.limit = NUSQA_TRY(parseIntParameter(request, "limit", 50));
        query.offset = NUSQA_TRY(parseIntParameter(request, "offset", 0));
        AssignmentPage page = NUSQA_TRY(services.lifecycle.overdue(actor, query));
        JsonWriter json;
        json.beginObject();
        writePage(json, page, query.limit, query.offset, writeAssignment);
        json.endObject();
        return Response::json(200, json.take());
    }

    // One version of a record, byte-exact (?version=N, else the latest);
    // X-Content-SHA256 and X-Record-Version say which.
    Result<Response> recordXml(const Request& request, RecordKind kind) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto version = NUSQA_TRY(parseIdParameter(request, "version"));
        RecordVersion found =
            NUSQA_TRY(services.lifecycle.recordVersion(actor, id, kind, version.value_or(0)));
        Response response;
        response.contentType = "application/xml";
        response.body = std::move(found.xml);
        response.headers.emplace_back("X-Content-SHA256", found.sha256);
        response.headers.emplace_back("X-Record-Version", std::to_string(found.version));
        return response;
    }

    Result<Response> recordVersions(const Request& request, RecordKind kind) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        std::vector<RecordVersion> found =
            NUSQA_TRY(services.lifecycle.recordVersions(actor, id, kind));
        JsonWriter json;
        json.beginObject().key("items").beginArray();
        for (const RecordVersion& version : found) {
            json.beginObject();
            json.key("version").value(version.version);
            json.key("sha256").value(version.sha256);
            json.key("previousSha256").value(version.previousSha256);
            json.key("createdAt").value(version.createdAt);
            json.endObject();
        }
        json.endArray();
        json.key("total").value(static_cast<std::int64_t>(found.size()));
        json.endObject();
        return Response::json(200, json.take());
    }

    Result<Response> reviewsDue(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        int days = NUSQA_TRY(parseIntParameter(request, "days", 30));
        std::vector<ReviewDue> due = NUSQA_TRY(services.lifecycle.reviewsDue(actor, days));
        JsonWriter json;
        json.beginObject().key("items").beginArray();
        for (const ReviewDue& item : due) {
            json.beginObject();
            json.key("editionId").value(item.lifecycle.edition.id);
            json.key("documentId").value(item.document.id);
            json.key("code").value(item.document.code);
            json.key("title").value(item.document.title);
            json.key("number").value(item.lifecycle.edition.number);
            json.key("language").value(toString(item.lifecycle.edition.language));
            json.key("reviewDate").value(item.lifecycle.reviewDate);
            json.endObject();
        }
        json.endArray().endObject();
        return Response::json(200, json.take());
    }
};

}  // namespace

void addLifecycleRoutes(Router& router, LifecycleService& lifecycle) {
    using enum Action;
    LifecycleHandlers h{{lifecycle}};
    const std::string edition = "/api/v1/editions/{id}";
    router.add({"GET", edition + "/lifecycle", Access::needs(ReadRegister), "",
                [h](const Request& r) { return h.get(r); }});
    router.add({"POST", edition + "/submit", Access::needs(SendForAgreement), "edition.submit",
                [h](const Request& r) { return h.submit(r); }});
    router.add({"POST", edition + "/agree", Access::needs(Agree), "edition.agree",
                [h](const Request& r) { return h.decide(r, true); }});
    router.add({"POST", edition + "/reject", Access::needs(Agree), "edition.reject",
                [h](const Request& r) { return h.decide(r, false); }});
    router.add({"POST", edition + "/approve", Access::needs(Approve), "edition.approve",
                [h](const Request& r) { return h.approve(r); }});
    router.add({"POST", edition + "/cancel", Access::needs(ManageLifecycle), "edition.cancel",
                [h](const Request& r) { return h.cancel(r); }});
    router.add({"POST", edition + "/familiarize", Access::needs(Familiarize), "edition.familiarize",
                [h](const Request& r) { return h.familiarize(r); }});
    router.add({"POST", edition + "/review", Access::needs(Review), "edition.review",
                [h](const Request& r) { return h.review(r); }});
    router.add({"POST", edition + "/register-in-force", Access::needs(ManageLifecycle),
                "edition.register_in_force",
                [h](const Request& r) { return h.registerInForce(r); }});
    router.add({"GET", edition + "/familiarizations", Access::needs(ReadQualityRecords), "",
                [h](const Request& r) { return h.familiarizations(r); }});
    for (auto [path, kind] : {std::pair{"/agreement-sheet", RecordKind::AgreementSheet},
                              std::pair{"/familiarization-log", RecordKind::FamiliarizationLog}}) {
        router.add({"GET", edition + path, Access::needs(ReadRegister), "",
                    [h, kind](const Request& r) { return h.recordXml(r, kind); }});
        router.add({"GET", edition + path + "/versions", Access::needs(ReadRegister), "",
                    [h, kind](const Request& r) { return h.recordVersions(r, kind); }});
    }
    router.add({"GET", "/api/v1/me/familiarizations", Access::needs(ReadOwn), "",
                [h](const Request& r) { return h.myFamiliarizations(r); }});
    router.add({"GET", "/api/v1/me/queue", Access::needs(ReadOwn), "",
                [h](const Request& r) { return h.myQueue(r); }});
    router.add({"GET", "/api/v1/familiarizations/overdue", Access::needs(ReadQualityRecords), "",
                [h](const Request& r) { return h.overdue(r); }});
    router.add({"GET", "/api/v1/reviews/due", Access::needs(ReadQualityRecords), "",
                [h](const Request& r) { return h.reviewsDue(r); }});
    router.add({"GET", "/api/v1/dashboard", Access::needs(ReadQualityRecords), "",
                [h](const Request& r) { return h.dashboard(r); }});
}

}  // namespace nusqa::http
