// Router: the route table {method, pattern, handler}. Patterns are literal
// path segments and {name} placeholders ("/api/v1/editions/{id}"); a
// placeholder matches one non-empty segment, whose value reaches the handler
// in Request::pathParameters. Build it once, then match concurrently
// (match() is const and thread-safe).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Error.h"
#include "http/Message.h"

namespace nusqa::http {

using Handler = std::function<Result<Response>(const Request&)>;

struct Route {
    std::string method;
    std::string pattern;
    Handler handler;
};

// The pattern of the fallback route (see Router::setFallback); its access
// rule in AccessRules.cpp makes it public.
inline constexpr const char* kFallbackPattern = "/**";

class Router {
public:
    void add(std::string method, std::string pattern, Handler handler);
    // The handler of GET and HEAD requests whose path no route matches (the
    // web application's files); its Route is {"GET", kFallbackPattern}. Not
    // listed in routes(). Without one such requests get NotFound.
    void setFallback(Handler handler);

    struct Match {
        const Route* route = nullptr;
        std::vector<std::string> parameters;
    };

    // NotFound when no pattern matches the path (and no fallback takes it);
    // MethodNotAllowed when a
    // pattern matches but not with this method (the message lists the
    // allowed methods, as does allowedMethods()).
    Result<Match> match(std::string_view method, std::string_view path) const;
    std::string allowedMethods(std::string_view path) const;

    const std::vector<Route>& routes() const { return _routes; }

private:
    std::vector<Route> _routes;
    std::optional<Route> _fallback;
};

}  // namespace nusqa::http
