// The API description (server/http/openapi.json) as a test oracle: a reply
// of the real server is checked against the response its operation
// documents for that status, with a small JSON-Schema validator for the
// subset the description uses: $ref (local), type, nullable, enum,
// properties, required, additionalProperties, items, minItems, maxItems,
// allOf, anyOf, oneOf.
//
// Stricter than JSON Schema on one point, because the description must be
// true, not merely permissive: an object property the schema does not
// declare is a problem unless the schema says additionalProperties.
//
// Thread safety: a loaded description may be shared by threads (const).
// Errors: load throws std::runtime_error when the file cannot be read or
// parsed.
#pragma once

#include <Poco/JSON/Object.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/HttpClient.h"

namespace nusqa::test {

class OpenApiCheck {
public:
    static OpenApiCheck load(const std::filesystem::path& file);

    // What is wrong with the reply to method path (with or without its
    // query): no documented operation, an undocumented status, a media type
    // the response does not list, or a JSON body against its schema (each
    // problem names the place in the body). Empty: the reply is described.
    std::vector<std::string> problems(const std::string& method, const std::string& path,
                                      const HttpReply& reply) const;

    // The problems of value against the schema (tests of the validator).
    std::vector<std::string> validate(const Poco::Dynamic::Var& value,
                                      const Poco::JSON::Object::Ptr& schema) const;

private:
    explicit OpenApiCheck(Poco::JSON::Object::Ptr document) : _document(std::move(document)) {}
    Poco::JSON::Object::Ptr resolve(Poco::JSON::Object::Ptr object) const;
    void check(const Poco::Dynamic::Var& value, Poco::JSON::Object::Ptr schema,
               const std::string& where, std::vector<std::string>& problems) const;

    Poco::JSON::Object::Ptr _document;
};

}  // namespace nusqa::test
