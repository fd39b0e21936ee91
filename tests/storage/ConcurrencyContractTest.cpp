// Contract cases on concurrency and durability, run on every backend:
// racing compare-and-set, readers during writes, reopening, and a writer
// process killed with SIGKILL right after its calls returned.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <latch>
#include <mutex>
#include <thread>

#include "crypto/Digest.h"
#include "storage/StoreFactory.h"
#include "storage/StoreFixture.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

// Failures seen on worker threads; Boost.Test assertions are main-thread only.
class Failures {
public:
    void add(std::string failure) {
        std::lock_guard lock(_mutex);
        if (_failures.size() < 20) _failures.push_back(std::move(failure));
        ++_count;
    }
    void check() {
        std::lock_guard lock(_mutex);
        for (const std::string& failure : _failures) BOOST_ERROR(failure);
        BOOST_TEST(_count == 0);
    }

private:
    std::mutex _mutex;
    std::vector<std::string> _failures;
    int _count = 0;
};

// The XML of revision n in the readers-and-writer case: the revision is
// readable from the text, the size varies.
std::string versionXml(std::int64_t revision) {
    return sampleXml("<revision>" + std::to_string(revision) + "</revision>" +
                     std::string(static_cast<std::size_t>(100 + revision * 37 % 4000), 'x'));
}

std::int64_t revisionInXml(const std::string& xml) {
    auto start = xml.find("<revision>");
    if (start == std::string::npos) return -1;
    return std::stoll(xml.substr(start + 10));
}

}  // namespace

NUSQA_STORE_CASE(racing_draft_updates_have_exactly_one_winner) {
    constexpr int kThreads = 8;
    Store& store = fixture.store();
    Document document = require(store.createDocument(sampleDocument("СМЖ 01"), {}));
    Edition edition = require(
        store.createEdition(sampleEdition(document.id, 1, Language::Kazakh, sampleXml("0")), {}));

    std::latch start(kThreads);
    std::vector<Result<Edition>> results(kThreads, fail(ErrorCode::Internal, "not run"));
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i)
        threads.emplace_back([&, i] {
            std::string xml = sampleXml("writer " + std::to_string(i));
            start.arrive_and_wait();
            results[i] = store.updateDraft(edition.id, 1, xml, crypto::sha256Hex(xml), {});
        });
    for (auto& thread : threads) thread.join();

    int winner = -1;
    for (int i = 0; i < kThreads; ++i) {
        if (results[i]) {
            BOOST_TEST(winner == -1, "a second winner: thread " << i);
            winner = i;
            BOOST_TEST(results[i]->revision == 2);
        } else {
            requireError(results[i], ErrorCode::PreconditionFailed, {"revision 2"});
        }
    }
    BOOST_REQUIRE(winner >= 0);
    BOOST_TEST(require(store.edition(edition.id)).revision == 2);
    BOOST_TEST(require(store.editionXml(edition.id)) ==
               sampleXml("writer " + std::to_string(winner)));
}

NUSQA_STORE_CASE(readers_stay_consistent_while_one_writes) {
    constexpr int kReaders = 8;
    constexpr int kWrites = 40;
    Store& store = fixture.store();
    Document document = require(store.createDocument(sampleDocument("СМЖ 02"), {}));
    Edition edition = require(
        store.createEdition(sampleEdition(document.id, 1, Language::Kazakh, versionXml(1)), {}));

    std::atomic<bool> writing{true};
    std::atomic<int> reads{0};
    Failures failures;
    std::vector<std::thread> readers;
    for (int i = 0; i < kReaders; ++i)
        readers.emplace_back([&] {
            std::int64_t lastRevision = 0;
            std::int64_t lastXmlRevision = 0;
            do {
                auto read = store.edition(edition.id);
                auto xml = store.editionXml(edition.id);
                auto page = store.listDocuments({});
                if (!read || !xml || !page) {
                    failures.add("read failed: " + (!read  ? read.error().message
                                                    : !xml ? xml.error().message
                                                           : page.error().message));
                    continue;
                }
                // One row, one snapshot: the hash belongs to the revision.
                if (read->sha256 != crypto::sha256Hex(versionXml(read->revision)))
                    failures.add("sha256 does not match revision " +
                                 std::to_string(read->revision));
                if (read->revision < lastRevision) failures.add("revision went backwards");
                lastRevision = read->revision;
                std::int64_t xmlRevision = revisionInXml(*xml);
                if (*xml != versionXml(xmlRevision)) failures.add("torn or foreign XML");
                if (xmlRevision < lastXmlRevision) failures.add("XML went backwards");
                lastXmlRevision = xmlRevision;
                if (page->total != 1) failures.add("document count changed");
                ++reads;
            } while (writing);
        });

    for (std::int64_t revision = 1; revision <= kWrites; ++revision) {
        std::string xml = versionXml(revision + 1);
        auto updated = store.updateDraft(edition.id, revision, xml, crypto::sha256Hex(xml), {});
        if (!updated) failures.add("write failed: " + updated.error().message);
    }
    writing = false;
    for (auto& reader : readers) reader.join();
    failures.check();
    BOOST_TEST_MESSAGE(reads.load() << " consistent reads during " << kWrites << " writes");
    BOOST_TEST(require(store.edition(edition.id)).revision == kWrites + 1);
}

