#include "app/detail/BackgroundJobs.h"

#include <Poco/Environment.h>
#include <Poco/Logger.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

namespace nusqa::app {
namespace {

constexpr const char* kLeaseName = "scheduler";
constexpr int kShortestLeaseSeconds = 30;

std::string holderName() {
    std::random_device random;
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, ":%ld:%08x", static_cast<long>(::getpid()), random());
    std::string host;
    try {
        host = Poco::Environment::nodeName();
    } catch (const Poco::Exception&) {
        host = "node";
    }
    return host.substr(0, 150) + suffix;
}

std::int64_t millisecondsNow() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

int BackgroundJobs::leaseSeconds(int intervalSeconds) {
    return std::max(kShortestLeaseSeconds, 3 * intervalSeconds);
}

BackgroundJobs::BackgroundJobs(LifecycleService& lifecycle, OutboxSender* sender, JobLease& lease,
                               int intervalSeconds, Poco::Logger& log)
    : _lifecycle(lifecycle),
      _sender(sender),
      _lease(lease),
      _intervalSeconds(intervalSeconds),
      _log(log),
      _holder(holderName()) {
    _thread = std::thread([this] { loop(); });
}

BackgroundJobs::~BackgroundJobs() {
    {
        std::lock_guard lock(_mutex);
        _stopping = true;
    }
    _wake.notify_all();
    _thread.join();
    if (_holding) {
        // Hands over at once instead of after the lease's time.
        if (auto released = _lease.releaseLease(kLeaseName, _holder); !released)
            _log.warning("scheduler: releasing the lease: " + released.error().message);
    }
}

bool BackgroundJobs::holdLease() {
    std::int64_t now = millisecondsNow();
    auto held = _lease.acquireLease(kLeaseName, _holder, now,
                                    now + std::int64_t{1000} * leaseSeconds(_intervalSeconds));
    bool was = _holding;
    if (!held) {
        _holding = false;
        _log.error("scheduler: lease: " + held.error().message);
    } else {
        _holding = *held;
    }
    if (_holding != was)
        _log.information(std::string("scheduler: ") + (_holding ? "took" : "lost") +
                         " the lease as " + _holder);
    return _holding;
}

void BackgroundJobs::runOnce() {
    // Only after the lease's COMMIT returned: another node may hold it.
    if (!holdLease()) return;
    if (auto report = _lifecycle.tick(); !report) {
        _log.error("scheduler: " + report.error().message);
    } else if (report->enteredIntoForce + report->assignmentsCreated + report->remindersQueued +
                   report->reviewNotices >
               0) {
        _log.information("scheduler: " + std::to_string(report->enteredIntoForce) +
                         " into force, " + std::to_string(report->assignmentsCreated) +
                         " assignments, " + std::to_string(report->remindersQueued) +
                         " reminders, " + std::to_string(report->reviewNotices) +
                         " review notices");
    }
    if (_sender == nullptr) return;
    if (auto sent = _sender->sendPending(); !sent)
        _log.error("mail: " + sent.error().message);
    else if (sent->failed > 0)
        _log.warning("mail: " + std::to_string(sent->sent) + " sent, " +
                     std::to_string(sent->failed) + " failed (retried later)");
}

void BackgroundJobs::loop() {
    std::unique_lock lock(_mutex);
    while (!_stopping) {
        lock.unlock();
        runOnce();
        lock.lock();
        _wake.wait_for(lock, std::chrono::seconds(_intervalSeconds), [this] { return _stopping; });
    }
}

}  // namespace nusqa::app
