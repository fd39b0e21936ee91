// The lifecycle table, the authorization table, dates, login throttling,
// notification texts and the audit chain's canonical form (no storage).
#include <boost/test/unit_test.hpp>

#include <set>

#include "domain/AuthService.h"
#include "domain/Authorization.h"
#include "domain/Clock.h"
#include "domain/Lifecycle.h"
#include "domain/Notifications.h"
#include "domain/OutboxSender.h"
#include "crypto/AuditChain.h"

using namespace nusqa;

BOOST_AUTO_TEST_CASE(lifecycle_table_follows_the_design) {
    using enum EditionStatus;
    auto to = [](EditionStatus from, LifecycleAct act) { return transitionFor(from, act)->to; };
    BOOST_TEST((to(Draft, LifecycleAct::Submit) == InAgreement));
    BOOST_TEST((to(InAgreement, LifecycleAct::Agree) == InAgreement));
    BOOST_TEST((to(InAgreement, LifecycleAct::CompleteAgreement) == Agreed));
    BOOST_TEST((to(InAgreement, LifecycleAct::Reject) == Draft));
    BOOST_TEST((to(Agreed, LifecycleAct::Approve) == Approved));
    BOOST_TEST((to(Approved, LifecycleAct::EnterIntoForce) == InForce));
    BOOST_TEST((to(InForce, LifecycleAct::Supersede) == Superseded));
    BOOST_TEST((to(InForce, LifecycleAct::ReviewCancel) == Cancelled));
    BOOST_TEST((to(InForce, LifecycleAct::Familiarize) == InForce));
    // Every signing act carries its meaning; the system's acts carry none.
    for (const Transition& row : lifecycleTable()) {
        bool system = row.permission == Action::RunScheduler;
        bool cancel = row.act == LifecycleAct::Cancel;
        BOOST_TEST(row.signature.has_value() == (!system && !cancel), toString(row.act));
    }
}

BOOST_AUTO_TEST_CASE(illegal_transitions_are_conflicts_with_the_reason) {
    auto approveInForce = transitionFor(EditionStatus::InForce, LifecycleAct::Approve);
    BOOST_TEST_REQUIRE(!approveInForce.has_value());
    BOOST_TEST((approveInForce.error().code == ErrorCode::Conflict));
    BOOST_TEST(approveInForce.error().message.find("in_force") != std::string::npos);
    BOOST_TEST(approveInForce.error().message.find("needs agreed") != std::string::npos);
    // No act leaves a terminal state except the table's own rows.
    for (EditionStatus terminal : {EditionStatus::Superseded, EditionStatus::Cancelled})
        for (const Transition& row : lifecycleTable()) BOOST_TEST((row.from != terminal));
    BOOST_TEST(!transitionFor(EditionStatus::Superseded, LifecycleAct::Familiarize).has_value());
}

BOOST_AUTO_TEST_CASE(authorization_table_separates_duties) {
    // An auditor reads everything and changes nothing.
    std::set<Action> reads{Action::ReadRegister, Action::ReadOwn, Action::ReadPeople,
                           Action::ReadQualityRecords, Action::ReadAudit};
    for (Action action : kAllActions)
        BOOST_TEST(roleAllows(Role::Auditor, action) == reads.contains(action), toString(action));
    BOOST_TEST(roleAllows(Role::Admin, Action::ManagePeople));
    BOOST_TEST(!roleAllows(Role::Admin, Action::Approve));
    BOOST_TEST(!roleAllows(Role::Employee, Action::EditDrafts));
    BOOST_TEST(roleAllows(Role::Employee, Action::Familiarize));
    BOOST_TEST(roleAllows(Role::Approver, Action::Agree));
    BOOST_TEST(!roleAllows(Role::QualityOffice, Action::Agree));
    for (Role role : kAllRoles) BOOST_TEST(!roleAllows(role, Action::RunScheduler));
    User employee;
    employee.login = "e";
    employee.roles = {Role::Employee};
    auto refused = authorize(employee, Action::Approve);
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST((refused.error().code == ErrorCode::Forbidden));
    BOOST_TEST(refused.error().message.find("approve editions") != std::string::npos);
    employee.active = false;
    BOOST_TEST(!authorize(employee, Action::ReadOwn).has_value());
}

BOOST_AUTO_TEST_CASE(dates_and_timestamps) {
    BOOST_TEST(addDays("2024-02-28", 1).value() == "2024-02-29");
    BOOST_TEST(addDays("2026-12-25", 10).value() == "2027-01-04");
    BOOST_TEST(addDays("2026-03-01", -1).value() == "2026-02-28");
    BOOST_TEST(addMonths("2026-01-31", 1).value() == "2026-02-28");
    BOOST_TEST(addMonths("2022-11-14", 36).value() == "2025-11-14");
    BOOST_TEST(!addDays("2026-02-30", 1).has_value());
    BOOST_TEST(!isDate("2026-2-3"));
    BOOST_TEST(timestampOf(0) == "1970-01-01T00:00:00Z");
    BOOST_TEST(epochOf(timestampOf(1795000000)).value() == 1795000000);
    BOOST_TEST(epochOf("2026-03-02").value() == epochOf("2026-03-02T00:00:00Z").value());
    ManualClock clock(epochOf("2026-03-02T23:59:30Z").value());
    clock.advance(60);
    BOOST_TEST(clock.today() == "2026-03-03");
    BOOST_TEST(clock.now() == "2026-03-03T00:00:30Z");
}

