// Request and Response as the route handlers see them: plain values, no Poco
// types, so handlers stay thin and testable. Built and sent by HttpServer.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/People.h"

namespace nusqa::http {

struct Request {
    std::string method;
    std::string path;  // percent-decoded, without the query
    std::multimap<std::string, std::string> query;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;                            // already bounded by the body limit
    std::string requestId;
    std::vector<std::string> pathParameters;  // values of {name} segments, in order
    std::string clientAddress;                // the peer's IP address
    // Set by the RequestGate before the handler runs: who is asking (absent on
    // public routes) and the secret they presented (to end a session).
    std::optional<User> principal;
    std::string credential;

    // The header's value, or nullopt; name in lower case.
    std::optional<std::string> header(const std::string& lowerName) const;
    // The first value of a query parameter, or nullopt.
    std::optional<std::string> queryValue(const std::string& name) const;
};

struct Response {
    int status = 200;
    std::string contentType = "application/json; charset=utf-8";
    std::string body;
    // When set, the body is these bytes, shared with whoever else holds them
    // (a cache) instead of copied into body, which is then ignored.
    std::shared_ptr<const std::string> sharedBody;
    // When set, the body is this file, streamed from disk (body is then
    // ignored); whoever made the pointer decides what happens to the file
    // when the last copy goes (a temporary package: removed).
    std::shared_ptr<const std::filesystem::path> bodyFile;
    std::vector<std::pair<std::string, std::string>> headers;
    bool closeConnection = false;

    static Response json(int status, std::string body);
};

}  // namespace nusqa::http
