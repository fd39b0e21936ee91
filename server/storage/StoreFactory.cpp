#include "storage/StoreFactory.h"

#include <charconv>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>

#include "storage/detail/SqlDocumentStore.h"
#include "storage/detail/SqlRecordStore.h"
#include "storage/detail/StorageAssembly.h"
#include "storage/mysql/detail/MysqlExecutor.h"
#include "storage/sqlite/detail/SqliteExecutor.h"

namespace nusqa {

namespace {

constexpr std::string_view kSqliteScheme = "sqlite:";
constexpr std::string_view kMysqlScheme = "mysql://";
constexpr const char* kMysqlForm = "mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE";

std::optional<int> hexDigit(char character) {
    if (character >= '0' && character <= '9') return character - '0';
    if (character >= 'a' && character <= 'f') return character - 'a' + 10;
    if (character >= 'A' && character <= 'F') return character - 'A' + 10;
    return std::nullopt;
}

std::optional<std::string> percentDecode(std::string_view text) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            decoded += text[i];
            continue;
        }
        if (i + 2 >= text.size()) return std::nullopt;
        auto high = hexDigit(text[i + 1]);
        auto low = hexDigit(text[i + 2]);
        if (!high || !low) return std::nullopt;
        decoded += static_cast<char>(*high * 16 + *low);
        i += 2;
    }
    return decoded;
}

Error invalidMysqlUrl(const std::string& url, const std::string& problem) {
    return Error{
        ErrorCode::InvalidArgument,
        "storage: " + problem + " in '" + redactUrl(url) + "' (expected " + kMysqlForm + ")",
        {}};
}

// mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE. The user information ends at
// the last '@', so an unencoded '@' or '/' in a password still parses.
Result<storage::MysqlSettings> parseMysqlUrl(const std::string& url) {
    std::string_view rest = std::string_view(url).substr(kMysqlScheme.size());
    std::size_t at = rest.rfind('@');
    if (at == std::string_view::npos) return std::unexpected(invalidMysqlUrl(url, "no USER@ part"));
    std::string_view userInformation = rest.substr(0, at);
    std::string_view location = rest.substr(at + 1);

    storage::MysqlSettings settings;
    std::size_t colon = userInformation.find(':');
    auto user = percentDecode(userInformation.substr(0, colon));
    std::optional<std::string> password = std::string();
    if (colon != std::string_view::npos)
        password = percentDecode(userInformation.substr(colon + 1));
    if (!user || !password) return std::unexpected(invalidMysqlUrl(url, "bad percent-encoding"));
    if (user->empty()) return std::unexpected(invalidMysqlUrl(url, "empty user"));
    settings.user = std::move(*user);
    settings.password = std::move(*password);

    std::size_t slash = location.find('/');
    if (slash == std::string_view::npos || slash + 1 == location.size())
        return std::unexpected(invalidMysqlUrl(url, "no /DATABASE"));
    auto database = percentDecode(location.substr(slash + 1));
    if (!database) return std::unexpected(invalidMysqlUrl(url, "bad percent-encoding"));
    settings.database = std::move(*database);

    std::string_view hostAndPort = location.substr(0, slash);
    std::string_view portText;
    if (hostAndPort.starts_with('[')) {  // [IPv6]:PORT
        std::size_t close = hostAndPort.find(']');
        if (close == std::string_view::npos)
            return std::unexpected(invalidMysqlUrl(url, "unclosed '['"));
        settings.host = std::string(hostAndPort.substr(1, close - 1));
        std::string_view after = hostAndPort.substr(close + 1);
        if (!after.empty() && !after.starts_with(':'))
            return std::unexpected(invalidMysqlUrl(url, "junk after ']'"));
        if (!after.empty()) portText = after.substr(1);
    } else {
        std::size_t portColon = hostAndPort.rfind(':');
        settings.host = std::string(hostAndPort.substr(0, portColon));
        if (portColon != std::string_view::npos) portText = hostAndPort.substr(portColon + 1);
    }
    if (settings.host.empty()) return std::unexpected(invalidMysqlUrl(url, "empty host"));
    if (!portText.empty()) {
        int port = 0;
        auto [end, error] =
            std::from_chars(portText.data(), portText.data() + portText.size(), port);
        if (error != std::errc() || end != portText.data() + portText.size() || port < 1 ||
            port > 65535)
            return std::unexpected(invalidMysqlUrl(url, "bad port"));
        settings.port = port;
    }
    return settings;
}

