// Registration of an existing paper edition, approved on paper before the
// register knew it, as in force (LifecycleService::registerInForce).
#include <array>
#include <utility>

#include "domain/LifecycleService.h"
#include "domain/Text.h"

namespace nusqa {
namespace {

constexpr std::size_t kMaxFactBytes = 500;

// A date of the XML (xs:date may carry a time zone) as YYYY-MM-DD, or "".
std::string dateOf(const std::string& text) {
    std::string date = text.substr(0, 10);
    return isDate(date) ? date : std::string();
}

Status checkFacts(PaperApproval& approval) {
    std::array<std::pair<const char*, std::string*>, 6> fields{{
        {"approverPosition", &approval.approverPosition},
        {"approverName", &approval.approverName},
        {"decision", &approval.decision},
        {"decisionDate", &approval.decisionDate},
        {"approvalDate", &approval.approvalDate},
        {"effectiveDate", &approval.effectiveDate},
    }};
    for (auto& [name, value] : fields) {
        *value = trimmed(*value);
        if (value->size() > kMaxFactBytes)
            return fail(ErrorCode::InvalidArgument, std::string(name) + " is longer than " +
                                                        std::to_string(kMaxFactBytes) + " bytes");
        if (value->find_first_of("\r\n") != std::string::npos)
            return fail(ErrorCode::InvalidArgument, std::string(name) + " must be one line");
    }
    for (auto [name, value] : {std::pair{"decisionDate", &approval.decisionDate},
                               std::pair{"approvalDate", &approval.approvalDate},
                               std::pair{"effectiveDate", &approval.effectiveDate}})
        if (!value->empty() && !isDate(*value))
            return fail(ErrorCode::InvalidArgument,
                        std::string(name) + " «" + *value + "» is not a date YYYY-MM-DD");
    return {};
}

// What the registering person did not state is taken from the edition's
// own meta, as printed on the paper.
void completeFrom(PaperApproval& approval, const PaperApproval& printed) {
    auto take = [](std::string& given, const std::string& fromXml) {
        if (given.empty()) given = fromXml;
    };
    take(approval.approverPosition, printed.approverPosition);
    take(approval.approverName, printed.approverName);
    take(approval.decision, printed.decision);
    take(approval.decisionDate, dateOf(printed.decisionDate));
    take(approval.approvalDate, dateOf(printed.approvalDate));
    take(approval.effectiveDate, dateOf(printed.effectiveDate));
}

// "approved by Ректор А. М. Наметов on 2022-11-11, decision №13 of
// 2022-11-10, effective 2022-11-14", the stated parts only.
std::string describe(const PaperApproval& approval) {
    std::string text = "paper edition";
    std::string by = trimmed(approval.approverPosition + " " + approval.approverName);
    if (!by.empty()) text += ", approved by " + by;
    if (!approval.approvalDate.empty()) text += " on " + approval.approvalDate;
    if (!approval.decision.empty()) text += ", decision " + approval.decision;
    if (!approval.decisionDate.empty()) text += " of " + approval.decisionDate;
    if (!approval.effectiveDate.empty()) text += ", effective " + approval.effectiveDate;
    return text;
}

}  // namespace

Result<EditionRecord> LifecycleService::registerInForce(const User& actor, std::int64_t editionId,
                                                        PaperApproval approval,
                                                        const Provenance& via) {
    Loaded loaded = NUSQA_TRY(load(editionId));
    Transition transition =
        NUSQA_TRY(permitted(actor, loaded.lifecycle, LifecycleAct::RegisterInForce));
    NUSQA_TRY(checkFacts(approval));
    const Edition& edition = loaded.lifecycle.edition;
    std::string xml = NUSQA_TRY(_documents.editionXml(editionId));
    EditionFacts facts = NUSQA_TRY(_codec.inspect(xml));
    completeFrom(approval, facts.approval);

    // Never two in force: the edition in force of the same document and
    // language is superseded, unless it is the newer one (then this one is
    // recorded as superseded by it).
    auto inForce = NUSQA_TRY(_lifecycle.editionInForce(edition.documentId, edition.language));
    std::optional<Edition> current;
    if (inForce) current = NUSQA_TRY(_documents.edition(*inForce));
    bool older = current && current->number > edition.number;

    LifecycleChange change = changeFor(loaded.lifecycle, transition);
    change.expectedInForce = inForce;
    std::string from = !approval.effectiveDate.empty()  ? approval.effectiveDate
                       : !approval.approvalDate.empty() ? approval.approvalDate
                                                        : _clock.today();
    std::string reviewDate = dateOf(facts.reviewDate);
    if (reviewDate.empty() || reviewDate <= from)
        reviewDate = addMonths(from, _settings.reviewMonths).value_or("");
    change.reviewDate = reviewDate;
    // The register on a date reads the lifecycle's effective date: without
    // it a paper edition in force would be missing from the register.
    change.effectiveDate = from;
    change.paper = PaperRegistration{
        approval, actor.id, actor.login, actor.fullName(edition.language), change.at, via.file};
    change.audit.push_back(
        auditOf(actor, "edition.register_in_force", loaded.lifecycle,
                describe(approval) + ", review " + reviewDate + "; " + via.describe()));
    if (older) {
        Transition supersede =
            NUSQA_TRY(transitionFor(EditionStatus::InForce, LifecycleAct::Supersede));
        change.newStatus = supersede.to;
        change.olderThanInForce = true;
        change.audit.push_back(auditOf(actor, "edition.supersede", loaded.lifecycle,
                                       "by edition " + std::to_string(current->id) + " (number " +
                                           std::to_string(current->number) +
                                           "), in force: this one is older; " + via.describe()));
    } else {
        change.enterIntoForce = true;
        change.enteredAt = change.at;
        if (current) {
            NUSQA_TRY(transitionFor(current->status, LifecycleAct::Supersede));
            // The registering person's act supersedes it (not the scheduler).
            change.audit.push_back(
                NewAuditEntry{change.at, actor.id, actor.login, "edition.supersede", "edition",
                              std::to_string(current->id),
                              "by edition " + std::to_string(edition.id) + " (number " +
                                  std::to_string(edition.number) +
                                  "), a registered paper edition; " + via.describe()});
            NUSQA_TRY(requestRecall(change, *current, loaded.document, actor));
        }
    }
    return applyAndRead(change);
}

}  // namespace nusqa
