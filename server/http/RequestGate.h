// RequestGate: what HttpServer asks around every routed request, before the
// body is read and after the handler answered. The application's gate
// (http/AuthGate.h) authenticates, authorizes by the route's access rule and
// records edits in the audit log; without a gate every route is open (unit
// tests of the router).
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
    // After the handler: e.g. an audit entry for a successful edit.
    virtual void answered(const Request& request, const Route& route,
                          const Response& response) const = 0;
};

}  // namespace nusqa::http
