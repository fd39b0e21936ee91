#include "http/RenditionRoutes.h"

#include <charconv>
#include <optional>
#include <string>

#include "http/detail/RequestParsing.h"

namespace nusqa::http {
namespace {

bool isProfileName(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    return true;
}

Result<std::int64_t> idOf(const Request& request) {
    const std::string& text = request.pathParameters.at(0);
    std::int64_t id = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size() || id <= 0)
        return fail(ErrorCode::NotFound,
                    "no such resource: id «" + text + "» is not a positive integer");
    return id;
}

Result<std::string> profileOf(const Request& request) {
    std::string profile = request.queryValue("profile").value_or("");
    if (!profile.empty() && !isProfileName(profile))
        return fail(ErrorCode::InvalidArgument,
                    "profile must be a name of [a-z0-9_-], not «" + profile + "»");
    return profile;
}

Response pdfResponse(const Rendition& rendition, const std::string& fileName) {
    Response response;
    response.contentType = "application/pdf";
    response.sharedBody = rendition.pdf;
    response.headers.emplace_back("Content-Disposition",
                                  "inline; filename=\"" + fileName + ".pdf\"");
    response.headers.emplace_back("X-Edition-SHA256", rendition.edition.sha256);
    response.headers.emplace_back("X-Profile", rendition.profile);
    response.headers.emplace_back("X-Pages", std::to_string(rendition.pages));
    response.headers.emplace_back("X-Cache", rendition.fromCache ? "hit" : "miss");
    return response;
}

Result<Response> editionPdf(RenditionService& renditions, const Request& request) {
    std::int64_t id = NUSQA_TRY(idOf(request));
    std::string profile = NUSQA_TRY(profileOf(request));
    User actor = NUSQA_TRY(principalOf(request));
    Rendition rendition = NUSQA_TRY(renditions.pdf(actor, id, profile));
    return pdfResponse(rendition, "edition-" + std::to_string(id));
}

Result<Response> copyPdf(RenditionService& renditions, const Request& request) {
    std::int64_t id = NUSQA_TRY(idOf(request));
    std::string profile = NUSQA_TRY(profileOf(request));
    User actor = NUSQA_TRY(principalOf(request));
    Rendition rendition = NUSQA_TRY(renditions.copyPdf(actor, id, profile));
    return pdfResponse(rendition, "copy-" + std::to_string(id));
}

Result<Response> redlinePdf(RedlineService& redlines, const Request& request) {
    EditionSide from{NUSQA_TRY(parseId(request.pathParameters.at(0))),
                     NUSQA_TRY(parseIdParameter(request, "fromRevision"))};
    EditionSide to{NUSQA_TRY(parseId(request.pathParameters.at(1))),
                   NUSQA_TRY(parseIdParameter(request, "toRevision"))};
    std::string profile = request.queryValue("profile").value_or("");
    if (!profile.empty() && !isProfileName(profile))
        return fail(ErrorCode::InvalidArgument,
                    "profile must be a name of [a-z0-9_-], not «" + profile + "»");
    std::optional<compare::RedlineLanguage> language;
    if (auto lang = request.queryValue("lang")) {
        language = compare::parseRedlineLanguage(*lang);
        if (!language)
            return fail(ErrorCode::InvalidArgument,
                        "lang must be kk, ru or en, not «" + *lang + "»");
    }
    User actor = NUSQA_TRY(principalOf(request));
    RedlineRendition rendition = NUSQA_TRY(redlines.pdf(actor, from, to, profile, language));
    Response response;
    response.contentType = "application/pdf";
    response.sharedBody = rendition.pdf;
    response.headers.emplace_back("Content-Disposition", "inline; filename=\"comparison-" +
                                                             std::to_string(from.edition) + "-" +
                                                             std::to_string(to.edition) + ".pdf\"");
    response.headers.emplace_back("X-From-Revision", std::to_string(rendition.fromRevision));
    response.headers.emplace_back("X-To-Revision", std::to_string(rendition.toRevision));
    response.headers.emplace_back("X-Changes", std::to_string(rendition.changes));
    response.headers.emplace_back("X-Profile", rendition.profile);
    response.headers.emplace_back("X-Pages", std::to_string(rendition.pages));
    response.headers.emplace_back("X-Cache", rendition.fromCache ? "hit" : "miss");
    return response;
}

}  // namespace

void addRedlineRoutes(Router& router, RedlineService& redlines) {
    router.add({"GET", "/api/v1/editions/{a}/compare/{b}/pdf", Access::needs(Action::ReadRegister),
                "edition.download_redline_pdf",
                [&redlines](const Request& request) { return redlinePdf(redlines, request); }});
}

void addRenditionRoutes(Router& router, RenditionService& renditions) {
    router.add({"GET", "/api/v1/editions/{id}/pdf", Access::needs(Action::ReadRegister),
                "edition.download_pdf",
                [&renditions](const Request& request) { return editionPdf(renditions, request); }});
    router.add({"GET", "/api/v1/copies/{id}/pdf", Access::needs(Action::ReadRegister),
                "copy.download_pdf",
                [&renditions](const Request& request) { return copyPdf(renditions, request); }});
}

}  // namespace nusqa::http
