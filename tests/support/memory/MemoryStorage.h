// MemoryStorage: every port of one MemoryDatabase (documents, people,
// lifecycle, audit, outbox) as a nusqa::Storage, the in-memory stand-in for
// openStorage() in tests. Several MemoryStorage objects may share one
// database (a "reopened" store sees what the first one wrote).
// Thread safety: as MemoryDatabase.
#pragma once

#include <memory>

#include "storage/StoreFactory.h"
#include "support/memory/MemoryAuditLog.h"
#include "support/memory/MemoryDatabase.h"
#include "support/memory/MemoryJobLease.h"
#include "support/memory/MemoryLifecycleStore.h"
#include "support/memory/MemoryOutbox.h"
#include "support/memory/MemoryPeopleStore.h"
#include "support/memory/MemorySearchIndex.h"
#include "support/memory/MemoryStore.h"
#include "support/memory/MemoryThrottleStore.h"

namespace nusqa::test {

class MemoryStorage final : public Storage {
public:
    explicit MemoryStorage(
        std::shared_ptr<MemoryDatabase> database = std::make_shared<MemoryDatabase>());

    Store& documents() override { return _documents; }
    PeopleStore& people() override { return _people; }
    LifecycleStore& lifecycle() override { return _lifecycle; }
    AuditLog& audit() override { return _audit; }
    Outbox& outbox() override { return _outbox; }
    JobLease& leases() override { return _leases; }
    ThrottleStore& throttle() override { return _throttle; }
    Status health() override { return {}; }
    SearchIndex& search() override { return _search; }

    MemoryDatabase& database() { return *_database; }
    const std::shared_ptr<MemoryDatabase>& sharedDatabase() const { return _database; }
    MemoryOutbox& memoryOutbox() { return _outbox; }

private:
    std::shared_ptr<MemoryDatabase> _database;
    MemoryStore _documents;
    MemoryPeopleStore _people;
    MemoryLifecycleStore _lifecycle;
    MemoryAuditLog _audit;
    MemoryOutbox _outbox;
    MemoryJobLease _leases;
    MemoryThrottleStore _throttle;
    MemorySearchIndex _search;
};

}  // namespace nusqa::test
