// The scheduler side of LifecycleService: entry into force on the effective
// date, familiarization assignments, overdue reminders, review notices. Each
// edition's work is one LifecycleChange; an edition changed meanwhile
// (Conflict) is simply retried on the next tick.
#include <set>

#include "domain/LifecycleService.h"

namespace nusqa {
Result<bool> LifecycleService::enterIntoForce(const Loaded& loaded) {
    const EditionLifecycle& lifecycle = loaded.lifecycle;
    if (lifecycle.edition.status != EditionStatus::Approved ||
        lifecycle.effectiveDate > _clock.today())
        return false;
    Transition transition =
        NUSQA_TRY(transitionFor(lifecycle.edition.status, LifecycleAct::EnterIntoForce));
    LifecycleChange change = changeFor(lifecycle, transition);
    change.enterIntoForce = true;
    change.enteredAt = change.at;
    change.expectedInForce = NUSQA_TRY(
        _lifecycle.editionInForce(lifecycle.edition.documentId, lifecycle.edition.language));
    change.audit.push_back(auditOf(systemUser(), "edition.enter_into_force", lifecycle,
                                   "effective " + lifecycle.effectiveDate));
    if (change.expectedInForce) {
        NUSQA_TRY(transitionFor(EditionStatus::InForce, LifecycleAct::Supersede));
        change.audit.push_back(NewAuditEntry{change.at, 0, "system", "edition.supersede", "edition",
                                             std::to_string(*change.expectedInForce),
                                             "by edition " + std::to_string(lifecycle.edition.id)});
        Edition superseded = NUSQA_TRY(_documents.edition(*change.expectedInForce));
        NUSQA_TRY(requestRecall(change, superseded, loaded.document, systemUser()));
    }
    auto applied = _lifecycle.apply(change);
    if (!applied && applied.error().code == ErrorCode::Conflict) return false;
    if (!applied) return std::unexpected(applied.error());
    return true;
}

Result<std::vector<User>> LifecycleService::distributedTo(std::int64_t documentId) {
    Distribution distribution = NUSQA_TRY(_lifecycle.distribution(documentId));
    if (distribution.unitIds.empty() && distribution.positionIds.empty() &&
        distribution.userIds.empty())
        return std::vector<User>();
    // A unit includes its sub-units, at any depth.
    std::set<std::int64_t> units(distribution.unitIds.begin(), distribution.unitIds.end());
    std::vector<Unit> all = NUSQA_TRY(_people.units());
    for (bool grew = true; grew;) {
        grew = false;
        for (const Unit& unit : all)
            if (unit.parentId && units.contains(*unit.parentId) && units.insert(unit.id).second)
                grew = true;
    }
    std::set<std::int64_t> positions(distribution.positionIds.begin(),
                                     distribution.positionIds.end());
    std::set<std::int64_t> people(distribution.userIds.begin(), distribution.userIds.end());
    UserQuery active;
    active.activeOnly = true;  // deactivated people get no new assignments
    std::vector<User> found;
    for (User& user : NUSQA_TRY(_people.users(active)))
        if ((user.unitId && units.contains(*user.unitId)) ||
            (user.positionId && positions.contains(*user.positionId)) || people.contains(user.id))
            found.push_back(std::move(user));
    return found;
}

Result<int> LifecycleService::assignMissing(const Loaded& loaded) {
    const EditionLifecycle& lifecycle = loaded.lifecycle;
    if (lifecycle.edition.status != EditionStatus::InForce) return 0;
    std::vector<User> users = NUSQA_TRY(distributedTo(loaded.document.id));
    if (users.empty()) return 0;
    AssignmentQuery existingQuery;
    existingQuery.editionId = lifecycle.edition.id;
    std::set<std::int64_t> assigned;
    for (const Assignment& assignment : NUSQA_TRY(_lifecycle.assignments(existingQuery)))
        assigned.insert(assignment.userId);
    // kk and ru editions of one number are one obligation: whoever has one
    // for the other edition has it already, and the other edition in force
    // is the one for the people of its language.
    std::optional<Edition> other = NUSQA_TRY(sameNumberOtherLanguage(lifecycle.edition));
    bool otherInForce = other && other->status == EditionStatus::InForce;
    if (other) {
        existingQuery.editionId = other->id;
        for (const Assignment& assignment : NUSQA_TRY(_lifecycle.assignments(existingQuery)))
            assigned.insert(assignment.userId);
    }
    std::erase_if(users, [&](const User& user) {
        return assigned.contains(user.id) || user.hasRole(Role::Auditor) ||
               (otherInForce && user.language == other->language);
    });
    if (users.empty()) return 0;

    Transition transition =
        NUSQA_TRY(transitionFor(lifecycle.edition.status, LifecycleAct::Familiarize));
    LifecycleChange change = changeFor(lifecycle, transition);
    change.assignedAt = change.at;
    std::string due = addDays(_clock.today(), _settings.familiarizationDays).value_or("");
    for (const User& user : users) {
        change.assignments.push_back(NewAssignment{user.id, due});
        change.mail.push_back(
            composeMail(user, MailKind::Familiarization, factsOf(loaded, due, nullptr, "")));
    }
    if (change.assignments.empty()) return 0;
    change.audit.push_back(
        auditOf(systemUser(), "edition.assign_familiarization", lifecycle,
                std::to_string(change.assignments.size()) + " users, due " + due));
    auto applied = _lifecycle.apply(change);
    if (!applied && applied.error().code == ErrorCode::Conflict) return 0;
    if (!applied) return std::unexpected(applied.error());
    return static_cast<int>(change.assignments.size());
}

Result<int> LifecycleService::remindOverdue(const Loaded& loaded) {
    const EditionLifecycle& lifecycle = loaded.lifecycle;
    AssignmentQuery query;
    query.editionId = lifecycle.edition.id;
    query.unsignedOnly = true;
    query.dueBefore = _clock.today();
    std::string remindBefore =
        addDays(_clock.today(), 1 - _settings.reminderIntervalDays).value_or("");
    Transition transition =
        NUSQA_TRY(transitionFor(lifecycle.edition.status, LifecycleAct::Familiarize));
    LifecycleChange change = changeFor(lifecycle, transition);
    change.remindedAt = change.at;
    for (const Assignment& assignment : NUSQA_TRY(_lifecycle.assignments(query))) {
        if (!assignment.remindedAt.empty() && assignment.remindedAt.substr(0, 10) >= remindBefore)
            continue;
        change.remindedAssignments.push_back(assignment.id);
        User recipient = NUSQA_TRY(_people.user(assignment.userId));
        change.mail.push_back(composeMail(recipient, MailKind::OverdueReminder,
                                          factsOf(loaded, assignment.dueDate, nullptr, "")));
    }
    if (change.remindedAssignments.empty()) return 0;
    change.audit.push_back(auditOf(systemUser(), "edition.remind_overdue", lifecycle,
                                   std::to_string(change.remindedAssignments.size()) + " users"));
    auto applied = _lifecycle.apply(change);
    if (!applied && applied.error().code == ErrorCode::Conflict) return 0;
    if (!applied) return std::unexpected(applied.error());
    return static_cast<int>(change.remindedAssignments.size());
}

Result<bool> LifecycleService::announceReview(const Loaded& loaded) {
    const EditionLifecycle& lifecycle = loaded.lifecycle;
    std::string limit = addDays(_clock.today(), _settings.reviewNoticeDays).value_or("");
    if (lifecycle.reviewDate.empty() || lifecycle.reviewDate > limit ||
        !lifecycle.reviewNoticeAt.empty())
        return false;
    Transition transition =
        NUSQA_TRY(transitionFor(lifecycle.edition.status, LifecycleAct::Familiarize));
    LifecycleChange change = changeFor(lifecycle, transition);
    change.reviewNoticeAt = change.at;
    for (const User& office : NUSQA_TRY(usersWithRole(Role::QualityOffice)))
        change.mail.push_back(composeMail(office, MailKind::ReviewDue,
                                          factsOf(loaded, lifecycle.reviewDate, nullptr, "")));
    change.audit.push_back(
        auditOf(systemUser(), "edition.review_due", lifecycle, "review " + lifecycle.reviewDate));
    auto applied = _lifecycle.apply(change);
    if (!applied && applied.error().code == ErrorCode::Conflict) return false;
    if (!applied) return std::unexpected(applied.error());
    return true;
}

Result<TickReport> LifecycleService::tick() {
    TickReport report;
    for (const EditionLifecycle& approved :
         NUSQA_TRY(_lifecycle.editionsWithStatus(EditionStatus::Approved))) {
        if (approved.effectiveDate > _clock.today()) continue;
        Loaded loaded = NUSQA_TRY(load(approved.edition.id));
        if (NUSQA_TRY(enterIntoForce(loaded)))
            ++report.enteredIntoForce;
        else
            ++report.conflicts;
    }
    for (const EditionLifecycle& inForce :
         NUSQA_TRY(_lifecycle.editionsWithStatus(EditionStatus::InForce))) {
        report.assignmentsCreated += NUSQA_TRY(assignMissing(NUSQA_TRY(load(inForce.edition.id))));
        report.remindersQueued += NUSQA_TRY(remindOverdue(NUSQA_TRY(load(inForce.edition.id))));
        if (NUSQA_TRY(announceReview(NUSQA_TRY(load(inForce.edition.id))))) ++report.reviewNotices;
    }
    return report;
}

}  // namespace nusqa
