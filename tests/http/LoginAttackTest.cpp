// The login path under attack, replayed against a real server on loopback
// (issue 11, findings 3, 5 and 6): long and countless login names cannot
// grow the server's memory; concurrent guesses are reserved before hashing
// and hashing runs under a semaphore (503 "busy" when full), for logins and
// for acts that re-enter a password; failures slow attempts down instead of
// locking the right password out, and X-Forwarded-For is believed only from
// a trusted proxy.
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <string_view>
#include <thread>
#include <vector>

#include "ServerHarness.h"
#include "support/Sanitizers.h"
#include "support/SqlProbe.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

std::string attackLoginJson(const std::string& login, const std::string& password) {
    return R"({"login":")" + login + R"(","password":")" + password + R"("})";
}

// A real (light) Argon2id hasher that counts its checks and the most that
// ran at once; each check can be made slower so they overlap.
class CountingHasher final : public PasswordHasher {
public:
    explicit CountingHasher(std::chrono::milliseconds extra = {}) : _extra(extra) {}

    // New passwords (user creation, resets, changes) count as checks do.
    Result<std::string> hash(std::string_view password) const override {
        ++hashes;
        enter();
        auto hashed = _inner.hash(password);
        --_inFlight;
        return hashed;
    }
    Result<bool> verify(std::string_view encoded, std::string_view password) const override {
        ++verifications;
        enter();
        auto matched = _inner.verify(encoded, password);
        --_inFlight;
        return matched;
    }

    mutable std::atomic<int> hashes{0};

    mutable std::atomic<int> verifications{0};
    mutable std::atomic<int> mostAtOnce{0};

private:
    void enter() const {
        int now = ++_inFlight;
        int seen = mostAtOnce.load();
        while (now > seen && !mostAtOnce.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(_extra);
    }

    auth::Argon2PasswordHasher _inner{auth::Argon2Parameters{4096, 1, 1}};
    std::chrono::milliseconds _extra;
    mutable std::atomic<int> _inFlight{0};
};

// Sends count requests at once, each from its own thread and connection.
std::vector<HttpReply> atOnce(int count, const std::function<HttpReply()>& send) {
    std::vector<HttpReply> replies(static_cast<std::size_t>(count));
    std::vector<std::thread> threads;
    std::atomic<int> ready{0};
    for (int i = 0; i < count; ++i)
        threads.emplace_back([&, i] {
            ++ready;
            while (ready.load() < count) std::this_thread::yield();
            replies[static_cast<std::size_t>(i)] = send();
        });
    for (std::thread& thread : threads) thread.join();
    return replies;
}

int countStatus(const std::vector<HttpReply>& replies, int status) {
    int count = 0;
    for (const HttpReply& reply : replies) count += reply.status == status ? 1 : 0;
    return count;
}

long residentMegabytes() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    statm >> pages >> resident;
    return resident * sysconf(_SC_PAGESIZE) / (1 << 20);
}

// The peak resident size since resetPeak(), from /proc/self/status (VmHWM).
long peakMegabytes() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("VmHWM:")) return std::stol(line.substr(6)) / 1024;
    return -1;
}

void resetPeak() {
    std::ofstream("/proc/self/clear_refs") << "5";
}

http::HttpConfig behindProxy() {
    http::HttpConfig config;
    config.trustedProxies = {"127.0.0.1"};
    return config;
}

HttpReply loginVia(const HttpClient& client, const std::string& forwardedFor,
                   const std::string& login, const std::string& password) {
    return client.request(
        "POST", "/api/v1/auth/login", attackLoginJson(login, password),
        {{"Content-Type", "application/json"}, {"X-Forwarded-For", forwardedFor}});
}

}  // namespace

