// MemoryJobLease: the JobLease port in memory, with the one lease row the
// migrations create ("scheduler"). Kept apart from MemoryDatabase: a lease is
// about processes sharing a database, which in-memory ports never do.
// Thread safety: every method may be called concurrently (one mutex).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "domain/JobLease.h"

namespace nusqa::test {

class MemoryJobLease final : public JobLease {
public:
    Result<bool> acquireLease(const std::string& name, const std::string& holder, std::int64_t now,
                              std::int64_t expiresAt) override;
    Status releaseLease(const std::string& name, const std::string& holder) override;

private:
    std::mutex _mutex;
    std::map<std::string, std::pair<std::string, std::int64_t>> _leases{{"scheduler", {"", 0}}};
};

}  // namespace nusqa::test
