// ThrottleStore: where LoginThrottle keeps its counters when several server
// nodes must share them — a table of the shared database, so that an
// attacker gets no more attempts from two nodes than from one. Without a
// store, LoginThrottle counts in its own process.
//
// Thread safety: every method may be called concurrently.
// Errors: as the backend reports them; update() passes decide's error on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "domain/Error.h"

namespace nusqa {

// Failures and known clients (1-4), and the attempts reserved but not yet
// settled under the same keys (5-7), counted apart so that a reservation a
// killed process never settles stops counting soon (LoginThrottle).
enum class ThrottleKind {
    Address = 1,
    Pair = 2,
    Account = 3,
    KnownClient = 4,
    ReservedAddress = 5,
    ReservedPair = 6,
    ReservedAccount = 7,
};

struct ThrottleKey {
    ThrottleKind kind;
    std::string key;  // any bytes; the store may keep a digest of them
};

struct ThrottleCounter {
    int failures = 0;              // <= 0: the counter is forgotten
    std::int64_t lastFailure = 0;  // seconds; for a known client its last success,
                                   // for reservations the latest one
};

class ThrottleStore {
public:
    virtual ~ThrottleStore() = default;
    // One transaction: reads the counters of keys (an absent one reads as
    // zero), lets decide change them in place, and writes back every one it
    // changed (failures <= 0: deleted). When decide fails, nothing is written
    // and its error is returned. decide may run more than once (a retried
    // transaction): it must depend on nothing but its argument.
    virtual Status update(const std::vector<ThrottleKey>& keys,
                          const std::function<Status(std::vector<ThrottleCounter>&)>& decide) = 0;
    // Forgets the counters of kind whose lastFailure is at or before
    // expiredAt; when cap or more are still left, also the least recent ones
    // down to seven eighths of cap.
    virtual Status trim(ThrottleKind kind, std::int64_t expiredAt, std::size_t cap) = 0;
    // Counters held, of every kind.
    virtual Result<std::size_t> size() = 0;
};

}  // namespace nusqa
