// `nusqa audit verify [--config FILE]`: walks the audit log's hash chain in
// the store named by the settings (file, then NUSQA_* variables). Prints
// "audit log intact: N entries" and exits 0, or "audit log broken at entry
// N: <why>" and exits 1. 2 on a usage error, 3 when the store cannot be
// opened.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace nusqa::app {

int runAudit(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

}  // namespace nusqa::app
