// AuthGate: the application's RequestGate. For every routed request it
// reads the access declared on the matched route (Route::access,
// http/Access.h): public routes pass; every other route needs a session
// cookie (nusqa_session) or an API token (Authorization: Bearer ...), else
// 401; the user's roles must allow the route's Action
// (domain/Authorization.h), else 403; a user with a one-time password gets
// 403 except on routes that allow it. After a successful edit of the
// register whose route declares an audit action the domain does not record
// itself yet (documents and editions), it appends the audit entry (who,
// what, which object, when).
//
// Thread safety: const and thread-safe; AuthService, AuditLog and Clock
// must be thread-safe and outlive the gate.
#pragma once

#include <optional>
#include <string>

#include "domain/AuditLog.h"
#include "domain/AuthService.h"
#include "domain/Clock.h"
#include "http/RequestGate.h"

namespace Poco {
class Logger;
}

namespace nusqa::http {

inline constexpr const char* kSessionCookie = "nusqa_session";

class AuthGate final : public RequestGate {
public:
    // log receives audit failures (never secrets).
    AuthGate(AuthService& auth, AuditLog& audit, const Clock& clock, Poco::Logger& log);
    Status admit(Request& request, const Route& route) const override;
    void answered(const Request& request, const Route& route,
                  const Response& response) const override;

    // The session cookie's value, else the bearer token, else nullopt.
    static std::optional<std::string> credentialOf(const Request& request);

private:
    AuthService& _auth;
    AuditLog& _audit;
    const Clock& _clock;
    Poco::Logger& _log;
};

}  // namespace nusqa::http
