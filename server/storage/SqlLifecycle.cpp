// SqlRecordStore: the edition lifecycle — reads and the one-transaction
// apply() of a LifecycleChange. Distribution lists and assignments are in
// SqlFamiliarization.cpp.
#include <algorithm>

#include "storage/detail/SqlRecordStore.h"
#include "storage/detail/StoreSupport.h"

namespace nusqa::storage {
namespace {

const std::string kLifecycleSelect =
    std::string("SELECT ") + kEditionColumns +
    ", l.version, l.round, l.decision, l.effective_date, l.review_date, l.entered_at,"
    " l.review_notice_at, p.edition_id, p.registered_by, p.registered_by_login,"
    " p.registered_by_name, p.registered_at, p.source_file, p.approver_position,"
    " p.approver_name, p.decision, p.decision_date, p.approval_date, p.effective_date"
    " FROM editions AS e JOIN edition_lifecycle AS l ON l.edition_id = e.id"
    " LEFT JOIN paper_registrations AS p ON p.edition_id = e.id";

// The columns kLifecycleSelect reads.
constexpr int kLifecycleColumns = 29;

Result<EditionLifecycle> lifecycleFromRow(const SqlStatement& row) {
    EditionLifecycle lifecycle;
    lifecycle.edition = NUSQA_TRY(editionFromRow(row, 0));
    lifecycle.version = row.integer(10);
    lifecycle.round = static_cast<int>(row.integer(11));
    lifecycle.decision = row.text(12);
    lifecycle.effectiveDate = row.text(13);
    lifecycle.reviewDate = row.text(14);
    lifecycle.enteredAt = row.text(15);
    lifecycle.reviewNoticeAt = row.text(16);
    if (!row.isNull(17)) {
        PaperRegistration paper;
        paper.registeredBy = row.integer(18);
        paper.registeredByLogin = row.text(19);
        paper.registeredByName = row.text(20);
        paper.registeredAt = row.text(21);
        paper.sourceFile = row.text(22);
        paper.approval = PaperApproval{row.text(23), row.text(24), row.text(25),
                                       row.text(26), row.text(27), row.text(28)};
        lifecycle.paper = std::move(paper);
    }
    return lifecycle;
}

Error changedMeanwhile(std::int64_t editionId, const std::string& what) {
    return Error{ErrorCode::Conflict,
                 "edition " + std::to_string(editionId) + " changed meanwhile (" + what +
                     "): read it again and retry",
                 {}};
}

// The compare-and-set that opens every change: the version (and with it the
// edition's row lock on MySQL), then the status and the hash.
Status lockAndCheck(SqlSession& session, const LifecycleChange& change, std::string* documentId,
                    std::string* language) {
    std::int64_t matched = 1;
    if (!change.independentOfVersion)
        NUSQA_TRY(executeSql(
            session,
            "UPDATE edition_lifecycle SET version = version + 1"
            " WHERE edition_id = ? AND version = ?",
            [&](SqlStatement& s) { s.bind(change.editionId).bind(change.expectedVersion); },
            &matched));
    auto row = NUSQA_TRY(session.prepare(
        std::string("SELECT status, sha256, document_id, language FROM editions WHERE id = ?") +
        session.forUpdate()));
    row->bind(change.editionId);
    if (!NUSQA_TRY(row->next())) return std::unexpected(editionNotFound(change.editionId));
    if (matched == 0)
        return std::unexpected(changedMeanwhile(
            change.editionId, "version " + std::to_string(change.expectedVersion) + " expected"));
    if (row->text(0) != toString(change.expectedStatus))
        return std::unexpected(changedMeanwhile(change.editionId, "it is now " + row->text(0)));
    if (!change.expectedSha256.empty() && row->text(1) != change.expectedSha256)
        return std::unexpected(changedMeanwhile(change.editionId, "its XML changed"));
    *documentId = std::to_string(row->integer(2));
    *language = row->text(3);
    return {};
}

Result<std::string> effectiveDateOf(SqlSession& session, std::int64_t editionId) {
    auto row = NUSQA_TRY(
        session.prepare("SELECT effective_date FROM edition_lifecycle WHERE edition_id = ?"));
    row->bind(editionId);
    if (!NUSQA_TRY(row->next())) return std::unexpected(editionNotFound(editionId));
    return row->text(0);
}

Status enterIntoForce(SqlSession& session, const LifecycleChange& change, std::int64_t documentId,
                      const std::string& language) {
    std::optional<std::int64_t> current;
    {
        auto row = NUSQA_TRY(session.prepare(
            std::string("SELECT edition_id FROM editions_in_force WHERE document_id = ? AND"
                        " language = ?") +
            session.forUpdate()));
        row->bind(documentId).bind(language);
        if (NUSQA_TRY(row->next())) current = row->integer(0);
    }
    if (current != change.expectedInForce)
        return fail(ErrorCode::Conflict,
                    "another edition of document " + std::to_string(documentId) + " (" + language +
                        ") entered into force meanwhile: read again and retry");
    if (change.olderThanInForce) {
        // The newer edition in force stays; this one was superseded by it.
        if (!current)
            return fail(ErrorCode::Conflict, "no edition is in force to supersede this one");
        std::string effective = NUSQA_TRY(effectiveDateOf(session, *current));
        return executeSql(session, "UPDATE edition_lifecycle SET ended_on = ? WHERE edition_id = ?",
                          [&](SqlStatement& s) { s.bind(effective).bind(change.editionId); });
    }
    if (current) {
        std::int64_t matched = 0;
        NUSQA_TRY(executeSql(
            session,
            "UPDATE editions SET status = 'superseded', updated_at = ?"
            " WHERE id = ? AND status = 'in_force'",
            [&](SqlStatement& s) { s.bind(session.dateTime(change.at)).bind(*current); },
            &matched));
        if (matched == 0)
            return fail(ErrorCode::Conflict,
                        "edition " + std::to_string(*current) + " is no longer in force");
        // The replaced edition was in force until the new one's effective
        // date (already written by updateLifecycleFields).
        std::string effective = NUSQA_TRY(effectiveDateOf(session, change.editionId));
        NUSQA_TRY(executeSql(session,
                             "UPDATE edition_lifecycle SET version = version + 1, ended_on = ?"
                             " WHERE edition_id = ?",
                             [&](SqlStatement& s) { s.bind(effective).bind(*current); }));
        return executeSql(
            session,
            "UPDATE editions_in_force SET edition_id = ? WHERE document_id = ? AND"
            " language = ?",
            [&](SqlStatement& s) { s.bind(change.editionId).bind(documentId).bind(language); });
    }
    // A unique key on (document, language): a concurrent first entry into
    // force fails here with Conflict.
    return executeSql(
        session,
        "INSERT INTO editions_in_force (document_id, language, edition_id) VALUES (?, ?, ?)",
        [&](SqlStatement& s) { s.bind(documentId).bind(language).bind(change.editionId); });
}

// editions_in_force keeps the review date of the edition in force beside
// it (migration 18: the reviews due are an index range on it). Copied from
// the lifecycle row, in the change's transaction, whenever an edition
// enters into force (the scheduler's entry brings no date: it was written
// at approval) or its review date changes (the review act); no row matches
// when the edition is not the one in force.
Status copyReviewDate(SqlSession& session, std::int64_t editionId) {
    return executeSql(session,
                      "UPDATE editions_in_force SET review_date = COALESCE((SELECT l.review_date"
                      " FROM edition_lifecycle AS l WHERE l.edition_id = ?), '')"
                      " WHERE edition_id = ?",
                      [&](SqlStatement& s) { s.bind(editionId).bind(editionId); });
}

Status insertPaperRegistration(SqlSession& session, const LifecycleChange& change) {
    const PaperRegistration& paper = *change.paper;
    const PaperApproval& approval = paper.approval;
    return executeSql(session,
                      "INSERT INTO paper_registrations (edition_id, registered_by,"
                      " registered_by_login, registered_by_name, registered_at, source_file,"
                      " approver_position, approver_name, decision, decision_date, approval_date,"
                      " effective_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      [&](SqlStatement& s) {
                          s.bind(change.editionId).bind(paper.registeredBy);
                          s.bind(paper.registeredByLogin).bind(paper.registeredByName);
                          s.bind(paper.registeredAt).bind(paper.sourceFile);
                          s.bind(approval.approverPosition).bind(approval.approverName);
                          s.bind(approval.decision).bind(approval.decisionDate);
                          s.bind(approval.approvalDate).bind(approval.effectiveDate);
                      });
}

Status updateLifecycleFields(SqlSession& session, const LifecycleChange& change) {
    std::string sets;
    std::vector<std::string> texts;
    std::optional<int> round = change.newRound;
    auto set = [&](const char* column, const std::optional<std::string>& value) {
        if (!value) return;
        sets += std::string(sets.empty() ? "" : ", ") + column + " = ?";
        texts.push_back(*value);
    };
    set("decision", change.decision);
    set("effective_date", change.effectiveDate);
    set("review_date", change.reviewDate);
    set("review_notice_at", change.reviewNoticeAt);
    if (change.enterIntoForce) set("entered_at", change.enteredAt);
    if (round) sets += std::string(sets.empty() ? "" : ", ") + "round = ?";
    if (sets.empty()) return {};
    return executeSql(session, "UPDATE edition_lifecycle SET " + sets + " WHERE edition_id = ?",
                      [&](SqlStatement& s) {
                          for (const std::string& text : texts) s.bind(text);
                          if (round) s.bind(*round);
                          s.bind(change.editionId);
                      });
}

}  // namespace

