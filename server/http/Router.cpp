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
bool isRoutablePath(std::string_view path) {
    if (!path.empty() && path.back() == '/' && path.size() > 1) return false;
    return path.starts_with('/') && path.find("//") == std::string_view::npos;
}

}  // namespace

void Router::add(Route route) {
    Pattern pattern;
    for (std::string_view part : segments(route.pattern))
        pattern.push_back(Segment{std::string(part), isPlaceholder(part)});
    _patterns.push_back(std::move(pattern));
    _routes.push_back(std::move(route));
}

bool Router::fits(const Pattern& pattern, const std::vector<std::string_view>& path) {
    if (pattern.size() != path.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i)
        if (!pattern[i].placeholder && pattern[i].text != path[i]) return false;
    return true;
}

void Router::setFallback(Access access, Handler handler) {
    _fallback = Route{"GET", kFallbackPattern, access, "", std::move(handler)};
}

Result<Router::Match> Router::match(std::string_view method, std::string_view path) const {
    bool pathKnown = false;
    if (isRoutablePath(path)) {
        const std::vector<std::string_view> parts = segments(path);
        for (std::size_t i = 0; i < _routes.size(); ++i) {
            if (!fits(_patterns[i], parts)) continue;
            pathKnown = true;
            if (_routes[i].method != method) continue;
            std::vector<std::string> values;
            for (std::size_t j = 0; j < parts.size(); ++j)
                if (_patterns[i][j].placeholder) values.emplace_back(parts[j]);
            return Match{&_routes[i], std::move(values)};
        }
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
    if (isRoutablePath(path)) {
        const std::vector<std::string_view> parts = segments(path);
        for (std::size_t i = 0; i < _routes.size(); ++i) {
            if (!fits(_patterns[i], parts)) continue;
            const std::string& method = _routes[i].method;
            if (std::find(methods.begin(), methods.end(), method) == methods.end())
                methods.push_back(method);
        }
    }
    std::string allowed;
    for (std::string_view method : methods) {
        if (!allowed.empty()) allowed += ", ";
        allowed += method;
    }
    return allowed;
}

}  // namespace nusqa::http
