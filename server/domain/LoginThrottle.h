// LoginThrottle: slows password guessing down with increasing delays rather
// than locking the right password out, for AuthService. The counters live in
// this process, or — given a ThrottleStore — in the shared database, so that
// every node of a cluster counts the same failures (same policy, same
// bounds: a reservation is one transaction of the store).
//
// Policy. Failures are counted under three keys, each with its own delay:
//   - the account and the client address together ("pair"): after
//     freeFailuresPerAccount failures the next attempt must wait 1 s, then
//     2 s, 4 s, ... up to maxDelaySeconds after the latest failure;
//   - the account, from every address: the same delays, except for a pair
//     that logged in successfully within knownClientSeconds: someone guessing
//     from elsewhere slows down new clients of the account (never for more
//     than maxDelaySeconds), not the addresses its owner uses;
//   - the client address, over every account: freeFailuresPerAddress, then
//     the same delays.
// Nothing locks an account: once the delay has passed, the right password
// succeeds.
//
// An attempt is reserved under one lock (one transaction of the store)
// before its password is checked, and a reservation counts as a failure in
// every delay, so concurrent guesses cannot pass the limit together. Each
// reservation must then be settled by exactly one of failed() (the password
// was wrong), succeeded() or cancelled() (not checked). A refused attempt
// records nothing. In this process's maps a reservation is a failure at once
// (failed() only confirms it; the maps die with the process). In a store,
// reservations are counted apart from failures and become failures only by
// failed(): a process killed while it checks passwords leaves reservations
// nobody settles, and those stop counting reservationSeconds after the
// key's latest reservation (well beyond the longest password check, which
// AuthService bounds), instead of staying failures nobody made for
// windowSeconds. A key's failures are forgotten windowSeconds after its
// latest failure; each of the four maps holds at most maxEntries keys
// (expired keys go first, then the least recently failed; with a store the
// cap is checked every kTrimEvery reservations of this process, for the
// reservations as well).
//
// Thread safety: all methods may be called concurrently.
// Errors: TooManyRequests from reserve(), with retryAfterSeconds set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/Error.h"
#include "domain/ThrottleStore.h"

namespace nusqa {

struct ThrottleLimits {
    int freeFailuresPerAccount = 5;
    int freeFailuresPerAddress = 30;
    int maxDelaySeconds = 60;
    int windowSeconds = 900;
    std::int64_t knownClientSeconds = 30 * 86400;
    std::size_t maxEntries = 20000;  // per map
    int reservationSeconds = 60;     // an unsettled reservation counts this long (store)
};

class LoginThrottle {
public:
    // Counts in the store when one is given (it must outlive the throttle).
    explicit LoginThrottle(ThrottleLimits limits, ThrottleStore* store = nullptr);

    // Reserves one attempt of the account from the address at time now
    // (counted as a failure until settled), unless a delay is running: then
    // TooManyRequests and nothing is recorded.
    Status reserve(const std::string& account, const std::string& address, std::int64_t now);
    // The password was wrong: the reservation becomes a failure at now.
    void failed(const std::string& account, const std::string& address, std::int64_t now);
    // The password was right: takes the reservation back, forgets the pair's
    // failures (and reservations) and remembers the pair as a known client.
    void succeeded(const std::string& account, const std::string& address, std::int64_t now);
    // The password was not checked (busy, storage error): takes it back.
    void cancelled(const std::string& account, const std::string& address);

    // Keys held in all maps (or the store) together (for tests and monitoring).
    std::size_t size() const;

private:
    struct Backoff {
        int failures = 0;
        std::int64_t lastFailure = 0;
    };
    using Map = std::unordered_map<std::string, Backoff>;

    // Seconds until the key may try again (0: now).
    std::int64_t waitFor(const Map& map, const std::string& key, int freeFailures,
                         std::int64_t now) const;
    void record(Map& map, const std::string& key, std::int64_t now);
    void takeBack(Map& map, const std::string& key);
    void makeRoom(Map& map, std::int64_t now);
    bool isKnownClient(const std::string& pair, std::int64_t now) const;
    // The same policy over the counters of a ThrottleStore.
    Status reserveShared(const std::string& account, const std::string& address, std::int64_t now);
    void failedShared(const std::string& account, const std::string& address, std::int64_t now);
    void succeededShared(const std::string& account, const std::string& address, std::int64_t now);
    void cancelledShared(const std::string& account, const std::string& address);
    void trimShared(std::int64_t now, bool expiredOnly);
    std::int64_t waitOf(const ThrottleCounter& counter, int freeFailures, std::int64_t now) const;
    void recordInto(ThrottleCounter& counter, std::int64_t now) const;
    // A key's failures and live reservations together, as one counter.
    ThrottleCounter withReserved(const ThrottleCounter& failures, const ThrottleCounter& reserved,
                                 std::int64_t now) const;

    static constexpr std::uint64_t kTrimEvery = 8;

    const ThrottleLimits _limits;
    ThrottleStore* const _store;
    mutable std::mutex _mutex;
    std::uint64_t _reservations = 0;
    Map _pairs;
    Map _accounts;
    Map _addresses;
    std::unordered_map<std::string, std::int64_t> _knownClients;  // pair -> last success
};

}  // namespace nusqa
