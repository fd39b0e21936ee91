// The versioned agreement sheets and familiarization logs (issue 13): who
// may read them, and the PDF's sheets printed from their latest versions.
#include <algorithm>

#include "domain/Authorization.h"
#include "domain/LifecycleService.h"

namespace nusqa {
namespace {

bool sheetNotYetInForce(EditionStatus status) {
    return status == EditionStatus::Draft || status == EditionStatus::InAgreement ||
           status == EditionStatus::Agreed || status == EditionStatus::Approved;
}

// As User::fullName/position: the edition's language, else the other one.
const std::string& inLanguage(Language language, const std::string& kk, const std::string& ru) {
    if (language == Language::Russian) return ru.empty() ? kk : ru;
    return kk.empty() ? ru : kk;
}

Signature recordedSignature(std::int64_t editionId, const RecordSignature& signature) {
    Signature out;
    out.id = signature.id;
    out.editionId = editionId;
    out.userId = signature.userId;
    out.fullName = signature.fullName;
    out.position = signature.position;
    out.meaning = signature.meaning;
    out.signedAt = signature.signedAt;
    out.editionSha256 = signature.editionSha256;
    out.comment = signature.comment;
    out.editionRevision = signature.editionRevision;
    return out;
}

}  // namespace

Status LifecycleService::authorizeRecordsRead(const User& actor, std::int64_t editionId) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    EditionLifecycle lifecycle = NUSQA_TRY(_lifecycle.lifecycle(editionId));
    if (!sheetNotYetInForce(lifecycle.edition.status)) return {};
    for (Action action : {Action::EditDrafts, Action::Agree, Action::Approve})
        if (authorize(actor, action)) return {};
    return fail(ErrorCode::Forbidden,
                actor.login + " may not read the records of edition " + std::to_string(editionId) +
                    ": it is " + std::string(toString(lifecycle.edition.status)) +
                    ", not in force; drafts are for those who edit, agree or approve them");
}

Result<std::vector<RecordVersion>> LifecycleService::recordVersions(const User& actor,
                                                                    std::int64_t editionId,
                                                                    RecordKind kind) {
    NUSQA_TRY(authorizeRecordsRead(actor, editionId));
    return _lifecycle.recordVersions(editionId, kind, false);
}

Result<RecordVersion> LifecycleService::recordVersion(const User& actor, std::int64_t editionId,
                                                      RecordKind kind, std::int64_t version) {
    NUSQA_TRY(authorizeRecordsRead(actor, editionId));
    return _lifecycle.recordVersion(editionId, kind, version);
}

Status LifecycleService::sheetsFromRecordVersions(std::int64_t editionId, SheetData& data) {
    if (_records == nullptr) return {};
    auto latest = [&](RecordKind kind) -> Result<std::optional<RecordVersion>> {
        auto found = _lifecycle.recordVersion(editionId, kind, 0);
        if (!found && found.error().code == ErrorCode::NotFound)
            return std::optional<RecordVersion>{};
        return std::optional<RecordVersion>(NUSQA_TRY(std::move(found)));
    };
    if (auto version = NUSQA_TRY(latest(RecordKind::AgreementSheet)); version && data.facts) {
        AgreementSheetRecord sheet = NUSQA_TRY(_records->readAgreementSheet(version->xml));
        const Language language = sheet.header.language;
        RegisterFacts& facts = *data.facts;
        facts.route.clear();
        data.agreements.clear();
        if (!sheet.rounds.empty()) {
            // The last round: agreeing steps in route order, then the signatory.
            std::vector<const RecordStep*> ordered;
            for (const RecordStep& step : sheet.rounds.back().steps) ordered.push_back(&step);
            std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
                return (a->kind == StepKind::Sign) < (b->kind == StepKind::Sign);
            });
            for (const RecordStep* step : ordered) {
                RoutePerson person{
                    inLanguage(language, step->person.positionKk, step->person.positionRu),
                    inLanguage(language, step->person.fullNameKk, step->person.fullNameRu),
                    step->kind,
                    step->decision,
                    step->decidedAt,
                    step->comment};
                if (step->signature) {
                    person.fullName = step->signature->fullName;
                    person.position = step->signature->position;
                }
                facts.route.push_back(std::move(person));
            }
            for (const RecordStep& step : sheet.rounds.back().steps)
                if (step.signature && (step.signature->meaning == SignatureMeaning::Agreed ||
                                       step.signature->meaning == SignatureMeaning::Rejected))
                    data.agreements.push_back(recordedSignature(editionId, *step.signature));
        }
        if (sheet.paper) {
            const RecordPaperFacts& paper = *sheet.paper;
            facts.paper = PaperRegistration{paper.approval,          paper.registeredBy,
                                            paper.registeredByLogin, paper.registeredByName,
                                            paper.registeredAt,      paper.sourceFile};
        }
    }
    if (auto version = NUSQA_TRY(latest(RecordKind::FamiliarizationLog))) {
        FamiliarizationLogRecord log = NUSQA_TRY(_records->readFamiliarizationLog(version->xml));
        data.familiarizations.clear();
        for (const RecordSignature& signature : log.signatures)
            data.familiarizations.push_back(recordedSignature(editionId, signature));
    }
    return {};
}

}  // namespace nusqa
