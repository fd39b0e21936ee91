// `nusqa verify` away from any server (issue 12): in an empty folder with no
// settings it checks a sealed PDF, exits 0 and writes nothing; --trust makes
// the seal the organisation's; --server asks the public verify endpoint for
// the edition's status, code and title. `trusted` means the same in the CLI
// and POST /api/v1/verify: the self-signed TEST seal is not trusted unless
// configured as an anchor, a seal of a throwaway OpenSSL CA is trusted when
// that CA is the anchor. The server is the real `nusqa serve` process.
#include <sys/wait.h>
#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "app/ServerProcess.h"
#include "support/HttpClient.h"
#include "support/TestPki.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using namespace nusqa::test;

namespace {

struct Ran {
    int status = -1;
    std::string output;
};

std::string quotedPath(const fs::path& path) {
    return "'" + path.string() + "'";
}

// `nusqa verify ...` run in folder with an empty environment (no NUSQA_*
// settings but those given, e.g. "NUSQA_SIGNING_TRUSTED_CERTIFICATES=..."; no
// HOME outside the folder).
Ran verifyIn(const fs::path& folder, const std::string& arguments,
             const std::string& setting = {}) {
    std::string command =
        "cd " + quotedPath(folder) + " && env -i PATH=/usr/bin:/bin HOME=" + quotedPath(folder) +
        (setting.empty() ? "" : " '" + setting + "'") + " " +
        quotedPath(binaryDir() / "bin" / "nusqa") + " verify " + arguments + " 2>&1";
    Ran ran;
    FILE* pipe = popen(command.c_str(), "r");
    BOOST_REQUIRE(pipe != nullptr);
    std::array<char, 65536> buffer;
    for (std::size_t count; (count = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
        ran.output.append(buffer.data(), count);
    int status = pclose(pipe);
    ran.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return ran;
}

// Every entry under folder with its size and modification time.
std::set<std::string> listing(const fs::path& folder) {
    std::set<std::string> entries;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        std::string line = entry.path().string();
        if (entry.is_regular_file())
            line += " " + std::to_string(entry.file_size()) + " " +
                    std::to_string(entry.last_write_time().time_since_epoch().count());
        entries.insert(line);
    }
    return entries;
}

// A real `nusqa serve` with its own data folder, extra settings, an office
// account and one edition of a document whose sealed PDF it issued.
struct IssuingServer {
    TempDir directory{"verify-anywhere"};
    std::map<std::string, std::string> environment;
    std::unique_ptr<ServerProcess> process;
    std::unique_ptr<HttpClient> client;
    std::int64_t editionId = 0;
    std::string pdf;
    std::string sha256;  // of the edition's XML

    explicit IssuingServer(const std::map<std::string, std::string>& settings) {
        environment = settings;
        environment["NUSQA_HTTP_PORT"] = "0";
        environment["NUSQA_DATA_DIR"] = (directory.path() / "data").string();
        CommandResult created = runNusqa(
            "admin create-user --login office --email office@university.test --roles "
            "quality_office --password-stdin",
            environment, "office-password-1");
        BOOST_TEST_REQUIRE(created.exitCode == 0, created.output);
        process = std::make_unique<ServerProcess>(directory.path(), environment);
        HttpClient anonymous("127.0.0.1", process->port());
        HttpReply login = anonymous.postJson(
            "/api/v1/auth/login", R"({"login":"office","password":"office-password-1"})");
        BOOST_TEST_REQUIRE(login.status == 200, login.body);
        std::string cookie = login.header("set-cookie");
        client = std::make_unique<HttpClient>(
            anonymous.with({{"Cookie", cookie.substr(0, cookie.find(';'))}}));
        HttpReply document = client->postJson(
            "/api/v1/documents",
            R"({"code":"Е 075-2022","kind":"regulation","title":"Бағдарламалық қамтамасыз ету бөлімі туралы ереже","unit":"Сапа","language":"kk"})");
        BOOST_TEST_REQUIRE(document.status == 201, document.body);
        HttpReply edition = client->postXml(
            "/api/v1/documents/" + std::to_string(jsonInt(document.body, "id")) + "/editions",
            readFile(fixture("003-kru-software-dept.xml")));
        BOOST_TEST_REQUIRE(edition.status == 201, edition.body);
        editionId = jsonInt(edition.body, "id");
        HttpReply rendered = client->get("/api/v1/editions/" + std::to_string(editionId) + "/pdf");
        BOOST_TEST_REQUIRE(rendered.status == 200, rendered.body);
        pdf = rendered.body;
        sha256 = rendered.header("x-edition-sha256");
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(process->port()); }

    // What POST /api/v1/verify says of bytes.
    std::string verify(const std::string& bytes) const {
        HttpReply reply =
            client->request("POST", "/api/v1/verify", bytes, {{"Content-Type", "application/pdf"}});
        BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
        return reply.body;
    }
};

bool says(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(verify_anywhere)

BOOST_AUTO_TEST_CASE(test_seal_verifies_in_an_empty_folder_writing_nothing_and_is_not_trusted) {
    IssuingServer server({});
    TempDir elsewhere("verify-empty");
    fs::path folder = elsewhere.path() / "empty";
    fs::create_directory(folder);
    fs::path files = elsewhere.path() / "files";
    fs::create_directory(files);
    fs::path pdf = files / "edition.pdf";
    writeFile(pdf, server.pdf);

    std::set<std::string> before = listing(elsewhere.path());
    Ran plain = verifyIn(folder, quotedPath(pdf));
    BOOST_TEST(plain.status == 0, plain.output);
    BOOST_TEST(says(plain.output, "result: VALID"), plain.output);
    BOOST_TEST(says(plain.output, "certificate not trusted"), plain.output);
    BOOST_TEST(says(plain.output, "not shown to be the organisation's"), plain.output);
    Ran json = verifyIn(folder, quotedPath(pdf) + " --json");
    BOOST_TEST(json.status == 0, json.output);
    BOOST_TEST(says(json.output, R"("trusted":false)"), json.output);
    BOOST_TEST(!says(json.output, R"("trusted":true)"), json.output);
    // With the server: still not the organisation's seal, so its status is
    // not claimed for this file.
    Ran asked = verifyIn(folder, quotedPath(pdf) + " --server " + server.url());
    BOOST_TEST(asked.status == 0, asked.output);
    BOOST_TEST(!says(asked.output, "genuine rendition"), asked.output);
    BOOST_TEST((listing(elsewhere.path()) == before), "nusqa verify wrote into the folders");
    BOOST_TEST(fs::is_empty(folder));

    // The API agrees: the TEST seal is no trust anchor of the server.
    std::string api = server.verify(server.pdf);
    BOOST_TEST(says(api, R"("valid":true)"), api);
    BOOST_TEST(says(api, R"("trusted":false)"), api);
    BOOST_TEST(!says(api, R"("trusted":true)"), api);
    // Still the server's own seal: the edition is recognised.
    BOOST_TEST(says(api, R"("genuine":true)"), api);

    // Configured as an anchor (its certificate given with --trust), the TEST
    // seal is the organisation's, and the server names the edition.
    fs::path certificate = files / "seal.pem";
    fs::path key = server.directory.path() / "data" / "seal-test.p12";
    runOpenssl({"pkcs12", "-in", key.string(), "-passin", "file:" + key.string() + ".password",
                "-nokeys", "-clcerts", "-out", certificate.string()});
    before = listing(elsewhere.path());
    Ran trusting = verifyIn(folder, quotedPath(pdf) + " --trust " + quotedPath(certificate) +
                                        " --server " + server.url());
    BOOST_TEST(trusting.status == 0, trusting.output);
    BOOST_TEST(says(trusting.output, "PAdES-B-B, trusted"), trusting.output);
    BOOST_TEST(says(trusting.output, "seal: the organisation's"), trusting.output);
    BOOST_TEST(says(trusting.output, "a genuine rendition of edition " +
                                         std::to_string(server.editionId) + ", status draft"),
               trusting.output);
    BOOST_TEST(says(trusting.output, "Е 075-2022"), trusting.output);
    BOOST_TEST(says(trusting.output, "Бағдарламалық қамтамасыз ету бөлімі туралы ереже"),
               trusting.output);
    BOOST_TEST((listing(elsewhere.path()) == before), "nusqa verify wrote into the folders");

    // The public endpoint names the document's code and title.
    HttpReply page = HttpClient("127.0.0.1", server.process->port())
                         .get("/verify/" + std::to_string(server.editionId) + "/" + server.sha256);
    BOOST_TEST(page.status == 200, page.body);
    BOOST_TEST(says(page.body, "Е 075-2022"), page.body);
    BOOST_TEST(says(page.body, "Бағдарламалық қамтамасыз ету бөлімі туралы ереже"), page.body);

    // A server that does not answer: the signatures still verify, the
    // status is unknown with the reason.
    Ran unreachable = verifyIn(folder, quotedPath(pdf) + " --trust " + quotedPath(certificate) +
                                           " --server http://127.0.0.1:1");
    BOOST_TEST(unreachable.status == 0, unreachable.output);
    BOOST_TEST(says(unreachable.output, "edition: unknown"), unreachable.output);
}

BOOST_AUTO_TEST_CASE(ca_issued_seal_is_trusted_by_the_api_and_by_the_cli_given_the_ca) {
    TempDir pkiFolder("verify-ca");
    TestPki pki = makeTestPki(pkiFolder.path());
    IssuingServer server({{"NUSQA_SIGNING_PKCS12", pki.seal.p12.string()},
                          {"NUSQA_SIGNING_PASSWORD", pki.seal.password},
                          {"NUSQA_SIGNING_TRUSTED_CERTIFICATES", pki.caPem.string()}});
    fs::path folder = pkiFolder.path() / "empty";
    fs::create_directory(folder);
    fs::path pdf = pkiFolder.path() / "edition.pdf";
    writeFile(pdf, server.pdf);

    std::string api = server.verify(server.pdf);
    BOOST_TEST(says(api, R"("trusted":true)"), api);
    BOOST_TEST(says(api, R"("genuine":true)"), api);

    Ran trusting =
        verifyIn(folder, quotedPath(pdf) + " --trust " + quotedPath(pki.caPem) + " --json");
    BOOST_TEST(trusting.status == 0, trusting.output);
    BOOST_TEST(says(trusting.output, R"("trusted":true)"), trusting.output);
    BOOST_TEST(says(trusting.output, R"("sealed":true)"), trusting.output);
    Ran text = verifyIn(folder, quotedPath(pdf) + " --trust " + quotedPath(pki.caPem));
    BOOST_TEST(says(text.output, "seal: the organisation's"), text.output);
    // An anchor the seal does not chain to (a person's certificate): valid,
    // but not the organisation's seal.
    Ran other =
        verifyIn(folder, quotedPath(pdf) + " --trust " + quotedPath(pki.personal[0].certPem));
    BOOST_TEST(other.status == 0, other.output);
    BOOST_TEST(says(other.output, "certificate not trusted"), other.output);
    BOOST_TEST(says(other.output, "not shown to be the organisation's"), other.output);
    // The anchor from the settings (signing.trustedCertificates) counts too.
    Ran configured = verifyIn(folder, quotedPath(pdf) + " --server " + server.url(),
                              "NUSQA_SIGNING_TRUSTED_CERTIFICATES=" + pki.caPem.string());
    BOOST_TEST(configured.status == 0, configured.output);
    BOOST_TEST(says(configured.output, "PAdES-B-B, trusted"), configured.output);
    BOOST_TEST(says(configured.output, "a genuine rendition of edition " +
                                           std::to_string(server.editionId) + ", status draft"),
               configured.output);
    BOOST_TEST(fs::is_empty(folder));
}

BOOST_AUTO_TEST_SUITE_END()
