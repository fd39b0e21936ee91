#include "support/memory/MemoryLifecycleStore.h"

#include <algorithm>
#include <tuple>

#include "support/memory/MemoryPeopleStore.h"

namespace nusqa::test {
namespace {

EditionLifecycle lifecycleOf(const MemoryTables& tables, std::int64_t editionId) {
    EditionLifecycle found;
    found.edition = tables.editions.at(editionId).edition;
    const MemoryLifecycle& row = tables.lifecycle.at(editionId);
    found.version = row.version;
    found.round = row.round;
    found.decision = row.decision;
    found.effectiveDate = row.effectiveDate;
    found.reviewDate = row.reviewDate;
    found.enteredAt = row.enteredAt;
    found.reviewNoticeAt = row.reviewNoticeAt;
    if (auto paper = tables.paper.find(editionId); paper != tables.paper.end())
        found.paper = paper->second;
    return found;
}

Error changedMeanwhile(std::int64_t editionId, const std::string& what) {
    return Error{ErrorCode::Conflict,
                 "edition " + std::to_string(editionId) + " changed meanwhile (" + what +
                     "): read it again and retry",
                 {}};
}

Status requireUser(const MemoryTables& tables, std::int64_t userId) {
    if (tables.users.contains(userId)) return {};
    return fail(ErrorCode::NotFound, "user " + std::to_string(userId) + " not found");
}

// The compare-and-set that opens every change: version, status, hash.
Status lockAndCheck(MemoryDatabase& database, MemoryTables& tables, const LifecycleChange& change) {
    NUSQA_TRY(database.step("update lifecycle version"));
    NUSQA_TRY(database.step("select edition"));
    auto edition = tables.editions.find(change.editionId);
    if (edition == tables.editions.end())
        return std::unexpected(memoryEditionNotFound(change.editionId));
    MemoryLifecycle& lifecycle = tables.lifecycle.at(change.editionId);
    if (!change.independentOfVersion) {
        if (lifecycle.version != change.expectedVersion)
            return std::unexpected(changedMeanwhile(
                change.editionId,
                "version " + std::to_string(change.expectedVersion) + " expected"));
        lifecycle.version += 1;
    }
    const Edition& current = edition->second.edition;
    if (current.status != change.expectedStatus)
        return std::unexpected(changedMeanwhile(
            change.editionId, "it is now " + std::string(toString(current.status))));
    if (!change.expectedSha256.empty() && current.sha256 != change.expectedSha256)
        return std::unexpected(changedMeanwhile(change.editionId, "its XML changed"));
    return {};
}

// The edition in force of the edition's document and language must be the
// one the change expects; entering into force then takes its place.
Status checkInForce(MemoryDatabase& database, MemoryTables& tables, const LifecycleChange& change) {
    NUSQA_TRY(database.step("select edition in force"));
    const Edition& edition = tables.editions.at(change.editionId).edition;
    auto key = std::make_pair(edition.documentId, edition.language);
    std::optional<std::int64_t> current;
    if (auto found = tables.inForce.find(key); found != tables.inForce.end())
        current = found->second;
    if (current != change.expectedInForce)
        return fail(ErrorCode::Conflict,
                    "another edition of document " + std::to_string(edition.documentId) + " (" +
                        std::string(toString(edition.language)) +
                        ") entered into force meanwhile: read again and retry");
    if (change.olderThanInForce) {
        if (!current)
            return fail(ErrorCode::Conflict, "no edition is in force to supersede this one");
        tables.lifecycle.at(change.editionId).endedOn = tables.lifecycle.at(*current).effectiveDate;
        return {};
    }
    if (current) {
        NUSQA_TRY(database.step("supersede the edition in force"));
        Edition& previous = tables.editions.at(*current).edition;
        if (previous.status != EditionStatus::InForce)
            return fail(ErrorCode::Conflict,
                        "edition " + std::to_string(*current) + " is no longer in force");
        previous.status = EditionStatus::Superseded;
        previous.updatedAt = change.at;
        NUSQA_TRY(database.step("update superseded lifecycle version"));
        tables.lifecycle.at(*current).version += 1;
        tables.lifecycle.at(*current).endedOn = tables.lifecycle.at(change.editionId).effectiveDate;
    }
    NUSQA_TRY(database.step("update edition in force"));
    tables.inForce[key] = change.editionId;
    return {};
}

void updateLifecycleFields(MemoryLifecycle& row, const LifecycleChange& change) {
    if (change.decision) row.decision = *change.decision;
    if (change.effectiveDate) row.effectiveDate = *change.effectiveDate;
    if (change.reviewDate) row.reviewDate = *change.reviewDate;
    if (change.reviewNoticeAt) row.reviewNoticeAt = *change.reviewNoticeAt;
    if (change.enterIntoForce) row.enteredAt = change.enteredAt;
    if (change.newRound) row.round = *change.newRound;
}

bool hasLifecycleFields(const LifecycleChange& change) {
    return change.decision || change.effectiveDate || change.reviewDate || change.reviewNoticeAt ||
           change.enterIntoForce || change.newRound;
}

Status writeAgreement(MemoryDatabase& database, MemoryTables& tables,
                      const LifecycleChange& change) {
    for (const RouteStep& step : change.route) {
        NUSQA_TRY(database.step("insert agreement step"));
        NUSQA_TRY(requireUser(tables, step.userId));
        for (const auto& [id, existing] : tables.steps)
            if (existing.editionId == change.editionId &&
                existing.round == change.newRound.value_or(0) && existing.userId == step.userId)
                return fail(ErrorCode::Conflict, "the route names a user twice");
        AgreementStep row{tables.nextId("agreement_steps"),
                          change.editionId,
                          change.newRound.value_or(0),
                          step.order,
                          step.userId,
                          "",
                          "",
                          "",
                          step.kind};
        tables.steps[row.id] = row;
    }
    if (change.decidedStepId) {
        NUSQA_TRY(database.step("update agreement step"));
        auto step = tables.steps.find(*change.decidedStepId);
        if (step == tables.steps.end() || step->second.editionId != change.editionId ||
            !step->second.decision.empty())
            return fail(ErrorCode::Conflict, "this agreement step was already decided");
        step->second.decision = change.stepDecision;
        step->second.decidedAt = change.decidedAt;
        step->second.comment = change.stepComment;
    }
    return {};
}

Status writeFamiliarization(MemoryDatabase& database, MemoryTables& tables,
                            const LifecycleChange& change, ChangeResult& result) {
    if (change.signedAssignmentId) {
        NUSQA_TRY(database.step("update familiarization"));
        auto assignment = tables.familiarizations.find(*change.signedAssignmentId);
        if (assignment == tables.familiarizations.end() ||
            assignment->second.assignment.editionId != (change.signedAssignmentEditionId != 0
                                                            ? change.signedAssignmentEditionId
                                                            : change.editionId) ||
            !assignment->second.assignment.signedAt.empty())
            return fail(ErrorCode::Conflict, "the familiarization is already signed");
        assignment->second.assignment.signedAt =
            change.signature ? change.signature->signedAt : change.at;
        assignment->second.assignment.signatureId = result.signatureId;
    }
    for (const NewAssignment& added : change.assignments) {
        NUSQA_TRY(database.step("insert familiarization"));
        NUSQA_TRY(requireUser(tables, added.userId));
        for (const auto& [id, existing] : tables.familiarizations)
            if (existing.assignment.editionId == change.editionId &&
                existing.assignment.userId == added.userId)
                return fail(ErrorCode::Conflict, "user " + std::to_string(added.userId) +
                                                     " is assigned this edition already");
        MemoryAssignment row;
        row.assignment.id = tables.nextId("familiarizations");
        row.assignment.editionId = change.editionId;
        row.assignment.userId = added.userId;
        row.assignment.assignedAt = change.assignedAt;
        row.assignment.dueDate = added.dueDate;
        tables.familiarizations[row.assignment.id] = row;
    }
    for (std::int64_t id : change.remindedAssignments) {
        NUSQA_TRY(database.step("update familiarization reminder"));
        auto assignment = tables.familiarizations.find(id);
        if (assignment != tables.familiarizations.end() &&
            assignment->second.assignment.editionId == change.editionId)
            assignment->second.assignment.remindedAt = change.remindedAt;
    }
    return {};
}

}  // namespace

Result<EditionLifecycle> MemoryLifecycleStore::lifecycle(std::int64_t editionId) {
    EditionLifecycle found;
    NUSQA_TRY(_database.read("select lifecycle", [&](const MemoryTables& tables) -> Status {
        if (!tables.editions.contains(editionId))
            return std::unexpected(memoryEditionNotFound(editionId));
        found = lifecycleOf(tables, editionId);
        return {};
    }));
    return found;
}

Result<std::vector<EditionLifecycle>> MemoryLifecycleStore::editionsWithStatus(
    EditionStatus status) {
    std::vector<EditionLifecycle> found;
    NUSQA_TRY(
        _database.read("select editions by status", [&](const MemoryTables& tables) -> Status {
            for (const auto& [id, row] : tables.editions)
                if (row.edition.status == status) found.push_back(lifecycleOf(tables, id));
            return {};
        }));
    return found;
}

Result<std::vector<EditionLifecycle>> MemoryLifecycleStore::lifecyclesAfter(
    std::int64_t afterEditionId, int limit) {
    std::vector<EditionLifecycle> found;
    NUSQA_TRY(_database.read("select lifecycles", [&](const MemoryTables& tables) -> Status {
        for (auto row = tables.editions.upper_bound(afterEditionId);
             row != tables.editions.end() && static_cast<int>(found.size()) < limit; ++row)
            found.push_back(lifecycleOf(tables, row->first));
        return {};
    }));
    return found;
}

Result<std::vector<ReviewDue>> MemoryLifecycleStore::reviewsDueBy(const std::string& lastDay) {
    std::vector<ReviewDue> found;
    NUSQA_TRY(_database.read("select reviews due", [&](const MemoryTables& tables) -> Status {
        // Driven by the editions in force, as the SQL backends are
        // (editions_in_force), so that a slip in keeping them shows here too.
        for (const auto& [key, id] : tables.inForce) {
            if (tables.editions.at(id).edition.status != EditionStatus::InForce) continue;
            EditionLifecycle lifecycle = lifecycleOf(tables, id);
            if (lifecycle.reviewDate.empty() || lifecycle.reviewDate > lastDay) continue;
            auto document = tables.documents.find(key.first);
            if (document == tables.documents.end())
                return fail(ErrorCode::Internal, "edition without its document");
            found.push_back(ReviewDue{std::move(lifecycle), document->second});
        }
        return {};
    }));
    std::sort(found.begin(), found.end(), [](const ReviewDue& a, const ReviewDue& b) {
        return std::tie(a.lifecycle.reviewDate, a.lifecycle.edition.id) <
               std::tie(b.lifecycle.reviewDate, b.lifecycle.edition.id);
    });
    return found;
}

Result<std::vector<EditionLifecycle>> MemoryLifecycleStore::editionsAwaiting(std::int64_t userId) {
    std::vector<EditionLifecycle> found;
    NUSQA_TRY(_database.read("select editions awaiting", [&](const MemoryTables& tables) -> Status {
        for (const auto& [id, row] : tables.editions) {
            if (row.edition.status != EditionStatus::InAgreement &&
                row.edition.status != EditionStatus::Agreed)
                continue;
            EditionLifecycle lifecycle = lifecycleOf(tables, id);
            bool awaiting = false;
            for (const auto& [stepId, step] : tables.steps)
                awaiting = awaiting || (step.editionId == id && step.userId == userId &&
                                        step.round == lifecycle.round && step.decision.empty());
            if (awaiting) found.push_back(std::move(lifecycle));
        }
        return {};
    }));
    return found;
}

Result<std::vector<AgreementStep>> MemoryLifecycleStore::agreementSteps(std::int64_t editionId) {
    std::vector<AgreementStep> found;
    NUSQA_TRY(_database.read("select agreement steps", [&](const MemoryTables& tables) -> Status {
        for (const auto& [id, step] : tables.steps)
            if (step.editionId == editionId) found.push_back(step);
        std::sort(found.begin(), found.end(), [](const AgreementStep& a, const AgreementStep& b) {
            return std::tie(a.round, a.order, a.id) < std::tie(b.round, b.order, b.id);
        });
        return {};
    }));
    return found;
}

Result<std::vector<Signature>> MemoryLifecycleStore::signatures(std::int64_t editionId) {
    std::vector<Signature> found;
    NUSQA_TRY(_database.read("select signatures", [&](const MemoryTables& tables) -> Status {
        for (const auto& [id, signature] : tables.signatures)
            if (signature.editionId == editionId) found.push_back(signature);
        return {};
    }));
    return found;
}

Result<std::optional<std::int64_t>> MemoryLifecycleStore::editionInForce(std::int64_t documentId,
                                                                         Language language) {
    std::optional<std::int64_t> found;
    NUSQA_TRY(_database.read("select edition in force", [&](const MemoryTables& tables) -> Status {
        if (auto row = tables.inForce.find({documentId, language}); row != tables.inForce.end())
            found = row->second;
        return {};
    }));
    return found;
}

Result<RegisterPage> MemoryLifecycleStore::inForceOn(const RegisterQuery& query) {
    std::vector<RegisterEntry> found;
    NUSQA_TRY(_database.read("select register", [&](const MemoryTables& tables) -> Status {
        auto everInForce = [&](const Edition& edition) {
            const MemoryLifecycle& row = tables.lifecycle.at(edition.id);
            bool was = edition.status == EditionStatus::InForce ||
                       edition.status == EditionStatus::Superseded ||
                       (edition.status == EditionStatus::Cancelled && !row.enteredAt.empty());
            return was && !row.effectiveDate.empty() && row.effectiveDate <= query.date;
        };
        // Per (document, language) the latest effective date, then number.
        std::map<std::pair<std::int64_t, Language>, const Edition*> latest;
        for (const auto& [id, row] : tables.editions) {
            if (!everInForce(row.edition)) continue;
            const Edition*& best = latest[{row.edition.documentId, row.edition.language}];
            auto key = [&](const Edition& e) {
                return std::make_pair(tables.lifecycle.at(e.id).effectiveDate, e.number);
            };
            if (!best || key(*best) < key(row.edition)) best = &row.edition;
        }
        for (const auto& [key, edition] : latest) {
            const MemoryLifecycle& row = tables.lifecycle.at(edition->id);
            if (edition->status == EditionStatus::Cancelled && !row.endedOn.empty() &&
                row.endedOn <= query.date)
                continue;
            const Document& document = tables.documents.at(edition->documentId);
            if (!query.unit.empty() && document.unit != query.unit) continue;
            if (query.kind && document.kind != *query.kind) continue;
            if (query.language && edition->language != *query.language) continue;
            found.push_back(RegisterEntry{document, *edition, row.effectiveDate, row.endedOn});
        }
        std::sort(found.begin(), found.end(), [](const RegisterEntry& a, const RegisterEntry& b) {
            return std::make_pair(a.document.code, toString(a.edition.language)) <
                   std::make_pair(b.document.code, toString(b.edition.language));
        });
        return {};
    }));
    RegisterPage page;
    page.total = static_cast<std::int64_t>(found.size());
    if (query.limit == 0) {
        page.items = std::move(found);
        return page;
    }
    std::size_t from = std::min(found.size(), static_cast<std::size_t>(std::max(query.offset, 0)));
    std::size_t count =
        std::min(found.size() - from, static_cast<std::size_t>(std::clamp(query.limit, 1, 500)));
    page.items.assign(found.begin() + static_cast<std::ptrdiff_t>(from),
                      found.begin() + static_cast<std::ptrdiff_t>(from + count));
    return page;
}

Result<Distribution> MemoryLifecycleStore::distribution(std::int64_t documentId) {
    Distribution found;
    NUSQA_TRY(_database.read("select distribution", [&](const MemoryTables& tables) -> Status {
        for (const auto& [document, unit] : tables.distribution)
            if (document == documentId) found.unitIds.push_back(unit);
        for (const auto& [document, position] : tables.distributionPositions)
            if (document == documentId) found.positionIds.push_back(position);
        for (const auto& [document, user] : tables.distributionUsers)
            if (document == documentId) found.userIds.push_back(user);
        return {};
    }));
    return found;
}

Status MemoryLifecycleStore::setDistribution(std::int64_t documentId,
                                             const Distribution& distribution,
                                             const std::vector<NewAuditEntry>& audit) {
    return _database.write("set distribution", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("select document"));
        if (!tables.documents.contains(documentId))
            return std::unexpected(memoryDocumentNotFound(documentId));
        auto replace = [&](std::set<std::pair<std::int64_t, std::int64_t>>& rows,
                           const std::vector<std::int64_t>& ids, const char* what,
                           auto exists) -> Status {
            NUSQA_TRY(_database.step("delete distribution"));
            std::erase_if(rows, [documentId](const auto& row) { return row.first == documentId; });
            for (std::int64_t id : ids) {
                NUSQA_TRY(_database.step("insert distribution"));
                if (!exists(id))
                    return fail(ErrorCode::NotFound,
                                std::string(what) + " " + std::to_string(id) + " not found");
                rows.insert({documentId, id});
            }
            return {};
        };
        NUSQA_TRY(replace(tables.distribution, distribution.unitIds, "unit",
                          [&](std::int64_t id) { return tables.units.contains(id); }));
        NUSQA_TRY(replace(tables.distributionPositions, distribution.positionIds, "position",
                          [&](std::int64_t id) { return tables.positions.contains(id); }));
        NUSQA_TRY(replace(tables.distributionUsers, distribution.userIds, "user",
                          [&](std::int64_t id) { return tables.users.contains(id); }));
        return appendAudit(_database, tables, audit);
    });
}

