#include "RegisterWorkload.h"

#include "CrashSession.h"

namespace nusqa::test {
namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    std::size_t at = text.find(from);
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};
const std::map<std::string, std::string> kXml{{"Content-Type", "application/xml"}};

std::map<std::string, std::string> ifMatch(std::int64_t revision) {
    return {{"Content-Type", "application/xml"},
            {"If-Match", "\"" + std::to_string(revision) + "\""}};
}

}  // namespace

CrashClientReport RegisterWorkload::run(const HttpClient& client, const std::string& prefix,
                                        std::mt19937& random, CrashLedger& ledger,
                                        const std::atomic<bool>& stop) const {
    CrashClientReport report;
    CrashSession session(client, ledger, report);
    std::uniform_int_distribution<int> edits(1, 3);
    auto running = [&] { return !stop.load() && !session.gone() && report.unexpected.empty(); };
    for (int n = 0; running(); ++n) {
        const std::string code = "CL " + prefix + "-" + std::to_string(n);
        const std::string xml =
            replaced(_template, "<code>СМЖ 07.БЕ.99</code>", "<code>" + code + "</code>");
        auto document = session.send(
            "POST", "/api/v1/documents",
            R"({"code":")" + code +
                R"(","kind":"regulation","title":"Сынақ бөлімі туралы","language":"kk"})",
            kJson);
        if (!document) break;
        const std::int64_t documentId = jsonInt(document->body, "id");
        ledger.document(documentId, code);

        // Edition 1: added, edited a few times, registered in force.
        // Edition 2: derived from it, edited once.
        const std::string documentPath = "/api/v1/documents/" + std::to_string(documentId);
        std::optional<HttpReply> edition =
            session.send("POST", documentPath + "/editions", xml, kXml);
        for (int number = 1; edition && running(); ++number) {
            const std::int64_t editionId = jsonInt(edition->body, "id");
            std::int64_t revision = jsonInt(edition->body, "revision");
            ledger.revision(editionId, documentId, revision, jsonString(edition->body, "sha256"));
            const std::string editionPath = "/api/v1/editions/" + std::to_string(editionId);
            const std::string text = number == 1 ? xml : std::string();
            for (int edit = number == 1 ? edits(random) : 1; edit > 0 && running(); --edit) {
                // Edition 2's XML is the server's copy: fetched, then edited.
                std::string current = text;
                if (current.empty()) {
                    auto fetched =
                        session.send("GET", editionPath, {}, {{"Accept", "application/xml"}});
                    if (!fetched) break;
                    current = fetched->body;
                }
                std::string edited =
                    replaced(current, "мақсатын,", "мақсатын (" + std::to_string(revision) + "),");
                auto updated = session.send("PUT", editionPath, edited, ifMatch(revision));
                if (!updated) break;
                revision = jsonInt(updated->body, "revision");
                ledger.revision(editionId, documentId, revision,
                                jsonString(updated->body, "sha256"));
            }
            if (number == 2 || !running()) break;
            if (!session.send("POST", editionPath + "/register-in-force",
                              R"({"approverPosition":"Ректор","approverName":"Сынақ Т.",)"
                              R"("decision":"№ 1","approvalDate":"2026-01-15"})",
                              kJson))
                break;
            ledger.inForce(editionId);
            // Downloads: each served PDF is an audited act (group commit).
            for (int download = edits(random); download > 0 && running(); --download) {
                if (!session.send("GET", editionPath + "/pdf", {}, {})) break;
                ledger.downloaded(editionId);
            }
            edition = session.send("POST", documentPath + "/editions/next", {}, {});
        }
    }
    return report;
}

}  // namespace nusqa::test
