#include "import/Bulk.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>

namespace nusqa::import {
namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The registered document with exactly this code, if any.
Result<Document> documentWithCode(DocumentService& documents, const User& actor,
                                  const std::string& code) {
    DocumentQuery query;
    query.text = code;
    query.limit = 100;
    DocumentPage page = NUSQA_TRY(documents.listDocuments(actor, query));
    for (const Document& document : page.items)
        if (document.code == code) return document;
    return fail(ErrorCode::NotFound, "no document " + code);
}

struct Services {
    DocumentService& documents;
    LifecycleService& lifecycle;
    const User& actor;
};

Status importOne(const std::filesystem::path& path, const Importer& importer,
                 const Services& services, const BulkOptions& options, BulkFileResult& result) {
    const std::string name = path.filename().string();
    const Provenance via{"the command line (nusqa import --bulk)", name};
    DocumentService& documents = services.documents;
    std::optional<SourceFormat> format = formatFromName(name);
    std::size_t limit = format == SourceFormat::Docx || format == SourceFormat::Pdf
                            ? options.maxDocxBytes
                            : options.maxTextBytes;
    std::string bytes = NUSQA_TRY(readSourceFile(path, limit));
    ImportResult imported = NUSQA_TRY(importer.importBytes(bytes, name, format, options.import));
    result.code = imported.document.code;
    result.title = imported.document.title;
    result.edition = imported.edition;
    result.warnings = imported.report.warnings.size();
    auto created = documents.createDocument(services.actor, imported.document, via);
    Document document;
    if (created) {
        document = *created;
        result.newDocument = true;
    } else if (created.error().code == ErrorCode::Conflict) {
        document = NUSQA_TRY(documentWithCode(documents, services.actor, imported.document.code));
    } else {
        return std::unexpected(
            std::move(created).error().withContext("import: " + name + ": register"));
    }
    result.documentId = document.id;
    auto edition = documents.addEdition(services.actor, document.id, std::move(imported.xml), via);
    if (!edition)
        return std::unexpected(std::move(edition).error().withContext(
            "import: " + name + ": edition " + std::to_string(result.edition) + " of " +
            result.code));
    result.editionId = edition->id;
    if (options.inForce) {
        // The approval facts as the edition's XML prints them.
        auto registered =
            services.lifecycle.registerInForce(services.actor, edition->id, PaperApproval{}, via);
        if (!registered)
            return std::unexpected(
                std::move(registered).error().withContext("import: " + name + ": in force"));
        result.status = registered->lifecycle.edition.status;
    }
    return {};
}

}  // namespace

Result<BulkSummary> importFolder(const std::filesystem::path& folder, const Importer& importer,
                                 DocumentService& documents, LifecycleService& lifecycle,
                                 const User& actor, const BulkOptions& options,
                                 BulkProgress* progress) {
    std::error_code error;
    if (!std::filesystem::exists(folder, error))
        return fail(ErrorCode::NotFound, "import: " + folder.string() + ": no such folder");
    if (!std::filesystem::is_directory(folder, error))
        return fail(ErrorCode::InvalidArgument, "import: " + folder.string() + ": not a folder");
    BulkSummary summary;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        if (!entry.is_regular_file(error)) continue;
        if (formatFromName(entry.path().filename().string()))
            files.push_back(entry.path());
        else
            summary.skipped.push_back(entry.path().filename().string());
    }
    if (error)
        return fail(ErrorCode::InvalidArgument,
                    "import: " + folder.string() + ": " + error.message());
    std::sort(files.begin(), files.end());
    std::sort(summary.skipped.begin(), summary.skipped.end());

    const auto start = std::chrono::steady_clock::now();
    if (progress) progress->begin(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        BulkFileResult result;
        result.file = files[i].filename().string();
        if (progress) progress->starting(i + 1, files.size(), result.file);
        const auto fileStart = std::chrono::steady_clock::now();
        Status status =
            importOne(files[i], importer, Services{documents, lifecycle, actor}, options, result);
        result.seconds = secondsSince(fileStart);
        result.ok = status.has_value();
        if (!result.ok) result.error = status.error().message;
        ++(result.ok ? summary.imported : summary.failed);
        if (progress) progress->finished(i + 1, files.size(), result);
        summary.files.push_back(std::move(result));
    }
    summary.seconds = secondsSince(start);
    if (progress) progress->end(summary);
    return summary;
}

std::string bulkSummaryText(const BulkSummary& summary, bool inForce) {
    std::ostringstream out;
    char seconds[32];
    for (const BulkFileResult& file : summary.files) {
        std::snprintf(seconds, sizeof seconds, "%.3f s", file.seconds);
        if (file.ok) {
            out << "  OK      " << file.file << "  " << file.code << ", edition " << file.edition
                << " (id " << file.editionId << (file.newDocument ? ", new document" : "") << "), "
                << (file.status == EditionStatus::Superseded
                        ? "superseded (a newer edition is in force), "
                        : "")
                << file.warnings << " warning" << (file.warnings == 1 ? "" : "s") << ", " << seconds
                << "\n";
        } else {
            out << "  FAILED  " << file.file << "  " << file.error << "\n";
        }
    }
    for (const std::string& skipped : summary.skipped)
        out << "  skipped " << skipped << " (not .txt, .md, .docx or .pdf)\n";
    std::snprintf(seconds, sizeof seconds, "%.3f s", summary.seconds);
    out << summary.imported << " imported as " << (inForce ? "editions in force" : "draft editions")
        << ", " << summary.failed << " failed, " << summary.skipped.size() << " skipped, in "
        << seconds << "\n";
    return out.str();
}

}  // namespace nusqa::import
