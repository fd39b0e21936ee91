// The canonical form of edition XML (xml/CanonicalXml.h): attribute order,
// namespace declarations, indentation of element-only content, whitespace of
// text content as the reader reads it, idempotence on every fixture.
#include <boost/test/unit_test.hpp>

#include "xml/CanonicalXml.h"
#include "xml/XmlTestUtil.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

std::string canonical(std::string_view xml) {
    auto result = canonicalEditionXml(xml);
    BOOST_TEST_REQUIRE(result.has_value(), (result ? "" : errorText(result.error())));
    return *result;
}

const std::string kHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(canonical_form)

BOOST_AUTO_TEST_CASE(sorts_attributes_declares_the_namespace_once_and_indents) {
    std::string in =
        "<?xml version='1.0'?>\n<!-- a comment -->\n<d:document schemaVersion='1' "
        "xmlns:d='urn:nusqa:document:1' xmlns:x='urn:unused'><d:meta><d:replaces number='2' "
        "code='A&amp;B' date='2020-01-01'/></d:meta>\n\n  <?pi data?><d:body/></d:document>";
    BOOST_TEST(canonical(in) == kHead +
                                    "<document xmlns=\"urn:nusqa:document:1\" "
                                    "schemaVersion=\"1\">\n"
                                    "  <meta>\n"
                                    "    <replaces code=\"A&amp;B\" date=\"2020-01-01\" "
                                    "number=\"2\"/>\n"
                                    "  </meta>\n"
                                    "  <body/>\n"
                                    "</document>\n");
}

BOOST_AUTO_TEST_CASE(collapses_text_as_the_reader_does_and_keeps_markup) {
    std::string in =
        "<document xmlns='urn:nusqa:document:1'><body><p>\n   Осы  <b>ереже</b>\n  бойынша "
        "<i> </i> <u></u>мәтін<br/>  келесі   жол \n</p><clause eId='cl_1'><num> 1. "
        "</num></clause></body></document>";
    BOOST_TEST(canonical(in) == kHead +
                                    "<document xmlns=\"urn:nusqa:document:1\">\n"
                                    "  <body>\n"
                                    "    <p>Осы <b>ереже</b> бойынша мәтін<br/>келесі "
                                    "жол</p>\n"
                                    "    <clause eId=\"cl_1\">\n"
                                    "      <num>1.</num>\n"
                                    "    </clause>\n"
                                    "  </body>\n"
                                    "</document>\n");
}

BOOST_AUTO_TEST_CASE(escapes_text_and_attributes) {
    std::string in =
        "<document xmlns='urn:nusqa:document:1'><body><p eId='a' x='1&#10;2&quot;&lt;'>a &lt; b "
        "&amp;&amp; c &gt; d</p></body></document>";
    BOOST_TEST(canonical(in).find("<p eId=\"a\" x=\"1&#xA;2&quot;&lt;\">a &lt; b &amp;&amp; c "
                                  "&gt; d</p>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(is_idempotent_on_every_fixture) {
    for (const char* name :
         {"minimal.xml", "000-wkatu-coworking.xml", "002-satbayev-excerpt.xml",
          "003-kru-software-dept.xml", "all-elements.xml", "render/001-kru-distance-learning.xml",
          "render/ru-work-instruction.xml"}) {
        std::string once = canonical(readFixture(name));
        BOOST_TEST(canonical(once) == once, name);
        // Still the same document for the schema.
        BOOST_TEST(validateEditionXml(once).has_value(), name);
    }
}

BOOST_AUTO_TEST_CASE(refuses_what_the_safe_parser_refuses) {
    auto doctype = canonicalEditionXml(
        "<!DOCTYPE d [<!ENTITY e 'x'>]><document xmlns='urn:nusqa:document:1'>&e;</document>");
    BOOST_TEST_REQUIRE(!doctype.has_value());
    BOOST_TEST((doctype.error().code == ErrorCode::InvalidDocument));
    auto broken = canonicalEditionXml("<document><body></document>");
    BOOST_TEST_REQUIRE(!broken.has_value());
    BOOST_TEST(broken.error().details.front().line == 1);
    auto large = canonicalEditionXml(std::string(100, ' ') + "<a/>", 50);
    BOOST_TEST_REQUIRE(!large.has_value());
    BOOST_TEST((large.error().code == ErrorCode::TooLarge));
}

BOOST_AUTO_TEST_SUITE_END()
