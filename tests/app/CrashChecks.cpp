#include "CrashChecks.h"

#include <set>

#include "ServerProcess.h"
#include "support/SqlProbe.h"

namespace nusqa::test {

std::string crashStoreUrl(const std::map<std::string, std::string>& environment) {
    auto url = environment.find("NUSQA_STORE_URL");
    if (url != environment.end()) return url->second;
    return "sqlite:" + environment.at("NUSQA_DATA_DIR") + "/nusqa.db";
}

long long crashAuditEntries(const std::map<std::string, std::string>& environment) {
    return std::stoll(
        SqlProbe(crashStoreUrl(environment)).scalar("SELECT COUNT(*) FROM audit_log"));
}

namespace {

// The database's own check of its files (SQLite: pages, indexes, foreign
// keys; MariaDB: CHECK TABLE on every table of the database), and two
// row-level checks across tables that a half-written act would break.
std::vector<std::string> databaseIntact(const std::map<std::string, std::string>& environment,
                                        const CrashLedger&) {
    const std::string url = crashStoreUrl(environment);
    SqlProbe probe(url);
    std::vector<std::string> problems;
    if (url.starts_with("sqlite:")) {
        for (const auto& row : probe.query("PRAGMA integrity_check"))
            if (row.at(0) != "ok") problems.push_back("PRAGMA integrity_check: " + row.at(0));
        for (const auto& row : probe.query("PRAGMA foreign_key_check"))
            problems.push_back("PRAGMA foreign_key_check: row " + row.at(1) + " of " + row.at(0) +
                               " names a missing row of " + row.at(2));
    } else {
        std::string tables;
        for (const auto& row : probe.query("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_schema = DATABASE() ORDER BY 1"))
            tables += (tables.empty() ? "`" : ", `") + row.at(0) + "`";
        if (tables.empty()) return {"the database has no tables"};
        // Rows: table, operation, message type, message text.
        for (const auto& row : probe.query("CHECK TABLE " + tables))
            if (row.at(2) == "error" || row.at(2) == "warning" ||
                (row.at(2) == "status" && row.at(3) != "OK"))
                problems.push_back("CHECK TABLE " + row.at(0) + ": " + row.at(2) + ": " +
                                   row.at(3));
    }
    const std::string unsignedAgreements = probe.scalar(
        "SELECT COUNT(*) FROM agreement_steps a WHERE a.decision = 'agreed' AND NOT EXISTS "
        "(SELECT 1 FROM signatures s WHERE s.edition_id = a.edition_id AND s.user_id = a.user_id "
        "AND s.meaning = 'agreed')");
    if (unsignedAgreements != "0")
        problems.push_back(unsignedAgreements + " agreement steps agreed without a signature");
    const std::string unsignedFamiliarizations = probe.scalar(
        "SELECT COUNT(*) FROM familiarizations f WHERE f.signed_at <> '' AND NOT EXISTS "
        "(SELECT 1 FROM signatures s WHERE s.id = f.signature_id AND s.edition_id = f.edition_id "
        "AND s.user_id = f.user_id AND s.meaning = 'familiarized')");
    if (unsignedFamiliarizations != "0")
        problems.push_back(unsignedFamiliarizations +
                           " familiarizations marked signed without their signature");
    return problems;
}

// Every acknowledged agreement decision and familiarization signature is
// in the store, and every PDF served has its audit entry (read out of band: the server is down).
std::vector<std::string> acknowledgedSignaturesPresent(
    const std::map<std::string, std::string>& environment, const CrashLedger& ledger) {
    SqlProbe probe(crashStoreUrl(environment));
    auto pairs = [&](const std::string& sql) {
        std::set<SignedAct> found;
        for (const auto& row : probe.query(sql))
            found.insert({std::stoll(row.at(0)), std::stoll(row.at(1))});
        return found;
    };
    const std::set<SignedAct> agreed =
        pairs("SELECT edition_id, user_id FROM agreement_steps WHERE decision = 'agreed'");
    const std::set<SignedAct> familiarized =
        pairs("SELECT edition_id, user_id FROM familiarizations WHERE signed_at <> ''");
    std::vector<std::string> problems;
    for (const auto& [edition, user] : ledger.agreements())
        if (!agreed.contains({edition, user}))
            problems.push_back("acknowledged agreement of edition " + std::to_string(edition) +
                               " by user " + std::to_string(user) + " is missing");
    std::map<std::int64_t, std::int64_t> downloadEntries;
    for (const auto& row : probe.query("SELECT object_id, COUNT(*) FROM audit_log WHERE action = "
                                       "'edition.download_pdf' GROUP BY object_id"))
        downloadEntries[std::stoll(row.at(0))] = std::stoll(row.at(1));
    for (const auto& [edition, served] : ledger.downloads())
        if (downloadEntries[edition] < served)
            problems.push_back("edition " + std::to_string(edition) + " was downloaded " +
                               std::to_string(served) + " times, but has " +
                               std::to_string(downloadEntries[edition]) + " download entries");
    for (const auto& [edition, user] : ledger.familiarizations())
        if (!familiarized.contains({edition, user}))
            problems.push_back("acknowledged familiarization with edition " +
                               std::to_string(edition) + " by user " + std::to_string(user) +
                               " is missing");
    return problems;
}

std::vector<std::string> auditVerifies(const std::map<std::string, std::string>& environment,
                                       const CrashLedger&) {
    CommandResult verified = runNusqa("audit verify", environment);
    if (verified.exitCode == 0 && verified.output.find("audit log intact") != std::string::npos &&
        verified.output.find("every register change has its audit entry") != std::string::npos)
        return {};
    return {"nusqa audit verify exited " + std::to_string(verified.exitCode) + ":\n" +
            verified.output};
}

std::vector<std::string> acknowledgedDocumentsPresent(const HttpClient& client,
                                                      const CrashLedger& ledger) {
    std::vector<std::string> problems;
    for (const auto& [id, code] : ledger.documents()) {
        HttpReply reply = client.get("/api/v1/documents/" + std::to_string(id));
        if (reply.status != 200)
            problems.push_back("acknowledged document " + std::to_string(id) + " (" + code +
                               ") is missing: " + std::to_string(reply.status));
        else if (jsonString(reply.body, "code") != code)
            problems.push_back("document " + std::to_string(id) + " is " +
                               jsonString(reply.body, "code") + ", not " + code);
    }
    return problems;
}

std::vector<std::string> acknowledgedEditionsPresent(const HttpClient& client,
                                                     const CrashLedger& ledger) {
    std::vector<std::string> problems;
    for (const auto& [id, acknowledged] : ledger.editions()) {
        const std::string name = "acknowledged edition " + std::to_string(id);
        HttpReply reply = client.get("/api/v1/editions/" + std::to_string(id));
        if (reply.status != 200) {
            problems.push_back(name + " is missing: " + std::to_string(reply.status));
            continue;
        }
        long long revision = jsonInt(reply.body, "revision");
        std::string status = jsonString(reply.body, "status");
        if (revision < acknowledged.revision)
            problems.push_back(name + " is at revision " + std::to_string(revision) +
                               ", revision " + std::to_string(acknowledged.revision) +
                               " was acknowledged");
        else if (revision == acknowledged.revision &&
                 jsonString(reply.body, "sha256") != acknowledged.sha256)
            problems.push_back(name + " has another SHA-256 at revision " +
                               std::to_string(revision));
        if (acknowledged.inForce && status != "in_force" && status != "superseded")
            problems.push_back(name + " was registered in force but is " + status);
        else if (acknowledged.approved && status != "approved" && status != "in_force" &&
                 status != "superseded")
            problems.push_back(name + " was approved but is " + status);
    }
    return problems;
}

}  // namespace

std::vector<OfflineCheck> offlineCrashChecks() {
    return {{"database integrity", databaseIntact},
            {"audit verify", auditVerifies},
            {"acknowledged signatures", acknowledgedSignaturesPresent}};
}

std::vector<OnlineCheck> onlineCrashChecks() {
    return {{"acknowledged documents", acknowledgedDocumentsPresent},
            {"acknowledged editions", acknowledgedEditionsPresent}};
}

}  // namespace nusqa::test
