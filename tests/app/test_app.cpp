// The nusqa binary as users run it: `validate`, and `serve` under SIGKILL,
// SIGTERM and bad configuration.
#define BOOST_TEST_MODULE app
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <regex>

#include "ServerProcess.h"
#include "support/HttpClient.h"
#include "support/TestSupport.h"

namespace data = boost::unit_test::data;
using namespace nusqa::test;

namespace {

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

std::map<std::string, std::string> serverEnvironment(const std::string& backend,
                                                     const TempDir& directory,
                                                     const std::string& database) {
    std::map<std::string, std::string> environment{
        {"NUSQA_HTTP_PORT", "0"},
        {"NUSQA_DATA_DIR", (directory.path() / "data").string()},
    };
    if (backend == "mysql") environment["NUSQA_STORE_URL"] = mariadbServerUrl() + "/" + database;
    return environment;
}

}  // namespace

BOOST_AUTO_TEST_CASE(validate_accepts_the_fixtures) {
    for (const char* name : {"minimal.xml", "000-wkatu-coworking.xml", "003-kru-software-dept.xml"}) {
        CommandResult result = runNusqa("validate " + quoted(fixture(name)));
        BOOST_TEST(result.exitCode == 0, name << ": " << result.output);
        BOOST_TEST(result.output.find(": OK") != std::string::npos, result.output);
    }
}

BOOST_AUTO_TEST_CASE(validate_rejects_broken_variants_with_positions) {
    static const std::regex located(R"((^|\n)([0-9]+):([0-9]+): .+)");
    for (const char* name : {"invalid/missing-required.xml", "invalid/unknown-element.xml",
                             "invalid/bad-date.xml"}) {
        CommandResult result = runNusqa("validate " + quoted(fixture(name)));
        BOOST_TEST(result.exitCode == 1, name << ": " << result.output);
        std::smatch found;
        BOOST_TEST(std::regex_search(result.output, found, located), name << ": " << result.output);
    }
    CommandResult missing = runNusqa("validate /nonexistent/file.xml");
    BOOST_TEST(missing.exitCode == 2);
    BOOST_TEST(runNusqa("validate").exitCode == 2);
    BOOST_TEST(runNusqa("no-such-command").exitCode == 2);
}

BOOST_DATA_TEST_CASE(edition_survives_sigkill_right_after_201,
                     data::make({"sqlite", "mysql"}), backend) {
    BOOST_TEST_MESSAGE("backend " << backend);
    TempDir directory("sigkill");
    auto environment = serverEnvironment(backend, directory, uniqueName("sigkill"));
    std::string xml = readFile(fixture("000-wkatu-coworking.xml"));
    long long editionId = 0;
    {
        ServerProcess server(directory.path(), environment);
        HttpClient client("127.0.0.1", server.port());
        HttpReply document = client.postJson(
            "/api/v1/documents",
            R"({"code":"СМЖ 07.БЕ.51","kind":"regulation","title":"Коворкинг орталығы туралы","language":"kk"})");
        BOOST_TEST_REQUIRE(document.status == 201, document.body);
        HttpReply edition = client.postXml(
            "/api/v1/documents/" + std::to_string(jsonInt(document.body, "id")) + "/editions", xml);
        BOOST_TEST_REQUIRE(edition.status == 201, edition.body);
        editionId = jsonInt(edition.body, "id");
        int status = server.signalAndWait(SIGKILL);  // no chance to flush or close anything
        BOOST_TEST(WIFSIGNALED(status));
    }
    ServerProcess restarted(directory.path(), environment, "restarted.log");
    HttpClient client("127.0.0.1", restarted.port());
    HttpReply found = client.get("/api/v1/editions/" + std::to_string(editionId),
                                 {{"Accept", "application/xml"}});
    BOOST_TEST(found.status == 200);
    BOOST_TEST(found.body == xml);
}

BOOST_AUTO_TEST_CASE(sigterm_stops_gracefully_and_logs_requests) {
    TempDir directory("sigterm");
    ServerProcess server(directory.path(), serverEnvironment("sqlite", directory, ""));
    HttpClient client("127.0.0.1", server.port());
    HttpReply health = client.request("GET", "/healthz", {}, {{"X-Request-Id", "probe-42"}});
    BOOST_TEST(health.status == 200);
    BOOST_TEST(health.header("x-request-id") == "probe-42");
    BOOST_TEST(std::filesystem::exists(directory.path() / "data" / "nusqa.db"));
    int status = server.signalAndWait(SIGTERM);
    BOOST_TEST(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 0);
    std::string log = server.log();
    BOOST_TEST(std::regex_search(log, std::regex(R"(GET /healthz 200 [0-9.]+ ms probe-42)")), log);
    BOOST_TEST(log.find("stopped") != std::string::npos, log);
}

BOOST_AUTO_TEST_CASE(bad_configuration_is_named) {
    TempDir directory("config");
    std::filesystem::path config = directory.path() / "nusqa.properties";
    writeFile(config, "http.port = 80800\n");
    CommandResult result = runNusqa("serve --config " + quoted(config));
    BOOST_TEST(result.exitCode != 0);
    BOOST_TEST(result.output.find("http.port") != std::string::npos, result.output);
}
