// MemoryOutbox: the Outbox port over a MemoryDatabase, for tests: mail in
// the order it was queued, sent once, failures counted.
// Thread safety: as MemoryDatabase. The database must outlive the outbox.
#pragma once

#include "domain/Outbox.h"
#include "support/memory/MemoryDatabase.h"

namespace nusqa::test {

class MemoryOutbox final : public Outbox {
public:
    explicit MemoryOutbox(MemoryDatabase& database) : _database(database) {}

    Status enqueue(const std::vector<NewMail>& mail, const std::string& at) override;
    Result<std::vector<MailMessage>> pendingMail(int limit, int maxAttempts) override;
    Status markSent(std::int64_t id, const std::string& at) override;
    Status markFailed(std::int64_t id, const std::string& error) override;

    // Every message, sent or not, in the order queued.
    std::vector<MailMessage> messages();

private:
    MemoryDatabase& _database;
};

}  // namespace nusqa::test
