#include "domain/ComparisonService.h"

#include <optional>
#include <string>
#include <utility>

#include "domain/Authorization.h"

namespace nusqa {

ComparisonService::ComparisonService(Store& store, ContentReader reader)
    : _store(store), _reader(std::move(reader)) {}

Result<EditionComparison> ComparisonService::compare(const User& actor, const EditionSide& from,
                                                     const EditionSide& to) {
    ComparedContents compared = NUSQA_TRY(compareContents(actor, from, to));
    return std::move(compared.compared);
}

Result<ComparedContents> ComparisonService::compareContents(const User& actor,
                                                            const EditionSide& from,
                                                            const EditionSide& to) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    Edition a = NUSQA_TRY(_store.edition(from.edition));
    Edition b = NUSQA_TRY(_store.edition(to.edition));
    if (a.documentId != b.documentId)
        return fail(ErrorCode::InvalidArgument,
                    "editions " + std::to_string(a.id) + " and " + std::to_string(b.id) +
                        " belong to different documents; only editions of one document compare");
    ComparedContents result{EditionComparison{a, b, 0, 0, {}}, {}, {}};
    EditionComparison& compared = result.compared;
    result.from =
        NUSQA_TRY(contentOf(a, from.revision, compared.fromRevision, compared.fromSha256));
    result.to = NUSQA_TRY(contentOf(b, to.revision, compared.toRevision, compared.toSha256));
    compared.comparison = compare::compareEditions(result.from, result.to);
    return result;
}

Result<ChangeDraft> ComparisonService::draftChanges(const User& actor, std::int64_t editionId) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    return draftChangesOf(editionId);
}

Result<ChangeDraft> ComparisonService::draftChangesOf(std::int64_t editionId) {
    Edition edition = NUSQA_TRY(_store.edition(editionId));
    std::vector<Edition> siblings = NUSQA_TRY(_store.editionsOf(edition.documentId));
    std::optional<Edition> replaced;
    for (const Edition& sibling : siblings)
        if (sibling.language == edition.language && sibling.number < edition.number &&
            (!replaced || sibling.number > replaced->number))
            replaced = sibling;
    if (!replaced)
        return fail(ErrorCode::NotFound, "edition " + std::to_string(editionId) + " (number " +
                                             std::to_string(edition.number) +
                                             ") replaces no stored edition of its language");
    content::Content before = NUSQA_TRY(contentOf(replaced->id));
    content::Content after = NUSQA_TRY(contentOf(edition.id));
    ChangeDraft draft;
    draft.compared = EditionComparison{*replaced,
                                       edition,
                                       replaced->revision,
                                       edition.revision,
                                       compare::compareEditions(before, after),
                                       replaced->sha256,
                                       edition.sha256};
    draft.proposed = compare::proposeChangeRecords(draft.compared.comparison);
    // The records typed for this edition: those the replaced one lacks (the
    // sheet carries the earlier editions' records along).
    draft.typed = compare::newChangeRecords(before, after);
    draft.check = compare::checkChangeRecords(draft.compared.comparison, draft.typed);
    return draft;
}

namespace {

std::string_view kindName(content::ChangeKind kind) {
    switch (kind) {
        case content::ChangeKind::Replace:
            return "replace";
        case content::ChangeKind::Delete:
            return "delete";
        case content::ChangeKind::Add:
            return "add";
    }
    return "replace";
}

std::string describe(const compare::ProposedRecord& record) {
    return std::string(kindName(record.kind)) + " «" + record.location + "»" +
           (record.target.empty() ? "" : " (" + record.target + ")");
}

std::string describe(const std::vector<content::ChangeRecord>& typed, std::size_t index) {
    if (index >= typed.size()) return "record " + std::to_string(index + 1);
    const content::ChangeRecord& record = typed[index];
    return "record " + (record.num.empty() ? std::to_string(index + 1) : record.num) + " " +
           std::string(kindName(record.kind)) + " «" + record.location + "»" +
           (record.target.empty() ? "" : " (" + record.target + ")");
}

}  // namespace

Status ComparisonService::requireConsistentRecords(std::int64_t editionId) {
    auto draft = draftChangesOf(editionId);
    if (!draft && draft.error().code == ErrorCode::NotFound) {
        // A first edition has nothing to compare with; a missing edition is
        // the caller's NotFound already.
        return Status{};
    }
    if (!draft) return std::unexpected(std::move(draft.error()));
    const compare::RecordCheck& check = draft->check;
    if (check.consistent()) return Status{};
    Error error{ErrorCode::Conflict,
                "the change records typed into edition " + std::to_string(editionId) +
                    " disagree with its comparison with edition " +
                    std::to_string(draft->compared.from.number) + " (" +
                    std::to_string(check.unrecorded.size()) + " missing, " +
                    std::to_string(check.unfounded.size()) + " unfounded, " +
                    std::to_string(check.wrongKind.size()) +
                    " of the wrong kind): correct them, or send again confirming",
                {},
                0};
    for (const compare::ProposedRecord& record : check.unrecorded)
        error.details.push_back({0, 0, "missing: " + describe(record)});
    for (std::size_t index : check.unfounded)
        error.details.push_back({0, 0, "unfounded: " + describe(draft->typed, index)});
    for (const compare::KindMismatch& mismatch : check.wrongKind)
        error.details.push_back({0, 0,
                                 "wrong kind: " + describe(draft->typed, mismatch.record) +
                                     " should be " + std::string(kindName(mismatch.expected))});
    return std::unexpected(std::move(error));
}

Result<content::Content> ComparisonService::contentOf(std::int64_t editionId) {
    std::string xml = NUSQA_TRY(_store.editionXml(editionId));
    auto content = _reader(xml);
    if (!content)
        return std::unexpected(
            std::move(content.error()).withContext("edition " + std::to_string(editionId)));
    return std::move(*content);
}

Result<content::Content> ComparisonService::contentOf(const Edition& edition,
                                                      const std::optional<std::int64_t>& revision,
                                                      std::int64_t& number, std::string& sha256) {
    if (!revision || *revision == edition.revision) {
        number = edition.revision;
        sha256 = edition.sha256;
        return contentOf(edition.id);
    }
    RevisionWithXml stored = NUSQA_TRY(_store.revision(edition.id, *revision));
    number = stored.revision.number;
    sha256 = stored.revision.sha256;
    auto content = _reader(stored.xml);
    if (!content)
        return std::unexpected(std::move(content.error())
                                   .withContext("edition " + std::to_string(edition.id) +
                                                ", revision " + std::to_string(number)));
    return std::move(*content);
}

}  // namespace nusqa
