#include "domain/OutboxSender.h"

namespace nusqa {

OutboxSender::OutboxSender(Outbox& outbox, Mailer& mailer, const Clock& clock, int maxAttempts)
    : _outbox(outbox), _mailer(mailer), _clock(clock), _maxAttempts(maxAttempts) {}

Result<SendReport> OutboxSender::sendPending(int batch) {
    std::lock_guard lock(_mutex);
    SendReport report;
    for (const MailMessage& message : NUSQA_TRY(_outbox.pendingMail(batch, _maxAttempts))) {
        if (auto sent = _mailer.send(message.mail); sent) {
            NUSQA_TRY(_outbox.markSent(message.id, _clock.now()));
            ++report.sent;
        } else {
            NUSQA_TRY(_outbox.markFailed(message.id, sent.error().message));
            ++report.failed;
        }
    }
    return report;
}

}  // namespace nusqa
