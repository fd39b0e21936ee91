// MemoryLifecycleStore: controlled copies, as SqlCopies.cpp does them.
#include <algorithm>

#include "support/memory/MemoryLifecycleStore.h"

namespace nusqa::test {
namespace {

Error copyNotFound(std::int64_t copyId) {
    return Error{ErrorCode::NotFound, "no controlled copy " + std::to_string(copyId), {}};
}

}  // namespace

Result<ControlledCopy> MemoryLifecycleStore::issueCopy(const ControlledCopy& copy,
                                                       const std::vector<NewAuditEntry>& audit) {
    ControlledCopy issued = copy;
    NUSQA_TRY(_database.write("insert controlled copy", [&](MemoryTables& tables) -> Status {
        issued = copy;
        NUSQA_TRY(_database.step("select edition"));
        auto edition = tables.editions.find(copy.editionId);
        if (edition == tables.editions.end())
            return std::unexpected(memoryEditionNotFound(copy.editionId));
        EditionStatus status = edition->second.edition.status;
        if (status != EditionStatus::Approved && status != EditionStatus::InForce)
            return fail(ErrorCode::Conflict,
                        "edition " + std::to_string(copy.editionId) + " is " +
                            std::string(toString(status)) +
                            ": copies are issued only of an edition approved or in force");
        if (copy.holderUserId && !tables.users.contains(*copy.holderUserId))
            return fail(ErrorCode::NotFound, "no user " + std::to_string(*copy.holderUserId));
        if (copy.holderUnitId && !tables.units.contains(*copy.holderUnitId))
            return fail(ErrorCode::NotFound, "no unit " + std::to_string(*copy.holderUnitId));
        int last = 0;
        for (const auto& [id, existing] : tables.copies)
            if (existing.editionId == copy.editionId) last = std::max(last, existing.number);
        NUSQA_TRY(_database.step("insert controlled copy"));
        issued.id = tables.nextId("controlled_copies");
        issued.number = last + 1;
        issued.state = CopyState::Open;
        issued.recallRequestedAt.clear();
        issued.recalledBy.reset();
        issued.recalledByLogin.clear();
        issued.recalledAt.clear();
        tables.copies[issued.id] = issued;
        std::vector<NewAuditEntry> entries = withObjectId(audit, issued.id);
        for (NewAuditEntry& entry : entries)
            entry.details = "№ " + std::to_string(issued.number) + ", " + entry.details;
        return appendAudit(_database, tables, entries);
    }));
    return issued;
}

Result<ControlledCopy> MemoryLifecycleStore::copy(std::int64_t copyId) {
    ControlledCopy found;
    NUSQA_TRY(_database.read("select controlled copy", [&](const MemoryTables& tables) -> Status {
        auto copy = tables.copies.find(copyId);
        if (copy == tables.copies.end()) return std::unexpected(copyNotFound(copyId));
        found = copy->second;
        return {};
    }));
    return found;
}

Result<std::vector<ControlledCopy>> MemoryLifecycleStore::copies(const CopyQuery& query) {
    std::vector<ControlledCopy> found;
    NUSQA_TRY(_database.read("select controlled copies", [&](const MemoryTables& tables) -> Status {
        found.clear();
        for (const auto& [id, copy] : tables.copies)
            if ((!query.editionId || copy.editionId == *query.editionId) &&
                (!query.state || copy.state == *query.state))
                found.push_back(copy);
        std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
            return std::pair(a.editionId, a.number) < std::pair(b.editionId, b.number);
        });
        return {};
    }));
    return found;
}

Result<ControlledCopy> MemoryLifecycleStore::recallCopy(std::int64_t copyId,
                                                        std::int64_t recalledBy,
                                                        const std::string& recalledByLogin,
                                                        const std::string& at,
                                                        const std::vector<NewAuditEntry>& audit) {
    ControlledCopy recalled;
    NUSQA_TRY(_database.write("recall controlled copy", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("update controlled copy"));
        auto copy = tables.copies.find(copyId);
        if (copy == tables.copies.end()) return std::unexpected(copyNotFound(copyId));
        if (copy->second.state == CopyState::Recalled)
            return fail(ErrorCode::Conflict, "copy " + std::to_string(copyId) +
                                                 " was already recalled at " +
                                                 copy->second.recalledAt);
        copy->second.state = CopyState::Recalled;
        copy->second.recalledBy = recalledBy;
        copy->second.recalledByLogin = recalledByLogin;
        copy->second.recalledAt = at;
        recalled = copy->second;
        return appendAudit(_database, tables, audit);
    }));
    return recalled;
}

Status recallMemoryCopies(MemoryDatabase& database, MemoryTables& tables,
                          const LifecycleChange& change) {
    if (change.recallCopiesOf == 0) return {};
    NUSQA_TRY(database.step("select open copies"));
    std::vector<std::int64_t> open;
    for (const auto& [id, copy] : tables.copies)
        if (copy.editionId == change.recallCopiesOf && copy.state == CopyState::Open)
            open.push_back(id);
    std::vector<std::int64_t> expected = change.recallCopies;
    std::sort(expected.begin(), expected.end());
    if (open != expected)
        return fail(ErrorCode::Conflict, "controlled copies of edition " +
                                             std::to_string(change.recallCopiesOf) +
                                             " were issued or returned meanwhile: read again and "
                                             "retry");
    for (std::int64_t id : open) {
        NUSQA_TRY(database.step("update controlled copy"));
        ControlledCopy& copy = tables.copies.at(id);
        copy.state = CopyState::RecallRequested;
        copy.recallRequestedAt = change.at;
    }
    return {};
}

}  // namespace nusqa::test
