// `nusqa import FILE -o OUT.xml [--report REPORT.json]` (runImport in-process).
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Parser.h>

#include <sstream>

#include "app/ImportCommand.h"
#include "import/ImportSupport.h"
#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

struct Run {
    int status = 0;
    std::string out, err;
};

Run run(const std::vector<std::string>& arguments) {
    std::ostringstream out, err;
    Run result;
    result.status = app::runImport(arguments, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(command)

BOOST_AUTO_TEST_CASE(writes_xml_report_and_summary) {
    TempDir dir;
    std::string xml = (dir.path() / "002.xml").string(),
                report = (dir.path() / "002.json").string();
    Run result =
        run({corpusText("002").string(), "--profile", "satbayev", "-o", xml, "--report", report});
    BOOST_TEST_REQUIRE(result.status == 0, result.err);
    BOOST_TEST(validateEditionXml(readFile(xml)).has_value());
    BOOST_TEST(
        xpathStrings(readFile(xml), "//d:meta/d:profile") == std::vector<std::string>{"satbayev"},
        boost::test_tools::per_element());
    Poco::JSON::Parser parser;
    auto json = parser.parse(readFile(report)).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(json->getObject("counts")->getValue<int>("form") == 51);
    BOOST_TEST(
        result.out.find(
            "document: ҚазҰТЗУ ҚП 607-2023 «Ғылыми кітапхананың ақпараттық ресурстарын басқару»") !=
            std::string::npos,
        result.out);
    BOOST_TEST(result.out.find("dropped ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(xml_to_standard_output_moves_the_summary_to_standard_error) {
    Run result = run({corpusDocx("000").string(), "-o", "-"});
    BOOST_TEST_REQUIRE(result.status == 0, result.err);
    BOOST_TEST(result.out.starts_with("<?xml"));
    BOOST_TEST(validateEditionXml(result.out).has_value());
    BOOST_TEST(result.err.find("СМЖ 07.БЕ.51") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(errors_name_the_file_and_the_problem) {
    TempDir dir;
    writeFile(dir.path() / "bad.txt", "1. Ережелер \xFF\n");
    Run bad = run({(dir.path() / "bad.txt").string(), "-o", (dir.path() / "bad.xml").string()});
    BOOST_TEST(bad.status == 1);
    BOOST_TEST(
        bad.err.find(
            "nusqa import: bad.txt: not valid UTF-8: byte 0xFF at offset 20 (line 1, column 13)") !=
            std::string::npos,
        bad.err);
    BOOST_TEST(!std::filesystem::exists(dir.path() / "bad.xml"));
    Run missing = run({(dir.path() / "none.docx").string(), "-o", (dir.path() / "x.xml").string()});
    BOOST_TEST(missing.status == 2);
    BOOST_TEST(missing.err.find("none.docx: no such file") != std::string::npos, missing.err);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
    BOOST_TEST(run({}).status == 2);
    BOOST_TEST(run({"file.txt"}).status == 2);  // no -o
    BOOST_TEST(run({"file.txt", "-o", "x.xml", "--frobnicate"}).status == 2);
    BOOST_TEST(run({"--bulk", "dir", "-o", "x.xml"}).status == 2);  // -o is for one file
    BOOST_TEST(run({"file.txt", "-o", "x.xml", "--in-force"}).status ==
               2);  // --in-force is for --bulk
    BOOST_TEST(run({"file.txt"}).err.find("usage: nusqa import FILE") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
