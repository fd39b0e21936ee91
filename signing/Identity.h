// A signing identity: a private key and its certificate (plus the chain up
// to the root, when the PKCS#12 file holds it), loaded from PKCS#12 — the
// organisation's seal or an approver's personal certificate.
//
// Key hygiene: the password is used to open the file and dropped; neither it
// nor the key ever appears in an error message or a log line.
//
// Thread safety: an Identity is immutable after loading; copies share the
// key and may be used from any number of threads at once (OpenSSL's key
// objects are safe for concurrent signing).
// Errors: InvalidArgument for a wrong password or a file that is not
// PKCS#12 with a key and a certificate; NotFound for a missing file;
// Internal when OpenSSL fails to generate or write.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "domain/Error.h"

typedef struct evp_pkey_st EVP_PKEY;
typedef struct x509_st X509;

namespace nusqa::signing {

class Identity {
public:
    static Result<Identity> loadPkcs12(const std::filesystem::path& file,
                                       const std::string& password);
    static Result<Identity> fromPkcs12Bytes(const std::string& bytes, const std::string& password);

    // A self-signed RSA-2048 test seal named as such, written as PKCS#12 to
    // file (mode 0600) with a random password kept beside it in
    // file + ".password" (mode 0600). Loads it when both files exist.
    static Result<Identity> loadOrCreateTestSeal(const std::filesystem::path& file,
                                                 const std::string& organisation, bool* created);

    EVP_PKEY* key() const { return _key.get(); }
    X509* certificate() const { return _certificate.get(); }
    // Issuers of the certificate that came with it (without the certificate).
    const std::vector<std::shared_ptr<X509>>& chain() const { return _chain; }

    std::string commonName() const;
    std::string subject() const;  // RFC 2253, UTF-8
    std::string certificateSha256() const;
    std::string certificatePem() const;

private:
    std::shared_ptr<EVP_PKEY> _key;
    std::shared_ptr<X509> _certificate;
    std::vector<std::shared_ptr<X509>> _chain;
};

// Subject or issuer name in RFC 2253 form with UTF-8 kept as is.
std::string nameText(const void* x509Name);
// SHA-256 hex of a certificate's DER.
std::string certificateSha256(X509* certificate);
// The common name of a certificate's subject ("" when it has none).
std::string commonNameOf(X509* certificate);

}  // namespace nusqa::signing
