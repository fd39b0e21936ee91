// Done-when 1 of issue 16: the four corpus documents as PDF (printed from
// their .docx with LibreOffice, tests/fixtures/import/pdf) import to
// schema-valid XML with the body words of the text import, in order, and
// the same metadata; a scan gets a message that says so; damaged,
// encrypted and oversized PDFs get clear errors; the command and the bulk
// import take .pdf files.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <sstream>

#include "app/ImportCommand.h"
#include "import/ImportSupport.h"
#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

namespace data = boost::unit_test::data;

const std::vector<std::string> kPdfDocuments{"000", "001", "002", "003"};

std::string pdfImportError(const std::string& bytes, const std::string& name) {
    auto result = importer().importBytes(bytes, name, std::nullopt, {});
    if (result) return "imported";
    return result.error().message;
}

bool pdfContains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pdf_import)

BOOST_DATA_TEST_CASE(corpus_pdf_imports_like_its_text, data::make(kPdfDocuments), number) {
    import::ImportResult pdf = importCorpusPdf(number);
    import::ImportResult text = importCorpus(number, false);
    Status valid = validateEditionXml(pdf.xml);
    BOOST_TEST(valid.has_value(), (valid ? "" : valid.error().message));
    BOOST_TEST(pdf.report.format == "pdf");
    std::vector<std::string> expected = xmlWords(text.xml), actual = xmlWords(pdf.xml);
    BOOST_TEST(expected.size() > 400u);
    BOOST_TEST(firstDifference(expected, actual) == "");
    BOOST_TEST(firstDifference(metaLines(text.xml), metaLines(pdf.xml)) == "");
    BOOST_TEST(pdf.document.code == text.document.code);
    BOOST_TEST(pdf.edition == text.edition);
    BOOST_TEST(pdf.organisation == text.organisation);
}

// Where LibreOffice set a list label at a tab stop its text reaches, the
// page holds «1)Қазақстан», «1.1.Коворкинг» as one word: split again, the
// clauses and sub-clauses of 001 and 003 are those of their text.
BOOST_DATA_TEST_CASE(clauses_and_subclauses_as_in_the_text, data::make({"001", "003"}), number) {
    const std::string pdf = importCorpusPdf(number).xml, text = importCorpus(number, false).xml;
    for (std::string element : {"chapter", "paragraph", "clause", "subclause"}) {
        std::string count = "count(//d:" + element + ")";
        BOOST_TEST(xpathNumber(pdf, count) == xpathNumber(text, count), element);
    }
    BOOST_TEST(
        xpathStrings(pdf, "//d:subclause/d:num") == xpathStrings(text, "//d:subclause/d:num"),
        boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(running_header_of_002_is_found_and_removed) {
    import::ImportResult pdf = importCorpusPdf("002");
    int headers = 0;
    for (const import::ReportLine& line : pdf.report.dropped)
        if (line.what == "running-header") {
            ++headers;
            BOOST_TEST(line.text == "ҚазҰТЗУ ҚП 607-2023");
        }
    // One on every page but the title page, which LibreOffice prints without it.
    BOOST_TEST(headers >= 20);
    BOOST_TEST(!pdfContains(pdf.xml.substr(pdf.xml.find("<body")), "ҚазҰТЗУ ҚП 607-2023</p>"));
}

BOOST_AUTO_TEST_CASE(a_scan_is_told_it_has_no_text_layer) {
    std::string message =
        pdfImportError(readFile(fixture("import/pdf/scan_000_page1.pdf")), "scan.pdf");
    BOOST_TEST(pdfContains(message, "scan.pdf"), message);
    BOOST_TEST(pdfContains(message, "no text layer"), message);
    BOOST_TEST(pdfContains(message, "scan"), message);
}

BOOST_AUTO_TEST_CASE(damaged_and_encrypted_pdfs_get_clear_errors) {
    const std::string pdf = readFile(corpusPdf("000"));
    std::string cut = pdfImportError(pdf.substr(0, 3000), "cut.pdf");
    BOOST_TEST(pdfContains(cut, "cut.pdf: the PDF cannot be read"), cut);
    std::string notPdf = pdfImportError("%PDF-1.7\nnot really", "fake.pdf");
    BOOST_TEST(pdfContains(notPdf, "fake.pdf"), notPdf);
    BOOST_TEST(notPdf != "imported");
    // An encrypted file, as qpdf writes it (a user password).
    TempDir dir;
    writeFile(dir.path() / "plain.pdf", pdf);
    std::string command = "qpdf --encrypt secret owner 256 -- '" +
                          (dir.path() / "plain.pdf").string() + "' '" +
                          (dir.path() / "locked.pdf").string() + "'";
    BOOST_TEST_REQUIRE(std::system(command.c_str()) == 0);
    std::string locked = pdfImportError(readFile(dir.path() / "locked.pdf"), "locked.pdf");
    BOOST_TEST(pdfContains(locked, "locked.pdf"), locked);
    BOOST_TEST(pdfContains(locked, "password"), locked);
}

BOOST_AUTO_TEST_CASE(the_command_imports_a_pdf_and_finds_its_profile) {
    TempDir dir;
    const std::filesystem::path xml = dir.path() / "002.xml", report = dir.path() / "002.json";
    std::ostringstream out, err;
    int status = app::runImport(
        {corpusPdf("002").string(), "-o", xml.string(), "--report", report.string()}, out, err);
    BOOST_TEST(status == 0, out.str() + err.str());
    BOOST_TEST(validateEditionXml(readFile(xml)).has_value());
    BOOST_TEST(pdfContains(out.str() + err.str(), "(pdf, "), out.str() + err.str());
    // The organisation it names (in capitals on its title page) is that of
    // doc-templates/satbayev.xml.
    BOOST_TEST(pdfContains(readFile(report), "the organisation is that of the profile «satbayev»"),
               readFile(report).substr(0, 600));
}

BOOST_AUTO_TEST_CASE(organisation_selects_a_known_profile) {
    const std::vector<import::KnownProfile> profiles{
        {"satbayev", "Қ.И. Сәтбаев атындағы Қазақ ұлттық техникалық зерттеу университеті"},
        {"kru", "Ахмет Байтұрсынұлы атындағы Қостанай өңірлік университеті"}};
    BOOST_TEST(import::profileOfOrganisation(
                   "«Қ.И.СӘТБАЕВ атындағы ҚАЗАҚ ҰЛТТЫҚ ТЕХНИКАЛЫҚ ЗЕРТТЕУ УНИВЕРСИТЕТІ» "
                   "КОММЕРЦИЯЛЫҚ ЕМЕС АКЦИОНЕРЛІК ҚОҒАМЫ",
                   profiles) == "satbayev");
    BOOST_TEST(import::profileOfOrganisation(
                   "\"Ахмет Байтұрсынұлы атындағы Қостанай өңірлік университеті\" КЕАҚ",
                   profiles) == "kru");
    BOOST_TEST(import::profileOfOrganisation("Әл-Фараби атындағы Қазақ ұлттық университеті",
                                             profiles) == "");
    BOOST_TEST(import::profileOfOrganisation("", profiles) == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
