#include "http/detail/ConnectionWatch.h"

#include <sys/socket.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace nusqa::http {
namespace {

struct Current {
    ConnectionWatch* watch = nullptr;
    std::uint64_t id = 0;
};

thread_local Current current;

}  // namespace

ConnectionWatch::ConnectionWatch(Settings settings, std::function<int()> queued)
    : _settings(settings), _queued(std::move(queued)), _watcher([this] { watch(); }) {}

ConnectionWatch::~ConnectionWatch() {
    {
        std::lock_guard lock(_mutex);
        _shutdown = true;
    }
    _wake.notify_all();
    _watcher.join();
}

ConnectionWatch::Scope::Scope(ConnectionWatch& watch, const Poco::Net::StreamSocket& socket)
    : _watch(watch), _id(watch.enter(socket)) {
    current = {&watch, _id};
}

ConnectionWatch::Scope::~Scope() {
    current = {};
    _watch.leave(_id);
}

void ConnectionWatch::markBusy() {
    if (current.watch != nullptr) current.watch->mark(current.id, State::Busy);
}

void ConnectionWatch::markIdle() {
    if (current.watch != nullptr) current.watch->mark(current.id, State::AwaitingNextHead);
}

bool ConnectionWatch::stoppingCurrent() {
    if (current.watch == nullptr) return false;
    std::lock_guard lock(current.watch->_mutex);
    return current.watch->_stopping;
}

std::uint64_t ConnectionWatch::enter(const Poco::Net::StreamSocket& socket) {
    std::lock_guard lock(_mutex);
    std::uint64_t id = _nextId++;
    Entry& entry = _entries[id];
    entry.socket = socket;
    entry.since = std::chrono::steady_clock::now();
    if (_stopping) closeLocked(entry);
    return id;
}

void ConnectionWatch::leave(std::uint64_t id) {
    std::lock_guard lock(_mutex);
    _entries.erase(id);
}

void ConnectionWatch::mark(std::uint64_t id, State state) {
    std::lock_guard lock(_mutex);
    auto found = _entries.find(id);
    if (found == _entries.end()) return;
    found->second.state = state;
    found->second.since = std::chrono::steady_clock::now();
    if (_stopping && state != State::Busy) closeLocked(found->second);
}

void ConnectionWatch::beginStop() {
    std::lock_guard lock(_mutex);
    _stopping = true;
    for (auto& [id, entry] : _entries)
        if (entry.state != State::Busy) closeLocked(entry);
}

void ConnectionWatch::closeAll() {
    std::lock_guard lock(_mutex);
    for (auto& [id, entry] : _entries) closeLocked(entry);
}

std::size_t ConnectionWatch::registered() const {
    std::lock_guard lock(_mutex);
    return _entries.size();
}

// Shutting the socket down (not closing it: the serving thread still owns
// the descriptor) wakes the thread blocked reading it; the raw call keeps
// clear of a TLS socket's OpenSSL state, which that thread is using.
void ConnectionWatch::closeLocked(Entry& entry) {
    if (entry.closed) return;
    entry.closed = true;
    ::shutdown(entry.socket.impl()->sockfd(), SHUT_RDWR);
}

void ConnectionWatch::watch() {
    std::unique_lock lock(_mutex);
    while (!_shutdown) {
        _wake.wait_for(lock, _settings.period);
        if (_shutdown) break;
        auto now = std::chrono::steady_clock::now();
        std::size_t open = 0;
        std::vector<Entry*> waiting;
        for (auto& [id, entry] : _entries) {
            if (entry.closed) continue;
            if (entry.state == State::Busy) {
                ++open;
                continue;
            }
            Duration allowed = entry.state == State::AwaitingFirstHead
                                   ? _settings.headTimeout
                                   : _settings.keepAliveTimeout + _settings.headTimeout;
            if (now - entry.since >= allowed) {
                closeLocked(entry);
                continue;
            }
            ++open;
            if (now - entry.since >= _settings.pressureGrace) waiting.push_back(&entry);
        }
        // Pressure: the queue plus the connections holding threads reach the
        // pool's size less a reserve. Make room for all of them.
        int queued = std::max(0, _queued());
        long reserve = std::max(1, _settings.maxThreads / 8);
        long load = static_cast<long>(open) + queued;
        long need = load - (_settings.maxThreads - reserve) + 1;
        if (need <= 0 || waiting.empty()) continue;
        std::sort(waiting.begin(), waiting.end(), [](const Entry* a, const Entry* b) {
            bool aIdle = a->state == State::AwaitingNextHead;
            bool bIdle = b->state == State::AwaitingNextHead;
            if (aIdle != bIdle) return aIdle;  // idle keep-alive connections first
            return a->since < b->since;        // then the oldest
        });
        for (Entry* entry : waiting) {
            if (need-- <= 0) break;
            closeLocked(*entry);
        }
    }
}

}  // namespace nusqa::http
