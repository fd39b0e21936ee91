// bench_familiarize: familiarization signatures per second through a real
// `nusqa serve`, against the floor that bounds them — how many Argon2id
// password checks per second this machine makes with the server's own
// hasher, parameters and concurrency (auth.maxConcurrentHashes), measured in
// the same run (before the server starts and after it stopped).
//
// The store is a fresh SQLite database in --data: one unit of --signers
// employees, each with an API token, and one document per round with an
// edition registered in force, distributed to the unit and assigned by the
// scheduler (all through the domain services, before the server starts).
// Then --signers clients sign, each its own assignments in round order,
// with the password re-entered (POST /api/v1/editions/{id}/familiarize), on
// keep-alive connections. Rounds: enough for about --seconds at the floor's
// rate. Every answer must be 201: conflicts (409) and other failures are
// counted and printed, and the signatures found in the store afterwards.
//
//   bench_familiarize --nusqa BIN --data EMPTY_DIR --fixture EDITION.xml
//                     [--signers 50] [--seconds 12] [--floor-seconds 5]
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/Config.h"
#include "app/Wiring.h"
#include "auth/Argon2PasswordHasher.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nusqa::Result;
using nusqa::Status;

struct Options {
    std::string nusqa;
    fs::path data;
    fs::path fixture;
    int signers = 50;
    double seconds = 12;
    double floorSeconds = 5;
};

[[noreturn]] void die(const std::string& what) {
    std::cerr << "bench_familiarize: " << what << "\n";
    std::exit(1);
}

template <typename T>
T need(Result<T> result, const std::string& what) {
    if (!result) die(what + ": " + result.error().message);
    return std::move(*result);
}

void need(const Status& status, const std::string& what) {
    if (!status) die(what + ": " + status.error().message);
}

double seconds(Clock::duration elapsed) {
    return std::chrono::duration<double>(elapsed).count();
}

// CPU time (user + system) of this process, in seconds.
double ownCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// CPU time (user + system) of another process, from /proc, in seconds.
double processCpuSeconds(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    // Fields after the command name (which may hold spaces) start at ") ".
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int index = 3; fields >> field; ++index) {
        if (index == 14 || index == 15) ticks += std::stod(field);
        if (index == 15) break;
    }
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string loadAverage() {
    std::ifstream file("/proc/loadavg");
    std::string one, five, fifteen;
    file >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

struct Floor {
    double perSecond = 0;
    double cpuMillisecondsEach = 0;
    int threads = 0;
};

// Argon2id verifications per second: `threads` threads checking a password
// against its hash (the server's parameters) for `duration` seconds.
Floor measureFloor(const nusqa::auth::Argon2Parameters& parameters, int threads, double duration) {
    nusqa::auth::Argon2PasswordHasher hasher(parameters);
    const std::string password = "familiarization-bench-password";
    std::string encoded = need(hasher.hash(password), "hash the floor's password");
    std::atomic<long> verified{0};
    std::atomic<bool> failed{false};
    double cpuBefore = ownCpuSeconds();
    auto start = Clock::now();
    auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                std::chrono::duration<double>(duration));
    std::vector<std::thread> workers;
    for (int i = 0; i < threads; ++i)
        workers.emplace_back([&] {
            while (Clock::now() < deadline) {
                auto matched = hasher.verify(encoded, password);
                if (!matched || !*matched) failed = true;
                ++verified;
            }
        });
    for (std::thread& worker : workers) worker.join();
    double elapsed = seconds(Clock::now() - start);
    double cpu = ownCpuSeconds() - cpuBefore;
    if (failed) die("the floor's password did not verify");
    return Floor{static_cast<double>(verified) / elapsed,
                 1000 * cpu / static_cast<double>(verified), threads};
}

struct Signer {
    std::int64_t id = 0;
    std::string token;
};

struct Seeded {
    std::vector<Signer> signers;
    std::vector<std::int64_t> editions;  // one per round
};

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) die("cannot read " + path.string());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

