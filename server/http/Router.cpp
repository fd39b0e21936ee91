#include "http/Router.h"

#include <algorithm>
#include <utility>

namespace nusqa::http {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        if (slash > start) parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return parts;
}

bool isPlaceholder(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Trailing slashes are not folded: "/api/v1/documents/" is another resource.
// Nor are doubled ones, nor is a missing leading one: "//api//v1/documents"
// and "api/v1/documents" are no route's path (found by fuzz_router), so a
// proxy's rule for one spelling of a path cannot be passed by another that
// reaches the same handler.
bool matches(std::string_view pattern, std::string_view path, std::vector<std::string>* values) {
    if (!path.empty() && path.back() == '/' && path.size() > 1) return false;
    if (!path.starts_with('/') || path.find("//") != std::string_view::npos) return false;
    auto patternParts = segments(pattern);
    auto pathParts = segments(path);
    if (patternParts.size() != pathParts.size()) return false;
    std::vector<std::string> found;
    for (std::size_t i = 0; i < patternParts.size(); ++i) {
        if (isPlaceholder(patternParts[i]))
            found.emplace_back(pathParts[i]);
        else if (patternParts[i] != pathParts[i])
            return false;
    }
    if (values != nullptr) *values = std::move(found);
    return true;
}

}  // namespace

void Router::add(Route route) {
    _routes.push_back(std::move(route));
}

void Router::setFallback(Access access, Handler handler) {
    _fallback = Route{"GET", kFallbackPattern, access, "", std::move(handler)};
}

Result<Router::Match> Router::match(std::string_view method, std::string_view path) const {
    bool pathKnown = false;
    for (const Route& route : _routes) {
        std::vector<std::string> values;
        if (!matches(route.pattern, path, &values)) continue;
        pathKnown = true;
        if (route.method == method) return Match{&route, std::move(values)};
    }
    if (pathKnown)
        return fail(ErrorCode::MethodNotAllowed, std::string(method) + " is not allowed on " +
                                                     std::string(path) +
                                                     "; allowed: " + allowedMethods(path));
    if (_fallback && (method == "GET" || method == "HEAD")) return Match{&*_fallback, {}};
    return fail(ErrorCode::NotFound, "no such resource: " + std::string(path));
}

std::string Router::allowedMethods(std::string_view path) const {
    std::vector<std::string_view> methods;
    for (const Route& route : _routes) {
        if (!matches(route.pattern, path, nullptr)) continue;
        if (std::find(methods.begin(), methods.end(), route.method) == methods.end())
            methods.push_back(route.method);
    }
    std::string allowed;
    for (std::string_view method : methods) {
        if (!allowed.empty()) allowed += ", ";
        allowed += method;
    }
    return allowed;
}

}  // namespace nusqa::http
