#include "OpenApiCheck.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <sstream>
#include <stdexcept>

#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

bool isObject(const Poco::Dynamic::Var& value) {
    return value.type() == typeid(Object::Ptr);
}

bool isArray(const Poco::Dynamic::Var& value) {
    return value.type() == typeid(Array::Ptr);
}

std::vector<std::string> split(const std::string& path) {
    std::vector<std::string> segments;
    std::istringstream in(path);
    for (std::string segment; std::getline(in, segment, '/');) segments.push_back(segment);
    return segments;
}

// How well a path template ("/api/v1/editions/{id}") matches a concrete
// path: -1 not at all, else the number of literal segments (the most
// literal template wins, as in the router).
int matchScore(const std::string& pattern, const std::string& path) {
    std::vector<std::string> want = split(pattern), have = split(path);
    if (want.size() != have.size()) return -1;
    int literal = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
        bool parameter = want[i].starts_with("{") && want[i].ends_with("}");
        if (parameter) {
            if (have[i].empty()) return -1;
        } else if (want[i] != have[i]) {
            return -1;
        } else {
            ++literal;
        }
    }
    return literal;
}

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string shown(const Poco::Dynamic::Var& value) {
    if (value.isEmpty()) return "null";
    std::string text = value.isString() ? "\"" + value.toString() + "\"" : value.toString();
    return text.size() > 80 ? text.substr(0, 80) + "..." : text;
}

}  // namespace

OpenApiCheck OpenApiCheck::load(const std::filesystem::path& file) {
    std::string text = readFile(file);
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var parsed = parser.parse(text);
    if (!isObject(parsed)) throw std::runtime_error(file.string() + " is not a JSON object");
    return OpenApiCheck(parsed.extract<Object::Ptr>());
}

Object::Ptr OpenApiCheck::resolve(Object::Ptr object) const {
    // Chains of references are followed; a cycle of bare references would
    // not end, and the description has none (checked by the validators).
    for (int hops = 0; object && object->has("$ref"); ++hops) {
        if (hops > 32) throw std::runtime_error("a $ref chain longer than 32");
        std::string reference = object->getValue<std::string>("$ref");
        if (!reference.starts_with("#/")) throw std::runtime_error("non-local $ref " + reference);
        Object::Ptr at = _document;
        for (const std::string& name : split(reference.substr(2))) {
            if (!at || !at->has(name)) throw std::runtime_error("dangling $ref " + reference);
            at = at->getObject(name);
        }
        object = at;
    }
    return object;
}

