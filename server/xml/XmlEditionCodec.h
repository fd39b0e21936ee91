// XmlEditionCodec: the EditionCodec of Nusqa, on libxml2 and the schema
// schemas/document.xsd, which is compiled into the binary (no schema path or
// file access at run time).
//
// Untrusted input: every entry point parses with network access off, a
// process-wide deny-all external entity loader, libxml2's size and depth
// limits on, and rejects any document with a DOCTYPE (internal subset or
// external DTD) before anything in it is read, so entity expansion, local
// file reads and requests to other hosts cannot happen.
//
// Errors (as values):
//   TooLarge         input over maxBytes (checked before parsing);
//   InvalidDocument  not well-formed, has a DOCTYPE, or not schema-valid: one
//                    ErrorDetail per problem (1-based line and column in the
//                    input, column 0 when unknown; at most 100 details, the
//                    message gives the total);
//   InvalidArgument  nextEdition() with facts that cannot be written;
//   Internal         the built-in schema does not compile, libxml2 fails, or
//                    nextEdition() would produce an invalid document.
//
// Thread safety: all functions and all const methods may be called from any
// number of threads at once. The first call initialises libxml2 and compiles
// the schema; initialiseXml() does that up front.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/EditionCodec.h"
#include "domain/Error.h"

namespace nusqa {

// Default limit on the size of one XML document: 20 MiB.
inline constexpr std::size_t kDefaultMaxXmlBytes = 20 * 1024 * 1024;

// Initialises libxml2, installs the deny-all external entity loader for the
// whole process, and compiles the built-in schema. Idempotent and
// thread-safe; the codec calls it lazily, the server calls it at start-up to
// fail fast. Internal when the built-in schema does not compile.
//
// Process-wide effect: after it, no code in the process (libxslt included)
// can make libxml2 load an external entity, DTD or document by URL or path;
// such documents must be read by the caller and parsed from memory.
Status initialiseXml();

// Checks that bytes are a well-formed, DOCTYPE-free, schema-valid edition
// (for `nusqa validate FILE.xml`). InvalidDocument lists every problem.
Status validateEditionXml(std::string_view bytes, std::size_t maxBytes = kDefaultMaxXmlBytes);

class XmlEditionCodec final : public EditionCodec {
public:
    // maxBytes: inputs over it give TooLarge.
    explicit XmlEditionCodec(std::size_t maxBytes = kDefaultMaxXmlBytes);

    // Parses and validates xml; the facts come from <meta>: code, kind,
    // title, language (text with whitespace collapsed), edition@number, the
    // review date and the approval as printed.
    Result<EditionFacts> inspect(std::string_view xml) const override;

    // Parses and validates xml, then: edition@number = next.number;
    // <replaces code number [date]> set or created after <edition> (no date
    // attribute when next.replacesDate is empty); dates@agreed, approved,
    // effective and review removed (<dates> too when it has no attribute
    // left; "prepared" stays); approval/date, approval/decision and every
    // agreementList/approver/date removed. Everything else is kept as it
    // was. Returns UTF-8 with an XML declaration, checked against the schema.
    // InvalidArgument when next.number < 1, next.replacesNumber < 0,
    // next.replacesCode is blank, not UTF-8 or holds control characters, or
    // next.replacesDate is not YYYY-MM-DD.
    Result<std::string> nextEdition(std::string_view xml,
                                    const NextEditionFacts& next) const override;

    std::size_t maxBytes() const { return _maxBytes; }

private:
    std::size_t _maxBytes;
};

}  // namespace nusqa
