// test_signing: sealed and signed PDFs checked with real tools (pdfsig,
// openssl cms/ts, qpdf, pdftoppm, zbarimg).
#define BOOST_TEST_MODULE signing
#include <boost/test/unit_test.hpp>
