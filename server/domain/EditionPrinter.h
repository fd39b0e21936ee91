// EditionPrinter: the port that turns an edition's XML into PDF bytes with an
// organisation profile (implemented by render/ProfilePrinter on PoDoFo), and
// prints the redline of a comparison; printSealed() and
// printSealedRedline() print and seal through the PdfSealer port.
//
// Thread safety: EditionPrinter implementations must be thread-safe;
// printSealed() is if the printer, the sealer and the clock are.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/Clock.h"
#include "domain/Error.h"
#include "domain/LifecycleService.h"
#include "domain/Redline.h"
#include "domain/Sealing.h"

namespace nusqa {

struct PrintedEdition {
    std::string pdf;
    std::string profile;  // the profile actually used
    int pages = 0;
    SealArea sealArea;  // where the visible seal block was drawn
};

class EditionPrinter {
public:
    virtual ~EditionPrinter() = default;

    // profile empty: the profile the edition names, or "default" when it
    // names none or one that does not exist. NotFound when a profile named
    // here does not exist; InvalidDocument when the XML cannot be read;
    // Internal when printing fails.
    // records fill the agreement and familiarization sheets. seal: the
    // visible seal block (last page) and QR codes to draw; nullptr: none.
    virtual Result<PrintedEdition> print(std::string_view xml, const std::string& profile,
                                         const SheetData& records,
                                         const SealStamp* seal = nullptr) const = 0;

    // A comparison printed as a redline (Redline.h): its summary first, then
    // the marked content with the profile's title page and body, no sheets,
    // the banner on every page. profile as for print(), the content's
    // profile when empty. NotFound for a profile that does not exist;
    // Internal when printing fails.
    virtual Result<PrintedEdition> printRedline(const compare::Redline& redline,
                                                const std::string& profile,
                                                const SealStamp* seal = nullptr) const = 0;
};

// How issued PDFs are sealed: the organisation's sealer (nullptr: PDFs are
// not sealed), the public base URL of the verification links, and the clock
// that dates the seal.
struct SealingOptions {
    const PdfSealer* sealer = nullptr;
    std::string publicBaseUrl;
    const Clock* clock = nullptr;
};

// Prints an edition and seals it: the printer draws the seal block with the
// stamp, the sealer signs the PDF over that block. editionId 0: a file
// printed outside the register.
Result<PrintedEdition> printSealed(const EditionPrinter& printer, const SealingOptions& sealing,
                                   std::string_view xml, const std::string& profile,
                                   const SheetData& records, std::int64_t editionId,
                                   const std::string& sha256);

// Prints a redline and seals it; the seal names edition editionId (the
// later edition, whose content the redline shows) with sha256, and says the
// file is a comparison with comparedEditionId, so that no verifier reports
// it as a copy of the edition.
Result<PrintedEdition> printSealedRedline(const EditionPrinter& printer,
                                          const SealingOptions& sealing,
                                          const compare::Redline& redline,
                                          const std::string& profile, std::int64_t editionId,
                                          const std::string& sha256,
                                          std::int64_t comparedEditionId);

}  // namespace nusqa
