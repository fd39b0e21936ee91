// The nusqa binary as users run it: `validate`, and `serve` under SIGKILL,
// SIGTERM and bad configuration.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <regex>

#include "ServerProcess.h"
#include "support/HttpClient.h"
#include "support/SqlProbe.h"
#include "support/TestSupport.h"

namespace data = boost::unit_test::data;
using namespace nusqa::test;

namespace {

std::string quoted(const std::filesystem::path& path) {
    return "'" + path.string() + "'";
}

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

// Creates a quality-office account with `nusqa admin create-user` (before
// the server starts) and returns an HTTP client holding its session cookie.
void createOffice(const std::map<std::string, std::string>& environment) {
    CommandResult created = runNusqa(
        "admin create-user --login office --email office@university.test --roles quality_office "
        "--name-kk 'Сапа бөлімі' --password-stdin",
        environment, "office-password-1");
    BOOST_TEST_REQUIRE(created.exitCode == 0, created.output);
    BOOST_TEST(created.output.find("office-password-1") == std::string::npos);
}

HttpClient loggedIn(int port, const std::string& login, const std::string& password) {
    HttpClient anonymous("127.0.0.1", port);
    HttpReply reply = anonymous.postJson(
        "/api/v1/auth/login", R"({"login":")" + login + R"(","password":")" + password + R"("})");
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    std::string cookie = reply.header("set-cookie");
    return anonymous.with({{"Cookie", cookie.substr(0, cookie.find(';'))}});
}

}  // namespace

BOOST_AUTO_TEST_CASE(validate_accepts_the_fixtures) {
    for (const char* name :
         {"minimal.xml", "000-wkatu-coworking.xml", "003-kru-software-dept.xml"}) {
        CommandResult result = runNusqa("validate " + quoted(fixture(name)));
        BOOST_TEST(result.exitCode == 0, name << ": " << result.output);
        BOOST_TEST(result.output.find(": OK") != std::string::npos, result.output);
    }
}

// Issue 17: a whole `nusqa render` process starts lean. The binary people
// type loads only what a print needs, none of the libraries of the HTTP
// server, the stores or the PDF importer, nor Poco (its settings file is read
// by a reader of its own), and hands every other command to
// nusqa-full (same arguments, same exit code).
BOOST_AUTO_TEST_CASE(nusqa_loads_no_server_library_and_hands_other_commands_on) {
    // The dynamic loader lists what it loads and stops (what ldd does).
    CommandResult loaded = runNusqa("version", {{"LD_TRACE_LOADED_OBJECTS", "1"}});
    BOOST_TEST_REQUIRE(loaded.exitCode == 0, loaded.output);
    BOOST_TEST(loaded.output.find("libpodofo") != std::string::npos, loaded.output);
    for (const char* library : {"libsqlite3", "libmysqlcppconn", "libmariadb", "libpoppler",
                                "libPoco", "libargon2", "libssl"})
        BOOST_TEST(loaded.output.find(library) == std::string::npos,
                   library << ": " << loaded.output);

    CommandResult help = runNusqa("help");
    BOOST_TEST(help.exitCode == 0, help.output);
    BOOST_TEST(help.output.find("audit-package") != std::string::npos, help.output);
    CommandResult unknown = runNusqa("no-such-command");
    BOOST_TEST(unknown.exitCode == 2, unknown.output);
    BOOST_TEST(unknown.output.find("unknown command") != std::string::npos, unknown.output);
}

