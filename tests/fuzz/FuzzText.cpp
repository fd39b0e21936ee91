// libFuzzer target: the text and Markdown importer (TextSource + recognise).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/FuzzCommon.h"
#include "import/TextSource.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    nusqa::import::TextLimits limits;
    limits.maxBytes = 1u << 20;
    auto source = nusqa::import::readTextSource(bytes, "fuzz.md",
                                                nusqa::import::SourceFormat::Markdown, limits);
    if (!source) {
        if (source.error().message.empty()) std::abort();
        return 0;
    }
    nusqa::fuzz::check(*source);
    return 0;
}
