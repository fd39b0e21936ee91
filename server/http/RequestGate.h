// RequestGate: what HttpServer asks before a routed request's body is read.
// The application's gate (http/AuthGate.h) authenticates and authorizes by
// the route's access rule; without a gate every route is open (unit tests of
// the router). Nothing here records acts: the domain audits each act in the
// same transaction as the act.
// Thread safety: called from every connection thread at once.
#pragma once

#include "domain/Error.h"
#include "http/Message.h"
#include "http/Router.h"

namespace nusqa::http {

class RequestGate {
public:
    virtual ~RequestGate() = default;
    // Unauthenticated or Forbidden to refuse; may set request.principal.
    virtual Status admit(Request& request, const Route& route) const = 0;
};

}  // namespace nusqa::http
