// XmlEditionCodec::inspect and validateEditionXml on the fixtures and on
// broken input: facts, located errors, size limit, concurrency.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "xml/XmlEditionCodec.h"
#include "xml/XmlTestUtil.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

const XmlEditionCodec codec;

// The one detail of a failed result, checked to be the only one.
const ErrorDetail& onlyDetail(const Error& error) {
    BOOST_TEST_REQUIRE(error.details.size() == 1u, errorText(error));
    return error.details.front();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(inspect)

BOOST_AUTO_TEST_CASE(initialise_compiles_the_built_in_schema) {
    auto status = initialiseXml();
    BOOST_TEST(status.has_value(), (status ? "" : errorText(status.error())));
}

BOOST_AUTO_TEST_CASE(minimal_fixture_gives_its_facts) {
    auto facts = codec.inspect(readFixture("minimal.xml"));
    BOOST_TEST_REQUIRE(facts.has_value(), (facts ? "" : errorText(facts.error())));
    BOOST_TEST(facts->code == "СМЖ 07.БЕ.99");
    BOOST_TEST((facts->kind == DocumentKind::Regulation));
    BOOST_TEST(facts->title == "Сынақ бөлімі туралы");
    BOOST_TEST((facts->language == Language::Kazakh));
    BOOST_TEST(facts->number == 1);
}

BOOST_AUTO_TEST_CASE(wkatu_coworking_fixture_gives_its_facts) {
    auto facts = codec.inspect(readFixture("000-wkatu-coworking.xml"));
    BOOST_TEST_REQUIRE(facts.has_value(), (facts ? "" : errorText(facts.error())));
    BOOST_TEST(facts->code == "СМЖ 07.БЕ.51");
    BOOST_TEST((facts->kind == DocumentKind::Regulation));
    BOOST_TEST(facts->title == "Коворкинг орталығы туралы");
    BOOST_TEST((facts->language == Language::Kazakh));
    BOOST_TEST(facts->number == 1);
}

BOOST_AUTO_TEST_CASE(kru_software_dept_fixture_gives_its_facts) {
    auto facts = codec.inspect(readFixture("003-kru-software-dept.xml"));
    BOOST_TEST_REQUIRE(facts.has_value(), (facts ? "" : errorText(facts.error())));
    BOOST_TEST(facts->code == "Е 075-2022");
    BOOST_TEST((facts->kind == DocumentKind::Regulation));
    BOOST_TEST(facts->title ==
               "Бағдарламалық қамтамасыз етуді әзірлеу және сүйемелдеу бөлімі туралы");
    BOOST_TEST((facts->language == Language::Kazakh));
    BOOST_TEST(facts->number == 1);
}

BOOST_AUTO_TEST_CASE(all_elements_fixture_gives_its_facts) {
    auto facts = codec.inspect(readFixture("all-elements.xml"));
    BOOST_TEST_REQUIRE(facts.has_value(), (facts ? "" : errorText(facts.error())));
    BOOST_TEST((facts->kind == DocumentKind::WorkInstruction));
    BOOST_TEST(facts->code == "ЖН-ТЕСТ-01");
    BOOST_TEST(facts->number == 2);
}

BOOST_AUTO_TEST_CASE(facts_have_whitespace_collapsed) {
    std::string xml = replaceOnce(readFixture("minimal.xml"), "<title>Сынақ бөлімі туралы</title>",
                                  "<title>\n      Сынақ   бөлімі\n      туралы\n    </title>");
    auto facts = codec.inspect(xml);
    BOOST_TEST_REQUIRE(facts.has_value(), (facts ? "" : errorText(facts.error())));
    BOOST_TEST(facts->title == "Сынақ бөлімі туралы");
}

BOOST_AUTO_TEST_CASE(validate_accepts_every_valid_fixture) {
    for (const char* name : {"minimal.xml", "000-wkatu-coworking.xml", "002-satbayev-excerpt.xml",
                             "003-kru-software-dept.xml", "all-elements.xml"}) {
        auto status = validateEditionXml(readFixture(name));
        BOOST_TEST(status.has_value(), name << ": " << (status ? "" : errorText(status.error())));
    }
}

BOOST_AUTO_TEST_CASE(missing_required_element_is_located) {
    auto facts = codec.inspect(readFixture("invalid/missing-required.xml"));
    BOOST_TEST_REQUIRE(!facts.has_value());
    BOOST_TEST((facts.error().code == ErrorCode::InvalidDocument));
    const ErrorDetail& detail = onlyDetail(facts.error());
    BOOST_TEST(detail.line == 6);    // <title> where <code> is required
    BOOST_TEST(detail.column == 5);  // its '<'
    BOOST_TEST(contains(detail.message, "'title'"), detail.message);
    BOOST_TEST(contains(detail.message, "code"), detail.message);
}

BOOST_AUTO_TEST_CASE(unknown_element_is_located) {
    auto status = validateEditionXml(readFixture("invalid/unknown-element.xml"));
    BOOST_TEST_REQUIRE(!status.has_value());
    BOOST_TEST((status.error().code == ErrorCode::InvalidDocument));
    const ErrorDetail& detail = onlyDetail(status.error());
    BOOST_TEST(detail.line == 18);
    BOOST_TEST(detail.column == 9);
    BOOST_TEST(contains(detail.message, "'footnote'"), detail.message);
    BOOST_TEST(contains(detail.message, "not expected"), detail.message);
}

BOOST_AUTO_TEST_CASE(bad_date_is_located_at_its_attribute) {
    auto facts = codec.inspect(readFixture("invalid/bad-date.xml"));
    BOOST_TEST_REQUIRE(!facts.has_value());
    BOOST_TEST((facts.error().code == ErrorCode::InvalidDocument));
    const ErrorDetail& detail = onlyDetail(facts.error());
    BOOST_TEST(detail.line == 10);
    // '    <dates prepared="2022-11-07" effective=...': "effective" at column 34.
    BOOST_TEST(detail.column == 34);
    BOOST_TEST(contains(detail.message, "'effective'"), detail.message);
    BOOST_TEST(contains(detail.message, "2022-13-45"), detail.message);
    BOOST_TEST(contains(detail.message, "xs:date"), detail.message);
    // One problem: the message says where, for a CLI or a log line.
    BOOST_TEST(contains(facts.error().message, "line 10, column 34"), facts.error().message);
}

BOOST_AUTO_TEST_CASE(byte_order_mark_keeps_columns_exact) {
    auto status = validateEditionXml("\xEF\xBB\xBF" + readFixture("invalid/unknown-element.xml"));
    BOOST_TEST_REQUIRE(!status.has_value());
    const ErrorDetail& detail = onlyDetail(status.error());
    BOOST_TEST(detail.line == 18);
    BOOST_TEST(detail.column == 9);
}

BOOST_AUTO_TEST_CASE(utf16_input_is_read_and_located_by_line) {
    auto utf16 = [](const std::string& name) {
        return toUtf16WithBom(
            replaceOnce(readFixture(name), "encoding=\"UTF-8\"", "encoding=\"UTF-16\""));
    };
    auto facts = codec.inspect(utf16("000-wkatu-coworking.xml"));
    BOOST_TEST_REQUIRE(facts.has_value(), (facts ? "" : errorText(facts.error())));
    BOOST_TEST(facts->title == "Коворкинг орталығы туралы");
    // libxml2 transcodes UTF-16, so byte offsets are lost: line only.
    auto status = validateEditionXml(utf16("invalid/unknown-element.xml"));
    BOOST_TEST_REQUIRE(!status.has_value());
    const ErrorDetail& detail = onlyDetail(status.error());
    BOOST_TEST(detail.line == 18);
    BOOST_TEST(detail.column == 0);
}

BOOST_AUTO_TEST_CASE(messages_are_one_readable_line) {
    for (const char* name :
         {"invalid/missing-required.xml", "invalid/unknown-element.xml", "invalid/bad-date.xml"}) {
        auto status = validateEditionXml(readFixture(name));
        BOOST_TEST_REQUIRE(!status.has_value());
        for (const ErrorDetail& detail : status.error().details) {
            BOOST_TEST(!contains(detail.message, "{urn:nusqa:document:1}"), detail.message);
            BOOST_TEST(!contains(detail.message, "\n"), detail.message);
            BOOST_TEST(!detail.message.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(every_violation_is_listed) {
    std::string xml = readFixture("invalid/unknown-element.xml");
    xml = replaceOnce(xml, "<edition number=\"1\"/>",
                      "<edition number=\"0\"/>\n    <dates review=\"tomorrow\"/>");
    auto status = validateEditionXml(xml);
    BOOST_TEST_REQUIRE(!status.has_value());
    const auto& details = status.error().details;
    BOOST_TEST_REQUIRE(details.size() == 3u, errorText(status.error()));
    BOOST_TEST(details[0].line == 9);  // edition number 0
    BOOST_TEST(contains(details[0].message, "'number'"), details[0].message);
    BOOST_TEST(details[1].line == 10);  // dates review
    BOOST_TEST(contains(details[1].message, "'review'"), details[1].message);
    BOOST_TEST(details[2].line == 19);  // footnote, one line further down
    BOOST_TEST(contains(status.error().message, "3 problems"), status.error().message);
}

BOOST_AUTO_TEST_CASE(not_well_formed_gives_line_and_column) {
    const std::string xml =
        "<?xml version=\"1.0\"?>\n"
        "<document xmlns=\"urn:nusqa:document:1\" schemaVersion=\"1\">\n"
        "  <meta>\n"
        "  </mta>\n"
        "</document>\n";
    auto facts = codec.inspect(xml);
    BOOST_TEST_REQUIRE(!facts.has_value());
    BOOST_TEST((facts.error().code == ErrorCode::InvalidDocument));
    BOOST_TEST_REQUIRE(!facts.error().details.empty());
    const ErrorDetail& first = facts.error().details.front();
    BOOST_TEST(first.line == 4);
    BOOST_TEST(first.column > 0);
    BOOST_TEST(contains(first.message, "mismatch"), first.message);
    BOOST_TEST(!contains(first.message, "\n"));
}

BOOST_AUTO_TEST_CASE(other_malformed_inputs_are_invalid_documents) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"empty", ""},
        {"no root", "<?xml version=\"1.0\"?>\n"},
        {"text only", "hello"},
        {"bad utf-8", "<document>\xC3\x28</document>"},
        {"unclosed attribute", "<document schemaVersion=\"1>\n</document>"},
        {"undeclared entity", "<document>&nbsp;</document>"},
        {"two roots", "<document/><document/>"},
        {"undeclared prefix", "<x:document/>"},
    };
    for (const auto& [name, xml] : cases) {
        auto status = validateEditionXml(xml);
        BOOST_TEST_REQUIRE(!status.has_value(), name);
        BOOST_TEST((status.error().code == ErrorCode::InvalidDocument), name);
        BOOST_TEST(!status.error().details.empty(), name);
        for (const ErrorDetail& detail : status.error().details)
            BOOST_TEST(detail.line > 0, name << ": " << detail.message);
    }
}

BOOST_AUTO_TEST_CASE(well_formed_but_wrong_root_is_not_schema_valid) {
    auto status = validateEditionXml("<?xml version=\"1.0\"?>\n<html/>");
    BOOST_TEST_REQUIRE(!status.has_value());
    BOOST_TEST((status.error().code == ErrorCode::InvalidDocument));
    BOOST_TEST(onlyDetail(status.error()).line == 2);
}

BOOST_AUTO_TEST_CASE(size_limit_is_checked_first) {
    const std::string minimal = readFixture("minimal.xml");
    const XmlEditionCodec small(1024);
    BOOST_TEST(small.maxBytes() == 1024u);
    // Whitespace after the root element is allowed: pad to the limit exactly.
    std::string atLimit = minimal + std::string(1024 - minimal.size(), ' ');
    BOOST_TEST(small.inspect(atLimit).has_value());
    auto over = small.inspect(atLimit + " ");
    BOOST_TEST_REQUIRE(!over.has_value());
    BOOST_TEST((over.error().code == ErrorCode::TooLarge));
    // Not even parsed: garbage over the limit is TooLarge, not InvalidDocument.
    auto garbage = small.inspect(std::string(2000, '<'));
    BOOST_TEST_REQUIRE(!garbage.has_value());
    BOOST_TEST((garbage.error().code == ErrorCode::TooLarge));
    auto next = small.nextEdition(atLimit + " ", {2, 1, "X", ""});
    BOOST_TEST_REQUIRE(!next.has_value());
    BOOST_TEST((next.error().code == ErrorCode::TooLarge));
}

BOOST_AUTO_TEST_CASE(default_limit_is_20_mib) {
    BOOST_TEST(kDefaultMaxXmlBytes == 20u * 1024u * 1024u);
    // A valid edition of exactly 20 MiB: many paragraphs (libxml2 refuses
    // one text node over 10 MB), then blanks to the byte between elements.
    // (Not after the root: libxml2 2.9.14 fails "Huge input lookup" on a
    // run of ~1000 blanks at the very end of an input over 10 MB.)
    const std::string paragraph = "<p>Осы Ереже бөлімнің мақсатын, міндеттерін белгілейді.</p>\n";
    const std::string minimal = readFixture("minimal.xml");
    std::string paragraphs;
    while (minimal.size() + paragraphs.size() + paragraph.size() < kDefaultMaxXmlBytes)
        paragraphs += paragraph;
    paragraphs += std::string(kDefaultMaxXmlBytes - minimal.size() - paragraphs.size(), ' ');
    std::string atLimit = replaceOnce(minimal, "</clause>", paragraphs + "</clause>");
    BOOST_TEST_REQUIRE(atLimit.size() == kDefaultMaxXmlBytes);
    auto facts = codec.inspect(atLimit);
    BOOST_TEST(facts.has_value(), (facts ? "" : errorText(facts.error())));
    atLimit += ' ';
    auto over = validateEditionXml(atLimit);
    BOOST_TEST_REQUIRE(!over.has_value());
    BOOST_TEST((over.error().code == ErrorCode::TooLarge));
}

BOOST_AUTO_TEST_CASE(many_errors_are_capped_but_counted) {
    std::string clauses;
    for (int i = 0; i < 300; ++i) clauses += "<footnote>x</footnote>\n";
    std::string xml = replaceOnce(readFixture("minimal.xml"), "<heading>", clauses + "<heading>");
    auto status = validateEditionXml(xml);
    BOOST_TEST_REQUIRE(!status.has_value());
    BOOST_TEST(status.error().details.size() <= 100u);
    BOOST_TEST(!status.error().details.empty());
}

BOOST_AUTO_TEST_CASE(eight_threads_inspect_at_once) {
    // Each input with its single-threaded answer; every thread must get the
    // same, including every error detail (no error leaks between threads).
    const std::vector<std::string> inputs = {
        readFixture("minimal.xml"),
        readFixture("000-wkatu-coworking.xml"),
        readFixture("003-kru-software-dept.xml"),
        readFixture("invalid/missing-required.xml"),
        readFixture("invalid/unknown-element.xml"),
        readFixture("invalid/bad-date.xml"),
        "<document>\n<meta></document>",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY a \"b\">]>\n<d>&a;</d>",
    };
    std::vector<Result<EditionFacts>> expected;
    for (const std::string& input : inputs) expected.push_back(codec.inspect(input));

    auto same = [](const Result<EditionFacts>& a, const Result<EditionFacts>& b) {
        if (a.has_value() != b.has_value()) return false;
        if (a.has_value())
            return a->code == b->code && a->title == b->title && a->number == b->number &&
                   a->kind == b->kind && a->language == b->language;
        if (a.error().code != b.error().code || a.error().message != b.error().message ||
            a.error().details.size() != b.error().details.size())
            return false;
        for (std::size_t i = 0; i < a.error().details.size(); ++i) {
            const ErrorDetail& x = a.error().details[i];
            const ErrorDetail& y = b.error().details[i];
            if (x.line != y.line || x.column != y.column || x.message != y.message) return false;
        }
        return true;
    };

    std::atomic<int> mismatches{0};
    std::atomic<int> calls{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 20; ++round) {
                for (std::size_t i = 0; i < inputs.size(); ++i) {
                    std::size_t which = (i + static_cast<std::size_t>(t)) % inputs.size();
                    if (!same(codec.inspect(inputs[which]), expected[which])) ++mismatches;
                    ++calls;
                }
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    BOOST_TEST(calls.load() == 8 * 20 * static_cast<int>(inputs.size()));
    BOOST_TEST(mismatches.load() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
