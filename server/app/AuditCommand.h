// `nusqa audit verify [--config FILE]`: walks the audit log's hash chain in
// the store named by the settings (file, then NUSQA_* variables) and prints
// "audit log intact: N entries" or "audit log broken at entry N: <why>";
// then cross-checks the register against the log (domain/AuditCoverage.h)
// and names every register change without its audit entry, one line each
// ("document 17 (СМЖ 07.БЕ.51) has no audit entry document.create").
// Exits 0 when the chain is intact and nothing is missing, 1 otherwise, 2 on
// a usage error, 3 when the store cannot be opened or read.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace nusqa::app {

int runAudit(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

}  // namespace nusqa::app
