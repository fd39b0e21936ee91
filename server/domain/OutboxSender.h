// OutboxSender: delivers the outbox through a Mailer (SMTP in production,
// see mail/SmtpMailer.h). sendPending() is deterministic and may be called by
// tests; the application calls it from a background thread.
//
// A message is marked sent only after the Mailer accepted it; a failure is
// counted and retried on later calls, up to maxAttempts. So a crash between
// sending and marking may send a message twice, never lose one.
// Thread safety: sendPending() is serialised internally; the Mailer is only
// called from inside it.
#pragma once

#include <mutex>

#include "domain/Clock.h"
#include "domain/Mailer.h"
#include "domain/Outbox.h"

namespace nusqa {

struct SendReport {
    int sent = 0;
    int failed = 0;
};

class OutboxSender {
public:
    OutboxSender(Outbox& outbox, Mailer& mailer, const Clock& clock, int maxAttempts = 10);
    // Sends up to batch pending messages.
    Result<SendReport> sendPending(int batch = 100);

private:
    Outbox& _outbox;
    Mailer& _mailer;
    const Clock& _clock;
    int _maxAttempts;
    std::mutex _mutex;
};

}  // namespace nusqa
