// Router: THE route table. Each route is declared once, with everything the
// server needs to know about it:
//
//   {method, pattern, access, audit, handler}
//
//   pattern  literal path segments and {name} placeholders
//            ("/api/v1/editions/{id}"); a placeholder matches one non-empty
//            segment, whose value reaches the handler in
//            Request::pathParameters;
//   access   who may use it (http/Access.h): anyone, or the Action the
//            user's roles must allow; required — Access has no default;
//   audit    the action of the audit entry that a successful request on
//            this route leaves in the audit log ("document.create"), as
//            the domain records it; "" when the route records nothing. A
//            declaration for readers and for tests/http, which checks it.
//
// The route groups (http/ApiRoutes.h, RenditionRoutes.h, VerifyRoutes.h,
// ImportRoutes.h, StaticFiles.h) add their routes; app::Instance assembles
// the one router of the server.
//
// Thread safety: build it on one thread, then match concurrently (match()
// and the accessors are const and thread-safe).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Error.h"
#include "http/Access.h"
#include "http/Message.h"

namespace nusqa::http {

using Handler = std::function<Result<Response>(const Request&)>;

struct Route {
    std::string method;
    std::string pattern;
    Access access;
    std::string audit;
    Handler handler;
};

// The pattern of the fallback route (see Router::setFallback).
inline constexpr const char* kFallbackPattern = "/**";

class Router {
public:
    void add(Route route);
    // The handler of GET and HEAD requests whose path no route matches (the
    // web application's files), with its own access; its Route is
    // {"GET", kFallbackPattern, access, "", handler}. Not listed in
    // routes(). Without one such requests get NotFound.
    void setFallback(Access access, Handler handler);

    struct Match {
        const Route* route = nullptr;
        std::vector<std::string> parameters;
    };

    // NotFound when no pattern matches the path (and no fallback takes it);
    // MethodNotAllowed when a pattern matches but not with this method (the
    // message lists the allowed methods, as does allowedMethods()).
    Result<Match> match(std::string_view method, std::string_view path) const;
    std::string allowedMethods(std::string_view path) const;

    const std::vector<Route>& routes() const { return _routes; }
    // The fallback route, or null.
    const Route* fallback() const { return _fallback ? &*_fallback : nullptr; }

private:
    // A route's pattern split once, when the route is added: match() splits
    // only the request's path, once, and compares segments (it split every
    // pattern and the path again for each route it tried).
    struct Segment {
        std::string text;
        bool placeholder = false;
    };
    using Pattern = std::vector<Segment>;
    static bool fits(const Pattern& pattern, const std::vector<std::string_view>& path);

    std::vector<Route> _routes;
    std::vector<Pattern> _patterns;  // _patterns[i] is _routes[i]'s pattern
    std::optional<Route> _fallback;
};

}  // namespace nusqa::http
