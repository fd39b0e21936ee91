#include "app/detail/BackgroundJobs.h"

#include <Poco/Logger.h>

#include <chrono>

namespace nusqa::app {

BackgroundJobs::BackgroundJobs(LifecycleService& lifecycle, OutboxSender* sender,
                               int intervalSeconds, Poco::Logger& log)
    : _lifecycle(lifecycle), _sender(sender), _intervalSeconds(intervalSeconds), _log(log) {
    _thread = std::thread([this] { loop(); });
}

BackgroundJobs::~BackgroundJobs() {
    {
        std::lock_guard lock(_mutex);
        _stopping = true;
    }
    _wake.notify_all();
    _thread.join();
}

void BackgroundJobs::runOnce() {
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
