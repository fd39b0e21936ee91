// SqlRecordStore: the versioned agreement sheets and familiarization logs
// (issue 13). apply() calls writeRecordVersions() inside its transaction, so
// a version is built from the rows that transaction has just written and is
// stored together with the signature, or not at all.
#include <limits>

#include "crypto/Digest.h"
#include "storage/detail/SqlRecordStore.h"
#include "storage/detail/StoreSupport.h"
#include "xml/RecordXml.h"

namespace nusqa::storage {
namespace {

const RecordXml& recordCodec() {
    static const RecordXml codec;
    return codec;
}

constexpr const char* kVersionColumns =
    "edition_id, kind, version, sha256, previous_sha256, created_at";

Result<RecordVersion> versionFromRow(const SqlStatement& row, bool withXml) {
    RecordVersion version;
    version.editionId = row.integer(0);
    auto kind = parseRecordKind(row.text(1));
    if (!kind) return fail(ErrorCode::Internal, "unknown record kind " + row.text(1));
    version.kind = *kind;
    version.version = row.integer(2);
    version.sha256 = row.text(3);
    version.previousSha256 = row.text(4);
    version.createdAt = row.text(5);
    if (withXml) version.xml = row.blob(6);
    return version;
}

Result<RecordHeader> headerOf(SqlSession& session, std::int64_t editionId, RecordKind kind,
                              const std::string& at) {
    RecordHeader header;
    header.editionId = editionId;
    header.createdAt = at;
    auto edition =
        NUSQA_TRY(session.prepare("SELECT e.number, e.language, d.code FROM editions AS e"
                                  " JOIN documents AS d ON d.id = e.document_id WHERE e.id = ?"));
    edition->bind(editionId);
    if (!NUSQA_TRY(edition->next())) return std::unexpected(editionNotFound(editionId));
    header.editionNumber = static_cast<int>(edition->integer(0));
    header.language = NUSQA_TRY(storedLanguage(edition->text(1)));
    header.documentCode = edition->text(2);
    auto previous = NUSQA_TRY(
        session.prepare(std::string("SELECT version, sha256 FROM record_versions WHERE"
                                    " edition_id = ? AND kind = ? ORDER BY version DESC LIMIT 1") +
                        session.forUpdate()));
    previous->bind(editionId).bind(toString(kind));
    header.version = 1;
    if (NUSQA_TRY(previous->next())) {
        header.version = previous->integer(0) + 1;
        header.previousSha256 = previous->text(1);
    }
    return header;
}

Result<std::vector<RecordSignature>> signaturesOf(SqlSession& session, std::int64_t editionId) {
    std::vector<RecordSignature> found;
    auto rows = NUSQA_TRY(
        session.prepare(std::string("SELECT id, user_id, full_name, position, meaning, signed_at,"
                                    " edition_revision, edition_sha256, comment FROM signatures"
                                    " WHERE edition_id = ? ORDER BY id") +
                        session.forUpdate()));
    rows->bind(editionId);
    while (NUSQA_TRY(rows->next())) {
        auto meaning = parseSignatureMeaning(rows->text(4));
        if (!meaning) return fail(ErrorCode::Internal, "unknown meaning " + rows->text(4));
        found.push_back(RecordSignature{rows->integer(0), rows->integer(1), rows->text(2),
                                        rows->text(3), *meaning, rows->text(5), rows->integer(6),
                                        rows->text(7), rows->text(8)});
    }
    return found;
}

// The person columns over users u, positions p (and units n when unit).
constexpr const char* kPersonColumns =
    "u.id, u.login, u.full_name_kk, u.full_name_ru, COALESCE(p.name_kk, ''),"
    " COALESCE(p.name_ru, '')";

RecordPerson personFromRow(const SqlStatement& row, int first) {
    return RecordPerson{row.integer(first),  row.text(first + 1), row.text(first + 2),
                        row.text(first + 3), row.text(first + 4), row.text(first + 5),
                        std::string(),       std::string()};
}

Result<AgreementSheetRecord> agreementSheetOf(SqlSession& session, std::int64_t editionId,
                                              const std::string& at) {
    AgreementSheetRecord sheet;
    sheet.header = NUSQA_TRY(headerOf(session, editionId, RecordKind::AgreementSheet, at));
    std::vector<RecordSignature> signatures = NUSQA_TRY(signaturesOf(session, editionId));
    // Round r begins with the r-th "prepared" signature (submit writes the
    // round and it together); a decision's signature is the one its person
    // made, with its meaning, before the next round began.
    std::vector<const RecordSignature*> prepared;
    for (const RecordSignature& signature : signatures)
        if (signature.meaning == SignatureMeaning::Prepared) prepared.push_back(&signature);
    auto rows = NUSQA_TRY(session.prepare(
        std::string("SELECT s.round, s.step_order, s.step_kind, s.decision, s.decided_at,"
                    " s.comment, ") +
        kPersonColumns +
        " FROM agreement_steps AS s JOIN users AS u ON u.id = s.user_id"
        " LEFT JOIN positions AS p ON p.id = u.position_id"
        " WHERE s.edition_id = ? ORDER BY s.round, s.step_order, s.id" +
        session.forUpdate()));
    rows->bind(editionId);
    while (NUSQA_TRY(rows->next())) {
        int number = static_cast<int>(rows->integer(0));
        if (sheet.rounds.empty() || sheet.rounds.back().number != number) {
            RecordRound round;
            round.number = number;
            if (number >= 1 && static_cast<std::size_t>(number) <= prepared.size())
                round.prepared = *prepared[number - 1];
            sheet.rounds.push_back(std::move(round));
        }
        RecordStep step;
        step.order = static_cast<int>(rows->integer(1));
        auto kind = parseStepKind(rows->text(2));
        if (!kind) return fail(ErrorCode::Internal, "unknown step kind " + rows->text(2));
        step.kind = *kind;
        step.decision = rows->text(3);
        step.decidedAt = rows->text(4);
        step.comment = rows->text(5);
        step.person = personFromRow(*rows, 6);
        if (!step.decision.empty()) {
            std::int64_t start = number >= 1 && static_cast<std::size_t>(number) <= prepared.size()
                                     ? prepared[number - 1]->id
                                     : 0;
            std::int64_t end = static_cast<std::size_t>(number) < prepared.size()
                                   ? prepared[number]->id
                                   : std::numeric_limits<std::int64_t>::max();
            for (const RecordSignature& signature : signatures)
                if (signature.id > start && signature.id < end &&
                    signature.userId == step.person.id &&
                    toString(signature.meaning) == step.decision) {
                    step.signature = signature;
                    break;
                }
        }
        sheet.rounds.back().steps.push_back(std::move(step));
    }
    auto paper = NUSQA_TRY(session.prepare(
        "SELECT registered_by, registered_by_login, registered_by_name, registered_at,"
        " source_file, approver_position, approver_name, decision, decision_date,"
        " approval_date, effective_date FROM paper_registrations WHERE edition_id = ?"));
    paper->bind(editionId);
    if (NUSQA_TRY(paper->next()))
        sheet.paper =
            RecordPaperFacts{PaperApproval{paper->text(5), paper->text(6), paper->text(7),
                                           paper->text(8), paper->text(9), paper->text(10)},
                             paper->integer(0),
                             paper->text(1),
                             paper->text(2),
                             paper->text(3),
                             paper->text(4)};
    return sheet;
}

Result<FamiliarizationLogRecord> familiarizationLogOf(SqlSession& session, std::int64_t editionId,
                                                      const std::string& at) {
    FamiliarizationLogRecord log;
    log.header = NUSQA_TRY(headerOf(session, editionId, RecordKind::FamiliarizationLog, at));
    auto rows = NUSQA_TRY(session.prepare(
        std::string("SELECT f.assigned_at, f.due_date, ") + kPersonColumns +
        ", COALESCE(n.name_kk, ''), COALESCE(n.name_ru, '')"
        " FROM familiarizations AS f JOIN users AS u ON u.id = f.user_id"
        " LEFT JOIN positions AS p ON p.id = u.position_id"
        " LEFT JOIN units AS n ON n.id = u.unit_id WHERE f.edition_id = ? ORDER BY f.id" +
        session.forUpdate()));
    rows->bind(editionId);
    while (NUSQA_TRY(rows->next())) {
        RecordAssignment assignment{personFromRow(*rows, 2), rows->text(0), rows->text(1)};
        assignment.person.unitKk = rows->text(8);
        assignment.person.unitRu = rows->text(9);
        log.assignments.push_back(std::move(assignment));
    }
    for (RecordSignature& signature : NUSQA_TRY(signaturesOf(session, editionId)))
        if (signature.meaning == SignatureMeaning::Familiarized)
            log.signatures.push_back(std::move(signature));
    return log;
}

Status insertVersion(SqlSession& session, const RecordHeader& header, RecordKind kind,
                     const std::string& xml) {
    return executeSql(session,
                      "INSERT INTO record_versions (edition_id, kind, version, xml, sha256,"
                      " previous_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      [&](SqlStatement& s) {
                          s.bind(header.editionId).bind(toString(kind)).bind(header.version);
                          s.bindBlob(xml).bind(crypto::sha256Hex(xml));
                          s.bind(header.previousSha256).bind(header.createdAt);
                      });
}

bool changesAgreementSheet(const LifecycleChange& change) {
    if (!change.route.empty() || change.paper) return true;
    if (!change.signature) return false;
    switch (change.signature->meaning) {
        case SignatureMeaning::Prepared:
        case SignatureMeaning::Agreed:
        case SignatureMeaning::Rejected:
        case SignatureMeaning::Approved:
            return true;
        case SignatureMeaning::Familiarized:
        case SignatureMeaning::Reviewed:
            return false;
    }
    return false;
}

bool changesFamiliarizationLog(const LifecycleChange& change) {
    return !change.assignments.empty() ||
           (change.signature && change.signature->meaning == SignatureMeaning::Familiarized);
}

}  // namespace