std::string between(const std::string& xml, const std::string& open, const std::string& close) {
    std::size_t start = xml.find(open);
    std::size_t end = start == std::string::npos ? start : xml.find(close, start);
    if (end == std::string::npos) die("the fixture has no " + open);
    return xml.substr(start + open.size(), end - start - open.size());
}

// The people, their tokens, and one edition in force per round with every
// signer assigned; through the domain services over the server's store.
Seeded seed(const nusqa::app::ServeConfig& settings, const Options& options,
            const std::string& password, int rounds) {
    using namespace nusqa;
    auto wiring = need(app::Wiring::open(settings), "open the store");
    User admin = PeopleService::commandLineActor();
    Unit unit = need(wiring->people().createUnit(admin, Unit{0, "Бенчмарк бөлімі", "", {}}),
                     "create the unit");
    NewUser office;
    office.login = "office";
    office.fullNameKk = "Сапа бөлімі";
    office.email = "office@localhost";
    office.roles = {Role::QualityOffice};
    office.password = password;
    User officeUser = need(wiring->people().createUser(admin, office), "create the office");

    Seeded seeded;
    for (int i = 0; i < options.signers; ++i) {
        NewUser employee;
        employee.login = "signer" + std::to_string(i);
        employee.fullNameKk = "Қызметкер " + std::to_string(i);
        employee.email = employee.login + "@localhost";
        employee.roles = {Role::Employee};
        employee.unitId = unit.id;
        employee.password = password;
        User user = need(wiring->people().createUser(admin, employee), "create a signer");
        IssuedToken token =
            need(wiring->auth().createApiToken(user, "bench"), "issue a signer's token");
        seeded.signers.push_back(Signer{user.id, token.token});
    }

    std::string xml = readFile(options.fixture);
    std::string code = between(xml, "<code>", "</code>");
    auto kind = parseDocumentKind(between(xml, "<kind>", "</kind>"));
    if (!kind) die("the fixture's kind is unknown");
    for (int round = 0; round < rounds; ++round) {
        char number[16];
        std::snprintf(number, sizeof number, "%04d", round);
        std::string roundCode = "BENCH-FAM-" + std::string(number);
        Document document =
            need(wiring->documents().createDocument(
                     officeUser, NewDocument{roundCode, *kind, "Танысу бенчмаркі " + roundCode,
                                             "Сапа бөлімі", Language::Kazakh}),
                 "create a document");
        std::string roundXml = xml;
        roundXml.replace(roundXml.find("<code>" + code), code.size() + 6, "<code>" + roundCode);
        Edition edition = need(wiring->documents().addEdition(officeUser, document.id, roundXml),
                               "add an edition");
        need(wiring->people().setDistribution(officeUser, document.id,
                                              Distribution{{unit.id}, {}, {}}),
             "distribute the document");
        need(wiring->lifecycle().registerInForce(officeUser, edition.id, PaperApproval{}),
             "register the edition in force");
        seeded.editions.push_back(edition.id);
    }
    TickReport tick = need(wiring->lifecycle().tick(), "assign (the scheduler's tick)");
    long expected = static_cast<long>(rounds) * options.signers;
    if (tick.assignmentsCreated != expected)
        die("the scheduler made " + std::to_string(tick.assignmentsCreated) + " assignments, not " +
            std::to_string(expected));
    return seeded;
}

// Signatures the store holds for the rounds' editions.
long storedSignatures(const nusqa::app::ServeConfig& settings, const Seeded& seeded) {
    using namespace nusqa;
    auto wiring = need(app::Wiring::open(settings), "reopen the store");
    long count = 0;
    for (std::int64_t edition : seeded.editions) {
        AssignmentQuery query;
        query.editionId = edition;
        query.signedOnly = true;
        count += static_cast<long>(
            need(wiring->storage().lifecycle().assignments(query), "read the assignments").size());
    }
    return count;
}

int freePort() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

struct Reply {
    int status = 0;
    std::string body;
};

