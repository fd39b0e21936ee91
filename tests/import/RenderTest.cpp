// Done-when 4 of issue 6: the imported XML of 002 renders to PDF, and the
// word-for-word check holds on the PDF text: every word of the body (which
// CorpusTest shows are the source's words) is printed, in order, with only
// page furniture (header, footer, page numbers, the profile's labels)
// between them. Built only when the rendering module (nusqa_render) is.
#include <boost/test/unit_test.hpp>

#include "app/ImportCommand.h"
#include "import/ImportSupport.h"
#include "import/docx/DocxReader.h"
#include "import/pdf/IsolatedPdfReader.h"
#include "render/PdfTools.h"
#include "render/ProfilePrinter.h"
#include "render/Render.h"
#include "render/reader/ContentXml.h"
#include "support/TestSupport.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa::test {

BOOST_AUTO_TEST_SUITE(render_import)

BOOST_AUTO_TEST_CASE(imported_002_renders_with_every_word_in_order) {
    auto profile = render::reader::loadProfile(sourceDir() / "doc-templates", "satbayev");
    BOOST_TEST_REQUIRE(profile.has_value(), (profile ? "" : profile.error().message));
    TempDir dir("nusqa-import-pdf");
    for (bool docx : {false, true}) {
        BOOST_TEST_CONTEXT((docx ? "from .docx" : "from .txt")) {
            import::ImportResult result = importCorpus("002", docx, "satbayev");
            auto content = render::reader::readEditionContent(result.xml);
            BOOST_TEST_REQUIRE(content.has_value(), (content ? "" : content.error().message));
            render::RenderStats stats;
            auto pdf = render::renderPdf(*content, *profile, render::SheetRecords{}, &stats);
            BOOST_TEST_REQUIRE(pdf.has_value(), (pdf ? "" : pdf.error().message));
            const std::filesystem::path file = dir.path() / (docx ? "002-docx.pdf" : "002-txt.pdf");
            writeFile(file, *pdf);
            BOOST_TEST(pdfPageCount(file) == stats.pages);
            BOOST_TEST(stats.pages >= 20);
            std::string check = runCommand("qpdf --check '" + file.string() + "'");
            BOOST_TEST(check.find("No syntax or stream encoding errors found") != std::string::npos,
                       check);
            int last = stats.sheetPage > 0 ? stats.sheetPage - 1 : stats.pages;
            std::string text = pdfText(file, stats.bodyPage, last, true);
            std::string problem = matchInOrder(expectedBodyWords(*content), splitWords(text),
                                               furnitureWords(*content, *profile));
            BOOST_TEST(problem.empty(), problem);
        }
    }
}

// Issue 16, Done-when 6: corpus 002 names its organisation (Satbayev
// University); imported without --profile, from text, Word or PDF, its XML
// names the profile whose organisation that is, and the printer, asked for
// no profile (as GET /editions/{id}/pdf without ?profile=), prints with it.
BOOST_AUTO_TEST_CASE(imported_002_prints_with_its_organisations_profile_unasked) {
    const std::filesystem::path templates = sourceDir() / "doc-templates";
    import::docx::DocxPackageReader docx;
    auto pdf = import::pdf::IsolatedPdfReader::create("/proc/self/exe");
    BOOST_TEST_REQUIRE(pdf.has_value(), (pdf ? "" : pdf.error().message));
    XmlEditionCodec codec;
    import::Importer importer(docx, **pdf, codec);
    importer.setProfiles(app::knownProfiles(templates));
    auto printer = render::ProfilePrinter::open(templates);
    BOOST_TEST_REQUIRE(printer.has_value(), (printer ? "" : printer.error().message));
    for (const std::filesystem::path& path :
         {corpusText("002"), corpusDocx("002"), corpusPdf("002")}) {
        BOOST_TEST_CONTEXT(path.filename().string()) {
            auto imported =
                importer.importBytes(readFile(path), path.filename().string(), std::nullopt, {});
            BOOST_TEST_REQUIRE(imported.has_value(), (imported ? "" : imported.error().message));
            BOOST_TEST(imported->profile == "satbayev");
            BOOST_TEST(imported->xml.find("<profile>satbayev</profile>") != std::string::npos,
                       imported->xml.substr(0, 1200));
            auto printed = printer->print(imported->xml, "", SheetData{});
            BOOST_TEST_REQUIRE(printed.has_value(), (printed ? "" : printed.error().message));
            BOOST_TEST(printed->profile == "satbayev");
        }
    }
    // A document naming another organisation keeps the default.
    auto other = importer.importBytes(readFile(corpusText("001")), "001.txt", std::nullopt, {});
    BOOST_TEST_REQUIRE(other.has_value(), (other ? "" : other.error().message));
    auto printed = printer->print(other->xml, "", SheetData{});
    BOOST_TEST_REQUIRE(printed.has_value(), (printed ? "" : printed.error().message));
    BOOST_TEST(printed->profile != "satbayev");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
