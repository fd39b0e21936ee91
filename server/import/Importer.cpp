#include "import/Importer.h"

#include <fstream>
#include <sstream>

#include "import/detail/Recognition.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

bool validProfileName(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    auto first = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    if (!first(name.front())) return false;
    for (char c : name)
        if (!first(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.') return false;
    return true;
}

// Clause numbers run through the document when no line is numbered «1.1».
bool clausesRunThrough(const Recognition& r, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
        const Item& item = r.items[i];
        if (item.used || item.isTable) continue;
        if (item.para.info.kind == LineKind::Numbered && item.para.info.numbers.size() >= 2)
            return false;
    }
    return true;
}

// Annexes hold sections, clauses and blocks: chapters and paragraphs that
// stand after the forms list become sections.
void demoteForAnnex(std::vector<Node>& nodes) {
    for (Node& node : nodes) {
        if (node.kind == NodeKind::Chapter || node.kind == NodeKind::Paragraph)
            node.kind = NodeKind::Section;
        demoteForAnnex(node.children);
    }
}

NewDocument registerEntry(const Meta& meta) {
    NewDocument document;
    document.code = meta.code;
    document.kind = parseDocumentKind(meta.kind).value_or(DocumentKind::Regulation);
    document.title = meta.title;
    document.unit = meta.unit;
    document.language = meta.language == "ru" ? Language::Russian : Language::Kazakh;
    return document;
}

}  // namespace

Result<ImportResult> recognise(const SourceDocument& source, const ImportOptions& options) {
    if (!options.profile.empty() && !validProfileName(options.profile))
        return fail(ErrorCode::InvalidArgument,
                    "import: profile «" + options.profile +
                        "» is not a valid profile name (letters, "
                        "digits, '-', '_', '.'; starting with a letter)");
    if (!options.language.empty() && options.language != "kk" && options.language != "ru")
        return fail(ErrorCode::InvalidArgument,
                    "import: language «" + options.language + "» is neither kk nor ru");
    ImportResult result;
    ImportReport& report = result.report;
    report.source = source.name;
    report.format = std::string(toString(source.format));
    report.bytes = source.bytes;
    report.lines = source.lines;
    report.profile = options.profile;
    report.notes = source.notes;
    for (const SkippedText& skipped : source.skipped)
        report.dropped.push_back({skipped.line, -1, skipped.text, skipped.reason});

    Recognition r(source, options, report);
    dropFurniture(r);
    dropContents(r);
    const std::size_t bodyStart = findBodyStart(r);
    const std::size_t formsAt = readSheets(r, bodyStart);
    readFrontMatter(r, bodyStart);
    readRunningText(r);
    r.globalClauses = clausesRunThrough(r, bodyStart, formsAt);

    ImportedDocument& document = r.document;
    document.body = std::move(r.preamble);
    buildBody(r, bodyStart, formsAt, document.body);
    if (formsAt < r.items.size()) {
        Node annex;
        annex.kind = NodeKind::Section;
        buildBody(r, formsAt, r.items.size(), annex.children);
        if (!annex.children.empty()) {
            demoteForAnnex(annex.children);
            r.warn(annex.children.front().line,
                   "text after the forms list kept as an annex without a title (in corpus 002: the "
                   "labels of the block diagram of annex А)");
            document.annexes.push_back(std::move(annex));
        }
    }
    if (document.body.empty())
        return fail(ErrorCode::InvalidDocument, "import: " + source.name +
                                                    ": no text is left for the body (" +
                                                    std::to_string(report.dropped.size()) +
                                                    " lines were page furniture or metadata)");
    completeMeta(r);
    if (document.meta.language.empty())
        return fail(ErrorCode::InvalidDocument,
                    "import: " + source.name +
                        ": the text is neither Kazakh nor Russian (too little Cyrillic text to "
                        "tell, or another language): Nusqa keeps documents in kk and ru; give "
                        "the language when the text is one of them");
    markDocRefs(document.body);
    assignEIds(document, r.globalClauses);
    result.xml = writeXml(document);
    countElements(document, report);
    const Meta& meta = document.meta;
    report.code = meta.code;
    report.kind = meta.kind;
    report.title = meta.title;
    report.language = meta.language;
    report.edition = meta.edition;
    result.document = registerEntry(meta);
    result.edition = meta.edition;
    if (r.organisationFound) result.organisation = meta.organisation;
    result.profile = options.profile;
    return result;
}

