// Parsing helpers shared by the route handlers: ids in paths, integer query
// parameters, JSON object bodies and their fields. Errors are values:
// NotFound for an id that is not a positive integer (no such resource),
// InvalidArgument naming the field or parameter otherwise.
// Thread safety: pure functions.
#pragma once

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/Error.h"
#include "http/Message.h"

namespace nusqa::http {

Result<std::int64_t> parseId(const std::string& text);
Result<int> parseIntParameter(const Request& request, const std::string& name, int fallback);
// An optional positive id from the query (?unit=3).
Result<std::optional<std::int64_t>> parseIdParameter(const Request& request,
                                                     const std::string& name);

Result<Poco::JSON::Object::Ptr> parseJsonObject(const std::string& body);
// The request's body when its Content-Type is application/json (or
// +json); UnsupportedMediaType otherwise — a browser form or a text/plain
// fetch from another site cannot send that type without asking first
// (CORS preflight), so JSON routes are not reachable by forged requests.
Result<std::string> requireJsonBody(const Request& request);
// requireJsonBody, then parseJsonObject.
Result<Poco::JSON::Object::Ptr> parseJsonBody(const Request& request);
// A string field; "" when absent and not required. InvalidDocument (422)
// when it holds a control character other than tab, line feed and carriage
// return (NUL and the like would be stored and printed).
Result<std::string> stringField(const Poco::JSON::Object& object, const std::string& name,
                                bool required);
// An integer field; nullopt when absent or null and not required.
Result<std::optional<std::int64_t>> integerField(const Poco::JSON::Object& object,
                                                 const std::string& name, bool required);
// An array of integers; empty when absent.
Result<std::vector<std::int64_t>> integerArrayField(const Poco::JSON::Object& object,
                                                    const std::string& name);

// The principal set by the gate; Unauthenticated when there is none.
Result<User> principalOf(const Request& request);

}  // namespace nusqa::http
