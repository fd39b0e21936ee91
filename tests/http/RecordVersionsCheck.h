// Checks of the versioned agreement sheets and familiarization logs through
// the HTTP API (issue 13, Done-when 6), used by the end-to-end lifecycle test.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "domain/Records.h"
#include "support/HttpClient.h"

namespace nusqa::test {

// Every version of an edition's "agreement-sheet" or "familiarization-log",
// oldest first, fetched with ?version=N. Checks with BOOST_TEST that the
// list numbers them 1, 2, ..., that each one's SHA-256 (listed and in
// X-Content-SHA256) is that of its bytes, that each names the one before it
// (previousSha256 in the list and in its XML), that each is valid against
// schemas/records.xsd, and that the unversioned URL gives the latest.
std::vector<std::string> checkedRecordVersions(const HttpClient& client, long long editionId,
                                               const std::string& record);

// The signatures an agreement sheet holds: each round's "prepared" one and
// every step's decision.
std::size_t decisionsIn(const AgreementSheetRecord& sheet);

}  // namespace nusqa::test
