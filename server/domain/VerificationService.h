// VerificationService answers "is this PDF (or this paper copy's QR code) a
// genuine rendition of an edition, and is that edition still in force?":
// the PDF's signatures through the PdfVerifier port, the seal's edition
// binding against the store.
//
// Thread safety: thread-safe (it only reads).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/PdfVerifier.h"
#include "domain/Store.h"
#include "domain/Types.h"

namespace nusqa {

// Verification of a PDF against the store, and of a verification URL.
struct EditionCheck {
    std::int64_t editionId = 0;
    std::string sha256;
    bool found = false;  // the edition exists and its content has that SHA-256
    std::optional<Edition> edition;
    std::string status = "unknown";  // the edition's status wire name, or "unknown"
    std::string problem;
};

struct VerificationReport {
    PdfReport pdf;
    bool sealed = false;  // a valid seal of this organisation was found
    // valid, sealed by this organisation, edition found, and every signature
    // after the seal by a trusted certificate
    bool genuine = false;
    bool untrustedAfterSeal = false;
    EditionCheck edition;
};

class VerificationService {
public:
    // sealCertificates: SHA-256 of the DER of this organisation's seal
    // certificates (current and earlier ones). store and verifier must
    // outlive the service.
    VerificationService(Store& store, const PdfVerifier& verifier,
                        std::vector<std::string> sealCertificates);

    // The verifier's errors come back unchanged.
    Result<VerificationReport> verify(std::string_view pdf);
    EditionCheck check(std::int64_t editionId, std::string_view sha256);

private:
    Store& _store;
    const PdfVerifier& _verifier;
    std::vector<std::string> _sealCertificates;
};

}  // namespace nusqa