NUSQA_STORE_CASE(data_persists_after_the_store_is_reopened) {
    Store& store = fixture.store();
    Document document = require(store.createDocument(sampleDocument("СМЖ 07.БЕ.51"), {}));
    std::string first = sampleXml("бірінші");
    Edition edition =
        require(store.createEdition(sampleEdition(document.id, 1, Language::Kazakh, first), {}));
    std::string second = sampleXml("екінші 😀\r\n");
    require(fixture.store().updateDraft(edition.id, 1, second, crypto::sha256Hex(second), {}));
    fixture.close();

    fixture.reopen();
    Document reread = require(fixture.store().document(document.id));
    BOOST_TEST(reread.code == document.code);
    BOOST_TEST(reread.title == document.title);
    Edition rereadEdition = require(fixture.store().edition(edition.id));
    BOOST_TEST(rereadEdition.revision == 2);
    BOOST_TEST(rereadEdition.sha256 == crypto::sha256Hex(second));
    BOOST_TEST(require(fixture.store().editionXml(edition.id)) == second);
    BOOST_TEST(require(fixture.store().listDocuments({})).total == 1);
}

// The writer runs in a child process that is SIGKILLed as soon as it reports
// what it wrote: every acknowledged write must be there afterwards. A case
// of the database (the memory ports die with their process).
NUSQA_DATABASE_CASE(acknowledged_writes_survive_sigkill_of_the_writer) {
    constexpr int kEditions = 5;
    // No connection may cross fork(): SQLite forbids it.
    fixture.close();
    int channel[2];
    BOOST_REQUIRE(::pipe(channel) == 0);
    pid_t child = ::fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        ::close(channel[0]);
        std::int64_t report[2 + kEditions] = {};
        auto store = openStorage(fixture.url());
        if (store) {
            auto document = (*store)->documents().createDocument(sampleDocument("SIGKILL"), {});
            report[0] = document ? document->id : 0;
            for (int i = 0; document && i < kEditions; ++i) {
                std::string xml = sampleXml("edition " + std::to_string(i));
                auto edition = (*store)->documents().createEdition(
                    sampleEdition(document->id, i + 1, Language::Kazakh, xml), {});
                if (!edition) break;
                std::string updated = sampleXml("updated " + std::to_string(i));
                if (!(*store)->documents().updateDraft(edition->id, 1, updated,
                                                       crypto::sha256Hex(updated), {}))
                    break;
                report[2 + i] = edition->id;
                report[1] = i + 1;
            }
        }
        (void)!::write(channel[1], report, sizeof report);
        ::pause();  // killed here, with the store still open
        ::_exit(3);
    }
    ::close(channel[1]);
    std::int64_t report[2 + kEditions] = {};
    ssize_t received = ::read(channel[0], report, sizeof report);
    ::close(channel[0]);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    BOOST_TEST(WIFSIGNALED(status));
    BOOST_REQUIRE(received == static_cast<ssize_t>(sizeof report));
    BOOST_REQUIRE_MESSAGE(report[1] == kEditions, "the child wrote " << report[1] << " editions");

    fixture.reopen();
    BOOST_TEST(require(fixture.store().document(report[0])).code == "SIGKILL");
    for (int i = 0; i < kEditions; ++i) {
        Edition edition = require(fixture.store().edition(report[2 + i]));
        BOOST_TEST(edition.revision == 2);
        BOOST_TEST(require(fixture.store().editionXml(edition.id)) ==
                   sampleXml("updated " + std::to_string(i)));
    }
}

// MySQL only: connections the server dropped are replaced transparently.
BOOST_AUTO_TEST_SUITE(mysql)

BOOST_AUTO_TEST_CASE(reconnects_after_its_connections_are_killed) {
    StoreFixture fixture(Backend::Mysql);
    fixture.reopen(4);
    Store& store = fixture.store();
    Document document = require(store.createDocument(sampleDocument("СМЖ 03"), {}));
    // Open several pooled connections, then have the server kill them all.
    std::vector<std::thread> threads;
    // Only the pooled connections the reads open matter, not what they read.
    for (int i = 0; i < 4; ++i) threads.emplace_back([&] { (void)store.document(document.id); });
    for (auto& thread : threads) thread.join();
    fixture.killStoreConnections();

    BOOST_TEST(require(store.document(document.id)).code == "СМЖ 03");
    Edition edition = require(
        store.createEdition(sampleEdition(document.id, 1, Language::Kazakh, sampleXml("x")), {}));
    fixture.killStoreConnections();
    BOOST_TEST(require(store.editionXml(edition.id)) == sampleXml("x"));
    BOOST_TEST(require(store.listDocuments({})).total == 1);
}

BOOST_AUTO_TEST_SUITE_END()
