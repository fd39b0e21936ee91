// RecordChainCheck: the check of every stored version of every agreement
// sheet and familiarization log (`nusqa audit verify`, issue 13):
//   - its SHA-256 is the SHA-256 of its stored bytes;
//   - the versions of one record are numbered 1, 2, ... and each names the
//     SHA-256 of the one before it (the first names none);
//   - its bytes are a valid record of its kind (schemas/records.xsd) and say
//     the same edition, version and previous SHA-256 as its row.
// Each problem names the edition, the record and the version.
//
// It reads the versions page by page, in separate read transactions: run it
// on a register nobody writes to at the moment.
// Thread safety: as its ports. Does not own them.
// Errors: those of the store.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/LifecycleStore.h"
#include "domain/Records.h"

namespace nusqa {

struct RecordChainReport {
    std::int64_t versions = 0;  // checked
    std::int64_t records = 0;   // distinct (edition, kind)
    // "edition 5 agreement_sheet version 3: SHA-256 ... is not that of its
    // bytes (...)"
    std::vector<std::string> problems;
};

class RecordChainCheck {
public:
    using Digest = std::function<std::string(std::string_view)>;  // lowercase hex SHA-256

    RecordChainCheck(LifecycleStore& lifecycle, const RecordCodec& codec, Digest sha256)
        : _lifecycle(lifecycle), _codec(codec), _sha256(std::move(sha256)) {}

    Result<RecordChainReport> check();

private:
    LifecycleStore& _lifecycle;
    const RecordCodec& _codec;
    Digest _sha256;
};

}  // namespace nusqa
