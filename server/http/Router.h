// Router: the route table {method, pattern, handler}. Patterns are literal
// path segments and {name} placeholders ("/api/v1/editions/{id}"); a
// placeholder matches one non-empty segment, whose value reaches the handler
// in Request::pathParameters. Build it once, then match concurrently
// (match() is const and thread-safe).
#pragma once

#include <functional>
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

class Router {
public:
    void add(std::string method, std::string pattern, Handler handler);

    struct Match {
        const Route* route = nullptr;
        std::vector<std::string> parameters;
    };

    // NotFound when no pattern matches the path; MethodNotAllowed when a
    // pattern matches but not with this method (the message lists the
    // allowed methods, as does allowedMethods()).
    Result<Match> match(std::string_view method, std::string_view path) const;
    std::string allowedMethods(std::string_view path) const;

    const std::vector<Route>& routes() const { return _routes; }

private:
    std::vector<Route> _routes;
};

}  // namespace nusqa::http
