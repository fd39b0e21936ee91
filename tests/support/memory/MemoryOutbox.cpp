#include "support/memory/MemoryOutbox.h"

#include <algorithm>

namespace nusqa::test {

Status MemoryOutbox::enqueue(const std::vector<NewMail>& mail, const std::string& at) {
    return _database.write("enqueue mail", [&](MemoryTables& tables) -> Status {
        for (const NewMail& message : mail) {
            NUSQA_TRY(_database.step("insert mail"));
            std::int64_t id = tables.nextId("outbox");
            tables.outbox[id] = MailMessage{id, message, at, "", 0, ""};
        }
        return {};
    });
}

Result<std::vector<MailMessage>> MemoryOutbox::pendingMail(int limit, int maxAttempts) {
    std::vector<MailMessage> pending;
    NUSQA_TRY(_database.read("select pending mail", [&](const MemoryTables& tables) -> Status {
        for (const auto& [id, message] : tables.outbox)
            if (message.sentAt.empty() && message.attempts < maxAttempts &&
                static_cast<int>(pending.size()) < std::clamp(limit, 1, 1000))
                pending.push_back(message);
        return {};
    }));
    return pending;
}

Status MemoryOutbox::markSent(std::int64_t id, const std::string& at) {
    return _database.write("mark mail sent", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("update mail"));
        auto message = tables.outbox.find(id);
        if (message == tables.outbox.end() || !message->second.sentAt.empty())
            return fail(ErrorCode::Conflict,
                        "mail " + std::to_string(id) + " was already sent (or is unknown)");
        message->second.sentAt = at;
        return {};
    });
}

Status MemoryOutbox::markFailed(std::int64_t id, const std::string& error) {
    return _database.write("mark mail failed", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("update mail"));
        if (auto message = tables.outbox.find(id); message != tables.outbox.end()) {
            ++message->second.attempts;
            message->second.sentAt.clear();
            message->second.lastError = error.substr(0, 1000);
        }
        return {};
    });
}

std::vector<MailMessage> MemoryOutbox::messages() {
    std::vector<MailMessage> all;
    // Reading the committed tables cannot fail.
    (void)_database.read("select mail", [&](const MemoryTables& tables) -> Status {
        for (const auto& [id, message] : tables.outbox) all.push_back(message);
        return {};
    });
    return all;
}

}  // namespace nusqa::test
