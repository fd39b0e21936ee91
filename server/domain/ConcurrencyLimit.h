// ConcurrencyLimit: a counting semaphore with a bounded wait, for work that
// costs much memory or CPU per call (Argon2id takes 19 MiB per password
// check). enter() hands out a Slot that frees its place when destroyed.
//
// Thread safety: all methods may be called concurrently. The limit must
// outlive its slots.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <utility>

namespace nusqa {

class ConcurrencyLimit {
public:
    // REQUIRES: slots >= 1.
    explicit ConcurrencyLimit(int slots);

    class Slot {
    public:
        explicit Slot(ConcurrencyLimit& limit) : _limit(&limit) {}
        Slot(Slot&& other) noexcept : _limit(std::exchange(other._limit, nullptr)) {}
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;
        Slot& operator=(Slot&&) = delete;
        ~Slot() {
            if (_limit != nullptr) _limit->leave();
        }

    private:
        ConcurrencyLimit* _limit;
    };

    // A slot, waiting at most wait for one to be free; nullopt when none
    // became free in time.
    std::optional<Slot> enter(std::chrono::milliseconds wait);
    int slots() const { return _slots; }

private:
    void leave();

    const int _slots;
    int _taken = 0;
    std::mutex _mutex;
    std::condition_variable _freed;
};

}  // namespace nusqa
