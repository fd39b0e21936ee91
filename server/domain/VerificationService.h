// VerificationService answers "is this PDF (or this paper copy's QR code) a
// genuine rendition of an edition, and is that edition still in force?":
// the PDF's signatures through the PdfVerifier port, the seal's edition
// binding against a register: the store (the server), the public verify
// endpoint of a server (`nusqa verify --server`), or none (`nusqa verify`
// away from any server).
//
// A seal is the organisation's when its certificate is one of the given seal
// certificates (the server knows its own) or when it chains to a trust
// anchor of the verifier (signature.trusted): the same rule for the API and
// the command line, so `trusted` means one thing everywhere.
//
// Thread safety: thread-safe (it only reads).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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
    std::string documentCode;  // of the edition's document, when found
    std::string documentTitle;
    std::string status = "unknown";  // the edition's status wire name, or "unknown"
    std::string problem;
    // From the register's lifecycle records, when the server knows them: the
    // organisation that issued it, the date it entered (or enters) into
    // force, and for an edition superseded the one that replaced it.
    std::string organisation;
    std::string effectiveDate;  // YYYY-MM-DD; empty: not (yet) known
    struct Replacement {
        std::int64_t id = 0;
        int number = 0;
        std::string sha256;
    };
    std::optional<Replacement> replacedBy;
};

// The register a seal's edition is looked up in: the edition, whether its
// content has that SHA-256, and its status.
using EditionLookup = std::function<EditionCheck(std::int64_t editionId, std::string_view sha256)>;

struct VerificationReport {
    PdfReport pdf;
    bool sealed = false;  // a valid seal of this organisation was found
    // valid, sealed by this organisation, edition found in the register, and
    // every signature after the seal by a trusted certificate
    bool genuine = false;
    bool registerAsked = false;  // false: no register to look the edition up in
    bool untrustedAfterSeal = false;
    // What the seal says the file is: "edition" (a print or a copy of
    // edition.editionId), "comparison" (a redline of comparedWith against
    // edition.editionId: genuine means the organisation printed it, not
    // that it is a copy of either edition), "table" (a report table: no
    // edition to look up), or "unknown" (never genuine).
    std::string printed = "edition";
    std::int64_t comparedWith = 0;
    EditionCheck edition;
};

class VerificationService {
public:
    // sealCertificates: SHA-256 of the DER of this organisation's seal
    // certificates (current and earlier ones). store and verifier must
    // outlive the service.
    VerificationService(Store& store, const PdfVerifier& verifier,
                        std::vector<std::string> sealCertificates);
    // Without a store: editions are looked up through lookup (empty: no
    // register, every report says so); a seal is the organisation's only
    // when it chains to one of the verifier's trust anchors.
    VerificationService(const PdfVerifier& verifier, EditionLookup lookup);

    // The verifier's errors come back unchanged.
    Result<VerificationReport> verify(std::string_view pdf);
    // Replaces how editions are looked up (a server adds its lifecycle
    // facts to checkInStore's). Call while wiring, before any other call.
    void lookUpWith(EditionLookup lookup) { _lookup = std::move(lookup); }
    // The edition in the register (the unknown check without one).
    EditionCheck check(std::int64_t editionId, std::string_view sha256);
    // The edition in store: found only when its content has that SHA-256,
    // with its document's code and title.
    static EditionCheck checkInStore(Store& store, std::int64_t editionId, std::string_view sha256);

private:
    const PdfVerifier& _verifier;
    EditionLookup _lookup;
    std::vector<std::string> _sealCertificates;
};

}  // namespace nusqa
