#include "xml/XmlEditionCodec.h"

#include <algorithm>
#include <cctype>

#include "xml/DocumentSchema.h"
#include "xml/SafeParser.h"
#include "xml/detail/EditionXml.h"

namespace nusqa {
namespace {

Result<xml::ParsedXml> parseAndValidate(std::string_view bytes, std::size_t maxBytes) {
    auto parsed = NUSQA_TRY(xml::parseUntrusted(bytes, maxBytes));
    NUSQA_TRY(xml::validateDocument(parsed));
    return parsed;
}

bool isIsoDate(std::string_view text) {
    auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    return text.size() == 10 && text[4] == '-' && text[7] == '-' &&
           std::all_of(text.begin(), text.begin() + 4, digit) && digit(text[5]) && digit(text[6]) &&
           digit(text[8]) && digit(text[9]);
}

// Text that can go into an XML 1.0 attribute as it is: valid UTF-8, no
// control characters but tab, newline and carriage return.
bool isXmlText(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        auto byte = static_cast<unsigned char>(text[at]);
        if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') return false;
        std::size_t length = byte < 0x80                   ? 1
                             : byte >= 0xC2 && byte < 0xE0 ? 2
                             : byte >= 0xE0 && byte < 0xF0 ? 3
                             : byte >= 0xF0 && byte < 0xF5 ? 4
                                                           : 0;
        if (length == 0 || at + length > text.size()) return false;
        for (std::size_t i = 1; i < length; ++i)
            if ((static_cast<unsigned char>(text[at + i]) & 0xC0) != 0x80) return false;
        at += length;
    }
    return true;
}

Status checkNextFacts(const NextEditionFacts& next) {
    if (next.number < 1)
        return fail(ErrorCode::InvalidArgument, "xml: next edition number must be at least 1");
    if (next.replacesNumber < 0)
        return fail(ErrorCode::InvalidArgument,
                    "xml: replaced edition number must not be negative");
    if (next.replacesCode.find_first_not_of(" \t\r\n") == std::string::npos)
        return fail(ErrorCode::InvalidArgument, "xml: code of the replaced edition is blank");
    if (!isXmlText(next.replacesCode))
        return fail(ErrorCode::InvalidArgument,
                    "xml: code of the replaced edition is not UTF-8 text without control "
                    "characters");
    if (!next.replacesDate.empty() && !isIsoDate(next.replacesDate))
        return fail(
            ErrorCode::InvalidArgument,
            "xml: date of the replaced edition is not YYYY-MM-DD: '" + next.replacesDate + "'");
    return {};
}

}  // namespace

Status initialiseXml() {
    xml::ensureLibXmlReady();
    return xml::prepareDocumentSchema();
}

Status validateEditionXml(std::string_view bytes, std::size_t maxBytes) {
    NUSQA_TRY(parseAndValidate(bytes, maxBytes));
    return {};
}

XmlEditionCodec::XmlEditionCodec(std::size_t maxBytes) : _maxBytes(maxBytes) {}

Result<EditionFacts> XmlEditionCodec::inspect(std::string_view xml) const {
    auto parsed = NUSQA_TRY(parseAndValidate(xml, _maxBytes));
    return xml::readEditionFacts(parsed);
}

Result<std::string> XmlEditionCodec::nextEdition(std::string_view xml,
                                                 const NextEditionFacts& next) const {
    NUSQA_TRY(checkNextFacts(next));
    auto parsed = NUSQA_TRY(parseAndValidate(xml, _maxBytes));
    NUSQA_TRY(xml::applyNextEdition(parsed.doc(), next));
    std::string result = NUSQA_TRY(xml::serialise(parsed.doc()));

    // Check what we hand out, as bytes, the way the next inspect() will see
    // them. The result may be a few bytes longer than the input.
    auto check = parseAndValidate(result, std::max(_maxBytes, result.size()));
    if (!check) {
        Error error = std::move(check.error());
        error.code = ErrorCode::Internal;
        error.message = "xml: the next edition would not be valid: " + error.message;
        return std::unexpected(std::move(error));
    }
    return result;
}

}  // namespace nusqa
