#include "http/detail/JsonRecords.h"

namespace nusqa::http {
namespace {

void optionalId(JsonWriter& json, const char* key, const std::optional<std::int64_t>& id) {
    json.key(key);
    if (id)
        json.value(*id);
    else
        json.null();
}

void writePaperRegistration(JsonWriter& json, const PaperRegistration& paper) {
    const PaperApproval& approval = paper.approval;
    json.beginObject();
    json.key("approverPosition").value(approval.approverPosition);
    json.key("approverName").value(approval.approverName);
    json.key("decision").value(approval.decision);
    json.key("decisionDate").value(approval.decisionDate);
    json.key("approvalDate").value(approval.approvalDate);
    json.key("effectiveDate").value(approval.effectiveDate);
    json.key("recordedBy").beginObject();
    json.key("userId").value(paper.registeredBy);
    json.key("login").value(paper.registeredByLogin);
    json.key("fullName").value(paper.registeredByName);
    json.endObject();
    json.key("recordedAt").value(paper.registeredAt);
    json.key("sourceFile").value(paper.sourceFile);
    json.endObject();
}

}  // namespace

void writeUser(JsonWriter& json, const User& user) {
    json.beginObject();
    json.key("id").value(user.id);
    json.key("login").value(user.login);
    json.key("fullNameKk").value(user.fullNameKk);
    json.key("fullNameRu").value(user.fullNameRu);
    json.key("email").value(user.email);
    json.key("language").value(toString(user.language));
    optionalId(json, "positionId", user.positionId);
    json.key("positionKk").value(user.positionKk);
    json.key("positionRu").value(user.positionRu);
    optionalId(json, "unitId", user.unitId);
    json.key("roles").beginArray();
    for (Role role : user.roles) json.value(toString(role));
    json.endArray();
    json.key("active").value(user.active);
    json.key("mustChangePassword").value(user.mustChangePassword);
    json.key("createdAt").value(user.createdAt);
    json.endObject();
}

void writeUnit(JsonWriter& json, const Unit& unit) {
    json.beginObject();
    json.key("id").value(unit.id);
    json.key("nameKk").value(unit.nameKk);
    json.key("nameRu").value(unit.nameRu);
    optionalId(json, "parentId", unit.parentId);
    json.endObject();
}

void writePosition(JsonWriter& json, const Position& position) {
    json.beginObject();
    json.key("id").value(position.id);
    json.key("nameKk").value(position.nameKk);
    json.key("nameRu").value(position.nameRu);
    json.endObject();
}

void writeSignature(JsonWriter& json, const Signature& signature) {
    json.beginObject();
    json.key("id").value(signature.id);
    json.key("editionId").value(signature.editionId);
    json.key("userId").value(signature.userId);
    json.key("fullName").value(signature.fullName);
    json.key("position").value(signature.position);
    json.key("meaning").value(toString(signature.meaning));
    json.key("signedAt").value(signature.signedAt);
    json.key("editionSha256").value(signature.editionSha256);
    json.key("editionRevision").value(signature.editionRevision);
    json.key("comment").value(signature.comment);
    if (!signature.outcome.empty()) json.key("outcome").value(signature.outcome);
    json.endObject();
}

namespace {

void writeAssignmentFields(JsonWriter& json, const Assignment& assignment) {
    json.key("id").value(assignment.id);
    json.key("editionId").value(assignment.editionId);
    json.key("userId").value(assignment.userId);
    json.key("fullNameKk").value(assignment.fullNameKk);
    json.key("fullNameRu").value(assignment.fullNameRu);
    json.key("positionKk").value(assignment.positionKk);
    json.key("positionRu").value(assignment.positionRu);
    optionalId(json, "unitId", assignment.unitId);
    json.key("assignedAt").value(assignment.assignedAt);
    json.key("dueDate").value(assignment.dueDate);
    json.key("signedAt").value(assignment.signedAt);
}

}  // namespace

void writeAssignment(JsonWriter& json, const Assignment& assignment) {
    json.beginObject();
    writeAssignmentFields(json, assignment);
    json.endObject();
}

void writeMyAssignment(JsonWriter& json, const MyAssignment& mine) {
    json.beginObject();
    writeAssignmentFields(json, mine.assignment);
    json.key("edition");
    writeEdition(json, mine.edition);
    json.key("document").beginObject();
    json.key("id").value(mine.document.id);
    json.key("code").value(mine.document.code);
    json.key("kind").value(toString(mine.document.kind));
    json.key("title").value(mine.document.title);
    json.key("unit").value(mine.document.unit);
    json.key("language").value(toString(mine.document.language));
    json.endObject();
    json.endObject();
}

void writeEditionRecord(JsonWriter& json, const EditionRecord& record) {
    const EditionLifecycle& lifecycle = record.lifecycle;
    json.beginObject();
    json.key("editionId").value(lifecycle.edition.id);
    json.key("documentId").value(lifecycle.edition.documentId);
    json.key("status").value(toString(lifecycle.edition.status));
    json.key("sha256").value(lifecycle.edition.sha256);
    json.key("version").value(lifecycle.version);
    json.key("round").value(lifecycle.round);
    json.key("decision").value(lifecycle.decision);
    json.key("effectiveDate").value(lifecycle.effectiveDate);
    json.key("reviewDate").value(lifecycle.reviewDate);
    json.key("enteredAt").value(lifecycle.enteredAt);
    // A registered paper edition: its approval facts as recorded by the
    // person who registered it (not signatures).
    json.key("paperApproval");
    if (lifecycle.paper)
        writePaperRegistration(json, *lifecycle.paper);
    else
        json.null();
    json.key("steps").beginArray();
    for (const AgreementStep& step : record.steps) {
        json.beginObject();
        json.key("round").value(step.round);
        json.key("order").value(step.order);
        json.key("userId").value(step.userId);
        json.key("kind").value(toString(step.kind));
        json.key("decision").value(step.decision);
        json.key("decidedAt").value(step.decidedAt);
        json.key("comment").value(step.comment);
        // Who is on the step, as now: a pending step has no signature yet.
        if (auto person = record.stepPeople.find(step.userId); person != record.stepPeople.end()) {
            json.key("fullNameKk").value(person->second.fullNameKk);
            json.key("fullNameRu").value(person->second.fullNameRu);
            json.key("positionKk").value(person->second.positionKk);
            json.key("positionRu").value(person->second.positionRu);
        }
        json.endObject();
    }
    json.endArray();
    json.key("signatures").beginArray();
    for (const Signature& signature : record.signatures) writeSignature(json, signature);
    json.endArray();
    json.endObject();
}

void writeAuditEntry(JsonWriter& json, const AuditEntry& entry) {
    json.beginObject();
    json.key("sequence").value(entry.sequence);
    json.key("at").value(entry.entry.at);
    json.key("actorId").value(entry.entry.actorId);
    json.key("actorLogin").value(entry.entry.actorLogin);
    json.key("action").value(entry.entry.action);
    json.key("objectType").value(entry.entry.objectType);
    json.key("objectId").value(entry.entry.objectId);
    json.key("details").value(entry.entry.details);
    json.key("previousHash").value(entry.previousHash);
    json.key("hash").value(entry.hash);
    json.endObject();
}

void writeEdition(JsonWriter& json, const Edition& edition) {
    json.beginObject();
    json.key("id").value(edition.id);
    json.key("documentId").value(edition.documentId);
    json.key("number").value(edition.number);
    json.key("language").value(toString(edition.language));
    json.key("status").value(toString(edition.status));
    json.key("sha256").value(edition.sha256);
    json.key("revision").value(edition.revision);
    json.key("size").value(edition.size);
    json.key("createdAt").value(edition.createdAt);
    json.key("updatedAt").value(edition.updatedAt);
    json.endObject();
}

void writeRevision(JsonWriter& json, const Revision& revision) {
    json.beginObject();
    json.key("editionId").value(revision.editionId);
    json.key("revision").value(revision.number);
    json.key("sha256").value(revision.sha256);
    json.key("size").value(revision.size);
    json.key("authorId").value(revision.authorId);
    json.key("authorLogin").value(revision.authorLogin);
    json.key("createdAt").value(revision.createdAt);
    json.endObject();
}

}  // namespace nusqa::http
