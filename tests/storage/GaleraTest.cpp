// The storage layer on a real 3-node MariaDB Galera cluster (the `galera`
// CTest fixture, tests/scripts/galera.sh): units of work retried whole on
// certification conflicts between nodes, migrations run once when two
// processes start together on two nodes, the job lease held by one node at
// a time.
#define BOOST_TEST_MODULE storage_cluster
#include <boost/test/unit_test.hpp>

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <latch>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "storage/StoreFactory.h"
#include "storage/detail/SqlSession.h"
#include "storage/detail/StorageAssembly.h"

namespace nusqa::test {
namespace {

using storage::Access;
using storage::SqlExecutor;
using storage::SqlSession;

// The server URL of each Galera node ("mysql://nusqa:nusqa@127.0.0.1:PORT/").
std::vector<std::string> nodeUrls() {
    const char* dir = std::getenv("NUSQA_TEST_GALERA_DIR");
    BOOST_REQUIRE_MESSAGE(dir != nullptr, "NUSQA_TEST_GALERA_DIR is not set (fixture galera)");
    std::ifstream file(std::string(dir) + "/urls");
    std::vector<std::string> urls;
    for (std::string line; std::getline(file, line);)
        if (!line.empty()) urls.push_back(line);
    BOOST_REQUIRE_MESSAGE(urls.size() == 3, "expected 3 node URLs in " << dir << "/urls");
    return urls;
}

std::string uniqueDatabase(const std::string& prefix) {
    static std::atomic<int> counter{0};
    return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

// Connector/C++ straight to one node, bypassing the store, with
// wsrep_sync_wait=7 so that its reads and writes see every write committed
// anywhere (DDL included: other nodes apply it after the first returned).
std::unique_ptr<sql::Connection> connectToNode(const std::string& serverUrl,
                                               const std::string& database = {}) {
    static const std::regex form(R"(mysql://([^:@]+):([^@]*)@([^:/]+):(\d+)/?)");
    std::smatch parts;
    if (!std::regex_match(serverUrl, parts, form))
        throw std::runtime_error("unexpected Galera test URL");
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString(parts[3].str());
    options["port"] = std::stoi(parts[4].str());
    options["userName"] = sql::SQLString(parts[1].str());
    options["password"] = sql::SQLString(parts[2].str());
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    options["CLIENT_FOUND_ROWS"] = true;
    if (!database.empty()) options["schema"] = sql::SQLString(database);
    std::unique_ptr<sql::Connection> connection(
        sql::mysql::get_mysql_driver_instance()->connect(options));
    std::unique_ptr<sql::Statement>(connection->createStatement())
        ->execute("SET SESSION wsrep_sync_wait = 7");
    return connection;
}

std::int64_t scalar(sql::Connection& connection, const std::string& query) {
    std::unique_ptr<sql::Statement> statement(connection.createStatement());
    std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(query));
    if (!rows->next()) throw std::runtime_error("no row: " + query);
    return rows->getInt64(1);
}

void run(sql::Connection& connection, const std::string& sql) {
    std::unique_ptr<sql::Statement>(connection.createStatement())->execute(sql);
}

// A database of its own on the cluster, dropped at the end.
class ClusterDatabase {
public:
    explicit ClusterDatabase(const std::string& prefix)
        : _urls(nodeUrls()), _name(uniqueDatabase(prefix)) {}
    ~ClusterDatabase() {
        try {
            run(*connectToNode(_urls[0]), "DROP DATABASE IF EXISTS `" + _name + "`");
        } catch (const std::exception&) {
            // The cluster fixture removes everything anyway.
        }
    }
    ClusterDatabase(const ClusterDatabase&) = delete;
    ClusterDatabase& operator=(const ClusterDatabase&) = delete;

