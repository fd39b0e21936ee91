#include "import/docx/detail/ZipPackage.h"

#include <Poco/Exception.h>
#include <Poco/Zip/SkipCallback.h>
#include <Poco/Zip/ZipLocalFileHeader.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <sstream>

namespace nusqa::import::docx {
namespace {

constexpr std::size_t kLocalHeaderSize = 30;
constexpr std::size_t kCentralHeaderSize = 46;
constexpr std::size_t kEndRecordSize = 22;
constexpr std::uint16_t kEncrypted = 0x0001;
constexpr std::uint16_t kDataDescriptor = 0x0008;
constexpr std::uint16_t kStored = 0;
constexpr std::uint16_t kDeflated = 8;

std::uint16_t u16(std::string_view bytes, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[at]) |
                                      (static_cast<unsigned char>(bytes[at + 1]) << 8));
}

std::uint32_t u32(std::string_view bytes, std::size_t at) {
    return static_cast<std::uint32_t>(u16(bytes, at)) |
           (static_cast<std::uint32_t>(u16(bytes, at + 2)) << 16);
}

void put16(std::string& out, std::uint16_t value) {
    out += static_cast<char>(value & 0xFF);
    out += static_cast<char>(value >> 8);
}

void put32(std::string& out, std::uint32_t value) {
    put16(out, static_cast<std::uint16_t>(value & 0xFFFF));
    put16(out, static_cast<std::uint16_t>(value >> 16));
}

