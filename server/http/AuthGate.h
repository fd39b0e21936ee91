// AuthGate: the application's RequestGate. For every routed request it
// reads the access declared on the matched route (Route::access,
// http/Access.h): public routes pass; every other route needs a session
// cookie (nusqa_session) or an API token (Authorization: Bearer ...), else
// 401; the user's roles must allow the route's Action
// (domain/Authorization.h), else 403; a user with a one-time password gets
// 403 except on routes that allow it. It records nothing: the handlers pass
// the principal to the domain, which authorizes again and audits each act
// in its own transaction (the route's audit action is the declaration).
//
// Thread safety: const and thread-safe; AuthService must be thread-safe and
// outlive the gate.
#pragma once

#include <optional>
#include <string>

#include "domain/AuthService.h"
#include "http/RequestGate.h"

namespace nusqa::http {

inline constexpr const char* kSessionCookie = "nusqa_session";

class AuthGate final : public RequestGate {
public:
    explicit AuthGate(AuthService& auth);
    Status admit(Request& request, const Route& route) const override;

    // The session cookie's value, else the bearer token, else nullopt.
    static std::optional<std::string> credentialOf(const Request& request);

private:
    AuthService& _auth;
};

}  // namespace nusqa::http
