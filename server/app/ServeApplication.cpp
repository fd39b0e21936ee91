#include "app/ServeApplication.h"

#include <Poco/Logger.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <filesystem>
#include <iostream>
#include <optional>

#include "app/Config.h"
#include "app/ImportCommand.h"
#include "app/Wiring.h"
#include "app/detail/BackgroundJobs.h"
#include "app/detail/Logging.h"
#include "app/detail/SigningSetup.h"
#include "crypto/Digest.h"
#include "domain/DocumentService.h"
#include "http/ApiRoutes.h"
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
#include "storage/StoreFactory.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa::app {

ServeApplication::ServeApplication() {
    setUnixOptions(true);
}

void ServeApplication::defineOptions(Poco::Util::OptionSet& options) {
    ServerApplication::defineOptions(options);
    options.addOption(
        Poco::Util::Option("config", "c", "read settings from FILE (.properties or .ini)")
            .required(false)
            .repeatable(false)
            .argument("FILE")
            .callback(Poco::Util::OptionCallback<ServeApplication>(
                this, &ServeApplication::handleOption)));
    options.addOption(Poco::Util::Option("help", "h", "show this help")
                          .required(false)
                          .repeatable(false)
                          .callback(Poco::Util::OptionCallback<ServeApplication>(
                              this, &ServeApplication::handleOption)));
}

void ServeApplication::handleOption(const std::string& name, const std::string& value) {
    if (name == "config") _configFile = value;
    if (name == "help") {
        _helpRequested = true;
        stopOptionsProcessing();
    }
}

void ServeApplication::initialize(Poco::Util::Application& self) {
    if (!_configFile.empty()) loadConfiguration(_configFile);
    applyEnvironment(config());
    ServerApplication::initialize(self);
}

