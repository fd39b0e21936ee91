#define BOOST_TEST_MODULE test_xml
#include <boost/test/unit_test.hpp>
