// GroupCommit: many small durable writes, one commit. Writes that must be
// durable but are small and frequent (the audit entry of a download, a
// familiarization signature) each cost one commit, that is one fsync of the
// log, when run alone: the server then serves at the disk's commit rate.
// GroupCommit runs the bodies that arrive while a commit is under way
// together in one write transaction of the executor and commits once; when
// one of them fails, that transaction is rolled back and the batch runs again
// with each body under its own savepoint.
//
// Contract of run(): body runs in a write transaction shared with other
// callers' bodies, after those queued before it (so the audit chain's
// appends keep their order of arrival within a batch, and batches commit one
// after the other). run() returns only after the batch's commit returned:
// success means the body's writes are committed. A body that fails has its
// own writes rolled back and gets its own error; the others in the batch go
// on (they run a second time, under savepoints). When the batch's commit fails (or the transaction
// fails otherwise), every caller in it gets that error — none of their
// writes is acknowledged. As with SqlExecutor::transact(), a body may run
// more than once (MySQL retries a deadlock with the whole batch), so it must
// start from a clean state each time.
//
// Thread safety: run() may be called concurrently (that is the point); the
// caller of a batch's first body leads the batch, the others wait for it.
// The executor must outlive this object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>

#include "storage/detail/SqlSession.h"

namespace nusqa::storage {

class GroupCommit {
public:
    // At most maximumBatch bodies share one transaction (a long batch holds
    // the write lock and its callers' answers longer).
    explicit GroupCommit(SqlExecutor& executor, std::size_t maximumBatch = 64)
        : _executor(executor), _maximumBatch(maximumBatch) {}

    Status run(const char* operation, const std::function<Status(SqlSession&)>& body);

    // Transactions committed and bodies run in them since construction, for
    // tests and benchmarks (commits() < bodies() when batches formed).
    std::int64_t commits() const;
    std::int64_t bodies() const;
    // Bodies waiting for the next batch.
    std::size_t queued() const;

private:
    struct Pending;
    void runBatch(std::deque<Pending*>& batch);

    SqlExecutor& _executor;
    const std::size_t _maximumBatch;
    mutable std::mutex _mutex;
    std::deque<Pending*> _queue;  // waiting for a leader
    bool _leading = false;        // a batch is under way
    std::int64_t _commits = 0;
    std::int64_t _bodies = 0;
};

}  // namespace nusqa::storage
