#include "storage/detail/GroupCommit.h"

#include <condition_variable>
#include <utility>
#include <vector>

namespace nusqa::storage {

struct GroupCommit::Pending {
    const char* operation;
    const std::function<Status(SqlSession&)>* body;
    Status result;
    bool done = false;
    // Each caller waits on its own: a batch's end wakes its callers and the
    // next leader, not every waiting thread (dozens under load).
    std::condition_variable wake;
};

Status GroupCommit::run(const char* operation, const std::function<Status(SqlSession&)>& body) {
    Pending mine{operation, &body, {}, false, {}};
    std::unique_lock lock(_mutex);
    _queue.push_back(&mine);
    while (!mine.done) {
        if (_leading) {
            mine.wake.wait(lock);
            continue;
        }
        // No batch is under way, and this caller's body is still queued (a
        // leader answers every body it takes before it lets go): lead the
        // next batch, which takes what queued up meanwhile.
        _leading = true;
        std::deque<Pending*> batch;
        while (!_queue.empty() && batch.size() < _maximumBatch) {
            batch.push_back(_queue.front());
            _queue.pop_front();
        }
        lock.unlock();
        runBatch(batch);
        lock.lock();
        ++_commits;
        _bodies += static_cast<std::int64_t>(batch.size());
        _leading = false;
        for (Pending* pending : batch) {
            pending->done = true;
            if (pending != &mine) pending->wake.notify_one();
        }
        // The first of those queued meanwhile leads the next batch.
        if (!_queue.empty()) _queue.front()->wake.notify_one();
    }
    return std::move(mine.result);
}

void GroupCommit::runBatch(std::deque<Pending*>& batch) {
    if (batch.size() == 1) {
        // Alone: no savepoint; the body's failure rolls back the transaction.
        Pending& only = *batch.front();
        only.result = _executor.transact(only.operation, Access::Write, *only.body);
        return;
    }
    const char* backend = "storage";
    // First without savepoints: nearly every batch succeeds whole, and a
    // savepoint and its release are two statements more per body (a third of
    // a download's audit append). When a body fails, that transaction is
    // rolled back and the batch runs again with a savepoint per body.
    bool bodyFailed = false;
    Status committed =
        _executor.transact("group commit", Access::Write, [&](SqlSession& session) -> Status {
            backend = session.dialect() == SqlDialect::Mysql ? "storage/mysql" : "storage/sqlite";
            bodyFailed = false;
            for (Pending* pending : batch) {
                pending->result = (*pending->body)(session);
                if (!pending->result) {
                    bodyFailed = true;
                    return fail(ErrorCode::Internal, "a body of the batch failed");
                }
            }
            return {};
        });
    if (bodyFailed) {
        committed =
            _executor.transact("group commit", Access::Write, [&](SqlSession& session) -> Status {
                for (Pending* pending : batch) {
                    pending->result = Status{};
                    NUSQA_TRY(executeSql(session, "SAVEPOINT group_item", [](SqlStatement&) {}));
                    pending->result = (*pending->body)(session);
                    if (!pending->result)
                        NUSQA_TRY(executeSql(session, "ROLLBACK TO SAVEPOINT group_item",
                                             [](SqlStatement&) {}));
                    NUSQA_TRY(
                        executeSql(session, "RELEASE SAVEPOINT group_item", [](SqlStatement&) {}));
                }
                return {};
            });
    }
    for (Pending* pending : batch) {
        if (!committed) {
            // Nothing of the batch is durable: every caller fails, also one
            // whose body had succeeded.
            pending->result = std::unexpected(committed.error());
        } else if (!pending->result) {
            pending->result =
                std::unexpected(std::move(pending->result)
                                    .error()
                                    .withContext(std::string(backend) + ": " + pending->operation));
        }
    }
}

std::int64_t GroupCommit::commits() const {
    std::lock_guard lock(_mutex);
    return _commits;
}

std::int64_t GroupCommit::bodies() const {
    std::lock_guard lock(_mutex);
    return _bodies;
}

std::size_t GroupCommit::queued() const {
    std::lock_guard lock(_mutex);
    return _queue.size();
}

}  // namespace nusqa::storage
