// Issue 12, Done-when 2 and 3: the print made from the register's records
// (ProfilePrinter with SheetData::facts) on every profile of doc-templates,
// read back with pdftotext page by page: the approval block, the dates, the
// route on the agreement sheet, a paper edition's facts labelled as such,
// blank lines before approval, and the diagonal status mark on every page
// of an edition not in force.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "render/PdfTools.h"
#include "render/ProfilePrinter.h"
#include "render/RenderFixture.h"
#include "support/TestSupport.h"

using namespace nusqa;
using namespace nusqa::test;
namespace data = boost::unit_test::data;
namespace fs = std::filesystem;

namespace {

const char* const kProfiles[] = {"default", "kru", "kru-ln", "satbayev", "wkatu"};

// An edition of the register approved by its route's signatory: prepared on
// 20.11.2026, agreed by two people (the last on 25.11.2026), approved on
// 06.12.2026 under decision № 52, in force from 07.12.2026, replacing
// edition 1 of 14.11.2022.
RegisterFacts approvedFacts() {
    RegisterFacts facts;
    facts.status = EditionStatus::InForce;
    facts.preparedAt = "2026-11-20T08:00:00Z";
    facts.preparedName = "Д. Д. Дайындаушы";
    facts.preparedPosition = "Сапа бөлімінің басшысы";
    facts.agreedAt = "2026-11-25T09:00:00Z";
    facts.approvedAt = "2026-12-06T10:00:00Z";
    facts.signatoryPosition = "Бірінші проректор";
    facts.signatoryName = "Б. Б. Бекітуші";
    facts.decision = "Шешім 52-Ж";
    facts.effectiveDate = "2026-12-07";
    facts.reviewDate = "2029-12-07";
    facts.enteredAt = "2026-12-07T00:00:00Z";
    facts.route = {
        {"Оқу ісі жөніндегі проректор", "К. К. Келісуші", StepKind::Agree, "agreed",
         "2026-11-24T09:00:00Z", ""},
        {"Заң бөлімінің басшысы", "З. З. Заңгер", StepKind::Agree, "agreed", "2026-11-25T09:00:00Z",
         ""},
        {"Бірінші проректор", "Б. Б. Бекітуші", StepKind::Sign, "approved", "2026-12-06T10:00:00Z",
         ""},
    };
    facts.replaces = EditionReference{1, 1, "2022-11-14"};
    return facts;
}

struct Printed {
    fs::path pdf;
    int pages = 0;
    std::string title;  // the first two pages
    std::string all;
};

Printed printWith(const std::string& profile, const RegisterFacts& facts, const std::string& name) {
    static const render::ProfilePrinter printer = [] {
        auto opened = render::ProfilePrinter::open(profileDirectory());
        if (!opened) throw std::runtime_error(opened.error().message);
        return std::move(*opened);
    }();
    SheetData records;
    records.facts = facts;
    auto printed = printer.print(readFile(fixture("000-wkatu-coworking.xml")), profile, records);
    BOOST_TEST_REQUIRE(printed.has_value(), (printed ? "" : printed.error().message));
    Printed result;
    result.pdf = outputDirectory() / (name + "-" + profile + ".pdf");
    std::ofstream(result.pdf, std::ios::binary) << printed->pdf;
    result.pages = printed->pages;
    result.title = normalise(pdfText(result.pdf, 1, 2));
    result.all = normalise(pdfText(result.pdf, 1, result.pages));
    return result;
}

bool has(const std::string& text, const std::string& needle) {
    return text.find(needle) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(records_print)

BOOST_DATA_TEST_CASE(the_title_page_shows_the_approval_from_the_records, data::make(kProfiles),
                     profile) {
    Printed printed = printWith(profile, approvedFacts(), "records-approved");
    const std::string& title = printed.title;
    BOOST_TEST(has(title, "Бірінші проректор"), title);
    BOOST_TEST(has(title, "Б. Б. Бекітуші"), title);
    BOOST_TEST(has(title, "52-Ж"), title);
    BOOST_TEST(has(title, "«06»"), title);  // the approval date (long form)
    BOOST_TEST((has(title, "07.12.2026") || has(title, "«07»")), title);  // entered
    if (std::string(profile) != "satbayev") {
        BOOST_TEST(has(title, "20.11.2026"), title);  // prepared
        BOOST_TEST(has(title, "25.11.2026"), title);  // agreed
    } else {
        BOOST_TEST(has(title, "«20»"), title);
        BOOST_TEST(has(title, "«25»"), title);
    }
    // The paper original's facts in the XML print nowhere.
    BOOST_TEST(!has(printed.all, "Наметов"), printed.all);
    BOOST_TEST(!has(printed.all, "2022 жылғы «11»"), printed.all);
    BOOST_TEST(!has(printed.all, "11.11.2022"), printed.all);
    // In force: no status mark.
    BOOST_TEST(!has(printed.all, "ЖОБА"));
    BOOST_TEST(!has(printed.all, "КҮШІ ЖОЙЫЛДЫ"));
}

BOOST_DATA_TEST_CASE(the_agreement_sheet_lists_exactly_the_route, data::make(kProfiles), profile) {
    Printed printed = printWith(profile, approvedFacts(), "records-route");
    int sheet = 0;  // the last page naming an agreeing person (after the title page)
    for (int page = printed.pages; page >= 1 && sheet == 0; --page)
        if (has(normalise(pdfText(printed.pdf, page, page)), "К. К. Келісуші")) sheet = page;
    BOOST_TEST_REQUIRE(sheet > 2);
    BOOST_TEST_REQUIRE(sheet > 0, printed.all);
    std::string text = normalise(pdfText(printed.pdf, sheet, sheet));
    for (const char* person : {"К. К. Келісуші", "З. З. Заңгер", "Б. Б. Бекітуші"})
        BOOST_TEST(has(text, person), person << " in " << text);
    BOOST_TEST(has(text, "24.11.2026"), text);
    BOOST_TEST(has(text, "25.11.2026"), text);
    BOOST_TEST(has(text, "06.12.2026"), text);
    // The XML's agreement list (the paper original's) is not on it.
    for (const char* paper : {"Сахиев", "Алмагамбетова", "Ихсанов", "Таскалиев"})
        BOOST_TEST(!has(printed.all, paper), paper << " printed");
}

BOOST_DATA_TEST_CASE(before_approval_the_fields_are_blank_lines, data::make(kProfiles), profile) {
    RegisterFacts facts;
    facts.status = EditionStatus::InAgreement;
    facts.preparedAt = "2026-11-20T08:00:00Z";
    facts.preparedName = "Д. Д. Дайындаушы";
    facts.route = {{"Оқу ісі жөніндегі проректор", "К. К. Келісуші", StepKind::Agree, "", "", ""},
                   {"Бірінші проректор", "Б. Б. Бекітуші", StepKind::Sign, "", "", ""}};
    Printed printed = printWith(profile, facts, "records-draft");
    BOOST_TEST(has(printed.title, "________"), printed.title);
    BOOST_TEST(!has(printed.title, "52-Ж"));
    BOOST_TEST(!has(printed.all, "Наметов"));
    BOOST_TEST(!has(printed.all, "«11»"), printed.all);
    // Done-when 3: «ЖОБА» on every page.
    for (int page = 1; page <= printed.pages; ++page)
        BOOST_TEST(has(normalise(pdfText(printed.pdf, page, page)), "ЖОБА"),
                   profile << " page " << page);
}

BOOST_AUTO_TEST_CASE(a_superseded_edition_is_marked_with_its_replacement_on_every_page) {
    RegisterFacts facts = approvedFacts();
    facts.status = EditionStatus::Superseded;
    facts.replacedBy = EditionReference{9, 3, "2027-02-01"};
    facts.endedOn = "2027-02-01";
    for (const char* profile : kProfiles) {
        Printed printed = printWith(profile, facts, "records-superseded");
        for (int page = 1; page <= printed.pages; ++page) {
            std::string text = normalise(pdfText(printed.pdf, page, page));
            BOOST_TEST(has(text, "КҮШІ ЖОЙЫЛДЫ"), profile << " page " << page);
            BOOST_TEST(has(text, "3 басылыммен ауыстырылды"), profile << " page " << page);
            BOOST_TEST(has(text, "01.02.2027"), profile << " page " << page);
        }
    }
    // A Russian edition in its language.
    facts.language = Language::Russian;
    Printed russian = printWith("default", facts, "records-superseded-ru");
    BOOST_TEST(has(russian.all, "УТРАТИЛ СИЛУ"));
    BOOST_TEST(has(russian.all, "заменено изданием 3"));
}

BOOST_AUTO_TEST_CASE(a_registered_paper_edition_prints_its_facts_labelled) {
    RegisterFacts facts;
    facts.status = EditionStatus::InForce;
    facts.effectiveDate = "2022-11-14";
    PaperRegistration paper;
    paper.approval =
        PaperApproval{"Ректор", "А. М. Наметов", "№ 13", "2022-11-10", "2022-11-11", "2022-11-14"};
    paper.registeredByName = "С. С. Сапашы";
    paper.registeredAt = "2026-12-01T09:00:00Z";
    facts.paper = paper;
    for (const char* profile : kProfiles) {
        Printed printed = printWith(profile, facts, "records-paper");
        BOOST_TEST(has(printed.all, "Қағаз түпнұсқадан енгізілген деректер"), profile);
        BOOST_TEST(has(printed.all, "Бекіткен: Ректор А. М. Наметов"), printed.all);
        BOOST_TEST(has(printed.all, "Енгізген: С. С. Сапашы, 01.12.2026"), printed.all);
        // The approval block names the paper's approver: a recorded fact.
        BOOST_TEST(has(printed.title, "Наметов"), printed.title);
        // No electronic route: the XML's agreement list is not printed.
        BOOST_TEST(!has(printed.all, "Сахиев"), profile);
    }
}

BOOST_AUTO_TEST_SUITE_END()

// Issue 17: `nusqa render` reads the one profile it prints with (and the
// default), not the whole directory.
BOOST_AUTO_TEST_CASE(a_printer_opened_for_some_profiles_loads_only_those_and_the_default) {
    auto some = render::ProfilePrinter::open(profileDirectory(), {"wkatu"});
    BOOST_TEST_REQUIRE(some.has_value(), (some ? "" : some.error().message));
    BOOST_TEST((some->profileNames() == std::vector<std::string>{"default", "wkatu"}));
    auto all = render::ProfilePrinter::open(profileDirectory());
    BOOST_TEST_REQUIRE(all.has_value());
    BOOST_TEST(all->profileNames().size() == std::size(kProfiles));
    auto missing = render::ProfilePrinter::open(profileDirectory(), {"no-such-profile"});
    BOOST_TEST_REQUIRE(!missing.has_value());
    BOOST_TEST((missing.error().code == ErrorCode::NotFound));
}
