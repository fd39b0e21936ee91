// libFuzzer target: the .docx reader on whole packages (the ZIP container,
// its limits, then the parts) and the recogniser behind it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/FuzzCommon.h"
#include "import/docx/DocxReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const nusqa::import::docx::DocxPackageReader reader([] {
        nusqa::import::docx::DocxLimits limits;
        limits.maxPartBytes = 4u << 20;  // keep each run fast; the logic is the same
        limits.maxTotalBytes = 8u << 20;
        return limits;
    }());
    auto source =
        reader.read(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.docx");
    if (!source) {
        if (source.error().message.empty()) std::abort();
        return 0;
    }
    nusqa::fuzz::check(*source);
    return 0;
}
