// test_domain: the domain's rules and services, with the ports replaced by
// small in-memory fakes (no storage, no HTTP).
#define BOOST_TEST_MODULE domain
#include <boost/test/unit_test.hpp>
