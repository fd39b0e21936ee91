// GET /api/v1/audit-package?from=YYYY-MM-DD&to=YYYY-MM-DD[&unit=NAME]: the
// certification-audit package of the period (domain/AuditPackageService.h)
// as a ZIP download. The package is written to a temporary file in
// directory, streamed to the client from there and removed when the
// response is done. Auditors, the quality office and admins
// (ReadQualityRecords); one build at a time (503 busy).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "domain/AuditPackageService.h"
#include "domain/PackageArchive.h"
#include "http/Router.h"

namespace nusqa::http {

// An archive that writes the file at path.
using ArchiveFactory =
    std::function<Result<std::unique_ptr<PackageArchive>>(const std::filesystem::path& path)>;

// packages must outlive the router.
void addAuditPackageRoutes(Router& router, AuditPackageService& packages, ArchiveFactory archives,
                           std::filesystem::path directory);

}  // namespace nusqa::http
