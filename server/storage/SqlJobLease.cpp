// SqlRecordStore: the job lease (migration 6).
#include "storage/detail/SqlRecordStore.h"

namespace nusqa::storage {

// One UPDATE decides: it matches the row only when the lease is free,
// expired or already this holder's. On Galera two nodes may both see "1 row"
// inside their transactions; the second to commit fails certification
// (1213), the executor runs the unit again, and then it matches nothing. So
// the answer is read only after transact() returned, i.e. after COMMIT.
Result<bool> SqlRecordStore::acquireLease(const std::string& name, const std::string& holder,
                                          std::int64_t now, std::int64_t expiresAt) {
    bool held = false;
    NUSQA_TRY(run("acquire lease", Access::Write, [&](SqlSession& session) -> Status {
        held = false;
        std::int64_t matched = 0;
        NUSQA_TRY(executeSql(
            session,
            "UPDATE job_lease SET holder = ?, expires_at = ?"
            " WHERE name = ? AND (holder = ? OR holder = '' OR expires_at <= ?)",
            [&](SqlStatement& update) {
                update.bind(holder).bind(expiresAt).bind(name).bind(holder).bind(now);
            },
            &matched));
        if (matched == 1) {
            held = true;
            return {};
        }
        auto exists = NUSQA_TRY(session.prepare("SELECT 1 FROM job_lease WHERE name = ?"));
        exists->bind(name);
        if (!NUSQA_TRY(exists->next()))
            return fail(ErrorCode::NotFound, "no job lease named '" + name + "'");
        return {};
    }));
    return held;
}

Status SqlRecordStore::releaseLease(const std::string& name, const std::string& holder) {
    return run("release lease", Access::Write, [&](SqlSession& session) -> Status {
        return executeSql(
            session,
            "UPDATE job_lease SET holder = '', expires_at = 0 WHERE name = ? AND holder = ?",
            [&](SqlStatement& update) { update.bind(name).bind(holder); });
    });
}

}  // namespace nusqa::storage