bool printableName(std::string_view name) {
    if (name.empty() || name.size() > 1024) return false;
    return std::none_of(name.begin(), name.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

std::string shown(std::string_view name) {
    std::string out;
    for (char c : name.substr(0, 120)) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    return out;
}

}  // namespace

ZipPackage::ZipPackage(std::string_view bytes, std::string name, ZipLimits limits)
    : _bytes(bytes), _name(std::move(name)), _limits(limits) {}

std::unexpected<Error> ZipPackage::damaged(const std::string& what) const {
    return fail(ErrorCode::InvalidDocument, _name + ": " + what);
}

Result<ZipPackage> ZipPackage::open(std::string_view bytes, std::string name, ZipLimits limits) {
    ZipPackage package(bytes, std::move(name), limits);
    if (bytes.size() > limits.maxPackageBytes)
        return fail(ErrorCode::TooLarge, package._name + ": " + std::to_string(bytes.size()) +
                                             " bytes is over the limit of " +
                                             std::to_string(limits.maxPackageBytes) +
                                             " bytes for a .docx");
    if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        // An OLE compound file: Word's encrypted .docx (its stream
        // «EncryptedPackage», named in UTF-16 in the directory) or an old .doc.
        const std::string_view encrypted("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
        if (bytes.find(encrypted) != std::string_view::npos)
            return package.damaged(
                "the Word document is encrypted with a password: remove the password (File > "
                "Info > Protect Document > Encrypt with Password, an empty password) and "
                "import it again");
        return package.damaged(
            "an old binary Word document (.doc, Word 97-2003), not a .docx: save it as .docx "
            "first");
    }
    if (bytes.size() < kEndRecordSize || !bytes.starts_with("PK\x03\x04"))
        return package.damaged("not a .docx (ZIP) package: it does not start with a ZIP header");
    // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KiB.
    std::size_t end = std::string_view::npos;
    std::size_t lowest =
        bytes.size() > kEndRecordSize + 0xFFFF ? bytes.size() - kEndRecordSize - 0xFFFF : 0;
    for (std::size_t at = bytes.size() - kEndRecordSize + 1; at-- > lowest;) {
        if (bytes.substr(at, 4) == "PK\x05\x06" &&
            at + kEndRecordSize + u16(bytes, at + 20) <= bytes.size()) {
            end = at;
            break;
        }
    }
    if (end == std::string_view::npos)
        return package.damaged(
            "truncated or damaged ZIP package: its end-of-central-directory record "
            "is missing (was the file cut short?)");
    const std::uint16_t disk = u16(bytes, end + 4), directoryDisk = u16(bytes, end + 6);
    const std::uint16_t entriesHere = u16(bytes, end + 8), entries = u16(bytes, end + 10);
    const std::uint32_t directorySize = u32(bytes, end + 12),
                        directoryOffset = u32(bytes, end + 16);
    if (entries == 0xFFFF || directorySize == 0xFFFFFFFF || directoryOffset == 0xFFFFFFFF)
        return package.damaged(
            "ZIP64 packages are not supported (a .docx is far smaller than 4 GiB)");
    if (disk != 0 || directoryDisk != 0 || entriesHere != entries)
        return package.damaged("multi-volume ZIP packages are not supported");
    if (entries > limits.maxEntries)
        return fail(ErrorCode::TooLarge,
                    package._name + ": the package has " + std::to_string(entries) +
                        " entries, over the limit of " + std::to_string(limits.maxEntries));
    if (static_cast<std::uint64_t>(directoryOffset) + directorySize > end)
        return package.damaged(
            "damaged ZIP package: the central directory lies outside the file (truncated?)");

    std::vector<std::pair<std::uint64_t, std::uint64_t>> spans;  // [local header, end of data)
    std::size_t at = directoryOffset;
    const std::size_t directoryEnd = static_cast<std::size_t>(directoryOffset) + directorySize;
    for (std::uint16_t i = 0; i < entries; ++i) {
        if (at + kCentralHeaderSize > directoryEnd || bytes.substr(at, 4) != "PK\x01\x02")
            return package.damaged("damaged ZIP package: central directory entry " +
                                   std::to_string(i + 1) + " is malformed");
        Entry entry;
        entry.flags = u16(bytes, at + 8);
        entry.method = u16(bytes, at + 10);
        entry.crc = u32(bytes, at + 16);
        entry.compressedSize = u32(bytes, at + 20);
        entry.size = u32(bytes, at + 24);
        const std::size_t nameLength = u16(bytes, at + 28), extraLength = u16(bytes, at + 30),
                          commentLength = u16(bytes, at + 32);
        entry.localOffset = u32(bytes, at + 42);
        if (at + kCentralHeaderSize + nameLength + extraLength + commentLength > directoryEnd)
            return package.damaged("damaged ZIP package: central directory entry " +
                                   std::to_string(i + 1) + " runs past the directory");
        std::string entryName(bytes.substr(at + kCentralHeaderSize, nameLength));
        at += kCentralHeaderSize + nameLength + extraLength + commentLength;
        if (!printableName(entryName))
            return package.damaged("an entry has an empty or unreadable name");
        if (entry.compressedSize == 0xFFFFFFFF || entry.size == 0xFFFFFFFF ||
            entry.localOffset == 0xFFFFFFFF)
            return package.damaged("entry «" + shown(entryName) +
                                   "» uses ZIP64, which is not supported");
        if (entry.flags & kEncrypted)
            return package.damaged("entry «" + shown(entryName) + "» is encrypted");
        if (entry.method != kStored && entry.method != kDeflated)
            return package.damaged("entry «" + shown(entryName) + "» uses compression method " +
                                   std::to_string(entry.method) +
                                   " (only stored and deflated are read)");
        // Its local header must be where the directory says, with the same name.
        const std::uint64_t local = entry.localOffset;
        if (local + kLocalHeaderSize > directoryOffset || bytes.substr(local, 4) != "PK\x03\x04")
            return package.damaged("entry «" + shown(entryName) +
                                   "»: no local header where the directory "
                                   "points (truncated or damaged)");
        const std::size_t localName = u16(bytes, local + 26), localExtra = u16(bytes, local + 28);
        entry.dataOffset = local + kLocalHeaderSize + localName + localExtra;
        if (localName != nameLength ||
            bytes.substr(local + kLocalHeaderSize, localName) != entryName)
            return package.damaged("entry «" + shown(entryName) +
                                   "»: its local header names another entry");
        if (entry.dataOffset + entry.compressedSize > directoryOffset)
            return package.damaged("entry «" + shown(entryName) +
                                   "» runs past the end of the data "
                                   "(truncated?)");
        spans.push_back({local, entry.dataOffset + entry.compressedSize});
        if (!package._entries.emplace(entryName, entry).second)
            return package.damaged("entry «" + shown(entryName) + "» appears twice");
    }
    // Entries sharing bytes are how some zip bombs multiply their size.
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i)
        if (spans[i].first < spans[i - 1].second)
            return package.damaged("two ZIP entries overlap (a zip bomb?)");
    return package;
}

