#include "domain/LoginThrottle.h"

namespace nusqa {

LoginThrottle::LoginThrottle(int maxPerAccount, int maxPerAddress, int windowSeconds)
    : _maxPerAccount(maxPerAccount), _maxPerAddress(maxPerAddress), _windowSeconds(windowSeconds) {}

int LoginThrottle::count(std::deque<std::int64_t>& times, std::int64_t now) {
    while (!times.empty() && times.front() <= now - _windowSeconds) times.pop_front();
    return static_cast<int>(times.size());
}

Status LoginThrottle::check(const std::string& account, const std::string& address,
                            std::int64_t now) {
    std::lock_guard lock(_mutex);
    if (count(_accounts[account], now) >= _maxPerAccount)
        return fail(ErrorCode::TooManyRequests,
                    "too many failed logins for this account: try again in " +
                        std::to_string(_windowSeconds / 60) + " minutes");
    if (count(_addresses[address], now) >= _maxPerAddress)
        return fail(ErrorCode::TooManyRequests,
                    "too many failed logins from this address: try again in " +
                        std::to_string(_windowSeconds / 60) + " minutes");
    return {};
}

void LoginThrottle::recordFailure(const std::string& account, const std::string& address,
                                  std::int64_t now) {
    std::lock_guard lock(_mutex);
    _accounts[account].push_back(now);
    _addresses[address].push_back(now);
}

void LoginThrottle::recordSuccess(const std::string& account) {
    std::lock_guard lock(_mutex);
    _accounts.erase(account);
}

}  // namespace nusqa
