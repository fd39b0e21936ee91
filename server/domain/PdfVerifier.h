// PdfVerifier: the port that checks the signatures of a PDF (implemented by
// signing/PdfVerify with PoDoFo and OpenSSL): each signature's integrity,
// signer, time-stamp and byte range, whether it covers the whole file, and
// the edition binding of this organisation's seal.
//
// Thread safety: implementations must be thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Error.h"

namespace nusqa {

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
    // What the seal says the file is (SealStamp::printKind): "edition",
    // "comparison" (of comparedEditionId against editionId) or "table";
    // anything else a seal writes is reported as "unknown".
    std::string printKind = "edition";
    std::int64_t comparedEditionId = 0;
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

}  // namespace nusqa
