// cluster_load: the cluster deployment under load, with a database node and
// a Nusqa node killed (issue 17, done-when 3).
//
//   cluster_load [--clients N] [--seed S]
//
// On the 3-node Galera cluster of the CTest fixture `galera`
// (NUSQA_TEST_GALERA_DIR, tests/scripts/galera.sh): two `nusqa serve` nodes,
// A on database node 1 and B on database node 2, behind HAProxy
// (tests/scripts/balancer.sh, health checks on /healthz), mail to an SMTP
// sink, the scheduler every 2 s. Clients write through the balancer the
// crash loop's workloads (RegisterWorkload: documents, editions, edits,
// registration in force; LifecycleWorkload: submission, agreement,
// approval, familiarization signatures), some approvals effective
// tomorrow, and enter every acknowledged write in a CrashLedger. While they
// run:
//
//   1. database node 2 is SIGKILLed and restarted the way galera_recovery
//      does (--wsrep-recover, --wsrep-start-position); it must rejoin by IST;
//   2. the clocks of both Nusqa nodes jump two days ahead (libfaketime, one
//      timestamp file read by both): the editions approved for tomorrow come
//      due for entry into force, the familiarizations of the unit's reader
//      (who never signs) become overdue and are reminded — acts of the
//      scheduler;
//   3. the Nusqa node holding the scheduler lease is SIGKILLed two seconds
//      after the jump (in the middle of those acts) and restarted.
//
// Afterwards, once the scheduler has caught up: every acknowledged write is
// on each of the three database nodes (each queried directly) and the
// nodes' tables have equal checksums; CHECK TABLE and the cross-table
// checks of the crash loop pass on each node; `nusqa audit verify` passes
// against the node that rejoined; no scheduler act ran twice (entry into
// force, familiarization assignment and overdue reminder: one audit entry
// per edition; no message twice at the SMTP sink, none left in the outbox);
// the load went on through both kills (acknowledged writes in every phase).
//
// Printed: the acknowledged writes and records, the requests, each
// client-visible error with its time (502/503/504 from the balancer or a
// node whose database is gone, a connection cut: expected only around the
// kills; anything else fails the run), the audit entries, the units of
// work each node retried (from their logs) and the audit chain's retry
// rate. Exit 0 when every check passed, 1 when one failed, 2 on a usage
// error. The logs stay in the build folder's cluster-load/ for a look after
// a failure.
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "CrashChecks.h"
#include "CrashWorkload.h"
#include "LifecycleWorkload.h"
#include "RegisterWorkload.h"
#include "ServerProcess.h"
#include "support/SmtpSink.h"
#include "support/SqlProbe.h"
#include "support/TestSupport.h"

using namespace nusqa::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kFakeTime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
const std::string kOfficePassword = "office-password-1";
const std::string kAdminPassword = "admin-password-1";
constexpr int kSchedulerSeconds = 2;

struct Options {
    int clients = 6;
    unsigned seed = std::random_device{}();
};

bool parse(int argc, char** argv, Options& options) {
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (i + 1 >= argc) return false;
        try {
            if (argument == "--clients")
                options.clients = std::stoi(argv[++i]);
            else if (argument == "--seed")
                options.seed = static_cast<unsigned>(std::stoul(argv[++i]));
            else
                return false;
        } catch (const std::exception&) {
            return false;
        }
    }
    return options.clients >= 2;
}

