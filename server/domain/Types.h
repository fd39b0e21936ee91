// The domain model of the document register (FRBR after Akoma Ntoso): a
// Document is the work (code, kind, owner unit); an Edition is one expression
// of it (number, language, status, the XML and its SHA-256). Plain values,
// standard library only; no module below domain/ is visible from here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nusqa {

enum class DocumentKind {
    Regulation,  // ереже / положение
    JobInstruction,  // лауазымдық нұсқаулық / должностная инструкция
    DocumentedProcedure,  // құжатталған процедура / документированная процедура
    WorkInstruction,       // жұмыс нұсқаулығы / рабочая инструкция
    OrganisationStandard,  // ұйым стандарты / стандарт организации
};

enum class Language { Kazakh, Russian };

enum class EditionStatus {
    Draft,
    InAgreement,
    Agreed,
    Approved,
    InForce,
    Superseded,
    Cancelled,
};

// Wire names: "regulation", "job_instruction", "documented_procedure",
// "work_instruction", "organisation_standard"; "kk", "ru"; "draft",
// "in_agreement", "agreed", "approved", "in_force", "superseded", "cancelled".
// The same names are used in the XML, the database and the JSON API.
std::string_view toString(DocumentKind kind);
std::string_view toString(Language language);
std::string_view toString(EditionStatus status);
std::optional<DocumentKind> parseDocumentKind(std::string_view text);
std::optional<Language> parseLanguage(std::string_view text);
std::optional<EditionStatus> parseEditionStatus(std::string_view text);

// Timestamps are UTC in ISO 8601 with seconds: "2026-11-22T23:21:45Z".
struct Document {
    std::int64_t id = 0;
    std::string code;  // register code, unique: "СМЖ 07.БЕ.51"
    DocumentKind kind = DocumentKind::Regulation;
    std::string title;
    std::string unit;  // owner unit (structural division)
    Language language = Language::Kazakh;
    std::string createdAt;
    std::string updatedAt;
};

struct NewDocument {
    std::string code;
    DocumentKind kind = DocumentKind::Regulation;
    std::string title;
    std::string unit;
    Language language = Language::Kazakh;
};

struct Edition {
    std::int64_t id = 0;
    std::int64_t documentId = 0;
    int number = 0;
    Language language = Language::Kazakh;
    EditionStatus status = EditionStatus::Draft;
    std::string sha256;         // lowercase hex of the stored XML bytes
    std::int64_t revision = 1;  // bumped by every draft update (the ETag)
    std::int64_t size = 0;      // bytes of XML
    std::string createdAt;
    std::string updatedAt;
};

// One revision of an edition's XML: revision 1 as created, each accepted
// replacement of a draft the next (Store::updateDraft). Immutable once
// stored; an edition's current XML is its highest revision.
struct Revision {
    std::int64_t editionId = 0;
    std::int64_t number = 0;    // = Edition::revision when it was current
    std::string sha256;         // lowercase hex of the XML bytes
    std::int64_t size = 0;      // bytes of XML
    std::int64_t authorId = 0;  // who wrote it; 0: not recorded (stored before migration 5)
    std::string authorLogin;    // as at writing
    std::string createdAt;      // UTC
};

struct RevisionWithXml {
    Revision revision;
    std::string xml;  // byte-exact
};

struct NewEdition {
    std::int64_t documentId = 0;
    int number = 0;
    Language language = Language::Kazakh;
    std::string xml;
    std::string sha256;
    std::int64_t authorId = 0;  // the user who created the draft; 0: no account
};

// The approval of a paper edition as its paper shows it (the approval block
// «БЕКІТЕМІН / УТВЕРЖДАЮ», the order or decision, the dates): read from an
// edition's XML meta, or stated by the person who registers the paper
// edition as in force. Facts, never signatures. Empty: not stated. Dates
// YYYY-MM-DD.
struct PaperApproval {
    std::string approverPosition;
    std::string approverName;
    std::string decision;  // order or decision number
    std::string decisionDate;
    std::string approvalDate;
    std::string effectiveDate;
};

struct DocumentQuery {
    std::optional<DocumentKind> kind;
    // Documents whose latest edition (highest number, any language) has
    // this status; in_force: documents with an edition in force (also while
    // a newer edition is being prepared).
    std::optional<EditionStatus> status;
    std::string text;  // case-sensitive substring of code or title; empty: any
    int limit = 50;
    int offset = 0;
};

struct DocumentPage {
    std::vector<Document> items;
    std::int64_t total = 0;  // matches before limit/offset
};

// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string utcNow();

}  // namespace nusqa
