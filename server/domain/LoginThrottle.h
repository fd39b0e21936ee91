// LoginThrottle: sliding-window counters of failed logins per account and
// per client address, for AuthService. The counters live in this process.
//
// Thread safety: all methods may be called concurrently.
// Errors: TooManyRequests from check() when a key is over its limit.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "domain/Error.h"

namespace nusqa {

class LoginThrottle {
public:
    LoginThrottle(int maxPerAccount, int maxPerAddress, int windowSeconds);
    // TooManyRequests when either key is over its limit at time now.
    Status check(const std::string& account, const std::string& address, std::int64_t now);
    void recordFailure(const std::string& account, const std::string& address, std::int64_t now);
    void recordSuccess(const std::string& account);

private:
    int count(std::deque<std::int64_t>& times, std::int64_t now);

    const int _maxPerAccount;
    const int _maxPerAddress;
    const int _windowSeconds;
    std::mutex _mutex;
    std::map<std::string, std::deque<std::int64_t>> _accounts;
    std::map<std::string, std::deque<std::int64_t>> _addresses;
};

}  // namespace nusqa