int ServeApplication::main(const std::vector<std::string>&) {
    if (_helpRequested) {
        Poco::Util::HelpFormatter help(options());
        help.setCommand("nusqa serve");
        help.setHeader(
            "Runs the Nusqa HTTP server. Settings: see config/nusqa.properties; every "
            "key a.bC can be overridden by the environment variable NUSQA_A_B_C.");
        help.format(std::cout);
        return EXIT_OK;
    }
    auto settings = readServeConfig(config());
    if (!settings) {
        std::cerr << "nusqa serve: " << settings.error().message << "\n";
        return EXIT_CONFIG;
    }
    if (auto logging = configureLogging(settings->logLevel, settings->logFile); !logging) {
        std::cerr << "nusqa serve: " << logging.error().message << "\n";
        return EXIT_CONFIG;
    }
    Poco::Logger& log = Poco::Logger::get("nusqa");
    std::error_code ignored;
    std::filesystem::create_directories(settings->dataDirectory, ignored);

    auto wiring = Wiring::open(*settings);
    if (!wiring) {
        log.fatal("cannot open the store " + redactUrl(settings->storeUrl) + ": " +
                  wiring.error().message);
        return wiring.error().code == ErrorCode::Internal ? EXIT_SOFTWARE : EXIT_UNAVAILABLE;
    }
    Wiring& services = **wiring;
    Store& store = services.storage().documents();
    log.information("store " + redactUrl(settings->storeUrl) + " at schema version " +
                    std::to_string(store.schemaVersion().value_or(-1)));
    // The first start: an admin with a one-time password, printed once on
    // standard output (never logged) for whoever started the server.
    auto admin = services.people().bootstrapAdmin();
    if (!admin) {
        log.fatal("cannot create the first admin: " + admin.error().message);
        return EXIT_UNAVAILABLE;
    }
    if (*admin) {
        std::cout << "first start: created the account «" << (*admin)->user.login
                  << "» with the one-time password " << (*admin)->password
                  << " (shown only now: log in and change it with PUT /api/v1/me/password)"
                  << std::endl;
        log.information("first start: created the account «" + (*admin)->user.login +
                        "»; its one-time password went to standard output");
    }
    std::filesystem::path profileDirectory = settings->profileDirectory;
    auto printer = render::ProfilePrinter::open(profileDirectory);
    if (!printer) {
        log.fatal("cannot load the organisation profiles from " + profileDirectory.string() + ": " +
                  printer.error().message);
        return EXIT_CONFIG;
    }
    auto signingKit =
        openSigning(*settings, [&log](const std::string& text) { log.warning(text); });
    if (!signingKit) {
        log.fatal("cannot set up the seal: " + signingKit.error().message);
        return EXIT_CONFIG;
    }
    RenditionService renditions(
        store, *printer, static_cast<std::size_t>(settings->renditionCacheMegabytes) << 20,
        [&services](std::int64_t editionId) {
            return services.lifecycle().sheetRecords(editionId);
        },
        SealingOptions{signingKit->sealer.get(), settings->signing.publicBaseUrl,
                       &services.clock()});
    VerificationService verification(store, *signingKit->verifier, signingKit->sealCertificates);
    log.information("PDFs are sealed by «" + signingKit->sealer->sealedBy() + "»" +
                    (settings->signing.tsaUrl.empty() ? "" : " with time-stamps") +
                    "; verification links start with " + settings->signing.publicBaseUrl +
                    "/verify/");
    http::ApiServices api{
        services.documents(),       services.auth(),  services.people(),   services.lifecycle(),
        services.storage().audit(), services.clock(), settings->http.tls()};
    http::Router router = http::makeApiRouter(api);
    http::addRenditionRoutes(router, renditions);
    http::addVerifyRoutes(router, verification);
    XmlEditionCodec importCodec(settings->http.maxBodyBytes);
    import::docx::DocxPackageReader docxReader;
    // Uploaded PDFs are read by this binary's import-pdf-worker, bounded in
    // time and memory (import/pdf/IsolatedPdfReader.h).
    auto pdfReader = import::pdf::IsolatedPdfReader::create("/proc/self/exe");
    if (!pdfReader) log.warning("PDF import is off: " + pdfReader.error().message);
    std::optional<import::Importer> importer;
    if (pdfReader)
        importer.emplace(docxReader, **pdfReader, importCodec);
    else
        importer.emplace(docxReader, importCodec);
    importer->setProfiles(knownProfiles(profileDirectory));
    http::addImportRoutes(router, *importer);
    http::StaticFiles webFiles(settings->webRoot);
    http::addStaticFiles(router, webFiles);
    if (webFiles.available())
        log.information("web pages from " + webFiles.root().string());
    else
        log.warning("no web pages: " + webFiles.root().string() +
                    "/index.html is missing (build them, or set http.webRoot)");
    http::AuthGate gate(services.auth(), services.storage().audit(), services.clock(), log);
    http::HttpServer server(settings->http, router, Poco::Logger::get("nusqa.access"), &gate);
    if (auto started = server.start(); !started) {
        log.fatal(started.error().message);
        return EXIT_UNAVAILABLE;
    }
    std::unique_ptr<mail::SmtpMailer> mailer;
    std::unique_ptr<OutboxSender> sender;
    if (settings->mailEnabled) {
        mailer = std::make_unique<mail::SmtpMailer>(settings->smtp);
        sender =
            std::make_unique<OutboxSender>(services.storage().outbox(), *mailer, services.clock());
    }
    BackgroundJobs background(services.lifecycle(), sender.get(),
                              settings->schedulerIntervalSeconds, log);
    log.information(std::string("listening on ") + (settings->http.tls() ? "https" : "http") +
                    "://" + settings->http.address + ":" + std::to_string(server.port()) +
                    " with up to " + std::to_string(settings->http.maxThreads) + " connections");
    waitForTerminationRequest();
    log.information("stopping: finishing requests in progress");
    server.stop(5);
    log.information("stopped");
    return EXIT_OK;
}

}  // namespace nusqa::app
