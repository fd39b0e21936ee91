// Issue 3 item 5 (the sheets from records; the familiarization sheet filled
// with empty rows to the end of its page), and the module's contracts:
// thread safety, errors as values (PoDoFo's exceptions never escape),
// profiles validated, the `nusqa render` command.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <future>
#include <regex>
#include <sstream>

#include "app/RenderCommand.h"
#include "render/PdfTools.h"
#include "render/RenderFixture.h"
#include "render/reader/ContentXml.h"
#include "support/TestSupport.h"

using namespace nusqa;
using namespace nusqa::test;
namespace fs = std::filesystem;

namespace {

// The y of every horizontal rule ("x1 y m x2 y l S") in a content stream.
std::vector<double> horizontalRules(const std::string& stream) {
    std::vector<double> ys;
    static const std::regex rule("([-\\d.]+) ([-\\d.]+) m ([-\\d.]+) ([-\\d.]+) l S");
    for (auto it = std::sregex_iterator(stream.begin(), stream.end(), rule);
         it != std::sregex_iterator(); ++it)
        if ((*it)[2] == (*it)[4] && (*it)[1] != (*it)[3]) ys.push_back(std::stod((*it)[2]));
    std::sort(ys.begin(), ys.end());
    ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
    return ys;
}

// The page (1-based) whose text contains needle, from page first on; 0 if none.
int pageWith(const Rendered& rendered, const std::string& needle, int first = 1) {
    for (int page = first; page <= rendered.stats.pages; ++page)
        if (normalise(pdfText(rendered.pdf, page, page)).find(needle) != std::string::npos)
            return page;
    return 0;
}

std::string lineWith(const std::string& text, const std::string& needle) {
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line))
        if (line.find(needle) != std::string::npos) return line;
    return {};
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_three_sheets_render_from_records) {
    content::Content content = loadContent(fixture("all-elements.xml"));
    render::SheetRecords records;
    records.agreements.push_back({"agr_1", "", "Қ. Ә. Бекова", "2023-02-09", true, ""});
    records.agreements.push_back(
        {"", "Сапа менеджері", "Ж. Ж. Жанова", "2023-02-11", false, "3-тармақ"});
    records.familiarizations = {{"А. Ә. Әлиева", "Әдіскер", "2023-03-02"},
                                {"Б. Ғ. Ғалымов", "Инженер", "2023-03-03"},
                                {"В. Ү. Үмбетова", "Маман", "2023-03-04"}};
    Rendered rendered = renderTo(content, "kru", "sheets-kru", records);
    BOOST_TEST_REQUIRE(rendered.stats.sheetPage > rendered.stats.bodyPage);
    double rowHeight = rendered.profile.familiarizationRowHeight;
    double bottom = rendered.profile.page.marginBottom;

    // Change registration sheet: the change records of the XML.
    int changes = pageWith(rendered, "Өзгерістерді тіркеу парағы", rendered.stats.sheetPage);
    BOOST_TEST_REQUIRE(changes == rendered.stats.sheetPage);
    // Cells stand side by side: check words, and the order of the rows.
    std::string changeRaw = pdfText(rendered.pdf, changes, changes, true);
    std::vector<std::string> changeWords = splitWords(changeRaw);
    for (const char* item : {"2-тармақ", "ауыстыру", "№ 5, 02.05.2023 ж.", "10.05.2023",
                             "9-тармақ (жойылған)", "жою", "01.06.2023", "А-қосымшасы", "қосу",
                             "№ 7", "Ә. Ғ. Құрманова", "Сапа бөлімінің бастығы", "Ө. Ү. Һасанов"})
        for (const std::string& word : splitWords(item))
            BOOST_TEST(std::count(changeWords.begin(), changeWords.end(), word) >= 1,
                       word << " in " << changeRaw);
    std::size_t replace = changeRaw.find("ауыстыру", changeRaw.find("Лауазымы"));
    std::size_t remove = changeRaw.find("жою", replace);
    std::size_t add = changeRaw.find("қосу", remove);
    BOOST_TEST(
        (replace != std::string::npos && remove != std::string::npos && add != std::string::npos));

    // Agreement sheet: every approver of the list, dates only where agreed.
    int agreement = pageWith(rendered, "Келісім парағы", changes + 1);
    BOOST_TEST_REQUIRE(agreement > changes);
    std::string agreementRaw = pdfText(rendered.pdf, agreement, agreement, true);
    std::string bekova = lineWith(agreementRaw, "Бекова");
    BOOST_TEST(bekova.find("09.02.2023") != std::string::npos, bekova);
    BOOST_TEST(bekova.find("келісілді") != std::string::npos, bekova);
    std::string omarov = lineWith(agreementRaw, "Омаров");
    BOOST_TEST(!omarov.empty());
    BOOST_TEST(!std::regex_search(omarov, std::regex("\\d{2}\\.\\d{2}\\.\\d{4}")), omarov);
    BOOST_TEST(normalise(agreementRaw).find("Академиялық мәселелер жөніндегі проректор") !=
               std::string::npos);
    std::string janova = lineWith(agreementRaw, "Жанова");
    BOOST_TEST(janova.find("келісілмеді") != std::string::npos, janova);

    // Familiarization sheet: the signatures, numbered, then empty rows to the page end.
    int familiarization = pageWith(rendered, "Таныстыру парағы", agreement + 1);
    BOOST_TEST_REQUIRE(familiarization == rendered.stats.pages);
    std::string famRaw = pdfText(rendered.pdf, familiarization, familiarization, true);
    for (const char* name : {"А. Ә. Әлиева", "Б. Ғ. Ғалымов", "В. Ү. Үмбетова"})
        BOOST_TEST(famRaw.find(name) != std::string::npos, name);
    BOOST_TEST(lineWith(famRaw, "Ғалымов").starts_with("2 "), lineWith(famRaw, "Ғалымов"));
    TempDir scratch("render-sheets");
    std::vector<std::string> streams = pageContentStreams(rendered.pdf, scratch.path());
    BOOST_TEST_REQUIRE(streams.size() == static_cast<std::size_t>(rendered.stats.pages));
    std::vector<double> rules = horizontalRules(streams.back());
    BOOST_TEST_REQUIRE(rules.size() > 20u);
    // The lowest row ends less than one row above the bottom margin.
    BOOST_TEST(rules.front() >= bottom - 0.5);
    BOOST_TEST(rules.front() < bottom + rowHeight, rules.front() << " vs margin " << bottom);
    // 3 signed rows + the header; the rest empty.
    BOOST_TEST(rules.size() - 2 > 3u + 15u);

    // The agreement sheet is not filled: it ends after its rows.
    std::vector<double> agreementRules =
        horizontalRules(streams[static_cast<std::size_t>(agreement - 1)]);
    BOOST_TEST_REQUIRE(!agreementRules.empty());
    BOOST_TEST(agreementRules.front() > bottom + 3 * rowHeight);
}