std::vector<std::string> ZipPackage::partNames() const {
    std::vector<std::string> names;
    for (const auto& [name, entry] : _entries) names.push_back(name);
    return names;
}

Result<std::string> ZipPackage::read(const std::string& part) {
    auto found = _entries.find(part);
    if (found == _entries.end()) return fail(ErrorCode::NotFound, _name + ": no part " + part);
    const Entry& entry = found->second;
    auto tooLarge = [&](const std::string& what) {
        return fail(ErrorCode::TooLarge, _name + ": part " + part + " " + what);
    };
    if (entry.size > _limits.maxPartBytes)
        return tooLarge("declares " + std::to_string(entry.size) + " bytes, over the limit of " +
                        std::to_string(_limits.maxPartBytes));
    const std::uint64_t ratioBase = std::max<std::uint64_t>(entry.compressedSize, 1024);
    if (entry.size > ratioBase * _limits.maxRatio)
        return tooLarge("declares a compression ratio over " + std::to_string(_limits.maxRatio) +
                        " (a zip bomb?)");

    // A clean local header from the checked directory entry, then the data.
    std::string stream = "PK\x03\x04";
    put16(stream, 20);  // version needed 2.0, MS-DOS
    put16(stream, static_cast<std::uint16_t>(entry.flags & ~kDataDescriptor & 0x0806));
    put16(stream, entry.method);
    put32(stream, 0);  // time and date
    put32(stream, entry.crc);
    put32(stream, static_cast<std::uint32_t>(entry.compressedSize));
    put32(stream, static_cast<std::uint32_t>(entry.size));
    put16(stream, static_cast<std::uint16_t>(part.size()));
    put16(stream, 0);
    stream += part;
    stream.append(_bytes.substr(entry.dataOffset, entry.compressedSize));

    std::string out;
    try {
        std::istringstream in(std::move(stream));
        Poco::Zip::SkipCallback skip;
        Poco::Zip::ZipLocalFileHeader header(in, false, skip);
        in.clear();
        in.seekg(0);
        Poco::Zip::ZipInputStream inflater(in, header, true);
        std::string buffer(64 * 1024, '\0');
        while (true) {
            inflater.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            std::size_t got = static_cast<std::size_t>(inflater.gcount());
            if (got == 0) break;
            out.append(buffer.data(), got);
            // Counted as it inflates: the header's sizes are not trusted.
            if (out.size() > entry.size)
                return damaged("part " + part + " inflates past the " + std::to_string(entry.size) +
                               " bytes its directory entry declares (a zip bomb?)");
            if (out.size() > _limits.maxPartBytes)
                return tooLarge("inflates past the limit of " +
                                std::to_string(_limits.maxPartBytes) + " bytes");
            if (_inflatedTotal + out.size() > _limits.maxTotalBytes)
                return tooLarge("takes the package past the limit of " +
                                std::to_string(_limits.maxTotalBytes) + " inflated bytes");
            if (out.size() > ratioBase * _limits.maxRatio)
                return tooLarge("inflates more than " + std::to_string(_limits.maxRatio) +
                                " times its size (a zip bomb?)");
            if (!inflater) break;
        }
        if (!inflater.crcValid()) return damaged("part " + part + " is damaged (CRC mismatch)");
    } catch (const Poco::Exception& error) {
        return damaged("part " + part + " is damaged: " + error.displayText());
    } catch (const std::exception& error) {
        return damaged("part " + part + " is damaged: " + error.what());
    }
    if (out.size() != entry.size)
        return damaged("part " + part + " is damaged: it inflates to " +
                       std::to_string(out.size()) + " bytes, its directory entry says " +
                       std::to_string(entry.size));
    _inflatedTotal += out.size();
    return out;
}

}  // namespace nusqa::import::docx