// Finding 3: 500 names of 2 MiB took the server from 171 MB to 1.19 GB.
BOOST_AUTO_TEST_CASE(long_login_names_are_refused_before_any_work_and_memory_stays_flat) {
    ServerHarness server("sqlite");
    HttpClient anonymous = server.anonymous();
    std::size_t before = server.auth().throttleSize();
    // Just over the field's bound: 400 from the service, nothing recorded.
    HttpReply over =
        anonymous.postJson("/api/v1/auth/login", attackLoginJson(std::string(257, 'a'), "x"));
    BOOST_TEST(over.status == 400, over.body);
    // Megabytes: 400 before the body is parsed.
    auto hugeName = [](int i) { return std::to_string(i) + std::string(2 << 20, 'n'); };
    for (int i = 0; i < 20; ++i)  // warm-up: the allocator's own caches
        BOOST_TEST_REQUIRE(
            anonymous.postJson("/api/v1/auth/login", attackLoginJson(hugeName(i), "x")).status ==
            400);
    long warm = residentMegabytes();
    for (int i = 20; i < 300; ++i)
        BOOST_TEST_REQUIRE(
            anonymous.postJson("/api/v1/auth/login", attackLoginJson(hugeName(i), "x")).status ==
            400);
    long grown = residentMegabytes() - warm;
    if (!kAddressSanitizer)  // its quarantine keeps freed names resident (Sanitizers.h)
        BOOST_TEST(grown < 100,
                   "resident memory grew by " << grown << " MB over 280 names of 2 MiB");
    BOOST_TEST(server.auth().throttleSize() == before);
    BOOST_TEST(server.anonymous().get("/healthz").status == 200);
}

// Finding 3: the throttle kept an entry for every name, even when it answered 429.
BOOST_AUTO_TEST_CASE(a_throttled_address_records_nothing_and_countless_names_stay_bounded) {
    AuthSettings auth;
    auth.maxThrottleEntries = 100;
    ServerHarness server("sqlite", behindProxy(), auth);
    HttpClient anonymous = server.anonymous();
    // One address: 30 failures are counted, then every attempt is delayed.
    for (int i = 0; i < 30; ++i)
        BOOST_TEST_REQUIRE(
            loginVia(anonymous, "10.0.0.1", "name" + std::to_string(i), "x").status == 401);
    std::size_t counted = server.auth().throttleSize();
    for (int i = 30; i < 200; ++i) {
        HttpReply refused = loginVia(anonymous, "10.0.0.1", "name" + std::to_string(i), "x");
        BOOST_TEST_REQUIRE(refused.status == 429, refused.body);
        BOOST_TEST(refused.header("retry-after") == "1");
    }
    BOOST_TEST(server.auth().throttleSize() == counted);
    // Many addresses, each with a new 256-byte name: the maps stay at their cap.
    for (int i = 0; i < 600; ++i) {
        std::string address = "10.1." + std::to_string(i / 256) + "." + std::to_string(i % 256);
        std::string name = std::to_string(i) + std::string(250, 'n');
        BOOST_TEST_REQUIRE(loginVia(anonymous, address, name, "x").status == 401);
    }
    BOOST_TEST(server.auth().throttleSize() <= 4u * 100u);
}

// Finding 5: 24 concurrent wrong passwords for one account were all evaluated (limit 5).
BOOST_AUTO_TEST_CASE(
    concurrent_wrong_passwords_are_reserved_before_hashing_and_hashing_is_bounded) {
    CountingHasher hasher(std::chrono::milliseconds(30));
    AuthSettings auth;
    auth.maxConcurrentHashes = 2;
    auth.hashWaitMilliseconds = 10000;  // here: wait rather than answer busy
    ServerHarness server("sqlite", {}, auth, {}, &hasher);
    TestUser anna = server.addUser("anna", {Role::Employee});
    hasher.verifications = 0;

    // Each thread its own client (HttpClient is one per thread).
    auto replies = atOnce(50, [&] {
        return server.anonymous().postJson("/api/v1/auth/login",
                                           attackLoginJson("anna", "wrong-password"));
    });
    BOOST_TEST(hasher.verifications.load() <= auth.maxFailuresPerAccount);
    BOOST_TEST(countStatus(replies, 401) == hasher.verifications.load());
    BOOST_TEST(countStatus(replies, 429) == 50 - hasher.verifications.load());
    BOOST_TEST(hasher.mostAtOnce.load() <= auth.maxConcurrentHashes);

    // The same for a password re-entered while logged in (a password change
    // goes through the check every signing act uses).
    server.clock().advance(3600);
    hasher.verifications = 0;
    auto changes = atOnce(50, [&] {
        return server.clientFor(anna).request(
            "PUT", "/api/v1/me/password",
            R"({"oldPassword":"wrong-password","newPassword":"new-password-1"})",
            {{"Content-Type", "application/json"}});
    });
    BOOST_TEST(hasher.verifications.load() <= auth.maxFailuresPerAccount);
    BOOST_TEST(countStatus(changes, 401) == hasher.verifications.load());
    BOOST_TEST(countStatus(changes, 429) == 50 - hasher.verifications.load());
    BOOST_TEST(hasher.mostAtOnce.load() <= auth.maxConcurrentHashes);
}

