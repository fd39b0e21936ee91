// Group commit (issue 17) on both SQL backends: concurrent audit appends all
// land, one strict chain, in each caller's order; bodies that arrive while a
// commit is under way share the next one; a body that fails alone in a batch
// loses only its own writes; a batch whose commit fails fails every caller
// in it and leaves nothing behind.
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "storage/RecordSamples.h"
#include "storage/detail/GroupCommit.h"
#include "storage/detail/SqlRecordStore.h"
#include "storage/detail/StorageAssembly.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

std::unique_ptr<storage::SqlExecutor> executorOf(StoreFixture& fixture) {
    return require(storage::openExecutor(fixture.url(), 32));
}

std::function<Status(storage::SqlSession&)> appendOne(const std::string& objectId) {
    return [objectId](storage::SqlSession& session) {
        return storage::appendAuditEntries(session, {auditEntry("edition.download_pdf", objectId)});
    };
}

// Waits until `count` bodies queue behind the batch under way.
void waitForQueue(const storage::GroupCommit& group, std::size_t count) {
    for (int i = 0; i < 5000 && group.queued() < count; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    BOOST_REQUIRE_EQUAL(group.queued(), count);
}

// Starts a batch whose one body appends an entry and then holds the batch
// open until release; returns once the body runs (the queue is empty again).
std::thread holdBatch(storage::GroupCommit& group, std::atomic<bool>& release) {
    auto running = std::make_shared<std::atomic<bool>>(false);
    std::thread holder([&group, &release, running] {
        require(group.run("hold", [&](storage::SqlSession& session) -> Status {
            NUSQA_TRY(
                storage::appendAuditEntries(session, {auditEntry("edition.download_pdf", "0")}));
            *running = true;
            while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return {};
        }));
    });
    while (!running->load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return holder;
}

}  // namespace

NUSQA_DATABASE_CASE(concurrent_audit_appends_form_one_chain_in_each_callers_order) {
    AuditLog& audit = fixture.storage().audit();
    constexpr int kThreads = 16;
    constexpr int kEach = 25;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i)
                if (!audit.append(
                        {auditEntry("edition.download_pdf", std::to_string(t), std::to_string(i))}))
                    ++failures;
        });
    for (std::thread& thread : threads) thread.join();
    BOOST_TEST(failures.load() == 0);
    AuditVerification verification = require(audit.verifyAudit());
    BOOST_TEST(verification.intact);
    BOOST_TEST(verification.entries == kThreads * kEach);
    AuditQuery query;
    query.limit = 1000;
    AuditPage page = require(audit.listAudit(query));
    BOOST_TEST_REQUIRE(page.items.size() == static_cast<std::size_t>(kThreads * kEach));
    std::vector<int> next(kThreads, 0);
    for (const AuditEntry& entry : page.items) {
        int thread = std::stoi(entry.entry.objectId);
        BOOST_TEST(entry.entry.details == std::to_string(next[thread]));
        ++next[thread];
    }
}

NUSQA_DATABASE_CASE(bodies_arriving_during_a_commit_share_the_next_one) {
    auto executor = executorOf(fixture);
    storage::GroupCommit group(*executor);
    std::atomic<bool> release{false};
    // The first batch: one body, held open while the others queue.
    std::thread first = holdBatch(group, release);
    std::vector<std::thread> others;
    std::atomic<int> succeeded{0};
    for (int i = 1; i <= 20; ++i)
        others.emplace_back([&, i] {
            if (group.run("append audit", appendOne(std::to_string(i)))) ++succeeded;
        });
    waitForQueue(group, 20);
    release = true;
    first.join();
    for (std::thread& thread : others) thread.join();
    BOOST_TEST(succeeded.load() == 20);
    BOOST_TEST(group.bodies() == 21);
    BOOST_TEST(group.commits() == 2);
    BOOST_TEST(fixture.countRows("audit_log") == 21);
    AuditVerification verification = require(fixture.storage().audit().verifyAudit());
    BOOST_TEST(verification.intact);
    BOOST_TEST(verification.entries == 21);
}

NUSQA_DATABASE_CASE(a_failing_body_in_a_batch_loses_only_its_own_writes) {
    auto executor = executorOf(fixture);
    storage::GroupCommit group(*executor);
    std::atomic<bool> release{false};
    // The first batch: one body, held open while the others queue.
    std::thread first = holdBatch(group, release);
    std::atomic<int> succeeded{0};
    std::vector<std::thread> others;
    for (int i = 1; i <= 4; ++i)
        others.emplace_back([&, i] {
            if (group.run("append audit", appendOne(std::to_string(i)))) ++succeeded;
        });
    waitForQueue(group, 4);
    // Queued last: appends its entry, then fails; its entry must go.
    Status failed;
    std::thread failing([&] {
        failed = group.run("failing act", [](storage::SqlSession& session) -> Status {
            NUSQA_TRY(storage::appendAuditEntries(session, {auditEntry("edition.agree", "99")}));
            return fail(ErrorCode::Conflict, "already signed");
        });
    });
    waitForQueue(group, 5);
    release = true;
    first.join();
    for (std::thread& thread : others) thread.join();
    failing.join();
    BOOST_TEST(succeeded.load() == 4);
    requireError(failed, ErrorCode::Conflict, {"already signed", "failing act"});
    BOOST_TEST(group.commits() == 2);
    BOOST_TEST(fixture.countRows("audit_log") == 5);
    AuditVerification verification = require(fixture.storage().audit().verifyAudit());
    BOOST_TEST(verification.intact);
    BOOST_TEST(verification.entries == 5);
}

// SQLite checks a deferred foreign key at COMMIT: one body that breaks one
// makes the batch's commit fail, after every body succeeded.
BOOST_AUTO_TEST_CASE(sqlite_a_batch_whose_commit_fails_fails_every_caller) {
    StoreFixture fixture(Backend::Sqlite);
    auto executor = executorOf(fixture);
    storage::GroupCommit group(*executor);
    std::atomic<bool> release{false};
    // The first batch: one body, held open while the others queue.
    std::thread first = holdBatch(group, release);
    std::vector<Status> results(6);
    std::vector<std::thread> others;
    for (int i = 0; i < 5; ++i)
        others.emplace_back(
            [&, i] { results[i] = group.run("append audit", appendOne(std::to_string(i + 1))); });
    waitForQueue(group, 5);
    others.emplace_back([&] {
        results[5] = group.run("dangling", [](storage::SqlSession& session) -> Status {
            NUSQA_TRY(executeSql(session, "PRAGMA defer_foreign_keys = ON",
                                 [](storage::SqlStatement&) {}));
            return executeSql(session,
                              "INSERT INTO distribution (document_id, unit_id) VALUES (?, ?)",
                              [](storage::SqlStatement& s) { s.bind(999999).bind(999999); });
        });
    });
    waitForQueue(group, 6);
    release = true;
    first.join();
    for (std::thread& thread : others) thread.join();
    for (const Status& result : results) BOOST_TEST(!result.has_value());
    BOOST_TEST(group.commits() == 2);
    BOOST_TEST(fixture.countRows("audit_log") == 1);
    BOOST_TEST(fixture.countRows("distribution") == 0);
    AuditVerification verification = require(fixture.storage().audit().verifyAudit());
    BOOST_TEST(verification.intact);
    BOOST_TEST(verification.entries == 1);
}
