// test_http: the http module — the router, the JSON API over real loopback HTTP
// on both storage backends, authentication, the access rule of every route,
// the lifecycle and reviews end to end, and hostile requests.
#define BOOST_TEST_MODULE http
#include <boost/test/unit_test.hpp>
