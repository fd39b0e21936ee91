#include "domain/RecordChainCheck.h"

namespace nusqa {
namespace {

constexpr int kChainPage = 200;

std::string nameOf(const RecordVersion& version) {
    return "edition " + std::to_string(version.editionId) + " " +
           std::string(toString(version.kind)) + " version " + std::to_string(version.version);
}

// What the bytes say about themselves, read and validated by the codec.
Result<RecordHeader> headerOf(const RecordCodec& codec, const RecordVersion& version) {
    if (version.kind == RecordKind::AgreementSheet)
        return NUSQA_TRY(codec.readAgreementSheet(version.xml)).header;
    return NUSQA_TRY(codec.readFamiliarizationLog(version.xml)).header;
}

}  // namespace

Result<RecordChainReport> RecordChainCheck::check() {
    RecordChainReport report;
    std::int64_t afterEdition = 0;
    RecordKind afterKind = RecordKind::AgreementSheet;
    std::int64_t afterVersion = 0;
    // The version before, within the same record.
    bool havePrevious = false;
    RecordVersion previous;
    for (;;) {
        std::vector<RecordVersion> page = NUSQA_TRY(
            _lifecycle.recordVersionsAfter(afterEdition, afterKind, afterVersion, kChainPage));
        for (RecordVersion& version : page) {
            ++report.versions;
            const std::string name = nameOf(version);
            bool sameRecord = havePrevious && previous.editionId == version.editionId &&
                              previous.kind == version.kind;
            if (!sameRecord) ++report.records;
            std::int64_t expectedNumber = sameRecord ? previous.version + 1 : 1;
            std::string expectedPrevious = sameRecord ? previous.sha256 : std::string();
            if (version.version != expectedNumber)
                report.problems.push_back(name + ": the version before it is missing (expected " +
                                          "version " + std::to_string(expectedNumber) + ")");
            else if (version.previousSha256 != expectedPrevious)
                report.problems.push_back(
                    name + ": the chain is broken: it names the previous SHA-256 «" +
                    version.previousSha256 + "», the version before it has «" + expectedPrevious +
                    "»");
            std::string computed = _sha256(version.xml);
            if (computed != version.sha256)
                report.problems.push_back(name + ": its SHA-256 " + version.sha256 +
                                          " is not that of its stored bytes (" + computed + ")");
            auto header = headerOf(_codec, version);
            if (!header) {
                std::string message = name + ": not a valid record: " + header.error().message;
                if (!header.error().details.empty())
                    message += " (line " + std::to_string(header.error().details.front().line) +
                               ": " + header.error().details.front().message + ")";
                report.problems.push_back(std::move(message));
            } else if (header->editionId != version.editionId ||
                       header->version != version.version ||
                       header->previousSha256 != version.previousSha256) {
                report.problems.push_back(name +
                                          ": its XML names another edition, version or previous "
                                          "SHA-256 than its row");
            }
            afterEdition = version.editionId;
            afterKind = version.kind;
            afterVersion = version.version;
            previous = std::move(version);
            havePrevious = true;
        }
        if (page.size() < static_cast<std::size_t>(kChainPage)) break;
    }
    return report;
}

}  // namespace nusqa
