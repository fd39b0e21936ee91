#include "support/memory/MemoryThrottleStore.h"

#include <algorithm>
#include <vector>

namespace nusqa::test {

Status MemoryThrottleStore::update(
    const std::vector<ThrottleKey>& keys,
    const std::function<Status(std::vector<ThrottleCounter>&)>& decide) {
    std::lock_guard lock(_mutex);
    std::vector<ThrottleCounter> counters;
    for (const ThrottleKey& key : keys) {
        auto found = _counters.find({key.kind, key.key});
        counters.push_back(found == _counters.end() ? ThrottleCounter{} : found->second);
    }
    NUSQA_TRY(decide(counters));
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (counters[i].failures <= 0)
            _counters.erase({keys[i].kind, keys[i].key});
        else
            _counters[{keys[i].kind, keys[i].key}] = counters[i];
    }
    return {};
}

Status MemoryThrottleStore::trim(ThrottleKind kind, std::int64_t expiredAt, std::size_t cap) {
    std::lock_guard lock(_mutex);
    std::erase_if(_counters, [&](const auto& item) {
        return item.first.first == kind && item.second.lastFailure <= expiredAt;
    });
    std::vector<std::pair<std::int64_t, std::string>> ofKind;
    for (const auto& [key, counter] : _counters)
        if (key.first == kind) ofKind.emplace_back(counter.lastFailure, key.second);
    if (ofKind.size() < cap) return {};
    std::sort(ofKind.begin(), ofKind.end());
    std::size_t drop = ofKind.size() - cap * 7 / 8;
    for (std::size_t i = 0; i < drop; ++i) _counters.erase({kind, ofKind[i].second});
    return {};
}

Result<std::size_t> MemoryThrottleStore::size() {
    std::lock_guard lock(_mutex);
    return _counters.size();
}

}  // namespace nusqa::test
