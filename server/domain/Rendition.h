// Renditions: an edition printed to PDF (the FRBR manifestation). The
// EditionPrinter port turns an edition's XML into PDF bytes with an
// organisation profile (implemented by render/ProfilePrinter on PoDoFo);
// RenditionService serves a stored edition's PDF through a cache keyed by
// the edition's SHA-256 and the profile, so an unchanged edition is printed
// once.
//
// Thread safety: EditionPrinter implementations must be thread-safe;
// RenditionService is (its cache has a mutex; printing runs outside it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/Clock.h"
#include "domain/Error.h"
#include "domain/LifecycleService.h"
#include "domain/Sealing.h"
#include "domain/Store.h"
#include "domain/Types.h"

namespace nusqa {

struct PrintedEdition {
    std::string pdf;
    std::string profile;  // the profile actually used
    int pages = 0;
    SealArea sealArea;  // where the visible seal block was drawn
};

class EditionPrinter {
public:
    virtual ~EditionPrinter() = default;

    // profile empty: the profile the edition names, or "default" when it
    // names none or one that does not exist. NotFound when a profile named
    // here does not exist; InvalidDocument when the XML cannot be read;
    // Internal when printing fails.
    // records fill the agreement and familiarization sheets. seal: the
    // visible seal block (last page) and QR codes to draw; nullptr: none.
    virtual Result<PrintedEdition> print(std::string_view xml, const std::string& profile,
                                         const SheetData& records,
                                         const SealStamp* seal = nullptr) const = 0;
};

// How issued PDFs are sealed: the organisation's sealer (nullptr: PDFs are
// not sealed), the public base URL of the verification links, and the clock
// that dates the seal.
struct SealingOptions {
    const PdfSealer* sealer = nullptr;
    std::string publicBaseUrl;
    const Clock* clock = nullptr;
};

// Prints an edition and seals it: the printer draws the seal block with the
// stamp, the sealer signs the PDF over that block. editionId 0: a file
// printed outside the register.
Result<PrintedEdition> printSealed(const EditionPrinter& printer, const SealingOptions& sealing,
                                   std::string_view xml, const std::string& profile,
                                   const SheetData& records, std::int64_t editionId,
                                   const std::string& sha256);

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

    // cacheBytes: the most PDF bytes kept; least recently used go first.
    // 0 disables the cache. store and printer must outlive the service.
    RenditionService(Store& store, const EditionPrinter& printer, std::size_t cacheBytes,
                     RecordSource records = {}, SealingOptions sealing = {});

    // The PDF of a stored edition. NotFound for a missing edition or
    // profile; errors of the printer otherwise.
    Result<Rendition> pdf(std::int64_t editionId, const std::string& profile);

private:
    struct Entry {
        std::string key;
        std::shared_ptr<const std::string> pdf;
        std::string profile;
        int pages = 0;
    };

    bool lookUp(const std::string& key, Rendition& rendition);
    void remember(const std::string& key, const Rendition& rendition);

    Store& _store;
    const EditionPrinter& _printer;
    std::size_t _cacheBytes;
    RecordSource _records;
    SealingOptions _sealing;
    std::mutex _mutex;
    std::list<Entry> _recent;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> _index;
    std::size_t _cachedBytes = 0;
};

}  // namespace nusqa
