// fuzz_json: the JSON request bodies of every JSON route as the handlers
// read them (http/detail/RequestParsing.h): the Content-Type check, Poco's
// parser behind parseJsonObject, and the field readers each handler uses
// (stringField, integerField, integerArrayField) on every member, required
// and not. Seeds: tests/fuzz/corpus/json (the API's request bodies, Kazakh
// and Russian text, deep nesting, huge numbers, invalid UTF-8, control
// characters, escapes). The oracle: no crash or sanitizer report; every
// error has a message and is InvalidArgument or InvalidDocument (a 4xx,
// never a 500); what parses is an object nested no deeper than Poco's
// depth limit (a way past it would be a way to the stack's end); a string
// field that is accepted holds no control character but tab, line feed
// and carriage return.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "http/detail/RequestParsing.h"

namespace {

using nusqa::ErrorCode;

void checkError(const nusqa::Error& error) {
    if (error.message.empty()) std::abort();
    if (error.code != ErrorCode::InvalidArgument && error.code != ErrorCode::InvalidDocument)
        std::abort();
}

// Poco's parser refuses nesting past its depth (128 by default).
constexpr std::size_t kMaxDepth = 129;

std::size_t depthOf(const Poco::Dynamic::Var& value, std::size_t depth);

std::size_t depthOf(const Poco::JSON::Object& object, std::size_t depth) {
    if (depth > kMaxDepth) std::abort();
    std::size_t deepest = depth;
    for (const auto& [name, value] : object) deepest = std::max(deepest, depthOf(value, depth + 1));
    return deepest;
}

std::size_t depthOf(const Poco::Dynamic::Var& value, std::size_t depth) {
    if (depth > kMaxDepth) std::abort();
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
        auto object = value.extract<Poco::JSON::Object::Ptr>();
        return object.isNull() ? depth : depthOf(*object, depth);
    }
    if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
        auto array = value.extract<Poco::JSON::Array::Ptr>();
        std::size_t deepest = depth;
        if (!array.isNull())
            for (std::size_t i = 0; i < array->size(); ++i)
                deepest =
                    std::max(deepest, depthOf(array->get(static_cast<unsigned>(i)), depth + 1));
        return deepest;
    }
    return depth;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    nusqa::http::Request request;
    request.method = "POST";
    request.headers["content-type"] = "application/json; charset=utf-8";
    request.body.assign(reinterpret_cast<const char*>(data), size);
    auto parsed = nusqa::http::parseJsonBody(request);
    if (!parsed) {
        checkError(parsed.error());
        return 0;
    }
    const Poco::JSON::Object& object = **parsed;
    depthOf(object, 1);
    for (const auto& [name, value] : object) {
        for (bool required : {false, true}) {
            if (auto text = nusqa::http::stringField(object, name, required)) {
                for (unsigned char c : *text)
                    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
                        std::abort();
            } else {
                checkError(text.error());
            }
            if (auto number = nusqa::http::integerField(object, name, required); !number)
                checkError(number.error());
        }
        if (auto numbers = nusqa::http::integerArrayField(object, name); !numbers)
            checkError(numbers.error());
    }
    // A field that is absent: required is an error with a message.
    auto absent = nusqa::http::stringField(object,
                                           std::string("\x01"
                                                       "absent",
                                                       7),
                                           true);
    if (absent) std::abort();
    checkError(absent.error());
    return 0;
}
