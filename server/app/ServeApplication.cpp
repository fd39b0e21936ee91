#include "app/ServeApplication.h"

#include <Poco/Logger.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <filesystem>
#include <iostream>

#include "app/Config.h"
#include "app/Logging.h"
#include "domain/DocumentService.h"
#include "http/ApiRoutes.h"
#include "http/HttpServer.h"
#include "http/RenditionRoutes.h"
#include "render/ProfilePrinter.h"
#include "signing/Digest.h"
#include "storage/StoreFactory.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa::app {

ServeApplication::ServeApplication() { setUnixOptions(true); }

void ServeApplication::defineOptions(Poco::Util::OptionSet& options) {
    ServerApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("config", "c", "read settings from FILE (.properties or .ini)")
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
        help.setHeader("Runs the Nusqa HTTP server. Settings: see config/nusqa.properties; every "
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

    auto store = openStore(settings->storeUrl, settings->storePoolSize);
    if (!store) {
        log.fatal("cannot open the store " + redactUrl(settings->storeUrl) + ": " +
                  store.error().message);
        return EXIT_UNAVAILABLE;
    }
    log.information("store " + redactUrl(settings->storeUrl) + " at schema version " +
                    std::to_string((*store)->schemaVersion().value_or(-1)));

    if (auto xml = initialiseXml(); !xml) {
        log.fatal(xml.error().message);
        return EXIT_SOFTWARE;
    }
    XmlEditionCodec codec(settings->http.maxBodyBytes);
    DocumentService documents(**store, codec, signing::sha256Hex);
    std::filesystem::path profileDirectory = settings->profileDirectory.empty()
                                                 ? render::defaultProfileDirectory()
                                                 : std::filesystem::path(settings->profileDirectory);
    auto printer = render::ProfilePrinter::open(profileDirectory);
    if (!printer) {
        log.fatal("cannot load the organisation profiles from " + profileDirectory.string() + ": " +
                  printer.error().message);
        return EXIT_CONFIG;
    }
    RenditionService renditions(**store, *printer,
                                static_cast<std::size_t>(settings->renditionCacheMegabytes) << 20);
    http::Router router = http::makeApiRouter(documents);
    http::addRenditionRoutes(router, renditions);
    http::HttpServer server(settings->http, router, Poco::Logger::get("nusqa.access"));
    if (auto started = server.start(); !started) {
        log.fatal(started.error().message);
        return EXIT_UNAVAILABLE;
    }
    log.information("listening on http://" + settings->http.address + ":" +
                    std::to_string(server.port()) + " with up to " +
                    std::to_string(settings->http.maxThreads) + " connections");
    waitForTerminationRequest();
    log.information("stopping: finishing requests in progress");
    server.stop(5);
    log.information("stopped");
    return EXIT_OK;
}

}  // namespace nusqa::app