BOOST_AUTO_TEST_CASE(renders_from_many_threads_at_once) {
    content::Content wkatu = loadContent(fixture("000-wkatu-coworking.xml"));
    content::Content satbayev = loadContent(fixture("002-satbayev-excerpt.xml"));
    profile::Profile wkatuProfile = loadNamedProfile("wkatu");
    profile::Profile satbayevProfile = loadNamedProfile("satbayev");
    auto job = [&](int index) {
        const bool first = index % 2 == 0;
        std::vector<std::size_t> sizes;
        for (int run = 0; run < 3; ++run) {
            render::RenderStats stats;
            auto pdf = render::renderPdf(first ? wkatu : satbayev,
                                         first ? wkatuProfile : satbayevProfile, {}, &stats);
            if (!pdf) throw std::runtime_error(pdf.error().message);
            sizes.push_back(pdf->size());
        }
        return sizes;
    };
    std::vector<std::future<std::vector<std::size_t>>> futures;
    for (int thread = 0; thread < 6; ++thread)
        futures.push_back(std::async(std::launch::async, job, thread));
    std::vector<std::vector<std::size_t>> results;
    for (auto& future : futures) results.push_back(future.get());
    auto reference = render::renderPdf(wkatu, wkatuProfile, {});
    BOOST_TEST_REQUIRE(reference.has_value());
    for (std::size_t thread = 0; thread < results.size(); thread += 2)
        for (std::size_t size : results[thread]) BOOST_TEST(size == reference->size());
}

