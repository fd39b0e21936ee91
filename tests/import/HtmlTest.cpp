// Pasted HTML (import/html/HtmlSource.h) recognised by the importer's rules
// (import::recogniseFragment), and POST /api/v1/import/fragment on a real
// server: Word's clipboard HTML (tests/fixtures/paste/word-clauses.html:
// mso-list paragraphs, <o:p>, conditional comments, a windows-1251 <meta>
// over UTF-8 text) becomes clauses, a list and a table; hostile HTML is
// refused before libxml2 sees it.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>

#include "http/HttpServer.h"
#include "http/ImportRoutes.h"
#include "import/ImportSupport.h"
#include "import/html/HtmlSource.h"
#include "support/HttpClient.h"
#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

std::string wordClipboard() {
    return readFile(sourceDir() / "tests" / "fixtures" / "paste" / "word-clauses.html");
}

std::string fragmentXml(const std::string& html) {
    auto source = import::html::readHtmlSource(html, "clipboard.html");
    if (!source) throw std::runtime_error(source.error().message);
    auto result = importer().importFragment(*source);
    if (!result) throw std::runtime_error(result.error().message);
    return result->xml;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(html_paste)

BOOST_AUTO_TEST_CASE(word_clipboard_becomes_clauses_a_list_and_a_table) {
    std::string xml = fragmentXml(wordClipboard());
    BOOST_TEST(xpathStrings(xml, "/d:document/d:body/d:clause/d:num") ==
                   (std::vector<std::string>{"1.", "2."}),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "/d:document/d:body/d:clause[1]/d:p/d:b") ==
                   std::vector<std::string>{"сапа менеджменті жүйесінің"},
               boost::test_tools::per_element());
    BOOST_TEST(xpathNumber(xml, "count(//d:clause[2]//d:list/d:item)") == 2);
    BOOST_TEST(xpathStrings(xml, "//d:clause[2]//d:list/d:item[1]/d:p") ==
                   std::vector<std::string>{"жылдық жоспар;"},
               boost::test_tools::per_element());
    BOOST_TEST(xpathNumber(xml, "count(//d:table//d:tr)") == 2);
    BOOST_TEST(xpathStrings(xml, "//d:table/d:tr[last()]/d:td/d:p") ==
                   (std::vector<std::string>{"Жылдық жоспар", "қаңтар"}),
               boost::test_tools::per_element());
    // Nothing of Word's furniture: no style sheet, no list numbers in the text.
    BOOST_TEST(xml.find("mso-") == std::string::npos);
    BOOST_TEST(xml.find("Font Definitions") == std::string::npos);
    BOOST_TEST(xpathNumber(xml, "count(//d:p[starts-with(., '1.')])") == 0);
    BOOST_TEST(validateEditionXml(xml).has_value());
}

BOOST_AUTO_TEST_CASE(web_page_lists_headings_and_spans) {
    std::string xml = fragmentXml(
        "<h2>1 Тарау. Жалпы ережелер</h2><ol><li>Бірінші <strong>тармақ</strong>.</li>"
        "<li>Екінші тармақ.</li></ol><table><tr><td colspan=2>A</td></tr><tr><td>b</td>"
        "<td>c<table><tr><td>nested</td></tr></table></td></tr></table>");
    BOOST_TEST(xpathStrings(xml, "/d:document/d:body/d:chapter/d:heading") ==
                   std::vector<std::string>{"Жалпы ережелер"},
               boost::test_tools::per_element());
    BOOST_TEST(xpathNumber(xml, "count(//d:chapter/d:clause)") == 2);
    BOOST_TEST(xpathStrings(xml, "//d:td[@colspan='2']/d:p") == std::vector<std::string>{"A"},
               boost::test_tools::per_element());
    BOOST_TEST(xpathNumber(xml, "count(//d:td/d:p[. = 'nested'])") == 1);
}

