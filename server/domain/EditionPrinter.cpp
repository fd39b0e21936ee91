#include "domain/EditionPrinter.h"

namespace nusqa {
namespace {

SealStamp stampOf(const SealingOptions& sealing, std::int64_t editionId,
                  const std::string& sha256) {
    SealStamp stamp;
    stamp.sealedBy = sealing.sealer->sealedBy();
    SystemClock systemClock;
    stamp.epochSeconds = (sealing.clock != nullptr ? *sealing.clock : systemClock).epochSeconds();
    stamp.sealedAt = printedUtc(stamp.epochSeconds);
    stamp.editionId = editionId;
    stamp.editionSha256 = sha256;
    stamp.verifyUrl = verifyUrlOf(sealing.publicBaseUrl, editionId, sha256);
    return stamp;
}

}  // namespace

Result<PrintedEdition> printSealed(const EditionPrinter& printer, const SealingOptions& sealing,
                                   std::string_view xml, const std::string& profile,
                                   const SheetData& records, std::int64_t editionId,
                                   const std::string& sha256) {
    if (sealing.sealer == nullptr) return printer.print(xml, profile, records);
    SealStamp stamp = stampOf(sealing, editionId, sha256);
    PrintedEdition printed = NUSQA_TRY(printer.print(xml, profile, records, &stamp));
    printed.pdf = NUSQA_TRY(sealing.sealer->seal(printed.pdf, printed.sealArea, stamp));
    return printed;
}

Result<PrintedEdition> printSealedRedline(const EditionPrinter& printer,
                                          const SealingOptions& sealing,
                                          const compare::Redline& redline,
                                          const std::string& profile, std::int64_t editionId,
                                          const std::string& sha256,
                                          std::int64_t comparedEditionId) {
    if (sealing.sealer == nullptr) return printer.printRedline(redline, profile);
    SealStamp stamp = stampOf(sealing, editionId, sha256);
    stamp.printKind = "comparison";
    stamp.comparedEditionId = comparedEditionId;
    PrintedEdition printed = NUSQA_TRY(printer.printRedline(redline, profile, &stamp));
    printed.pdf = NUSQA_TRY(sealing.sealer->seal(printed.pdf, printed.sealArea, stamp));
    return printed;
}

}  // namespace nusqa
