#include "app/Instance.h"

#include <Poco/Logger.h>

#include <filesystem>
#include <utility>

#include "app/ImportCommand.h"
#include "app/Wiring.h"
#include "app/detail/BackgroundJobs.h"
#include "app/detail/SigningSetup.h"
#include "app/detail/ZipPackageArchive.h"
#include "domain/AuditPackageService.h"
#include "domain/RedlineService.h"
#include "domain/RenditionService.h"
#include "domain/VerificationService.h"
#include "http/ApiRoutes.h"
#include "http/AuditPackageRoutes.h"
#include "http/AuthGate.h"
#include "http/HttpServer.h"
#include "http/ImportRoutes.h"
#include "http/RenditionRoutes.h"
#include "http/StaticFiles.h"
#include "http/VerifyRoutes.h"
#include "import/Importer.h"
#include "import/docx/DocxReader.h"
#include "import/pdf/IsolatedPdfReader.h"
#include "mail/SmtpMailer.h"
#include "render/ProfilePrinter.h"
#include "render/ReportPrinter.h"
#include "render/reader/ContentXml.h"
#include "timestamp/TimestampClient.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa::app {

// Everything the instance owns, in dependency order: destroyed in reverse,
// the background jobs and the server first, the storage last.
struct Instance::Parts {
    explicit Parts(std::size_t maxXmlBytes) : importCodec(maxXmlBytes) {}

    std::unique_ptr<Wiring> services;
    std::optional<BootstrapAdmin> firstAdmin;
    std::unique_ptr<render::ProfilePrinter> printer;
    SigningKit signing;
    std::unique_ptr<RenditionService> renditions;
    std::unique_ptr<RedlineService> redlines;
    std::unique_ptr<render::ReportPrinter> reportPrinter;
    std::unique_ptr<AuditPackageService> packages;
    std::unique_ptr<VerificationService> verification;
    XmlEditionCodec importCodec;
    import::docx::DocxPackageReader docx;
    std::unique_ptr<import::PdfReader> pdf;
    std::unique_ptr<import::Importer> importer;
    std::unique_ptr<http::StaticFiles> webFiles;
    http::Router router;
    std::unique_ptr<http::AuthGate> gate;
    std::unique_ptr<http::HttpServer> server;
    std::unique_ptr<mail::SmtpMailer> mailer;
    std::unique_ptr<OutboxSender> sender;
    std::unique_ptr<BackgroundJobs> jobs;
};

namespace {

// THE route table of the server: every route group, each given only the
// services its handlers call. Each route declares its access and audit
// action where it is added.
void addEveryRoute(http::Router& router, Wiring& services, RenditionService& renditions,
                   RedlineService& redlines, AuditPackageService& packages,
                   VerificationService& verification, const import::Importer& importer,
                   const http::StaticFiles& webFiles, http::CookieSecurity cookies) {
    http::addServiceRoutes(router, [&storage = services.storage()] { return storage.health(); });
    http::addDocumentRoutes(router, services.documents());
    http::addAuthRoutes(router, services.auth(), services.clock(), cookies);
    http::addPeopleRoutes(router, services.people());
    http::addLifecycleRoutes(router, services.lifecycle());
    http::addCompareRoutes(router, services.comparisons());
    http::addRegisterRoutes(router, services.lifecycle());
    http::addCopyRoutes(router, services.lifecycle());
    http::addSearchRoutes(router, services.search());
    http::addAuditRoutes(router, services.storage().audit());
    http::addRenditionRoutes(router, renditions);
    http::addRedlineRoutes(router, redlines);
    http::addAuditPackageRoutes(
        router, packages,
        [](const std::filesystem::path& path) -> Result<std::unique_ptr<PackageArchive>> {
            return NUSQA_TRY(ZipPackageArchive::create(path));
        },
        std::filesystem::temp_directory_path());
    http::addVerifyRoutes(router, verification);
    http::addImportRoutes(router, importer);
    http::addStaticFiles(router, webFiles);
}

}  // namespace

Instance::Instance(std::unique_ptr<Parts> parts) : _parts(std::move(parts)) {}

Instance::~Instance() {
    stop(0);
}

