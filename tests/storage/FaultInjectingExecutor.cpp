#include "storage/FaultInjectingExecutor.h"

namespace nusqa::test {
namespace {

// A session whose n-th prepared statement fails.
class FaultySession final : public storage::SqlSession {
public:
    FaultySession(storage::SqlSession& inner, std::atomic<int>& countdown)
        : storage::SqlSession(inner.dialect()), _inner(inner), _countdown(countdown) {}

    Result<std::unique_ptr<storage::SqlStatement>> prepare(const std::string& sql) override {
        int left = _countdown.load();
        if (left >= 0) {
            _countdown.store(left - 1);
            if (left == 0)
                return fail(ErrorCode::Internal, "injected fault before: " + sql.substr(0, 60));
        }
        return _inner.prepare(sql);
    }
    Result<std::int64_t> lastInsertId() override { return _inner.lastInsertId(); }

private:
    storage::SqlSession& _inner;
    std::atomic<int>& _countdown;
};

}  // namespace

Status FaultInjectingExecutor::transact(const char* operation, storage::Access access,
                                        const std::function<Status(storage::SqlSession&)>& body) {
    // Reads are not counted: a failed read writes nothing by itself, and a
    // read after a committed write (the record an act answers with) would
    // report a failure of an act that is done.
    if (_countdown.load() < 0 || access == storage::Access::Read)
        return _inner->transact(operation, access, body);
    return _inner->transact(operation, access, [&](storage::SqlSession& session) {
        FaultySession faulty(session, _countdown);
        return body(faulty);
    });
}

}  // namespace nusqa::test
