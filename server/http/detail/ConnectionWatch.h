// ConnectionWatch: keeps one thread-per-connection server available when
// clients hold connections without sending requests (issue 11, finding 4).
//
// Every connection that has a thread is registered while that thread serves
// it, in one of two states: awaiting a request head (a new connection, or an
// idle keep-alive one after its last response) or busy (its head arrived; the
// handler reads the body and answers). A watcher thread ends, by shutting
// the socket down (the blocked read returns and the thread is free):
// - a connection whose first request head has not fully arrived within
//   headTimeout of the connection (silent clients, slowloris);
// - a keep-alive connection whose next head has not arrived within
//   keepAliveTimeout + headTimeout of its last response;
// - when the pool is nearly full (registered + queued connections reach
//   maxThreads minus an eighth), as many connections awaiting a head as it
//   takes to make room, idle keep-alive ones first, oldest first, each once
//   it has waited pressureGrace — a real client sends its head right after
//   connecting, so it never waits that long.
// Busy connections are never ended here (the body deadline is the
// handler's).
//
// Thread safety: every member is safe to call from any thread. The
// per-thread "current connection" is set by Scope on the connection's
// thread and read by markBusy()/markIdle() from the same thread.
#pragma once

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace nusqa::http {

class ConnectionWatch {
public:
    using Duration = std::chrono::milliseconds;
    struct Settings {
        int maxThreads = 1024;
        Duration headTimeout{10000};
        Duration keepAliveTimeout{10000};
        Duration pressureGrace{250};
        Duration period{50};  // how often the watcher looks
    };

    // queued: how many accepted connections wait for a thread (the server's
    // queue); called from the watcher thread.
    ConnectionWatch(Settings settings, std::function<int()> queued);
    ~ConnectionWatch();  // stops the watcher thread
    ConnectionWatch(const ConnectionWatch&) = delete;
    ConnectionWatch& operator=(const ConnectionWatch&) = delete;

    // Registers the connection served by the calling thread for its lifetime
    // (awaiting its first request head).
    class Scope {
    public:
        Scope(ConnectionWatch& watch, const Poco::Net::StreamSocket& socket);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        ConnectionWatch& _watch;
        std::uint64_t _id;
    };

    // On the connection's thread: its request head arrived / its response
    // went out and it waits for the next head. No-ops outside a Scope.
    static void markBusy();
    static void markIdle();
    // Whether the server is stopping (answers should close the connection).
    static bool stoppingCurrent();

    // Stopping: from now on connections awaiting a head are ended at once.
    void beginStop();
    // Ends every registered connection (shutdown of its socket).
    void closeAll();
    std::size_t registered() const;

private:
    enum class State { AwaitingFirstHead, AwaitingNextHead, Busy };
    struct Entry {
        Poco::Net::StreamSocket socket;  // keeps the descriptor open while registered
        State state = State::AwaitingFirstHead;
        std::chrono::steady_clock::time_point since;
        bool closed = false;
    };

    std::uint64_t enter(const Poco::Net::StreamSocket& socket);
    void leave(std::uint64_t id);
    void mark(std::uint64_t id, State state);
    void watch();
    void closeLocked(Entry& entry);

    Settings _settings;
    std::function<int()> _queued;
    mutable std::mutex _mutex;
    std::condition_variable _wake;
    std::map<std::uint64_t, Entry> _entries;
    std::uint64_t _nextId = 1;
    bool _stopping = false;
    bool _shutdown = false;
    std::thread _watcher;
};

}  // namespace nusqa::http