Result<std::unique_ptr<Instance>> Instance::start(const ServeConfig& settings, const Clock& clock,
                                                  std::unique_ptr<Storage> storage,
                                                  InstanceOptions options) {
    Poco::Logger& log = Poco::Logger::get("nusqa");
    NUSQA_TRY(initialiseXml());
    auto parts = std::make_unique<Parts>(settings.http.maxBodyBytes);
    Parts& p = *parts;
    p.services =
        std::make_unique<Wiring>(settings, clock, std::move(storage), options.passwordHasher);
    Wiring& services = *p.services;
    // Editions stored before the search index existed.
    auto indexed = services.storage().search().indexMissing();
    if (!indexed)
        return std::unexpected(std::move(indexed.error()).withContext("cannot index the editions"));
    if (*indexed > 0)
        log.information("indexed " + std::to_string(*indexed) + " editions for the search");
    if (options.firstStart == FirstStart::CreateAdmin) {
        auto admin = services.people().bootstrapAdmin();
        if (!admin && admin.error().code == ErrorCode::Conflict) {
            // Two cluster nodes started together on an empty database: the
            // other one created the first admin (and printed its password).
            log.information("the first admin was created by another node");
        } else if (!admin) {
            return std::unexpected(
                std::move(admin.error()).withContext("cannot create the first admin"));
        } else {
            p.firstAdmin = std::move(*admin);
        }
    }

    std::filesystem::path profileDirectory = settings.profileDirectory;
    auto printer = render::ProfilePrinter::open(profileDirectory);
    if (!printer)
        return std::unexpected(std::move(printer.error())
                                   .withContext("cannot load the organisation profiles from " +
                                                profileDirectory.string() +
                                                " (render.profileDirectory)"));
    p.printer = std::make_unique<render::ProfilePrinter>(std::move(*printer));
    auto signing = openSigning(
        settings, [&log](const std::string& text) { log.warning(text); },
        &timestamp::timestampClient, options.verification);
    if (!signing)
        return std::unexpected(std::move(signing.error()).withContext("cannot set up the seal"));
    p.signing = std::move(*signing);
    log.information("PDFs are sealed by «" + p.signing.sealer->sealedBy() + "»" +
                    (settings.signing.tsaUrl.empty() ? "" : " with time-stamps") +
                    "; verification links start with " + settings.signing.publicBaseUrl +
                    "/verify/");

    Store& store = services.storage().documents();
    p.renditions = std::make_unique<RenditionService>(
        store, services.storage().audit(), clock, *p.printer,
        static_cast<std::size_t>(settings.renditionCacheMegabytes) << 20,
        // Every download reads the edition's records (the printed sheets
        // are part of the cache key): five reads, one transaction.
        [&services](std::int64_t editionId) -> Result<SheetData> {
            Result<SheetData> records = SheetData{};
            NUSQA_TRY(services.storage().readTogether([&]() -> Status {
                records = services.lifecycle().sheetRecords(editionId);
                return {};
            }));
            return records;
        },
        SealingOptions{p.signing.sealer.get(), settings.signing.publicBaseUrl, &clock},
        [&services](const User& actor, std::int64_t copyId) {
            return services.lifecycle().copyToPrint(actor, copyId);
        });
    p.redlines = std::make_unique<RedlineService>(
        services.comparisons(), services.storage().audit(), clock, *p.printer,
        static_cast<std::size_t>(settings.renditionCacheMegabytes) << 20,
        SealingOptions{p.signing.sealer.get(), settings.signing.publicBaseUrl, &clock});
    auto reportPrinter = render::ReportPrinter::open(profileDirectory);
    if (!reportPrinter)
        return std::unexpected(std::move(reportPrinter.error())
                                   .withContext("cannot load the report profile from " +
                                                profileDirectory.string() +
                                                " (render.profileDirectory)"));
    p.reportPrinter = std::make_unique<render::ReportPrinter>(std::move(*reportPrinter));
    p.packages = std::make_unique<AuditPackageService>(
        store, services.storage().lifecycle(), services.storage().people(),
        services.storage().audit(), services.lifecycle(),
        [](std::string_view xml) { return render::reader::readEditionContent(xml); },
        *p.reportPrinter,
        SealingOptions{p.signing.sealer.get(), settings.signing.publicBaseUrl, &clock},
        securityFunctions().sha256Hex, clock);
    p.verification = std::make_unique<VerificationService>(store, *p.signing.verifier,
                                                           p.signing.sealCertificates);
    // The public verify page also tells who issued the edition, when it
    // entered into force and, once superseded, which edition replaced it.
    p.verification->lookUpWith([&store, &services, organisation = settings.signing.organisation](
                                   std::int64_t editionId, std::string_view sha256) {
        EditionCheck check = VerificationService::checkInStore(store, editionId, sha256);
        if (!check.found) return check;
        check.organisation = organisation;
        // Records that cannot be read leave these facts out; the status stands.
        auto records = services.lifecycle().sheetRecords(editionId);
        if (!records || !records->facts) return check;
        const RegisterFacts& facts = *records->facts;
        check.effectiveDate = facts.effectiveDate;
        if (check.effectiveDate.empty() && facts.paper)
            check.effectiveDate = facts.paper->approval.effectiveDate;
        if (facts.replacedBy)
            if (auto next = store.edition(facts.replacedBy->id); next)
                check.replacedBy = EditionCheck::Replacement{next->id, next->number, next->sha256};
        return check;
    });
    // Uploaded PDFs are read by this binary's import-pdf-worker, bounded in
    // time and memory (import/pdf/IsolatedPdfReader.h); without it .pdf is
    // refused.
    if (auto pdf = import::pdf::IsolatedPdfReader::create("/proc/self/exe"); pdf)
        p.pdf = std::move(*pdf);
    else
        log.warning("PDF import is off: " + pdf.error().message);
    p.importer = p.pdf ? std::make_unique<import::Importer>(p.docx, *p.pdf, p.importCodec)
                       : std::make_unique<import::Importer>(p.docx, p.importCodec);
    p.importer->setProfiles(knownProfiles(profileDirectory));
    p.webFiles = std::make_unique<http::StaticFiles>(settings.webRoot);
    if (p.webFiles->available())
        log.information("web pages from " + p.webFiles->root().string());
    else
        log.warning("no web pages: " + p.webFiles->root().string() +
                    "/index.html is missing (build them, or set http.webRoot)");

    addEveryRoute(p.router, services, *p.renditions, *p.redlines, *p.packages, *p.verification,
                  *p.importer, *p.webFiles,
                  settings.http.tls() ? http::CookieSecurity::Secure : http::CookieSecurity::Plain);
    p.gate = std::make_unique<http::AuthGate>(services.auth());
    http::HttpConfig httpConfig = settings.http;
    if (httpConfig.publicOrigin.empty())
        httpConfig.publicOrigin = http::originOf(settings.signing.publicBaseUrl);
    p.server = std::make_unique<http::HttpServer>(std::move(httpConfig), p.router,
                                                  Poco::Logger::get("nusqa.access"), p.gate.get());
    NUSQA_TRY(p.server->start());
    if (settings.mailEnabled) {
        p.mailer = std::make_unique<mail::SmtpMailer>(settings.smtp);
        p.sender = std::make_unique<OutboxSender>(services.storage().outbox(), *p.mailer, clock);
    }
    if (options.scheduling == Scheduling::Background)
        p.jobs = std::make_unique<BackgroundJobs>(services.lifecycle(), p.sender.get(),
                                                  services.storage().leases(),
                                                  settings.schedulerIntervalSeconds, log);
    return std::unique_ptr<Instance>(new Instance(std::move(parts)));
}

bool Instance::stop(int graceSeconds) {
    _parts->jobs.reset();
    return !_parts->server || _parts->server->stop(graceSeconds);
}

int Instance::port() const {
    return _parts->server->port();
}

const http::Router& Instance::router() const {
    return _parts->router;
}

Storage& Instance::storage() {
    return _parts->services->storage();
}

const Clock& Instance::clock() const {
    return _parts->services->clock();
}

DocumentService& Instance::documents() {
    return _parts->services->documents();
}

AuthService& Instance::auth() {
    return _parts->services->auth();
}

PeopleService& Instance::people() {
    return _parts->services->people();
}

LifecycleService& Instance::lifecycle() {
    return _parts->services->lifecycle();
}

OutboxSender* Instance::mailSender() {
    return _parts->sender.get();
}

std::string Instance::sealCertificateSha256() const {
    return _parts->signing.sealer->certificateSha256();
}

std::optional<BootstrapAdmin> Instance::takeFirstAdmin() {
    return std::exchange(_parts->firstAdmin, std::nullopt);
}

}  // namespace nusqa::app
