#include "app/Config.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/Util/AbstractConfiguration.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <algorithm>
#include <cstdlib>

namespace nusqa::app {
namespace {

Result<int> readInt(const Poco::Util::AbstractConfiguration& config, const std::string& key,
                    int fallback, int minimum, int maximum) {
    std::string text = config.getString(key, std::to_string(fallback));
    int value = 0;
    if (!Poco::NumberParser::tryParse(text, value) || value < minimum || value > maximum)
        return fail(ErrorCode::InvalidArgument,
                    "config: " + key + " must be an integer from " + std::to_string(minimum) +
                        " to " + std::to_string(maximum) + ", not «" + text + "»");
    return value;
}

// "a, b,,c" -> {"a", "b", "c"}.
std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = std::min(text.find(',', start), text.size());
        std::string item = text.substr(start, comma - start);
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (!item.empty()) items.push_back(std::move(item));
        start = comma + 1;
    }
    return items;
}

}  // namespace

const std::vector<std::string>& configKeys() {
    static const std::vector<std::string> keys{
        "http.address",
        "http.port",
        "http.maxThreads",
        "http.maxQueued",
        "http.keepAliveTimeout",
        "http.requestHeadTimeout",
        "http.bodyTimeout",
        "http.maxBodyBytes",
        "data.dir",
        "store.url",
        "store.poolSize",
        "log.level",
        "log.file",
        "render.profileDirectory",
        "render.cacheMegabytes",
        "http.tls.certificate",
        "http.tls.privateKey",
        "auth.sessionHours",
        "auth.maxFailuresPerAccount",
        "auth.maxFailuresPerAddress",
        "auth.failureWindowSeconds",
        "lifecycle.familiarizationDays",
        "lifecycle.reviewMonths",
        "lifecycle.reviewNoticeDays",
        "lifecycle.reminderIntervalDays",
        "scheduler.intervalSeconds",
        "smtp.host",
        "smtp.port",
        "smtp.from",
        "smtp.user",
        "smtp.password",
        "http.publicBaseUrl",
        "signing.pkcs12",
        "signing.password",
        "signing.organisation",
        "signing.tsaUrl",
        "signing.tsaTimeoutSeconds",
        "signing.trustedCertificates",
        "signing.verifyTimeoutSeconds",
        "signing.verifyMemoryMegabytes",
        "signing.verifyConcurrency",
        "http.webRoot",
        "http.trustedProxies",
        "auth.maxDelaySeconds",
        "auth.maxConcurrentHashes",
    };
    return keys;
}

std::string environmentName(const std::string& key) {
    std::string name = "NUSQA_";
    for (char c : key) {
        if (c == '.') {
            name += '_';
        } else if (c >= 'A' && c <= 'Z') {
            name += '_';
            name += c;
        } else {
            name += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        }
    }
    return name;
}

void applyEnvironment(Poco::Util::AbstractConfiguration& config) {
    for (const std::string& key : configKeys())
        if (const char* value = std::getenv(environmentName(key).c_str()))
            config.setString(key, value);
}