Reply send(Poco::Net::HTTPClientSession& session, const std::string& method,
           const std::string& path, const std::string& token, const std::string& body) {
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", "Bearer " + token);
    request.setKeepAlive(true);
    if (!body.empty()) {
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Reply reply;
    reply.status = response.getStatus();
    reply.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return reply;
}

pid_t startServer(const std::string& nusqa, const fs::path& log) {
    pid_t pid = fork();
    if (pid < 0) die("fork failed");
    if (pid == 0) {
        setenv("NUSQA_LOG_FILE", log.c_str(), 1);
        execl(nusqa.c_str(), nusqa.c_str(), "serve", static_cast<char*>(nullptr));
        _exit(127);
    }
    return pid;
}

void waitUntilListening(int port, pid_t server) {
    for (int attempt = 0; attempt < 300; ++attempt) {
        try {
            Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
            if (send(session, "GET", "/healthz", "", "").status > 0) return;
        } catch (const Poco::Exception&) {
        }
        int status = 0;
        if (waitpid(server, &status, WNOHANG) == server) die("nusqa serve ended at start");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    die("nusqa serve did not listen within 30 s");
}

void stopServer(pid_t server) {
    kill(server, SIGTERM);
    int status = 0;
    waitpid(server, &status, 0);
}

Options parseOptions(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (i + 1 >= argc) die("a value is missing after " + argument);
        std::string value = argv[++i];
        if (argument == "--nusqa")
            options.nusqa = value;
        else if (argument == "--data")
            options.data = value;
        else if (argument == "--fixture")
            options.fixture = value;
        else if (argument == "--signers")
            options.signers = std::stoi(value);
        else if (argument == "--seconds")
            options.seconds = std::stod(value);
        else if (argument == "--floor-seconds")
            options.floorSeconds = std::stod(value);
        else
            die("unknown option " + argument);
    }
    if (options.nusqa.empty() || options.data.empty() || options.fixture.empty())
        die("usage: bench_familiarize --nusqa BIN --data EMPTY_DIR --fixture EDITION.xml"
            " [--signers N] [--seconds S] [--floor-seconds S]");
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    Options options = parseOptions(argc, argv);
    fs::create_directories(options.data);
    if (!fs::is_empty(options.data)) die(options.data.string() + " is not empty");
    int port = freePort();
    // The bench and the server read the same settings: defaults and these.
    setenv("NUSQA_DATA_DIR", options.data.c_str(), 1);
    setenv("NUSQA_HTTP_PORT", std::to_string(port).c_str(), 1);
    auto settings = need(nusqa::app::loadSettings(""), "read the settings");
    int hashThreads = settings.auth.maxConcurrentHashes;

    std::cout << "machine: " << std::thread::hardware_concurrency() << " cores; load average "
              << loadAverage() << " at the start\n";
    std::cout << "Argon2id: m=" << settings.passwordHashing.memoryKiB
              << " KiB, t=" << settings.passwordHashing.passes
              << ", p=" << settings.passwordHashing.lanes << "; auth.maxConcurrentHashes "
              << hashThreads << "\n";
    Floor before = measureFloor(settings.passwordHashing, hashThreads, options.floorSeconds);
    std::printf("floor before: %.1f verifications/s (%d threads, %.1f ms CPU each)\n",
                before.perSecond, before.threads, before.cpuMillisecondsEach);

    int rounds = std::max(
        2, static_cast<int>(std::ceil(options.seconds * before.perSecond / options.signers)));
    const std::string password = "Familiarization-bench-2026";
    auto seedStart = Clock::now();
    Seeded seeded = seed(settings, options, password, rounds);
    std::printf("seeded: %d signers, %d rounds (editions in force), %d assignments in %.1f s\n",
                options.signers, rounds, rounds * options.signers,
                seconds(Clock::now() - seedStart));

    pid_t server = startServer(options.nusqa, options.data / "nusqa.log");
    waitUntilListening(port, server);

    // Every client: its own keep-alive connection; first its inbox (as the
    // page shows it before signing, not measured), then, after all are
    // ready, its signatures round by round.
    std::map<int, long> answers;  // status -> count
    std::mutex answersMutex;
    std::string firstFailure;
    std::barrier ready(options.signers + 1);
    std::barrier finished(options.signers + 1);
    const std::string body = "{\"password\":\"" + password + "\"}";
    std::vector<std::thread> clients;
    for (const Signer& signer : seeded.signers)
        clients.emplace_back([&, signer] {
            std::map<int, long> mine;
            std::string failure;
            Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
            session.setTimeout(Poco::Timespan(60, 0));
            try {
                Reply inbox = send(session, "GET", "/api/v1/me/familiarizations", signer.token, "");
                if (inbox.status != 200) failure = "inbox: " + inbox.body;
            } catch (const Poco::Exception& error) {
                failure = "inbox: " + error.displayText();
            }
            ready.arrive_and_wait();
            for (std::int64_t edition : seeded.editions) {
                try {
                    Reply reply =
                        send(session, "POST",
                             "/api/v1/editions/" + std::to_string(edition) + "/familiarize",
                             signer.token, body);
                    ++mine[reply.status];
                    if (reply.status != 201 && failure.empty())
                        failure = std::to_string(reply.status) + ": " + reply.body;
                } catch (const Poco::Exception& error) {
                    ++mine[0];
                    if (failure.empty()) failure = error.displayText();
                    session.reset();
                }
            }
            finished.arrive_and_wait();
            std::lock_guard lock(answersMutex);
            for (auto [status, count] : mine) answers[status] += count;
            if (firstFailure.empty()) firstFailure = failure;
        });
    ready.arrive_and_wait();
    double serverCpuBefore = processCpuSeconds(server);
    double clientCpuBefore = ownCpuSeconds();
    auto start = Clock::now();
    finished.arrive_and_wait();
    double elapsed = seconds(Clock::now() - start);
    double serverCpu = processCpuSeconds(server) - serverCpuBefore;
    double clientCpu = ownCpuSeconds() - clientCpuBefore;
    std::string loadAfterSigning = loadAverage();
    for (std::thread& client : clients) client.join();
    stopServer(server);

    long signatures = answers.contains(201) ? answers[201] : 0;
    long conflicts = answers.contains(409) ? answers[409] : 0;
    long failed = 0;
    for (auto [status, count] : answers)
        if (status != 201 && status != 409) failed += count;
    long stored = storedSignatures(settings, seeded);

    Floor after = measureFloor(settings.passwordHashing, hashThreads, options.floorSeconds);
    std::printf("floor after: %.1f verifications/s (%d threads, %.1f ms CPU each)\n",
                after.perSecond, after.threads, after.cpuMillisecondsEach);
    double floor = (before.perSecond + after.perSecond) / 2;
    double rate = static_cast<double>(signatures) / elapsed;
    std::printf(
        "signatures: %ld in %.2f s with %d concurrent signers: %.1f signatures/s; server CPU %.1f "
        "ms per signature, clients' CPU %.2f ms; load average %s after signing\n",
        signatures, elapsed, options.signers, rate,
        signatures > 0 ? 1000 * serverCpu / static_cast<double>(signatures) : 0.0,
        signatures > 0 ? 1000 * clientCpu / static_cast<double>(signatures) : 0.0,
        loadAfterSigning.c_str());
    std::printf(
        "answers: %ld signed (201), %ld conflicts (409), %ld failed; %ld signatures stored\n",
        signatures, conflicts, failed, stored);
    if (!firstFailure.empty()) std::printf("first failure: %s\n", firstFailure.c_str());
    // Load-independent cross-check: the CPU one verification takes against
    // the server's CPU per signature (its hash and everything else).
    double floorCpu = (before.cpuMillisecondsEach + after.cpuMillisecondsEach) / 2;
    double serverCpuEach =
        signatures > 0 ? 1000 * serverCpu / static_cast<double>(signatures) : 0.0;
    std::printf(
        "RESULT floor=%.1f signatures/s=%.1f ratio=%.2f cpu-ratio=%.2f conflicts=%ld "
        "failed=%ld\n",
        floor, rate, rate / floor, serverCpuEach > 0 ? floorCpu / serverCpuEach : 0.0, conflicts,
        failed);
    bool clean = conflicts == 0 && failed == 0 && stored == signatures &&
                 signatures == static_cast<long>(rounds) * options.signers;
    return clean ? 0 : 1;
}
