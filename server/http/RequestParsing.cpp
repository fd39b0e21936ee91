#include "http/detail/RequestParsing.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <charconv>

namespace nusqa::http {

Result<std::int64_t> parseId(const std::string& text) {
    std::int64_t id = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size() || id <= 0)
        return fail(ErrorCode::NotFound,
                    "no such resource: id «" + text + "» is not a positive integer");
    return id;
}

Result<int> parseIntParameter(const Request& request, const std::string& name, int fallback) {
    auto text = request.queryValue(name);
    if (!text) return fallback;
    int value = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size())
        return fail(ErrorCode::InvalidArgument, name + " must be an integer, not «" + *text + "»");
    return value;
}

Result<std::optional<std::int64_t>> parseIdParameter(const Request& request,
                                                     const std::string& name) {
    auto text = request.queryValue(name);
    if (!text || text->empty()) return std::optional<std::int64_t>();
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size() || value <= 0)
        return fail(ErrorCode::InvalidArgument,
                    name + " must be a positive id, not «" + *text + "»");
    return std::optional<std::int64_t>(value);
}

Result<Poco::JSON::Object::Ptr> parseJsonObject(const std::string& body) {
    try {
        Poco::JSON::Parser parser;
        Poco::Dynamic::Var parsed = parser.parse(body);
        if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
            return fail(ErrorCode::InvalidArgument, "the body must be a JSON object");
        return parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& error) {
        return fail(ErrorCode::InvalidArgument, "malformed JSON: " + error.message());
    }
}

Result<std::string> requireJsonBody(const Request& request) {
    std::string type = request.header("content-type").value_or("");
    std::string bare = type.substr(0, type.find(';'));
    while (!bare.empty() && bare.back() == ' ') bare.pop_back();
    for (char& c : bare)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (bare != "application/json" && !bare.ends_with("+json"))
        return fail(ErrorCode::UnsupportedMediaType,
                    "the body must be application/json, not " + (bare.empty() ? "untyped" : bare));
    return request.body;
}

Result<Poco::JSON::Object::Ptr> parseJsonBody(const Request& request) {
    return parseJsonObject(NUSQA_TRY(requireJsonBody(request)));
}

Result<std::string> stringField(const Poco::JSON::Object& object, const std::string& name,
                                bool required) {
    if (!object.has(name) || object.isNull(name)) {
        if (required) return fail(ErrorCode::InvalidArgument, "field «" + name + "» is required");
        return std::string();
    }
    Poco::Dynamic::Var value = object.get(name);
    if (!value.isString())
        return fail(ErrorCode::InvalidArgument, "field «" + name + "» must be a string");
    std::string text = value.extract<std::string>();
    for (unsigned char c : text)
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            return fail(ErrorCode::InvalidDocument,
                        "field «" + name + "» holds a control character");
    return text;
}

namespace {

// A JSON integer as int64. Poco reads a number above INT64_MAX (up to
// UINT64_MAX) as an unsigned integer, and converting it throws
// Poco::RangeException: refuse it as a value out of range instead.
Result<std::int64_t> int64Of(const Poco::Dynamic::Var& value, const std::string& name) {
    try {
        return value.convert<std::int64_t>();
    } catch (const Poco::Exception&) {
        return fail(ErrorCode::InvalidArgument, "field «" + name + "» is out of range");
    }
}

}  // namespace

Result<std::optional<std::int64_t>> integerField(const Poco::JSON::Object& object,
                                                 const std::string& name, bool required) {
    if (!object.has(name) || object.isNull(name)) {
        if (required) return fail(ErrorCode::InvalidArgument, "field «" + name + "» is required");
        return std::optional<std::int64_t>();
    }
    Poco::Dynamic::Var value = object.get(name);
    if (!value.isInteger())
        return fail(ErrorCode::InvalidArgument, "field «" + name + "» must be an integer");
    return std::optional<std::int64_t>(NUSQA_TRY(int64Of(value, name)));
}

Result<std::vector<std::int64_t>> integerArrayField(const Poco::JSON::Object& object,
                                                    const std::string& name) {
    std::vector<std::int64_t> values;
    if (!object.has(name) || object.isNull(name)) return values;
    Poco::JSON::Array::Ptr array = object.getArray(name);
    if (array.isNull())
        return fail(ErrorCode::InvalidArgument, "field «" + name + "» must be an array");
    for (std::size_t i = 0; i < array->size(); ++i) {
        Poco::Dynamic::Var value = array->get(static_cast<unsigned>(i));
        if (!value.isInteger())
            return fail(ErrorCode::InvalidArgument, "field «" + name + "» must hold integers");
        values.push_back(NUSQA_TRY(int64Of(value, name)));
    }
    return values;
}

Result<User> principalOf(const Request& request) {
    if (!request.principal) return fail(ErrorCode::Unauthenticated, "authentication required");
    return *request.principal;
}

}  // namespace nusqa::http
