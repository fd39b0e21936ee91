// fuzz_prescan: the byte-level pre-scan of uploaded PDFs
// (signing/PdfPrescan.h) on arbitrary bytes. Seeds: the signed PDFs and the
// nesting shapes run.sh makes (dictionaries and arrays around the limit,
// brackets inside strings, comments and stream bodies). The oracle: no
// crash or sanitizer report, an error is InvalidDocument with a message, and
// the limit is monotonic: what passes with a limit passes with any higher
// one. (-timeout in run.sh catches a scan that is not linear.)
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "signing/PdfPrescan.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view pdf(reinterpret_cast<const char*>(data), size);
    auto scanned = nusqa::signing::prescanPdf(pdf);
    if (!scanned && (scanned.error().message.empty() ||
                     scanned.error().code != nusqa::ErrorCode::InvalidDocument))
        std::abort();
    auto lower = nusqa::signing::prescanPdf(pdf, {8});
    auto higher = nusqa::signing::prescanPdf(pdf, {1000});
    if (lower && !scanned) std::abort();
    if (scanned && !higher) std::abort();
    return 0;
}
