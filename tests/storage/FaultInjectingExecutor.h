// FaultInjectingExecutor: a test decorator of the storage's SqlExecutor.
// Every transaction goes to the real executor, but a write transaction runs
// through a session whose n-th prepared statement (counted from
// failStatementAfter(n) on, across write transactions; read-only ones are
// not counted) fails once with Internal "injected fault before: <SQL>". A
// test loops n = 0, 1, 2, ... over one act and checks that nothing of a
// failed act remains. Built into a Storage with storage::storageOver()
// (storage/detail/StorageAssembly.h).
// Thread safety: as the executor it wraps; the countdown is atomic.
#pragma once

#include <atomic>
#include <memory>

#include "storage/detail/SqlSession.h"

namespace nusqa::test {

class FaultInjectingExecutor final : public storage::SqlExecutor {
public:
    explicit FaultInjectingExecutor(std::unique_ptr<storage::SqlExecutor> inner)
        : _inner(std::move(inner)) {}

    Status readTogether(const char* operation, const std::function<Status()>& reads) override {
        return _inner->readTogether(operation, reads);
    }
    Status transact(const char* operation, storage::Access access,
                    const std::function<Status(storage::SqlSession&)>& body) override;

    // The n-th statement prepared from now on fails; n < 0 switches it off.
    void failStatementAfter(int n) { _countdown.store(n); }

private:
    std::unique_ptr<storage::SqlExecutor> _inner;
    std::atomic<int> _countdown{-1};
};

}  // namespace nusqa::test
