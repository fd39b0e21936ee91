#include "app/ServeApplication.h"

#include <Poco/Logger.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <sys/resource.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "app/Config.h"
#include "app/Instance.h"
#include "app/detail/Logging.h"
#include "storage/StoreFactory.h"

namespace nusqa::app {
namespace {

// Each connection takes up to two descriptors (http/HttpServer.cpp) and the
// soft limit is often 1,024: raise it to the hard limit, so that
// http.maxThreads connections are not cut short by EMFILE at accept.
void raiseOpenFileLimit(Poco::Logger& log) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
        log.warning("cannot raise the open-file limit; connections are limited by it");
}

}  // namespace

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
    raiseOpenFileLimit(log);
    std::error_code ignored;
    std::filesystem::create_directories(settings->dataDirectory, ignored);

    // Retried units of work (a cluster's write conflicts) show in the log.
    observeRetries([](const char* operation, int errorCode, int attempt) {
        Poco::Logger::get("nusqa").information(std::string("storage/mysql: retrying ") + operation +
                                               " after error " + std::to_string(errorCode) +
                                               " (attempt " + std::to_string(attempt) + ")");
    });
    auto storage = openStorage(settings->storeUrl, settings->storePoolSize);
    if (!storage) {
        log.fatal("cannot open the store " + redactUrl(settings->storeUrl) + ": " +
                  storage.error().message);
        return EXIT_UNAVAILABLE;
    }
    log.information("store " + redactUrl(settings->storeUrl) + " at schema version " +
                    std::to_string((*storage)->documents().schemaVersion().value_or(-1)));
    SystemClock clock;
    auto instance = Instance::start(*settings, clock, std::move(*storage));
    if (!instance) {
        log.fatal(instance.error().message);
        switch (instance.error().code) {
            case ErrorCode::Unavailable:
                return EXIT_UNAVAILABLE;
            case ErrorCode::Internal:
                return EXIT_SOFTWARE;
            default:
                return EXIT_CONFIG;
        }
    }
    // The first start: an admin with a one-time password, printed once on
    // standard output (never logged) for whoever started the server.
    if (auto admin = (*instance)->takeFirstAdmin()) {
        std::cout << "first start: created the account «" << admin->user.login
                  << "» with the one-time password " << admin->password
                  << " (shown only now: log in and change it with PUT /api/v1/me/password)"
                  << std::endl;
        log.information("first start: created the account «" + admin->user.login +
                        "»; its one-time password went to standard output");
    }
    // Logged only now, after the one-time password: whoever waits for this
    // line (an operator, tests/web, tests/app) has the password by then.
    log.information(std::string("listening on ") + (settings->http.tls() ? "https" : "http") +
                    "://" + settings->http.address + ":" + std::to_string((*instance)->port()) +
                    " with up to " + std::to_string(settings->http.maxThreads) + " connections");
    waitForTerminationRequest();
    log.information("stopping: finishing requests in progress");
    if (!(*instance)->stop(5)) {
        // A request still computing would use the store and services as they
        // are torn down. Leave without destructors: the store is as safe as
        // after a crash (every act commits in one transaction).
        log.warning("stopped with a request still running");
        flushLogging();
        std::cout.flush();
        std::clog.flush();
        std::_Exit(EXIT_OK);
    }
    log.information("stopped");
    flushLogging();
    return EXIT_OK;
}

}  // namespace nusqa::app
