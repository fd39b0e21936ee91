// The audit chain's canonical form: unambiguous, every field in the hash.
#include <boost/test/unit_test.hpp>

#include <string>

#include "crypto/AuditChain.h"

using namespace nusqa;

BOOST_AUTO_TEST_CASE(audit_chain_canonical_form_is_unambiguous) {
    crypto::AuditFields fields{
        1,    "2026-03-02T09:00:00Z", 3, "anna", "edition.agree", "edition", "12",
        "ab", crypto::kGenesisHash};
    std::string canonical = crypto::canonicalAuditEntry(fields);
    BOOST_TEST(
        canonical.starts_with("nusqa-audit-v1\n1:1\n20:2026-03-02T09:00:00Z\n1:3\n4:anna\n"));
    std::string hash = crypto::auditEntryHash(fields);
    BOOST_TEST(hash.size() == 64u);
    // Moving a byte between neighbouring fields changes the hash.
    crypto::AuditFields shifted = fields;
    shifted.objectId = "12a";
    shifted.details = "b";
    BOOST_TEST(crypto::auditEntryHash(shifted) != hash);
    crypto::AuditFields renumbered = fields;
    renumbered.sequence = 2;
    BOOST_TEST(crypto::auditEntryHash(renumbered) != hash);
}
