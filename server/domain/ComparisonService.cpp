#include "domain/ComparisonService.h"

#include <optional>
#include <string>
#include <utility>

#include "domain/Authorization.h"

namespace nusqa {

ComparisonService::ComparisonService(Store& store, ContentReader reader)
    : _store(store), _reader(std::move(reader)) {}

Result<EditionComparison> ComparisonService::compare(const User& actor, std::int64_t from,
                                                     std::int64_t to) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    Edition a = NUSQA_TRY(_store.edition(from));
    Edition b = NUSQA_TRY(_store.edition(to));
    if (a.documentId != b.documentId)
        return fail(ErrorCode::InvalidArgument,
                    "editions " + std::to_string(from) + " and " + std::to_string(to) +
                        " belong to different documents; only editions of one document compare");
    return compareStored(a, b);
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
        return fail(ErrorCode::NotFound, "edition " + std::to_string(editionId) +
                                             " (number " + std::to_string(edition.number) +
                                             ") replaces no stored edition of its language");
    content::Content before = NUSQA_TRY(contentOf(replaced->id));
    content::Content after = NUSQA_TRY(contentOf(edition.id));
    ChangeDraft draft;
    draft.compared = EditionComparison{*replaced, edition, compare::compareEditions(before, after)};
    draft.proposed = compare::proposeChangeRecords(draft.compared.comparison);
    // The records typed for this edition: those the replaced one lacks (the
    // sheet carries the earlier editions' records along).
    draft.typed = compare::newChangeRecords(before, after);
    draft.check = compare::checkChangeRecords(draft.compared.comparison, draft.typed);
    return draft;
}

Result<content::Content> ComparisonService::contentOf(std::int64_t editionId) {
    std::string xml = NUSQA_TRY(_store.editionXml(editionId));
    auto content = _reader(xml);
    if (!content)
        return std::unexpected(std::move(content.error())
                                   .withContext("edition " + std::to_string(editionId)));
    return std::move(*content);
}

Result<EditionComparison> ComparisonService::compareStored(const Edition& from, const Edition& to) {
    content::Content a = NUSQA_TRY(contentOf(from.id));
    content::Content b = NUSQA_TRY(contentOf(to.id));
    return EditionComparison{from, to, compare::compareEditions(a, b)};
}

}  // namespace nusqa
