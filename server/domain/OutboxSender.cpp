#include "domain/OutboxSender.h"

namespace nusqa {

OutboxSender::OutboxSender(Outbox& outbox, Mailer& mailer, const Clock& clock, int maxAttempts)
    : _outbox(outbox), _mailer(mailer), _clock(clock), _maxAttempts(maxAttempts) {}

Result<SendReport> OutboxSender::sendPending(int batch) {
    std::lock_guard lock(_mutex);
    SendReport report;
    for (const MailMessage& message : NUSQA_TRY(_outbox.pendingMail(batch, _maxAttempts))) {
        // Claimed first, in its own transaction: a message another node's
        // sender claimed is skipped, and a crash between the claim and the
        // delivery loses that one message rather than sending it twice.
        if (auto claimed = _outbox.markSent(message.id, _clock.now()); !claimed) {
            if (claimed.error().code == ErrorCode::Conflict) continue;
            return std::unexpected(std::move(claimed).error());
        }
        if (auto sent = _mailer.send(message.mail); sent) {
            ++report.sent;
        } else {
            NUSQA_TRY(_outbox.markFailed(message.id, sent.error().message));
            ++report.failed;
        }
    }
    return report;
}

}  // namespace nusqa