Result<EditionLifecycle> SqlRecordStore::lifecycle(std::int64_t editionId) {
    EditionLifecycle found;
    NUSQA_TRY(run("select lifecycle", Access::Read, [&](SqlSession& session) -> Status {
        auto row = NUSQA_TRY(session.prepare(kLifecycleSelect + " WHERE e.id = ?"));
        row->bind(editionId);
        if (!NUSQA_TRY(row->next())) return std::unexpected(editionNotFound(editionId));
        found = NUSQA_TRY(lifecycleFromRow(*row));
        return {};
    }));
    return found;
}

Result<std::vector<EditionLifecycle>> SqlRecordStore::editionsWithStatus(EditionStatus status) {
    std::vector<EditionLifecycle> found;
    NUSQA_TRY(run("select editions by status", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        auto rows =
            NUSQA_TRY(session.prepare(kLifecycleSelect + " WHERE e.status = ? ORDER BY e.id"));
        rows->bind(toString(status));
        while (NUSQA_TRY(rows->next())) found.push_back(NUSQA_TRY(lifecycleFromRow(*rows)));
        return {};
    }));
    return found;
}

Result<std::vector<EditionLifecycle>> SqlRecordStore::lifecyclesAfter(std::int64_t afterEditionId,
                                                                      int limit) {
    std::vector<EditionLifecycle> found;
    NUSQA_TRY(run("select lifecycles", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        auto rows =
            NUSQA_TRY(session.prepare(kLifecycleSelect + " WHERE e.id > ? ORDER BY e.id LIMIT ?"));
        rows->bind(afterEditionId).bind(static_cast<std::int64_t>(std::max(limit, 0)));
        while (NUSQA_TRY(rows->next())) found.push_back(NUSQA_TRY(lifecycleFromRow(*rows)));
        return {};
    }));
    return found;
}

