// The tables of the certification-audit package (AuditPackageService.h),
// each built from the register's records of the editions in scope. Private
// to the domain module.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/AuditPackageService.h"

namespace nusqa::detail {

// An edition of a document in scope with its lifecycle records.
struct ScopedEdition {
    Document document;
    Edition edition;
    EditionLifecycle lifecycle;  // version 0 and empty when it has no records
    SheetData sheet;             // facts empty when it has no records
};

struct PackageScope {
    AuditPackageQuery query;
    std::string asOf;  // the date familiarization is counted on: the end date
    std::vector<ScopedEdition> editions;
    std::map<std::int64_t, User> users;  // read once each
    std::map<std::int64_t, Unit> units;
};

// Whether the date (or the date part of a timestamp) lies in the period.
bool inPeriod(const PackageScope& scope, const std::string& dateOrTimestamp);
// The editions approved in the period (the signatory's approval).
std::vector<const ScopedEdition*> approvedInPeriod(const PackageScope& scope);

ReportTable registerInForceTable(const PackageScope& scope,
                                 const std::vector<RegisterEntry>& entries);
ReportTable registerChangesTable(const PackageScope& scope);
ReportTable approvalsTable(const PackageScope& scope);
Result<ReportTable> approvalRouteTable(PackageScope& scope, LifecycleStore& lifecycle,
                                       PeopleStore& people);
Result<ReportTable> approvalSignaturesTable(const PackageScope& scope, LifecycleStore& lifecycle);
Result<ReportTable> changeRecordsTable(const PackageScope& scope, Store& documents,
                                       const ComparisonService::ContentReader& reader);
Result<ReportTable> familiarizationTable(PackageScope& scope, LifecycleStore& lifecycle,
                                         PeopleStore& people);
Result<ReportTable> reviewsTable(const PackageScope& scope, LifecycleStore& lifecycle,
                                 const std::vector<RegisterEntry>& inForce);

}  // namespace nusqa::detail