// One round trip. On MariaDB with Galera (wsrep_on), the node's state must
// be Synced: a Donor or Joined node may block writes or lag behind, and
// the balancer should send no requests to a Nusqa node that uses it.
Status databaseHealth(storage::SqlSession& session) {
    if (session.dialect() == storage::SqlDialect::Sqlite) {
        auto one = NUSQA_TRY(session.prepare("SELECT 1"));
        NUSQA_TRY(one->next());
        return {};
    }
    auto state = NUSQA_TRY(
        session.prepare("SELECT s.VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES AS v"
                        " JOIN information_schema.GLOBAL_STATUS AS s"
                        " ON s.VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT'"
                        " WHERE v.VARIABLE_NAME = 'WSREP_ON' AND v.VARIABLE_VALUE = 'ON'"));
    if (NUSQA_TRY(state->next()) && state->text(0) != "Synced")
        return fail(ErrorCode::Unavailable,
                    "storage/mysql: the Galera node is " + state->text(0) + ", not Synced");
    return {};
}

// The ports over one executor, which it owns.
class SqlStorage final : public Storage {
public:
    explicit SqlStorage(std::unique_ptr<storage::SqlExecutor> executor)
        : _executor(std::move(executor)),
          _search(*_executor),
          _documents(*_executor, &_search),
          _records(*_executor) {}
    Store& documents() override { return _documents; }
    PeopleStore& people() override { return _records; }
    LifecycleStore& lifecycle() override { return _records; }
    AuditLog& audit() override { return _records; }
    Outbox& outbox() override { return _records; }
    JobLease& leases() override { return _records; }
    ThrottleStore& throttle() override { return _records; }
    Status health() override {
        return _executor->transact(
            "health", storage::Access::Read,
            [](storage::SqlSession& session) -> Status { return databaseHealth(session); });
    }
    SearchIndex& search() override { return _search; }
    Status readTogether(const std::function<Status()>& reads) override {
        return _executor->readTogether("read together", reads);
    }

private:
    std::unique_ptr<storage::SqlExecutor> _executor;
    storage::SqlSearch _search;
    storage::SqlDocumentStore _documents;
    storage::SqlRecordStore _records;
};

Result<std::unique_ptr<storage::SqliteExecutor>> openSqliteBackend(const std::string& url,
                                                                   int poolSize) {
    std::string path = url.substr(kSqliteScheme.size());
    // Also accept the URI spelling sqlite:///absolute/path.
    if (path.starts_with("//")) path.erase(0, 2);
    if (path.empty() || path.starts_with(":memory:") || path.starts_with("file:"))
        return fail(ErrorCode::InvalidArgument,
                    "storage: '" + url + "' does not name a file (expected sqlite:PATH)");
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
        std::error_code error;
        std::filesystem::create_directories(parent, error);
        if (error)
            return fail(ErrorCode::Unavailable, "storage/sqlite: cannot create directory " +
                                                    parent.string() + ": " + error.message());
    }
    return storage::SqliteExecutor::open(path, poolSize);
}

Error unknownScheme(const std::string& url) {
    return Error{ErrorCode::InvalidArgument,
                 "storage: unknown store URL scheme in '" + redactUrl(url) +
                     "' (expected sqlite:PATH or " + kMysqlForm + ")",
                 {}};
}

}  // namespace

namespace storage {

Result<std::unique_ptr<SqlExecutor>> openExecutor(const std::string& url, int poolSize) {
    if (url.starts_with(kSqliteScheme))
        return std::unique_ptr<SqlExecutor>(NUSQA_TRY(openSqliteBackend(url, poolSize)));
    if (url.starts_with(kMysqlScheme)) {
        auto settings = NUSQA_TRY(parseMysqlUrl(url));
        return std::unique_ptr<SqlExecutor>(NUSQA_TRY(MysqlExecutor::open(settings, poolSize)));
    }
    return std::unexpected(unknownScheme(url));
}

std::unique_ptr<Storage> storageOver(std::unique_ptr<SqlExecutor> executor) {
    return std::make_unique<SqlStorage>(std::move(executor));
}

}  // namespace storage

Result<std::unique_ptr<Storage>> openStorage(const std::string& url, int poolSize) {
    return storage::storageOver(NUSQA_TRY(storage::openExecutor(url, poolSize)));
}

std::string redactUrl(const std::string& url) {
    std::size_t schemeEnd = url.find("://");
    if (schemeEnd == std::string::npos) return url;
    std::size_t userStart = schemeEnd + 3;
    std::size_t at = url.rfind('@');
    if (at == std::string::npos || at < userStart) return url;
    std::size_t colon = url.find(':', userStart);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

void observeRetries(RetryObserver observer) {
    storage::setMysqlRetryObserver(observer);
}

}  // namespace nusqa