Result<std::vector<ReviewDue>> SqlRecordStore::reviewsDueBy(const std::string& lastDay) {
    // The editions in force whose review is due, each with its lifecycle row
    // and its document, by review date then edition: one statement, an index
    // range on the review date kept beside the edition in force
    // (editions_in_force_by_review, migration 18), which gives the due
    // editions' ids in that order from the index alone; only their rows are
    // read, and neither backend sorts (MariaDB: no filesort; SQLite: no
    // temporary B-tree). Before it, every edition in force (20,000 at scale
    // 1) was probed in edition_lifecycle for its review date to keep 847
    // (48.8-50.8 ms p95 on MariaDB). The empty date (none set) sorts first
    // and is outside the range. The unary plus keeps SQLite's planner
    // (without statistics) from driving the join by editions_by_status over
    // every edition in force; the status test stays, on the edition's row.
    static const std::string kFrom =
        " FROM editions AS e JOIN edition_lifecycle AS l"
        " ON l.edition_id = e.id";
    std::string sql = kLifecycleSelect;
    sql.replace(sql.find(kFrom), kFrom.size(),
                std::string(", ") + kDocumentColumns +
                    " FROM editions_in_force AS i"
                    " JOIN edition_lifecycle AS l ON l.edition_id = i.edition_id"
                    " JOIN editions AS e ON e.id = i.edition_id"
                    " JOIN documents AS d ON d.id = e.document_id");
    sql +=
        " WHERE i.review_date > '' AND i.review_date <= ? AND +e.status = 'in_force'"
        " ORDER BY i.review_date, i.edition_id";
    std::vector<ReviewDue> found;
    NUSQA_TRY(run("select reviews due", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        auto rows = NUSQA_TRY(session.prepare(sql));
        rows->bind(lastDay);
        while (NUSQA_TRY(rows->next())) {
            EditionLifecycle lifecycle = NUSQA_TRY(lifecycleFromRow(*rows));
            Document document = NUSQA_TRY(documentFromRow(*rows, kLifecycleColumns));
            found.push_back(ReviewDue{std::move(lifecycle), std::move(document)});
        }
        return {};
    }));
    return found;
}