// Every read here is a locking one (FOR UPDATE on MySQL): under REPEATABLE
// READ a plain read sees the snapshot taken at the transaction's first read,
// which may predate the edition row lock and miss a signature committed
// meanwhile; a locking read sees the newest committed rows (found by 50
// concurrent familiarization signatures: two made the same version).
Status writeRecordVersions(SqlSession& session, const LifecycleChange& change) {
    if (changesAgreementSheet(change)) {
        AgreementSheetRecord sheet =
            NUSQA_TRY(agreementSheetOf(session, change.editionId, change.at));
        NUSQA_TRY(insertVersion(session, sheet.header, RecordKind::AgreementSheet,
                                recordCodec().write(sheet)));
    }
    if (changesFamiliarizationLog(change)) {
        FamiliarizationLogRecord log =
            NUSQA_TRY(familiarizationLogOf(session, change.editionId, change.at));
        NUSQA_TRY(insertVersion(session, log.header, RecordKind::FamiliarizationLog,
                                recordCodec().write(log)));
    }
    return {};
}

Result<std::vector<RecordVersion>> SqlRecordStore::recordVersions(std::int64_t editionId,
                                                                  RecordKind kind, bool withXml) {
    std::vector<RecordVersion> found;
    NUSQA_TRY(run("select record versions", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        auto rows = NUSQA_TRY(session.prepare(std::string("SELECT ") + kVersionColumns +
                                              (withXml ? ", xml" : "") +
                                              " FROM record_versions WHERE edition_id = ? AND"
                                              " kind = ? ORDER BY version"));
        rows->bind(editionId).bind(toString(kind));
        while (NUSQA_TRY(rows->next())) found.push_back(NUSQA_TRY(versionFromRow(*rows, withXml)));
        return {};
    }));
    return found;
}

