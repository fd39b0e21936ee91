#include "LifecycleWorkload.h"

#include "CrashSession.h"

namespace nusqa::test {
namespace {

const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};
const std::map<std::string, std::string> kXml{{"Content-Type", "application/xml"}};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    std::size_t at = text.find(from);
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

}  // namespace

// One client's acts on one edition, each chosen by the edition's status.
class LifecycleWorkload::Acts {
public:
    Acts(const CrashCast& cast, CrashSession& session, CrashLedger& ledger)
        : _cast(cast),
          _session(session),
          _ledger(ledger),
          _approver(*cast.approver),
          _signatory(*cast.signatory),
          _password(R"({"password":")" + cast.approverPassword + "\""),
          _signatoryPassword(R"({"password":")" + cast.signatoryPassword + "\"") {}

    // Submits, agrees, approves and familiarizes until done (true) or the
    // session ends (false: the edition is left for the next cycle).
    bool complete(std::int64_t editionId, const std::atomic<bool>& stop) {
        const std::string path = "/api/v1/editions/" + std::to_string(editionId);
        while (!stop.load() && !_session.gone()) {
            auto edition = _session.send("GET", path, {}, {});
            if (!edition) return false;
            const std::string status = jsonString(edition->body, "status");
            if (status == "draft") {
                if (!_session.send("POST", path + "/submit",
                                   R"({"password":")" + _cast.officePassword +
                                       R"(","route":[{"userId":)" +
                                       std::to_string(_cast.approverId) +
                                       R"(,"order":1}],"signatoryUserId":)" +
                                       std::to_string(_cast.signatoryId) + "}",
                                   kJson))
                    return false;
            } else if (status == "in_agreement") {
                if (!_session.sendAs(_approver, "POST", path + "/agree",
                                     _password + R"(,"comment":"келісемін"})", kJson))
                    return false;
                _ledger.agreed(editionId, _cast.approverId);
            } else if (status == "agreed") {
                const std::string effective = _cast.effectiveDate ? _cast.effectiveDate() : "";
                auto approved = _session.sendAs(
                    _signatory, "POST", path + "/approve",
                    _signatoryPassword + R"(,"decision":"№ 1")" +
                        (effective.empty() ? "" : R"(,"effectiveDate":")" + effective + "\"") + "}",
                    kJson);
                if (!approved) return false;
                _ledger.approved(editionId);
                if (jsonString(approved->body, "status") == "in_force") _ledger.inForce(editionId);
            } else if (status == "in_force") {
                return familiarize(editionId, path);
            } else {
                // approved but not yet in force: the scheduler's next run
                // brings it in; nothing to sign until then.
                return true;
            }
        }
        return false;
    }

private:
    bool familiarize(std::int64_t editionId, const std::string& path) {
        // The quality office reads the assignments: signed already when the
        // signature in flight at a kill committed; not assigned when the
        // kill came between entry into force and assignment (the
        // scheduler assigns it later): then there is nothing to sign now.
        const std::string mine = "\"userId\":" + std::to_string(_cast.approverId) + ",";
        auto open = _session.send("GET", path + "/familiarizations?signed=false", {}, {});
        if (!open) return false;
        if (open->body.find(mine) == std::string::npos) return true;
        if (!_session.sendAs(_approver, "POST", path + "/familiarize", _password + "}", kJson))
            return false;
        _ledger.familiarized(editionId, _cast.approverId);
        return true;
    }

    const CrashCast& _cast;
    CrashSession& _session;
    CrashLedger& _ledger;
    const HttpClient& _approver;
    const HttpClient& _signatory;
    const std::string _password;
    const std::string _signatoryPassword;
};

std::optional<std::int64_t> LifecycleWorkload::takePending() const {
    std::lock_guard lock(_mutex);
    if (_pending.empty()) return std::nullopt;
    std::int64_t editionId = _pending.front();
    _pending.pop_front();
    return editionId;
}

void LifecycleWorkload::putPending(std::int64_t editionId) const {
    std::lock_guard lock(_mutex);
    _pending.push_back(editionId);
}

CrashClientReport LifecycleWorkload::run(const HttpClient& client, const std::string& prefix,
                                         std::mt19937&, CrashLedger& ledger,
                                         const std::atomic<bool>& stop) const {
    CrashClientReport report;
    CrashSession session(client, ledger, report);
    Acts acts(_cast, session, ledger);
    auto running = [&] { return !stop.load() && !session.gone() && report.unexpected.empty(); };
    // First what the last kill cut short.
    while (running()) {
        auto editionId = takePending();
        if (!editionId) break;
        if (!acts.complete(*editionId, stop)) putPending(*editionId);
    }
    for (int n = 0; running(); ++n) {
        const std::string code = "CL " + prefix + "-L" + std::to_string(n);
        auto document =
            session.send("POST", "/api/v1/documents",
                         R"({"code":")" + code +
                             R"(","kind":"regulation","title":"Келісу сынағы","language":"kk"})",
                         kJson);
        if (!document) break;
        const std::int64_t documentId = jsonInt(document->body, "id");
        ledger.document(documentId, code);
        const std::string documentPath = "/api/v1/documents/" + std::to_string(documentId);
        if (!running() ||
            !session.send("PUT", documentPath + "/distribution",
                          R"({"unitIds":[)" + std::to_string(_cast.unitId) + "]}", kJson))
            break;
        const std::string xml =
            replaced(_template, "<code>СМЖ 07.БЕ.99</code>", "<code>" + code + "</code>");
        auto edition =
            running() ? session.send("POST", documentPath + "/editions", xml, kXml) : std::nullopt;
        if (!edition) break;
        const std::int64_t editionId = jsonInt(edition->body, "id");
        ledger.revision(editionId, documentId, jsonInt(edition->body, "revision"),
                        jsonString(edition->body, "sha256"));
        if (!acts.complete(editionId, stop)) {
            putPending(editionId);
            break;
        }
    }
    return report;
}

}  // namespace nusqa::test
