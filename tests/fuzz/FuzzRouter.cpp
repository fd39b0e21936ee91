// fuzz_router: the request line as the server takes it apart before a
// handler runs (http/HttpServer.cpp, route()): the request target through
// Poco::URI (percent-decoding, the query string), the route table's match
// of method and path (http/Router.h) with the server's real patterns (every
// path and method of the API description, openapi.json, and the fallback of
// the web pages), then the path parameters through parseId and the query
// parameters the handlers read through parseIntParameter and
// parseIdParameter. An input is "METHOD TARGET" (a request line without
// the version). Seeds: tests/fuzz/corpus/router. The oracle: no crash or
// sanitizer report; every refusal has a message and the code the server
// maps to 4xx; a match is exact — its pattern with the parameters put back
// is the path, and no parameter is empty or holds a slash; a path known
// with another method lists the methods allowed.
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/Router.h"
#include "http/detail/RequestParsing.h"

namespace nusqa::http {
std::string_view openApiDocument();
}

namespace {

using namespace nusqa;
using namespace nusqa::http;

Result<Response> none(const Request&) {
    return Response::json(204, "");
}

const Router& router() {
    static const Router table = [] {
        Router routes;
        Poco::JSON::Parser parser;
        auto document =
            parser.parse(std::string(openApiDocument())).extract<Poco::JSON::Object::Ptr>();
        auto paths = document->getObject("paths");
        for (const auto& [pattern, item] : *paths) {
            auto operations = item.extract<Poco::JSON::Object::Ptr>();
            for (const auto& [method, operation] : *operations) {
                std::string upper = method;
                for (char& c : upper) c = static_cast<char>(std::toupper(c));
                if (upper != "GET" && upper != "POST" && upper != "PUT" && upper != "DELETE" &&
                    upper != "PATCH")
                    continue;  // "parameters", "summary": not operations
                routes.add({upper, pattern, Access::anyone(), "", none});
            }
        }
        routes.setFallback(Access::anyone(), none);
        return routes;
    }();
    return table;
}

void checkRefusal(const Error& error, std::initializer_list<ErrorCode> allowed) {
    if (error.message.empty()) std::abort();
    for (ErrorCode code : allowed)
        if (error.code == code) return;
    std::abort();
}

// The pattern with each {name} replaced by the next value.
std::string filledIn(std::string_view pattern, const std::vector<std::string>& values) {
    std::string path;
    std::size_t next = 0;
    for (std::size_t at = 0; at < pattern.size();) {
        if (pattern[at] == '{') {
            std::size_t end = pattern.find('}', at);
            if (next >= values.size()) std::abort();
            path += values[next++];
            at = end + 1;
        } else {
            path += pattern[at++];
        }
    }
    if (next != values.size()) std::abort();
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view line(reinterpret_cast<const char*>(data), size);
    std::size_t space = line.find(' ');
    if (space == std::string_view::npos) return 0;
    Request request;
    request.method = std::string(line.substr(0, space));
    const std::string target(line.substr(space + 1));
    try {
        Poco::URI uri(target);
        request.path = uri.getPath();
        for (auto& [name, value] : uri.getQueryParameters()) request.query.emplace(name, value);
    } catch (const Poco::Exception&) {
        return 0;  // the server answers 400 "malformed request URI"
    }
    auto match = router().match(request.method, request.path);
    if (!match) {
        checkRefusal(match.error(), {ErrorCode::NotFound, ErrorCode::MethodNotAllowed});
        if (match.error().code == ErrorCode::MethodNotAllowed &&
            router().allowedMethods(request.path).empty())
            std::abort();
        return 0;
    }
    const Route& route = *match->route;
    if (route.pattern == kFallbackPattern) {
        if (request.method != "GET" && request.method != "HEAD") std::abort();
        if (!match->parameters.empty()) std::abort();
    } else {
        if (route.method != request.method) std::abort();
        if (filledIn(route.pattern, match->parameters) != request.path) std::abort();
    }
    for (const std::string& value : match->parameters) {
        if (value.empty() || value.find('/') != std::string::npos) std::abort();
        if (auto id = parseId(value); id) {
            if (*id <= 0) std::abort();
        } else {
            checkRefusal(id.error(), {ErrorCode::NotFound});
        }
    }
    request.pathParameters = std::move(match->parameters);
    for (const auto& [name, value] : request.query) {
        if (auto number = parseIntParameter(request, name, 0); !number)
            checkRefusal(number.error(), {ErrorCode::InvalidArgument});
        if (auto id = parseIdParameter(request, name); !id)
            checkRefusal(id.error(), {ErrorCode::InvalidArgument});
        else if (*id && **id <= 0)
            std::abort();
    }
    return 0;
}
