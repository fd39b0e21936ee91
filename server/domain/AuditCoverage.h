// AuditCoverage: the cross-check of the register against the audit log
// (`nusqa audit verify`): every register change must have its audit entry.
//
//   every document          document.create
//   every edition           edition.create or edition.create_next
//   every draft revision    edition.update naming it ("revision N -> N+1");
//     after the first       entries from before revisions were named count
//                           for any revision
//   every status            the act that leads into it: in_agreement
//                           edition.submit, agreed edition.agreed, approved
//                           edition.approve, in_force
//                           edition.enter_into_force or
//                           edition.register_in_force, superseded
//                           edition.supersede, cancelled edition.cancel or
//                           edition.review; a draft sent back (round > 0)
//                           edition.reject
//   every lifecycle change  an audit entry of a lifecycle act on the edition
//                           (the edition's lifecycle version counts its
//                           changes)
//
// It reads everything through the ports, page by page, in separate read
// transactions: run it on a register nobody writes to at the moment, or
// expect changes made meanwhile to be reported.
// Thread safety: as its ports. Does not own them.
// Errors: those of the ports.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/AuditLog.h"
#include "domain/LifecycleStore.h"
#include "domain/Store.h"

namespace nusqa {

struct MissingAuditEntry {
    std::string objectType;  // "document" or "edition"
    std::int64_t objectId = 0;
    std::string action;   // what is missing: "document.create", "edition.update", ...
    std::string message;  // "document 17 (СМЖ 07.БЕ.51) has no audit entry document.create"
};

struct CoverageReport {
    std::int64_t documents = 0;  // checked
    std::int64_t editions = 0;
    std::int64_t revisions = 0;  // draft revisions after the first
    std::vector<MissingAuditEntry> missing;
};

class AuditCoverage {
public:
    AuditCoverage(Store& documents, LifecycleStore& lifecycle, AuditLog& audit);

    Result<CoverageReport> check();

private:
    Store& _documents;
    LifecycleStore& _lifecycle;
    AuditLog& _audit;
};

}  // namespace nusqa
