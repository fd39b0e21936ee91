// test_render: the layout engine and PDF output on real PDFs (checked with
// qpdf, pdffonts, pdftotext, pdfinfo, pdftoppm and zbarimg), the sheets, the
// visible seal, and the profiles and editions the reader reads.
#define BOOST_TEST_MODULE render
#include <boost/test/unit_test.hpp>
