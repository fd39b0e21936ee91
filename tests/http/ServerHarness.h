// An in-process Nusqa server on an ephemeral loopback port over a fresh
// store of the named backend ("sqlite": a file in a TempDir; "mysql": a new
// database on the throwaway MariaDB server — names are unique per run),
// built by app::Instance exactly as `nusqa serve` is: every route, the
// authentication gate, the services. What differs is set through the
// settings and the instance's options: a ManualClock the test moves, the
// scheduler run by tick() and the outbox delivered to an SMTP sink by
// deliverMail() (no background thread), a process-wide test seal, the
// checkout's organisation profiles, no web pages, PDFs verified in process.
//
// The harness creates a quality-office account; client() sends its API
// token, anonymous() sends nothing. Argon2id runs with light parameters
// (4 MiB, 1 pass) to keep the suites fast; the format is the production one.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/Instance.h"
#include "domain/Clock.h"
#include "domain/LifecycleService.h"
#include "domain/OutboxSender.h"
#include "domain/PeopleService.h"
#include "http/HttpServer.h"
#include "http/Router.h"
#include "storage/StoreFactory.h"
#include "support/HttpClient.h"
#include "support/SmtpSink.h"
#include "support/TestSupport.h"

namespace nusqa::test {

struct TestUser {
    User user;
    std::string password;
    std::string token;  // an API token of the user
};

struct UserSpec {
    std::string login;
    std::vector<Role> roles;
    std::optional<std::int64_t> unitId;
    std::optional<std::int64_t> positionId;
    Language language = Language::Kazakh;
    std::string fullNameKk;  // default: the login
    std::string fullNameRu;
};

// The public base URL of the harness's verification links (QR codes).
inline constexpr const char* kPublicBaseUrl = "https://qms.test.example";

class ServerHarness {
public:
    // hasher (optional, must outlive the harness) replaces the harness's own
    // Argon2id hasher, e.g. to count password checks.
    explicit ServerHarness(const std::string& backend, http::HttpConfig config = {},
                           AuthSettings auth = {}, LifecycleSettings lifecycle = {},
                           const PasswordHasher* hasher = nullptr);
    ~ServerHarness();

    Store& store() { return _instance->storage().documents(); }
    Storage& storage() { return _instance->storage(); }
    const http::Router& router() const { return _instance->router(); }
    // As the quality office (its API token).
    HttpClient client() const { return clientFor(_office); }
    HttpClient clientFor(const TestUser& user) const;
    HttpClient anonymous() const;
    int port() const { return _instance->port(); }
    const std::string& backend() const { return _backend; }
    const std::string& storeUrl() const { return _storeUrl; }

    ManualClock& clock() { return _clock; }
    AuthService& auth() { return _instance->auth(); }
    PeopleService& people() { return _instance->people(); }
    LifecycleService& lifecycle() { return _instance->lifecycle(); }
    const TestUser& office() const { return _office; }
    // SHA-256 of the harness's seal certificate.
    std::string sealCertificateSha256() const { return _instance->sealCertificateSha256(); }

    // A user created as the command line does, with a password
    // "pass-<login>-1" and an API token.
    TestUser addUser(const UserSpec& spec);
    TestUser addUser(const std::string& login, std::vector<Role> roles,
                     std::optional<std::int64_t> unitId = {},
                     std::optional<std::int64_t> positionId = {},
                     Language language = Language::Kazakh);
    Unit addUnit(const std::string& nameKk, const std::string& nameRu = {});
    Position addPosition(const std::string& nameKk, const std::string& nameRu = {});

    // The scheduler, run now on the harness's clock.
    TickReport tick();
    // Sends the outbox to the SMTP sink.
    SendReport deliverMail();
    SmtpSink& mailSink() { return _sink; }

private:
    std::string _backend;
    TempDir _directory;
    std::string _storeUrl;
    ManualClock _clock;
    SmtpSink _sink;
    std::unique_ptr<app::Instance> _instance;
    bool _secure = false;
    TestUser _office;
};

// The backends every HTTP test runs on.
inline const char* const kBackends[] = {"sqlite", "mysql"};

}  // namespace nusqa::test
