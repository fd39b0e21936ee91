// test_import: the importer (issues 6 and 16) — corpus documents from text,
// .docx and PDF, structure, the Word reader and Word's constructs, the PDF
// layout, hard-wrapped text, Russian title pages, hostile files, the
// command, the HTTP route, bulk import and, when the rendering module is
// built, the PDF.
//
// The executable is also the PDF reader's worker (`test_import
// import-pdf-worker ...`): the importer under test starts "/proc/self/exe"
// as the nusqa binary starts itself.
#define BOOST_TEST_MODULE import
#define BOOST_TEST_NO_MAIN
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "import/pdf/PdfWorker.h"

int main(int argc, char** argv) {
    if (argc > 1 && std::string(argv[1]) == "import-pdf-worker")
        return nusqa::import::pdf::runPdfWorker(std::vector<std::string>(argv + 2, argv + argc), 0,
                                                1);
    return boost::unit_test::unit_test_main(&init_unit_test, argc, argv);
}
