// The certification-audit package (issue 13, Done-when 5) on both backends:
// a period holding the lifecycle scenario (register, route, agree, approve,
// in force, familiarize: on time, late, overdue) packaged by
// GET /api/v1/audit-package and by `nusqa audit-package`. The ZIP unzips
// (unzip) to exactly the files of its manifest, each with the SHA-256 and
// size the manifest gives; every PDF passes pdfsig (its text parsed) and
// qpdf --check and prints Kazakh text; the familiarization CSV's counts are
// the API's; the audit extract's chain links and its hashes recompute; the
// command line writes the same tables. Refusals: a period over five years,
// an employee, a reversed period.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "LifecycleScenario.h"
#include "crypto/AuditChain.h"
#include "crypto/Digest.h"

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

namespace {

std::pair<int, std::string> run(const std::string& command) {
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
    std::string output;
    char buffer[4096];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, read);
    int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::string quoted(const std::filesystem::path& path) {
    return "'" + path.string() + "'";
}

// RFC 4180 records of a CSV with a byte-order mark.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    BOOST_TEST_REQUIRE(text.starts_with("\xEF\xBB\xBF"));
    std::vector<std::vector<std::string>> records(1);
    std::string field;
    bool quotedField = false;
    for (std::size_t i = 3; i < text.size(); ++i) {
        char c = text[i];
        if (quotedField) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quotedField = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quotedField = true;
        } else if (c == ',') {
            records.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            records.back().push_back(std::move(field));
            field.clear();
            records.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    BOOST_TEST(records.back().empty());  // ends with CRLF
    records.pop_back();
    return records;
}

// The rows of a CSV as maps from column name to value.
std::vector<std::map<std::string, std::string>> rowsOf(const std::string& text) {
    auto records = parseCsv(text);
    BOOST_TEST_REQUIRE(!records.empty());
    std::vector<std::map<std::string, std::string>> rows;
    for (std::size_t r = 1; r < records.size(); ++r) {
        BOOST_TEST_REQUIRE(records[r].size() == records[0].size(), "row " << r);
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < records[0].size(); ++c) row[records[0][c]] = records[r][c];
        rows.push_back(std::move(row));
    }
    return rows;
}

struct Package {
    std::map<std::string, std::string> files;  // name -> bytes, manifest.json included
    Poco::JSON::Object::Ptr manifest;
};

// Unzips with unzip(1) and checks the files against the manifest: exactly
// the listed files, each with its size and SHA-256.
Package unpack(const std::filesystem::path& zip, const std::string& what) {
    TempDir directory("unzipped");
    auto [code, output] = run("unzip -q -o " + quoted(zip) + " -d " + quoted(directory.path()));
    BOOST_TEST_REQUIRE(code == 0, what << ": " << output);
    Package package;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(directory.path()))
        if (entry.is_regular_file())
            package.files[std::filesystem::relative(entry.path(), directory.path()).string()] =
                readFile(entry.path());
    BOOST_TEST_REQUIRE(package.files.contains("manifest.json"), what);
    package.manifest = parse(package.files.at("manifest.json"));
    auto listed = package.manifest->getArray("files");
    std::set<std::string> names{"manifest.json"};
    for (std::size_t i = 0; i < listed->size(); ++i) {
        auto file = listed->getObject(static_cast<unsigned>(i));
        std::string name = file->getValue<std::string>("name");
        names.insert(name);
        BOOST_TEST_REQUIRE(package.files.contains(name), what << ": " << name << " missing");
        const std::string& bytes = package.files.at(name);
        BOOST_TEST(crypto::sha256Hex(bytes) == file->getValue<std::string>("sha256"),
                   what << ": " << name);
        BOOST_TEST(static_cast<long long>(bytes.size()) == file->getValue<long long>("size"),
                   what << ": " << name);
    }
    std::set<std::string> unzipped;
    for (const auto& [name, bytes] : package.files) unzipped.insert(name);
    BOOST_TEST((unzipped == names), what << ": the archive holds exactly the listed files");
    return package;
}

