// DocxPackageReader: a Word .docx file (untrusted bytes) as the importer's
// SourceDocument — the DocxReader of import/Importer.h.
//
// The package is a ZIP container read with hard limits (detail/ZipPackage.h: the
// structure checked before Poco::Zip inflates anything, sizes counted while
// inflating, zip bombs stopped); its XML parts are parsed by xml/SafeParser
// (no DTD, no entities, no network). Read: the main document part named by
// _rels/.rels (word/document.xml), word/numbering.xml and word/styles.xml
// when present (automatic numbers, heading levels), word/footnotes.xml and
// word/endnotes.xml (carried over where they are cited), the page headers
// and footers (word/header*.xml, word/footer*.xml), whose text is reported
// as page furniture, and word/comments.xml, whose text is listed as
// dropped. What the body holds besides text (content controls, text boxes,
// equations, tracked changes, hidden text) is described in
// detail/WordXml.h; nothing of w:t text is left out without being listed.
//
// Errors (messages start with the file name): InvalidDocument for a file
// that is not a ZIP package (an encrypted .docx — an OLE file holding an
// EncryptedPackage — is told to remove its password, an old binary .doc
// to be saved as .docx), a truncated or damaged package, a package with
// no main document part, or a part that is not well-formed XML (with line
// and column); TooLarge when a limit is reached.
// Thread safety: read() may run on any number of threads at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "import/Importer.h"

namespace nusqa::import::docx {

struct DocxLimits {
    std::size_t maxPackageBytes = 64u << 20;  // the .docx file
    std::size_t maxEntries = 4096;            // files in the ZIP package
    std::size_t maxPartBytes = 32u << 20;     // one part, inflated
    std::size_t maxTotalBytes = 96u << 20;    // all parts read, inflated
    std::size_t maxRatio = 200;               // inflated / compressed size of a part
    std::size_t maxParagraphs = 200000;
    std::size_t maxPageParts = 32;  // header and footer parts read
};

class DocxPackageReader final : public import::DocxReader {
public:
    explicit DocxPackageReader(DocxLimits limits = {});

    Result<import::SourceDocument> read(std::string_view bytes,
                                        const std::string& name) const override;

    const DocxLimits& limits() const { return _limits; }

private:
    DocxLimits _limits;
};

}  // namespace nusqa::import::docx
