// CrashChecks: what the crash loop checks after each SIGKILL. Two kinds:
//
//   offline checks  run on the store while no server runs (right after the
//                   kill): the database's own integrity check (SQLite
//                   `PRAGMA integrity_check` and `foreign_key_check`,
//                   MariaDB `CHECK TABLE` on every table) and no agreement
//                   or familiarization marked signed without its signature
//                   row; `nusqa audit verify` — the hash chain intact and
//                   every document, edition, draft revision and status
//                   change with its audit entry (domain/AuditCoverage.h);
//                   every acknowledged agreement decision and
//                   familiarization signature in the store.
//   online checks   run through the API of the restarted server: every
//                   write in the CrashLedger is there — each acknowledged
//                   document with its code, each acknowledged edition at
//                   its revision or later (the same SHA-256 at the same
//                   revision), in force or superseded once registered or
//                   approved (approved at least).
//
// Each check returns its problems, one line each (empty: passed); a check
// that cannot reach the store throws std::runtime_error.
// Thread safety: run from the loop's thread only.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "CrashLedger.h"
#include "support/HttpClient.h"

namespace nusqa::test {

struct OfflineCheck {
    const char* name;
    // environment: the NUSQA_* variables naming the store.
    std::function<std::vector<std::string>(const std::map<std::string, std::string>& environment,
                                           const CrashLedger& ledger)>
        run;
};

struct OnlineCheck {
    const char* name;
    std::function<std::vector<std::string>(const HttpClient& client, const CrashLedger& ledger)>
        run;
};

std::vector<OfflineCheck> offlineCrashChecks();
// The store named by the NUSQA_* variables (NUSQA_STORE_URL, else the
// SQLite file in NUSQA_DATA_DIR), and the entries of its audit log.
std::string crashStoreUrl(const std::map<std::string, std::string>& environment);
long long crashAuditEntries(const std::map<std::string, std::string>& environment);
std::vector<OnlineCheck> onlineCrashChecks();

}  // namespace nusqa::test
