#include "ServerHarness.h"

#include <Poco/Logger.h>

#include <stdexcept>

#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "http/ApiRoutes.h"
#include "http/ImportRoutes.h"
#include "http/RenditionRoutes.h"
#include "http/VerifyRoutes.h"
#include "signing/PdfSign.h"
#include "signing/PdfVerify.h"

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

// One self-signed test seal per test process: generating an RSA key for
// every harness would cost a noticeable part of the suite's time.
const signing::Identity& harnessSeal() {
    static TempDir directory("seal");
    static signing::Identity identity =
        orThrow(signing::Identity::loadOrCreateTestSeal(directory.path() / "seal-test.p12",
                                                        "Test University", nullptr),
                "test seal");
    return identity;
}

SecurityFunctions security() {
    return SecurityFunctions{crypto::randomHex, crypto::sha256Hex};
}

}  // namespace

ServerHarness::ServerHarness(const std::string& backend, http::HttpConfig config, AuthSettings auth,
                             LifecycleSettings lifecycle, const PasswordHasher* hasher)
    : _backend(backend),
      _directory("http"),
      _storeUrl(storeUrlFor(backend, _directory)),
      _hasher(auth::Argon2Parameters{4096, 1, 1}),
      _clock(SystemClock().epochSeconds()) {
    _storage = orThrow(openStorage(_storeUrl), "open store");
    _service = std::make_unique<DocumentService>(store(), _codec, crypto::sha256Hex);
    const PasswordHasher& passwords = hasher != nullptr ? *hasher : _hasher;
    _auth = std::make_unique<AuthService>(_storage->people(), _storage->audit(), passwords, _clock,
                                          security(), auth);
    _people = std::make_unique<PeopleService>(_storage->people(), _storage->lifecycle(), passwords,
                                              _clock, security());
    _lifecycle = std::make_unique<LifecycleService>(
        store(), _storage->lifecycle(), _storage->people(), *_auth, _codec, _clock, lifecycle);
    auto printer = render::ProfilePrinter::open(sourceDir() / "doc-templates");
    if (!printer) throw std::runtime_error("profiles: " + printer.error().message);
    _printer = std::make_unique<render::ProfilePrinter>(std::move(*printer));
    _sealer = std::make_unique<signing::Sealer>(harnessSeal(), "Test University");
    _verifier = std::make_unique<signing::Verifier>(
        orThrow(signing::Verifier::create({harnessSeal().certificatePem()}), "verifier"));
    _verification = std::make_unique<VerificationService>(
        store(), *_verifier, std::vector<std::string>{_sealer->certificateSha256()});
    _renditions = std::make_unique<RenditionService>(
        store(), *_printer, 64u << 20,
        [this](std::int64_t editionId) { return _lifecycle->sheetRecords(editionId); },
        SealingOptions{_sealer.get(), kPublicBaseUrl, &_clock});
    _secure = config.tls();
    _api.reset(new http::ApiServices{*_service, *_auth, *_people, *_lifecycle, _storage->audit(),
                                     _clock, _secure});
    _router = http::makeApiRouter(*_api);
    http::addRenditionRoutes(_router, *_renditions);
    http::addVerifyRoutes(_router, *_verification);
    http::addImportRoutes(_router, _importer);
    Poco::Logger& log = Poco::Logger::get("nusqa.access");
    log.setLevel("warning");
    _gate = std::make_unique<http::AuthGate>(*_auth, _storage->audit(), _clock, log);
    mail::SmtpSettings smtp;
    smtp.port = _sink.port();
    _mailer = std::make_unique<mail::SmtpMailer>(smtp);
    _sender = std::make_unique<OutboxSender>(_storage->outbox(), *_mailer, _clock);
    config.address = "127.0.0.1";
    config.port = 0;
    _server = std::make_unique<http::HttpServer>(config, _router, log, _gate.get());
    if (auto started = _server->start(); !started)
        throw std::runtime_error("start: " + started.error().message);
    _office = addUser({"office",
                       {Role::QualityOffice},
                       {},
                       {},
                       Language::Kazakh,
                       "Сапа бөлімі маманы",
                       "Специалист отдела качества"});
}

ServerHarness::~ServerHarness() {
    _server->stop(1);
}

HttpClient ServerHarness::clientFor(const TestUser& user) const {
    return HttpClient("127.0.0.1", _server->port(), {{"Authorization", "Bearer " + user.token}},
                      _secure);
}

HttpClient ServerHarness::anonymous() const {
    return HttpClient("127.0.0.1", _server->port(), {}, _secure);
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
    created.user = orThrow(_people->createUser(PeopleService::commandLineActor(), user),
                           "create user " + spec.login);
    created.token = orThrow(_auth->createApiToken(created.user, "tests"), "token").token;
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
        _people->createUnit(PeopleService::commandLineActor(), Unit{0, nameKk, nameRu, {}}),
        "create unit");
}

Position ServerHarness::addPosition(const std::string& nameKk, const std::string& nameRu) {
    return orThrow(
        _people->createPosition(PeopleService::commandLineActor(), Position{0, nameKk, nameRu}),
        "create position");
}

TickReport ServerHarness::tick() {
    return orThrow(_lifecycle->tick(), "tick");
}

SendReport ServerHarness::deliverMail() {
    return orThrow(_sender->sendPending(1000), "send mail");
}

}  // namespace nusqa::test