BOOST_AUTO_TEST_CASE(errors_come_back_as_values) {
    content::Content content = loadContent(fixture("minimal.xml"));
    profile::Profile profile = loadNamedProfile("default");

    profile::Profile missing = profile;
    missing.fonts.directories = {"/nonexistent"};
    auto noFont = render::renderPdf(content, missing, {});
    BOOST_TEST_REQUIRE(!noFont.has_value());
    BOOST_TEST((noFont.error().code == ErrorCode::NotFound));
    BOOST_TEST(noFont.error().message.find("/nonexistent/LiberationSerif-Regular.ttf") !=
                   std::string::npos,
               noFont.error().message);

    // A "font" that is not one: PoDoFo throws inside, an Error comes out.
    TempDir directory("render-bad-font");
    for (const char* name : {"Bad.ttf"}) writeFile(directory.path() / name, std::string(4096, 'x'));
    profile::Profile broken = profile;
    broken.fonts.directories = {directory.path().string()};
    broken.fonts.regular = broken.fonts.bold = broken.fonts.italic =
        broken.fonts.boldItalic = {"Bad.ttf", ""};
    auto badFont = render::renderPdf(content, broken, {});
    BOOST_TEST_REQUIRE(!badFont.has_value());
    BOOST_TEST((badFont.error().code == ErrorCode::Internal));
    BOOST_TEST(badFont.error().message.starts_with("render: "), badFont.error().message);

    profile::Profile tiny = profile;
    tiny.page.marginLeft = tiny.page.marginRight = 290;
    auto noRoom = render::renderPdf(content, tiny, {});
    BOOST_TEST_REQUIRE(!noRoom.has_value());
    BOOST_TEST((noRoom.error().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(profiles_are_validated_and_looked_up_safely) {
    for (const std::string& name : render::reader::listProfiles(profileDirectory())) {
        auto profile = render::reader::loadProfile(profileDirectory(), name);
        BOOST_TEST(profile.has_value(), name << ": " << (profile ? "" : profile.error().message));
        if (!profile) continue;
        BOOST_TEST(profile->wording.count("kk") == 1u);
        BOOST_TEST(profile->wording.count("ru") == 1u);
        BOOST_TEST(profile->wording.at("kk").size() == profile->wording.at("ru").size(), name);
    }
    auto traversal = render::reader::loadProfile(profileDirectory(), "../tests/fixtures/minimal");
    BOOST_TEST_REQUIRE(!traversal.has_value());
    BOOST_TEST((traversal.error().code == ErrorCode::InvalidArgument));
    auto absent = render::reader::loadProfile(profileDirectory(), "no-such-profile");
    BOOST_TEST_REQUIRE(!absent.has_value());
    BOOST_TEST((absent.error().code == ErrorCode::NotFound));

    std::string good = readFile(profileDirectory() / "default.xml");
    std::string doctype = good;
    doctype.insert(doctype.find("<profile"),
                   "<!DOCTYPE profile [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n");
    auto rejected = render::reader::readProfile(doctype, "evil");
    BOOST_TEST_REQUIRE(!rejected.has_value());
    BOOST_TEST((rejected.error().code == ErrorCode::InvalidDocument));

    // Thousands of attributes on one element (quadratic in libxml2): refused
    // by the pre-scan before libxml2 sees them (issue 11, finding 7).
    std::string flood = good;
    std::string attributes;
    for (int i = 0; i < 40000; ++i) attributes += " a" + std::to_string(i) + "=\"\"";
    flood.insert(flood.find("<profile") + 8, attributes);
    auto started = std::chrono::steady_clock::now();
    auto flooded = render::reader::readProfile(flood, "flood");
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    BOOST_TEST_REQUIRE(!flooded.has_value());
    BOOST_TEST((flooded.error().code == ErrorCode::InvalidDocument));
    BOOST_TEST(flooded.error().message.find("more than 64 attributes") != std::string::npos,
               flooded.error().message);
    BOOST_TEST(seconds < 0.5, "40,000 attributes on a profile: " << seconds << " s");

    std::string invalid = good;
    invalid.replace(invalid.find("<displayName>"), 13, "<displayNam>");
    invalid.replace(invalid.find("</displayName>"), 14, "</displayNam>");
    auto notValid = render::reader::readProfile(invalid, "invalid");
    BOOST_TEST_REQUIRE(!notValid.has_value());
    BOOST_TEST((notValid.error().code == ErrorCode::InvalidDocument));
    BOOST_TEST(!notValid.error().details.empty());
}

BOOST_AUTO_TEST_CASE(nusqa_render_command) {
    TempDir directory("render-cli");
    fs::path out = directory.path() / "000.pdf";
    std::ostringstream stdoutText, stderrText;
    std::vector<std::string> arguments = {fixture("000-wkatu-coworking.xml").string(),
                                          "--profile-dir", profileDirectory().string(), "-o",
                                          out.string()};
    int status = app::runRender(arguments, stdoutText, stderrText);
    BOOST_TEST(status == 0, stderrText.str());
    BOOST_TEST(readFile(out).starts_with("%PDF-"));
    BOOST_TEST(stdoutText.str().find("pages") != std::string::npos);
    BOOST_TEST(normalise(pdfText(out, 2, 2)).find("СМЖ 07.БЕ.51") != std::string::npos);

    // --profile overrides the edition's own.
    fs::path other = directory.path() / "000-satbayev.pdf";
    std::ostringstream ignored;
    BOOST_TEST(app::runRender({fixture("000-wkatu-coworking.xml").string(), "--profile", "satbayev",
                               "--profile-dir", profileDirectory().string(), "-o", other.string()},
                              ignored, ignored) == 0);
    BOOST_TEST(normalise(pdfText(other, 1, 1)).find("СӘТБАЕВ УНИВЕРСИТЕТІ") != std::string::npos);

    std::ostringstream err1, err2, err3;
    BOOST_TEST(app::runRender({fixture("minimal.xml").string()}, ignored, err1) == 2);  // no -o
    BOOST_TEST(app::runRender({fixture("invalid/unknown-element.xml").string(), "-o", out.string()},
                              ignored, err2) == 1);
    BOOST_TEST(!err2.str().empty());
    BOOST_TEST(app::runRender({fixture("minimal.xml").string(), "--profile", "nope",
                               "--profile-dir", profileDirectory().string(), "-o", out.string()},
                              ignored, err3) == 1);
    BOOST_TEST(err3.str().find("nope") != std::string::npos, err3.str());
}
