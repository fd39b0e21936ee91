// An RFC 3161 time-stamp authority for the signing tests: an HTTP server on
// 127.0.0.1 with an ephemeral port that answers a POSTed TimeStampReq with
// the TimeStampResp made by `openssl ts -reply` from the TestPki's TSA
// certificate (tsa.cnf), the way a real TSA is reached over HTTP (RFC 3161
// section 3.4).
//
//   POST /tsa, Content-Type: application/timestamp-query, body <= 64 KB
//     -> 200, Content-Type: application/timestamp-reply, DER TimeStampResp.
//        Like a real TSA, openssl answers a query it refuses with a
//        "rejection" status inside a 200: a SHA-1 imprint (only SHA-256/384/
//        512 are accepted) or bytes that are no TimeStampReq at all
//        (failure info badDataFormat);
//   another method -> 405; another path -> 404; another content type or an
//   empty or oversized body -> 400; openssl failing (the PKI's files gone)
//   -> 500. Error bodies are text/plain.
// Time stamps: policy 1.2.3.4.1, ESSCertIDv2 (SHA-256), accuracy 1.5001 s,
// serial numbers from 1 per PKI, the chain included when the query asks
// for certificates.
//
// Thread safety: url(), port() and requests() may be called from any thread.
// Requests are served on the server's own threads (up to 4); the openssl
// calls are serialised process-wide because `openssl ts -reply` rewrites the
// PKI's serial file. Two processes must not serve one PKI directory.
// Lifetime: the TestPki's files must outlive this object; the destructor
// stops the server and waits for the request in progress.
// Errors: the constructor throws (Poco::Exception) when it cannot listen.
#pragma once

#include "support/TestPki.h"

#include <memory>
#include <string>

namespace nusqa::test {

class LocalTsa {
public:
    explicit LocalTsa(const TestPki& pki);
    ~LocalTsa();
    LocalTsa(const LocalTsa&) = delete;
    LocalTsa& operator=(const LocalTsa&) = delete;

    // "http://127.0.0.1:PORT/tsa"
    std::string url() const;
    int port() const;
    // The number of 200 replies (granted or rejected) so far; counted before
    // the reply is sent, so a client holding its reply sees it counted.
    int requests() const;

private:
    struct Server;
    std::unique_ptr<Server> _server;
};

}  // namespace nusqa::test