BOOST_AUTO_TEST_CASE(validate_rejects_broken_variants_with_positions) {
    static const std::regex located(R"((^|\n)([0-9]+):([0-9]+): .+)");
    for (const char* name :
         {"invalid/missing-required.xml", "invalid/unknown-element.xml", "invalid/bad-date.xml"}) {
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

BOOST_DATA_TEST_CASE(edition_survives_sigkill_right_after_201, data::make({"sqlite", "mysql"}),
                     backend) {
    BOOST_TEST_MESSAGE("backend " << backend);
    TempDir directory("sigkill");
    auto environment = serverEnvironment(backend, directory, uniqueName("sigkill"));
    createOffice(environment);
    std::string xml = readFile(fixture("000-wkatu-coworking.xml"));
    long long editionId = 0;
    {
        ServerProcess server(directory.path(), environment);
        HttpClient client = loggedIn(server.port(), "office", "office-password-1");
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
    HttpClient client = loggedIn(restarted.port(), "office", "office-password-1");
    HttpReply found = client.get("/api/v1/editions/" + std::to_string(editionId),
                                 {{"Accept", "application/xml"}});
    BOOST_TEST(found.status == 200);
    BOOST_TEST(found.body == xml);
}

// Done-when 2 of issue 10: `nusqa audit verify` names register changes that
// have no audit entry. Rows written behind the server's back (a document
// copied in, a draft's revision bumped) leave the hash chain intact: the
// cross-check, not the chain, is what finds them.
BOOST_DATA_TEST_CASE(audit_verify_names_register_changes_without_their_entry,
                     data::make({"sqlite", "mysql"}), backend) {
    TempDir directory("audit-coverage");
    auto environment = serverEnvironment(backend, directory, uniqueName("coverage"));
    if (backend == "sqlite")
        environment["NUSQA_STORE_URL"] = "sqlite:" + (directory.path() / "nusqa.db").string();
    createOffice(environment);
    long long documentId = 0, editionId = 0;
    {
        ServerProcess server(directory.path(), environment);
        HttpClient client = loggedIn(server.port(), "office", "office-password-1");
        HttpReply document = client.postJson(
            "/api/v1/documents",
            R"({"code":"СМЖ 07.БЕ.99","kind":"regulation","title":"Сынақ бөлімі туралы","language":"kk"})");
        BOOST_TEST_REQUIRE(document.status == 201, document.body);
        documentId = jsonInt(document.body, "id");
        std::string xml = readFile(fixture("minimal.xml"));
        HttpReply edition =
            client.postXml("/api/v1/documents/" + std::to_string(documentId) + "/editions", xml);
        BOOST_TEST_REQUIRE(edition.status == 201, edition.body);
        editionId = jsonInt(edition.body, "id");
        xml.replace(xml.find("мақсатын"), std::string("мақсатын").size(), "мақсаттарын");
        HttpReply updated =
            client.request("PUT", "/api/v1/editions/" + std::to_string(editionId), xml,
                           {{"Content-Type", "application/xml"}, {"If-Match", "\"1\""}});
        BOOST_TEST_REQUIRE(updated.status == 200, updated.body);
        server.signalAndWait(SIGTERM);
    }
    CommandResult clean = runNusqa("audit verify", environment);
    BOOST_TEST(clean.exitCode == 0, clean.output);
    BOOST_TEST(clean.output.find("every register change has its audit entry: 1 documents, 1 "
                                 "editions, 1 draft revisions") != std::string::npos,
               clean.output);

    SqlProbe probe(environment.at("NUSQA_STORE_URL"));
    probe.execute(
        "INSERT INTO documents (code, kind, title, unit, language, created_at, updated_at) "
        "SELECT 'СМЖ 07.БЕ.98', kind, title, unit, language, created_at, updated_at "
        "FROM documents WHERE id = " +
        std::to_string(documentId));
    std::string copied = probe.scalar("SELECT id FROM documents WHERE code = 'СМЖ 07.БЕ.98'");
    probe.execute("UPDATE editions SET revision = 3 WHERE id = " + std::to_string(editionId));
    CommandResult found = runNusqa("audit verify", environment);
    BOOST_TEST(found.exitCode == 1, found.output);
    BOOST_TEST(found.output.find("audit log intact") != std::string::npos, found.output);
    BOOST_TEST(found.output.find("document " + copied +
                                 " (СМЖ 07.БЕ.98) has no audit entry document.create") !=
                   std::string::npos,
               found.output);
    BOOST_TEST(found.output.find("edition " + std::to_string(editionId) +
                                 " (СМЖ 07.БЕ.99, edition 1, kk) has no audit entry "
                                 "edition.update for revision 3") != std::string::npos,
               found.output);
    BOOST_TEST(found.output.find("2 register changes have no audit entry") != std::string::npos,
               found.output);
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

BOOST_AUTO_TEST_CASE(first_start_prints_a_one_time_admin_password_once) {
    TempDir directory("first-start");
    auto environment = serverEnvironment("sqlite", directory, "");
    std::string password;
    {
        ServerProcess server(directory.path(), environment);
        std::smatch found;
        std::string log = server.log();
        BOOST_TEST_REQUIRE(
            std::regex_search(log, found, std::regex("one-time password ([0-9a-f]+)")), log);
        password = found[1];
        // Printed once, and nowhere else in the output (the log included).
        BOOST_TEST(log.find(password) == log.rfind(password));
        BOOST_TEST(log.find("first start") != std::string::npos);
        HttpClient admin = loggedIn(server.port(), "admin", password);
        HttpReply me = admin.get("/api/v1/me");
        BOOST_TEST(me.status == 200);
        BOOST_TEST(me.body.find("\"admin\"") != std::string::npos);
        BOOST_TEST(me.body.find("\"mustChangePassword\":true") != std::string::npos, me.body);
        // One-time: nothing else until it is changed.
        HttpReply refused = admin.get("/api/v1/users");
        BOOST_TEST(refused.status == 403);
        BOOST_TEST(refused.body.find("one-time password") != std::string::npos, refused.body);
        HttpReply changed = admin.request(
            "PUT", "/api/v1/me/password",
            R"({"oldPassword":")" + password + R"(","newPassword":"admin-password-2026"})",
            {{"Content-Type", "application/json"}});
        BOOST_TEST_REQUIRE(changed.status == 204, changed.body);
        BOOST_TEST(admin.get("/api/v1/users").status == 200);
        // Everything but /healthz and the login needs a session.
        HttpClient anonymous("127.0.0.1", server.port());
        BOOST_TEST(anonymous.get("/healthz").status == 200);
        BOOST_TEST(anonymous.get("/api/v1/documents").status == 401);
        BOOST_TEST(anonymous.get("/api/v1/openapi.json").status == 401);
        server.signalAndWait(SIGTERM);
    }
    ServerProcess restarted(directory.path(), environment, "restarted.log");
    BOOST_TEST(restarted.log().find("one-time password") == std::string::npos, restarted.log());
    BOOST_TEST(restarted.log().find(password) == std::string::npos);
    loggedIn(restarted.port(), "admin", "admin-password-2026");
}

BOOST_AUTO_TEST_CASE(admin_create_user_checks_its_arguments) {
    TempDir directory("admin");
    auto environment = serverEnvironment("sqlite", directory, "");
    CommandResult generated =
        runNusqa("admin create-user --login auditor1 --email a@university.test --roles auditor",
                 environment);
    BOOST_TEST(generated.exitCode == 0, generated.output);
    BOOST_TEST(generated.output.find("one-time password: ") != std::string::npos);
    CommandResult taken =
        runNusqa("admin create-user --login auditor1 --email a@university.test --roles auditor",
                 environment);
    BOOST_TEST(taken.exitCode == 1, taken.output);
    BOOST_TEST(taken.output.find("taken") != std::string::npos, taken.output);
    BOOST_TEST(
        runNusqa("admin create-user --login x --email x@y --roles wizard", environment).exitCode ==
        2);
    BOOST_TEST(runNusqa("admin", environment).exitCode == 2);
    CommandResult weak = runNusqa(
        "admin create-user --login weak --email w@university.test --roles employee "
        "--password-stdin",
        environment, "short");
    BOOST_TEST(weak.exitCode == 1, weak.output);
}

BOOST_AUTO_TEST_CASE(https_with_a_certificate_from_the_config) {
    TempDir directory("https");
    std::filesystem::path key = directory.path() / "server.key";
    std::filesystem::path certificate = directory.path() / "server.crt";
    std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " +
        quoted(key) + " -out " + quoted(certificate) + " >/dev/null 2>&1";
    BOOST_TEST_REQUIRE(std::system(command.c_str()) == 0);
    auto environment = serverEnvironment("sqlite", directory, "");
    environment["NUSQA_HTTP_TLS_CERTIFICATE"] = certificate.string();
    environment["NUSQA_HTTP_TLS_PRIVATE_KEY"] = key.string();
    createOffice(environment);
    ServerProcess server(directory.path(), environment);
    BOOST_TEST(server.log().find("listening on https://") != std::string::npos, server.log());

    HttpClient secure("127.0.0.1", server.port(), {}, true);
    BOOST_TEST(secure.get("/healthz").status == 200);
    HttpReply login = secure.postJson("/api/v1/auth/login",
                                      R"({"login":"office","password":"office-password-1"})");
    BOOST_TEST_REQUIRE(login.status == 200, login.body);
    std::string cookie = login.header("set-cookie");
    BOOST_TEST(cookie.find("; Secure") != std::string::npos, cookie);
    BOOST_TEST(cookie.find("; HttpOnly") != std::string::npos, cookie);
    HttpClient session = secure.with({{"Cookie", cookie.substr(0, cookie.find(';'))}});
    BOOST_TEST(session.get("/api/v1/me").status == 200);
    // Plain HTTP on the TLS port gets no answer.
    BOOST_CHECK_THROW(HttpClient("127.0.0.1", server.port()).get("/healthz"), std::exception);

    // A key that does not exist: the server refuses to start and says why.
    environment["NUSQA_HTTP_TLS_PRIVATE_KEY"] = (directory.path() / "missing.key").string();
    BOOST_CHECK_THROW(ServerProcess(directory.path(), environment, "bad-key.log"),
                      std::runtime_error);
    BOOST_TEST(readFile(directory.path() / "bad-key.log").find("TLS") != std::string::npos,
               readFile(directory.path() / "bad-key.log"));
}
