// JSON forms of editions, the people and lifecycle records, shared by the route
// handlers. Each writes one complete object. Never writes a password hash
// or a token hash. Thread safety: pure functions.
#pragma once

#include "domain/AuditLog.h"
#include "domain/ChangeRecords.h"
#include "domain/LifecycleService.h"
#include "domain/People.h"
#include "http/JsonWriter.h"

namespace nusqa::http {

void writeUser(JsonWriter& json, const User& user);
void writeUnit(JsonWriter& json, const Unit& unit);
void writePosition(JsonWriter& json, const Position& position);
void writeSignature(JsonWriter& json, const Signature& signature);
void writeAssignment(JsonWriter& json, const Assignment& assignment);
// An assignment with its edition and document (GET /api/v1/me/familiarizations).
void writeMyAssignment(JsonWriter& json, const MyAssignment& mine);
void writeEditionRecord(JsonWriter& json, const EditionRecord& record);
void writeAuditEntry(JsonWriter& json, const AuditEntry& entry);
void writeEdition(JsonWriter& json, const Edition& edition);
void writeRevision(JsonWriter& json, const Revision& revision);
// The members of a page of a list (GET /documents, /register,
// /familiarizations/overdue, /audit): "items", each written by writeItem,
// then "total", "limit" and "offset". The caller has begun the object (and
// may have written members before) and ends it.
template <class Page, class WriteItem>
void writePage(JsonWriter& json, const Page& page, int limit, int offset, WriteItem&& writeItem) {
    json.key("items").beginArray();
    for (const auto& item : page.items) writeItem(json, item);
    json.endArray();
    json.key("total").value(page.total);
    json.key("limit").value(limit);
    json.key("offset").value(offset);
}

// The member "check": {consistent, unrecorded, unfounded, wrongKind} of
// typed change records checked against a comparison (CompareRoutes.cpp).
void writeRecordCheck(JsonWriter& json, const compare::RecordCheck& check);

}  // namespace nusqa::http
