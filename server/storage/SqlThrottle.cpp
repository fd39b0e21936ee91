// SqlRecordStore: the login throttle's counters (migration 7).
#include <algorithm>

#include "crypto/Digest.h"
#include "storage/detail/SqlRecordStore.h"

namespace nusqa::storage {

// Each counter is read with a locking read, so two nodes (or two threads)
// reserving for the same key are serialised; on Galera the loser of a
// conflict fails certification and the executor runs the whole unit again,
// decide included, over the winner's counters.
Status SqlRecordStore::update(const std::vector<ThrottleKey>& keys,
                              const std::function<Status(std::vector<ThrottleCounter>&)>& decide) {
    std::vector<std::string> hashes;
    hashes.reserve(keys.size());
    for (const ThrottleKey& key : keys) hashes.push_back(crypto::sha256Hex(key.key));
    return run("update login throttle", Access::Write, [&](SqlSession& session) -> Status {
        std::vector<ThrottleCounter> before(keys.size());
        std::vector<bool> stored(keys.size(), false);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            auto read =
                NUSQA_TRY(session.prepare(std::string("SELECT failures, last_at FROM login_throttle"
                                                      " WHERE kind = ? AND key_hash = ?") +
                                          session.forUpdate()));
            read->bind(static_cast<int>(keys[i].kind)).bind(hashes[i]);
            if (NUSQA_TRY(read->next())) {
                stored[i] = true;
                before[i] = ThrottleCounter{static_cast<int>(read->integer(0)), read->integer(1)};
            }
        }
        std::vector<ThrottleCounter> after = before;
        NUSQA_TRY(decide(after));
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const ThrottleCounter& counter = after[i];
            if (counter.failures == before[i].failures &&
                counter.lastFailure == before[i].lastFailure)
                continue;
            int kind = static_cast<int>(keys[i].kind);
            if (counter.failures <= 0) {
                if (stored[i])
                    NUSQA_TRY(executeSql(
                        session, "DELETE FROM login_throttle WHERE kind = ? AND key_hash = ?",
                        [&](SqlStatement& s) { s.bind(kind).bind(hashes[i]); }));
            } else if (stored[i]) {
                NUSQA_TRY(executeSql(session,
                                     "UPDATE login_throttle SET failures = ?, last_at = ?"
                                     " WHERE kind = ? AND key_hash = ?",
                                     [&](SqlStatement& s) {
                                         s.bind(counter.failures).bind(counter.lastFailure);
                                         s.bind(kind).bind(hashes[i]);
                                     }));
            } else {
                NUSQA_TRY(
                    executeSql(session,
                               "INSERT INTO login_throttle (kind, key_hash, failures, last_at)"
                               " VALUES (?, ?, ?, ?)",
                               [&](SqlStatement& s) {
                                   s.bind(kind).bind(hashes[i]);
                                   s.bind(counter.failures).bind(counter.lastFailure);
                               }));
            }
        }
        return {};
    });
}

Status SqlRecordStore::trim(ThrottleKind kind, std::int64_t expiredAt, std::size_t cap) {
    return run("trim login throttle", Access::Write, [&](SqlSession& session) -> Status {
        int kindNumber = static_cast<int>(kind);
        NUSQA_TRY(executeSql(session, "DELETE FROM login_throttle WHERE kind = ? AND last_at <= ?",
                             [&](SqlStatement& s) { s.bind(kindNumber).bind(expiredAt); }));
        auto count =
            NUSQA_TRY(session.prepare("SELECT COUNT(*) FROM login_throttle WHERE kind = ?"));
        count->bind(kindNumber);
        NUSQA_TRY(count->next());
        auto held = static_cast<std::size_t>(count->integer(0));
        if (held < cap) return {};
        // The least recent down to 7/8 of cap, exactly (ties broken by the
        // key): find the last one to go, then delete up to it.
        std::size_t drop = held - cap * 7 / 8;
        auto last =
            NUSQA_TRY(session.prepare("SELECT last_at, key_hash FROM login_throttle WHERE kind = ?"
                                      " ORDER BY last_at, key_hash LIMIT 1 OFFSET ?"));
        last->bind(kindNumber).bind(static_cast<std::int64_t>(drop - 1));
        if (!NUSQA_TRY(last->next())) return {};
        std::int64_t lastAt = last->integer(0);
        std::string lastKey = last->text(1);
        return executeSql(
            session,
            "DELETE FROM login_throttle WHERE kind = ? AND"
            " (last_at < ? OR (last_at = ? AND key_hash <= ?))",
            [&](SqlStatement& s) { s.bind(kindNumber).bind(lastAt).bind(lastAt).bind(lastKey); });
    });
}

Result<std::size_t> SqlRecordStore::size() {
    std::size_t held = 0;
    NUSQA_TRY(run("count login throttle", Access::Read, [&](SqlSession& session) -> Status {
        auto count = NUSQA_TRY(session.prepare("SELECT COUNT(*) FROM login_throttle"));
        NUSQA_TRY(count->next());
        held = static_cast<std::size_t>(count->integer(0));
        return {};
    }));
    return held;
}

}  // namespace nusqa::storage
