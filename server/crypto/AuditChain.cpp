#include "crypto/AuditChain.h"

#include "crypto/Digest.h"

namespace nusqa::crypto {
namespace {

void field(std::string& out, std::string_view value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += '\n';
}

}  // namespace

std::string canonicalAuditEntry(const AuditFields& fields) {
    std::string out = "nusqa-audit-v1\n";
    field(out, std::to_string(fields.sequence));
    field(out, fields.at);
    field(out, std::to_string(fields.actorId));
    field(out, fields.actorLogin);
    field(out, fields.action);
    field(out, fields.objectType);
    field(out, fields.objectId);
    field(out, fields.details);
    field(out, fields.previousHash);
    return out;
}

std::string auditEntryHash(const AuditFields& fields) {
    return sha256Hex(canonicalAuditEntry(fields));
}

}  // namespace nusqa::crypto
