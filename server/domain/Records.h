// Records: an edition's agreement sheet (келісу парағы) and familiarization
// log (танысу парағы) as versioned documents (issue 13). Each new signature,
// route submission or assignment change makes a new version of the relevant
// record, built from the lifecycle rows inside the transaction that wrote
// them, serialised to XML (schemas/records.xsd, by a RecordCodec) and stored
// byte-exact with its SHA-256 and the SHA-256 of the version before it.
// Versions are immutable: an auditor holds a printed sheet against one.
//
// Plain values; no thread-safety concerns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Error.h"
#include "domain/Lifecycle.h"
#include "domain/Types.h"

namespace nusqa {

enum class RecordKind { AgreementSheet, FamiliarizationLog };

std::string_view toString(RecordKind kind);  // "agreement_sheet", "familiarization_log"
std::optional<RecordKind> parseRecordKind(std::string_view text);

// What every version carries: the edition it is about, its number (1, 2,
// ...), the SHA-256 of the version before it (empty for version 1) and when
// it was made (UTC).
struct RecordHeader {
    std::int64_t editionId = 0;
    int editionNumber = 0;
    Language language = Language::Kazakh;
    std::string documentCode;
    std::int64_t version = 0;
    std::string previousSha256;
    std::string createdAt;
};

// A person as at the version: both names, the position in both languages.
struct RecordPerson {
    std::int64_t id = 0;
    std::string login;
    std::string fullNameKk, fullNameRu;
    std::string positionKk, positionRu;
    std::string unitKk, unitRu;  // the familiarization log only
};

// A signature as written (Signature), without the edition id.
struct RecordSignature {
    std::int64_t id = 0;
    std::int64_t userId = 0;
    std::string fullName;  // as at signing
    std::string position;
    SignatureMeaning meaning = SignatureMeaning::Prepared;
    std::string signedAt;
    std::int64_t editionRevision = 0;
    std::string editionSha256;
    std::string comment;
};

// One step of a round: the person, the step's decision and the signature
// that made it (nullopt: not decided yet).
struct RecordStep {
    int order = 1;
    StepKind kind = StepKind::Agree;
    RecordPerson person;
    std::string decision;  // "", "agreed", "rejected", "approved"
    std::string decidedAt;
    std::string comment;
    std::optional<RecordSignature> signature;
};

struct RecordRound {
    int number = 0;
    std::optional<RecordSignature> prepared;  // the round's "prepared" signature
    std::vector<RecordStep> steps;            // by order, then step id
};

// The approval facts of a paper edition registered as in force, as the
// registering person recorded them (PaperRegistration).
struct RecordPaperFacts {
    PaperApproval approval;
    std::int64_t registeredBy = 0;
    std::string registeredByLogin;
    std::string registeredByName;
    std::string registeredAt;
    std::string sourceFile;
};

struct AgreementSheetRecord {
    RecordHeader header;
    std::vector<RecordRound> rounds;  // by number
    // A registered paper edition's facts, labelled as such: never signatures.
    std::optional<RecordPaperFacts> paper;
};

struct RecordAssignment {
    RecordPerson person;
    std::string assignedAt;
    std::string dueDate;
};

struct FamiliarizationLogRecord {
    RecordHeader header;
    std::vector<RecordAssignment> assignments;  // by person's name, then id
    std::vector<RecordSignature> signatures;    // in signing order
};

// One stored version. xml is empty when listed without it.
struct RecordVersion {
    std::int64_t editionId = 0;
    RecordKind kind = RecordKind::AgreementSheet;
    std::int64_t version = 0;
    std::string xml;
    std::string sha256;
    std::string previousSha256;
    std::string createdAt;
};

// The port that writes and reads the records' XML (xml/RecordXml on
// libxml2). Implementations must be thread-safe.
class RecordCodec {
public:
    virtual ~RecordCodec() = default;
    // The canonical bytes: the same record always gives the same bytes.
    virtual std::string write(const AgreementSheetRecord& sheet) const = 0;
    virtual std::string write(const FamiliarizationLogRecord& log) const = 0;
    // InvalidDocument when the bytes are not a valid record of that kind
    // (schemas/records.xsd), with the first errors.
    virtual Result<AgreementSheetRecord> readAgreementSheet(std::string_view xml) const = 0;
    virtual Result<FamiliarizationLogRecord> readFamiliarizationLog(std::string_view xml) const = 0;
    // OK when valid against schemas/records.xsd; InvalidDocument otherwise.
    virtual Status validate(std::string_view xml) const = 0;
};

}  // namespace nusqa
