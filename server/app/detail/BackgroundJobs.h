// BackgroundJobs: the thread of `nusqa serve` that runs the scheduler
// (LifecycleService::tick) and the mail sender (OutboxSender::sendPending)
// every interval, and once right at start. Failures are logged and retried
// on the next run. The destructor stops the thread and waits for it.
// Thread safety: construct and destroy on one thread.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "domain/LifecycleService.h"
#include "domain/OutboxSender.h"

namespace Poco {
class Logger;
}

namespace nusqa::app {

class BackgroundJobs {
public:
    // sender may be null (no SMTP configured: mail waits in the outbox).
    BackgroundJobs(LifecycleService& lifecycle, OutboxSender* sender, int intervalSeconds,
                   Poco::Logger& log);
    ~BackgroundJobs();
    BackgroundJobs(const BackgroundJobs&) = delete;
    BackgroundJobs& operator=(const BackgroundJobs&) = delete;

private:
    void loop();
    void runOnce();

    LifecycleService& _lifecycle;
    OutboxSender* _sender;
    int _intervalSeconds;
    Poco::Logger& _log;
    std::mutex _mutex;
    std::condition_variable _wake;
    bool _stopping = false;
    std::thread _thread;
};

}  // namespace nusqa::app
