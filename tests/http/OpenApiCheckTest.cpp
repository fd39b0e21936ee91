// The validator of the API description's schemas can fail: each rule of the
// subset it supports rejects what breaks it.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Parser.h>

#include "OpenApiCheck.h"
#include "support/TestSupport.h"

using namespace nusqa::test;

namespace {

Poco::Dynamic::Var json(const std::string& text) {
    return Poco::JSON::Parser().parse(text);
}

Poco::JSON::Object::Ptr schema(const std::string& text) {
    return json(text).extract<Poco::JSON::Object::Ptr>();
}

const OpenApiCheck& description() {
    static const OpenApiCheck loaded = OpenApiCheck::load(sourceDir() / "server/http/openapi.json");
    return loaded;
}

std::size_t problemsOf(const std::string& value, const std::string& rule) {
    return description().validate(json(value), schema(rule)).size();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(openapi_check)

BOOST_AUTO_TEST_CASE(each_rule_of_the_subset_rejects_what_breaks_it) {
    const std::string object =
        R"({"type":"object","required":["id"],"properties":{"id":{"type":"integer"},"name":{"type":"string","nullable":true}}})";
    BOOST_TEST(problemsOf(R"({"id":1,"name":"a"})", object) == 0u);
    BOOST_TEST(problemsOf(R"({"id":1,"name":null})", object) == 0u);
    BOOST_TEST(problemsOf(R"({"name":"a"})", object) == 1u);           // required
    BOOST_TEST(problemsOf(R"({"id":"1"})", object) == 1u);             // type
    BOOST_TEST(problemsOf(R"({"id":1,"extra":true})", object) == 1u);  // undeclared
    BOOST_TEST(problemsOf(R"({"id":null})", object) == 1u);            // not nullable
    BOOST_TEST(problemsOf(R"({"id":1.5})", object) == 1u);             // not an integer
    BOOST_TEST(problemsOf(R"({"id":true})", object) == 1u);
    BOOST_TEST(problemsOf(R"({"a":1})",
                          R"({"type":"object","additionalProperties":{"type":"integer"}})") == 0u);
    BOOST_TEST(problemsOf(R"({"a":"x"})",
                          R"({"type":"object","additionalProperties":{"type":"integer"}})") == 1u);
    BOOST_TEST(problemsOf(R"(["b"])", R"({"items":{"type":"string","enum":["a","c"]}})") == 1u);
    BOOST_TEST(problemsOf(R"([1,"x"])", R"({"type":"array","items":{"type":"integer"}})") == 1u);
    BOOST_TEST(problemsOf(R"([1])", R"({"type":"array","minItems":2})") == 1u);
    BOOST_TEST(problemsOf(R"([3])",
                          R"({"items":{"oneOf":[{"type":"integer"},{"type":"number"}]}})") == 1u);
    BOOST_TEST(problemsOf(R"([3])",
                          R"({"items":{"anyOf":[{"type":"integer"},{"type":"number"}]}})") == 0u);
    // References into the description.
    BOOST_TEST(problemsOf(R"({"error":{"code":"x","message":"y"}})",
                          R"({"$ref":"#/components/schemas/Error"})") == 0u);
    BOOST_TEST(problemsOf(R"({"error":{}})", R"({"$ref":"#/components/schemas/Error"})") > 0u);
}

BOOST_AUTO_TEST_CASE(replies_are_matched_to_their_operation_and_status) {
    HttpReply health{200, R"({"status":"ok"})", {{"content-type", "application/json"}}};
    HttpReply teapot{418, R"({"status":"ok"})", {{"content-type", "application/json"}}};
    BOOST_TEST(description().problems("GET", "/nowhere", health).size() == 1u);
    BOOST_TEST(description().problems("GET", "/healthz", teapot).size() == 1u);
    HttpReply text{200, "ok", {{"content-type", "text/plain"}}};
    BOOST_TEST(description().problems("GET", "/healthz", text).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