// pdfsig's text: one signature, valid, the whole document signed; qpdf --check clean.
void checkPdf(const std::string& name, const std::string& pdf) {
    TempDir directory("pdf");
    std::filesystem::path file = directory.path() / "table.pdf";
    writeFile(file, pdf);
    auto [sigCode, sig] = run("pdfsig " + quoted(file));
    BOOST_TEST(sig.find("Signature #1") != std::string::npos, name << ": " << sig);
    BOOST_TEST(sig.find("Signature #2") == std::string::npos, name << ": " << sig);
    BOOST_TEST(sig.find("Signature Validation: Signature is Valid.") != std::string::npos,
               name << ": " << sig);
    BOOST_TEST(sig.find("- Total document signed") != std::string::npos, name << ": " << sig);
    auto [qpdfCode, qpdf] = run("qpdf --check " + quoted(file));
    BOOST_TEST(qpdfCode == 0, name << ": " << qpdf);
    BOOST_TEST(qpdf.find("No syntax or stream encoding errors found") != std::string::npos,
               name << ": " << qpdf);
}

std::string pdfText(const std::string& pdf) {
    TempDir directory("text");
    std::filesystem::path file = directory.path() / "table.pdf";
    writeFile(file, pdf);
    return run("pdftotext -q -enc UTF-8 " + quoted(file) + " -").second;
}

}  // namespace

