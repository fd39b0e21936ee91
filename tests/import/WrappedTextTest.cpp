// Done-when 2 and 3 of issue 16: hard-wrapped text with a running header
// (corpus 002 cut at 70 characters, a header line on every 40th line)
// imports with the structure of the unwrapped text and takes its metadata
// from the header; a Russian job instruction with a full title page
// (tests/fixtures/import/ru) imports with its code, edition, replaced
// edition, approval block and review date in each written form of the
// date; codes as Kazakhstani registers write them; the language is
// detected, never assumed.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "import/ImportSupport.h"
#include "import/detail/Patterns.h"
#include "import/detail/Utf8.h"
#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

namespace data = boost::unit_test::data;

std::size_t wrappedCodePoints(const std::string& text) {
    std::size_t count = 0;
    for (unsigned char c : text) count += (c & 0xC0) != 0x80;
    return count;
}

// Lines longer than width cut at spaces into lines of at most width
// characters (a word longer than that stands alone), as a PDF-to-text
// converter or a mail client leaves them. Table rows (tabs) stay whole.
std::vector<std::string> wrapped(const std::string& text, std::size_t width) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (wrappedCodePoints(line) <= width || line.find('\t') != std::string::npos) {
            out.push_back(line);
            continue;
        }
        std::string current;
        std::istringstream words(line);
        for (std::string word; words >> word;) {
            if (!current.empty() &&
                wrappedCodePoints(current) + 1 + wrappedCodePoints(word) > width) {
                out.push_back(current);
                current.clear();
            }
            current += (current.empty() ? "" : " ") + word;
        }
        if (!current.empty()) out.push_back(current);
    }
    return out;
}

// Every 40th line a running header with code, edition, date and «N беттің
// M-і» (N pages of 39 lines).
std::string withRunningHeader(const std::vector<std::string>& lines) {
    const std::size_t pages = (lines.size() + 38) / 39;
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i % 39 == 0)
            out += "ҚазҰТЗУ ҚП 607-2023    Басылым 03    Күні 01.09.2023    " +
                   std::to_string(pages) + " беттің " + std::to_string(i / 39 + 1) + "-і\n";
        out += lines[i] + "\n";
    }
    return out;
}

import::ImportResult importWrapped(const std::string& text, const std::string& name) {
    auto result = importer().importBytes(text, name, std::nullopt, {});
    if (!result) throw std::runtime_error(result.error().message);
    return std::move(*result);
}

std::string withoutTitlePage(const std::string& text) {
    return text.substr(text.find("1 ЖАЛПЫ ЕРЕЖЕЛЕР"));
}

// The report's structure counts as "element=N" lines.
std::vector<std::string> counts(const import::ImportResult& result) {
    std::vector<std::string> out;
    for (const auto& [element, count] : result.report.counts)
        out.push_back(element + "=" + std::to_string(count));
    return out;
}

std::size_t droppedAs(const import::ImportResult& result, const std::string& reason) {
    std::size_t count = 0;
    for (const import::ReportLine& line : result.report.dropped) count += line.what == reason;
    return count;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    std::size_t at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("not in the fixture: " + from);
    return text.replace(at, from.size(), to);
}

std::vector<std::string> one(const std::string& value) {
    return {value};
}

const std::vector<std::string> kApprovalDates{"«15» июня 2023 года", "«15» 06 2023 г.",
                                              "15.06.2023", "«15» июня 2023 г."};

}  // namespace

BOOST_AUTO_TEST_SUITE(wrapped_text)

