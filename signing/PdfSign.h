// Signing a PDF: one PAdES signature (see Cades.h) appended as an
// incremental update, so every earlier revision — and every earlier
// signature — stays byte-exact. Used for the organisation's seal on every
// issued PDF and for approvers' personal signatures on the agreement sheet.
//
// The signature dictionary has SubFilter ETSI.CAdES.detached, /M with the
// signing time (UTC), /Name, /Reason, /Location, and for the seal the
// edition binding /NusqaEdition and /NusqaSHA256, which verification reads.
// A visible signature gets a widget over the area the renderer drew the seal
// block in; otherwise the widget is hidden.
//
// Thread safety: signPdf may run on any number of threads at once.
// Errors: InvalidArgument for input PoDoFo cannot load or a page that does
// not exist; Internal when PoDoFo or OpenSSL fail; the transport's errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/Error.h"
#include "domain/Sealing.h"
#include "signing/Cades.h"
#include "signing/Identity.h"

namespace nusqa::signing {

struct SignatureRequest {
    std::string fieldName;  // empty: "Signature<N>", N one more than the fields there are
    std::string name;       // /Name: the signer's name as printed
    std::string reason;
    std::string location;
    std::int64_t epochSeconds = 0;
    SealArea area;                // page 0: invisible
    std::int64_t editionId = -1;  // >= 0: the seal's edition binding is written
    std::string editionSha256;
    std::string printKind;               // SealStamp::printKind; "" writes nothing
    std::int64_t comparedEditionId = 0;  // > 0: written with printKind
    // The PDF's pages are the kids of its page tree's root, in order (PDFs
    // Nusqa printed): area.page is taken from there, not looked for by
    // PoDoFo, which parses every page object before it on the way (a fifth
    // of sealing the last page of a 30-page print). When the root does not
    // look so (/Count other than the number of kids, the kid not a /Page),
    // PoDoFo looks for it as without the flag.
    bool flatPageTree = false;
};

Result<std::string> signPdf(std::string_view pdf, const Identity& identity,
                            const SignatureRequest& request,
                            const TimestampTransport& timestamp = {});

// "D:YYYYMMDDHHmmSSZ" (PDF date in UTC).
std::string pdfDate(std::int64_t epochSeconds);

// The seal: PdfSealer over signPdf with the organisation's identity, for
// the PDFs the printers made (signPdf with flatPageTree).
class Sealer final : public PdfSealer {
public:
    Sealer(Identity identity, std::string location, TimestampTransport timestamp = {});

    std::string sealedBy() const override;
    std::string certificateSha256() const override;
    Result<std::string> seal(std::string_view pdf, const SealArea& area,
                             const SealStamp& stamp) const override;

private:
    Identity _identity;
    std::string _location;
    TimestampTransport _timestamp;
    std::string _name;
    std::string _certificateSha256;
};

}  // namespace nusqa::signing
