// Private to import/pdf: what IsolatedPdfReader's worker (`nusqa
// import-pdf-worker`) writes back: "NQP1", then either 'E', the error code and
// message, or 'T' and the PdfText — every field in order, integers 32-bit
// little-endian, numbers as IEEE doubles, strings with a 32-bit length.
//
// The parent decodes what a worker that read a hostile file wrote: every
// length is checked against what is left, counts against PdfLimits, and
// numbers that are not finite are refused. Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "domain/Error.h"
#include "import/pdf/PdfText.h"

namespace nusqa::import::pdf::wire {

std::string encodeOutcome(const Result<PdfText>& outcome);
// The text or the error encoded; Internal when bytes are not an outcome.
Result<PdfText> decodeOutcome(std::string_view bytes, const PdfLimits& limits);

}  // namespace nusqa::import::pdf::wire
