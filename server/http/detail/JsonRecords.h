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
// The member "check": {consistent, unrecorded, unfounded, wrongKind} of
// typed change records checked against a comparison (CompareRoutes.cpp).
void writeRecordCheck(JsonWriter& json, const compare::RecordCheck& check);

}  // namespace nusqa::http
