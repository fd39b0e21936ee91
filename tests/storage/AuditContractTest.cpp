// Contract cases of AuditLog and Outbox on every backend: the hash chain,
// its filters, and verification that names the first bad entry after a
// changed row, a deleted row, two swapped rows and a cut-off tail.
#include <limits>
#include <thread>

#include "crypto/AuditChain.h"
#include "storage/RecordSamples.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

// Five entries: 1..5, objects 1..5, actions alternating.
void appendFive(AuditLog& audit) {
    require(audit.append({auditEntry("edition.submit", "1", "бірінші")}));
    require(audit.append({auditEntry("edition.agree", "2"), auditEntry("edition.agree", "3")}));
    require(audit.append({auditEntry("auth.login", "4", "from 127.0.0.1")}));
    require(audit.append({auditEntry("edition.approve", "5", "decision №13")}));
}

}  // namespace

NUSQA_STORE_CASE(audit_entries_form_a_hash_chain) {
    AuditLog& audit = fixture.storage().audit();
    BOOST_TEST(require(audit.verifyAudit()).intact);
    BOOST_TEST(require(audit.verifyAudit()).entries == 0);
    appendFive(audit);
    AuditPage page = require(audit.listAudit(AuditQuery{}));
    BOOST_TEST_REQUIRE(page.total == 5);
    std::string previous(crypto::kGenesisHash);
    for (std::size_t i = 0; i < page.items.size(); ++i) {
        const AuditEntry& entry = page.items[i];
        BOOST_TEST(entry.sequence == static_cast<std::int64_t>(i + 1));
        BOOST_TEST(entry.previousHash == previous);
        BOOST_TEST(entry.hash ==
                   crypto::auditEntryHash(crypto::AuditFields{
                       entry.sequence, entry.entry.at, entry.entry.actorId, entry.entry.actorLogin,
                       entry.entry.action, entry.entry.objectType, entry.entry.objectId,
                       entry.entry.details, entry.previousHash}));
        previous = entry.hash;
    }
    BOOST_TEST(page.items[0].entry.details == "бірінші");
    BOOST_TEST(page.items[0].entry.actorLogin == "тексеруші");
    AuditVerification verification = require(audit.verifyAudit());
    BOOST_TEST(verification.intact);
    BOOST_TEST(verification.entries == 5);
}

NUSQA_STORE_CASE(audit_list_filters_and_pages) {
    AuditLog& audit = fixture.storage().audit();
    appendFive(audit);
    require(audit.append(
        {NewAuditEntry{"2026-03-05T10:00:00Z", 9, "auditor", "auth.login", "user", "9", ""}}));
    AuditQuery query;
    query.action = "edition.";
    BOOST_TEST(require(audit.listAudit(query)).total == 4);
    query.action = "edition.agree";
    BOOST_TEST(require(audit.listAudit(query)).total == 2);
    query = AuditQuery{};
    query.actorLogin = "auditor";
    BOOST_TEST(require(audit.listAudit(query)).total == 1);
    query = AuditQuery{};
    query.objectType = "edition";
    query.objectId = "5";
    auto approve = require(audit.listAudit(query));
    BOOST_TEST_REQUIRE(approve.items.size() == 1u);
    BOOST_TEST(approve.items[0].entry.details == "decision №13");
    query = AuditQuery{};
    query.from = "2026-03-03";
    BOOST_TEST(require(audit.listAudit(query)).total == 1);
    query = AuditQuery{};
    query.to = "2026-03-02";
    BOOST_TEST(require(audit.listAudit(query)).total == 5);
    query = AuditQuery{};
    query.limit = 2;
    query.offset = 4;
    auto paged = require(audit.listAudit(query));
    BOOST_TEST(paged.total == 6);
    BOOST_TEST_REQUIRE(paged.items.size() == 2u);
    BOOST_TEST(paged.items[0].sequence == 5);
}

// Keyset pages (issue 17): a walk over one object type resumes after the
// last sequence it saw, filters still apply, and the count can be skipped.
NUSQA_STORE_CASE(audit_list_pages_by_sequence_without_counting) {
    AuditLog& audit = fixture.storage().audit();
    appendFive(audit);
    require(audit.append(
        {NewAuditEntry{"2026-03-05T10:00:00Z", 9, "auditor", "auth.login", "user", "9", ""}}));
    AuditQuery query;
    query.objectType = "edition";
    query.limit = 2;
    query.countTotal = false;
    std::vector<std::int64_t> walked;
    for (int page = 0; page < 10; ++page) {
        AuditPage found = require(audit.listAudit(query));
        BOOST_TEST(found.total == 0);
        for (const AuditEntry& entry : found.items) walked.push_back(entry.sequence);
        if (found.items.size() < 2u) break;
        query.afterSequence = found.items.back().sequence;
    }
    BOOST_TEST(walked == (std::vector<std::int64_t>{1, 2, 3, 4, 5}),
               boost::test_tools::per_element());
    query = AuditQuery{};
    query.afterSequence = 4;
    AuditPage rest = require(audit.listAudit(query));
    BOOST_TEST(rest.total == 2);
    BOOST_TEST_REQUIRE(rest.items.size() == 2u);
    BOOST_TEST(rest.items[0].sequence == 5);
    BOOST_TEST(rest.items[1].entry.actorLogin == "auditor");
}

