#include "http/AuthGate.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <string_view>

namespace nusqa::http {
namespace {

std::string trimmed(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return std::string(text);
}

// The declared audit actions that no domain service records yet: the
// register's edits, which DocumentService carries out without an actor.
// The gate records them after the fact; every other declared action is the
// domain's own entry, written in the act's transaction.
bool recordedByTheGate(std::string_view action) {
    static constexpr std::string_view kActions[] = {"document.create", "edition.create",
                                                    "edition.create_next", "edition.update",
                                                    "edition.download_pdf"};
    return std::find(std::begin(kActions), std::end(kActions), action) != std::end(kActions);
}

}  // namespace

AuthGate::AuthGate(AuthService& auth, AuditLog& audit, const Clock& clock, Poco::Logger& log)
    : _auth(auth), _audit(audit), _clock(clock), _log(log) {}

std::optional<std::string> AuthGate::credentialOf(const Request& request) {
    if (auto cookies = request.header("cookie")) {
        std::string_view rest = *cookies;
        const std::string wanted = std::string(kSessionCookie) + "=";
        while (!rest.empty()) {
            std::size_t end = rest.find(';');
            std::string pair = trimmed(rest.substr(0, end));
            if (pair.starts_with(wanted)) return pair.substr(wanted.size());
            if (end == std::string_view::npos) break;
            rest.remove_prefix(end + 1);
        }
    }
    if (auto authorization = request.header("authorization")) {
        constexpr std::string_view kBearer = "Bearer ";
        if (authorization->starts_with(kBearer))
            return trimmed(authorization->substr(kBearer.size()));
    }
    return std::nullopt;
}

Status AuthGate::admit(Request& request, const Route& route) const {
    if (route.access.isPublic()) return {};
    auto credential = credentialOf(request);
    if (!credential)
        return fail(ErrorCode::Unauthenticated,
                    "authentication required: log in (POST /api/v1/auth/login) or send an API "
                    "token (Authorization: Bearer ...)");
    User user = NUSQA_TRY(_auth.authenticate(*credential));
    request.principal = user;
    request.credential = *credential;
    if (user.mustChangePassword && !route.access.allowsOneTimePassword())
        return fail(ErrorCode::Forbidden,
                    "change your one-time password first (PUT /api/v1/me/password)");
    return authorize(user, *route.access.action());
}

void AuthGate::answered(const Request& request, const Route& route,
                        const Response& response) const {
    if (!recordedByTheGate(route.audit) || !request.principal) return;
    if (response.status < 200 || response.status >= 300) return;
    const std::string& action = route.audit;
    std::string objectType = action.substr(0, action.find('.'));
    std::string objectId = request.pathParameters.empty() ? "" : request.pathParameters.front();
    for (const auto& [name, value] : response.headers)
        if (name == "Location") {
            objectId = value.substr(value.rfind('/') + 1);
            if (value.find("/editions/") != std::string::npos) objectType = "edition";
        }
    const User& user = *request.principal;
    NewAuditEntry entry{_clock.now(),
                        user.id,
                        user.login,
                        action,
                        objectType,
                        objectId,
                        request.method + " " + request.path + " -> " +
                            std::to_string(response.status) + " from " + request.clientAddress};
    // The act is done; a failing audit append is logged loudly, not undone.
    if (auto appended = _audit.append({entry}); !appended)
        _log.error("audit: cannot record " + action + ": " + appended.error().message);
}

}  // namespace nusqa::http