Result<ServeConfig> readServeConfig(const Poco::Util::AbstractConfiguration& config) {
    ServeConfig serve;
    serve.http.address = config.getString("http.address", serve.http.address);
    serve.http.port = NUSQA_TRY(readInt(config, "http.port", serve.http.port, 0, 65535));
    serve.http.maxThreads =
        NUSQA_TRY(readInt(config, "http.maxThreads", serve.http.maxThreads, 2, 16384));
    serve.http.maxQueued =
        NUSQA_TRY(readInt(config, "http.maxQueued", serve.http.maxQueued, 1, 65536));
    serve.http.keepAliveTimeoutSeconds = NUSQA_TRY(
        readInt(config, "http.keepAliveTimeout", serve.http.keepAliveTimeoutSeconds, 1, 3600));
    serve.http.requestHeadTimeoutSeconds = NUSQA_TRY(
        readInt(config, "http.requestHeadTimeout", serve.http.requestHeadTimeoutSeconds, 1, 600));
    serve.http.bodyTimeoutSeconds =
        NUSQA_TRY(readInt(config, "http.bodyTimeout", serve.http.bodyTimeoutSeconds, 1, 3600));
    int maxBody = NUSQA_TRY(readInt(config, "http.maxBodyBytes",
                                    static_cast<int>(serve.http.maxBodyBytes), 1024, 1 << 30));
    serve.http.maxBodyBytes = static_cast<std::size_t>(maxBody);
    serve.dataDirectory = config.getString("data.dir", serve.dataDirectory);
    serve.storeUrl = config.getString("store.url", "");
    if (serve.storeUrl.empty()) serve.storeUrl = "sqlite:" + serve.dataDirectory + "/nusqa.db";
    serve.storePoolSize =
        NUSQA_TRY(readInt(config, "store.poolSize", serve.storePoolSize, 1, 1024));
    serve.logLevel = config.getString("log.level", serve.logLevel);
    serve.logFile = config.getString("log.file", "");
    serve.profileDirectory = config.getString("render.profileDirectory", "");
    if (serve.profileDirectory.empty()) serve.profileDirectory = kDefaultProfileDirectory;
    serve.webRoot = config.getString("http.webRoot", serve.webRoot);
    if (serve.webRoot.empty())
        return fail(ErrorCode::InvalidArgument, "config: http.webRoot must name a folder");
    serve.renditionCacheMegabytes = NUSQA_TRY(
        readInt(config, "render.cacheMegabytes", serve.renditionCacheMegabytes, 0, 65536));
    serve.http.tlsCertificateFile = config.getString("http.tls.certificate", "");
    serve.http.tlsPrivateKeyFile = config.getString("http.tls.privateKey", "");
    if (serve.http.tlsCertificateFile.empty() != serve.http.tlsPrivateKeyFile.empty())
        return fail(ErrorCode::InvalidArgument,
                    "config: http.tls.certificate and http.tls.privateKey go together");
    for (std::string& proxy : splitList(config.getString("http.trustedProxies", "")))
        serve.http.trustedProxies.push_back(std::move(proxy));
    AuthSettings& auth = serve.auth;
    auth.sessionHours =
        NUSQA_TRY(readInt(config, "auth.sessionHours", auth.sessionHours, 1, 24 * 30));
    auth.maxFailuresPerAccount = NUSQA_TRY(
        readInt(config, "auth.maxFailuresPerAccount", auth.maxFailuresPerAccount, 1, 1000));
    auth.maxFailuresPerAddress = NUSQA_TRY(
        readInt(config, "auth.maxFailuresPerAddress", auth.maxFailuresPerAddress, 1, 100000));
    auth.failureWindowSeconds = NUSQA_TRY(
        readInt(config, "auth.failureWindowSeconds", auth.failureWindowSeconds, 1, 86400));
    auth.maxDelaySeconds =
        NUSQA_TRY(readInt(config, "auth.maxDelaySeconds", auth.maxDelaySeconds, 1, 86400));
    auth.maxConcurrentHashes =
        NUSQA_TRY(readInt(config, "auth.maxConcurrentHashes", auth.maxConcurrentHashes, 1, 1024));
    LifecycleSettings& lifecycle = serve.lifecycle;
    lifecycle.familiarizationDays = NUSQA_TRY(
        readInt(config, "lifecycle.familiarizationDays", lifecycle.familiarizationDays, 1, 365));
    lifecycle.reviewMonths =
        NUSQA_TRY(readInt(config, "lifecycle.reviewMonths", lifecycle.reviewMonths, 1, 120));
    lifecycle.reviewNoticeDays = NUSQA_TRY(
        readInt(config, "lifecycle.reviewNoticeDays", lifecycle.reviewNoticeDays, 0, 365));
    lifecycle.reminderIntervalDays = NUSQA_TRY(
        readInt(config, "lifecycle.reminderIntervalDays", lifecycle.reminderIntervalDays, 1, 365));
    serve.schedulerIntervalSeconds = NUSQA_TRY(
        readInt(config, "scheduler.intervalSeconds", serve.schedulerIntervalSeconds, 1, 86400));
    serve.smtp.host = config.getString("smtp.host", "");
    serve.mailEnabled = !serve.smtp.host.empty();
    serve.smtp.port = NUSQA_TRY(readInt(config, "smtp.port", serve.smtp.port, 1, 65535));
    serve.smtp.from = config.getString("smtp.from", serve.smtp.from);
    serve.smtp.user = config.getString("smtp.user", "");
    serve.smtp.password = config.getString("smtp.password", "");
    SigningSettings& signing = serve.signing;
    signing.pkcs12 = config.getString("signing.pkcs12", "");
    signing.password = config.getString("signing.password", "");
    signing.organisation = config.getString("signing.organisation", "");
    signing.tsaUrl = config.getString("signing.tsaUrl", "");
    if (!signing.tsaUrl.empty() && !signing.tsaUrl.starts_with("http://") &&
        !signing.tsaUrl.starts_with("https://"))
        return fail(ErrorCode::InvalidArgument,
                    "config: signing.tsaUrl must be an http:// or https:// URL");
    signing.tsaTimeoutSeconds =
        NUSQA_TRY(readInt(config, "signing.tsaTimeoutSeconds", signing.tsaTimeoutSeconds, 1, 300));
    signing.verifyTimeoutSeconds = NUSQA_TRY(
        readInt(config, "signing.verifyTimeoutSeconds", signing.verifyTimeoutSeconds, 1, 600));
    signing.verifyMemoryMegabytes = NUSQA_TRY(readInt(config, "signing.verifyMemoryMegabytes",
                                                      signing.verifyMemoryMegabytes, 128, 65536));
    signing.verifyConcurrency =
        NUSQA_TRY(readInt(config, "signing.verifyConcurrency", signing.verifyConcurrency, 1, 256));
    std::string trusted = config.getString("signing.trustedCertificates", "");
    for (std::size_t start = 0; start < trusted.size();) {
        std::size_t comma = std::min(trusted.find(',', start), trusted.size());
        std::string file = trusted.substr(start, comma - start);
        while (!file.empty() && file.front() == ' ') file.erase(0, 1);
        while (!file.empty() && file.back() == ' ') file.pop_back();
        if (!file.empty()) signing.trustedCertificates.push_back(file);
        start = comma + 1;
    }
    signing.publicBaseUrl = config.getString("http.publicBaseUrl", "");
    if (signing.publicBaseUrl.empty())
        signing.publicBaseUrl =
            std::string(serve.http.tls() ? "https" : "http") + "://" +
            (serve.http.address == "0.0.0.0" ? "localhost" : serve.http.address) + ":" +
            std::to_string(serve.http.port);
    // Browsers' state-changing requests must come from here (CSRF).
    serve.http.publicOrigin = http::originOf(signing.publicBaseUrl);
    return serve;
}

Result<ServeConfig> loadSettings(const std::string& configFile) {
    Poco::AutoPtr<Poco::Util::AbstractConfiguration> config;
    try {
        if (configFile.empty())
            config = new Poco::Util::MapConfiguration;
        else if (configFile.ends_with(".ini"))
            config = new Poco::Util::IniFileConfiguration(configFile);
        else
            config = new Poco::Util::PropertyFileConfiguration(configFile);
    } catch (const Poco::Exception& error) {
        return fail(ErrorCode::InvalidArgument,
                    "config: cannot read " + configFile + ": " + error.displayText());
    }
    applyEnvironment(*config);
    return readServeConfig(*config);
}

}  // namespace nusqa::app
