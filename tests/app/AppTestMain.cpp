// test_app: the nusqa binary as users run it.
#define BOOST_TEST_MODULE app
#include <boost/test/unit_test.hpp>