Result<std::vector<EditionLifecycle>> SqlRecordStore::editionsAwaiting(std::int64_t userId) {
    std::vector<EditionLifecycle> found;
    NUSQA_TRY(run("select editions awaiting", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        // One statement: the editions of the two statuses (editions_by_status)
        // each probed for the user's step of its round (the steps' unique
        // key), instead of a transaction per edition reading all its steps.
        auto rows = NUSQA_TRY(session.prepare(
            kLifecycleSelect +
            " WHERE e.status IN ('in_agreement', 'agreed') AND EXISTS (SELECT 1"
            " FROM agreement_steps AS s WHERE s.edition_id = e.id AND s.round = l.round"
            " AND s.user_id = ? AND s.decision = '') ORDER BY e.id"));
        rows->bind(userId);
        while (NUSQA_TRY(rows->next())) found.push_back(NUSQA_TRY(lifecycleFromRow(*rows)));
        return {};
    }));
    return found;
}

Result<std::vector<AgreementStep>> SqlRecordStore::agreementSteps(std::int64_t editionId) {
    std::vector<AgreementStep> found;
    NUSQA_TRY(run("select agreement steps", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        auto rows = NUSQA_TRY(session.prepare(
            "SELECT id, edition_id, round, step_order, user_id, decision, decided_at, comment,"
            " step_kind FROM agreement_steps WHERE edition_id = ? ORDER BY round, step_order, id"));
        rows->bind(editionId);
        while (NUSQA_TRY(rows->next())) {
            auto kind = parseStepKind(rows->text(8));
            if (!kind) return fail(ErrorCode::Internal, "unknown step kind " + rows->text(8));
            found.push_back(AgreementStep{rows->integer(0), rows->integer(1),
                                          static_cast<int>(rows->integer(2)),
                                          static_cast<int>(rows->integer(3)), rows->integer(4),
                                          rows->text(5), rows->text(6), rows->text(7), *kind});
        }
        return {};
    }));
    return found;
}

