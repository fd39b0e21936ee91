// libFuzzer target: the WordprocessingML reader behind a valid container.
// Mutating a real .docx mostly breaks its CRC-32s, so this target wraps the
// input in a fresh, correct package: the input is split at the first byte
// 0x00 into word/document.xml and word/numbering.xml (both fuzzed), with a
// fixed styles part, stored uncompressed with the right CRC-32.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/FuzzCommon.h"
#include "import/docx/DocxReader.h"

namespace {

void put16(std::string& out, unsigned value) {
    out += static_cast<char>(value & 0xFF);
    out += static_cast<char>((value >> 8) & 0xFF);
}
void put32(std::string& out, unsigned long value) {
    put16(out, static_cast<unsigned>(value & 0xFFFF));
    put16(out, static_cast<unsigned>((value >> 16) & 0xFFFF));
}

std::string storedZip(const std::vector<std::pair<std::string, std::string>>& parts) {
    std::string zip, directory;
    for (const auto& [name, data] : parts) {
        unsigned long crc =
            crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
        std::size_t offset = zip.size();
        zip += "PK\x03\x04";
        put16(zip, 20);
        put16(zip, 0);
        put16(zip, 0);
        put32(zip, 0);
        put32(zip, crc);
        put32(zip, data.size());
        put32(zip, data.size());
        put16(zip, static_cast<unsigned>(name.size()));
        put16(zip, 0);
        zip += name + data;
        directory += "PK\x01\x02";
        put16(directory, 20);
        put16(directory, 20);
        put16(directory, 0);
        put16(directory, 0);
        put32(directory, 0);
        put32(directory, crc);
        put32(directory, data.size());
        put32(directory, data.size());
        put16(directory, static_cast<unsigned>(name.size()));
        put16(directory, 0);
        put16(directory, 0);
        put16(directory, 0);
        put16(directory, 0);
        put32(directory, 0);
        put32(directory, offset);
        directory += name;
    }
    std::size_t start = zip.size();
    zip += directory + "PK\x05\x06";
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, static_cast<unsigned>(parts.size()));
    put16(zip, static_cast<unsigned>(parts.size()));
    put32(zip, directory.size());
    put32(zip, start);
    put16(zip, 0);
    return zip;
}

const char* const kStyles =
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"Heading1\"/><w:pPr><w:outlineLvl "
    "w:val=\"1\"/></w:pPr></w:style></w:styles>";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const nusqa::import::docx::DocxPackageReader reader;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::size_t split = input.find('\0');
    std::string document(input.substr(0, split));
    std::string numbering(split == std::string_view::npos ? std::string_view()
                                                          : input.substr(split + 1));
    std::vector<std::pair<std::string, std::string>> parts{{"word/document.xml", document},
                                                           {"word/styles.xml", kStyles}};
    if (!numbering.empty()) parts.push_back({"word/numbering.xml", numbering});
    auto source = reader.read(storedZip(parts), "fuzz.docx");
    if (!source) {
        if (source.error().message.empty()) std::abort();
        return 0;
    }
    nusqa::fuzz::check(*source);
    return 0;
}
