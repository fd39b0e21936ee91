#include "domain/ConcurrencyLimit.h"

namespace nusqa {

ConcurrencyLimit::ConcurrencyLimit(int slots) : _slots(slots < 1 ? 1 : slots) {}

std::optional<ConcurrencyLimit::Slot> ConcurrencyLimit::enter(std::chrono::milliseconds wait) {
    std::unique_lock lock(_mutex);
    if (!_freed.wait_for(lock, wait, [this] { return _taken < _slots; })) return std::nullopt;
    ++_taken;
    return std::optional<Slot>(std::in_place, *this);
}

void ConcurrencyLimit::leave() {
    {
        std::lock_guard lock(_mutex);
        --_taken;
    }
    _freed.notify_one();
}

}  // namespace nusqa
