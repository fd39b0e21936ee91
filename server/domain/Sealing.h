// Sealing and verification of issued PDFs: the ports the signing module
// implements, and VerificationService, which answers "is this PDF (or this
// paper copy's QR code) a genuine rendition of an edition, and is that
// edition still in force?".
//
// The seal is the organisation's electronic seal (PAdES signature) added to
// every PDF the server issues; its visible block on the last page and the QR
// code carry the verification URL <public base URL>/verify/<edition>/<sha256>.
//
// Thread safety: PdfSealer and PdfVerifier implementations must be
// thread-safe; VerificationService is (it only reads).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Error.h"
#include "domain/Store.h"
#include "domain/Types.h"

namespace nusqa {

// Where the renderer drew the visible seal block: 1-based page, PDF user
// space in points (origin bottom-left). page == 0: nothing drawn (the seal
// signature is then invisible).
struct SealArea {
    int page = 0;
    double left = 0, bottom = 0, width = 0, height = 0;
};

// What the visible seal says and what the seal signature binds.
struct SealStamp {
    std::string sealedBy;  // the seal certificate's common name
    std::int64_t epochSeconds = 0;
    std::string sealedAt;        // printed form, "YYYY-MM-DD HH:MM:SS UTC"
    std::int64_t editionId = 0;  // 0: a file printed outside the store
    std::string editionSha256;
    std::string verifyUrl;
};

// The verification URL of an edition: base (no trailing slash needed) +
// "/verify/<id>/<sha256>".
std::string verifyUrlOf(std::string_view publicBaseUrl, std::int64_t editionId,
                        std::string_view sha256);
// "YYYY-MM-DD HH:MM:SS UTC".
std::string printedUtc(std::int64_t epochSeconds);

// Carries a DER TimeStampReq to an RFC 3161 time-stamp authority and
// returns its DER TimeStampResp (implemented over HTTP by the http module,
// used by the signing module for PAdES B-T).
using TimestampTransport = std::function<Result<std::string>(const std::string& request)>;

class PdfSealer {
public:
    virtual ~PdfSealer() = default;
    // The common name of the seal certificate (printed in the seal block).
    virtual std::string sealedBy() const = 0;
    // SHA-256 (hex) of the seal certificate's DER: how verification tells
    // this organisation's seal from any other signature.
    virtual std::string certificateSha256() const = 0;
    // pdf with the seal appended as an incremental update. Internal when
    // PoDoFo or OpenSSL fail; Unavailable when the time-stamp authority
    // cannot be reached.
    virtual Result<std::string> seal(std::string_view pdf, const SealArea& area,
                                     const SealStamp& stamp) const = 0;
};

// One signature of a PDF as verification found it.
struct SignatureReport {
    std::string field;   // the signature field's name
    std::string signer;  // subject of the signing certificate (RFC 2253, UTF-8)
    std::string issuer;
    std::string certificateSha256;
    std::string signingTime;  // from /M, "YYYY-MM-DDTHH:MM:SSZ"; empty when absent
    bool hasTimestamp = false;
    std::string timestampTime;  // genTime of the RFC 3161 token
    bool timestampValid = false;
    std::array<std::int64_t, 4> byteRange{};
    bool coversWholeFile = false;
    std::string level;        // "PAdES-B-B", "PAdES-B-T", or "CMS" (no signing-certificate-v2)
    bool valid = false;       // integrity: digest and signature value verify
    bool trusted = false;     // the certificate chains to a trusted anchor
    std::string problemCode;  // empty when valid
    std::string problem;
    bool seal = false;  // carries the Nusqa edition binding
    std::int64_t editionId = 0;
    std::string editionSha256;
};

// Signatures are ordered by where their signed range ends (the order they
// were added). Problem codes, distinct per kind of damage: "truncated", "unreadable",
// "not_signed", "malformed_byte_range", "malformed_signature",
// "digest_mismatch", "bad_signature", "bad_timestamp",
// "modified_after_signature", and "too_complex" for a file built in a way
// no real PDF is (nesting far deeper, hundreds of signatures), which is
// not read.
struct PdfReport {
    std::int64_t size = 0;
    std::vector<SignatureReport> signatures;
    bool valid = false;
    std::string problemCode;
    std::string problem;
};

class PdfVerifier {
public:
    virtual ~PdfVerifier() = default;
    // The report on pdf: every kind of bad file is a report with valid =
    // false and its problem code. Errors: InvalidDocument when checking the
    // file takes more time or memory than allowed (a hostile file);
    // Unavailable when verification cannot run now (busy, or its worker
    // process cannot be started).
    virtual Result<PdfReport> verify(std::string_view pdf) const = 0;
};

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
