// `nusqa audit-package --from YYYY-MM-DD --to YYYY-MM-DD [--unit NAME]
// [--config FILE] OUT.zip`: the certification-audit package of the period
// (domain/AuditPackageService.h), built from the store the settings name,
// exactly as GET /api/v1/audit-package builds it, sealed with the
// configured seal (else the data directory's test seal, as `serve`). The
// ZIP is written to OUT.zip.part and renamed to OUT.zip when complete.
// Progress goes to the error stream: a bar redrawn in place on a terminal,
// one line per step otherwise. The package is recorded in the audit log as
// made by the command line.
// Exits 0 when written, 1 when the package cannot be built, 2 on a usage
// error, 3 when the store cannot be opened.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace nusqa::app {

// terminal: err is a terminal (draw a progress bar).
int runAuditPackage(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                    bool terminal);

}  // namespace nusqa::app