    const std::string& name() const { return _name; }
    std::string storeUrl(int node) const { return _urls[node] + _name; }
    std::unique_ptr<sql::Connection> connect(int node) const {
        return connectToNode(_urls[node], _name);
    }
    std::unique_ptr<SqlExecutor> executor(int node, int poolSize = 4) const {
        auto opened = storage::openExecutor(storeUrl(node), poolSize);
        BOOST_REQUIRE_MESSAGE(opened.has_value(),
                              "open node " << node + 1 << ": " << opened.error().message);
        return std::move(*opened);
    }

private:
    std::vector<std::string> _urls;
    std::string _name;
};

// One counter row, read and written back through the session (a
// read-modify-write: a lost update shows as a wrong total).
Status increment(SqlSession& session) {
    std::int64_t value = 0;
    {
        auto read = NUSQA_TRY(session.prepare(
            std::string("SELECT value FROM counter WHERE id = 1") + session.forUpdate()));
        if (!NUSQA_TRY(read->next())) return fail(ErrorCode::NotFound, "no counter row");
        value = read->integer(0);
    }
    auto write = NUSQA_TRY(session.prepare("UPDATE counter SET value = ? WHERE id = 1"));
    write->bind(value + 1);
    NUSQA_TRY(write->execute());
    return {};
}

void createCounter(const ClusterDatabase& database) {
    auto connection = database.connect(0);
    run(*connection,
        "CREATE TABLE counter (id INT NOT NULL PRIMARY KEY, value BIGINT NOT NULL)"
        " ENGINE=InnoDB");
    run(*connection, "INSERT INTO counter (id, value) VALUES (1, 0)");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(retry)

// Node 2 commits a change of the row that an open unit of work on node 1 has
// just changed: node 1's unit loses the certification (1213, at COMMIT or at
// its next statement), is rolled back and runs again from the start, and
// the result holds both changes.
BOOST_AUTO_TEST_CASE(certification_conflict_reruns_the_whole_unit) {
    ClusterDatabase database("nusqa_retry");
    auto executor = database.executor(0);
    createCounter(database);
    auto otherNode = database.connect(1);
    int attempts = 0;
    std::vector<std::int64_t> seen;
    Status result =
        executor->transact("conflict", Access::Write, [&](SqlSession& session) -> Status {
            ++attempts;
            auto read =
                NUSQA_TRY(session.prepare("SELECT value FROM counter WHERE id = 1 FOR UPDATE"));
            NUSQA_TRY(read->next());
            seen.push_back(read->integer(0));
            auto write = NUSQA_TRY(session.prepare("UPDATE counter SET value = ? WHERE id = 1"));
            write->bind(read->integer(0) + 1);
            NUSQA_TRY(write->execute());
            // Node 1's row lock is its own: node 2 commits at once, and its write
            // set, certified first, aborts this transaction.
            if (attempts == 1)
                run(*otherNode, "UPDATE counter SET value = value + 100 WHERE id = 1");
            return Status{};
        });
    BOOST_REQUIRE_MESSAGE(result.has_value(), result.error().message);
    BOOST_TEST(attempts == 2);
    BOOST_TEST(seen == (std::vector<std::int64_t>{0, 100}), boost::test_tools::per_element());
    for (int node = 0; node < 3; ++node)
        BOOST_TEST(scalar(*database.connect(node), "SELECT value FROM counter WHERE id = 1") ==
                   101);
}

// Two threads on each of two nodes increment one row: every increment that
// was acknowledged is counted exactly once, and the conflicts were real
// (some unit ran more than once).
BOOST_AUTO_TEST_CASE(concurrent_units_on_two_nodes_lose_nothing) {
    ClusterDatabase database("nusqa_retry");
    std::vector<std::unique_ptr<SqlExecutor>> executors;
    executors.push_back(database.executor(0));
    executors.push_back(database.executor(1));
    createCounter(database);
    constexpr int kThreadsPerNode = 2;
    constexpr int kIncrements = 25;
    std::atomic<int> acknowledged{0};
    std::atomic<int> attempts{0};
    std::atomic<int> unexpected{0};
    std::vector<std::thread> threads;
    for (auto& executor : executors)
        for (int t = 0; t < kThreadsPerNode; ++t)
            threads.emplace_back([&, executor = executor.get()] {
                for (int i = 0; i < kIncrements; ++i) {
                    Status done = executor->transact("increment", Access::Write,
                                                     [&](SqlSession& session) -> Status {
                                                         ++attempts;
                                                         return increment(session);
                                                     });
                    if (done) {
                        ++acknowledged;
                    } else if (done.error().message.find("1213") == std::string::npos) {
                        ++unexpected;  // only an exhausted retry of conflicts may fail
                    }
                }
            });
    for (auto& thread : threads) thread.join();
    const int total = 2 * kThreadsPerNode * kIncrements;
    BOOST_TEST_MESSAGE(acknowledged << " of " << total << " increments acknowledged in " << attempts
                                    << " attempts");
    BOOST_TEST(unexpected == 0);
    BOOST_TEST(acknowledged >= total * 9 / 10);
    BOOST_TEST(attempts > acknowledged);  // conflicts happened and were retried
    for (int node = 0; node < 3; ++node)
        BOOST_TEST(scalar(*database.connect(node), "SELECT value FROM counter WHERE id = 1") ==
                   acknowledged.load());
}

// A key this unit is about to insert arrives from another node's committed
// write set while the unit runs (here without touching a row the unit
// locked, so nothing aborts it): the INSERT fails with a duplicate key
// (1062), not a certification conflict. On Galera that is a conflict with
// another node, and the unit runs again from the start; a key that is
// really taken is still answered as a conflict, after the few attempts
// duplicates get.
BOOST_AUTO_TEST_CASE(a_duplicate_key_from_another_node_reruns_the_unit) {
    ClusterDatabase database("nusqa_retry");
    auto executor = database.executor(0);
    run(*database.connect(0), "CREATE TABLE chain (seq BIGINT NOT NULL PRIMARY KEY) ENGINE=InnoDB");
    auto otherNode = database.connect(1);
    auto sameNode = database.connect(0);  // reads with wsrep_sync_wait = 7
    int attempts = 0;
    Status result = executor->transact("append", Access::Write, [&](SqlSession& session) -> Status {
        ++attempts;
        auto last = NUSQA_TRY(session.prepare("SELECT COALESCE(MAX(seq), 0) FROM chain"));
        NUSQA_TRY(last->next());
        const std::int64_t next = last->integer(0) + 1;
        if (attempts == 1) {
            run(*otherNode, "INSERT INTO chain (seq) VALUES (" + std::to_string(next) + ")");
            // Node 1 has applied node 2's row before this unit inserts.
            BOOST_REQUIRE(scalar(*sameNode, "SELECT COUNT(*) FROM chain") == 1);
        }
        auto insert = NUSQA_TRY(session.prepare("INSERT INTO chain (seq) VALUES (?)"));
        insert->bind(next);
        NUSQA_TRY(insert->execute());
        return Status{};
    });
    BOOST_REQUIRE_MESSAGE(result.has_value(), result.error().message);
    BOOST_TEST(attempts == 2);
    BOOST_TEST(scalar(*sameNode, "SELECT COUNT(*) FROM chain") == 2);
    BOOST_TEST(scalar(*sameNode, "SELECT MAX(seq) FROM chain") == 2);

    // A key that is taken: answered Conflict, after three attempts.
    attempts = 0;
    Status taken =
        executor->transact("insert taken", Access::Write, [&](SqlSession& session) -> Status {
            ++attempts;
            auto insert = NUSQA_TRY(session.prepare("INSERT INTO chain (seq) VALUES (1)"));
            NUSQA_TRY(insert->execute());
            return Status{};
        });
    BOOST_REQUIRE(!taken.has_value());
    BOOST_TEST((taken.error().code == ErrorCode::Conflict), taken.error().message);
    BOOST_TEST(attempts == 3);
}

// The server can end a unit's transaction on its own: another node's write
// set aborts it, and no statement of the unit is told (seen under load:
// the next statements ran outside any transaction, each committed alone,
// and the unit was answered as done with its first part lost; rerun, it
// then sent a notification twice). Here the unit's own ROLLBACK stands for
// that abort. Nothing after it may commit on its own, and before COMMIT
// the executor finds the transaction is not the unit's: the unit runs
// again whole instead of being acknowledged.
BOOST_AUTO_TEST_CASE(a_transaction_ended_behind_the_unit_is_not_acknowledged) {
    ClusterDatabase database("nusqa_retry");
    auto executor = database.executor(0);
    createCounter(database);
    run(*database.connect(0),
        "CREATE TABLE notes (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, attempt INT NOT NULL)"
        " ENGINE=InnoDB");
    auto sameNode = database.connect(0);
    int attempts = 0;
    Status result =
        executor->transact("ended behind", Access::Write, [&](SqlSession& session) -> Status {
            ++attempts;
            NUSQA_TRY(increment(session));
            if (attempts == 1) {
                auto end = NUSQA_TRY(session.prepare("ROLLBACK"));
                NUSQA_TRY(end->execute());
            }
            auto note = NUSQA_TRY(session.prepare("INSERT INTO notes (attempt) VALUES (?)"));
            note->bind(attempts);
            NUSQA_TRY(note->execute());
            return Status{};
        });
    BOOST_REQUIRE_MESSAGE(result.has_value(), result.error().message);
    BOOST_TEST(attempts == 2);
    BOOST_TEST(scalar(*sameNode, "SELECT value FROM counter WHERE id = 1") == 1);
    // The first attempt's note, written after its transaction had ended, is
    // not there.
    BOOST_TEST(scalar(*sameNode, "SELECT COUNT(*) FROM notes") == 1);
    BOOST_TEST(scalar(*sameNode, "SELECT MIN(attempt) FROM notes") == 2);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(migrations)

// Two processes open a new database at the same moment through two nodes
// (GET_LOCK would be node-local and let both migrate): both succeed and
// every migration is recorded once.
BOOST_AUTO_TEST_CASE(two_nodes_starting_together_migrate_once) {
    for (int round = 0; round < 3; ++round) {
        ClusterDatabase database("nusqa_migrate");
        std::vector<std::string> errors(2);
        std::vector<std::thread> openers;
        for (int node = 0; node < 2; ++node)
            openers.emplace_back([&, node] {
                auto opened = storage::openExecutor(database.storeUrl(node), 1);
                if (!opened) errors[node] = opened.error().message;
            });
        for (auto& opener : openers) opener.join();
        BOOST_TEST(errors[0] == "");
        BOOST_TEST(errors[1] == "");
        auto connection = database.connect(2);
        std::int64_t versions =
            scalar(*connection, "SELECT COUNT(DISTINCT version) FROM schema_migrations");
        BOOST_TEST(versions >= 5);
        BOOST_TEST(scalar(*connection, "SELECT COUNT(*) FROM schema_migrations") == versions);
        BOOST_TEST(scalar(*connection, "SELECT MAX(version) FROM schema_migrations") == versions);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(health)

// /healthz asks Storage::health(): healthy on a Synced node, Unavailable
// while the node is desynchronised (as a donor is during a state transfer),
// healthy again once it is back; the other nodes stay healthy meanwhile.
BOOST_AUTO_TEST_CASE(a_node_that_is_not_synced_is_unhealthy) {
    ClusterDatabase database("nusqa_health");
    std::vector<std::unique_ptr<Storage>> nodes;
    for (int node = 0; node < 2; ++node) {
        auto opened = openStorage(database.storeUrl(node), 2);
        BOOST_REQUIRE_MESSAGE(opened.has_value(), opened.error().message);
        nodes.push_back(std::move(*opened));
    }
    BOOST_TEST(nodes[0]->health().has_value());
    BOOST_TEST(nodes[1]->health().has_value());
    auto admin = database.connect(1);
    run(*admin, "SET GLOBAL wsrep_desync = ON");
    Status desynced = nodes[1]->health();
    run(*admin, "SET GLOBAL wsrep_desync = OFF");
    BOOST_TEST_REQUIRE(!desynced.has_value());
    BOOST_TEST((desynced.error().code == ErrorCode::Unavailable));
    BOOST_TEST(desynced.error().message.find("not Synced") != std::string::npos,
               desynced.error().message);
    BOOST_TEST(nodes[0]->health().has_value());
    // Back to Synced within a few seconds.
    bool healthy = false;
    for (int i = 0; i < 50 && !healthy; ++i) {
        healthy = nodes[1]->health().has_value();
        if (!healthy) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    BOOST_TEST(healthy);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(lease)

// Two nodes race the scheduler lease 100 times, each through its own
// database node, from the same moment: never do both hold it, and the row
// names the one that does (read on the third node).
BOOST_AUTO_TEST_CASE(two_nodes_never_both_hold_the_lease) {
    ClusterDatabase database("nusqa_lease");
    std::vector<std::unique_ptr<Storage>> nodes;
    for (int node = 0; node < 2; ++node) {
        auto opened = openStorage(database.storeUrl(node), 2);
        BOOST_REQUIRE_MESSAGE(opened.has_value(), opened.error().message);
        nodes.push_back(std::move(*opened));
    }
    auto observer = database.connect(2);
    constexpr int kRounds = 100;
    constexpr std::int64_t kNow = 1'800'000'000'000;
    int rounds = 0;
    int won = 0;
    int errors = 0;
    for (int round = 0; round < kRounds; ++round) {
        run(*observer, "UPDATE job_lease SET holder = '', expires_at = 0 WHERE name = 'scheduler'");
        std::vector<int> held(2, 0);
        std::latch start(2);
        std::vector<std::thread> racers;
        for (int node = 0; node < 2; ++node)
            racers.emplace_back([&, node] {
                start.arrive_and_wait();
                auto result = nodes[node]->leases().acquireLease(
                    "scheduler", "node-" + std::to_string(node), kNow + round, kNow + 30'000);
                if (!result)
                    held[node] = -1;
                else
                    held[node] = *result ? 1 : 0;
            });
        for (auto& racer : racers) racer.join();
        ++rounds;
        BOOST_TEST_REQUIRE(!(held[0] == 1 && held[1] == 1),
                           "both nodes hold the lease in round " << round);
        errors += (held[0] == -1) + (held[1] == -1);
        std::unique_ptr<sql::Statement> statement(observer->createStatement());
        std::unique_ptr<sql::ResultSet> row(
            statement->executeQuery("SELECT holder FROM job_lease WHERE name = 'scheduler'"));
        BOOST_TEST_REQUIRE(row->next());
        std::string holder = row->getString(1).asStdString();
        if (held[0] == 1 || held[1] == 1) {
            ++won;
            BOOST_TEST(holder == (held[0] == 1 ? "node-0" : "node-1"), "round " << round);
        } else {
            BOOST_TEST(holder == "",
                       "round " << round << ": nobody won, yet the row names " << holder);
        }
    }
    BOOST_TEST_MESSAGE(rounds << " rounds: " << won << " with one winner, " << errors
                              << " acquisitions failed with an error");
    BOOST_TEST(won >= kRounds * 9 / 10);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
