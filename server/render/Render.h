// Rendering an edition to PDF as quality offices print it: the organisation
// profile's title page, the body (chapters, clauses with hanging numbers,
// lists, tables with repeated header rows), the running header with
// «N беттің M-і» / «Лист M из N», the footer, the contents when the profile
// asks for it, and the sheets after the body (change registration,
// agreement, familiarization) in the profile's order.
//
// Issued editions are printed with a SealMark: a bordered seal block after
// the sheets (a QR code of the verify URL and, in the edition's language,
// who sealed, when, and the edition's SHA-256) on the last page, or on a new
// page when the last has no room; with the profile's footerQr, a small QR
// code of the same URL on every page too. The block's place is reported in
// RenderStats::seal for the PDF signature's widget.
//
// Words of the body and its tables are hyphenated in the edition's language
// (Kazakh or Russian patterns, libhyphen) with a hyphen drawn; table columns
// take their widths from their content (the <cols> widths as hints).
//
// Fonts: the profile's TrueType files, embedded as subsets with Identity-H
// encoding and a ToUnicode map (text extracts exactly); every subset gets
// its own name prefix derived from the font and the glyphs it holds.
//
// Thread safety: renderPdf may run on any number of threads at once; each
// call builds its own PDF document, fonts and layout (and may start helper
// threads of its own, one at a time, each joined before it returns; see
// Helpers). Content, Profile and SheetRecords are only read.
// Errors: NotFound when a font file of the profile is missing (message names
// the files tried); InvalidArgument when the verify URL is too long for a
// QR code; Internal when PoDoFo fails (its PdfError is caught here
// and never escapes). Messages start with "render: ".
#pragma once

#include <string>
#include <vector>

#include "domain/Content.h"
#include "domain/Error.h"
#include "domain/Profile.h"

namespace nusqa::render {

// An agreement decision (келісу — согласование) of one approver, from the
// edition's records. Matched to the agreement list by approverEId, else by
// name; an approver with no decision prints a blank row to sign.
struct AgreementDecision {
    std::string approverEId;
    std::string position;
    std::string name;
    std::string date;    // ISO date; empty: not yet agreed
    bool agreed = true;  // false: rejected (printed as such)
    std::string comment;
    std::string mark = {};  // non-empty: printed instead of the agreed/rejected word (approval)
};

// A familiarization signature (танысу — ознакомление).
struct FamiliarizationSignature {
    std::string name;
    std::string position;
    std::string date;  // ISO date
};

// Records that live outside the edition XML. Change records come from the
// XML (<changes>).
struct SheetRecords {
    std::vector<AgreementDecision> agreements;
    std::vector<FamiliarizationSignature> familiarizations;
    // true: the agreement sheet lists exactly `agreements` (the route's
    // people from the register), not the XML's agreement list.
    bool routeOnly = false;
    // Facts recorded from a paper original, printed after the agreement
    // table as they are (the first line is their label).
    std::vector<std::string> paperFacts;
    // Lines drawn large and diagonally across every page, e.g. «ЖОБА» on an
    // edition not in force; empty: none.
    std::vector<std::string> statusMark;
};

// The visible seal of an issued PDF (the organisation's electronic seal is
// added afterwards as a PDF signature whose widget covers SealBox).
struct SealMark {
    std::string sealedBy;       // the sealing certificate's name (CN)
    std::string sealedAt;       // UTC, as printed, e.g. "2026-11-23 10:15:04 UTC"
    std::string editionSha256;  // lowercase hex of the edition XML
    std::string
        verifyUrl;  // <public base URL>/verify/<edition id>/<sha256>, encoded in the QR code
};
// Where the seal block was drawn: 1-based page, PDF user space in points
// (origin bottom-left). page == 0: no block drawn.
struct SealBox {
    int page = 0;
    double left = 0, bottom = 0, width = 0, height = 0;
};

// Facts about the rendered PDF, for tests, benchmarks and signing.
struct RenderStats {
    int pages = 0;
    int bodyPage = 0;   // 1-based first page of the body
    int sheetPage = 0;  // 1-based first page of the sheets; 0 when none
    SealBox seal;       // page 0 when rendered without a SealMark
    // Line breaking: lines ending in a hyphen drawn at a hyphenation point,
    // and breaks between letters as a last resort (a word wider than its
    // column with no hyphenation point that fits; no hyphen drawn).
    int hyphenatedLines = 0;
    int forcedBreaks = 0;
};

// A comparison of two editions printed as a redline (domain/Redline.h
// builds it; the content then carries the runs' change marks, drawn in
// colour, underlined when inserted, struck through when deleted, with a bar
// in the left margin beside every line that holds a mark). The banner
// stands above the running header on every page and starts the PDF's
// title; the summary blocks fill the first pages, before the title page;
// the sheets are left out: a comparison is not a controlled document.
struct ComparisonPrint {
    std::string banner;
    std::vector<content::Block> summary;
};

// Whether a print may use a second thread of its own: WhenWorthIt looks up
// the hyphenation points of the body's words beside the layout, and
// deflates the pages' content streams beside the rest of the writing for
// documents of six pages or more (the output is the same bytes either
// way); None keeps the whole print on the calling thread.
enum class Helpers { None, WhenWorthIt };

// The PDF bytes of the edition printed with the profile; with seal, the
// seal block (and the footer QR codes when the profile asks for them);
// with comparison, as a redline (see ComparisonPrint).
Result<std::string> renderPdf(const content::Content& content, const profile::Profile& profile,
                              const SheetRecords& records, RenderStats* stats = nullptr,
                              const SealMark* seal = nullptr,
                              const ComparisonPrint* comparison = nullptr,
                              Helpers helpers = Helpers::WhenWorthIt);

// Loads the hyphenation patterns of language (a few milliseconds, once per
// process; later calls return at once), so that a caller can have it done
// on another thread while it does something else before renderPdf, which
// would otherwise load them itself. Thread-safe.
void prepareHyphenation(Language language);

}  // namespace nusqa::render
