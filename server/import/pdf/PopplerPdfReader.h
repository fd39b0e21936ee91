// PopplerPdfReader: the importer's PdfReader in this process — poppler reads
// the text layer (PopplerText.h), the layout rebuilds the document
// (PdfLayout.h). For the worker process and tests: the server and the
// command use IsolatedPdfReader, which runs poppler in a bounded process.
//
// Errors: those of readPdfText and layoutSource.
// Thread safety: read() may run on any number of threads (poppler's part is
// serialised).
#pragma once

#include "import/Importer.h"
#include "import/pdf/PdfText.h"

namespace nusqa::import::pdf {

class PopplerPdfReader final : public import::PdfReader {
public:
    explicit PopplerPdfReader(PdfLimits limits = {}) : _limits(limits) {}

    Result<SourceDocument> read(std::string_view bytes, const std::string& name) const override;

private:
    PdfLimits _limits;
};

}  // namespace nusqa::import::pdf
