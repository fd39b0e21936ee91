// ConcurrencyLimit: a counting semaphore with a bounded wait, for work that
// costs much memory or CPU per call (Argon2id takes 19 MiB per password
// check). enter() hands out a Slot that frees its place when destroyed.
// Waiters are served first come, first served: a freed slot goes to the
// longest waiting caller, never to one that arrives meanwhile, so a wait is
// bounded by the callers ahead (with 50 people signing at once, none waits
// much longer than the others and runs out of time while later ones pass).
//
// Thread safety: all methods may be called concurrently. The limit must
// outlive its slots.
#pragma once

#include <chrono>
#include <condition_variable>
#include <list>
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
    // Callers waiting for a slot now (for tests and monitoring).
    int waiting() const;

private:
    struct Waiter {
        std::condition_variable wake;
    };

    void leave();
    // REQUIRES: _mutex held. Wakes the first waiter when a slot is free.
    void wakeFirst();

    const int _slots;
    int _taken = 0;
    mutable std::mutex _mutex;
    std::list<Waiter*> _queue;  // in order of arrival
};

}  // namespace nusqa
