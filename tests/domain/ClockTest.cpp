// Dates, timestamps and the manual clock.
#include <boost/test/unit_test.hpp>

#include "domain/Clock.h"

using namespace nusqa;

BOOST_AUTO_TEST_CASE(dates_and_timestamps) {
    BOOST_TEST(addDays("2024-02-28", 1).value() == "2024-02-29");
    BOOST_TEST(addDays("2026-12-25", 10).value() == "2027-01-04");
    BOOST_TEST(addDays("2026-03-01", -1).value() == "2026-02-28");
    BOOST_TEST(addMonths("2026-01-31", 1).value() == "2026-02-28");
    BOOST_TEST(addMonths("2022-11-14", 36).value() == "2025-11-14");
    BOOST_TEST(!addDays("2026-02-30", 1).has_value());
    BOOST_TEST(!isDate("2026-2-3"));
    BOOST_TEST(timestampOf(0) == "1970-01-01T00:00:00Z");
    BOOST_TEST(timestampOf(1780000000 + 9 * 3600 + 8 * 60 + 7) == "2026-05-29T05:34:47Z");
    BOOST_TEST(timestampOf(253402300799) == "9999-12-31T23:59:59Z");
    BOOST_TEST(timestampOf(-1) == "1969-12-31T23:59:59Z");
    BOOST_TEST(epochOf(timestampOf(1795000000)).value() == 1795000000);
    BOOST_TEST(epochOf("2026-03-02").value() == epochOf("2026-03-02T00:00:00Z").value());
    ManualClock clock(epochOf("2026-03-02T23:59:30Z").value());
    clock.advance(60);
    BOOST_TEST(clock.today() == "2026-03-03");
    BOOST_TEST(clock.now() == "2026-03-03T00:00:30Z");
}