Result<ImportResult> recogniseFragment(const SourceDocument& source) {
    ImportResult result;
    ImportReport& report = result.report;
    report.source = source.name;
    report.format = std::string(toString(source.format));
    report.bytes = source.bytes;
    report.lines = source.lines;
    report.notes = source.notes;
    const ImportOptions options;
    Recognition r(source, options, report);
    r.globalClauses = clausesRunThrough(r, 0, r.items.size());
    ImportedDocument& document = r.document;
    buildBody(r, 0, r.items.size(), document.body);
    if (document.body.empty())
        return fail(ErrorCode::InvalidDocument,
                    "import: " + source.name + ": no text to paste was recognised");
    // A placeholder <meta>: only the body is the fragment.
    Meta& meta = document.meta;
    meta.organisation = meta.code = meta.title = "fragment";
    meta.kind = "regulation";
    meta.language = "kk";
    meta.edition = 1;
    markDocRefs(document.body);
    assignEIds(document, r.globalClauses);
    result.xml = writeXml(document);
    countElements(document, report);
    result.edition = 1;
    return result;
}

Importer::Importer(const DocxReader& docx, const EditionCodec& codec, TextLimits textLimits)
    : _docx(docx), _codec(codec), _textLimits(textLimits) {}

Importer::Importer(const DocxReader& docx, const PdfReader& pdf, const EditionCodec& codec,
                   TextLimits textLimits)
    : _docx(docx), _pdf(&pdf), _codec(codec), _textLimits(textLimits) {}

std::size_t Importer::maxBytes(std::optional<SourceFormat> format) const {
    // The readers' own limits (DocxLimits, PdfLimits) refuse anything larger too.
    if (format == SourceFormat::Docx || format == SourceFormat::Pdf) return 64u << 20;
    return _textLimits.maxBytes;
}

Result<ImportResult> Importer::importBytes(std::string_view bytes, const std::string& name,
                                           std::optional<SourceFormat> format,
                                           const ImportOptions& options) const {
    if (!format) format = formatFromName(name);
    if (!format)
        return fail(
            ErrorCode::UnsupportedMediaType,
            "import: " + name + ": unknown type of file: expected .docx, .pdf, .txt or .md");
    if (*format == SourceFormat::Pdf && _pdf == nullptr)
        return fail(ErrorCode::UnsupportedMediaType,
                    "import: " + name + ": PDF files cannot be imported here");
    SourceDocument source = *format == SourceFormat::Docx ? NUSQA_TRY(_docx.read(bytes, name))
                            : *format == SourceFormat::Pdf
                                ? NUSQA_TRY(_pdf->read(bytes, name))
                                : NUSQA_TRY(readTextSource(bytes, name, *format, _textLimits));
    ImportResult result = NUSQA_TRY(recognise(source, options));
    // The organisation the source names picks its profile when none is
    // given; recognised again with it, so the XML's <meta><profile> names it
    // and the edition prints with that profile without being told.
    std::string found;
    if (options.profile.empty() && !result.organisation.empty())
        found = profileOfOrganisation(result.organisation, _profiles);
    if (!found.empty()) {
        ImportOptions withProfile = options;
        withProfile.profile = found;
        result = NUSQA_TRY(recognise(source, withProfile));
        result.report.notes.push_back("the organisation is that of the profile «" + found + "»");
    }
    auto facts = _codec.inspect(result.xml);
    if (!facts) {
        Error error = std::move(facts).error();
        return fail(ErrorCode::Internal,
                    "import: " + name +
                        ": the XML made from this file is not schema-valid (a bug of "
                        "the importer; please report it with the file): " +
                        error.message,
                    std::move(error.details));
    }
    result.edition = facts->number;
    return result;
}

