// Sample records for the contract cases of the record ports (people,
// lifecycle, audit, outbox). Each helper fails the test on an error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/StoreFactory.h"
#include "storage/StoreFixture.h"

namespace nusqa::test {

inline const std::string kTestTime = "2026-03-02T09:00:00Z";

NewAuditEntry auditEntry(const std::string& action, const std::string& objectId = "1",
                         const std::string& details = {});
User addUser(Storage& storage, const std::string& login, std::vector<Role> roles,
             std::optional<std::int64_t> unitId = {}, std::optional<std::int64_t> positionId = {});
// A document with one draft edition (number 1, Kazakh).
Edition addDraft(Storage& storage, const std::string& code);
// A change of the edition's current lifecycle to the status (no signature).
LifecycleChange changeTo(Storage& storage, std::int64_t editionId, EditionStatus status);
// Moves an edition through the statuses with plain changes.
void walk(Storage& storage, std::int64_t editionId, std::vector<EditionStatus> statuses);

}  // namespace nusqa::test
