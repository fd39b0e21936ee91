// BackgroundJobs: the thread of `nusqa serve` that runs the scheduler
// (LifecycleService::tick) and the mail sender (OutboxSender::sendPending)
// every interval, and once right at start — on one node of a cluster at a
// time: each run first takes or renews the job lease "scheduler" (JobLease)
// and acts only when that returned true, i.e. after the lease's COMMIT. The
// lease lasts leaseSeconds(interval) (three intervals, at least 30 s), so a
// node that died hands over within that time; a holder whose renewal fails
// stops acting. The acts are idempotent anyway (conditional updates; a mail
// is claimed before it is sent). Failures are logged and retried on the next
// run. The destructor stops the thread, waits for it and releases the lease.
// Thread safety: construct and destroy on one thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "domain/JobLease.h"
#include "domain/LifecycleService.h"
#include "domain/OutboxSender.h"

namespace Poco {
class Logger;
}

namespace nusqa::app {

class BackgroundJobs {
public:
    // sender may be null (no SMTP configured: mail waits in the outbox).
    BackgroundJobs(LifecycleService& lifecycle, OutboxSender* sender, JobLease& lease,
                   int intervalSeconds, Poco::Logger& log);
    ~BackgroundJobs();
    BackgroundJobs(const BackgroundJobs&) = delete;
    BackgroundJobs& operator=(const BackgroundJobs&) = delete;

    static int leaseSeconds(int intervalSeconds);
    // This node's name in the lease row: host, process id and a random part.
    const std::string& holder() const { return _holder; }

private:
    void loop();
    void runOnce();
    bool holdLease();

    LifecycleService& _lifecycle;
    OutboxSender* _sender;
    JobLease& _lease;
    int _intervalSeconds;
    Poco::Logger& _log;
    std::string _holder;
    bool _holding = false;  // the last acquire returned true (the thread only)
    std::mutex _mutex;
    std::condition_variable _wake;
    bool _stopping = false;
    std::thread _thread;
};

}  // namespace nusqa::app
