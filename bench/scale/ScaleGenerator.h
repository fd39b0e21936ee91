// ScaleGenerator: a university's ten years of records written into an empty,
// migrated store (SQLite or MariaDB) by bulk multi-row INSERTs in large
// transactions — not through the services, one act at a time, which would
// take days at this size.
//
// At scale 1: 300 units, 10,000 people, 20,000 documents with 5 editions
// each (100,000 editions of real-sized XML made from the corpus fixtures,
// each with its own code, title and words), about 5,000,000 familiarization
// assignments (everyone of a document's distribution units, for every
// edition that was in force), their signatures, the agreement routes and
// their decisions, and 2,000,000 audit entries as one valid hash chain
// (crypto/AuditChain.h, as the audit module writes it), covering every
// document, edition and lifecycle act so that `nusqa audit verify` passes.
// Everything scales linearly with the factor (at least a few rows each).
//
// The timeline ends today (the system clock): documents were created during
// the first two years and got a new edition every ~2 years, so most
// documents have four superseded editions and the fifth in force; of the
// rest the newest edition is a draft, in agreement, agreed or approved.
// Thread safety: none; one generator at a time per store.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/Error.h"
#include "storage/detail/SqlSession.h"

namespace nusqa::bench {

struct ScaleSettings {
    double scale = 1.0;
    // Edition XML in Kazakh (at least one) and in Russian (at least one).
    std::vector<std::string> kazakhXml;
    std::vector<std::string> russianXml;
};

struct ScaleCounts {
    std::int64_t units = 0, people = 0, documents = 0, editions = 0;
    std::int64_t familiarizations = 0, signatures = 0, steps = 0, audit = 0;
    std::int64_t xmlBytes = 0;
};

// Writes the data set. Precondition: the store's tables are empty.
Result<ScaleCounts> generateScale(storage::SqlExecutor& executor, const ScaleSettings& settings);

}  // namespace nusqa::bench
