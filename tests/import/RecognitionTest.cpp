// Recognisers on small texts: a Russian document, Markdown pipes, page
// furniture, sheets, dates, codes and names, the report.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Parser.h>

#include "import/ImportSupport.h"
#include "import/detail/Patterns.h"
#include "import/detail/Utf8.h"

namespace nusqa::test {
namespace {

import::ImportResult importText(const std::string& text, const std::string& name = "test.md",
                                const import::ImportOptions& options = {}) {
    auto result = importer().importBytes(text, name, std::nullopt, options);
    if (!result) throw std::runtime_error(result.error().message);
    return std::move(*result);
}

std::vector<std::string> reasons(const import::ImportResult& result) {
    std::vector<std::string> out;
    for (const auto& entry : result.report.dropped) out.push_back(entry.what + ": " + entry.text);
    return out;
}

const std::string kRussian =
    "УТВЕРЖДАЮ\n"
    "Ректор «Карагандинского технического университета» НАО\n"
    "И. И. Иванов\n"
    "«12» марта 2023 г.\n"
    "\n"
    "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\n"
    "\n"
    "**ИНЖЕНЕРА-ПРОГРАММИСТА ОТДЕЛА ЦИФРОВИЗАЦИИ**\n"
    "\n"
    "ДИ 045-2023\n"
    "Издание № 2\n"
    "Взамен ДИ 045-2020 от 01.02.2020\n"
    "Бақыланатын дана\n"
    "\n"
    "Глава 1. Общие положения\n"
    "1. Настоящая должностная инструкция определяет обязанности инженера.\n"
    "2. Инженер руководствуется следующими нормативными документами:\n"
    "1) Трудовой кодекс Республики Казахстан;\n"
    "2) СМК 02.ПР.07 Управление документацией.\n"
    "Лист 2 из 5\n"
    "Глава 2. Обязанности\n"
    "3. Инженер обязан:\n"
    "а) сопровождать информационные системы;\n"
    "б) вести учёт обращений.\n"
    "\n"
    "| № | Система | Ответственный |\n"
    "|---|---|---|\n"
    "| 1 | Platonus | Иванов |\n"
    "| 2 | Moodle | Петров |\n"
    "Лист 3 из 5\n"
    "\n"
    "Лист ознакомления\n"
    "№\tФ.И.О.\tДолжность\tПодпись\tДата\n"
    "1\tА. А. Сидоров\tинженер\t\t01.04.2023\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(recognition)

BOOST_AUTO_TEST_CASE(russian_job_instruction) {
    import::ImportResult result = importText(kRussian, "di-045.md");
    const std::string& xml = result.xml;
    BOOST_TEST(validateEditionXml(xml).has_value());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:language") == std::vector<std::string>{"ru"},
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:kind") == std::vector<std::string>{"job_instruction"},
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:code") == std::vector<std::string>{"ДИ 045-2023"},
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:title") ==
                   std::vector<std::string>{"Инженера-программиста отдела цифровизации"},
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:meta/d:edition/@number") == std::vector<std::string>{"2"},
               boost::test_tools::per_element());
    BOOST_TEST(
        xpathStrings(xml, "//d:meta/d:replaces/@code") == std::vector<std::string>{"ДИ 045-2020"},
        boost::test_tools::per_element());
    BOOST_TEST(
        xpathStrings(xml, "//d:meta/d:replaces/@date") == std::vector<std::string>{"2020-02-01"},
        boost::test_tools::per_element());
    BOOST_TEST(
        xpathStrings(xml, "//d:meta/d:approval/d:date") == std::vector<std::string>{"2023-03-12"},
        boost::test_tools::per_element());
    BOOST_TEST(
        xpathStrings(xml, "//d:meta/d:approval/d:name") == std::vector<std::string>{"И. И. Иванов"},
        boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "//d:chapter/d:num") ==
                   (std::vector<std::string>{"Глава 1.", "Глава 2."}),
               boost::test_tools::per_element());
    BOOST_TEST(
        xpathStrings(xml, "//d:clause/@eId") == (std::vector<std::string>{"cl_1", "cl_2", "cl_3"}),
        boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "(//d:clause)[2]/d:references/d:ref/@code") ==
                   std::vector<std::string>{"СМК 02.ПР.07"},
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(xml, "(//d:clause)[3]/d:subclause/d:num") ==
                   (std::vector<std::string>{"а)", "б)"}),
               boost::test_tools::per_element());
    BOOST_TEST(xpathNumber(xml, "count(//d:table/d:thead/d:tr/d:td)") == 3);
    BOOST_TEST(xpathNumber(xml, "count(//d:table/d:tr)") == 2);
    std::vector<std::string> dropped = reasons(result);
    for (std::string expected : {"copy-notice: Бақыланатын дана", "page-of-pages: Лист 2 из 5",
                                 "page-of-pages: Лист 3 из 5", "sheet-title: Лист ознакомления",
                                 "familiarization-sheet: А. А. Сидоров"})
        BOOST_TEST((std::find(dropped.begin(), dropped.end(), expected) != dropped.end()),
                   expected);
}