Result<std::vector<Signature>> SqlRecordStore::signatures(std::int64_t editionId) {
    std::vector<Signature> found;
    NUSQA_TRY(run("select signatures", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        auto rows = NUSQA_TRY(session.prepare(
            "SELECT id, edition_id, user_id, full_name, position, meaning, signed_at,"
            " edition_sha256, comment, outcome, edition_revision FROM signatures"
            " WHERE edition_id = ? ORDER BY id"));
        rows->bind(editionId);
        while (NUSQA_TRY(rows->next())) {
            auto meaning = parseSignatureMeaning(rows->text(5));
            if (!meaning) return fail(ErrorCode::Internal, "unknown meaning " + rows->text(5));
            found.push_back(Signature{rows->integer(0), rows->integer(1), rows->integer(2),
                                      rows->text(3), rows->text(4), *meaning, rows->text(6),
                                      rows->text(7), rows->text(8), rows->text(9),
                                      rows->integer(10)});
        }
        return {};
    }));
    return found;
}

Result<std::optional<std::int64_t>> SqlRecordStore::editionInForce(std::int64_t documentId,
                                                                   Language language) {
    std::optional<std::int64_t> found;
    NUSQA_TRY(run("select edition in force", Access::Read, [&](SqlSession& session) -> Status {
        found.reset();
        auto row = NUSQA_TRY(session.prepare(
            "SELECT edition_id FROM editions_in_force WHERE document_id = ? AND language = ?"));
        row->bind(documentId).bind(toString(language));
        if (NUSQA_TRY(row->next())) found = row->integer(0);
        return {};
    }));
    return found;
}

