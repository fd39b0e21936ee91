#include "domain/LoginThrottle.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace nusqa {
namespace {

// How often reserve() sweeps expired keys out of every map, so memory goes
// back down after an attack even when no map reaches its cap.
constexpr std::uint64_t kSweepEvery = 1024;

// The account's length first: no login and address can make the key of
// another pair.
std::string pairKey(const std::string& account, const std::string& address) {
    return std::to_string(account.size()) + ":" + account + address;
}

// Removes the keys whose time is at or before expiredAt; when the map is
// still at its cap, the least recent eighth as well (so a full map costs one
// pass per many insertions, not one per insertion).
template <typename Map, typename TimeOf>
void trim(Map& map, std::size_t cap, std::int64_t expiredAt, TimeOf timeOf) {
    std::erase_if(map, [&](const auto& item) { return timeOf(item.second) <= expiredAt; });
    if (map.size() < cap) return;
    std::vector<std::pair<std::int64_t, typename Map::const_iterator>> byTime;
    byTime.reserve(map.size());
    for (auto item = map.cbegin(); item != map.cend(); ++item)
        byTime.emplace_back(timeOf(item->second), item);
    auto end = byTime.begin() + static_cast<std::ptrdiff_t>(byTime.size() / 8 + 1);
    std::nth_element(byTime.begin(), end - 1, byTime.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    // Exactly an eighth, even when many keys share a second.
    for (auto item = byTime.begin(); item != end; ++item) map.erase(item->second);
}

}  // namespace

LoginThrottle::LoginThrottle(ThrottleLimits limits, ThrottleStore* store)
    : _limits(limits), _store(store) {}

std::int64_t LoginThrottle::waitFor(const Map& map, const std::string& key, int freeFailures,
                                    std::int64_t now) const {
    auto found = map.find(key);
    if (found == map.end()) return 0;
    return waitOf(ThrottleCounter{found->second.failures, found->second.lastFailure}, freeFailures,
                  now);
}

std::int64_t LoginThrottle::waitOf(const ThrottleCounter& counter, int freeFailures,
                                   std::int64_t now) const {
    if (now - counter.lastFailure >= _limits.windowSeconds) return 0;  // forgotten
    if (counter.failures < freeFailures) return 0;
    int doublings = std::min(counter.failures - freeFailures, 30);
    std::int64_t delay =
        std::min<std::int64_t>(std::int64_t{1} << doublings, _limits.maxDelaySeconds);
    return std::max<std::int64_t>(0, counter.lastFailure + delay - now);
}

void LoginThrottle::recordInto(ThrottleCounter& counter, std::int64_t now) const {
    if (counter.failures > 0 && now - counter.lastFailure >= _limits.windowSeconds)
        counter = ThrottleCounter{};
    ++counter.failures;
    counter.lastFailure = std::max(counter.lastFailure, now);
}

void LoginThrottle::record(Map& map, const std::string& key, std::int64_t now) {
    auto found = map.find(key);
    if (found == map.end()) {
        if (map.size() >= _limits.maxEntries) makeRoom(map, now);
        found = map.emplace(key, Backoff{}).first;
    } else if (now - found->second.lastFailure >= _limits.windowSeconds) {
        found->second = Backoff{};
    }
    ++found->second.failures;
    found->second.lastFailure = std::max(found->second.lastFailure, now);
}

void LoginThrottle::takeBack(Map& map, const std::string& key) {
    auto found = map.find(key);
    if (found != map.end() && --found->second.failures <= 0) map.erase(found);
}

void LoginThrottle::makeRoom(Map& map, std::int64_t now) {
    // A key is dropped only when it can no longer delay anyone.
    std::int64_t forgetAfter = std::max(_limits.windowSeconds, _limits.maxDelaySeconds);
    trim(map, _limits.maxEntries, now - forgetAfter,
         [](const Backoff& backoff) { return backoff.lastFailure; });
}

bool LoginThrottle::isKnownClient(const std::string& pair, std::int64_t now) const {
    auto found = _knownClients.find(pair);
    return found != _knownClients.end() && now - found->second < _limits.knownClientSeconds;
}

Status LoginThrottle::reserve(const std::string& account, const std::string& address,
                              std::int64_t now) {
    if (_store != nullptr) return reserveShared(account, address, now);
    std::lock_guard lock(_mutex);
    if (++_reservations % kSweepEvery == 0) {
        for (Map* map : {&_pairs, &_accounts, &_addresses})
            std::erase_if(*map, [&](const auto& item) {
                return now - item.second.lastFailure >=
                       std::max(_limits.windowSeconds, _limits.maxDelaySeconds);
            });
        std::erase_if(_knownClients, [&](const auto& item) {
            return now - item.second >= _limits.knownClientSeconds;
        });
    }
    std::string pair = pairKey(account, address);
    std::int64_t wait = std::max(waitFor(_addresses, address, _limits.freeFailuresPerAddress, now),
                                 waitFor(_pairs, pair, _limits.freeFailuresPerAccount, now));
    if (!isKnownClient(pair, now))
        wait = std::max(wait, waitFor(_accounts, account, _limits.freeFailuresPerAccount, now));
    if (wait > 0) {
        Error error{ErrorCode::TooManyRequests,
                    "too many failed attempts: try again in " + std::to_string(wait) + " s",
                    {}};
        error.retryAfterSeconds = static_cast<int>(wait);
        return std::unexpected(std::move(error));
    }
    record(_addresses, address, now);
    record(_pairs, pair, now);
    record(_accounts, account, now);
    return {};
}

void LoginThrottle::succeeded(const std::string& account, const std::string& address,
                              std::int64_t now) {
    if (_store != nullptr) return succeededShared(account, address, now);
    std::lock_guard lock(_mutex);
    std::string pair = pairKey(account, address);
    takeBack(_addresses, address);
    takeBack(_accounts, account);
    _pairs.erase(pair);
    if (!_knownClients.contains(pair) && _knownClients.size() >= _limits.maxEntries)
        trim(_knownClients, _limits.maxEntries, now - _limits.knownClientSeconds,
             [](std::int64_t at) { return at; });
    _knownClients[pair] = now;
}

void LoginThrottle::failed(const std::string& account, const std::string& address,
                           std::int64_t now) {
    // In the maps the reservation already is the failure.
    if (_store != nullptr) failedShared(account, address, now);
}

void LoginThrottle::cancelled(const std::string& account, const std::string& address) {
    if (_store != nullptr) return cancelledShared(account, address);
    std::lock_guard lock(_mutex);
    takeBack(_addresses, address);
    takeBack(_pairs, pairKey(account, address));
    takeBack(_accounts, account);
}

std::size_t LoginThrottle::size() const {
    if (_store != nullptr) return _store->size().value_or(0);
    std::lock_guard lock(_mutex);
    return _pairs.size() + _accounts.size() + _addresses.size() + _knownClients.size();
}

// ---- counters in a ThrottleStore ---------------------------------------------

namespace {

// The keys of one attempt, in the order the functions below index them.
std::vector<ThrottleKey> attemptKeys(const std::string& account, const std::string& address) {
    std::string pair = pairKey(account, address);
    return {{ThrottleKind::Address, address},         {ThrottleKind::Pair, pair},
            {ThrottleKind::Account, account},         {ThrottleKind::KnownClient, pair},
            {ThrottleKind::ReservedAddress, address}, {ThrottleKind::ReservedPair, pair},
            {ThrottleKind::ReservedAccount, account}};
}

enum Slot { kAddress = 0, kPair = 1, kAccount = 2, kKnown = 3 };
// The reservations of a failure slot are kReserved slots further on.
constexpr int kReserved = 4;

void takeBackCounter(ThrottleCounter& counter) {
    if (counter.failures > 0) --counter.failures;
}

}  // namespace

Status LoginThrottle::reserveShared(const std::string& account, const std::string& address,
                                    std::int64_t now) {
    std::uint64_t reservation = 0;
    {
        std::lock_guard lock(_mutex);
        reservation = ++_reservations;
    }
    if (reservation % kSweepEvery == 0) trimShared(now, true);
    NUSQA_TRY(_store->update(
        attemptKeys(account, address), [&](std::vector<ThrottleCounter>& counters) -> Status {
            auto counted = [&](Slot slot) {
                return withReserved(counters[slot], counters[slot + kReserved], now);
            };
            std::int64_t wait =
                std::max(waitOf(counted(kAddress), _limits.freeFailuresPerAddress, now),
                         waitOf(counted(kPair), _limits.freeFailuresPerAccount, now));
            bool known = counters[kKnown].failures > 0 &&
                         now - counters[kKnown].lastFailure < _limits.knownClientSeconds;
            if (!known)
                wait =
                    std::max(wait, waitOf(counted(kAccount), _limits.freeFailuresPerAccount, now));
            if (wait > 0) {
                Error error{ErrorCode::TooManyRequests,
                            "too many failed attempts: try again in " + std::to_string(wait) + " s",
                            {}};
                error.retryAfterSeconds = static_cast<int>(wait);
                return std::unexpected(std::move(error));
            }
            for (Slot slot : {kAddress, kPair, kAccount}) {
                ThrottleCounter& reserved = counters[slot + kReserved];
                // Reservations unsettled for so long were left by a process
                // that died: they are not counted again.
                if (reserved.failures > 0 &&
                    now - reserved.lastFailure >= _limits.reservationSeconds)
                    reserved = ThrottleCounter{};
                ++reserved.failures;
                reserved.lastFailure = std::max(reserved.lastFailure, now);
            }
            return {};
        }));
    if (reservation % kTrimEvery == 0) trimShared(now, false);
    return {};
}

ThrottleCounter LoginThrottle::withReserved(const ThrottleCounter& failures,
                                            const ThrottleCounter& reserved,
                                            std::int64_t now) const {
    ThrottleCounter counted;
    if (failures.failures > 0 && now - failures.lastFailure < _limits.windowSeconds)
        counted = failures;
    if (reserved.failures > 0 && now - reserved.lastFailure < _limits.reservationSeconds) {
        counted.failures += reserved.failures;
        counted.lastFailure = std::max(counted.lastFailure, reserved.lastFailure);
    }
    return counted;
}

void LoginThrottle::failedShared(const std::string& account, const std::string& address,
                                 std::int64_t now) {
    // A failed write leaves the reservation to expire: a wrong password
    // uncounted, at worst, never a failure nobody made.
    (void)_store->update(attemptKeys(account, address),
                         [&](std::vector<ThrottleCounter>& counters) -> Status {
                             for (Slot slot : {kAddress, kPair, kAccount}) {
                                 takeBackCounter(counters[slot + kReserved]);
                                 recordInto(counters[slot], now);
                             }
                             return {};
                         });
}

void LoginThrottle::succeededShared(const std::string& account, const std::string& address,
                                    std::int64_t now) {
    // A failed write leaves the reservation counted until it expires: the
    // owner waits a little longer, never less.
    (void)_store->update(attemptKeys(account, address),
                         [&](std::vector<ThrottleCounter>& counters) -> Status {
                             takeBackCounter(counters[kAddress + kReserved]);
                             takeBackCounter(counters[kAccount + kReserved]);
                             counters[kPair] = ThrottleCounter{};
                             counters[kPair + kReserved] = ThrottleCounter{};
                             counters[kKnown] = ThrottleCounter{1, now};
                             return {};
                         });
}

void LoginThrottle::cancelledShared(const std::string& account, const std::string& address) {
    // As above: at worst one reservation stays counted until it expires.
    (void)_store->update(attemptKeys(account, address),
                         [&](std::vector<ThrottleCounter>& counters) -> Status {
                             for (Slot slot : {kAddress, kPair, kAccount})
                                 takeBackCounter(counters[slot + kReserved]);
                             return {};
                         });
}

void LoginThrottle::trimShared(std::int64_t now, bool expiredOnly) {
    std::int64_t forgetAfter = std::max(_limits.windowSeconds, _limits.maxDelaySeconds);
    std::size_t cap = expiredOnly ? SIZE_MAX : _limits.maxEntries;
    // Bounding is best effort: a failed trim is done again by the next one.
    for (ThrottleKind kind : {ThrottleKind::Address, ThrottleKind::Pair, ThrottleKind::Account})
        (void)_store->trim(kind, now - forgetAfter, cap);
    (void)_store->trim(ThrottleKind::KnownClient, now - _limits.knownClientSeconds, cap);
    for (ThrottleKind kind :
         {ThrottleKind::ReservedAddress, ThrottleKind::ReservedPair, ThrottleKind::ReservedAccount})
        (void)_store->trim(kind, now - _limits.reservationSeconds, cap);
}

}  // namespace nusqa
