// Outbox: e-mail notifications waiting to be sent. Messages are written in
// the same transaction as the act that causes them (LifecycleChange::mail),
// so a crash loses none; a sender thread (OutboxSender) delivers them.
// Thread safety: every method may be called concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/Error.h"

namespace nusqa {

struct NewMail {
    std::string recipient;  // e-mail address
    std::string subject;
    std::string body;
};

struct MailMessage {
    std::int64_t id = 0;
    NewMail mail;
    std::string createdAt;
    std::string sentAt;  // empty: not sent yet
    int attempts = 0;
    std::string lastError;
};

class Outbox {
public:
    virtual ~Outbox() = default;
    virtual Status enqueue(const std::vector<NewMail>& mail, const std::string& at) = 0;
    // Unsent messages with fewer than maxAttempts failures, oldest first.
    virtual Result<std::vector<MailMessage>> pendingMail(int limit, int maxAttempts) = 0;
    // Claims the message for sending: marks it sent in one transaction,
    // unless it already is (Conflict: another sender claimed it). The sender
    // sends only after this returned, so no message goes out twice, even
    // with a sender on every node.
    virtual Status markSent(std::int64_t id, const std::string& at) = 0;
    // Sending a claimed message failed: counts the attempt and makes the
    // message pending again.
    virtual Status markFailed(std::int64_t id, const std::string& error) = 0;
};

}  // namespace nusqa
