// RedlineService: the redline PDF of two editions of one document (or two
// revisions of a draft) — GET /api/v1/editions/{a}/compare/{b}/pdf (issue
// 13). The comparison by eId (ComparisonService) drawn on edition b by the
// EditionPrinter (Redline.h: inserted words underlined, deleted words struck
// through, in colour, with margin bars; a summary page first), sealed like
// every PDF the server issues and marked as a comparison, not a controlled
// document.
//
// Access: as the JSON comparison (ReadRegister; Forbidden before anything
// is read). Every copy handed out is recorded in the audit log
// (edition.download_redline_pdf on edition b, naming edition a, the
// revisions and their SHA-256) before it is returned; without the entry no
// PDF. Bounded like the edition PDFs: printed once per pair of revisions,
// profile and language, then served from a cache of at most cacheBytes
// (least recently used go first; 0: no cache).
//
// Errors: those of ComparisonService::compare (NotFound, InvalidArgument
// for editions of different documents, InvalidDocument), NotFound for a
// missing profile, the printer's and sealer's, the audit log's.
//
// Thread safety: thread-safe (the cache has a mutex; printing runs outside
// it). comparisons, audit, clock and printer must outlive the service.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/AuditLog.h"
#include "domain/Clock.h"
#include "domain/ComparisonService.h"
#include "domain/EditionPrinter.h"
#include "domain/PrintCache.h"
#include "domain/Redline.h"

namespace nusqa {

struct RedlineRendition {
    Edition from;
    Edition to;
    std::int64_t fromRevision = 0;
    std::int64_t toRevision = 0;
    std::string profile;
    int pages = 0;
    std::size_t changes = 0;  // rows of the summary
    std::shared_ptr<const std::string> pdf;
    bool fromCache = false;
};

class RedlineService {
public:
    RedlineService(ComparisonService& comparisons, AuditLog& audit, const Clock& clock,
                   const EditionPrinter& printer, std::size_t cacheBytes,
                   SealingOptions sealing = {});

    // The redline of from -> to for the actor. profile empty: the one edition
    // b names; language nullopt: b's language (kk or ru).
    Result<RedlineRendition> pdf(const User& actor, const EditionSide& from, const EditionSide& to,
                                 const std::string& profile,
                                 std::optional<compare::RedlineLanguage> language);

private:
    struct Entry {
        std::shared_ptr<const std::string> pdf;
        std::string profile;
        int pages = 0;
        std::size_t changes = 0;
    };

    bool lookUp(const std::string& key, RedlineRendition& rendition);
    void remember(const std::string& key, const RedlineRendition& rendition);

    ComparisonService& _comparisons;
    AuditLog& _audit;
    const Clock& _clock;
    const EditionPrinter& _printer;
    SealingOptions _sealing;
    PrintCache<Entry> _cache;
};

}  // namespace nusqa