BOOST_AUTO_TEST_CASE(running_headers_and_page_numbers_are_dropped) {
    std::string text;
    for (int page = 1; page <= 4; ++page)
        text += "СМЖ 07.БЕ.51 № 01 басылым\n" + std::to_string(page) + " беттің 4-і\n\n" +
                std::to_string(page) + ". Тармақ мәтіні " + std::to_string(page) + ".\n\n" +
                std::to_string(page + 10) + "\n\n";
    import::ImportResult result = importText(text, "pages.txt");
    int headers = 0, pageOfPages = 0, numbers = 0;
    for (const auto& entry : result.report.dropped) {
        headers += entry.what == "running-header";
        pageOfPages += entry.what == "page-of-pages";
        numbers += entry.what == "page-number";
    }
    BOOST_TEST(headers == 4);
    BOOST_TEST(pageOfPages == 4);
    BOOST_TEST(numbers == 4);
    BOOST_TEST(xpathNumber(result.xml, "count(//d:clause)") == 4);
}

BOOST_AUTO_TEST_CASE(change_sheet_rows_become_change_records) {
    std::string text =
        "1. Жалпы ережелер.\n\nӨзгерістерді тіркеу парағы\n"
        "Өзгерістің реттік нөмірі\tҚұжаттың бөлімі, тармағы\tӨзгерістің түрі\tХабарламаның нөмірі "
        "және күні\t"
        "Енгізілген күні\tТегі, аты-жөні\n"
        "1\t2.2.\tауыстыру\t№ 5 02.05.2023\t10.05.2023\tӘ. Ғ. Құрманова\n";
    import::ImportResult result = importText(text, "changes.txt");
    BOOST_TEST(xpathStrings(result.xml, "//d:change/d:kind") == std::vector<std::string>{"replace"},
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(result.xml, "//d:change/d:notice/@date") ==
                   std::vector<std::string>{"2023-05-02"},
               boost::test_tools::per_element());
    BOOST_TEST(
        xpathStrings(result.xml, "//d:change/d:entered") == std::vector<std::string>{"2023-05-10"},
        boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(result.xml, "//d:change/d:person/d:name") ==
                   std::vector<std::string>{"Ә. Ғ. Құрманова"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(paragraph_without_chapter_is_a_section) {
    // Found by fuzz_text: «Параграф N.» with no chapter before it made a
    // <paragraph> directly in <body>, which the schema does not allow.
    import::ImportResult result = importText(
        "Параграф 1. Жалпы ережелер\n1. Осы ереже бөлімнің жұмысын белгілейді.\n", "paragraph.txt");
    BOOST_TEST(validateEditionXml(result.xml).has_value());
    BOOST_TEST(xpathStrings(result.xml, "/d:document/d:body/d:section/d:num") ==
                   std::vector<std::string>{"Параграф 1."},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(patterns) {
    using import::findDates;
    auto iso = [](const std::string& text) {
        auto dates = findDates(text);
        return dates.empty() ? std::string()
                             : import::isoDate(dates[0].year, dates[0].month, dates[0].day);
    };
    BOOST_TEST(iso("Келісілді: 10.11.2022 ж.") == "2022-11-10");
    BOOST_TEST(iso("«24» 08 2023 ж.") == "2023-08-24");
    BOOST_TEST(iso("Басқарманың 2023 жылғы «01» 09 № 13 шешімімен") == "2023-09-01");
    BOOST_TEST(iso("2019 жылғы 14 тамыздағы №2 редакцияның орнына") == "2019-08-14");
    BOOST_TEST(iso("12 марта 2023 г.") == "2023-03-12");
    BOOST_TEST(iso("31.02.2023") == "");  // not a day of the calendar
    BOOST_TEST(findDates("« 11 »").front().day == 11);
    BOOST_TEST(import::findCode("негізінде ҚП\xC2\xA0"
                                "082-2022 бойынша")
                   ->code == "ҚП 082-2022");
    BOOST_TEST(import::findCode("ҚазҰТЗУ ҚП 607-2023")->code == "ҚазҰТЗУ ҚП 607-2023");
    BOOST_TEST(!import::findCode("ҚР СТ ИСО 9001-2016 Сапа менеджменті"));
    BOOST_TEST(!import::findCode("№ 414-V Еңбек кодексі"));
    BOOST_TEST(import::peopleNamed("Б. Ж. Сахиев  М. Ж. Алмагамбетова") ==
                   (std::vector<std::string>{"Б. Ж. Сахиев", "М. Ж. Алмагамбетова"}),
               boost::test_tools::per_element());
    BOOST_TEST(import::peopleNamed("Наметов А.М.") == std::vector<std::string>{"Наметов А.М."},
               boost::test_tools::per_element());
    BOOST_TEST(import::peopleNamed("Ғылыми кітапхананың директоры").empty());
    BOOST_TEST(import::sentenceCase("ҚЫЗМЕТ ТУРАЛЫ ЕРЕЖЕ") == "Қызмет туралы ереже");
    BOOST_TEST(import::languageOf("Осы ереже бөлімнің жұмысын белгілейді") == "kk");
    BOOST_TEST(import::languageOf("Настоящее положение определяет") == "ru");
}

BOOST_AUTO_TEST_CASE(report_is_json_and_a_summary) {
    import::ImportResult result = importCorpus("002", false);
    Poco::JSON::Parser parser;
    auto report = parser.parse(result.report.toJson()).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(report->getValue<std::string>("source") == "002_079be217a8ed26c8.txt");
    BOOST_TEST(report->getObject("facts")->getValue<std::string>("code") == "ҚазҰТЗУ ҚП 607-2023");
    BOOST_TEST(report->getObject("counts")->getValue<int>("form") == 51);
    auto plain = report->getArray("plainParagraphs");
    BOOST_TEST(plain->size() == result.report.plain.size());
    BOOST_TEST(plain->getObject(0)->getValue<int>("line") == 219);  // «Процесс иесі: ...»
    BOOST_TEST(report->getArray("dropped")->size() == result.report.dropped.size());
    BOOST_TEST(report->getArray("warnings")->size() > 0u);
    std::string summary = result.report.summary();
    BOOST_TEST(summary.find("ҚазҰТЗУ ҚП 607-2023") != std::string::npos);
    BOOST_TEST(summary.find("7 chapters") != std::string::npos);
    BOOST_TEST(summary.find("51 forms") != std::string::npos);
    BOOST_TEST(summary.find("plain paragraphs: ") != std::string::npos);
    BOOST_TEST(summary.find("line 99: joined to the text of line 97") != std::string::npos);
    // The full result, as the HTTP route answers it.
    auto full = parser.parse(import::resultJson(result)).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(full->getValue<std::string>("xml") == result.xml);
    BOOST_TEST(full->getObject("document")->getValue<std::string>("kind") ==
               "documented_procedure");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
