// The route table and the JSON writer of the http module (no sockets).
#include <boost/test/unit_test.hpp>

#include <type_traits>

#include "http/ErrorMapping.h"
#include "http/JsonWriter.h"
#include "http/Router.h"

using namespace nusqa;
using namespace nusqa::http;

namespace {
Result<Response> ok(const Request&) {
    return Response::json(200, "{}");
}

// A route cannot be declared without its access: Access has no default, so
// {method, pattern} alone, or with a handler only, does not compile.
static_assert(!std::is_default_constructible_v<Access>);
static_assert(!std::is_constructible_v<Route, std::string, std::string>);
}  // namespace

BOOST_AUTO_TEST_CASE(router_matches_placeholders_and_methods) {
    Router router;
    router.add({"GET", "/api/v1/editions/{id}", Access::anyone(), "", ok});
    router.add({"PUT", "/api/v1/editions/{id}", Access::anyone(), "", ok});
    router.add({"POST", "/api/v1/documents/{id}/editions/next", Access::anyone(), "", ok});
    auto found = router.match("GET", "/api/v1/editions/42");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->parameters == std::vector<std::string>{"42"},
               boost::test_tools::per_element());
    BOOST_TEST(router.match("POST", "/api/v1/documents/7/editions/next")->parameters.at(0) == "7");
    BOOST_TEST((router.match("DELETE", "/api/v1/editions/42").error().code ==
                ErrorCode::MethodNotAllowed));
    BOOST_TEST(router.allowedMethods("/api/v1/editions/42") == "GET, PUT");
    BOOST_TEST((router.match("GET", "/api/v1/editions").error().code == ErrorCode::NotFound));
    BOOST_TEST((router.match("GET", "/api/v1/editions/42/").error().code == ErrorCode::NotFound));
    BOOST_TEST((router.match("GET", "/api/v1/editions/42/x").error().code == ErrorCode::NotFound));
}

// Found by fuzz_router: empty segments were skipped and the leading slash
// not required, so "//api//v1/editions/42" and "api/v1/editions/42" reached
// the handler of "/api/v1/editions/{id}" — other spellings of every path,
// past any proxy rule written for the first.
BOOST_AUTO_TEST_CASE(router_does_not_fold_doubled_or_missing_slashes) {
    Router router;
    router.add({"GET", "/api/v1/editions/{id}", Access::anyone(), "", ok});
    BOOST_TEST(router.match("GET", "/api/v1/editions/42").has_value());
    for (const char* path : {"//api/v1/editions/42", "/api//v1/editions/42", "/api/v1/editions//42",
                             "/api/v1//editions/42", "api/v1/editions/42", ""}) {
        auto found = router.match("GET", path);
        BOOST_TEST_REQUIRE(!found.has_value(), path);
        BOOST_TEST((found.error().code == ErrorCode::NotFound), path);
    }
    BOOST_TEST(router.allowedMethods("//api/v1/editions/42").empty());
}

BOOST_AUTO_TEST_CASE(json_writer_escapes_and_keeps_utf8) {
    JsonWriter json;
    json.beginObject()
        .key("title")
        .value("«Қазақ» \"тілі\"\n\\")
        .key("n")
        .value(7)
        .key("list")
        .beginArray()
        .value(true)
        .null()
        .value(std::string_view("\x01", 1))
        .endArray()
        .endObject();
    BOOST_TEST(json.text() ==
               R"({"title":"«Қазақ» \"тілі\"\n\\","n":7,"list":[true,null,"\u0001"]})");
}

BOOST_AUTO_TEST_CASE(errors_map_to_statuses_and_bodies) {
    BOOST_TEST(httpStatus(ErrorCode::InvalidDocument) == 422);
    BOOST_TEST(httpStatus(ErrorCode::PreconditionRequired) == 428);
    BOOST_TEST(httpStatus(ErrorCode::PreconditionFailed) == 412);
    BOOST_TEST(httpStatus(ErrorCode::TooLarge) == 413);
    Response response =
        errorResponse(Error{ErrorCode::InvalidDocument, "bad", {{3, 9, "unknown element"}}});
    BOOST_TEST(response.status == 422);
    BOOST_TEST(
        response.body ==
        R"({"error":{"code":"invalid_document","message":"bad","line":3,"column":9,"details":[{"line":3,"column":9,"message":"unknown element"}]}})");
}
