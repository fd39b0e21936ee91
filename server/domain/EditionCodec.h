// EditionCodec: what the domain needs to know of an edition's XML, without
// knowing XML. Implemented by xml/XmlEditionCodec (libxml2, schemas/document.xsd).
// Implementations are stateless after construction and thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "domain/Error.h"
#include "domain/Types.h"

namespace nusqa {

// The metadata of one edition, read from its XML.
struct EditionFacts {
    std::string code;
    DocumentKind kind = DocumentKind::Regulation;
    std::string title;
    Language language = Language::Kazakh;
    int number = 0;
    std::string reviewDate;  // <dates review="YYYY-MM-DD">, empty when absent
    // As printed: <approval> (position, name, date, decision number and
    // date; the date else <dates approved>) and <dates effective>. Dates as
    // the XML has them (xs:date, possibly with a time zone).
    PaperApproval approval;
};

// What changes when a new edition is derived from the latest one.
struct NextEditionFacts {
    int number = 0;            // the new edition number
    int replacesNumber = 0;    // the edition it replaces
    std::string replacesCode;  // code of the replaced edition
    std::string replacesDate;  // its effective date "YYYY-MM-DD", may be empty
};

class EditionCodec {
public:
    virtual ~EditionCodec() = default;

    // Parses untrusted bytes safely and validates them against the schema.
    // InvalidDocument with one ErrorDetail (line, column, message) per problem.
    virtual Result<EditionFacts> inspect(std::string_view xml) const = 0;

    // A new draft's XML: a copy of xml with the edition number set, the
    // "replaces" reference pointing at the previous edition, and the dates and
    // approval that belong to the previous edition removed. The result is
    // schema-valid when the input was.
    virtual Result<std::string> nextEdition(std::string_view xml,
                                            const NextEditionFacts& next) const = 0;
};

}  // namespace nusqa