Result<ChangeResult> SqlRecordStore::apply(const LifecycleChange& change) {
    ChangeResult result;
    std::function<Status(SqlSession&)> body = [&](SqlSession& session) -> Status {
        result = ChangeResult{change.expectedVersion + (change.independentOfVersion ? 0 : 1), 0};
        std::string documentText, language;
        NUSQA_TRY(lockAndCheck(session, change, &documentText, &language));
        std::int64_t documentId = std::stoll(documentText);
        const std::string at = change.at;
        if (change.newStatus) {
            NUSQA_TRY(executeSql(session,
                                 "UPDATE editions SET status = ?, updated_at = ? WHERE id = ?",
                                 [&](SqlStatement& s) {
                                     s.bind(toString(*change.newStatus)).bind(session.dateTime(at));
                                     s.bind(change.editionId);
                                 }));
            if (change.expectedStatus == EditionStatus::InForce &&
                *change.newStatus != EditionStatus::InForce) {
                NUSQA_TRY(executeSql(session, "DELETE FROM editions_in_force WHERE edition_id = ?",
                                     [&](SqlStatement& s) { s.bind(change.editionId); }));
                // Out of force from the day of the act (the register on a date).
                NUSQA_TRY(executeSql(
                    session, "UPDATE edition_lifecycle SET ended_on = ? WHERE edition_id = ?",
                    [&](SqlStatement& s) { s.bind(at.substr(0, 10)).bind(change.editionId); }));
            }
        }
        NUSQA_TRY(updateLifecycleFields(session, change));
        for (const RouteStep& step : change.route)
            NUSQA_TRY(
                executeSql(session,
                           "INSERT INTO agreement_steps (edition_id, round, step_order, user_id,"
                           " decision, decided_at, comment, step_kind)"
                           " VALUES (?, ?, ?, ?, '', '', '', ?)",
                           [&](SqlStatement& s) {
                               s.bind(change.editionId).bind(change.newRound.value_or(0));
                               s.bind(step.order).bind(step.userId).bind(toString(step.kind));
                           }));
        if (change.decidedStepId) {
            std::int64_t matched = 0;
            NUSQA_TRY(executeSql(
                session,
                "UPDATE agreement_steps SET decision = ?, decided_at = ?, comment = ?"
                " WHERE id = ? AND edition_id = ? AND decision = ''",
                [&](SqlStatement& s) {
                    s.bind(change.stepDecision).bind(change.decidedAt);
                    s.bind(change.stepComment).bind(*change.decidedStepId);
                    s.bind(change.editionId);
                },
                &matched));
            if (matched == 0)
                return fail(ErrorCode::Conflict, "this agreement step was already decided");
        }
        if (change.enterIntoForce || change.olderThanInForce)
            NUSQA_TRY(enterIntoForce(session, change, documentId, language));
        if (change.enterIntoForce || change.reviewDate)
            NUSQA_TRY(copyReviewDate(session, change.editionId));
        if (change.paper) NUSQA_TRY(insertPaperRegistration(session, change));
        // The register on a date reads the periods in force (migration 16):
        // rewritten with every change of a status or a date.
        if (change.newStatus || change.effectiveDate || change.enterIntoForce ||
            change.olderThanInForce)
            NUSQA_TRY(refreshInForcePeriods(session, documentId, language));
        if (change.signature) {
            const Signature& sig = *change.signature;
            NUSQA_TRY(
                executeSql(session,
                           "INSERT INTO signatures (edition_id, user_id, full_name, position,"
                           " meaning, signed_at, edition_sha256, comment, outcome,"
                           " edition_revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [&](SqlStatement& s) {
                               s.bind(change.editionId).bind(sig.userId).bind(sig.fullName);
                               s.bind(sig.position).bind(toString(sig.meaning)).bind(sig.signedAt);
                               s.bind(sig.editionSha256).bind(sig.comment).bind(sig.outcome);
                               s.bind(sig.editionRevision);
                           }));
            result.signatureId = NUSQA_TRY(session.lastInsertId());
        }
        if (change.signedAssignmentId) {
            std::int64_t matched = 0;
            NUSQA_TRY(executeSql(
                session,
                "UPDATE familiarizations SET signed_at = ?, signature_id = ?"
                " WHERE id = ? AND edition_id = ? AND signed_at = ''",
                [&](SqlStatement& s) {
                    s.bind(change.signature ? change.signature->signedAt : at);
                    s.bind(result.signatureId).bind(*change.signedAssignmentId);
                    s.bind(change.signedAssignmentEditionId != 0 ? change.signedAssignmentEditionId
                                                                 : change.editionId);
                },
                &matched));
            if (matched == 0)
                return fail(ErrorCode::Conflict, "the familiarization is already signed");
        }
        for (const NewAssignment& assignment : change.assignments)
            NUSQA_TRY(executeSql(session,
                                 "INSERT INTO familiarizations (edition_id, user_id, assigned_at,"
                                 " due_date, signed_at, signature_id, reminded_at)"
                                 " VALUES (?, ?, ?, ?, '', 0, '')",
                                 [&](SqlStatement& s) {
                                     s.bind(change.editionId).bind(assignment.userId);
                                     s.bind(change.assignedAt).bind(assignment.dueDate);
                                 }));
        for (std::int64_t id : change.remindedAssignments)
            NUSQA_TRY(executeSql(
                session,
                "UPDATE familiarizations SET reminded_at = ? WHERE id = ? AND edition_id = ?",
                [&](SqlStatement& s) {
                    s.bind(change.remindedAt).bind(id).bind(change.editionId);
                }));
        NUSQA_TRY(writeRecordVersions(session, change));
        NUSQA_TRY(recallCopiesOf(session, change));
        NUSQA_TRY(appendAuditEntries(session, change.audit));
        for (const NewMail& mail : change.mail)
            NUSQA_TRY(
                executeSql(session,
                           "INSERT INTO outbox (recipient, subject, body, created_at, sent_at,"
                           " attempts, last_error) VALUES (?, ?, ?, ?, '', 0, '')",
                           [&](SqlStatement& s) {
                               s.bind(mail.recipient).bind(mail.subject).bind(mail.body).bind(at);
                           }));
        return {};
    };
    // A familiarization signature is small and many people sign at once:
    // batched with the others arriving meanwhile, one commit for all.
    if (change.independentOfVersion)
        NUSQA_TRY(_group.run("apply lifecycle change", body));
    else
        NUSQA_TRY(run("apply lifecycle change", Access::Write, body));
    return result;
}

}  // namespace nusqa::storage