Result<RecordVersion> SqlRecordStore::recordVersion(std::int64_t editionId, RecordKind kind,
                                                    std::int64_t version) {
    RecordVersion found;
    NUSQA_TRY(run("select record version", Access::Read, [&](SqlSession& session) -> Status {
        auto row = NUSQA_TRY(
            session.prepare(std::string("SELECT ") + kVersionColumns +
                            ", xml FROM record_versions WHERE edition_id = ? AND kind = ?" +
                            (version > 0 ? " AND version = ?" : " ORDER BY version DESC LIMIT 1")));
        row->bind(editionId).bind(toString(kind));
        if (version > 0) row->bind(version);
        if (!NUSQA_TRY(row->next()))
            return fail(ErrorCode::NotFound,
                        "edition " + std::to_string(editionId) + " has no " +
                            std::string(toString(kind)) +
                            (version > 0 ? " version " + std::to_string(version) : " version"));
        found = NUSQA_TRY(versionFromRow(*row, true));
        return {};
    }));
    return found;
}

Result<std::vector<RecordVersion>> SqlRecordStore::recordVersionsAfter(std::int64_t afterEditionId,
                                                                       RecordKind afterKind,
                                                                       std::int64_t afterVersion,
                                                                       int limit) {
    std::vector<RecordVersion> found;
    NUSQA_TRY(run("select record versions", Access::Read, [&](SqlSession& session) -> Status {
        found.clear();
        // The limit is a clamped integer, never text from outside.
        auto rows = NUSQA_TRY(session.prepare(
            std::string("SELECT ") + kVersionColumns +
            ", xml FROM record_versions WHERE edition_id > ? OR (edition_id = ? AND kind > ?)"
            " OR (edition_id = ? AND kind = ? AND version > ?)"
            " ORDER BY edition_id, kind, version LIMIT " +
            std::to_string(clampPageLimit(limit))));
        const std::string kind(toString(afterKind));
        rows->bind(afterEditionId).bind(afterEditionId).bind(kind);
        rows->bind(afterEditionId).bind(kind).bind(afterVersion);
        while (NUSQA_TRY(rows->next())) found.push_back(NUSQA_TRY(versionFromRow(*rows, true)));
        return {};
    }));
    return found;
}

}  // namespace nusqa::storage
