// A throw-away PKI for the signing tests (PAdES seals, personal signatures,
// RFC 3161 time stamps), made with the real openssl command line of the
// machine (Debian 12, OpenSSL 3.0) so that the certificates are exactly what
// an outside verifier sees:
//   - a root CA "Nusqa Test Root CA" (ca.pem, ca-key.pem);
//   - three personal signing certificates with different subjects, one with
//     a Kazakh UTF-8 name, each as PKCS#12 with the CA cert in the bundle
//     (personal-1.p12 .. personal-3.p12, passwords test-pass-1 .. -3);
//   - an organisation seal certificate (seal.p12, password seal-pass);
//   - a time-stamping certificate (tsa.pem, tsa-key.pem) and the config that
//     `openssl ts -reply -config tsa.cnf` needs (LocalTsa serves it).
// RSA 2048, SHA-256, valid from now - 1 day to now + 730 days; PKCS#12 with
// OpenSSL 3's defaults (AES-256-CBC, PBKDF2, HMAC-SHA256 MAC).
//
// Thread safety: makeTestPki may run on several threads at once for
// different directories; runOpenssl is safe from any thread.
// Errors: std::runtime_error naming the failed openssl command with its
// output; std::invalid_argument when the directory's absolute path holds a
// character that openssl's config syntax would misread ($ # " ' \ newline).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nusqa::test {

struct TestIdentity {
    std::filesystem::path p12;      // key + certificate + CA certificate
    std::string password;           // of the PKCS#12 file
    std::filesystem::path certPem;  // the certificate alone
    std::string commonName;         // UTF-8, exactly as in the subject
    std::string organization;       // "Test University"
};

struct TestPki {
    std::filesystem::path directory;
    std::filesystem::path caPem;
    std::filesystem::path caKey;  // unencrypted: tests may issue more certs
    std::vector<TestIdentity> personal;  // 3: Айгүл Серікова, Иван Петров, Dana Omarova
    TestIdentity seal;                   // CN "Test University seal"
    std::filesystem::path tsaPem;
    std::filesystem::path tsaKey;
    std::filesystem::path tsaConfig;  // for `openssl ts -reply -config`
};

// Creates the directory if needed and writes the PKI into it, replacing the
// files of an earlier run. Takes about 1 s on the 2-core test machine (up to
// 2 s when it is busy), nearly all of it RSA key generation.
TestPki makeTestPki(const std::filesystem::path& directory);

// Runs `openssl <arguments...>` (each argument shell-quoted, stderr merged
// into stdout) and returns the output; throws std::runtime_error with the
// command line and its output when openssl cannot start or exits non-zero.
std::string runOpenssl(const std::vector<std::string>& arguments);

}  // namespace nusqa::test