Result<std::vector<Assignment>> MemoryLifecycleStore::assignments(const AssignmentQuery& query) {
    std::vector<Assignment> found;
    NUSQA_TRY(_database.read("select assignments", [&](const MemoryTables& tables) -> Status {
        for (const auto& [id, row] : tables.familiarizations) {
            Assignment a = row.assignment;
            const User user = MemoryPeopleStore::joined(tables, tables.users.at(a.userId));
            const Edition& edition = tables.editions.at(a.editionId).edition;
            if (query.editionId && a.editionId != *query.editionId) continue;
            if (query.userId && a.userId != *query.userId) continue;
            if (query.unitId && user.unitId != query.unitId) continue;
            if (query.unsignedOnly && !a.signedAt.empty()) continue;
            if (query.signedOnly && a.signedAt.empty()) continue;
            if (!query.dueBefore.empty() && !(a.dueDate < query.dueBefore)) continue;
            if (query.inForceOnly && edition.status != EditionStatus::InForce) continue;
            a.fullNameKk = user.fullNameKk;
            a.fullNameRu = user.fullNameRu;
            a.positionKk = user.positionKk;
            a.positionRu = user.positionRu;
            a.email = user.email;
            a.language = user.language;
            a.unitId = user.unitId;
            found.push_back(std::move(a));
        }
        std::sort(found.begin(), found.end(), [](const Assignment& a, const Assignment& b) {
            return std::tie(a.editionId, a.fullNameKk, a.id) <
                   std::tie(b.editionId, b.fullNameKk, b.id);
        });
        return {};
    }));
    return found;
}

