// RenditionService: an edition printed to PDF (the FRBR manifestation),
// served for a stored edition through a cache keyed by the edition's SHA-256,
// the profile and its sheet records, so an unchanged edition is printed once.
// Printing goes through the EditionPrinter port (EditionPrinter.h). Every
// copy handed out is an act of its reader: authorized (ReadRegister) and
// recorded in the audit log (edition.download_pdf: who, which edition,
// profile, SHA-256) before the PDF is returned.
//
// Thread safety: thread-safe (its cache has a mutex; printing runs outside it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "domain/AuditLog.h"
#include "domain/Clock.h"
#include "domain/EditionPrinter.h"
#include "domain/Error.h"
#include "domain/LifecycleService.h"
#include "domain/People.h"
#include "domain/PrintCache.h"
#include "domain/Store.h"
#include "domain/Types.h"

namespace nusqa {

struct Rendition {
    Edition edition;
    std::string profile;
    int pages = 0;
    std::shared_ptr<const std::string> pdf;
    bool fromCache = false;
};

class RenditionService {
public:
    // The records behind an edition's sheets (signatures of agreement and
    // familiarization); empty: the sheets are printed blank.
    using RecordSource = std::function<Result<SheetData>(std::int64_t editionId)>;
    // The controlled copy the actor may print (LifecycleService::copyToPrint).
    using CopySource =
        std::function<Result<ControlledCopy>(const User& actor, std::int64_t copyId)>;

    // cacheBytes: the most PDF bytes kept; least recently used go first.
    // 0 disables the cache. store, audit, clock and printer must outlive the
    // service.
    RenditionService(Store& store, AuditLog& audit, const Clock& clock,
                     const EditionPrinter& printer, std::size_t cacheBytes,
                     RecordSource records = {}, SealingOptions sealing = {},
                     CopySource copies = {});

    // The PDF of a stored edition for the actor. Forbidden without
    // ReadRegister, and for an edition not yet in force (draft to approved)
    // without the right to edit, agree or approve; NotFound for a missing edition or profile;
    // errors of the printer, or of the audit log (then no PDF is handed out).
    Result<Rendition> pdf(const User& actor, std::int64_t editionId, const std::string& profile);
    // The PDF of a numbered controlled copy: its edition printed with
    // «Бақыланатын дана № N / Контрольный экземпляр № N» and the holder where
    // every other PDF prints «uncontrolled copy». Whom the copy source allows
    // (Forbidden otherwise); NotFound for a missing copy or without a copy
    // source; audited as copy.download_pdf.
    Result<Rendition> copyPdf(const User& actor, std::int64_t copyId, const std::string& profile);

private:
    struct Entry {
        std::shared_ptr<const std::string> pdf;
        std::string profile;
        int pages = 0;
    };

    // The edition and the records of its sheets: one read where the record
    // source gives the edition with them, else the edition read on its own.
    Result<std::pair<Edition, SheetData>> editionWithRecords(std::int64_t editionId);
    // The edition and its records as just read by the caller.
    Result<Rendition> render(Edition edition, const std::string& profile, SheetData records,
                             const ControlledCopy* copy = nullptr);
    bool lookUp(const std::string& key, Rendition& rendition);
    void remember(const std::string& key, const Rendition& rendition);

    Store& _store;
    AuditLog& _audit;
    const Clock& _clock;
    const EditionPrinter& _printer;
    RecordSource _records;
    SealingOptions _sealing;
    CopySource _copies;
    PrintCache<Entry> _cache;
};

}  // namespace nusqa
