// The hash chain of the audit log. Each entry's hash is the SHA-256 of its
// canonical serialisation, which includes the previous entry's hash, so
// changing, deleting or reordering any entry changes every hash after it.
//
// Canonical serialisation (version 1), UTF-8 bytes, in this order:
//
//   "nusqa-audit-v1\n"
//   then for each field: <decimal byte length> ":" <bytes> "\n"
//   fields: sequence (decimal), at, actorId (decimal), actorLogin, action,
//           objectType, objectId, details, previousHash
//
// Length prefixes make the encoding unambiguous whatever bytes a field holds
// (a field cannot "absorb" its neighbour). The first entry's previousHash is
// kGenesisHash (64 zeros). Hashes are lowercase hex.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace nusqa::crypto {

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditFields {
    std::int64_t sequence = 0;
    std::string_view at;
    std::int64_t actorId = 0;
    std::string_view actorLogin;
    std::string_view action;
    std::string_view objectType;
    std::string_view objectId;
    std::string_view details;
    std::string_view previousHash;
};

std::string canonicalAuditEntry(const AuditFields& fields);
// sha256Hex(canonicalAuditEntry(fields)).
std::string auditEntryHash(const AuditFields& fields);

}  // namespace nusqa::crypto