// Finding 5: 120 concurrent logins peaked at 1 GB: past the semaphore, 503 busy.
BOOST_AUTO_TEST_CASE(a_full_hashing_semaphore_answers_busy_with_retry_after) {
    CountingHasher hasher(std::chrono::milliseconds(400));
    AuthSettings auth;
    auth.maxConcurrentHashes = 1;
    auth.hashWaitMilliseconds = 50;
    ServerHarness server("sqlite", behindProxy(), auth, {}, &hasher);
    std::atomic<int> next{0};
    auto replies = atOnce(8, [&] {
        int i = next++;
        return loginVia(server.anonymous(), "10.2.0." + std::to_string(i),
                        "user" + std::to_string(i), "x");
    });
    int busy = countStatus(replies, 503);
    BOOST_TEST(busy >= 1);
    BOOST_TEST(busy + countStatus(replies, 401) == 8);
    for (const HttpReply& reply : replies)
        if (reply.status == 503) {
            BOOST_TEST(reply.body.find(R"("code":"busy")") != std::string::npos, reply.body);
            BOOST_TEST(reply.header("retry-after") == "1");
        }
    BOOST_TEST(hasher.mostAtOnce.load() == 1);
    // A busy answer was not a failed attempt: the same client is not delayed.
    BOOST_TEST(server.auth().throttleSize() == 3u * static_cast<std::size_t>(8 - busy));
}

// The hashing of new passwords by PeopleService (an admin creating accounts
// or resetting passwords) runs under the same semaphore as logins
// (auth.maxConcurrentHashes): 6 accounts created at once, one slot, each
// hash slow: never two at once, and the ones that found no slot in time get
// 503 busy and nothing stored.
BOOST_AUTO_TEST_CASE(new_passwords_are_hashed_under_the_login_semaphore) {
    CountingHasher hasher(std::chrono::milliseconds(300));
    AuthSettings auth;
    auth.maxConcurrentHashes = 1;
    auth.hashWaitMilliseconds = 50;
    ServerHarness server("sqlite", {}, auth, {}, &hasher);
    TestUser root = server.addUser("root", {Role::Admin});
    hasher.mostAtOnce = 0;
    hasher.hashes = 0;
    std::atomic<int> next{0};
    auto replies = atOnce(6, [&] {
        std::string login = "newcomer" + std::to_string(next++);
        return server.clientFor(root).postJson(
            "/api/v1/users", R"({"login":")" + login + R"(","fullNameKk":"Жаңа","email":")" +
                                 login +
                                 R"(@university.test","password":"newcomer-secret-1",)"
                                 R"("roles":["employee"]})");
    });
    int busy = countStatus(replies, 503);
    BOOST_TEST(busy >= 1);
    BOOST_TEST(busy + countStatus(replies, 201) == 6);
    BOOST_TEST(hasher.mostAtOnce.load() == 1);
    BOOST_TEST(hasher.hashes.load() == 6 - busy);
}

