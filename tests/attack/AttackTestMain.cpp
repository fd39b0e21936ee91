// test_attack: hostile clients against a real server (issue 11). A global
// fixture raises the open-file limit: the connection floods hold 2,000
// client sockets and the in-process server as many again.
#define BOOST_TEST_MODULE attack
#include <boost/test/unit_test.hpp>

#include <sys/resource.h>

namespace {

struct OpenFileLimit {
    OpenFileLimit() {
        rlimit limit{};
        if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
        limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 16384);
        (void)::setrlimit(RLIMIT_NOFILE, &limit);  // checked by the tests that need it
    }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(OpenFileLimit);
