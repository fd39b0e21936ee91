// HttpServer: the Poco::Net HTTP server in front of a Router. One request
// handler class serves every request: it assigns a request id, bounds the
// body, routes, catches everything a handler or a library throws (so no
// connection ever closes without a response), and writes one access-log
// line (method, path, status, milliseconds, request id).
//
// A RequestGate (optional) is asked before a routed request's body is read:
// authentication and authorization. Acts are audited by the domain, in the
// transaction of the act, not here.
// HTTPS: with tlsCertificateFile and tlsPrivateKeyFile set (PEM) the server
// speaks TLS only (Poco NetSSL, OpenSSL underneath).
//
// Threading: thread per connection from a private pool sized by
// maxThreads, so idle keep-alive connections cannot starve new clients
// (Poco's default pool has 16 threads). start() and stop() from one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "http/Router.h"

namespace Poco {
class Logger;
}

namespace nusqa::http {

struct HttpConfig {
    std::string address = "127.0.0.1";
    int port = 8080;        // 0: an ephemeral port (see port())
    int maxThreads = 1024;  // connections served at once
    int maxQueued = 1024;   // accepted connections waiting for a thread
    int keepAliveTimeoutSeconds = 10;
    std::size_t maxBodyBytes = 20u << 20;  // 20 MiB; larger bodies get 413
    std::string tlsCertificateFile;        // both set: HTTPS
    std::string tlsPrivateKeyFile;
    // Reverse proxies whose X-Forwarded-For names the client (IP addresses;
    // see http/detail/ClientAddress.h). Empty: the header is ignored.
    std::vector<std::string> trustedProxies;

    bool tls() const { return !tlsCertificateFile.empty() && !tlsPrivateKeyFile.empty(); }
};

class RequestGate;

class HttpServer {
public:
    // accessLog receives one line per request; router and gate (may be null)
    // must outlive the server.
    HttpServer(HttpConfig config, const Router& router, Poco::Logger& accessLog,
               const RequestGate* gate = nullptr);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and starts accepting. Unavailable when the address cannot be
    // bound; InvalidArgument when the TLS certificate or key cannot be loaded
    // or a trusted proxy is not an IP address.
    Status start();
    // Stops accepting, lets requests in progress finish for up to
    // graceSeconds, then closes what is left.
    void stop(int graceSeconds = 10);

    int port() const;  // the bound port, valid after start()

private:
    struct Impl;
    std::unique_ptr<Impl> _impl;
};

}  // namespace nusqa::http
