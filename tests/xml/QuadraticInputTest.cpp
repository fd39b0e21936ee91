// Inputs libxml2 2.9.14 needs quadratic time for (issue 11, finding 7): an
// edition with 40,000 attributes on one element took 33 s of CPU, 200,000
// over 12 minutes. Now every entry point refuses them as InvalidDocument in
// milliseconds, before libxml2 sees them (xml/XmlPrescan.h); what real
// documents look like still goes through. Times are printed in the log.
#include <boost/test/unit_test.hpp>

#include "support/Sanitizers.h"
#include "support/TestSupport.h"
#include "xml/XmlEditionCodec.h"
#include "xml/XmlPrescan.h"
#include "xml/XmlTestUtil.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

const XmlEditionCodec quadraticCodec;

// minimal.xml with extra attributes (or anything) in its <chapter> tag.
std::string withChapterAttributes(const std::string& attributes) {
    return replaceOnce(readFixture("minimal.xml"), "<chapter eId=\"chp_1\">",
                       "<chapter eId=\"chp_1\" " + attributes + ">");
}

std::string attributes(int count, const std::string& prefix = "a") {
    std::string text;
    for (int i = 0; i < count; ++i) text += prefix + std::to_string(i) + "=\"\" ";
    return text;
}

// Each entry point refuses xml as InvalidDocument; returns the slowest time.
double refusedBy3EntryPoints(const std::string& xml, std::string_view expected) {
    double slowest = 0;
    auto check = [&](const char* entry, auto call) {
        double seconds = secondsTaken([&] {
            auto result = call();
            BOOST_TEST_REQUIRE(!result.has_value(), entry);
            BOOST_TEST((result.error().code == ErrorCode::InvalidDocument), entry);
            BOOST_TEST(contains(errorText(result.error()), expected), errorText(result.error()));
            BOOST_TEST(!result.error().details.empty());
        });
        slowest = std::max(slowest, seconds);
        // Quadratic parsing of these inputs takes minutes; the bound is loose
        // so a loaded CI machine cannot fail it (quiet figures are in the log).
        BOOST_TEST(seconds < 3.0 * kSanitizerSlowdown, entry << " took " << seconds << " s");
    };
    check("inspect", [&] { return quadraticCodec.inspect(xml); });
    check("nextEdition", [&] { return quadraticCodec.nextEdition(xml, {2, 1, "X", ""}); });
    check("validateEditionXml", [&] { return validateEditionXml(xml); });
    return slowest;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(quadratic_input)

BOOST_AUTO_TEST_CASE(forty_and_two_hundred_thousand_attributes_are_refused_in_milliseconds) {
    for (int count : {40000, 200000}) {
        std::string xml = withChapterAttributes(attributes(count));
        double seconds = refusedBy3EntryPoints(xml, "more than 64 attributes");
        BOOST_TEST_MESSAGE(count << " attributes on one element (" << xml.size()
                                 << " bytes): refused in " << seconds * 1000 << " ms");
        auto status = validateEditionXml(xml);
        BOOST_TEST_REQUIRE(!status.has_value());
        // Located at the 65th attribute, on the line of <chapter>.
        BOOST_TEST(status.error().details.front().line > 1);
        BOOST_TEST(status.error().details.front().column > 1);
    }
}

BOOST_AUTO_TEST_CASE(the_same_in_utf16_and_with_namespaces) {
    std::string utf16 = toUtf16WithBom(replaceOnce(withChapterAttributes(attributes(200000)),
                                                   "encoding=\"UTF-8\"", "encoding=\"UTF-16\""));
    double seconds = refusedBy3EntryPoints(utf16, "more than 64 attributes");
    BOOST_TEST_MESSAGE("UTF-16, 200,000 attributes: refused in " << seconds * 1000 << " ms");
    std::string declarations;
    for (int i = 0; i < 100000; ++i) declarations += "xmlns:n" + std::to_string(i) + "=\"urn:x\" ";
    seconds = refusedBy3EntryPoints(withChapterAttributes(declarations), "more than 64 namespaces");
    BOOST_TEST_MESSAGE("100,000 namespace declarations: refused in " << seconds * 1000 << " ms");
}

BOOST_AUTO_TEST_CASE(namespaces_in_scope_times_prefixed_names_are_bounded) {
    // 128 levels each declaring 64 namespaces, then a million prefixed
    // elements: libxml2 searches every declaration in scope for each prefix
    // (8,000 in scope: minutes). In scope at once: at most 128.
    std::string xml = "<document xmlns=\"urn:nusqa:document:1\" xmlns:q=\"urn:q\">";
    for (int level = 0; level < 128; ++level) {
        xml += "<e";
        for (int i = 0; i < 64; ++i)
            xml += " xmlns:p" + std::to_string(level) + "_" + std::to_string(i) + "=\"urn:x\"";
        xml += ">";
    }
    for (int i = 0; i < 1000000; ++i) xml += "<q:a/>";
    double seconds = refusedBy3EntryPoints(xml, "namespace declarations are in scope");
    BOOST_TEST_MESSAGE("8,192 namespaces in scope: refused in " << seconds * 1000 << " ms");
}

BOOST_AUTO_TEST_CASE(depth_and_node_count_are_bounded) {
    std::string deep;
    for (int i = 0; i < 129; ++i) deep += "<d>";
    refusedBy3EntryPoints(replaceOnce(readFixture("minimal.xml"), "</clause>", deep + "</clause>"),
                          "nested more than 128 deep");
    // Twenty megabytes of empty elements: 5 million nodes, 200 bytes of
    // tree each, from 4 bytes of input.
    std::string many;
    many.reserve(20u << 20);
    while (many.size() < (19u << 20)) many += "<a/>";
    double seconds = refusedBy3EntryPoints(
        replaceOnce(readFixture("minimal.xml"), "</clause>", many + "</clause>"),
        "elements, attributes and other nodes");
    BOOST_TEST_MESSAGE("5 million empty elements: refused in " << seconds * 1000 << " ms");
}

BOOST_AUTO_TEST_CASE(a_less_than_sign_in_an_attribute_value_cannot_hide_a_tag) {
    // libxml2 stops at the '<' in x's value and reads on from there: the
    // element after it would be parsed with all its attributes.
    std::string xml = withChapterAttributes("x=\"<b " + attributes(200000, "y") + "\"");
    refusedBy3EntryPoints(xml, "'<' in an attribute value");
    // A '>' in an attribute value is allowed and does not end the tag early.
    refusedBy3EntryPoints(withChapterAttributes("t=\">\" " + attributes(100)),
                          "more than 64 attributes");
}

BOOST_AUTO_TEST_CASE(encodings_libxml2_would_read_differently_are_refused) {
    std::string minimal = readFixture("minimal.xml");
    for (const char* encoding : {"UTF-7", "UTF-32", "UCS-2", "EBCDIC-US", "ISO-2022-JP"}) {
        std::string xml = replaceOnce(minimal, "encoding=\"UTF-8\"",
                                      std::string("encoding=\"") + encoding + "\"");
        refusedBy3EntryPoints(xml, "is not accepted");
    }
    // In UTF-7, "+ADw-" is '<': the element is invisible to a byte-level
    // reading, not to libxml2.
    std::string hidden = replaceOnce(minimal, "encoding=\"UTF-8\"", "encoding=\"utf-7\"");
    hidden = replaceOnce(hidden, "</clause>", "+ADw-x " + attributes(100000) + "/+AD4-</clause>");
    refusedBy3EntryPoints(hidden, "is not accepted");
    // UCS-4 by its first bytes.
    std::string ucs4;
    for (char c : std::string("<document/>")) ucs4 += std::string{0, 0, 0, c};
    refusedBy3EntryPoints(ucs4, "UCS-4");
    // Encodings that keep ASCII as it is are read as before (an ASCII
    // document: its bytes mean the same in each).
    for (const char* encoding :
         {"us-ascii", "ISO-8859-5", "windows-1251", "KOI8-R", "utf-8", "UTF-16"}) {
        std::string xml = std::string("<?xml version=\"1.0\" encoding=\"") + encoding +
                          "\"?>\n<document xmlns=\"urn:nusqa:document:1\" schemaVersion=\"1\"/>";
        auto status = validateEditionXml(xml);
        BOOST_TEST_REQUIRE(!status.has_value());  // not schema-valid, but read
        BOOST_TEST(!contains(errorText(status.error()), "is not accepted"), encoding);
    }
}

BOOST_AUTO_TEST_CASE(what_real_documents_need_passes_the_prescan) {
    for (const char* name : {"minimal.xml", "000-wkatu-coworking.xml", "002-satbayev-excerpt.xml",
                             "003-kru-software-dept.xml", "all-elements.xml"})
        BOOST_TEST(xml::prescanXml(readFixture(name)).has_value(), name);
    for (const char* name : {"document.xsd", "profile.xsd"})
        BOOST_TEST(xml::prescanXml(readFile(sourceDir() / "schemas" / name)).has_value(), name);
    // A Word root: about 40 namespace declarations and a few attributes.
    std::string word = "<w:document";
    for (int i = 0; i < 40; ++i) word += " xmlns:n" + std::to_string(i) + "=\"urn:n\"";
    word += " xmlns:w=\"urn:w\" mc:Ignorable=\"w14 w15\"><w:body>";
    for (int i = 0; i < 1000; ++i)
        word +=
            "<w:p w:rsidR=\"00A1B2C3\" w:rsidRDefault=\"00A1B2C3\"><w:r><w:t>x</w:t></w:r></w:p>";
    word += "</w:body></w:document>";
    BOOST_TEST(xml::prescanXml(word).has_value());
    // Exactly at the limits.
    BOOST_TEST(xml::prescanXml("<r " + attributes(64) + "/>").has_value());
    BOOST_TEST(!xml::prescanXml("<r " + attributes(65) + "/>").has_value());
    std::string nested;
    for (int i = 0; i < 128; ++i) nested += "<d>";
    BOOST_TEST(xml::prescanXml(nested).has_value());
    BOOST_TEST(!xml::prescanXml(nested + "<d>").has_value());
    // Markup-like text in comments, CDATA and processing instructions, and
    // '>' inside values, is not counted.
    std::string quiet = "<r t=\"a > b\"><!-- <x " + attributes(100) + "> --><![CDATA[<x " +
                        attributes(100) + ">]]><?pi <x " + attributes(100) + "> ?></r>";
    BOOST_TEST(xml::prescanXml(quiet).has_value());
}

BOOST_AUTO_TEST_CASE(prescan_of_twenty_megabytes_takes_milliseconds) {
    std::string paragraph = "<p>Осы Ереже бөлімнің мақсатын, міндеттерін белгілейді.</p>\n";
    std::string xml = readFixture("minimal.xml");
    std::string paragraphs;
    while (paragraphs.size() < kDefaultMaxXmlBytes - xml.size() - paragraph.size())
        paragraphs += paragraph;
    xml = replaceOnce(xml, "</clause>", paragraphs + "</clause>");
    double seconds = secondsTaken([&] { BOOST_TEST(xml::prescanXml(xml).has_value()); });
    BOOST_TEST_MESSAGE("pre-scan of a valid 20 MiB edition: " << seconds * 1000 << " ms");
    BOOST_TEST(seconds < 0.5 * kSanitizerSlowdown);
}

BOOST_AUTO_TEST_SUITE_END()
