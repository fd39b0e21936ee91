// Instance: THE composition root of the server. start() builds one running
// Nusqa from its settings, a clock and a storage — the domain services
// (app/Wiring.h), the organisation profiles and the seal, renditions,
// verification, the importer, the one route table with every route group,
// the web pages' files, the authentication gate, the HTTP server, the SMTP
// mailer and the background jobs — and starts listening. `nusqa serve` and
// the tests' ServerHarness are both built by it, so a route added to the
// server is tested by construction.
//
// What may differ between the two comes from the settings (port, Argon2's
// cost, the SMTP target, the seal's key, the web root, the profiles) and
// from InstanceOptions (how uploaded PDFs are verified, who runs the
// scheduler); the defaults are the production choices.
//
// Ownership: owns the storage and everything it builds; clock must outlive
// the instance. Thread safety: the accessors' services are thread-safe;
// start, stop and destroy on one thread.
// Errors from start(): Internal (the XML schema does not compile); the
// store's when the first admin cannot be created; the profiles' errors with
// "render.profileDirectory" in the message; the seal's (InvalidArgument,
// NotFound) with "signing"; Unavailable when the address cannot be bound;
// InvalidArgument for an unusable TLS key.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/Config.h"
#include "domain/AuthService.h"
#include "domain/Clock.h"
#include "domain/DocumentService.h"
#include "domain/LifecycleService.h"
#include "domain/OutboxSender.h"
#include "domain/PeopleService.h"
#include "http/Router.h"
#include "storage/StoreFactory.h"

namespace nusqa::app {

// How uploaded PDFs are verified.
enum class PdfVerification {
    // In a bounded worker process of this executable (`nusqa
    // verify-worker`, signing/IsolatedVerifier.h): what `serve` does.
    WorkerProcess,
    // In this process (signing/PdfVerify.h): for an executable without the
    // verify-worker subcommand, such as a test program.
    InProcess,
};

// Who runs the scheduler and the mail sender.
enum class Scheduling {
    Background,  // a thread, every scheduler.intervalSeconds (and once at start)
    ByHand,      // nobody: the caller runs lifecycle().tick() and mailSender()
};

// What the first start over an empty people store does.
enum class FirstStart {
    // Creates the account `admin` with a one-time password before listening
    // (PeopleService::bootstrapAdmin); see takeFirstAdmin().
    CreateAdmin,
    // Creates no account: the caller makes the ones it needs.
    NoAccount,
};

struct InstanceOptions {
    PdfVerification verification = PdfVerification::WorkerProcess;
    Scheduling scheduling = Scheduling::Background;
    FirstStart firstStart = FirstStart::CreateAdmin;
    // Replaces the Argon2id hasher of settings.passwordHashing when set (a
    // test counting password checks); must outlive the instance.
    const PasswordHasher* passwordHasher = nullptr;
};

class Instance {
public:
    static Result<std::unique_ptr<Instance>> start(const ServeConfig& settings, const Clock& clock,
                                                   std::unique_ptr<Storage> storage,
                                                   InstanceOptions options = {});
    // stop(0) unless stopped.
    ~Instance();
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;

    // Stops the background jobs, stops accepting connections, lets requests
    // in progress finish for up to graceSeconds, then closes what is left.
    // False when a request was still running a second after the grace
    // (see http::HttpServer::stop): exit the process, do not destroy it.
    bool stop(int graceSeconds);

    // The bound port (settings.http.port, or the ephemeral one for 0).
    int port() const;
    const http::Router& router() const;

    Storage& storage();
    const Clock& clock() const;
    DocumentService& documents();
    AuthService& auth();
    PeopleService& people();
    LifecycleService& lifecycle();
    // The sender of the outbox over SMTP; null when smtp.host is not set.
    OutboxSender* mailSender();
    // SHA-256 of the seal's certificate.
    std::string sealCertificateSha256() const;
    // The account the first start created and its one-time password, once
    // (the instance then forgets the password); nullopt on later calls, on
    // later starts, and with FirstStart::NoAccount.
    std::optional<BootstrapAdmin> takeFirstAdmin();

private:
    struct Parts;
    explicit Instance(std::unique_ptr<Parts> parts);
    std::unique_ptr<Parts> _parts;
};

}  // namespace nusqa::app
