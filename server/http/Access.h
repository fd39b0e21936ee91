// Access: who may use a route, declared on the route itself (http/Router.h)
// and read from it by the gate (http/AuthGate.h). Either anyone, with no
// credentials looked at, or a signed-in user whose roles allow one Action of
// the one role x action table (domain/Authorization.h).
//
// There is no default: a route cannot be declared without saying who may
// use it, so no route can be open or closed by omission.
//
// A user who must still replace a one-time password is refused everywhere
// except on routes declared evenWithOneTimePassword() (see himself, change
// the password, log out).
//
// Thread safety: an immutable value.
#pragma once

#include <optional>

#include "domain/Authorization.h"

namespace nusqa::http {

class Access {
public:
    // No authentication: the health check, logging in, the public
    // verification URL, the web pages' files.
    static Access anyone();
    // A signed-in user whose roles allow action.
    static Access needs(Action action);

    // The same rule, also granted before a one-time password is replaced.
    Access evenWithOneTimePassword() const;

    bool isPublic() const { return !_action.has_value(); }
    // The Action the roles must allow; nullopt for a public route.
    const std::optional<Action>& action() const { return _action; }
    bool allowsOneTimePassword() const { return _oneTimePassword; }

    bool operator==(const Access&) const = default;

private:
    Access(std::optional<Action> action, bool oneTimePassword)
        : _action(action), _oneTimePassword(oneTimePassword) {}

    std::optional<Action> _action;
    bool _oneTimePassword = false;
};

}  // namespace nusqa::http
