#include "ServerHarness.h"

#include <Poco/Logger.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "signing/Identity.h"

namespace nusqa::test {

namespace {

std::string storeUrlFor(const std::string& backend, const TempDir& directory) {
    if (backend == "sqlite") return "sqlite:" + (directory.path() / "nusqa.db").string();
    if (backend == "mysql") return mariadbServerUrl() + "/" + uniqueName("http");
    throw std::runtime_error("unknown backend " + backend);
}

template <typename T>
T orThrow(Result<T> result, const std::string& what) {
    if (!result) throw std::runtime_error(what + ": " + result.error().message);
    return std::move(*result);
}

// One self-signed test seal per test process, handed to every harness
// through the settings (signing.pkcs12 and its password): generating an RSA
// key for every harness would cost a noticeable part of the suite's time.
struct HarnessSeal {
    TempDir directory{"seal"};
    std::filesystem::path file = directory.path() / "seal-test.p12";
    std::string password;

    HarnessSeal() {
        orThrow(signing::Identity::loadOrCreateTestSeal(file, "Test University", nullptr),
                "test seal");
        std::ifstream in(file.string() + ".password", std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        password = text.str();
        while (!password.empty() && (password.back() == '\n' || password.back() == '\r'))
            password.pop_back();
    }
};

const HarnessSeal& harnessSeal() {
    static const HarnessSeal seal;
    return seal;
}

// The settings of `nusqa serve` as a test needs them.
app::ServeConfig harnessSettings(const TempDir& directory, const std::string& storeUrl,
                                 http::HttpConfig http, const AuthSettings& auth,
                                 const LifecycleSettings& lifecycle, int smtpPort) {
    app::ServeConfig settings;
    settings.http = std::move(http);
    settings.http.address = "127.0.0.1";
    settings.http.port = 0;
    settings.dataDirectory = (directory.path() / "data").string();
    settings.storeUrl = storeUrl;
    settings.profileDirectory = (sourceDir() / "doc-templates").string();
    settings.webRoot = (directory.path() / "web").string();  // none: "/" answers 404
    settings.renditionCacheMegabytes = 64;
    settings.auth = auth;
    settings.passwordHashing = auth::Argon2Parameters{4096, 1, 1};
    settings.lifecycle = lifecycle;
    settings.mailEnabled = true;
    settings.smtp.host = "127.0.0.1";
    settings.smtp.port = smtpPort;
    settings.signing.pkcs12 = harnessSeal().file.string();
    settings.signing.password = harnessSeal().password;
    settings.signing.organisation = "Test University";
    settings.signing.publicBaseUrl = kPublicBaseUrl;
    return settings;
}

}  // namespace

ServerHarness::ServerHarness(const std::string& backend, http::HttpConfig config, AuthSettings auth,
                             LifecycleSettings lifecycle, const PasswordHasher* hasher)
    : _backend(backend),
      _directory("http"),
      _storeUrl(storeUrlFor(backend, _directory)),
      _clock(SystemClock().epochSeconds()),
      _secure(config.tls()) {
    Poco::Logger::get("nusqa").setLevel("error");
    Poco::Logger::get("nusqa.access").setLevel("warning");
    app::ServeConfig settings =
        harnessSettings(_directory, _storeUrl, std::move(config), auth, lifecycle, _sink.port());
    auto storage = orThrow(openStorage(_storeUrl), "open store");
    _instance =
        orThrow(app::Instance::start(settings, _clock, std::move(storage),
                                     {app::PdfVerification::InProcess, app::Scheduling::ByHand,
                                      app::FirstStart::NoAccount, hasher}),
                "start");
    _office = addUser({"office",
                       {Role::QualityOffice},
                       {},
                       {},
                       Language::Kazakh,
                       "Сапа бөлімі маманы",
                       "Специалист отдела качества"});
}

ServerHarness::~ServerHarness() {
    _instance->stop(1);
}

HttpClient ServerHarness::clientFor(const TestUser& user) const {
    return HttpClient("127.0.0.1", port(), {{"Authorization", "Bearer " + user.token}}, _secure);
}

HttpClient ServerHarness::anonymous() const {
    return HttpClient("127.0.0.1", port(), {}, _secure);
}

TestUser ServerHarness::addUser(const UserSpec& spec) {
    NewUser user;
    user.login = spec.login;
    user.fullNameKk = spec.fullNameKk.empty() ? spec.login : spec.fullNameKk;
    user.fullNameRu = spec.fullNameRu;
    user.email = spec.login + "@university.test";
    user.language = spec.language;
    user.unitId = spec.unitId;
    user.positionId = spec.positionId;
    user.roles = spec.roles;
    user.password = "pass-" + spec.login + "-1";
    TestUser created;
    created.password = user.password;
    created.user = orThrow(people().createUser(PeopleService::commandLineActor(), user),
                           "create user " + spec.login);
    created.token = orThrow(_instance->auth().createApiToken(created.user, "tests"), "token").token;
    return created;
}

TestUser ServerHarness::addUser(const std::string& login, std::vector<Role> roles,
                                std::optional<std::int64_t> unitId,
                                std::optional<std::int64_t> positionId, Language language) {
    UserSpec spec;
    spec.login = login;
    spec.roles = std::move(roles);
    spec.unitId = unitId;
    spec.positionId = positionId;
    spec.language = language;
    return addUser(spec);
}

Unit ServerHarness::addUnit(const std::string& nameKk, const std::string& nameRu) {
    return orThrow(
        people().createUnit(PeopleService::commandLineActor(), Unit{0, nameKk, nameRu, {}}),
        "create unit");
}

Position ServerHarness::addPosition(const std::string& nameKk, const std::string& nameRu) {
    return orThrow(
        people().createPosition(PeopleService::commandLineActor(), Position{0, nameKk, nameRu}),
        "create position");
}

TickReport ServerHarness::tick() {
    return orThrow(lifecycle().tick(), "tick");
}

SendReport ServerHarness::deliverMail() {
    return orThrow(_instance->mailSender()->sendPending(1000), "send mail");
}

}  // namespace nusqa::test