// The UTC date `days` days from now, YYYY-MM-DD.
std::string utcDate(int days) {
    std::time_t at = std::time(nullptr) + std::time_t{86400} * days;
    std::tm parts{};
    ::gmtime_r(&at, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

HttpClient loggedIn(int port, const std::string& login, const std::string& password) {
    HttpClient anonymous("127.0.0.1", port);
    HttpReply reply = anonymous.postJson(
        "/api/v1/auth/login", R"({"login":")" + login + R"(","password":")" + password + "\"}");
    if (reply.status != 200) throw std::runtime_error("login " + login + ": " + reply.body);
    std::string cookie = reply.header("set-cookie");
    return anonymous.with({{"Cookie", cookie.substr(0, cookie.find(';'))}});
}

std::string quoted(const std::string& text) {
    return "'" + text + "'";
}

// One `nusqa serve` node: its environment (store, port once known) and process.
struct Node {
    std::string name;
    std::map<std::string, std::string> environment;
    std::unique_ptr<ServerProcess> process;
    int port = 0;
    int starts = 0;

    void start(const fs::path& directory) {
        ++starts;
        process = std::make_unique<ServerProcess>(
            directory, environment, "server-" + name + "-" + std::to_string(starts) + ".log");
        port = process->port();
        // A restart listens on the same port: the balancer knows it.
        environment["NUSQA_HTTP_PORT"] = std::to_string(port);
    }
};

// What the clients saw that was not a 2xx.
struct Visible {
    double at = 0;  // seconds since the load started
    std::string what;
};

class ClusterLoad {
public:
    ClusterLoad(const Options& options, fs::path directory, std::vector<std::string> databaseUrls)
        : _options(options),
          _directory(std::move(directory)),
          _databases(std::move(databaseUrls)),
          _random(options.seed) {
        const std::string xml = readFile(fixture("minimal.xml"));
        _workloads.push_back(std::make_unique<RegisterWorkload>(xml));
        _workloads.push_back(std::make_unique<LifecycleWorkload>(xml, _cast));
    }

    int run() {
        if (!fs::exists(kFakeTime))
            return fail(kFakeTime + " is missing (Debian package libfaketime)");
        setUpNodes();
        CommandResult created = runNusqa(
            "admin create-user --login office --email office@university.test "
            "--roles quality_office --name-kk 'Сапа бөлімі' --password-stdin",
            _commandEnvironment, kOfficePassword);
        if (created.exitCode != 0) return fail("admin create-user: " + created.output);
        CommandResult admin = runNusqa(
            "admin create-user --login cluster-admin --email admin@university.test "
            "--roles admin --name-kk 'Әкімші' --password-stdin",
            _commandEnvironment, kAdminPassword);
        if (admin.exitCode != 0) return fail("admin create-user: " + admin.output);
        for (Node& node : _nodes) node.start(_directory);
        if (!assembleCast()) return 1;

        const fs::path balancerDir = _directory / "balancer";
        CommandResult balancer = runCommand(
            quoted(script("balancer.sh")) + " start " + quoted(balancerDir.string()) + " 0 " +
            std::to_string(_nodes[0].port) + " " + std::to_string(_nodes[1].port));
        if (balancer.exitCode != 0) return fail("balancer.sh start: " + balancer.output);
        _balancerStarted = balancerDir;
        const int port = std::stoi(readFile(balancerDir / "port"));
        std::cout << "cluster_load: nodes A (database node 1) on port " << _nodes[0].port
                  << ", B (database node 2) on port " << _nodes[1].port << ", balancer on port "
                  << port << ", " << _options.clients << " clients, seed " << _options.seed << "\n"
                  << std::flush;

        HttpClient office = loggedIn(port, "office", kOfficePassword);
        _cast.approver = loggedIn(port, "approver", _cast.approverPassword);
        _cast.signatory = loggedIn(port, "signatory", _cast.signatoryPassword);
        // Every other approval before the clock jumps is effective tomorrow.
        _cast.effectiveDate = [this]() -> std::string {
            if (!_scheduleTomorrow.load() || _approvals.fetch_add(1) % 2 == 1) return "";
            return _tomorrow;
        };

        _loadStart = Clock::now();
        std::vector<std::thread> clients;
        for (int i = 0; i < _options.clients; ++i) {
            unsigned seed = static_cast<unsigned>(_random());
            clients.emplace_back([this, i, seed, &office] { client(i, seed, office); });
        }
        bool scenario = runScenario();
        _stop = true;
        for (std::thread& thread : clients) thread.join();
        // The answers that stopped the load are printed whether or not the
        // scenario had reached its end.
        for (const std::string& problem : _fatal) {
            std::cerr << "cluster_load: unexpected answer: " << problem << "\n";
            describeEditions(problem);
        }
        if (!scenario || !_fatal.empty()) return 1;
        if (!settle()) return 1;
        for (Node& node : _nodes) node.process->signalAndWait(SIGTERM);
        return check() ? 0 : 1;
    }

    ~ClusterLoad() {
        if (!_balancerStarted.empty())
            (void)runCommand(quoted(script("balancer.sh")) + " stop " +
                             quoted(_balancerStarted.string()));
    }

private:
    static std::string script(const std::string& name) {
        return (sourceDir() / "tests" / "scripts" / name).string();
    }

    // galera.sh ACTION DIR 2: database node 2 is the one killed.
    std::string galera(const std::string& action) const {
        CommandResult result = runCommand(quoted(script("galera.sh")) + " " + action + " " +
                                          quoted(galeraDirectory()) + " 2");
        if (result.exitCode != 0)
            throw std::runtime_error("galera.sh " + action + ": " + result.output);
        return result.output;
    }

    static std::string galeraDirectory() {
        const char* directory = std::getenv("NUSQA_TEST_GALERA_DIR");
        if (directory == nullptr) throw std::runtime_error("NUSQA_TEST_GALERA_DIR is not set");
        return directory;
    }

    void setUpNodes() {
        writeFile(_directory / "clock", "+0\n");
        for (int n = 0; n < 2; ++n) {
            Node node;
            node.name = n == 0 ? "A" : "B";
            node.environment = {
                {"NUSQA_HTTP_PORT", "0"},
                {"NUSQA_DATA_DIR", (_directory / ("data-" + node.name)).string()},
                {"NUSQA_STORE_URL", _databases[static_cast<std::size_t>(n)]},
                {"NUSQA_HTTP_TRUSTED_PROXIES", "127.0.0.1"},
                {"NUSQA_SCHEDULER_INTERVAL_SECONDS", std::to_string(kSchedulerSeconds)},
                {"NUSQA_SMTP_HOST", "127.0.0.1"},
                {"NUSQA_SMTP_PORT", std::to_string(_sink.port())},
                {"NUSQA_LIFECYCLE_FAMILIARIZATION_DAYS", "1"},
                // Sessions outlive the clock's jump.
                {"NUSQA_AUTH_SESSION_HOURS", "720"},
                // Both nodes read their offset from one file, so their
                // clocks jump together; steady clocks stay real.
                {"LD_PRELOAD", kFakeTime},
                {"FAKETIME_TIMESTAMP_FILE", (_directory / "clock").string()},
                {"FAKETIME_CACHE_DURATION", "1"},
                {"FAKETIME_DONT_FAKE_MONOTONIC", "1"},
            };
            _nodes.push_back(std::move(node));
        }
        // The command-line tools run on the real clock, on database node 1.
        _commandEnvironment = {{"NUSQA_STORE_URL", _databases[0]},
                               {"NUSQA_DATA_DIR", (_directory / "data-command").string()}};
    }

    // Through node A: a unit with the approver and a reader (who never
    // signs: the scheduler reminds them), and the signatory in no unit.
    bool assembleCast() {
        HttpClient client = loggedIn(_nodes[0].port, "cluster-admin", kAdminPassword);
        HttpReply unit =
            client.postJson("/api/v1/units", R"({"nameKk":"Кластер бөлімі","nameRu":"Отдел"})");
        if (unit.status != 201) return failed("unit: " + unit.body);
        _cast.officePassword = kOfficePassword;
        _cast.unitId = jsonInt(unit.body, "id");
        const std::string inUnit = R"(,"unitId":)" + std::to_string(_cast.unitId);
        auto person = [&](const std::string& login, const std::string& names,
                          const std::string& unit,
                          const std::string& password) -> std::optional<std::int64_t> {
            const std::string oneTime = login + "-one-time-1";
            HttpReply created = client.postJson(
                "/api/v1/users", R"({"login":")" + login + R"(",)" + names + R"("email":")" +
                                     login + R"(@university.test","language":"kk",)" +
                                     R"("roles":["approver"],"password":")" + oneTime + "\"" +
                                     unit + "}");
            if (created.status != 201) {
                (void)fail(login + ": " + created.body);
                return std::nullopt;
            }
            HttpReply changed = loggedIn(_nodes[0].port, login, oneTime)
                                    .request("PUT", "/api/v1/me/password",
                                             R"({"oldPassword":")" + oneTime +
                                                 R"(","newPassword":")" + password + "\"}",
                                             {{"Content-Type", "application/json"}});
            if (changed.status != 204) {
                (void)fail(login + " password: " + changed.body);
                return std::nullopt;
            }
            return jsonInt(created.body, "id");
        };
        _cast.approverPassword = "approver-password-1";
        auto approver =
            person("approver", R"("fullNameKk":"Келісуші Қ.","fullNameRu":"Согласующий С.",)",
                   inUnit, _cast.approverPassword);
        auto reader = person("reader", R"("fullNameKk":"Оқырман О.","fullNameRu":"Читатель Ч.",)",
                             inUnit, "reader-password-1");
        _cast.signatoryPassword = "signatory-password-1";
        auto signatory =
            person("signatory", R"("fullNameKk":"Бекітуші Б.","fullNameRu":"Утверждающий У.",)", "",
                   _cast.signatoryPassword);
        if (!approver || !reader || !signatory) return false;
        _cast.approverId = *approver;
        _cast.signatoryId = *signatory;
        _readerId = *reader;
        return true;
    }

    double sinceStart() const {
        return std::chrono::duration<double>(Clock::now() - _loadStart).count();
    }

    void note(const std::string& what) {
        std::printf("cluster_load: %6.1f s  %s\n", sinceStart(), what.c_str());
        std::fflush(stdout);
    }

    // One client: the workloads in turn, a fresh run after each error.
    void client(int i, unsigned seed, const HttpClient& office) {
        std::mt19937 random(seed);
        static const std::regex status(R"( -> ([0-9]{3}): )");
        for (int round = 0; !_stop.load(); ++round) {
            const CrashWorkload& workload =
                *_workloads[static_cast<std::size_t>(i) % _workloads.size()];
            HttpClient own = office;
            CrashClientReport report = workload.run(
                own, "K" + std::to_string(i) + "-" + std::to_string(round), random, _ledger, _stop);
            std::lock_guard lock(_mutex);
            _requests += report.requests;
            if (_stop.load() && report.unexpected.empty()) break;
            if (report.unexpected.empty()) {
                _visible.push_back(
                    {sinceStart(), "connection lost (" + std::string(workload.name()) + ")"});
            }
            for (const std::string& unexpected : report.unexpected) {
                std::smatch found;
                int code = std::regex_search(unexpected, found, status) ? std::stoi(found[1]) : 0;
                if (code == 502 || code == 503 || code == 504)
                    _visible.push_back({sinceStart(), unexpected.substr(0, 200)});
                else
                    _fatal.push_back(unexpected);
            }
            if (!_fatal.empty()) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

    void waitUntil(double seconds) {
        while (sinceStart() < seconds && _fatal.empty())
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }

    std::size_t writes() const { return _ledger.writes(); }

    bool grew(std::size_t before, const std::string& phase) {
        if (writes() > before) return true;
        return failed("no write was acknowledged " + phase);
    }

    // The kills and the clock's jump, while the clients run.
    bool runScenario() {
        try {
            waitUntil(10);
            std::size_t before = writes();
            _windows.push_back({sinceStart() - 0.5, 0});
            galera("kill");
            note("database node 2 killed (SIGKILL); " + std::to_string(before) + " writes so far");
            std::this_thread::sleep_for(std::chrono::seconds(1));
            galera("restart");
            std::string how;  // the line IST, SST or none among galera.sh's log lines
            std::istringstream lines(galera("ist"));
            for (std::string line; std::getline(lines, line);)
                if (line == "IST" || line == "SST" || line == "none") how = line;
            note("database node 2 restarted: joined by " + how);
            // The balancer takes B out within its checks and back in
            // after two good ones.
            _windows.back().second = sinceStart() + 5;
            if (how != "IST") return failed("database node 2 rejoined by " + how + ", not IST");
            if (!grew(before, "while database node 2 was down")) return false;

            waitUntil(sinceStart() + 5);
            _scheduleTomorrow = false;  // no approval may name a date the jump passes
            std::this_thread::sleep_for(std::chrono::seconds(3));
            before = writes();
            writeFile(_directory / "clock", "+2d\n");
            note("both Nusqa nodes' clocks jumped two days ahead (" + utcDate(2) + ")");
            std::this_thread::sleep_for(std::chrono::milliseconds(2500));
            Node& holder = leaseHolder();
            _windows.push_back({sinceStart() - 0.5, sinceStart() + 5});
            holder.process->signalAndWait(SIGKILL);
            note("Nusqa node " + holder.name + " (the scheduler lease's holder) killed (SIGKILL)");
            std::this_thread::sleep_for(std::chrono::seconds(2));
            holder.start(_directory);
            note("Nusqa node " + holder.name + " restarted on port " + std::to_string(holder.port));
            waitUntil(sinceStart() + 15);
            if (!grew(before, "after the Nusqa node's kill")) return false;
            note("load stopped: " + std::to_string(writes()) + " acknowledged writes");
            return _fatal.empty();
        } catch (const std::exception& error) {
            return failed(error.what());
        }
    }

    // The node named by the lease row ("host:pid:random"); B when none.
    Node& leaseHolder() {
        auto rows =
            SqlProbe(_databases[0]).query("SELECT holder FROM job_lease WHERE name = 'scheduler'");
        if (!rows.empty()) {
            static const std::regex pid(R"(:([0-9]+):[0-9a-f]+$)");
            std::smatch found;
            if (std::regex_search(rows[0][0], found, pid))
                for (Node& node : _nodes)
                    if (node.process->pid() == std::stoi(found[1])) return node;
        }
        return _nodes[1];
    }

    // Waits (up to 90 s: a dead holder's lease lasts 30 s) until the
    // scheduler has done what the jump made due: nothing approved left
    // waiting, every overdue familiarization reminded, the outbox empty.
    bool settle() {
        SqlProbe probe(_databases[0]);
        const std::string today = utcDate(2);
        auto waiting = [&] {
            return std::stoll(
                       probe.scalar("SELECT COUNT(*) FROM editions WHERE status = 'approved'")) +
                   std::stoll(probe.scalar("SELECT COUNT(*) FROM familiarizations WHERE signed_at "
                                           "= '' AND reminded_at = '' "
                                           "AND due_date < '" +
                                           today + "'")) +
                   std::stoll(probe.scalar("SELECT COUNT(*) FROM outbox WHERE sent_at = ''"));
        };
        const auto deadline = Clock::now() + std::chrono::seconds(90);
        long long left = 0;
        while ((left = waiting()) > 0 && Clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
        if (left > 0)
            return failed(std::to_string(left) +
                          " scheduler acts (entries into force, reminders, mails) still waiting");
        note("the scheduler caught up");
        // All three database nodes at the same position.
        for (int round = 0; round < 100; ++round) {
            std::set<std::string> positions;
            for (const std::string& url : _databases)
                positions.insert(
                    SqlProbe(url).query("SHOW STATUS LIKE 'wsrep_last_committed'").at(0).at(1));
            if (positions.size() == 1) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
        return failed("the database nodes did not reach the same position");
    }

    std::vector<std::string> acknowledgedOnNode(const std::string& url) {
        SqlProbe probe(url);
        std::vector<std::string> problems;
        std::map<std::int64_t, std::string> codes;
        for (const auto& row : probe.query("SELECT id, code FROM documents"))
            codes[std::stoll(row[0])] = row[1];
        for (const auto& [id, code] : _ledger.documents())
            if (!codes.contains(id) || codes[id] != code)
                problems.push_back("acknowledged document " + std::to_string(id) + " (" + code +
                                   ") is missing");
        struct Row {
            long long revision;
            std::string sha256, status;
        };
        std::map<std::int64_t, Row> editions;
        for (const auto& row : probe.query("SELECT id, revision, sha256, status FROM editions"))
            editions[std::stoll(row[0])] = {std::stoll(row[1]), row[2], row[3]};
        for (const auto& [id, acknowledged] : _ledger.editions()) {
            const std::string name = "acknowledged edition " + std::to_string(id);
            auto found = editions.find(id);
            if (found == editions.end()) {
                problems.push_back(name + " is missing");
                continue;
            }
            const Row& row = found->second;
            if (row.revision < acknowledged.revision ||
                (row.revision == acknowledged.revision && row.sha256 != acknowledged.sha256))
                problems.push_back(name + " is at revision " + std::to_string(row.revision) + " (" +
                                   row.sha256 + "), revision " +
                                   std::to_string(acknowledged.revision) + " was acknowledged");
            // Every date has passed: approved editions are all in force by now.
            if ((acknowledged.inForce || acknowledged.approved) && row.status != "in_force" &&
                row.status != "superseded")
                problems.push_back(name + " was approved or registered but is " + row.status);
        }
        std::map<std::string, std::string> environment{{"NUSQA_STORE_URL", url}};
        for (const OfflineCheck& check : offlineCrashChecks()) {
            if (std::string(check.name) == "audit verify") continue;  // once, below
            for (const std::string& problem : check.run(environment, _ledger))
                problems.push_back(std::string(check.name) + ": " + problem);
        }
        return problems;
    }

    std::string checksums(const std::string& url) {
        SqlProbe probe(url);
        std::string tables;
        for (const auto& row : probe.query("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_schema = DATABASE() ORDER BY 1"))
            tables += (tables.empty() ? "`" : ", `") + row.at(0) + "`";
        std::string all;
        for (const auto& row : probe.query("CHECKSUM TABLE " + tables))
            all += row.at(0) + "=" + row.at(1) + "\n";
        return all;
    }

    bool check() {
        bool passed = true;
        auto problem = [&](const std::string& text) {
            std::cerr << "cluster_load: FAILED: " << text << "\n";
            passed = false;
        };
        // 1. Every acknowledged write on all three database nodes.
        for (std::size_t n = 0; n < _databases.size(); ++n)
            for (const std::string& text : acknowledgedOnNode(_databases[n]))
                problem("database node " + std::to_string(n + 1) + ": " + text);
        const std::string first = checksums(_databases[0]);
        for (std::size_t n = 1; n < _databases.size(); ++n)
            if (checksums(_databases[n]) != first)
                problem("database node " + std::to_string(n + 1) +
                        "'s tables differ from node 1's");

        // 2. The audit chain, read from the node that rejoined by IST.
        std::map<std::string, std::string> rejoined{{"NUSQA_STORE_URL", _databases[1]}};
        for (const OfflineCheck& check : offlineCrashChecks())
            if (std::string(check.name) == "audit verify")
                for (const std::string& text : check.run(rejoined, _ledger)) problem(text);

        // 3. No scheduler act twice, and the acts did happen.
        SqlProbe probe(_databases[0]);
        for (const auto& row : probe.query(
                 "SELECT action, object_id, COUNT(*) FROM audit_log WHERE action IN "
                 "('edition.enter_into_force', 'edition.assign_familiarization', "
                 "'edition.remind_overdue') GROUP BY action, object_id HAVING COUNT(*) > 1"))
            problem(row[0] + " of edition " + row[1] + " ran " + row[2] + " times");
        const long long scheduled = std::stoll(probe.scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'edition.enter_into_force' AND "
            "details LIKE 'effective " +
            _tomorrow + ";%'"));
        const long long reminders = std::stoll(
            probe.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'edition.remind_overdue'"));
        const long long reminded = std::stoll(probe.scalar(
            "SELECT COUNT(*) FROM familiarizations WHERE reminded_at <> '' AND user_id = " +
            std::to_string(_readerId)));
        if (scheduled == 0) problem("no edition was brought into force by the scheduler");
        if (reminders == 0 || reminded == 0) problem("no overdue familiarization was reminded");
        std::map<std::string, int> messages;
        for (const SinkMessage& message : _sink.messages()) {
            std::string key;
            for (const std::string& recipient : message.recipients) key += recipient + ",";
            ++messages[key + "\n" + message.subject + "\n" + message.body];
        }
        std::size_t delivered = 0;
        for (const auto& [key, count] : messages) {
            delivered += static_cast<std::size_t>(count);
            if (count > 1)
                problem("a message was sent " + std::to_string(count) +
                        " times: " + key.substr(0, 200));
        }
        const long long sent =
            std::stoll(probe.scalar("SELECT COUNT(*) FROM outbox WHERE sent_at <> ''"));
        if (delivered == 0 || static_cast<long long>(delivered) > sent)
            problem(std::to_string(delivered) + " messages at the SMTP sink, " +
                    std::to_string(sent) + " marked sent in the outbox");

        // Figures.
        const std::size_t records = _ledger.documents().size() + _ledger.editions().size() +
                                    _ledger.agreements().size() + _ledger.familiarizations().size();
        std::cout << "cluster_load: " << _ledger.writes() << " acknowledged writes, " << records
                  << " acknowledged records (" << _ledger.documents().size() << " documents, "
                  << _ledger.editions().size() << " editions, " << _ledger.agreements().size()
                  << " agreements, " << _ledger.familiarizations().size()
                  << " familiarizations) checked on each of 3 database nodes, " << _requests
                  << " requests\n";
        std::cout << "cluster_load: scheduler: " << scheduled << " editions into force, "
                  << reminders << " reminder acts (" << reminded << " reader assignments), "
                  << delivered << " messages delivered once each (" << sent << " marked sent)\n";
        printVisible(problem);
        printRetries(probe);
        if (passed) std::cout << "cluster_load: all checks passed\n";
        return passed;
    }

    // The client-visible errors by kind, with when they came; each must
    // fall in a kill's window.
    template <typename Problem>
    void printVisible(Problem& problem) {
        struct Kind {
            int count = 0;
            double first = 1e9, last = 0;
        };
        std::map<std::string, Kind> kinds;
        static const std::regex shape(R"(^([A-Z]+) \S+ -> ([0-9]{3}): (.{0,60}))");
        for (const Visible& visible : _visible) {
            std::smatch found;
            std::string kind = visible.what;
            if (std::regex_search(visible.what, found, shape))
                kind = found[2].str() + " " + found[3].str();
            Kind& entry = kinds[kind];
            ++entry.count;
            entry.first = std::min(entry.first, visible.at);
            entry.last = std::max(entry.last, visible.at);
            bool expected = false;
            for (const auto& [from, to] : _windows)
                expected |= visible.at >= from && visible.at <= to;
            if (!expected) problem("a client saw an error outside the kills: " + visible.what);
        }
        std::cout << "cluster_load: " << _visible.size() << " client-visible errors (kills at";
        for (const auto& window : _windows) std::printf(" %.1f s", window.first + 0.5);
        std::cout << ")\n";
        for (const auto& [kind, entry] : kinds)
            std::printf("  %4d x %s  (%.1f-%.1f s)\n", entry.count, kind.c_str(), entry.first,
                        entry.last);
    }

    // The units of work the nodes retried, from their logs.
    void printRetries(const SqlProbe& probe) {
        static const std::regex retried(
            R"(storage/mysql: retrying ([A-Za-z_ ]+?) after error ([0-9]+))");
        std::map<std::string, int> byCause;
        int total = 0;
        for (const auto& entry : fs::directory_iterator(_directory)) {
            if (entry.path().filename().string().rfind("server-", 0) != 0) continue;
            const std::string text = readFile(entry.path());
            for (auto match = std::sregex_iterator(text.begin(), text.end(), retried);
                 match != std::sregex_iterator(); ++match) {
                ++total;
                ++byCause["error " + (*match)[2].str()];
            }
        }
        const long long audited = std::stoll(probe.scalar("SELECT COUNT(*) FROM audit_log"));
        std::cout << "cluster_load: " << audited << " audit entries; " << total
                  << " units of work retried";
        for (const auto& [cause, count] : byCause) std::cout << ", " << count << " after " << cause;
        // Every write unit appends to the one audit chain: the retries per
        // audited write are the price of the chain's hot head row (and of
        // the other rows both nodes write) under this load.
        std::printf("; %.1f retries per 100 audit entries\n",
                    audited > 0 ? 100.0 * total / static_cast<double>(audited) : 0.0);
    }

    // The editions of the document an unexpected answer names (by its
    // document or edition id), as each database node holds them.
    void describeEditions(const std::string& problem) {
        static const std::regex named(R"(^\S+ /api/v1/(documents|editions)/([0-9]+))");
        std::smatch found;
        if (!std::regex_search(problem, found, named)) return;
        const std::string id = found[2].str();
        const std::string sql =
            "SELECT e.id, e.document_id, e.number, e.language, e.status, e.revision FROM editions "
            "AS e WHERE e.document_id = " +
            (found[1].str() == "documents"
                 ? id
                 : "(SELECT x.document_id FROM editions AS x WHERE x.id = " + id + ")") +
            " ORDER BY e.id";
        for (std::size_t n = 0; n < _databases.size(); ++n) {
            try {
                for (const auto& row : SqlProbe(_databases[n]).query(sql)) {
                    std::string line;
                    for (const std::string& value : row) line += " " + value;
                    std::cerr << "cluster_load:   database node " << n + 1 << ": edition" << line
                              << "\n";
                }
            } catch (const std::exception& error) {
                std::cerr << "cluster_load:   database node " << n + 1 << ": " << error.what()
                          << "\n";
            }
        }
    }

    int fail(const std::string& problem) {
        std::cerr << "cluster_load: FAILED: " << problem << "\n";
        return 1;
    }
    bool failed(const std::string& problem) { return fail(problem) == 0; }

    const Options& _options;
    fs::path _directory;
    std::vector<std::string> _databases;  // one store URL per database node
    std::mt19937 _random;
    SmtpSink _sink;
    std::vector<Node> _nodes;
    std::map<std::string, std::string> _commandEnvironment;
    fs::path _balancerStarted;
    CrashCast _cast;
    std::int64_t _readerId = 0;
    std::vector<std::unique_ptr<CrashWorkload>> _workloads;
    CrashLedger _ledger;
    std::atomic<bool> _stop{false};
    std::atomic<bool> _scheduleTomorrow{true};
    std::atomic<int> _approvals{0};
    const std::string _tomorrow = utcDate(1);
    Clock::time_point _loadStart;
    std::mutex _mutex;
    std::size_t _requests = 0;
    std::vector<Visible> _visible;
    // From just before each kill until the balancer has settled again: the
    // only times a client may see an error.
    std::vector<std::pair<double, double>> _windows;
    std::vector<std::string> _fatal;
};

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse(argc, argv, options)) {
        std::cerr << "usage: cluster_load [--clients N] [--seed S]\n";
        return 2;
    }
    try {
        const char* galeraDir = std::getenv("NUSQA_TEST_GALERA_DIR");
        if (galeraDir == nullptr) throw std::runtime_error("NUSQA_TEST_GALERA_DIR is not set");
        std::istringstream lines(readFile(fs::path(galeraDir) / "urls"));
        const std::string database = uniqueName("cluster");
        std::vector<std::string> urls;
        for (std::string line; std::getline(lines, line);)
            if (!line.empty()) urls.push_back(line + (line.ends_with('/') ? "" : "/") + database);
        if (urls.size() != 3)
            throw std::runtime_error("expected 3 database nodes in " + std::string(galeraDir));
        const fs::path directory = binaryDir() / "cluster-load";
        fs::remove_all(directory);
        fs::create_directories(directory);
        return ClusterLoad(options, directory, urls).run();
    } catch (const std::exception& error) {
        std::cerr << "cluster_load: " << error.what() << "\n";
        return 1;
    }
}
