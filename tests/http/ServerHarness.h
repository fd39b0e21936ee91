// An in-process Nusqa server on an ephemeral loopback port over a fresh
// store of the named backend ("sqlite": a file in a TempDir; "mysql": a new
// database on the throwaway MariaDB server, dropped afterwards is not
// needed — names are unique per run). Tests talk to it with HttpClient.
#pragma once

#include <memory>
#include <string>

#include "domain/DocumentService.h"
#include "domain/Store.h"
#include "http/HttpServer.h"
#include "http/Router.h"
#include "render/ProfilePrinter.h"
#include "support/HttpClient.h"
#include "support/TestSupport.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa::test {

class ServerHarness {
public:
    explicit ServerHarness(const std::string& backend, http::HttpConfig config = {});
    ~ServerHarness();

    Store& store() { return *_store; }
    const http::Router& router() const { return _router; }
    HttpClient client() const { return HttpClient("127.0.0.1", _server->port()); }
    int port() const { return _server->port(); }
    const std::string& backend() const { return _backend; }

private:
    std::string _backend;
    TempDir _directory;
    std::unique_ptr<Store> _store;
    XmlEditionCodec _codec;
    std::unique_ptr<DocumentService> _service;
    std::unique_ptr<render::ProfilePrinter> _printer;
    std::unique_ptr<RenditionService> _renditions;
    http::Router _router;
    std::unique_ptr<http::HttpServer> _server;
};

// The backends every HTTP test runs on.
inline const char* const kBackends[] = {"sqlite", "mysql"};

}  // namespace nusqa::test
