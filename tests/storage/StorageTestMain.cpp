// The storage test executable: the Store contract suite (every case on
// SQLite and on the throwaway MariaDB, as sqlite/<case> and mysql/<case>),
// the URL factory, and backend-specific cases.
#define BOOST_TEST_MODULE storage
#include <boost/test/unit_test.hpp>
