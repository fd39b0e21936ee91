// LifecycleWorkload: the lifecycle's signing acts for the crash loop — the
// quality office registers a document distributed to the cast's unit, adds
// an edition and sends it for agreement to the cast's approver; the
// approver agrees (an agreement-step decision), approves it effective today
// (so it comes into force and familiarization is assigned to the unit, the
// approver included) and signs the familiarization. Each act re-enters the
// password. Acknowledged agreements, approvals and familiarizations go into
// the ledger. Every document is the client's own; all clients share the
// approver (the acts contend on the audit chain, the lifecycle tables and
// the password-hashing limit). An edition whose acts the kill cut short is
// taken up again by a client of the next cycle: the next act follows from
// its status as the restarted server reports it (an act in flight at the
// kill may or may not have committed; either is correct).
// Thread safety: run() from several threads at once; the cast must not
// change while a run is under way (the loop logs the approver in again
// between cycles).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "CrashWorkload.h"

namespace nusqa::test {

// The people of the lifecycle workload, made before the first cycle.
struct CrashCast {
    std::string officePassword;  // the client passed to run() is the office's
    std::int64_t unitId = 0;     // every lifecycle document is distributed here
    std::int64_t approverId = 0;
    std::string approverPassword;
    std::optional<HttpClient> approver;  // a session of this cycle's server
    std::int64_t signatoryId = 0;        // the route's signatory, who approves
    std::string signatoryPassword;
    std::optional<HttpClient> signatory;  // a session of this cycle's server
    // The effective date of the next approval ("": the approval date, so the
    // edition comes into force at once); the cluster test approves some
    // editions for a later date so that the scheduler brings them in.
    std::function<std::string()> effectiveDate;
};

class LifecycleWorkload final : public CrashWorkload {
public:
    // templateXml: as for RegisterWorkload; cast: outlives the workload.
    LifecycleWorkload(std::string templateXml, const CrashCast& cast)
        : _template(std::move(templateXml)), _cast(cast) {}
    const char* name() const override { return "lifecycle"; }
    CrashClientReport run(const HttpClient& client, const std::string& prefix, std::mt19937& random,
                          CrashLedger& ledger, const std::atomic<bool>& stop) const override;

private:
    class Acts;
    std::optional<std::int64_t> takePending() const;
    void putPending(std::int64_t editionId) const;

    std::string _template;
    const CrashCast& _cast;
    mutable std::mutex _mutex;
    mutable std::deque<std::int64_t> _pending;  // editions whose acts are not all done
};

}  // namespace nusqa::test
