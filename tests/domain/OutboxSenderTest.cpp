// The outbox sender: retries until the mail server takes the mail, never twice
// (over the shared in-memory outbox).
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "domain/Clock.h"
#include "domain/OutboxSender.h"
#include "support/memory/MemoryOutbox.h"

using namespace nusqa;

namespace {

class FlakyMailer final : public Mailer {
public:
    Status send(const NewMail& mail) override {
        if (down) return fail(ErrorCode::Unavailable, "smtp: connection refused");
        delivered.push_back(mail.recipient);
        return {};
    }
    bool down = true;
    std::vector<std::string> delivered;
};

}  // namespace

BOOST_AUTO_TEST_CASE(outbox_sender_retries_until_the_server_takes_the_mail) {
    test::MemoryDatabase database;
    test::MemoryOutbox outbox(database);
    FlakyMailer mailer;
    ManualClock clock(epochOf("2026-03-02T09:00:00Z").value());
    OutboxSender sender(outbox, mailer, clock, 3);
    BOOST_TEST(
        outbox.enqueue({{"a@u.test", "s", "b"}, {"b@u.test", "s", "b"}}, clock.now()).has_value());
    auto failed = sender.sendPending();
    BOOST_TEST(failed->failed == 2);
    BOOST_TEST(outbox.messages()[0].lastError == "smtp: connection refused");
    mailer.down = false;
    auto sent = sender.sendPending();
    BOOST_TEST(sent->sent == 2);
    BOOST_TEST((mailer.delivered == std::vector<std::string>{"a@u.test", "b@u.test"}));
    BOOST_TEST(outbox.messages()[1].sentAt == "2026-03-02T09:00:00Z");
    BOOST_TEST(sender.sendPending()->sent == 0);  // nothing twice
    // After maxAttempts failures a message is left for a person to look at.
    mailer.down = true;
    BOOST_TEST(outbox.enqueue({{"c@u.test", "s", "b"}}, clock.now()).has_value());
    // The failures are the point: only the attempts counted matter.
    for (int i = 0; i < 5; ++i) (void)sender.sendPending();
    BOOST_TEST(outbox.messages()[2].attempts == 3);
}
