// ConnectionPool: a bounded pool of database connections shared by the
// storage backends. Private to storage/.
//
// Connections are created lazily by the factory up to the capacity; a caller
// that finds none idle waits (bounded by the acquire timeout) for one to come
// back. A Lease returns its connection to the pool when destroyed, unless
// discard() was called (a broken connection), in which case the connection is
// closed and its slot freed for a fresh one.
//
// Thread safety: acquire() may be called from any thread. A connection is
// used by one thread at a time (the holder of its lease). The pool must
// outlive every lease.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "domain/Error.h"

namespace nusqa::storage {

template <typename Connection>
class ConnectionPool {
public:
    using Factory = std::function<Result<std::unique_ptr<Connection>>()>;

    class Lease {
    public:
        Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
            : _pool(pool), _connection(std::move(connection)) {}
        Lease(Lease&& other) noexcept
            : _pool(other._pool),
              _connection(std::move(other._connection)),
              _discarded(other._discarded) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;
        ~Lease() {
            if (_connection) _pool->giveBack(std::move(_connection), !_discarded);
        }

        Connection& operator*() const { return *_connection; }
        Connection* operator->() const { return _connection.get(); }
        // The connection is broken: close it instead of reusing it.
        void discard() { _discarded = true; }

    private:
        ConnectionPool* _pool;
        std::unique_ptr<Connection> _connection;
        bool _discarded = false;
    };

    ConnectionPool(int capacity, Factory factory,
                   std::chrono::milliseconds acquireTimeout = std::chrono::seconds(30))
        : _capacity(capacity < 1 ? 1 : capacity),
          _factory(std::move(factory)),
          _acquireTimeout(acquireTimeout) {}

    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    // Adds an already open connection (e.g. the one that ran the migrations).
    void adopt(std::unique_ptr<Connection> connection) {
        std::lock_guard lock(_mutex);
        ++_open;
        _idle.push_back(std::move(connection));
        _available.notify_one();
    }

    // Closes every idle connection: once one was found dead, the others
    // probably are too (the server restarted).
    void discardIdle() {
        std::vector<std::unique_ptr<Connection>> closing;
        {
            std::lock_guard lock(_mutex);
            closing.swap(_idle);
            _open -= static_cast<int>(closing.size());
            _available.notify_all();
        }
    }

    // An idle connection, a new one, or Unavailable when none came free in time.
    Result<Lease> acquire() {
        std::unique_lock lock(_mutex);
        bool freed = _available.wait_for(lock, _acquireTimeout,
                                         [this] { return !_idle.empty() || _open < _capacity; });
        if (!freed)
            return fail(ErrorCode::Unavailable, "no free database connection within " +
                                                    std::to_string(_acquireTimeout.count()) +
                                                    " ms");
        if (!_idle.empty()) {
            // Most recently used first: its caches and socket are warm.
            std::unique_ptr<Connection> connection = std::move(_idle.back());
            _idle.pop_back();
            return Lease(this, std::move(connection));
        }
        ++_open;
        lock.unlock();
        Result<std::unique_ptr<Connection>> created = _factory();
        if (!created) {
            lock.lock();
            --_open;
            _available.notify_one();
            return std::unexpected(std::move(created).error());
        }
        return Lease(this, std::move(*created));
    }

private:
    void giveBack(std::unique_ptr<Connection> connection, bool reusable) {
        std::unique_ptr<Connection> closing;
        {
            std::lock_guard lock(_mutex);
            if (reusable) {
                _idle.push_back(std::move(connection));
            } else {
                closing = std::move(connection);
                --_open;
            }
            _available.notify_one();
        }
        // closing is destroyed here, outside the lock.
    }

    const int _capacity;
    const Factory _factory;
    const std::chrono::milliseconds _acquireTimeout;
    std::mutex _mutex;
    std::condition_variable _available;
    std::vector<std::unique_ptr<Connection>> _idle;
    int _open = 0;
};

}  // namespace nusqa::storage
