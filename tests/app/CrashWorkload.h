// CrashWorkload: what one client of the crash loop does against the real
// server until it stops answering (killed) or the loop says stop. Each
// workload enters every acknowledged write in the CrashLedger; a reply that
// is neither 2xx nor a lost connection is an unexpected answer (counted and
// reported, failing the run).
// Workloads: RegisterWorkload (RegisterWorkload.h); later ones (agreement,
// familiarization: issue 11) implement the same interface and are added to
// the loop's list.
//
// Thread safety: one run() per thread; a workload object may be shared.
#pragma once

#include <atomic>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "CrashLedger.h"
#include "support/HttpClient.h"

namespace nusqa::test {

struct CrashClientReport {
    std::size_t requests = 0;
    std::vector<std::string> unexpected;  // "PUT /api/v1/editions/7 -> 500: ..."
};

class CrashWorkload {
public:
    virtual ~CrashWorkload() = default;
    virtual const char* name() const = 0;
    // Runs until the server is gone or stop is set. prefix makes the
    // client's object names unique ("3-1": cycle 3, client 1).
    virtual CrashClientReport run(const HttpClient& client, const std::string& prefix,
                                  std::mt19937& random, CrashLedger& ledger,
                                  const std::atomic<bool>& stop) const = 0;
};

}  // namespace nusqa::test
