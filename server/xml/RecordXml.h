// RecordXml: the RecordCodec of Nusqa — an edition's agreement sheet and
// familiarization log as XML of schemas/records.xsd (namespace
// urn:nusqa:records:1, compiled into the binary), issue 13.
//
// Writing is canonical: the tree is built with libxml2 in a fixed order
// (elements as the schema lists them, attributes in a fixed order, empty
// optional parts left out) and dumped as UTF-8 with two-space indentation,
// no DOCTYPE, no entities; the same record always gives the same bytes.
// Reading parses untrusted bytes as xml/SafeParser.h does (no DTD, no
// network, bounded size) and validates against the schema first.
//
// Errors: TooLarge over maxBytes; InvalidDocument when not well-formed or
// not schema-valid (with line and column); Internal when the built-in schema
// does not compile.
// Thread safety: all const methods may be called from any number of threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/Records.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa {

// The namespace of schemas/records.xsd.
inline constexpr std::string_view kRecordsNamespace = "urn:nusqa:records:1";

class RecordXml final : public RecordCodec {
public:
    explicit RecordXml(std::size_t maxBytes = kDefaultMaxXmlBytes) : _maxBytes(maxBytes) {}

    std::string write(const AgreementSheetRecord& sheet) const override;
    std::string write(const FamiliarizationLogRecord& log) const override;
    Result<AgreementSheetRecord> readAgreementSheet(std::string_view xml) const override;
    Result<FamiliarizationLogRecord> readFamiliarizationLog(std::string_view xml) const override;
    Status validate(std::string_view xml) const override;

private:
    std::size_t _maxBytes;
};

// The bytes of schemas/records.xsd (embedded).
std::string_view recordsSchemaXsd();

}  // namespace nusqa
