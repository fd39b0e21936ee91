#include "http/AuthGate.h"

#include <string_view>

namespace nusqa::http {
namespace {

std::string trimmed(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return std::string(text);
}

}  // namespace

AuthGate::AuthGate(AuthService& auth) : _auth(auth) {}

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

}  // namespace nusqa::http
