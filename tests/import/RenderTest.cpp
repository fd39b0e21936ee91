// Done-when 4 of issue 6: the imported XML of 002 renders to PDF, and the
// word-for-word check holds on the PDF text: every word of the body (which
// CorpusTest shows are the source's words) is printed, in order, with only
// page furniture (header, footer, page numbers, the profile's labels)
// between them. Built only when the rendering module (nusqa_render) is.
#include <boost/test/unit_test.hpp>

#include "import/ImportSupport.h"
#include "render/PdfTools.h"
#include "render/Render.h"
#include "render/reader/ContentXml.h"
#include "support/TestSupport.h"

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

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
