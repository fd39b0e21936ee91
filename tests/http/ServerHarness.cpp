#include "ServerHarness.h"

#include <Poco/Logger.h>

#include <stdexcept>

#include "http/ApiRoutes.h"
#include "http/RenditionRoutes.h"
#include "signing/Digest.h"
#include "storage/StoreFactory.h"

namespace nusqa::test {

static std::string storeUrlFor(const std::string& backend, const TempDir& directory) {
    if (backend == "sqlite") return "sqlite:" + (directory.path() / "nusqa.db").string();
    if (backend == "mysql") return mariadbServerUrl() + "/" + uniqueName("http");
    throw std::runtime_error("unknown backend " + backend);
}

ServerHarness::ServerHarness(const std::string& backend, http::HttpConfig config)
    : _backend(backend), _directory("http") {
    auto store = openStore(storeUrlFor(backend, _directory));
    if (!store) throw std::runtime_error("open store: " + store.error().message);
    _store = std::move(*store);
    _service = std::make_unique<DocumentService>(*_store, _codec, signing::sha256Hex);
    auto printer = render::ProfilePrinter::open(sourceDir() / "doc-templates");
    if (!printer) throw std::runtime_error("profiles: " + printer.error().message);
    _printer = std::make_unique<render::ProfilePrinter>(std::move(*printer));
    _renditions = std::make_unique<RenditionService>(*_store, *_printer, 64u << 20);
    _router = http::makeApiRouter(*_service);
    http::addRenditionRoutes(_router, *_renditions);
    config.address = "127.0.0.1";
    config.port = 0;
    Poco::Logger& log = Poco::Logger::get("nusqa.access");
    log.setLevel("warning");
    _server = std::make_unique<http::HttpServer>(config, _router, log);
    if (auto started = _server->start(); !started)
        throw std::runtime_error("start: " + started.error().message);
}

ServerHarness::~ServerHarness() { _server->stop(1); }

}  // namespace nusqa::test
