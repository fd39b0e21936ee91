#include "render/ProfilePrinter.h"

#include <utility>

#include "render/Render.h"
#include "render/reader/ContentXml.h"

namespace nusqa::render {

namespace fs = std::filesystem;

Result<ProfilePrinter> ProfilePrinter::open(const fs::path& directory) {
    std::map<std::string, profile::Profile> profiles;
    for (const std::string& name : render::reader::listProfiles(directory)) {
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

SheetRecords sheetRecordsOf(const SheetData& records) {
    SheetRecords sheets;
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
    content::Content content = NUSQA_TRY(render::reader::readEditionContent(xml));
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
