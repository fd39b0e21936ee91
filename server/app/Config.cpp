#include "app/Config.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "app/detail/SettingsFile.h"

namespace nusqa::app {
namespace {

// Poco::NumberParser::tryParse's grammar, which read these values before:
// leading white space, a sign, decimal digits with ',' as a thousands
// separator (ignored), nothing after.
bool parseInt(const std::string& text, int& value) {
    std::size_t at = 0;
    while (at < text.size() && (text[at] == ' ' || (text[at] >= '\t' && text[at] <= '\r'))) ++at;
    bool negative = at < text.size() && text[at] == '-';
    if (at < text.size() && (text[at] == '-' || text[at] == '+')) ++at;
    long long result = 0;
    bool digits = false;
    for (; at < text.size(); ++at) {
        char c = text[at];
        if (c == ',') continue;
        if (c < '0' || c > '9') return false;
        result = result * 10 + (c - '0');
        if (result > static_cast<long long>(std::numeric_limits<int>::max()) + 1) return false;
        digits = true;
    }
    if (!digits) return false;
    result = negative ? -result : result;
    if (result > std::numeric_limits<int>::max()) return false;
    value = static_cast<int>(result);
    return true;
}

std::string valueOf(const SettingLookup& lookup, const std::string& key,
                    const std::string& fallback) {
    std::optional<std::string> value = lookup(key);
    return value ? std::move(*value) : fallback;
}

Result<int> readInt(const SettingLookup& lookup, const std::string& key, int fallback, int minimum,
                    int maximum) {
    std::string text = valueOf(lookup, key, std::to_string(fallback));
    int value = 0;
    if (!parseInt(text, value) || value < minimum || value > maximum)
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

Result<ServeConfig> readServeConfig(const SettingLookup& config) {
    ServeConfig serve;
    serve.http.address = valueOf(config, "http.address", serve.http.address);
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
    serve.dataDirectory = valueOf(config, "data.dir", serve.dataDirectory);
    serve.storeUrl = valueOf(config, "store.url", "");
    if (serve.storeUrl.empty()) serve.storeUrl = "sqlite:" + serve.dataDirectory + "/nusqa.db";
    serve.storePoolSize =
        NUSQA_TRY(readInt(config, "store.poolSize", serve.storePoolSize, 1, 1024));
    serve.logLevel = valueOf(config, "log.level", serve.logLevel);
    serve.logFile = valueOf(config, "log.file", "");
    serve.profileDirectory = valueOf(config, "render.profileDirectory", "");
    if (serve.profileDirectory.empty()) serve.profileDirectory = kDefaultProfileDirectory;
    serve.webRoot = valueOf(config, "http.webRoot", serve.webRoot);
    if (serve.webRoot.empty())
        return fail(ErrorCode::InvalidArgument, "config: http.webRoot must name a folder");
    serve.renditionCacheMegabytes = NUSQA_TRY(
        readInt(config, "render.cacheMegabytes", serve.renditionCacheMegabytes, 0, 65536));
    serve.http.tlsCertificateFile = valueOf(config, "http.tls.certificate", "");
    serve.http.tlsPrivateKeyFile = valueOf(config, "http.tls.privateKey", "");
    if (serve.http.tlsCertificateFile.empty() != serve.http.tlsPrivateKeyFile.empty())
        return fail(ErrorCode::InvalidArgument,
                    "config: http.tls.certificate and http.tls.privateKey go together");
    for (std::string& proxy : splitList(valueOf(config, "http.trustedProxies", "")))
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
    serve.smtp.host = valueOf(config, "smtp.host", "");
    serve.mailEnabled = !serve.smtp.host.empty();
    serve.smtp.port = NUSQA_TRY(readInt(config, "smtp.port", serve.smtp.port, 1, 65535));
    serve.smtp.from = valueOf(config, "smtp.from", serve.smtp.from);
    serve.smtp.user = valueOf(config, "smtp.user", "");
    serve.smtp.password = valueOf(config, "smtp.password", "");
    SigningSettings& signing = serve.signing;
    signing.pkcs12 = valueOf(config, "signing.pkcs12", "");
    signing.password = valueOf(config, "signing.password", "");
    signing.organisation = valueOf(config, "signing.organisation", "");
    signing.tsaUrl = valueOf(config, "signing.tsaUrl", "");
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
    std::string trusted = valueOf(config, "signing.trustedCertificates", "");
    for (std::size_t start = 0; start < trusted.size();) {
        std::size_t comma = std::min(trusted.find(',', start), trusted.size());
        std::string file = trusted.substr(start, comma - start);
        while (!file.empty() && file.front() == ' ') file.erase(0, 1);
        while (!file.empty() && file.back() == ' ') file.pop_back();
        if (!file.empty()) signing.trustedCertificates.push_back(file);
        start = comma + 1;
    }
    signing.publicBaseUrl = valueOf(config, "http.publicBaseUrl", "");
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
    SettingsFile file;
    if (!configFile.empty()) file = NUSQA_TRY(SettingsFile::read(configFile));
    for (const std::string& key : configKeys())
        if (const char* value = std::getenv(environmentName(key).c_str())) file.set(key, value);
    return readServeConfig([&file](const std::string& key) { return file.get(key); });
}

}  // namespace nusqa::app
