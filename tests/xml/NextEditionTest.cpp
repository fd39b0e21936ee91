// XmlEditionCodec::nextEdition: what changes, what does not, and that the
// result is valid.
#include <boost/test/unit_test.hpp>

#include "xml/XmlEditionCodec.h"
#include "xml/XmlTestUtil.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

const XmlEditionCodec nextCodec;

std::string nextOrFail(std::string_view xml, const NextEditionFacts& next) {
    auto result = nextCodec.nextEdition(xml, next);
    BOOST_TEST_REQUIRE(result.has_value(), (result ? "" : errorText(result.error())));
    return *result;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(next_edition)

BOOST_AUTO_TEST_CASE(full_meta_is_reset_for_the_next_edition) {
    const std::string input = readFixture("000-wkatu-coworking.xml");
    const std::string output = nextOrFail(input, {2, 1, "СМЖ 07.БЕ.51", "2022-11-14"});

    BOOST_TEST(output.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    BOOST_TEST(validateEditionXml(output).has_value());
    auto facts = nextCodec.inspect(output);
    BOOST_TEST_REQUIRE(facts.has_value());
    BOOST_TEST(facts->number == 2);
    BOOST_TEST(facts->code == "СМЖ 07.БЕ.51");
    BOOST_TEST(facts->title == "Коворкинг орталығы туралы");

    BOOST_TEST(elementSource(output, "edition") == "<edition number=\"2\"/>");
    BOOST_TEST(elementSource(output, "replaces") ==
               "<replaces code=\"СМЖ 07.БЕ.51\" number=\"1\" date=\"2022-11-14\"/>");
    BOOST_TEST(elementSource(output, "dates") == "<dates prepared=\"2022-11-07\"/>");

    std::string_view approval = elementSource(output, "approval");
    BOOST_TEST(!approval.empty());
    BOOST_TEST(!contains(approval, "<date>"));
    BOOST_TEST(contains(approval, "<name>А. М. Наметов</name>"));
    BOOST_TEST(contains(approval, "басқарма төрағасы - ректоры</position>"));

    std::string_view agreement = elementSource(output, "agreementList");
    BOOST_TEST(!contains(agreement, "<date>"));
    BOOST_TEST(contains(agreement,
                        "<approver eId=\"agr_4\">\n        <name>Е. К. Таскалиев</name>\n"
                        "      </approver>"),
               agreement);
    // preparedBy, copyNumber and the comment before the root are untouched.
    BOOST_TEST(elementSource(output, "preparedBy") == elementSource(input, "preparedBy"));
    BOOST_TEST(contains(output, "<copyNumber/>"));
    BOOST_TEST(contains(output, "<!-- Edition 1 of СМЖ 07.БЕ.51"));
}

BOOST_AUTO_TEST_CASE(kazakh_text_survives_unchanged) {
    for (const char* name : {"000-wkatu-coworking.xml", "003-kru-software-dept.xml",
                             "002-satbayev-excerpt.xml", "all-elements.xml"}) {
        const std::string input = readFixture(name);
        const std::string output = nextOrFail(input, {7, 6, "Код «Ә» 1", ""});
        // Everything after <meta> carries the same text, byte for byte.
        const std::string before = textContent(after(input, "</meta>"));
        BOOST_TEST(before.size() > 100u, name);
        BOOST_TEST((before == textContent(after(output, "</meta>"))), name);
        // So do the kept parts of <meta>.
        for (const char* element :
             {"organisation", "kindTitle", "code", "title", "unit", "preparedBy"})
            BOOST_TEST((textContent(elementSource(input, element)) ==
                        textContent(elementSource(output, element))),
                       name << " " << element);
    }
}

BOOST_AUTO_TEST_CASE(replaces_is_created_after_edition) {
    const std::string output = nextOrFail(readFixture("minimal.xml"), {2, 1, "СМЖ 07.БЕ.99", ""});
    BOOST_TEST(contains(output,
                        "    <edition number=\"2\"/>\n"
                        "    <replaces code=\"СМЖ 07.БЕ.99\" number=\"1\"/>\n"
                        "  </meta>"),
               output);
    BOOST_TEST(validateEditionXml(output).has_value());
}

BOOST_AUTO_TEST_CASE(existing_replaces_is_rewritten_without_stale_date) {
    const std::string output =
        nextOrFail(readFixture("all-elements.xml"), {3, 2, "ЖН-ТЕСТ-01", ""});
    BOOST_TEST(elementSource(output, "replaces") == "<replaces code=\"ЖН-ТЕСТ-01\" number=\"2\"/>");
    BOOST_TEST(elementSource(output, "decision").empty());
    BOOST_TEST(elementSource(output, "approval") ==
               "<approval>\n"
               "      <position>Басқарма төрағасы – ректор</position>\n"
               "      <name>І. Ң. Ұзақов</name>\n"
               "    </approval>");
    BOOST_TEST(contains(output, "<copyNumber>3</copyNumber>"));
}

BOOST_AUTO_TEST_CASE(dates_without_prepared_disappear) {
    std::string input = replaceOnce(readFixture("minimal.xml"), "<edition number=\"1\"/>",
                                    "<edition number=\"1\"/>\n"
                                    "    <dates agreed=\"2022-01-10\" effective=\"2022-02-01\"/>");
    BOOST_TEST_REQUIRE(validateEditionXml(input).has_value());
    const std::string output = nextOrFail(input, {2, 1, "СМЖ 07.БЕ.99", "2022-02-01"});
    BOOST_TEST(!contains(output, "<dates"));
    BOOST_TEST(contains(output,
                        "    <edition number=\"2\"/>\n"
                        "    <replaces code=\"СМЖ 07.БЕ.99\" number=\"1\" date=\"2022-02-01\"/>\n"
                        "  </meta>"),
               output);
}

BOOST_AUTO_TEST_CASE(values_are_escaped_not_parsed) {
    const std::string code = "A&B <\"x\"> &amp; ''";
    const std::string output = nextOrFail(readFixture("minimal.xml"), {2, 1, code, ""});
    BOOST_TEST(contains(output, "code=\"A&amp;B &lt;&quot;x&quot;&gt; &amp;amp; ''\""), output);
    BOOST_TEST(nextCodec.inspect(output).has_value());
}

BOOST_AUTO_TEST_CASE(output_chains_into_the_edition_after) {
    std::string xml = readFixture("000-wkatu-coworking.xml");
    for (int number = 2; number <= 4; ++number) {
        xml = nextOrFail(xml, {number, number - 1, "СМЖ 07.БЕ.51", ""});
        auto facts = nextCodec.inspect(xml);
        BOOST_TEST_REQUIRE(facts.has_value());
        BOOST_TEST(facts->number == number);
    }
    BOOST_TEST(elementSource(xml, "replaces") == "<replaces code=\"СМЖ 07.БЕ.51\" number=\"3\"/>");
}

BOOST_AUTO_TEST_CASE(utf16_input_comes_out_as_utf8) {
    const std::string input = readFixture("000-wkatu-coworking.xml");
    const std::string utf16 =
        toUtf16WithBom(replaceOnce(input, "encoding=\"UTF-8\"", "encoding=\"UTF-16\""));
    const std::string output = nextOrFail(utf16, {2, 1, "СМЖ 07.БЕ.51", ""});
    BOOST_TEST(output.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    BOOST_TEST((textContent(after(input, "</meta>")) == textContent(after(output, "</meta>"))));
    BOOST_TEST(validateEditionXml(output).has_value());
}

BOOST_AUTO_TEST_CASE(bad_facts_are_invalid_arguments) {
    const std::string input = readFixture("minimal.xml");
    const std::vector<NextEditionFacts> cases = {
        {0, 1, "X", ""},        {2, -1, "X", ""},          {2, 1, "", ""},
        {2, 1, " \n ", ""},     {2, 1, "X\x01", ""},       {2, 1, "\xD0", ""},
        {2, 1, "\xC3\x28", ""}, {2, 1, "X", "14.11.2019"}, {2, 1, "X", "2019-11-14T00:00:00"},
    };
    for (const NextEditionFacts& next : cases) {
        auto result = nextCodec.nextEdition(input, next);
        BOOST_TEST_REQUIRE(!result.has_value());
        BOOST_TEST((result.error().code == ErrorCode::InvalidArgument), result.error().message);
    }
}

BOOST_AUTO_TEST_CASE(impossible_date_is_caught_by_the_output_check) {
    // Shaped like a date, but not one: the output would not be valid, and
    // nextEdition says so instead of returning it.
    auto result = nextCodec.nextEdition(readFixture("minimal.xml"), {2, 1, "X", "2019-13-45"});
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST((result.error().code == ErrorCode::Internal));
    BOOST_TEST(contains(result.error().message, "would not be valid"), result.error().message);
    BOOST_TEST_REQUIRE(!result.error().details.empty());
    BOOST_TEST(contains(result.error().details.front().message, "2019-13-45"));
}

BOOST_AUTO_TEST_CASE(invalid_input_is_refused) {
    auto result = nextCodec.nextEdition(readFixture("invalid/bad-date.xml"), {2, 1, "X", ""});
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST((result.error().code == ErrorCode::InvalidDocument));
    BOOST_TEST(result.error().details.front().line == 10);
}

BOOST_AUTO_TEST_SUITE_END()
