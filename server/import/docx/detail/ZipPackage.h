// Private to import/docx: the ZIP container of a .docx, read defensively.
//
// Before Poco::Zip sees anything, the whole structure is checked from the
// end: the end-of-central-directory record, every central directory entry
// and the local header it points at (same name, inside the file, no two
// entries overlapping, no encryption, stored or deflated only, no ZIP64,
// at most limits.maxEntries entries). Sizes come from the central
// directory, never from local headers or data descriptors. To read a part,
// Poco::Zip parses a clean local header made from the checked directory
// entry and inflates the part's bytes; the output is counted while it is
// inflated and reading stops at the first of: the part's declared size,
// limits.maxPartBytes, limits.maxTotalBytes over all parts read, and
// limits.maxRatio times its compressed size (zip bombs). The CRC-32 is
// checked at the end.
//
// Errors (messages "NAME: ..."): InvalidDocument for anything malformed
// or lying; TooLarge when a limit is reached. Poco exceptions never escape.
// Thread safety: a ZipPackage is not thread-safe; create one per read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Error.h"

namespace nusqa::import::docx {

struct ZipLimits {
    std::size_t maxPackageBytes = 64u << 20;  // the .docx file itself
    std::size_t maxEntries = 4096;
    std::size_t maxPartBytes = 32u << 20;   // one part, inflated
    std::size_t maxTotalBytes = 96u << 20;  // all parts read, inflated
    std::size_t maxRatio = 200;             // inflated / compressed bytes of a part
};

class ZipPackage {
public:
    // Checks the structure of bytes (which must outlive the package).
    static Result<ZipPackage> open(std::string_view bytes, std::string name, ZipLimits limits);

    bool contains(const std::string& part) const { return _entries.count(part) != 0; }
    std::vector<std::string> partNames() const;

    // The inflated bytes of a part; NotFound when there is no such part.
    Result<std::string> read(const std::string& part);

private:
    struct Entry {
        std::uint16_t flags = 0;
        std::uint16_t method = 0;
        std::uint32_t crc = 0;
        std::uint64_t compressedSize = 0;
        std::uint64_t size = 0;
        std::uint64_t localOffset = 0;
        std::uint64_t dataOffset = 0;
    };

    ZipPackage(std::string_view bytes, std::string name, ZipLimits limits);
    std::unexpected<Error> damaged(const std::string& what) const;

    std::string_view _bytes;
    std::string _name;
    ZipLimits _limits;
    std::map<std::string, Entry> _entries;
    std::size_t _inflatedTotal = 0;
};

}  // namespace nusqa::import::docx
