// Controlled copies (бақыланатын дана) of LifecycleService: issued to a
// person or a unit, listed, asked back when their edition loses force (in
// the same LifecycleChange that ends it), and recorded as returned.
#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "domain/Authorization.h"
#include "domain/LifecycleService.h"
#include "domain/Text.h"

namespace nusqa {
namespace {

constexpr std::size_t kMaxNoteBytes = 1000;

constexpr std::array<std::pair<CopyState, std::string_view>, 3> kCopyStateNames{{
    {CopyState::Open, "open"},
    {CopyState::RecallRequested, "recall_requested"},
    {CopyState::Recalled, "recalled"},
}};

Status checkNote(const std::string& note) {
    if (note.size() > kMaxNoteBytes)
        return fail(ErrorCode::InvalidArgument,
                    "note is longer than " + std::to_string(kMaxNoteBytes) + " bytes");
    for (unsigned char c : note)
        if (c < 0x20 || c == 0x7f)
            return fail(ErrorCode::InvalidArgument, "note holds a control character");
    return {};
}

std::string copyLabel(const ControlledCopy& copy, Language language) {
    return std::string(language == Language::Russian ? "Контрольный экземпляр № "
                                                     : "Бақыланатын дана № ") +
           std::to_string(copy.number) + " (" + copy.holderName + ")";
}

}  // namespace

std::string_view toString(CopyState state) {
    for (const auto& [value, name] : kCopyStateNames)
        if (value == state) return name;
    return "unknown";
}

std::optional<CopyState> parseCopyState(std::string_view text) {
    for (const auto& [value, name] : kCopyStateNames)
        if (name == text) return value;
    return std::nullopt;
}

Result<ControlledCopy> LifecycleService::issueCopy(const User& actor, std::int64_t editionId,
                                                   const CopyHolder& holder,
                                                   const std::string& note) {
    NUSQA_TRY(authorize(actor, Action::ManageCopies));
    if (holder.userId.has_value() == holder.unitId.has_value())
        return fail(ErrorCode::InvalidArgument,
                    "a copy has one holder: give holderUserId or holderUnitId");
    std::string text = trimmed(note);
    NUSQA_TRY(checkNote(text));
    Loaded loaded = NUSQA_TRY(load(editionId));
    const Edition& edition = loaded.lifecycle.edition;
    if (edition.status != EditionStatus::InForce && edition.status != EditionStatus::Approved)
        return fail(ErrorCode::Conflict, "edition " + std::to_string(editionId) + " is " +
                                             std::string(toString(edition.status)) +
                                             ": controlled copies are issued only of an edition "
                                             "approved or in force");
    ControlledCopy copy;
    copy.editionId = editionId;
    copy.note = text;
    copy.issuedBy = actor.id;
    copy.issuedByLogin = actor.login;
    copy.issuedAt = _clock.now();
    std::string holderText;
    if (holder.userId) {
        auto user = _people.user(*holder.userId);
        if (!user && user.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::RuleViolated, "no user " + std::to_string(*holder.userId));
        if (!user) return std::unexpected(user.error());
        if (!user->active)
            return fail(ErrorCode::RuleViolated,
                        "user " + user->login + " is deactivated: no copy is issued to them");
        copy.holderUserId = user->id;
        copy.holderName = user->fullName(edition.language);
        holderText = "user " + std::to_string(user->id) + " (" + user->login + ")";
    } else {
        std::vector<Unit> units = NUSQA_TRY(_people.units());
        auto found = std::find_if(units.begin(), units.end(),
                                  [&](const Unit& unit) { return unit.id == *holder.unitId; });
        if (found == units.end())
            return fail(ErrorCode::RuleViolated, "no unit " + std::to_string(*holder.unitId));
        copy.holderUnitId = found->id;
        copy.holderName = edition.language == Language::Russian && !found->nameRu.empty()
                              ? found->nameRu
                              : found->nameKk;
        holderText = "unit " + std::to_string(found->id);
    }
    // The store fills in the copy's id and number (the object of the entry).
    return _lifecycle.issueCopy(
        copy, {NewAuditEntry{copy.issuedAt, actor.id, actor.login, "copy.issue", "copy", "",
                             "edition " + std::to_string(editionId) + ", holder " + holderText +
                                 " «" + copy.holderName + "»; sha256 " + edition.sha256}});
}

Result<std::vector<ControlledCopy>> LifecycleService::copies(const User& actor,
                                                             const CopyQuery& query) {
    NUSQA_TRY(authorize(actor, Action::ReadQualityRecords));
    if (query.editionId) (void)NUSQA_TRY(_documents.edition(*query.editionId));
    return _lifecycle.copies(query);
}

Result<ControlledCopy> LifecycleService::recallCopy(const User& actor, std::int64_t copyId) {
    NUSQA_TRY(authorize(actor, Action::ManageCopies));
    ControlledCopy copy = NUSQA_TRY(_lifecycle.copy(copyId));
    if (copy.state == CopyState::Recalled)
        return fail(ErrorCode::Conflict,
                    "copy " + std::to_string(copyId) + " was recalled at " + copy.recalledAt);
    std::string at = _clock.now();
    return _lifecycle.recallCopy(
        copyId, actor.id, actor.login, at,
        {NewAuditEntry{at, actor.id, actor.login, "copy.recall", "copy", std::to_string(copyId),
                       "edition " + std::to_string(copy.editionId) + ", № " +
                           std::to_string(copy.number) + " returned by «" + copy.holderName +
                           "» (was " + std::string(toString(copy.state)) + ")"}});
}

Result<ControlledCopy> LifecycleService::copyToPrint(const User& actor, std::int64_t copyId) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    ControlledCopy copy = NUSQA_TRY(_lifecycle.copy(copyId));
    if (authorize(actor, Action::ManageCopies)) return copy;
    bool holds = (copy.holderUserId && *copy.holderUserId == actor.id) ||
                 (copy.holderUnitId && actor.unitId && *copy.holderUnitId == *actor.unitId);
    if (!holds)
        return fail(ErrorCode::Forbidden, actor.login + " may not print copy " +
                                              std::to_string(copyId) +
                                              ": only the quality office and its holder may");
    return copy;
}

