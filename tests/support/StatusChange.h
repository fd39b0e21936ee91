// Test set-up through the lifecycle's one write path: moves an edition to a
// status with a plain LifecycleChange (no signature, no audit entry), the
// way the storage contract suite walks editions. Entering into force goes
// through the in-force record (superseding the edition in force). For tests
// that need an edition in a state and do not test how it got there.
// Returns the store's error; not thread-safe per edition.
#pragma once

#include <cstdint>
#include <string>

#include "domain/LifecycleStore.h"

namespace nusqa::test {

inline Status changeStatus(LifecycleStore& lifecycle, std::int64_t editionId, EditionStatus status,
                           const std::string& at = utcNow()) {
    EditionLifecycle current = NUSQA_TRY(lifecycle.lifecycle(editionId));
    LifecycleChange change;
    change.editionId = editionId;
    change.expectedVersion = current.version;
    change.expectedStatus = current.edition.status;
    change.expectedSha256 = current.edition.sha256;
    change.newStatus = status;
    change.at = at;
    if (status == EditionStatus::InForce) {
        change.enterIntoForce = true;
        change.enteredAt = at;
        change.expectedInForce = NUSQA_TRY(
            lifecycle.editionInForce(current.edition.documentId, current.edition.language));
    }
    NUSQA_TRY(lifecycle.apply(change));
    return {};
}

}  // namespace nusqa::test
