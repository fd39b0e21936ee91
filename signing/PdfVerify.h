// Verification of the signatures of a PDF, without trusting any other tool:
// the file must end with %%EOF and pass the byte-level pre-scan
// (signing/PdfPrescan.h: "too_complex" otherwise) before PoDoFo reads it;
// every signature dictionary (/ByteRange and /Contents) is checked — the
// ByteRange must be four integers starting at 0 whose gap is exactly the hex
// string of that signature's /Contents, each number inside the file
// (compared with its size before anything is added, so no value overflows;
// "malformed_byte_range" otherwise); the CMS message digest must equal the
// digest of the two ranges;
// the signature value must verify with the signer's certificate; a
// signing-certificate-v2 attribute must name that certificate; a signature
// time-stamp must be over that signature value. Finally the last signature
// must cover the whole file: anything appended after it (an unsigned
// incremental update) makes the file invalid.
//
// Trust (chains to an anchor: the organisation's seal, the configured CAs)
// is reported per signature and does not decide validity: a personal
// certificate of an outside CA still verifies, shown as untrusted.
//
// Whatever PoDoFo throws becomes a report ("unreadable"), except running out
// of memory: InvalidDocument. This runs in the calling process without any
// bound on time or memory: for untrusted files use IsolatedVerifier
// (signing/IsolatedVerifier.h), which runs it in a bounded worker process.
//
// Thread safety: verify() may run on any number of threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/Error.h"
#include "domain/PdfVerifier.h"

typedef struct x509_store_st X509_STORE;

namespace nusqa::signing {

// The report on a file that is refused before any parsing — no %PDF-
// header, no %%EOF at the end, or refused by the pre-scan — else nullopt.
// Verifier and IsolatedVerifier both start with it.
std::optional<PdfReport> refuseBeforeParsing(std::string_view pdf);

class Verifier final : public PdfVerifier {
public:
    // anchors: PEM certificates (each string may hold several). Internal
    // when OpenSSL cannot build a store; InvalidArgument for PEM that holds
    // no certificate.
    static Result<Verifier> create(const std::vector<std::string>& anchors);

    // Never fails except as described above.
    Result<PdfReport> verify(std::string_view pdf) const override;

private:
    std::shared_ptr<X509_STORE> _store;
};

}  // namespace nusqa::signing
