// The importer: a .txt, .md, .docx or .pdf file in, one edition's XML
// (valid against schemas/document.xsd) and a report out.
//
// How a source becomes XML (each step in its own file):
//   read        TextSource.h (hard-wrapped text unwrapped, detail/Unwrap.h),
//               or the DocxReader (import/docx) or PdfReader (import/pdf) given
//   furniture   page numbers, «N беттің M-і», running headers, copy notices,
//               the contents list: dropped and reported (Furniture.cpp)
//   front       the title page and foreword before the first chapter become
//               <meta> (FrontMatter.cpp, MetaBlocks.cpp); a table there of
//               which nothing is metadata stays in the body; the running
//               header fills what the title page left open (Completion.cpp)
//   sheets      forms list, change registration, familiarization and
//               agreement sheets (Sheets.cpp)
//   structure   chapters, paragraphs, sections, clauses, sub-clauses, lists,
//               tables, references, terms, abbreviations (Structure.cpp,
//               Lists.cpp, Tables.cpp)
//   eIds        Akoma Ntoso style ids (EIds.cpp); XML (XmlWriter.cpp)
// Nothing of the source is lost silently: every line is structure, <meta>,
// or listed in the report as dropped with its reason.
//
// Thread safety: recognise() and const methods of Importer may run on any
// number of threads at once.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/EditionCodec.h"
#include "domain/Error.h"
#include "domain/Types.h"
#include "import/Report.h"
#include "import/Source.h"
#include "import/TextSource.h"

namespace nusqa::import {

struct ImportOptions {
    std::string profile;       // written as meta/profile when set; must be [A-Za-z_][A-Za-z0-9._-]*
    std::string organisation;  // used when the source names no organisation
    std::string code;          // overrides the register code found in the source
    std::string title;         // overrides the title found in the source
    std::string language;      // "kk" or "ru": overrides the language found in the text
};

// An organisation profile the importer may recognise: its name and the
// organisation it prints (its display name).
struct KnownProfile {
    std::string name;          // "satbayev"
    std::string organisation;  // "Қ.И. Сәтбаев атындағы Қазақ ұлттық ..."
};

struct ImportResult {
    std::string xml;  // UTF-8 with an XML declaration
    ImportReport report;
    NewDocument document;  // code, kind, title, unit, language: what a register entry needs
    int edition = 0;
    // The organisation as the source names it (empty when it names none:
    // then meta/organisation came from the options), and the profile: the
    // options', else the known profile (Importer::setProfiles) whose
    // organisation the source names — what selects the edition's print
    // layout when it is stored. A recognised profile is not written into
    // the XML (meta/profile holds only the options').
    std::string organisation;
    std::string profile;
};

// Reads a .docx package into a SourceDocument (implemented in import/docx).
class DocxReader {
public:
    virtual ~DocxReader() = default;
    // InvalidDocument for a damaged or hostile package, TooLarge past limits;
    // messages name the file and the part.
    virtual Result<SourceDocument> read(std::string_view bytes, const std::string& name) const = 0;
};

// Reads a PDF's text layer into a SourceDocument (implemented in import/pdf).
class PdfReader {
public:
    virtual ~PdfReader() = default;
    // InvalidDocument for a damaged, encrypted or hostile file and for one
    // without text (a scan: the message says so); TooLarge past limits;
    // Unavailable when no reader can run now. Messages name the file.
    virtual Result<SourceDocument> read(std::string_view bytes, const std::string& name) const = 0;
};

// Recognises the structure of source and writes the XML (not yet checked
// against the schema). When the source has no register code or title, the
// file name (without extension) stands in and a warning says so.
// InvalidArgument for a malformed options.profile or options.language;
// InvalidDocument when nothing of the source is left for the body (only
// furniture, say) or its language is neither Kazakh nor Russian (and the
// options name none).
Result<ImportResult> recognise(const SourceDocument& source, const ImportOptions& options);

// Recognises pasted text (no title page, no sheets: everything is body) by
// the same rules: chapters, clauses and sub-clauses from their numbers,
// lists, tables, references, terms, abbreviations. The result is an edition
// whose <meta> is a placeholder ("fragment") and whose <body> is what was
// recognised, with eIds of its own (the editor gives the elements new ones).
// InvalidDocument when nothing is left for the body.
Result<ImportResult> recogniseFragment(const SourceDocument& source);

class Importer {
public:
    // docx, pdf and codec must outlive the importer; codec validates every
    // result. Without a PdfReader, .pdf files are refused (UnsupportedMediaType).
    Importer(const DocxReader& docx, const EditionCodec& codec, TextLimits textLimits = {});
    Importer(const DocxReader& docx, const PdfReader& pdf, const EditionCodec& codec,
             TextLimits textLimits = {});

    // format: from name's extension when not given. Errors: UnsupportedMediaType
    // for an unknown format; those of the readers and of recognise();
    // Internal when the XML made is not schema-valid (a bug: the message
    // carries the schema errors).
    Result<ImportResult> importBytes(std::string_view bytes, const std::string& name,
                                     std::optional<SourceFormat> format,
                                     const ImportOptions& options) const;

    // recogniseFragment, the result checked against the schema (Internal
    // when it is not valid: a bug, the message carries the schema errors).
    Result<ImportResult> importFragment(const SourceDocument& source) const;

    // The profiles whose organisation a source may name. Not thread-safe:
    // call before the importer is shared.
    void setProfiles(std::vector<KnownProfile> profiles) { _profiles = std::move(profiles); }

    std::size_t maxTextBytes() const { return _textLimits.maxBytes; }
    // The largest file of a format read at all (larger ones are refused unread).
    std::size_t maxBytes(std::optional<SourceFormat> format) const;

private:
    const DocxReader& _docx;
    const PdfReader* _pdf = nullptr;
    const EditionCodec& _codec;
    TextLimits _textLimits;
    std::vector<KnownProfile> _profiles;
};

// The profile among profiles whose organisation is organisation, compared
// by their letters only, case-insensitively, legal forms aside («КЕАҚ», «коммерциялық емес
// акционерлік қоғамы», «НАО») aside: «Қ.И.СӘТБАЕВ атындағы ... УНИВЕРСИТЕТІ» КЕАҚ names «Қ.И.
// Сәтбаев атындағы
// ... университеті». Empty when none or several match.
std::string profileOfOrganisation(const std::string& organisation,
                                  const std::vector<KnownProfile>& profiles);

// Reads a whole file, refusing before reading when it is larger than
// maxBytes (TooLarge) or not a regular file (InvalidArgument, NotFound).
Result<std::string> readSourceFile(const std::filesystem::path& path, std::size_t maxBytes);

// {"xml":"...","document":{"code","kind","title","unit","language","edition"},
//  "organisation":"...","profile":"...","report":{...}}
std::string resultJson(const ImportResult& result);

}  // namespace nusqa::import
