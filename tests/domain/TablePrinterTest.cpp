// csvOf: the CSV of the audit package's tables — byte-order mark, CRLF,
// RFC 4180 quoting exactly where needed, Kazakh and Russian text untouched.
#include <boost/test/unit_test.hpp>

#include "domain/TablePrinter.h"

using namespace nusqa;

BOOST_AUTO_TEST_SUITE(table_csv)

BOOST_AUTO_TEST_CASE(quotes_only_what_rfc_4180_requires) {
    ReportTable table;
    table.columns = {"code", "title"};
    table.rows = {{"СМЖ 07.БЕ.51", "Ереже, бөлім туралы"},
                  {"ҚП 607-2023", "«Сапа» \"бөлімі\""},
                  {"a\r\nb", ""},
                  {"plain", "line\nbreak"}};
    BOOST_TEST(csvOf(table) ==
               "\xEF\xBB\xBF"
               "code,title\r\n"
               "СМЖ 07.БЕ.51,\"Ереже, бөлім туралы\"\r\n"
               "ҚП 607-2023,\"«Сапа» \"\"бөлімі\"\"\"\r\n"
               "\"a\r\nb\",\r\n"
               "plain,\"line\nbreak\"\r\n");
}

BOOST_AUTO_TEST_CASE(an_empty_table_is_its_header) {
    ReportTable table;
    table.columns = {"check", "value"};
    BOOST_TEST(csvOf(table) ==
               "\xEF\xBB\xBF"
               "check,value\r\n");
}

BOOST_AUTO_TEST_SUITE_END()