Result<ImportResult> Importer::importFragment(const SourceDocument& source) const {
    ImportResult result = NUSQA_TRY(recogniseFragment(source));
    if (auto facts = _codec.inspect(result.xml); !facts) {
        Error error = std::move(facts).error();
        return fail(ErrorCode::Internal,
                    "import: " + source.name +
                        ": the XML made from the pasted text is not schema-valid (a bug of the "
                        "importer): " +
                        error.message,
                    std::move(error.details));
    }
    return result;
}

namespace {

// The letters of an organisation's name, lower case, without its legal form.
std::string nameLetters(const std::string& name) {
    static const std::string_view kLegalForms[] = {
        "кеақ",        "коммерциялық", "емес", "акционерлік", "қоғамы", "нао", "некоммерческое",
        "акционерное", "общество",     "ао",   "рмқк",        "ргп",    "шжқ", "пхв"};
    std::string out;
    for (const std::string& word : words(lower(name))) {
        bool legal = false;
        for (std::string_view form : kLegalForms) legal = legal || word == form;
        if (legal) continue;
        for (std::size_t at = 0; at < word.size();) {
            std::size_t start = at;
            char32_t c = decodeAt(word, at);
            if (isLetter(c)) out.append(word, start, at - start);
        }
    }
    return out;
}

}  // namespace

std::string profileOfOrganisation(const std::string& organisation,
                                  const std::vector<KnownProfile>& profiles) {
    const std::string letters = nameLetters(organisation);
    if (letters.size() < 16) return {};
    std::string found;
    for (const KnownProfile& profile : profiles) {
        const std::string theirs = nameLetters(profile.organisation);
        if (theirs.size() < 16 || letters.find(theirs) == std::string::npos) continue;
        if (!found.empty() && found != profile.name) return {};  // ambiguous
        found = profile.name;
    }
    return found;
}

Result<std::string> readSourceFile(const std::filesystem::path& path, std::size_t maxBytes) {
    std::error_code error;
    auto status = std::filesystem::status(path, error);
    if (error || !std::filesystem::exists(status))
        return fail(ErrorCode::NotFound, "import: " + path.string() + ": no such file");
    if (!std::filesystem::is_regular_file(status))
        return fail(ErrorCode::InvalidArgument,
                    "import: " + path.string() + ": not a regular file");
    std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error)
        return fail(ErrorCode::InvalidArgument,
                    "import: " + path.string() + ": cannot read its size");
    if (size > maxBytes)
        return fail(ErrorCode::TooLarge, "import: " + path.string() + ": " + std::to_string(size) +
                                             " bytes is over the limit of " +
                                             std::to_string(maxBytes) + " bytes");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::InvalidArgument, "import: " + path.string() + ": cannot open");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size)
        return fail(ErrorCode::InvalidArgument, "import: " + path.string() + ": read failed");
    return bytes;
}

std::string resultJson(const ImportResult& result) {
    const NewDocument& d = result.document;
    return "{\"xml\":" + jsonString(result.xml) + ",\"document\":{\"code\":" + jsonString(d.code) +
           ",\"kind\":" + jsonString(std::string(toString(d.kind))) +
           ",\"title\":" + jsonString(d.title) + ",\"unit\":" + jsonString(d.unit) +
           ",\"language\":" + jsonString(std::string(toString(d.language))) +
           ",\"edition\":" + std::to_string(result.edition) +
           "},\"organisation\":" + jsonString(result.organisation) +
           ",\"profile\":" + jsonString(result.profile) + ",\"report\":" + result.report.toJson() +
           "}";
}

}  // namespace nusqa::import