BOOST_DATA_TEST_CASE(audit_package_of_the_lifecycle, data::make(kBackends), backend) {
    BOOST_TEST_MESSAGE("backend " << backend);
    AuthSettings auth;
    auth.sessionHours = 24 * 30;
    ServerHarness server(backend, {}, auth);
    HttpClient office = server.client();
    const std::string from = server.clock().today();
    Unit unitA = server.addUnit("Зертхана", "Лаборатория");
    Unit unitB = server.addUnit("Кафедра", "Кафедра");
    TestUser approver = server.addUser("approver", {Role::Approver});
    TestUser rector = server.addUser("rector", {Role::Approver});
    TestUser auditor = server.addUser("auditor", {Role::Auditor});
    std::vector<TestUser> employees;
    for (int i = 0; i < 6; ++i)
        employees.push_back(server.addUser("employee" + std::to_string(i), {Role::Employee},
                                           i < 3 ? unitA.id : unitB.id));

    // Register, route, agree, approve: in force at once; familiarization
    // assigned to the six.
    std::string xml = readFile(fixture("minimal.xml"));
    HttpReply document = office.postJson(
        "/api/v1/documents",
        R"({"code":"СМЖ 07.БЕ.99","kind":"regulation","title":"Сынақ бөлімі туралы","unit":"Сапа бөлімі","language":"kk"})");
    BOOST_TEST_REQUIRE(document.status == 201, document.body);
    long long documentId = jsonInt(document.body, "id");
    HttpReply created =
        office.postXml("/api/v1/documents/" + std::to_string(documentId) + "/editions", xml);
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    long long id = jsonInt(created.body, "id");
    BOOST_TEST_REQUIRE(
        office
            .request(
                "PUT", "/api/v1/documents/" + std::to_string(documentId) + "/distribution",
                "{\"unitIds\":[" + std::to_string(unitA.id) + "," + std::to_string(unitB.id) + "]}",
                {{"Content-Type", "application/json"}})
            .status == 200);
    BOOST_TEST_REQUIRE(
        office
            .postJson(editionPath(id) + "/submit",
                      R"({"password":")" + server.office().password + R"(","route":[{"userId":)" +
                          std::to_string(approver.user.id) + R"(}],"signatoryUserId":)" +
                          std::to_string(rector.user.id) + "}")
            .status == 200);
    BOOST_TEST_REQUIRE(
        server.clientFor(approver)
            .postJson(editionPath(id) + "/agree", signBody(approver.password, "келісемін"))
            .status == 200);
    HttpReply approved = server.clientFor(rector).postJson(
        editionPath(id) + "/approve",
        R"({"password":")" + rector.password + R"(","decision":"Ғылыми кеңестің №5 шешімі"})");
    BOOST_TEST_REQUIRE(approved.status == 200, approved.body);
    BOOST_TEST_REQUIRE(jsonString(approved.body, "status") == "in_force");

    // Two controlled copies issued, the second returned.
    std::vector<long long> copyIds;
    for (const TestUser* holder : {&employees[0], &employees[3]}) {
        HttpReply copy =
            office.postJson(editionPath(id) + "/copies",
                            R"({"holderUserId":)" + std::to_string(holder->user.id) + "}");
        BOOST_TEST_REQUIRE(copy.status == 201, copy.body);
        copyIds.push_back(jsonInt(copy.body, "id"));
    }
    HttpReply recalled =
        office.postJson("/api/v1/copies/" + std::to_string(copyIds[1]) + "/recall", "{}");
    BOOST_TEST_REQUIRE(recalled.status == 200, recalled.body);

    // Two sign on time, one late, three are overdue at the end.
    auto familiarize = [&](const TestUser& employee) {
        BOOST_TEST_REQUIRE(
            server.clientFor(employee)
                .postJson(editionPath(id) + "/familiarize", signBody(employee.password))
                .status == 201);
    };
    familiarize(employees[0]);
    familiarize(employees[3]);
    server.clock().advance(12 * kDay);
    familiarize(employees[1]);
    const std::string to = server.clock().today();

    // Refused: too long a period, reversed, an employee.
    HttpClient asAuditor = server.clientFor(auditor);
    BOOST_TEST(asAuditor.get("/api/v1/audit-package?from=2019-01-01&to=" + to).status == 400);
    BOOST_TEST(asAuditor.get("/api/v1/audit-package?from=" + to + "&to=" + from).status == 400);
    BOOST_TEST(server.clientFor(employees[0])
                   .get("/api/v1/audit-package?from=" + from + "&to=" + to)
                   .status == 403);

    auto started = std::chrono::steady_clock::now();
    HttpReply reply = asAuditor.get("/api/v1/audit-package?from=" + from + "&to=" + to);
    BOOST_TEST_MESSAGE(
        backend << ": package of " << reply.body.size() << " bytes in "
                << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
                << " s");
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body.substr(0, 300));
    BOOST_TEST(reply.header("content-type") == "application/zip");
    TempDir work("package");
    writeFile(work.path() / "api.zip", reply.body);
    Package package = unpack(work.path() / "api.zip", "API");
    BOOST_TEST(reply.header("x-manifest-sha256") ==
               crypto::sha256Hex(package.files.at("manifest.json")));

    // Every table as CSV and sealed PDF (the audit log as CSV only).
    for (const char* table : {"register-in-force", "register-changes", "approvals",
                              "approval-route", "approval-signatures", "change-records",
                              "familiarization", "reviews", "audit-verification"}) {
        BOOST_TEST(package.files.contains(std::string("csv/") + table + ".csv"), table);
        BOOST_TEST_REQUIRE(package.files.contains(std::string("pdf/") + table + ".pdf"), table);
        checkPdf(table, package.files.at(std::string("pdf/") + table + ".pdf"));
    }
    BOOST_TEST(package.files.contains("csv/audit-log.csv"));
    // A sealed table is the organisation's, and says it is a table: the
    // verifier looks no edition up for it.
    HttpReply tableCheck =
        asAuditor.request("POST", "/api/v1/verify", package.files.at("pdf/approvals.pdf"),
                          {{"Content-Type", "application/pdf"}});
    BOOST_TEST(tableCheck.body.find(R"("genuine":true,"printed":"table")") != std::string::npos,
               tableCheck.body);
    std::string registerText = pdfText(package.files.at("pdf/register-in-force.pdf"));
    BOOST_TEST(registerText.find("Сынақ бөлімі туралы") != std::string::npos, registerText);
    BOOST_TEST(registerText.find("Қолданыстағы құжаттар тізбесі") != std::string::npos);

    // The master list and its change, the approval record.
    auto inForce = rowsOf(package.files.at("csv/register-in-force.csv"));
    BOOST_TEST_REQUIRE(inForce.size() == 1u);
    BOOST_TEST(inForce[0]["code"] == "СМЖ 07.БЕ.99");
    BOOST_TEST(inForce[0]["editionId"] == std::to_string(id));
    auto changes = rowsOf(package.files.at("csv/register-changes.csv"));
    BOOST_TEST_REQUIRE(changes.size() == 1u);
    BOOST_TEST(changes[0]["change"] == "entered_into_force");
    BOOST_TEST(changes[0]["date"] == from);
    auto approvals = rowsOf(package.files.at("csv/approvals.csv"));
    BOOST_TEST_REQUIRE(approvals.size() == 1u);
    BOOST_TEST(approvals[0]["decision"] == "Ғылыми кеңестің №5 шешімі");
    BOOST_TEST(approvals[0]["signatory"] == rector.user.fullNameKk);
    std::multiset<std::string> meanings;
    for (auto& row : rowsOf(package.files.at("csv/approval-signatures.csv")))
        meanings.insert(row["meaning"]);
    BOOST_TEST((meanings == std::multiset<std::string>{"prepared", "agreed", "approved"}));
    BOOST_TEST(rowsOf(package.files.at("csv/approval-route.csv")).size() == 2u);

    // Familiarization: the CSV's counts are the API's.
    auto assignments =
        parse(office.get(editionPath(id) + "/familiarizations").body)->getArray("items");
    long long signedCount = 0;
    for (std::size_t i = 0; i < assignments->size(); ++i)
        if (!assignments->getObject(static_cast<unsigned>(i))
                 ->getValue<std::string>("signedAt")
                 .empty())
            ++signedCount;
    auto overdue = parse(office.get("/api/v1/familiarizations/overdue").body)->getArray("items");
    BOOST_TEST(assignments->size() == 6u);
    BOOST_TEST(overdue->size() == 3u);
    std::map<std::string, std::map<std::string, std::string>> byScope;
    for (auto& row : rowsOf(package.files.at("csv/familiarization.csv")))
        byScope[row["scope"] + ":" + row["unitId"]] = row;
    auto& total = byScope["edition:"];
    BOOST_TEST(std::stoul(total["assigned"]) == assignments->size());
    BOOST_TEST(std::stoll(total["signedOnTime"]) + std::stoll(total["signedLate"]) == signedCount);
    BOOST_TEST(total["signedOnTime"] == "2");
    BOOST_TEST(total["signedLate"] == "1");
    BOOST_TEST(std::stoul(total["overdue"]) == overdue->size());
    for (const Unit& unit : {unitA, unitB}) {
        auto late =
            parse(
                office.get("/api/v1/familiarizations/overdue?unit=" + std::to_string(unit.id)).body)
                ->getArray("items");
        auto& row = byScope["unit:" + std::to_string(unit.id)];
        BOOST_TEST(std::stoul(row["overdue"]) == late->size(), unit.nameKk);
        BOOST_TEST(row["assigned"] == "3", unit.nameKk);
        BOOST_TEST(row["unit"].find(unit.nameKk) != std::string::npos);
    }

    // The controlled copies: both issued in the period, the second returned.
    auto copies = rowsOf(package.files.at("csv/controlled-copies.csv"));
    BOOST_TEST_REQUIRE(copies.size() == 2u);
    BOOST_TEST(copies[0]["copyNumber"] == "1");
    BOOST_TEST(copies[0]["editionId"] == std::to_string(id));
    BOOST_TEST(copies[0]["code"] == "СМЖ 07.БЕ.99");
    BOOST_TEST(copies[0]["holder"] == employees[0].user.fullNameKk);
    BOOST_TEST(copies[0]["issuedAt"].substr(0, 10) == from);
    BOOST_TEST(copies[0]["recalledAt"] == "");
    BOOST_TEST(copies[0]["stateAtEnd"] == "open");
    BOOST_TEST(copies[1]["copyNumber"] == "2");
    BOOST_TEST(copies[1]["holder"] == employees[3].user.fullNameKk);
    BOOST_TEST(copies[1]["recalledAt"].substr(0, 10) == from);
    BOOST_TEST(copies[1]["stateAtEnd"] == "recalled");
    BOOST_TEST_REQUIRE(package.files.contains("pdf/controlled-copies.pdf"));
    checkPdf("controlled-copies", package.files.at("pdf/controlled-copies.pdf"));

    // The agreement sheet and familiarization log as their XML versions:
    // every version the API lists, byte for byte, indexed with its hashes
    // (and each in the manifest with its SHA-256, checked by unpack()).
    auto index = rowsOf(package.files.at("csv/record-xml.csv"));
    std::size_t versionsSeen = 0;
    for (const char* kind : {"agreement-sheet", "familiarization-log"}) {
        auto versions =
            parse(office.get(editionPath(id) + "/" + kind + "/versions").body)->getArray("items");
        BOOST_TEST_REQUIRE(versions->size() >= 2u, kind);
        std::string previous;
        for (std::size_t i = 0; i < versions->size(); ++i) {
            auto version = versions->getObject(static_cast<unsigned>(i));
            long long n = version->getValue<long long>("version");
            std::string name =
                "records/" + std::to_string(id) + "/" + kind + "-" + std::to_string(n) + ".xml";
            BOOST_TEST_REQUIRE(package.files.contains(name), name);
            const std::string& bytes = package.files.at(name);
            HttpReply stored =
                office.get(editionPath(id) + "/" + kind + "?version=" + std::to_string(n));
            BOOST_TEST_REQUIRE(stored.status == 200, name);
            BOOST_TEST((bytes == stored.body), name);
            BOOST_TEST(crypto::sha256Hex(bytes) == version->getValue<std::string>("sha256"), name);
            auto row = std::find_if(index.begin(), index.end(),
                                    [&](auto& r) { return r["file"] == name; });
            BOOST_TEST_REQUIRE((row != index.end()), name);
            BOOST_TEST((*row)["intact"] == "yes");
            BOOST_TEST((*row)["previousSha256"] == previous, name);
            previous = (*row)["sha256"];
            ++versionsSeen;
        }
    }
    BOOST_TEST(index.size() == versionsSeen);
    auto sections = package.manifest->getArray("sections");
    for (std::size_t i = 0; i < sections->size(); ++i) {
        auto section = sections->getObject(static_cast<unsigned>(i));
        BOOST_TEST(!section->has("available"), section->getValue<std::string>("name"));
    }

    // The audit extract: linked entry to entry, each hash recomputed; the
    // whole chain verified and its head named.
    auto extract = rowsOf(package.files.at("csv/audit-log.csv"));
    BOOST_TEST_REQUIRE(extract.size() > 10u);
    for (std::size_t i = 0; i < extract.size(); ++i) {
        auto& row = extract[i];
        std::string hash = crypto::auditEntryHash(
            crypto::AuditFields{std::stoll(row["sequence"]), row["at"], std::stoll(row["actorId"]),
                                row["actorLogin"], row["action"], row["objectType"],
                                row["objectId"], row["details"], row["previousHash"]});
        BOOST_TEST(hash == row["hash"], "entry " << row["sequence"]);
        if (i > 0) {
            BOOST_TEST(row["previousHash"] == extract[i - 1]["hash"], "entry " << row["sequence"]);
            BOOST_TEST(std::stoll(row["sequence"]) == std::stoll(extract[i - 1]["sequence"]) + 1);
        }
    }
    std::map<std::string, std::string> verification;
    for (auto& row : rowsOf(package.files.at("csv/audit-verification.csv")))
        verification[row["check"]] = row["value"];
    BOOST_TEST(verification["chain"] == "intact");
    BOOST_TEST(verification["extractLinked"] == "yes");
    auto audit = package.manifest->getObject("audit");
    BOOST_TEST(audit->getValue<bool>("chainIntact"));
    BOOST_TEST(audit->getValue<std::string>("headHash") == verification["headHash"]);
    BOOST_TEST(verification["headHash"] == extract.back()["hash"]);
    BOOST_TEST(runAuditVerify(server.storeUrl()).first == 0);

    // The download is recorded.
    auto recorded = parse(asAuditor.get("/api/v1/audit?action=audit.package").body);
    BOOST_TEST(recorded->getValue<long long>("total") == 1);

    // The command line writes the same package: the same files, and the
    // same tables apart from the audit trail, which has grown since.
    TempDir data("cli-data");
    std::filesystem::path cliZip = work.path() / "cli.zip";
    auto [code, output] =
        run("env NUSQA_DATA_DIR=" + quoted(data.path()) + " NUSQA_STORE_URL='" + server.storeUrl() +
            "' " + quoted(binaryDir() / "bin" / "nusqa") + " audit-package --from " + from +
            " --to " + to + " " + quoted(cliZip));
    BOOST_TEST_REQUIRE(code == 0, output);
    BOOST_TEST(output.find("audit-package: 1/14") != std::string::npos, output);  // plain lines
    BOOST_TEST(!std::filesystem::exists(cliZip.string() + ".part"));
    Package cli = unpack(cliZip, "CLI");
    std::set<std::string> apiNames, cliNames;
    for (const auto& [name, bytes] : package.files) apiNames.insert(name);
    for (const auto& [name, bytes] : cli.files) cliNames.insert(name);
    BOOST_TEST((apiNames == cliNames));
    for (const char* table : {"register-in-force", "register-changes", "approvals",
                              "approval-route", "approval-signatures", "change-records",
                              "familiarization", "reviews", "controlled-copies", "record-xml"}) {
        std::string name = std::string("csv/") + table + ".csv";
        BOOST_TEST((cli.files[name] == package.files[name]), name);
        if (std::string(table) != "record-xml")
            checkPdf(std::string("CLI ") + table, cli.files[std::string("pdf/") + table + ".pdf"]);
    }
}
