#include "CrashChecks.h"

#include "ServerProcess.h"

namespace nusqa::test {
namespace {

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
    }
    return problems;
}

}  // namespace

std::vector<OfflineCheck> offlineCrashChecks() {
    return {{"audit verify", auditVerifies}};
}

std::vector<OnlineCheck> onlineCrashChecks() {
    return {{"acknowledged documents", acknowledgedDocumentsPresent},
            {"acknowledged editions", acknowledgedEditionsPresent}};
}

}  // namespace nusqa::test
