// The organisation's seal and the verifier, built from the settings for
// `serve`, `render` and `verify`: the configured PKCS#12 (signing.pkcs12 and
// its password), else a self-signed TEST seal generated once in the data
// directory (seal-test.p12, mode 0600) with a warning; the time-stamp
// authority when signing.tsaUrl is set; trust anchors = the certificates of
// signing.trustedCertificates only (the seal's own certificate is trusted
// only when listed there, so the TEST seal is never trusted by default).
// The seal's certificate still marks its seal as the organisation's
// (sealCertificates, see domain/VerificationService.h). The verifier reads PDFs in
// a worker process of this binary (`verify-worker`) with the bounds of
// signing.verify*, or in this process when asked (an executable without
// that subcommand).
//
// Key hygiene: the password is passed to OpenSSL and dropped; warnings name
// files, never secrets.
// Errors: InvalidArgument (wrong password, unreadable PEM), NotFound (a
// configured file is missing), Internal.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/Config.h"
#include "app/Instance.h"
#include "domain/PdfVerifier.h"
#include "domain/Sealing.h"

namespace nusqa::app {

struct SigningKit {
    std::unique_ptr<PdfSealer> sealer;
    std::unique_ptr<PdfVerifier> verifier;
    std::vector<std::string> sealCertificates;  // SHA-256 of the seal certificate
};

using Warn = std::function<void(const std::string&)>;

// Makes the transport to the time-stamp authority of signing.tsaUrl:
// timestamp::timestampClient, passed in so that a binary without the
// HTTP(S) client (the lean `nusqa`, front.cpp) can seal too; nullptr: a
// configured authority is an error (InvalidArgument).
using TimestampClientFactory = Result<TimestampTransport> (*)(const std::string& url,
                                                              int timeoutSeconds);

Result<SigningKit> openSigning(const ServeConfig& settings, const Warn& warn,
                               TimestampClientFactory timestamps,
                               PdfVerification verification = PdfVerification::WorkerProcess);

// The verifier alone (`nusqa verify`: no seal, no data directory, nothing
// written): trust anchors = signing.trustedCertificates plus moreAnchors
// (PEM files). Errors: NotFound (a file is missing), InvalidArgument (a
// file holds no PEM certificate), Internal.
Result<std::unique_ptr<PdfVerifier>> openVerifier(
    const SigningSettings& config, const std::vector<std::string>& moreAnchors,
    PdfVerification verification = PdfVerification::WorkerProcess);

}  // namespace nusqa::app
