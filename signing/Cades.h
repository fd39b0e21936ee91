// CMS signatures for PDF (PAdES baseline, ETSI EN 319 142-1): a detached
// CMS SignedData over the SHA-256 of the signed byte ranges, with the
// signed attributes content-type, message-digest and signing-certificate-v2
// and WITHOUT signing-time (PAdES puts the time in the signature
// dictionary's /M). OpenSSL 3.0 adds signing-time whenever it signs the
// attributes itself, so the attributes are DER-encoded and signed here.
//
// B-T: with a time-stamp authority, an RFC 3161 token over the signature
// value is added as the unsigned attribute id-aa-signatureTimeStampToken.
//
// Thread safety: the functions keep no state; the transport function must
// be safe to call from the calling thread.
// Errors: Internal when OpenSSL fails; Unavailable when the authority cannot
// be reached or refuses; InvalidArgument for a reply that does not match the
// request.
#pragma once

#include <string>
#include <string_view>

#include "domain/Error.h"
#include "domain/Sealing.h"
#include "signing/Identity.h"

namespace nusqa::signing {

// DER of the CMS ContentInfo. sha256 is the raw 32-byte digest of the data.
Result<std::string> cadesSignature(const Identity& identity, std::string_view sha256,
                                   const TimestampTransport& timestamp = {});

// The raw SHA-256 of bytes.
std::string sha256Raw(std::string_view bytes);

}  // namespace nusqa::signing
