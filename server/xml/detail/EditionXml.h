// Private to the xml module: reading and editing the <meta> block of an
// edition (schemas/document.xsd, namespace urn:nusqa:document:1).
// The functions expect a schema-valid document; they are thread-safe for
// distinct documents.
#pragma once

#include <string>

#include "domain/EditionCodec.h"
#include "domain/Error.h"
#include "xml/SafeParser.h"

namespace nusqa::xml {

// The facts in <meta>: code, kind, title, language (element text with
// whitespace collapsed, as xs:token does), edition@number, dates@review, and
// the approval as printed (approval/position, name, date — else
// dates@approved —, decision@number and @date, dates@effective).
// InvalidDocument, located, when a value does not fit the domain (an edition
// number beyond int); Internal when <meta> is missing (not validated).
Result<EditionFacts> readEditionFacts(const ParsedXml& parsed);

// Turns the document, in place, into the next edition's draft:
// edition@number = next.number; <replaces code number [date]> set, or
// created right after <edition>; dates@agreed/approved/effective/review
// removed (<dates> too when no attribute is left); approval/date,
// approval/decision and every agreementList/approver/date removed.
// Everything else, including whitespace and comments, is left as it was.
// Internal when <meta> or <edition> is missing.
Status applyNextEdition(xmlDoc* doc, const NextEditionFacts& next);

// The document as UTF-8 with an XML declaration. Internal if libxml2 fails.
Result<std::string> serialise(xmlDoc* doc);

}  // namespace nusqa::xml