// Finding 5: each Argon2id check takes 19 MiB; 120 concurrent logins peaked
// at 1 GB. With the production parameters and the default semaphore (4),
// the whole test process stays under 400 MB.
BOOST_AUTO_TEST_CASE(many_concurrent_logins_keep_memory_bounded) {
    auth::Argon2PasswordHasher production;  // 19 MiB, 2 passes
    ServerHarness server("sqlite", behindProxy(), {}, {}, &production);
    resetPeak();
    long before = peakMegabytes();
    std::atomic<int> next{0};
    auto replies = atOnce(120, [&] {
        int i = next++;
        return loginVia(server.anonymous(),
                        "10.4." + std::to_string(i / 256) + "." + std::to_string(i % 256),
                        "user" + std::to_string(i), "wrong-password");
    });
    long peak = peakMegabytes();
    BOOST_TEST_MESSAGE("120 concurrent logins: peak "
                       << peak << " MB (" << before << " MB before), " << countStatus(replies, 401)
                       << " checked, " << countStatus(replies, 503) << " busy");
    BOOST_TEST(countStatus(replies, 401) + countStatus(replies, 503) == 120);
    BOOST_TEST(countStatus(replies, 401) >= 4);
    if (!kAddressSanitizer) {  // its shadow memory is resident too (Sanitizers.h)
        BOOST_TEST(peak < 400, "peak resident size " << peak << " MB (" << before << " MB before)");
        BOOST_TEST(peak - before < 150, "grew from " << before << " MB to " << peak << " MB");
    }
}

// Finding 6: behind a reverse proxy every user shared its address, so 30
// failures locked everyone out, and five locked the right password out for
// 15 minutes.
BOOST_AUTO_TEST_CASE(failures_behind_a_trusted_proxy_do_not_lock_out_other_clients) {
    ServerHarness server("sqlite", behindProxy());
    TestUser anna = server.addUser("anna", {Role::Employee});
    TestUser bota = server.addUser("bota", {Role::Employee});
    HttpClient proxy = server.anonymous();  // every request comes from 127.0.0.1
    BOOST_TEST_REQUIRE(loginVia(proxy, "10.0.0.99", "anna", anna.password).status == 200);

    // 30 failures through the proxy: guesses at anna's password from many
    // addresses, and a spray over other accounts from one.
    for (int i = 0; i < 15; ++i) {
        int status = loginVia(proxy, "10.0.1." + std::to_string(i), "anna", "guess").status;
        BOOST_TEST((status == 401 || status == 429));
    }
    for (int i = 0; i < 15; ++i)
        BOOST_TEST(loginVia(proxy, "10.0.0.1", "user" + std::to_string(i), "guess").status == 401);

    // Anna from her usual computer and bota from another get in at once.
    BOOST_TEST(loginVia(proxy, "10.0.0.99", "anna", anna.password).status == 200);
    BOOST_TEST(loginVia(proxy, "10.0.0.50", "bota", bota.password).status == 200);
    // Anna from a new computer waits for the delay (never a lockout), then gets in.
    HttpReply delayed = loginVia(proxy, "10.0.0.77", "anna", anna.password);
    BOOST_TEST_REQUIRE(delayed.status == 429, delayed.body);
    int wait = std::stoi(delayed.header("retry-after"));
    BOOST_TEST(wait >= 1);
    BOOST_TEST(wait <= AuthSettings{}.maxDelaySeconds);
    server.clock().advance(wait);
    BOOST_TEST(loginVia(proxy, "10.0.0.77", "anna", anna.password).status == 200);

    // The audit log names the client, not the proxy.
    SqlProbe probe(server.storeUrl());
    BOOST_TEST(probe.scalar("SELECT details FROM audit_log WHERE action = 'auth.login' "
                            "ORDER BY sequence_number LIMIT 1") == "from 10.0.0.99");
}

BOOST_AUTO_TEST_CASE(an_untrusted_peers_forwarded_for_is_ignored) {
    ServerHarness server("sqlite");  // no trusted proxies
    TestUser bota = server.addUser("bota", {Role::Employee});
    HttpClient client = server.anonymous();
    // A client cannot escape its address's delay by claiming other addresses.
    for (int i = 0; i < 30; ++i)
        BOOST_TEST(
            loginVia(client, "10.3.0." + std::to_string(i), "user" + std::to_string(i), "guess")
                .status == 401);
    HttpReply refused = loginVia(client, "10.3.1.1", "bota", bota.password);
    BOOST_TEST(refused.status == 429, refused.body);
    SqlProbe probe(server.storeUrl());
    BOOST_TEST(probe.scalar("SELECT details FROM audit_log WHERE action = 'auth.login_failed' "
                            "ORDER BY sequence_number DESC LIMIT 1") == "from 127.0.0.1");
    server.clock().advance(std::stoi(refused.header("retry-after")));
    BOOST_TEST(loginVia(client, "10.3.1.1", "bota", bota.password).status == 200);
}
