#include "render/ProfilePrinter.h"

#include <algorithm>
#include <utility>

#include "render/Render.h"
#include "render/reader/ContentXml.h"

namespace nusqa::render {

namespace fs = std::filesystem;

Result<ProfilePrinter> ProfilePrinter::open(const fs::path& directory) {
    return open(directory, render::reader::listProfiles(directory));
}

Result<ProfilePrinter> ProfilePrinter::open(const fs::path& directory,
                                            const std::vector<std::string>& names) {
    std::vector<std::string> wanted = names;
    if (std::find(wanted.begin(), wanted.end(), "default") == wanted.end() &&
        fs::exists(directory / "default.xml"))
        wanted.push_back("default");
    std::map<std::string, profile::Profile> profiles;
    for (const std::string& name : wanted) {
        auto loaded = render::reader::loadProfile(directory, name);
        if (!loaded)
            return std::unexpected(std::move(loaded.error()).withContext("profile " + name));
        profiles.emplace(name, std::move(*loaded));
    }
    if (!profiles.contains("default"))
        return fail(ErrorCode::NotFound, "render: no profile «default» in " + directory.string() +
                                             " (found " + std::to_string(profiles.size()) +
                                             " profiles)");
    return ProfilePrinter(std::move(profiles));
}

ProfilePrinter::ProfilePrinter(std::map<std::string, profile::Profile> profiles)
    : _profiles(std::move(profiles)) {}

namespace {

std::string dateOf(const std::string& utc) {
    return utc.substr(0, 10);
}

// What prints where the register has recorded nothing yet: a line to fill
// in by hand, as on paper. Dates are shorter than an ISO date, so the date
// formatting leaves them as they are.
constexpr const char* kBlank = "____________________";
constexpr const char* kBlankDate = "________";

std::string dayOr(const std::string& utcOrDate, const char* blank) {
    return utcOrDate.size() >= 10 ? utcOrDate.substr(0, 10) : std::string(blank);
}

std::string orBlank(const std::string& value) {
    return value.empty() ? std::string(kBlank) : value;
}

bool kazakh(const RegisterFacts& facts) {
    return facts.language == Language::Kazakh;
}

// The title page's facts from the register, never from the XML's meta: the
// approval by the route's signatory (or the paper facts of a registered
// paper edition), the dates, the route's people, the replaced edition.
void applyRegisterFacts(content::Meta& meta, const RegisterFacts& facts) {
    content::Approval approval;
    if (!facts.approvedAt.empty()) {
        std::string day = dayOr(facts.approvedAt, kBlankDate);
        approval = {orBlank(facts.signatoryPosition), orBlank(facts.signatoryName), day,
                    orBlank(facts.decision), day};
    } else if (facts.paper) {
        const PaperApproval& paper = facts.paper->approval;
        approval = {orBlank(paper.approverPosition), orBlank(paper.approverName),
                    dayOr(paper.approvalDate, kBlankDate), orBlank(paper.decision),
                    dayOr(paper.decisionDate, kBlankDate)};
    } else {
        approval = {kBlank, kBlank, kBlankDate, kBlank, kBlankDate};
    }
    meta.approval = approval;
    meta.dates.prepared = dayOr(facts.preparedAt, kBlankDate);
    meta.dates.agreed = dayOr(facts.agreedAt, kBlankDate);
    meta.dates.approved = approval.date;
    std::string effective = facts.effectiveDate;
    if (effective.empty() && facts.paper) effective = facts.paper->approval.effectiveDate;
    meta.dates.effective = dayOr(effective, kBlankDate);
    meta.dates.review = dayOr(facts.reviewDate, kBlankDate);
    meta.preparedBy.clear();
    if (!facts.preparedName.empty())
        meta.preparedBy.push_back({facts.preparedPosition, facts.preparedName});
    meta.agreementList.clear();
    for (const RoutePerson& person : facts.route)
        if (person.kind == StepKind::Agree)
            meta.agreementList.push_back({"", person.position, person.fullName,
                                          person.decision == "agreed"
                                              ? dayOr(person.decidedAt, kBlankDate)
                                              : std::string(kBlankDate)});
    meta.replaces.reset();
    if (facts.replaces)
        meta.replaces = content::Replaces{meta.code, std::to_string(facts.replaces->number),
                                          facts.replaces->effectiveDate};
}

std::string dotted(const std::string& iso) {
    if (iso.size() < 10) return iso;
    return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

// «ЖОБА» / «ПРОЕКТ» before the edition is in force; «КҮШІ ЖОЙЫЛДЫ» /
// «УТРАТИЛ СИЛУ» with the date and the replacing edition after.
std::vector<std::string> statusMarkOf(const RegisterFacts& facts) {
    const bool kk = kazakh(facts);
    switch (facts.status) {
        case EditionStatus::Draft:
        case EditionStatus::InAgreement:
        case EditionStatus::Agreed:
        case EditionStatus::Approved:
            return {kk ? "ЖОБА" : "ПРОЕКТ"};
        case EditionStatus::InForce:
            return {};
        case EditionStatus::Superseded:
        case EditionStatus::Cancelled: {
            std::vector<std::string> lines{kk ? "КҮШІ ЖОЙЫЛДЫ" : "УТРАТИЛ СИЛУ"};
            if (!facts.endedOn.empty()) lines.push_back(dotted(facts.endedOn));
            if (facts.replacedBy) {
                std::string number = std::to_string(facts.replacedBy->number);
                lines.push_back(kk ? number + " басылыммен ауыстырылды"
                                   : "заменено изданием " + number);
            }
            return lines;
        }
    }
    return {};
}

// The registered paper edition's facts, labelled as entered by a person
// from the paper original, never as signatures.
std::vector<std::string> paperFactsOf(const RegisterFacts& facts) {
    if (!facts.paper) return {};
    const bool kk = kazakh(facts);
    const PaperRegistration& paper = *facts.paper;
    const PaperApproval& approval = paper.approval;
    std::vector<std::string> lines{
        kk ? "Қағаз түпнұсқадан енгізілген деректер (электрондық қолтаңба емес)"
           : "Сведения, внесённые с бумажного подлинника (не электронные подписи)"};
    auto line = [&](const char* kkLabel, const char* ruLabel, const std::string& value) {
        if (!value.empty()) lines.push_back(std::string(kk ? kkLabel : ruLabel) + ": " + value);
    };
    std::string approver = approval.approverPosition;
    if (!approval.approverName.empty())
        approver += (approver.empty() ? "" : " ") + approval.approverName;
    line("Бекіткен", "Утвердил", approver);
    line("Шешім", "Решение", approval.decision);
    line("Шешім күні", "Дата решения", dotted(approval.decisionDate));
    line("Бекітілген күні", "Дата утверждения", dotted(approval.approvalDate));
    line("Қолданысқа енгізілген күні", "Дата введения", dotted(approval.effectiveDate));
    line("Енгізген", "Внёс", paper.registeredByName + ", " + dotted(dayOr(paper.registeredAt, "")));
    return lines;
}

SheetRecords sheetRecordsOf(const SheetData& records) {
    SheetRecords sheets;
    if (records.facts) {
        const RegisterFacts& facts = *records.facts;
        sheets.routeOnly = true;
        for (const RoutePerson& person : facts.route) {
            bool decided = !person.decidedAt.empty();
            std::string mark;
            if (person.kind == StepKind::Sign && decided)
                mark = kazakh(facts) ? "Бекітілді" : "Утверждено";
            sheets.agreements.push_back(AgreementDecision{
                "", person.position, person.fullName, decided ? dateOf(person.decidedAt) : "",
                person.decision != "rejected", person.comment, mark});
        }
        sheets.paperFacts = paperFactsOf(facts);
        sheets.statusMark = statusMarkOf(facts);
        for (const Signature& signature : records.familiarizations)
            sheets.familiarizations.push_back(FamiliarizationSignature{
                signature.fullName, signature.position, dateOf(signature.signedAt)});
        return sheets;
    }
    for (const Signature& signature : records.agreements)
        sheets.agreements.push_back(AgreementDecision{
            "", signature.position, signature.fullName, dateOf(signature.signedAt),
            signature.meaning != SignatureMeaning::Rejected, signature.comment});
    for (const Signature& signature : records.familiarizations)
        sheets.familiarizations.push_back(FamiliarizationSignature{
            signature.fullName, signature.position, dateOf(signature.signedAt)});
    return sheets;
}

SealMark markOf(const SealStamp* seal) {
    if (seal == nullptr) return {};
    return SealMark{seal->sealedBy, seal->sealedAt, seal->editionSha256, seal->verifyUrl};
}

}  // namespace

Result<PrintedEdition> ProfilePrinter::print(std::string_view xml, const std::string& profile,
                                             const SheetData& records,
                                             const SealStamp* seal) const {
    return printContent(NUSQA_TRY(render::reader::readEditionContent(xml)), profile, records, seal);
}

Result<PrintedEdition> ProfilePrinter::printContent(content::Content content,
                                                    const std::string& profile,
                                                    const SheetData& records,
                                                    const SealStamp* seal) const {
    if (records.facts) applyRegisterFacts(content.meta, *records.facts);
    // From the register, only a registered controlled copy prints a number:
    // one the XML carries would claim control the register does not know of.
    if (records.facts || records.copy) {
        content.meta.copyNumber.reset();
        content.meta.copyHolder.clear();
    }
    if (records.copy) {
        content.meta.copyNumber = std::to_string(records.copy->number);
        content.meta.copyHolder = records.copy->holder;
    }
    const profile::Profile* chosen = NUSQA_TRY(profileFor(profile, content));
    RenderStats stats;
    SealMark mark = markOf(seal);
    std::string pdf = NUSQA_TRY(renderPdf(content, *chosen, sheetRecordsOf(records), &stats,
                                          seal != nullptr ? &mark : nullptr));
    const SealBox& box = stats.seal;
    return PrintedEdition{std::move(pdf), chosen->name, stats.pages,
                          SealArea{box.page, box.left, box.bottom, box.width, box.height}};
}

Result<PrintedEdition> ProfilePrinter::printRedline(const compare::Redline& redline,
                                                    const std::string& profile,
                                                    const SealStamp* seal) const {
    const profile::Profile* chosen = NUSQA_TRY(profileFor(profile, redline.content));
    RenderStats stats;
    SealMark mark = markOf(seal);
    ComparisonPrint comparison{redline.banner, redline.summary};
    std::string pdf = NUSQA_TRY(renderPdf(redline.content, *chosen, {}, &stats,
                                          seal != nullptr ? &mark : nullptr, &comparison));
    const SealBox& box = stats.seal;
    return PrintedEdition{std::move(pdf), chosen->name, stats.pages,
                          SealArea{box.page, box.left, box.bottom, box.width, box.height}};
}

Result<const profile::Profile*> ProfilePrinter::profileFor(const std::string& profile,
                                                           const content::Content& content) const {
    std::string name = profile;
    if (name.empty()) {
        name = content.meta.profile;
        if (!_profiles.contains(name)) name = "default";
    }
    auto found = _profiles.find(name);
    if (found == _profiles.end()) return fail(ErrorCode::NotFound, "no profile «" + name + "»");
    return &found->second;
}

std::vector<std::string> ProfilePrinter::profileNames() const {
    std::vector<std::string> names;
    for (const auto& [name, profile] : _profiles) names.push_back(name);
    return names;
}

}  // namespace nusqa::render