NUSQA_STORE_CASE(audit_verify_names_a_changed_row) {
    appendFive(fixture.storage().audit());
    fixture.changeAuditDetails(3, "forged");
    AuditVerification verification = require(fixture.storage().audit().verifyAudit());
    BOOST_TEST(!verification.intact);
    BOOST_TEST(verification.firstBadSequence == 3);
    BOOST_TEST(verification.problem.find("changed") != std::string::npos, verification.problem);
}

NUSQA_STORE_CASE(audit_verify_names_a_deleted_row) {
    appendFive(fixture.storage().audit());
    fixture.deleteAuditEntries(2, 2);
    AuditVerification verification = require(fixture.storage().audit().verifyAudit());
    BOOST_TEST(!verification.intact);
    BOOST_TEST(verification.firstBadSequence == 2);
    BOOST_TEST(verification.problem.find("missing") != std::string::npos, verification.problem);
}

NUSQA_STORE_CASE(audit_verify_names_two_swapped_rows) {
    appendFive(fixture.storage().audit());
    fixture.renumberAuditEntry(2, 1000);
    fixture.renumberAuditEntry(4, 2);
    fixture.renumberAuditEntry(1000, 4);
    AuditVerification verification = require(fixture.storage().audit().verifyAudit());
    BOOST_TEST(!verification.intact);
    BOOST_TEST(verification.firstBadSequence == 2, verification.problem);
}

NUSQA_STORE_CASE(audit_verify_notices_a_cut_tail) {
    appendFive(fixture.storage().audit());
    fixture.deleteAuditEntries(4, std::numeric_limits<std::int64_t>::max());
    AuditVerification verification = require(fixture.storage().audit().verifyAudit());
    BOOST_TEST(!verification.intact);
    BOOST_TEST(verification.firstBadSequence == 4, verification.problem);
    // Appending after a cut continues from the head, so the gap stays visible.
    require(fixture.storage().audit().append({auditEntry("auth.login")}));
    BOOST_TEST(require(fixture.storage().audit().verifyAudit()).firstBadSequence == 4);
}

NUSQA_STORE_CASE(concurrent_appends_keep_one_chain) {
    AuditLog& audit = fixture.storage().audit();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&audit, t] {
            // Appends racing each other; the chain is checked below.
            for (int i = 0; i < 10; ++i)
                (void)audit.append({auditEntry("auth.login", std::to_string(t * 100 + i))});
        });
    for (auto& thread : threads) thread.join();
    AuditVerification verification = require(audit.verifyAudit());
    BOOST_TEST(verification.intact, verification.problem);
    BOOST_TEST(verification.entries == 40);
}

NUSQA_STORE_CASE(outbox_keeps_mail_until_sent) {
    Outbox& outbox = fixture.storage().outbox();
    require(outbox.enqueue({{"a@university.test", "Танысу қажет: СМЖ 07", "Мәтін"},
                            {"b@university.test", "Требуется ознакомление: СМЖ 07", "Текст"}},
                           kTestTime));
    auto pending = require(outbox.pendingMail(10, 3));
    BOOST_TEST_REQUIRE(pending.size() == 2u);
    BOOST_TEST(pending[0].mail.recipient == "a@university.test");
    BOOST_TEST(pending[0].mail.subject == "Танысу қажет: СМЖ 07");
    BOOST_TEST(pending[1].mail.body == "Текст");
    BOOST_TEST(pending[0].createdAt == kTestTime);
    require(outbox.markSent(pending[0].id, "2026-03-02T09:01:00Z"));
    // Claimed once: a second sender's claim is refused.
    requireError(outbox.markSent(pending[0].id, "2026-03-02T09:01:01Z"), ErrorCode::Conflict,
                 {"already sent"});
    for (int attempt = 0; attempt < 3; ++attempt)
        require(outbox.markFailed(pending[1].id, "refused"));
    BOOST_TEST(require(outbox.pendingMail(10, 3)).empty());
    auto retried = require(outbox.pendingMail(10, 4));
    BOOST_TEST_REQUIRE(retried.size() == 1u);
    BOOST_TEST(retried[0].attempts == 3);
    BOOST_TEST(retried[0].lastError == "refused");
}
