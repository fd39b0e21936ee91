// The text layer of a PDF read with poppler's C++ library (poppler-cpp), in
// this process: every page's words with their boxes, font size and weight
// (page::text_list with font information).
//
// Poppler is a large parser of untrusted bytes: this runs in the worker
// process (PdfWorker.h, bounded in CPU time and memory) and in tests, never
// in the server's own process. What it bounds itself: the file's size before
// poppler sees it (TooLarge), a file that does not start like a PDF
// (InvalidDocument), the pages read (limits.maxPages: the rest are left out
// and said so in PdfText::truncation), the words per page and in all, and
// their text bytes (reading stops there, said so too).
//
// Errors (messages "import: NAME: ..."): TooLarge; InvalidDocument when it is
// not a PDF, poppler cannot read it, or it is encrypted with a password
// («encrypted: remove the password»).
// Thread safety: reads are serialised inside (poppler's global state); call
// from any thread.
#pragma once

#include <string>
#include <string_view>

#include "domain/Error.h"
#include "import/pdf/PdfText.h"

namespace nusqa::import::pdf {

Result<PdfText> readPdfText(std::string_view bytes, const std::string& name,
                            const PdfLimits& limits);

}  // namespace nusqa::import::pdf