BOOST_AUTO_TEST_CASE(hostile_html_is_refused_before_parsing) {
    import::html::HtmlLimits limits;
    limits.maxBytes = 1000;
    auto large = import::html::readHtmlSource(std::string(2000, 'a'), "x.html", limits);
    BOOST_TEST_REQUIRE(!large.has_value());
    BOOST_TEST((large.error().code == ErrorCode::TooLarge));

    std::string attributes = "<p";
    for (int i = 0; i < 50000; ++i) attributes += " a" + std::to_string(i) + "=1";
    attributes += ">x</p>";
    auto many = import::html::readHtmlSource(attributes, "x.html");
    BOOST_TEST_REQUIRE(!many.has_value());
    BOOST_TEST((many.error().code == ErrorCode::TooLarge));

    std::string elements;
    for (int i = 0; i < 210000; ++i) elements += "<b>";
    auto deep = import::html::readHtmlSource(elements, "x.html");
    BOOST_TEST_REQUIRE(!deep.has_value());
    BOOST_TEST((deep.error().code == ErrorCode::TooLarge));

    auto latin1 = import::html::readHtmlSource("<p>caf\xe9</p>", "x.html");
    BOOST_TEST_REQUIRE(!latin1.has_value());
    BOOST_TEST((latin1.error().code == ErrorCode::InvalidDocument));

    // Deep nesting: refused or cut by libxml2's own depth limit, never a
    // crash; within the limits the text is kept.
    std::string tooDeep;
    for (int i = 0; i < 5000; ++i) tooDeep += "<div>";
    tooDeep += "терең";
    auto cut = import::html::readHtmlSource(tooDeep, "x.html");
    BOOST_TEST((cut.has_value() || cut.error().code == ErrorCode::InvalidDocument));
    std::string nested;
    for (int i = 0; i < 100; ++i) nested += "<div><span>";
    nested += "терең";
    auto parsed = import::html::readHtmlSource(nested, "x.html");
    BOOST_TEST_REQUIRE(parsed.has_value(), (parsed ? "" : parsed.error().message));
    BOOST_TEST(parsed->blocks.size() == 1u);
    BOOST_TEST(parsed->blocks.front().paragraph().text() == "терең");

    // Entities and external references do nothing.
    auto external = import::html::readHtmlSource(
        "<!DOCTYPE html SYSTEM 'http://127.0.0.1:9/x.dtd'><p>&nbsp;a <img src='file:///etc/passwd'>"
        "</p>",
        "x.html");
    BOOST_TEST_REQUIRE(external.has_value());
    BOOST_TEST(external->blocks.front().paragraph().text() == "a");
}

BOOST_AUTO_TEST_CASE(http_route_answers_the_fragment) {
    http::Router router;
    http::addImportRoutes(router, importer());
    http::HttpConfig config;
    config.port = 0;
    config.maxThreads = 16;
    config.maxBodyBytes = 8u << 20;
    http::HttpServer server(config, router, Poco::Logger::get("test.import.html"));
    auto started = server.start();
    BOOST_TEST_REQUIRE(started.has_value(), (started ? "" : started.error().message));
    HttpClient client("127.0.0.1", server.port());

    HttpReply ok = client.request("POST", "/api/v1/import/fragment", wordClipboard(),
                                  {{"Content-Type", "text/html; charset=utf-8"}});
    BOOST_TEST_REQUIRE(ok.status == 200, ok.body.substr(0, 300));
    Poco::JSON::Parser parser;
    auto answer = parser.parse(ok.body).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(xpathNumber(answer->getValue<std::string>("xml"), "count(//d:body/d:clause)") == 2);

    HttpReply wrongType = client.request("POST", "/api/v1/import/fragment", "<p>x</p>",
                                         {{"Content-Type", "application/json"}});
    BOOST_TEST(wrongType.status == 415);
    HttpReply empty = client.request("POST", "/api/v1/import/fragment", "<p> </p>",
                                     {{"Content-Type", "text/html"}});
    BOOST_TEST(empty.status == 422);
    HttpReply large = client.request("POST", "/api/v1/import/fragment", std::string(5u << 20, 'a'),
                                     {{"Content-Type", "text/html"}});
    BOOST_TEST(large.status == 413);
    server.stop(1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
