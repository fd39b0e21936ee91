// fuzz_verify: signing::Verifier on arbitrary bytes — what POST /api/v1/verify
// does with an uploaded PDF. Seeds: small PDFs with one and two signatures
// (tests/fixtures/signed). The oracle: no crash, no sanitizer report, and a
// report that is either valid with signatures or invalid with a reason.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "signing/PdfVerify.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const nusqa::signing::Verifier verifier = *nusqa::signing::Verifier::create({});
    auto report = verifier.verify(std::string_view(reinterpret_cast<const char*>(data), size));
    // An error only for memory (not reached under -rss_limit_mb), else a report.
    if (!report) {
        if (report.error().message.empty()) std::abort();
        return 0;
    }
    if (report->valid ? report->signatures.empty() : report->problemCode.empty()) std::abort();
    return 0;
}
