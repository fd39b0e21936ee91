#include "support/memory/MemoryJobLease.h"

namespace nusqa::test {

Result<bool> MemoryJobLease::acquireLease(const std::string& name, const std::string& holder,
                                          std::int64_t now, std::int64_t expiresAt) {
    std::lock_guard lock(_mutex);
    auto lease = _leases.find(name);
    if (lease == _leases.end())
        return fail(ErrorCode::NotFound, "no job lease named '" + name + "'");
    auto& [current, until] = lease->second;
    if (current != holder && !current.empty() && until > now) return false;
    current = holder;
    until = expiresAt;
    return true;
}

Status MemoryJobLease::releaseLease(const std::string& name, const std::string& holder) {
    std::lock_guard lock(_mutex);
    auto lease = _leases.find(name);
    if (lease != _leases.end() && lease->second.first == holder) lease->second = {"", 0};
    return {};
}

}  // namespace nusqa::test
