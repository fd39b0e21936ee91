// POST /api/v1/import on a real server (loopback, ephemeral port) with a
// real client.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>

#include "http/HttpServer.h"
#include "http/ImportRoutes.h"
#include "import/ImportSupport.h"
#include "support/HttpClient.h"
#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

const std::string kDocxType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

struct ImportServer {
    http::Router router;
    std::unique_ptr<http::HttpServer> server;
    ImportServer() {
        http::addImportRoutes(router, importer());
        http::HttpConfig config;
        config.port = 0;
        config.maxThreads = 16;
        config.maxBodyBytes = 1u << 20;
        server =
            std::make_unique<http::HttpServer>(config, router, Poco::Logger::get("test.import"));
        auto started = server->start();
        if (!started) throw std::runtime_error(started.error().message);
    }
    ~ImportServer() { server->stop(1); }
    HttpClient client() const { return HttpClient("127.0.0.1", server->port()); }
};

Poco::JSON::Object::Ptr json(const std::string& body) {
    Poco::JSON::Parser parser;
    return parser.parse(body).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_import)

BOOST_AUTO_TEST_CASE(answers_the_xml_and_the_report) {
    ImportServer server;
    HttpClient client = server.client();
    HttpReply text =
        client.request("POST", "/api/v1/import?name=003.txt", readFile(corpusText("003")),
                       {{"Content-Type", "text/plain; charset=utf-8"}});
    BOOST_TEST_REQUIRE(text.status == 200, text.body.substr(0, 300));
    BOOST_TEST(text.header("content-type").starts_with("application/json"));
    auto answer = json(text.body);
    BOOST_TEST(validateEditionXml(answer->getValue<std::string>("xml")).has_value());
    BOOST_TEST(answer->getObject("report")->getObject("counts")->getValue<int>("chapter") == 9);
    BOOST_TEST(answer->getObject("report")->getValue<std::string>("source") == "003.txt");

    HttpReply docx = client.request("POST", "/api/v1/import", readFile(corpusDocx("002")),
                                    {{"Content-Type", kDocxType}});
    BOOST_TEST_REQUIRE(docx.status == 200, docx.body.substr(0, 300));
    BOOST_TEST(json(docx.body)->getObject("report")->getObject("counts")->getValue<int>("form") ==
               51);
    BOOST_TEST(json(docx.body)->getObject("document")->getValue<std::string>("code") ==
               "ҚазҰТЗУ ҚП 607-2023");

    // Without a Content-Type of its own: the name's extension; and the options.
    HttpReply named =
        client.request("POST", "/api/v1/import?name=coworking.docx&profile=wkatu",
                       readFile(corpusDocx("000")), {{"Content-Type", "application/octet-stream"}});
    BOOST_TEST_REQUIRE(named.status == 200, named.body.substr(0, 300));
    BOOST_TEST(xpathStrings(json(named.body)->getValue<std::string>("xml"), "//d:meta/d:profile") ==
                   std::vector<std::string>{"wkatu"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_input_gets_the_right_status_and_a_clear_message) {
    ImportServer server;
    HttpClient client = server.client();
    auto post = [&](const std::string& query, const std::string& body, const std::string& type) {
        std::map<std::string, std::string> headers;
        if (!type.empty()) headers["Content-Type"] = type;
        return client.request("POST", "/api/v1/import" + query, body, headers);
    };
    HttpReply png = post("", "\x89PNG", "image/png");
    BOOST_TEST(png.status == 415);
    BOOST_TEST(png.body.find("cannot import image/png") != std::string::npos, png.body);
    BOOST_TEST(post("", "Мәтін", "text/plain; charset=windows-1251").status == 415);
    BOOST_TEST(post("", "Мәтін", "").status == 415);  // no type, no name
    HttpReply cut = post("?name=cut.docx", readFile(corpusDocx("003")).substr(0, 4000), kDocxType);
    BOOST_TEST(cut.status == 422);
    BOOST_TEST(cut.body.find("cut.docx: truncated or damaged ZIP package") != std::string::npos,
               cut.body);
    HttpReply utf = post("?name=bad.txt", "1. Ережелер \xFF", "text/plain");
    BOOST_TEST(utf.status == 422);
    BOOST_TEST(utf.body.find("not valid UTF-8") != std::string::npos, utf.body);
    BOOST_TEST(post("?profile=not%20a%20name", "1. Ереже.", "text/plain").status == 400);
    BOOST_TEST(post("", std::string(2u << 20, 'a'), "text/plain").status == 413);
    BOOST_TEST(post("", "", "text/plain").status == 422);
}

BOOST_AUTO_TEST_CASE(takes_a_pdf_and_tells_a_scan_what_it_is) {
    ImportServer server;
    HttpClient client = server.client();
    HttpReply pdf = client.request("POST", "/api/v1/import", readFile(corpusPdf("003")),
                                   {{"Content-Type", "application/pdf"}});
    BOOST_TEST_REQUIRE(pdf.status == 200, pdf.body.substr(0, 300));
    auto answer = json(pdf.body);
    BOOST_TEST(validateEditionXml(answer->getValue<std::string>("xml")).has_value());
    BOOST_TEST(answer->getObject("report")->getValue<std::string>("format") == "pdf");
    BOOST_TEST(answer->getObject("report")->getObject("counts")->getValue<int>("chapter") == 9);
    HttpReply scan = client.request("POST", "/api/v1/import?name=scan.pdf",
                                    readFile(fixture("import/pdf/scan_000_page1.pdf")),
                                    {{"Content-Type", "application/octet-stream"}});
    BOOST_TEST(scan.status == 422);
    BOOST_TEST(scan.body.find("no text layer") != std::string::npos, scan.body);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
