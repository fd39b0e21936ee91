#include "domain/ConcurrencyLimit.h"

namespace nusqa {

ConcurrencyLimit::ConcurrencyLimit(int slots) : _slots(slots < 1 ? 1 : slots) {}

std::optional<ConcurrencyLimit::Slot> ConcurrencyLimit::enter(std::chrono::milliseconds wait) {
    std::unique_lock lock(_mutex);
    if (_queue.empty() && _taken < _slots) {
        ++_taken;
        return std::optional<Slot>(std::in_place, *this);
    }
    Waiter me;
    auto place = _queue.insert(_queue.end(), &me);
    bool entered = me.wake.wait_for(
        lock, wait, [this, &me] { return _queue.front() == &me && _taken < _slots; });
    _queue.erase(place);
    if (entered) ++_taken;
    // The next in line may go too: another slot is free, or this caller
    // gave up at the head of the line.
    wakeFirst();
    if (!entered) return std::nullopt;
    return std::optional<Slot>(std::in_place, *this);
}

int ConcurrencyLimit::waiting() const {
    std::lock_guard lock(_mutex);
    return static_cast<int>(_queue.size());
}

void ConcurrencyLimit::leave() {
    std::lock_guard lock(_mutex);
    --_taken;
    wakeFirst();
}

void ConcurrencyLimit::wakeFirst() {
    if (!_queue.empty() && _taken < _slots) _queue.front()->wake.notify_one();
}

}  // namespace nusqa
