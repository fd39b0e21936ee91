#include "http/AuthGate.h"

#include <Poco/Logger.h>

#include "http/detail/AccessRules.h"

namespace nusqa::http {
namespace {

std::string trimmed(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return std::string(text);
}

// What a user with a one-time password may do: see himself, change the
// password, log out.
bool isPasswordChangeRoute(const Route& route) {
    return (route.method == "GET" && route.pattern == "/api/v1/me") ||
           (route.method == "PUT" && route.pattern == "/api/v1/me/password") ||
           (route.method == "POST" && route.pattern == "/api/v1/auth/logout");
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
    const AccessRule* rule = accessRuleFor(route.method, route.pattern);
    if (rule != nullptr && !rule->action) return {};  // public
    auto credential = credentialOf(request);
    if (!credential)
        return fail(ErrorCode::Unauthenticated,
                    "authentication required: log in (POST /api/v1/auth/login) or send an API "
                    "token (Authorization: Bearer ...)");
    User user = NUSQA_TRY(_auth.authenticate(*credential));
    request.principal = user;
    request.credential = *credential;
    if (user.mustChangePassword && !isPasswordChangeRoute(route))
        return fail(ErrorCode::Forbidden,
                    "change your one-time password first (PUT /api/v1/me/password)");
    if (rule == nullptr)
        return fail(ErrorCode::Forbidden,
                    "no access rule for " + route.method + " " + route.pattern + ": refused");
    return authorize(user, *rule->action);
}

void AuthGate::answered(const Request& request, const Route& route,
                        const Response& response) const {
    const AccessRule* rule = accessRuleFor(route.method, route.pattern);
    if (rule == nullptr || rule->auditAction.empty() || !request.principal) return;
    if (response.status < 200 || response.status >= 300) return;
    std::string action(rule->auditAction);
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
