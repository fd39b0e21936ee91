#include "import/pdf/PopplerPdfReader.h"

#include "import/pdf/PdfLayout.h"
#include "import/pdf/PopplerText.h"

namespace nusqa::import::pdf {

Result<SourceDocument> PopplerPdfReader::read(std::string_view bytes,
                                              const std::string& name) const {
    PdfText text = NUSQA_TRY(readPdfText(bytes, name, _limits));
    return layoutSource(text, name, bytes.size());
}

}  // namespace nusqa::import::pdf
