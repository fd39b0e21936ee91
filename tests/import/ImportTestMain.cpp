// test_import: the importer (issue 6) — corpus documents from text and
// .docx, structure, the Word reader, hostile files, the command, the HTTP
// route, bulk import and, when the rendering module is built, the PDF.
#define BOOST_TEST_MODULE import
#include <boost/test/unit_test.hpp>