Result<AssignmentPage> MemoryLifecycleStore::overdue(const OverdueQuery& query) {
    AssignmentQuery all;
    all.userId = query.userId;
    all.unitId = query.unitId;
    all.unsignedOnly = true;
    all.dueBefore = query.dueBefore;
    all.inForceOnly = true;
    std::vector<Assignment> found = NUSQA_TRY(assignments(all));
    std::sort(found.begin(), found.end(), [](const Assignment& a, const Assignment& b) {
        return std::tie(a.dueDate, a.editionId, a.userId) <
               std::tie(b.dueDate, b.editionId, b.userId);
    });
    AssignmentPage page;
    page.total = static_cast<std::int64_t>(found.size());
    auto from = std::min(found.size(), static_cast<std::size_t>(std::max(query.offset, 0)));
    auto to = std::min(found.size(), from + static_cast<std::size_t>(std::max(query.limit, 0)));
    page.items.assign(std::make_move_iterator(found.begin() + static_cast<std::ptrdiff_t>(from)),
                      std::make_move_iterator(found.begin() + static_cast<std::ptrdiff_t>(to)));
    return page;
}

Result<ChangeResult> MemoryLifecycleStore::apply(const LifecycleChange& change) {
    ChangeResult result;
    NUSQA_TRY(_database.write("apply lifecycle change", [&](MemoryTables& tables) -> Status {
        result = ChangeResult{change.expectedVersion + (change.independentOfVersion ? 0 : 1), 0};
        NUSQA_TRY(lockAndCheck(_database, tables, change));
        Edition& edition = tables.editions.at(change.editionId).edition;
        if (change.newStatus) {
            NUSQA_TRY(_database.step("update edition status"));
            edition.status = *change.newStatus;
            edition.updatedAt = change.at;
            if (change.expectedStatus == EditionStatus::InForce &&
                *change.newStatus != EditionStatus::InForce) {
                NUSQA_TRY(_database.step("delete edition in force"));
                std::erase_if(tables.inForce,
                              [&](const auto& row) { return row.second == change.editionId; });
                tables.lifecycle.at(change.editionId).endedOn = change.at.substr(0, 10);
            }
        }
        if (hasLifecycleFields(change)) {
            NUSQA_TRY(_database.step("update lifecycle fields"));
            updateLifecycleFields(tables.lifecycle.at(change.editionId), change);
        }
        NUSQA_TRY(writeAgreement(_database, tables, change));
        if (change.enterIntoForce || change.olderThanInForce)
            NUSQA_TRY(checkInForce(_database, tables, change));
        if (change.paper) {
            NUSQA_TRY(_database.step("insert paper registration"));
            if (tables.paper.contains(change.editionId))
                return fail(ErrorCode::Conflict, "edition " + std::to_string(change.editionId) +
                                                     " is registered already");
            NUSQA_TRY(requireUser(tables, change.paper->registeredBy));
            tables.paper[change.editionId] = *change.paper;
        }
        if (change.signature) {
            NUSQA_TRY(_database.step("insert signature"));
            NUSQA_TRY(requireUser(tables, change.signature->userId));
            Signature signature = *change.signature;
            signature.id = tables.nextId("signatures");
            signature.editionId = change.editionId;
            tables.signatures[signature.id] = signature;
            result.signatureId = signature.id;
        }
        NUSQA_TRY(writeFamiliarization(_database, tables, change, result));
        NUSQA_TRY(recallMemoryCopies(_database, tables, change));
        NUSQA_TRY(appendAudit(_database, tables, change.audit));
        for (const NewMail& mail : change.mail) {
            NUSQA_TRY(_database.step("insert mail"));
            std::int64_t id = tables.nextId("outbox");
            tables.outbox[id] = MailMessage{id, mail, change.at, "", 0, ""};
        }
        return {};
    }));
    return result;
}

Result<std::vector<RecordVersion>> MemoryLifecycleStore::recordVersions(std::int64_t, RecordKind,
                                                                        bool) {
    return std::vector<RecordVersion>{};
}

Result<RecordVersion> MemoryLifecycleStore::recordVersion(std::int64_t editionId, RecordKind kind,
                                                          std::int64_t) {
    return fail(ErrorCode::NotFound, "edition " + std::to_string(editionId) + " has no " +
                                         std::string(toString(kind)) + " version");
}

Result<std::vector<RecordVersion>> MemoryLifecycleStore::recordVersionsAfter(std::int64_t,
                                                                             RecordKind,
                                                                             std::int64_t, int) {
    return std::vector<RecordVersion>{};
}

}  // namespace nusqa::test
