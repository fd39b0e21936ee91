// Settings of `nusqa serve`: defaults, then the config file (Poco::Util
// properties or INI), then environment variables, which win. Every key
// `a.bC` has the variable NUSQA_A_B_C (e.g. http.port -> NUSQA_HTTP_PORT,
// store.url -> NUSQA_STORE_URL, http.maxBodyBytes -> NUSQA_HTTP_MAX_BODY_BYTES).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/Argon2PasswordHasher.h"
#include "domain/AuthService.h"
#include "domain/Error.h"
#include "domain/LifecycleService.h"
#include "http/HttpServer.h"
#include "mail/SmtpMailer.h"

namespace Poco::Util {
class AbstractConfiguration;
}

namespace nusqa::app {

// The organisation's seal, time-stamps and verification (issue: signed PDFs).
struct SigningSettings {
    std::string pkcs12;        // signing.pkcs12: the seal's key and certificate
    std::string password;      // signing.password (better: NUSQA_SIGNING_PASSWORD)
    std::string organisation;  // signing.organisation: /Location and the test seal's name
    std::string tsaUrl;        // signing.tsaUrl: RFC 3161 authority; empty: no time-stamps
    int tsaTimeoutSeconds = 10;
    // signing.trustedCertificates: PEM files of CAs whose certificates
    // verification reports as trusted (comma-separated).
    std::vector<std::string> trustedCertificates;
    // http.publicBaseUrl: the address people reach the server at, for the
    // verification URL in the QR code; default http://<address>:<port>.
    std::string publicBaseUrl;
    // Verification of uploaded PDFs runs in a worker process with these
    // bounds (signing/IsolatedVerifier.h): signing.verifyTimeoutSeconds
    // (wall clock and CPU time), signing.verifyMemoryMegabytes (address
    // space), signing.verifyConcurrency (workers at once).
    int verifyTimeoutSeconds = 10;
    int verifyMemoryMegabytes = 512;
    int verifyConcurrency = 4;
};

// Where the organisation profiles are when render.profileDirectory is not
// set: doc-templates in the working directory (scripts/serve.sh runs the
// server from the checkout).
inline constexpr const char* kDefaultProfileDirectory = "doc-templates";

struct ServeConfig {
    http::HttpConfig http;
    std::string dataDirectory = "var";
    std::string storeUrl;  // default: sqlite:<dataDirectory>/nusqa.db
    int storePoolSize = 16;
    std::string logLevel = "information";
    std::string logFile;  // empty: standard output
    // render.profileDirectory: the organisation profiles (NAME.xml); relative
    // paths are taken from the working directory.
    std::string profileDirectory = kDefaultProfileDirectory;
    // http.webRoot: the built web pages (index.html, assets/), served at "/";
    // relative to the working directory (scripts/serve.sh builds into build/).
    std::string webRoot = "build/web";
    int renditionCacheMegabytes = 256;
    AuthSettings auth;
    // Argon2id's cost. Not read from the configuration: the server keeps
    // the OWASP baseline (auth/Argon2PasswordHasher.h); the tests' harness
    // lowers it to stay fast (the hash format is the same).
    auth::Argon2Parameters passwordHashing;
    LifecycleSettings lifecycle;
    int schedulerIntervalSeconds = 60;  // scheduler and mail sender
    bool mailEnabled = false;           // smtp.host set
    mail::SmtpSettings smtp;
    SigningSettings signing;
};

// The keys read, in the order documented in config/nusqa.properties.
const std::vector<std::string>& configKeys();
std::string environmentName(const std::string& key);

// Copies NUSQA_* environment variables over the configuration's keys
// (serve's Poco configuration; PocoSettings.cpp).
void applyEnvironment(Poco::Util::AbstractConfiguration& config);

// Where readServeConfig finds a key's value (expanded); nullopt: not set.
using SettingLookup = std::function<std::optional<std::string>(const std::string& key)>;

// InvalidArgument naming the key when a value is malformed or out of range.
Result<ServeConfig> readServeConfig(const SettingLookup& lookup);
// The same from serve's Poco configuration (PocoSettings.cpp: the commands
// besides serve read their file without Poco, detail/SettingsFile.h).
Result<ServeConfig> readServeConfig(const Poco::Util::AbstractConfiguration& config);

// For the commands besides serve: the settings from the file (may be empty:
// defaults) and the NUSQA_* variables. InvalidArgument for an unreadable
// file. The file is read as Poco::Util reads it (detail/SettingsFile.h).
Result<ServeConfig> loadSettings(const std::string& configFile);

}  // namespace nusqa::app