Status LifecycleService::requestRecall(LifecycleChange& change, const Edition& losingForce,
                                       const Document& document, const User& actor) {
    CopyQuery query;
    query.editionId = losingForce.id;
    query.state = CopyState::Open;
    std::vector<ControlledCopy> open = NUSQA_TRY(_lifecycle.copies(query));
    change.recallCopiesOf = losingForce.id;
    change.recallCopies.clear();
    if (open.empty()) return {};
    EditionStatus ending = losingForce.id == change.editionId
                               ? change.newStatus.value_or(EditionStatus::Cancelled)
                               : EditionStatus::Superseded;
    // Each holder once, with every copy he or she (or the unit) holds.
    std::map<std::int64_t, std::pair<User, std::vector<const ControlledCopy*>>> holders;
    for (const ControlledCopy& copy : open) {
        change.recallCopies.push_back(copy.id);
        change.audit.push_back(NewAuditEntry{change.at, actor.id, actor.login,
                                             "copy.recall_request", "copy", std::to_string(copy.id),
                                             "edition " + std::to_string(losingForce.id) +
                                                 " lost force (" + std::string(toString(ending)) +
                                                 "), № " + std::to_string(copy.number) +
                                                 " held by «" + copy.holderName + "»"});
        std::vector<User> people;
        if (copy.holderUserId) {
            people.push_back(NUSQA_TRY(_people.user(*copy.holderUserId)));
        } else if (copy.holderUnitId) {
            UserQuery members;
            members.unitIds = {*copy.holderUnitId};
            members.activeOnly = true;
            people = NUSQA_TRY(_people.users(members));
        }
        for (User& person : people) {
            auto& entry = holders[person.id];
            entry.first = std::move(person);
            entry.second.push_back(&copy);
        }
    }
    for (const auto& [id, holder] : holders) {
        const User& person = holder.first;
        if (person.email.empty()) continue;
        std::string numbers;
        for (const ControlledCopy* copy : holder.second)
            numbers += (numbers.empty() ? "" : "; ") + copyLabel(*copy, person.language);
        change.mail.push_back(composeMail(
            person, MailKind::CopyRecall,
            MailFacts{document.code, document.title, losingForce.number, "", "", numbers}));
    }
    return {};
}

}  // namespace nusqa
