// MemoryThrottleStore: the ThrottleStore port in memory (one mutex; an
// update is atomic). Kept apart from MemoryDatabase like MemoryJobLease.
// Thread safety: every method may be called concurrently.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "domain/ThrottleStore.h"

namespace nusqa::test {

class MemoryThrottleStore final : public ThrottleStore {
public:
    Status update(const std::vector<ThrottleKey>& keys,
                  const std::function<Status(std::vector<ThrottleCounter>&)>& decide) override;
    Status trim(ThrottleKind kind, std::int64_t expiredAt, std::size_t cap) override;
    Result<std::size_t> size() override;

private:
    std::mutex _mutex;
    std::map<std::pair<ThrottleKind, std::string>, ThrottleCounter> _counters;
};

}  // namespace nusqa::test