BOOST_AUTO_TEST_CASE(wrapped_002_has_the_structure_of_its_text) {
    const std::string text = readFile(corpusText("002"));
    std::vector<std::string> lines = wrapped(text, 70);
    for (const std::string& line : lines)
        if (line.find('\t') == std::string::npos)
            BOOST_TEST_REQUIRE(wrappedCodePoints(line) <= 70u);
    import::ImportResult plain = importWrapped(text, "002.txt");
    import::ImportResult cut = importWrapped(withRunningHeader(lines), "002-wrapped.txt");
    BOOST_TEST(validateEditionXml(cut.xml).has_value());
    BOOST_TEST(counts(cut) == counts(plain), boost::test_tools::per_element());
    BOOST_TEST(firstDifference(xmlWords(plain.xml), xmlWords(cut.xml)) == "");
    // The same metadata, and the date the running header prints: the title
    // page does not say when the edition took effect.
    std::vector<std::string> meta = metaLines(cut.xml);
    std::size_t effective = 0;
    for (std::string& line : meta)
        if (std::size_t at = line.find(" effective=2023-09-01"); at != std::string::npos) {
            line.erase(at, std::string(" effective=2023-09-01").size());
            ++effective;
        }
    BOOST_TEST(effective == 1u);
    BOOST_TEST(firstDifference(metaLines(plain.xml), meta) == "");
    // The wrapped first line of clause 1.1 («1.1 Осы құжатталған процедура
    // ...» cut before its full stop) is the clause, not a section heading.
    BOOST_TEST(xpathStrings(cut.xml, "//d:chapter[1]/d:clause[1]/d:num") == one("1.1"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathNumber(cut.xml, "count(//d:chapter[1]/d:section)") == 0);
    // Each header line, besides the line of the text that repeats the code.
    BOOST_TEST(droppedAs(cut, "running-header") ==
               droppedAs(plain, "running-header") + (lines.size() + 38) / 39);
}

BOOST_AUTO_TEST_CASE(without_a_title_page_the_running_header_gives_the_metadata) {
    const std::string body = withoutTitlePage(readFile(corpusText("002")));
    import::ImportResult cut =
        importWrapped(withRunningHeader(wrapped(body, 70)), "002-without-title-page.txt");
    import::ImportResult plain = importWrapped(body, "002-body.txt");
    BOOST_TEST(validateEditionXml(cut.xml).has_value());
    BOOST_TEST(counts(cut) == counts(plain), boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(cut.xml, "//d:meta/d:code") == one("ҚазҰТЗУ ҚП 607-2023"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(cut.xml, "//d:meta/d:edition/@number") == one("3"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(cut.xml, "//d:meta/d:dates/@effective") == one("2023-09-01"),
               boost::test_tools::per_element());
    std::string fields;
    for (const import::ReportLine& line : cut.report.meta)
        if (line.what.starts_with("running-header:")) fields += line.what + ";";
    BOOST_TEST(fields == "running-header:code,edition,effective;");
    std::string notes;
    for (const std::string& note : cut.report.notes) notes += note + "\n";
    BOOST_TEST(notes.find("the running header numbers") != std::string::npos, notes);
    // Without the header, none of it is known.
    BOOST_TEST(plain.edition == 1);
}

BOOST_AUTO_TEST_CASE(short_lines_of_unwrapped_text_stay_lines) {
    // Text that is not wrapped (lines of every length, most ending a
    // sentence) is left as it is.
    const std::string text = readFile(corpusText("001"));
    import::ImportResult result = importWrapped(text, "001.txt");
    for (const std::string& note : result.report.notes)
        BOOST_TEST(note.find("lines joined") == std::string::npos, note);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(russian_title_page)

BOOST_DATA_TEST_CASE(job_instruction_keeps_its_title_page, data::make(kApprovalDates), date) {
    std::string text = readFile(fixture("import/ru/job_instruction_ru.txt"));
    text = replaced(text, kApprovalDates.front(), date);
    import::ImportResult result = importWrapped(text, "job_instruction_ru.txt");
    const std::string& xml = result.xml;
    Status valid = validateEditionXml(xml);
    BOOST_TEST(valid.has_value(), (valid ? "" : valid.error().message));
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:language") == one("ru"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:kind") == one("job_instruction"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:code") == one("СМК ДИ 07.14-2023"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:title") == one("Методиста офиса регистратора"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:organisation") ==
                   one("«Восточно-Казахстанский университет имени Абая Сериккалиева»"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:edition/@number") == one("3"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:replaces/@number") == one("2"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:replaces/@date") == one("2020-09-10"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:dates/@review") == one("2026-06-15"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:approval/d:position") ==
                   one("Проректор по академической работе"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:approval/d:name") == one("Г. Т. Нуржанова"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:approval/d:date") == one("2023-06-15"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathNumber(xml, "count(//d:chapter)") == 6);
    BOOST_TEST(xpathStrings(xml, "//d:chapter[1]/d:heading") == one("Общие положения"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:chapter[1]/d:clause/d:num") ==
                   (std::vector<std::string>{"1.1", "1.2", "1.3", "1.4"}),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:chapter[2]//d:references/d:ref/@code") ==
                   (std::vector<std::string>{"СТО 02.11-2022", "ДП 02-2022"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(approved_block_edition_and_decision_variants) {
    const std::string text = readFile(fixture("import/ru/job_instruction_ru.txt"));
    // «УТВЕРЖДЕНО» over position, signature and date; «Редакция №».
    std::string block =
        replaced(replaced(text, "УТВЕРЖДАЮ\n", "УТВЕРЖДЕНО\n"), "Издание № 3", "Редакция № 3");
    import::ImportResult signed_ = importWrapped(block, "ru-approved.txt");
    BOOST_TEST(xpathStrings(signed_.xml, "//d:meta/d:approval/d:name") == one("Г. Т. Нуржанова"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(signed_.xml, "//d:meta/d:edition/@number") == one("3"),
               boost::test_tools::per_element());
    // «УТВЕРЖДЕНО» over a decision of a council: the approval date, no person.
    std::string decision = replaced(text,
                                    "УТВЕРЖДАЮ\nПроректор по академической работе\n__________ "
                                    "Г. Т. Нуржанова\n«15» июня 2023 года",
                                    "УТВЕРЖДЕНО\nрешением Ученого совета\nот 15.06.2023 г., "
                                    "протокол № 9");
    import::ImportResult council = importWrapped(decision, "ru-decision.txt");
    BOOST_TEST(xpathStrings(council.xml, "//d:meta/d:dates/@approved") == one("2023-06-15"),
               boost::test_tools::per_element());
    BOOST_TEST(xpathNumber(council.xml, "count(//d:meta/d:approval/d:name)") == 0);
    BOOST_TEST(validateEditionXml(council.xml).has_value());
}

BOOST_AUTO_TEST_CASE(codes_as_registers_write_them) {
    struct Case {
        std::string text, code;
    };
    const std::vector<Case> cases{
        {"СМК ПЛ 05.11-2023 Положение об отделе", "СМК ПЛ 05.11-2023"},
        {"согласно ДП 02-2022.", "ДП 02-2022"},
        {"ЖН-КRU-03 (K, R, U Latin)", "ЖН-КRU-03"},
        // Latin C, M, K typed for the Cyrillic ones: kept as written.
        {"CMK ДИ 07.14-2023", "CMK ДИ 07.14-2023"},
        {"СМЖ 07.БЕ.51", "СМЖ 07.БЕ.51"},
        {"ҚазҰТЗУ ҚП 607-2023", "ҚазҰТЗУ ҚП 607-2023"},
        {"ЖН-ХХХ-07 / Басылым 03", "ЖН-ХХХ-07"},
    };
    for (const Case& c : cases) {
        auto found = import::findCode(c.text);
        BOOST_TEST_REQUIRE(found.has_value(), c.text);
        BOOST_TEST(found->code == c.code);
    }
    // A one-letter type needs a year: «П 5.2» in a sentence is no code.
    for (std::string text : {"см. П 5.2 настоящего", "Е 12.3", "СМК ДИ"})
        BOOST_TEST(!import::findCode(text).has_value(), text);
}

BOOST_AUTO_TEST_CASE(language_is_detected_or_refused) {
    BOOST_TEST(import::languageOf("Осы ереже университеттің құрылымдық бөлімшелері үшін "
                                  "міндетті және оның қызметі туралы") == "kk");
    BOOST_TEST(import::languageOf("Настоящее положение является обязательным для всех "
                                  "структурных подразделений и определяет порядок работы") == "ru");
    BOOST_TEST(import::languageOf("This regulation is binding on every department of the "
                                  "university and describes its work") == "");
    auto english = importer().importBytes(
        "1. General provisions\n1.1 This regulation is binding on every department.\n",
        "english.txt", std::nullopt, {});
    BOOST_TEST_REQUIRE(!english.has_value());
    BOOST_TEST(english.error().message.find("language") != std::string::npos,
               english.error().message);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