BOOST_AUTO_TEST_CASE(login_throttle_counts_per_account_and_per_address) {
    LoginThrottle throttle(3, 5, 60);
    for (int i = 0; i < 3; ++i) {
        BOOST_TEST(throttle.check("anna", "10.0.0.1", 100).has_value());
        throttle.recordFailure("anna", "10.0.0.1", 100);
    }
    auto blocked = throttle.check("anna", "10.0.0.9", 101);
    BOOST_TEST_REQUIRE(!blocked.has_value());
    BOOST_TEST((blocked.error().code == ErrorCode::TooManyRequests));
    BOOST_TEST(throttle.check("bota", "10.0.0.9", 101).has_value());
    BOOST_TEST(throttle.check("anna", "10.0.0.9", 161).has_value());  // the window moved on
    for (int i = 0; i < 2; ++i) throttle.recordFailure("user" + std::to_string(i), "10.0.0.1", 110);
    // Five failures from 10.0.0.1 in the window: every account is refused there.
    BOOST_TEST(!throttle.check("someone", "10.0.0.1", 120).has_value());
    BOOST_TEST(throttle.check("someone", "10.0.0.2", 120).has_value());
    throttle.recordSuccess("anna");
    BOOST_TEST(throttle.check("anna", "10.0.0.3", 120).has_value());
}

BOOST_AUTO_TEST_CASE(mail_is_written_in_the_recipients_language) {
    User kazakh;
    kazakh.email = "k@university.test";
    kazakh.fullNameKk = "Айгүл Сейтқали";
    User russian = kazakh;
    russian.language = Language::Russian;
    russian.fullNameRu = "Айгуль Сейткали";
    MailFacts facts{"СМЖ 07.БЕ.51", "Коворкинг орталығы туралы", 2, "2026-03-12", "", ""};
    NewMail kk = composeMail(kazakh, MailKind::Familiarization, facts);
    NewMail ru = composeMail(russian, MailKind::Familiarization, facts);
    BOOST_TEST(kk.recipient == "k@university.test");
    BOOST_TEST(kk.subject == "Танысу қажет: СМЖ 07.БЕ.51");
    BOOST_TEST(ru.subject == "Требуется ознакомление: СМЖ 07.БЕ.51");
    BOOST_TEST(kk.body.find("Айгүл Сейтқали") != std::string::npos);
    BOOST_TEST(ru.body.find("Айгуль Сейткали") != std::string::npos);
    BOOST_TEST(ru.body.find("2026-03-12") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(audit_chain_canonical_form_is_unambiguous) {
    crypto::AuditFields fields{
        1,    "2026-03-02T09:00:00Z", 3, "anna", "edition.agree", "edition", "12",
        "ab", crypto::kGenesisHash};
    std::string canonical = crypto::canonicalAuditEntry(fields);
    BOOST_TEST(
        canonical.starts_with("nusqa-audit-v1\n1:1\n20:2026-03-02T09:00:00Z\n1:3\n4:anna\n"));
    std::string hash = crypto::auditEntryHash(fields);
    BOOST_TEST(hash.size() == 64u);
    // Moving a byte between neighbouring fields changes the hash.
    crypto::AuditFields shifted = fields;
    shifted.objectId = "12a";
    shifted.details = "b";
    BOOST_TEST(crypto::auditEntryHash(shifted) != hash);
    crypto::AuditFields renumbered = fields;
    renumbered.sequence = 2;
    BOOST_TEST(crypto::auditEntryHash(renumbered) != hash);
}

namespace {

class MemoryOutbox final : public Outbox {
public:
    Status enqueue(const std::vector<NewMail>& mail, const std::string& at) override {
        for (const NewMail& one : mail)
            messages.push_back(MailMessage{nextId++, one, at, "", 0, ""});
        return {};
    }
    Result<std::vector<MailMessage>> pendingMail(int limit, int maxAttempts) override {
        std::vector<MailMessage> pending;
        for (const MailMessage& message : messages)
            if (message.sentAt.empty() && message.attempts < maxAttempts &&
                static_cast<int>(pending.size()) < limit)
                pending.push_back(message);
        return pending;
    }
    Status markSent(std::int64_t id, const std::string& at) override {
        messages.at(static_cast<std::size_t>(id - 1)).sentAt = at;
        return {};
    }
    Status markFailed(std::int64_t id, const std::string& error) override {
        MailMessage& message = messages.at(static_cast<std::size_t>(id - 1));
        ++message.attempts;
        message.lastError = error;
        return {};
    }
    std::vector<MailMessage> messages;
    std::int64_t nextId = 1;
};

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
    MemoryOutbox outbox;
    FlakyMailer mailer;
    ManualClock clock(epochOf("2026-03-02T09:00:00Z").value());
    OutboxSender sender(outbox, mailer, clock, 3);
    BOOST_TEST(
        outbox.enqueue({{"a@u.test", "s", "b"}, {"b@u.test", "s", "b"}}, clock.now()).has_value());
    auto failed = sender.sendPending();
    BOOST_TEST(failed->failed == 2);
    BOOST_TEST(outbox.messages[0].lastError == "smtp: connection refused");
    mailer.down = false;
    auto sent = sender.sendPending();
    BOOST_TEST(sent->sent == 2);
    BOOST_TEST((mailer.delivered == std::vector<std::string>{"a@u.test", "b@u.test"}));
    BOOST_TEST(outbox.messages[1].sentAt == "2026-03-02T09:00:00Z");
    BOOST_TEST(sender.sendPending()->sent == 0);  // nothing twice
    // After maxAttempts failures a message is left for a person to look at.
    mailer.down = true;
    BOOST_TEST(outbox.enqueue({{"c@u.test", "s", "b"}}, clock.now()).has_value());
    for (int i = 0; i < 5; ++i) (void)sender.sendPending();
    BOOST_TEST(outbox.messages[2].attempts == 3);
}
