// Issue 11, finding 10: two servers on one port. Poco's ServerSocket(address,
// backlog) sets SO_REUSEPORT, so a second `nusqa serve` on a busy port
// started and the kernel split the connections between two databases. Now
// the second start fails with a clear message and a non-zero exit.
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <cstdio>

#include "AttackSupport.h"
#include "http/ServerHarness.h"

using namespace nusqa;
using namespace nusqa::test;

BOOST_AUTO_TEST_CASE(a_second_server_on_a_busy_port_exits_with_a_clear_message) {
    ServerHarness first("sqlite");
    TempDir directory("second-server");
    // `timeout` ends a second server that did start (the defect) instead of
    // letting the test hang on it.
    std::string command = "timeout 20 env NUSQA_HTTP_ADDRESS=127.0.0.1 NUSQA_HTTP_PORT=" +
                          std::to_string(first.port()) + " NUSQA_DATA_DIR='" +
                          (directory.path() / "data").string() + "' NUSQA_HTTP_WEB_ROOT='" +
                          (directory.path() / "web").string() + "' '" +
                          (binaryDir() / "bin" / "nusqa").string() + "' serve 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    BOOST_TEST_REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[4096];
    std::size_t count = 0;
    while ((count = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, count);
    int status = ::pclose(pipe);
    BOOST_TEST_REQUIRE(WIFEXITED(status));
    int code = WEXITSTATUS(status);
    BOOST_TEST(code != 0, output);
    BOOST_TEST(code != 124, "the second server started and was killed by timeout: " << output);
    BOOST_TEST(output.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())) !=
                   std::string::npos,
               output);
    BOOST_TEST(output.find("Address already in use") != std::string::npos, output);
    // The first server is untouched.
    BOOST_TEST(healthzSeconds(first.port()) < 1.0);
}
