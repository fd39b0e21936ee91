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
// maxThreads (Poco's default pool has 16 threads). Connections that hold a
// thread without sending a request — silent, slowloris, idle keep-alive —
// are ended by a deadline on the whole request head and, when the pool is
// nearly full, first (http/detail/ConnectionWatch.h), so they cannot starve
// new clients. The listening socket is bound without SO_REUSEPORT: a second
// server on a busy port fails to start. start() and stop() from one thread.
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
    // The whole request head must arrive within this of the connection (or,
    // on a keep-alive connection, of keepAliveTimeout after the previous
    // answer); silent and slowloris connections are ended then, and sooner
    // when the thread pool is nearly full (http/detail/ConnectionWatch.h).
    int requestHeadTimeoutSeconds = 10;
    // The whole body must arrive within this of its head: else 408.
    int bodyTimeoutSeconds = 60;
    // Where browsers reach the server ("https://qms.example.edu.kz"): a
    // POST/PUT/PATCH/DELETE with the session cookie must come from this
    // Origin (or the origin its Host header names); empty: only the latter.
    std::string publicOrigin;
    std::size_t maxBodyBytes = 20u << 20;  // 20 MiB; larger bodies get 413
    std::string tlsCertificateFile;        // both set: HTTPS
    std::string tlsPrivateKeyFile;
    // Reverse proxies whose X-Forwarded-For names the client (IP addresses;
    // see http/detail/ClientAddress.h). Empty: the header is ignored.
    std::vector<std::string> trustedProxies;

    bool tls() const { return !tlsCertificateFile.empty() && !tlsPrivateKeyFile.empty(); }
};

class RequestGate;

// "https://qms.example.edu.kz" from "https://qms.example.edu.kz/base/";
// "" when the URL has no scheme and host. Scheme and host lower-cased; a
// default port (80 for http, 443 for https) is dropped.
std::string originOf(const std::string& url);

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
    // Stops accepting and ends idle connections, lets requests in progress
    // finish for up to graceSeconds, then cuts every connection. False when
    // a request still runs a second later (a handler computing, not
    // waiting on its socket): its thread is left running, and the caller
    // should exit the process rather than tear down what it uses.
    bool stop(int graceSeconds = 10);

    int port() const;  // the bound port, valid after start()

private:
    struct Impl;
    std::unique_ptr<Impl> _impl;
};

}  // namespace nusqa::http
