// Sealing of issued PDFs: the PdfSealer port the signing module implements,
// what the visible seal says (SealStamp) and where it is drawn (SealArea),
// the verification URL, and the transport to a time-stamp authority.
// Verification is in PdfVerifier.h and VerificationService.h.
//
// The seal is the organisation's electronic seal (PAdES signature) added to
// every PDF the server issues; its visible block on the last page and the QR
// code carry the verification URL <public base URL>/verify/<edition>/<sha256>.
//
// Thread safety: PdfSealer implementations must be thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "domain/Error.h"

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
    // What the sealed file is, written into the seal so a verifier never
    // takes it for a copy of the edition: "" an edition's print (or a copy
    // of it), "comparison" a redline of comparedEditionId against
    // editionId, "table" a report table (editionSha256 is the table's).
    std::string printKind;
    std::int64_t comparedEditionId = 0;
};

// The verification URL of an edition: base (no trailing slash needed) +
// "/verify/<id>/<sha256>".
std::string verifyUrlOf(std::string_view publicBaseUrl, std::int64_t editionId,
                        std::string_view sha256);
// "YYYY-MM-DD HH:MM:SS UTC".
std::string printedUtc(std::int64_t epochSeconds);

// Carries a DER TimeStampReq to an RFC 3161 time-stamp authority and
// returns its DER TimeStampResp (implemented over HTTP by server/timestamp,
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

}  // namespace nusqa