void OpenApiCheck::check(const Poco::Dynamic::Var& value, Object::Ptr schema,
                         const std::string& where, std::vector<std::string>& problems) const {
    schema = resolve(schema);
    if (!schema) return;
    std::string at = where.empty() ? "(body)" : where;
    if (value.isEmpty()) {
        if (!(schema->has("nullable") && schema->getValue<bool>("nullable")))
            problems.push_back(at + ": null, but the schema is not nullable");
        return;
    }
    if (schema->has("allOf")) {
        Array::Ptr all = schema->getArray("allOf");
        for (std::size_t i = 0; i < all->size(); ++i)
            check(value, all->getObject(static_cast<unsigned>(i)), where, problems);
    }
    for (const char* name : {"anyOf", "oneOf"}) {
        if (!schema->has(name)) continue;
        Array::Ptr alternatives = schema->getArray(name);
        std::size_t matching = 0;
        for (std::size_t i = 0; i < alternatives->size(); ++i) {
            std::vector<std::string> trial;
            check(value, alternatives->getObject(static_cast<unsigned>(i)), where, trial);
            if (trial.empty()) ++matching;
        }
        if (matching == 0 || (std::string(name) == "oneOf" && matching > 1))
            problems.push_back(at + ": " + shown(value) + " matches " + std::to_string(matching) +
                               " of the " + name + " alternatives");
    }
    if (schema->has("enum")) {
        Array::Ptr allowed = schema->getArray("enum");
        bool found = false;
        for (std::size_t i = 0; i < allowed->size() && !found; ++i)
            found = allowed->get(static_cast<unsigned>(i)).toString() == value.toString();
        if (!found) problems.push_back(at + ": " + shown(value) + " is not in the enum");
    }
    std::string type = schema->has("type") ? schema->getValue<std::string>("type") : "";
    bool typeOk = type.empty() || (type == "object" && isObject(value)) ||
                  (type == "array" && isArray(value)) || (type == "string" && value.isString()) ||
                  (type == "integer" && value.isInteger() && !value.isBoolean()) ||
                  (type == "number" && value.isNumeric() && !value.isBoolean()) ||
                  (type == "boolean" && value.isBoolean());
    if (!typeOk) {
        problems.push_back(at + ": " + shown(value) + " is not of type " + type);
        return;
    }
    if (isObject(value)) {
        Object::Ptr object = value.extract<Object::Ptr>();
        Object::Ptr properties =
            schema->has("properties") ? schema->getObject("properties") : Object::Ptr();
        if (schema->has("required")) {
            Array::Ptr required = schema->getArray("required");
            for (std::size_t i = 0; i < required->size(); ++i) {
                std::string name = required->get(static_cast<unsigned>(i)).toString();
                if (!object->has(name))
                    problems.push_back(at + ": the required property «" + name + "» is missing");
            }
        }
        bool additionalGiven = schema->has("additionalProperties");
        Object::Ptr additional;
        bool additionalAllowed = !properties;  // a free-form object: anything
        if (additionalGiven) {
            Poco::Dynamic::Var rule = schema->get("additionalProperties");
            if (isObject(rule)) {
                additional = rule.extract<Object::Ptr>();
                additionalAllowed = true;
            } else {
                additionalAllowed = rule.convert<bool>();
            }
        }
        for (const auto& [name, member] : *object) {
            std::string inner = where + "/" + name;
            if (properties && properties->has(name))
                check(member, properties->getObject(name), inner, problems);
            else if (additional)
                check(member, additional, inner, problems);
            else if (!additionalAllowed)
                problems.push_back(at + ": the property «" + name + "» is not in the description");
        }
    }
    if (isArray(value)) {
        Array::Ptr array = value.extract<Array::Ptr>();
        if (schema->has("minItems") && array->size() < schema->getValue<std::size_t>("minItems"))
            problems.push_back(at + ": fewer items than minItems");
        if (schema->has("maxItems") && array->size() > schema->getValue<std::size_t>("maxItems"))
            problems.push_back(at + ": more items than maxItems");
        if (schema->has("items"))
            for (std::size_t i = 0; i < array->size(); ++i)
                check(array->get(static_cast<unsigned>(i)), schema->getObject("items"),
                      where + "/" + std::to_string(i), problems);
    }
}

std::vector<std::string> OpenApiCheck::validate(const Poco::Dynamic::Var& value,
                                                const Object::Ptr& schema) const {
    std::vector<std::string> problems;
    check(value, schema, "", problems);
    return problems;
}

std::vector<std::string> OpenApiCheck::problems(const std::string& method, const std::string& path,
                                                const HttpReply& reply) const {
    std::string bare = path.substr(0, path.find('?'));
    std::string what = method + " " + bare + " " + std::to_string(reply.status);
    Object::Ptr paths = _document->getObject("paths");
    Object::Ptr item;
    int best = -1;
    for (const auto& [pattern, entry] : *paths) {
        int score = matchScore(pattern, bare);
        if (score > best) {
            best = score;
            item = entry.extract<Object::Ptr>();
        }
    }
    if (!item) return {what + ": no path of the description matches"};
    Object::Ptr operation = item->getObject(lower(method));
    if (!operation) return {what + ": the description has no " + method + " here"};
    Object::Ptr responses = operation->getObject("responses");
    std::string status = std::to_string(reply.status);
    std::string range = status.substr(0, 1) + "XX";
    Object::Ptr response = responses->has(status)      ? responses->getObject(status)
                           : responses->has(range)     ? responses->getObject(range)
                           : responses->has("default") ? responses->getObject("default")
                                                       : Object::Ptr();
    if (!response) return {what + ": an undocumented status"};
    response = resolve(response);
    std::string type = reply.header("content-type");
    type = lower(type.substr(0, type.find(';')));
    Object::Ptr content = response->has("content") ? response->getObject("content") : nullptr;
    if (reply.body.empty() && !content) return {};
    if (!content || !content->has(type))
        return {what + ": the response does not list the media type «" + type + "»"};
    Object::Ptr media = content->getObject(type);
    if (!media->has("schema")) return {what + ": " + type + " without a schema"};
    if (type != "application/json") return {};
    Poco::Dynamic::Var body;
    try {
        body = Poco::JSON::Parser().parse(reply.body);
    } catch (const Poco::Exception& error) {
        return {what + ": the body is not JSON: " + error.displayText()};
    }
    std::vector<std::string> found = validate(body, media->getObject("schema"));
    for (std::string& problem : found) problem = what + ": " + problem;
    return found;
}

}  // namespace nusqa::test
