#include "app/ImportCommand.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "app/Config.h"
#include "app/Wiring.h"
#include "import/Bulk.h"
#include "import/Importer.h"
#include "import/docx/DocxReader.h"
#include "import/pdf/IsolatedPdfReader.h"
#include "render/reader/ContentXml.h"
#include "storage/StoreFactory.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kImportUsage =
    "usage: nusqa import FILE [--profile ORG] [--code CODE] [--title TITLE] [--language kk|ru] "
    "-o OUT.xml [--report REPORT.json]\n"
    "       nusqa import --bulk FOLDER --as LOGIN [--in-force] [--profile ORG] [--config FILE]\n"
    "FILE: .docx, .pdf (with a text layer), .txt or .md\n";

struct Arguments {
    std::string file, bulk, output, report, profile, code, title, language, config, actor;
    bool inForce = false;
};

bool parse(const std::vector<std::string>& arguments, Arguments& parsed, std::ostream& err) {
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        bool hasValue = i + 1 < arguments.size();
        auto value = [&](std::string& into) {
            if (!hasValue) return false;
            into = arguments[++i];
            return true;
        };
        bool ok = true;
        if (argument == "-o" || argument == "--output")
            ok = value(parsed.output);
        else if (argument == "--report")
            ok = value(parsed.report);
        else if (argument == "--profile")
            ok = value(parsed.profile);
        else if (argument == "--code")
            ok = value(parsed.code);
        else if (argument == "--title")
            ok = value(parsed.title);
        else if (argument == "--language")
            ok = value(parsed.language);
        else if (argument == "--config")
            ok = value(parsed.config);
        else if (argument == "--bulk")
            ok = value(parsed.bulk);
        else if (argument == "--as")
            ok = value(parsed.actor);
        else if (argument == "--in-force")
            parsed.inForce = true;
        else if (!argument.empty() && argument[0] != '-' && parsed.file.empty())
            parsed.file = argument;
        else
            ok = false;
        if (!ok) {
            err << "nusqa import: unexpected argument «" << argument << "»\n" << kImportUsage;
            return false;
        }
    }
    bool single = !parsed.file.empty() && parsed.bulk.empty() && !parsed.output.empty() &&
                  !parsed.inForce && parsed.actor.empty();
    bool bulk = parsed.file.empty() && !parsed.bulk.empty() && parsed.output.empty() &&
                parsed.report.empty() && !parsed.actor.empty();
    if (!single && !bulk) {
        err << kImportUsage;
        return false;
    }
    return true;
}

void printImportError(const Error& error, std::ostream& err) {
    std::string_view message = error.message;
    if (message.starts_with("import: ")) message.remove_prefix(8);
    err << "nusqa import: " << message << "\n";
    std::size_t shown = 0;
    for (const ErrorDetail& detail : error.details) {
        if (++shown > 20) break;
        err << "  " << detail.line << ":" << detail.column << ": " << detail.message << "\n";
    }
}

// The profile's display name, for sources that name no organisation.
std::string organisationOfProfile(const std::string& profile, const std::string& directory) {
    if (profile.empty()) return {};
    auto loaded = render::reader::loadProfile(directory, profile);
    return loaded ? loaded->displayName : std::string();
}

}  // namespace

std::vector<import::KnownProfile> knownProfiles(const std::filesystem::path& directory) {
    std::vector<import::KnownProfile> out;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        if (entry.path().extension() != ".xml") continue;
        std::string name = entry.path().stem().string();
        auto loaded = render::reader::loadProfile(directory, name);
        if (loaded && !loaded->displayName.empty()) out.push_back({name, loaded->displayName});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
}

namespace {

// PDFs are read by this binary's import-pdf-worker, bounded in time and
// memory (import/pdf/IsolatedPdfReader.h); without it .pdf is refused.
std::unique_ptr<import::PdfReader> pdfReader() {
    auto reader = import::pdf::IsolatedPdfReader::create("/proc/self/exe");
    if (!reader) return nullptr;
    return std::move(*reader);
}

bool writeFile(const std::string& path, const std::string& bytes, std::ostream& err) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    out.close();
    if (out) return true;
    err << "nusqa import: cannot write " << path << "\n";
    return false;
}

int importOne(const Arguments& arguments, std::ostream& out, std::ostream& err) {
    auto settings = loadSettings(arguments.config);
    import::ImportOptions options{
        arguments.profile, {}, arguments.code, arguments.title, arguments.language};
    if (settings)
        options.organisation = organisationOfProfile(arguments.profile, settings->profileDirectory);
    import::docx::DocxPackageReader docx;
    std::unique_ptr<import::PdfReader> pdf = pdfReader();
    XmlEditionCodec codec;
    std::optional<import::Importer> importer;
    if (pdf)
        importer.emplace(docx, *pdf, codec);
    else
        importer.emplace(docx, codec);
    if (settings) importer->setProfiles(knownProfiles(settings->profileDirectory));
    auto format = import::formatFromName(arguments.file);
    auto bytes = import::readSourceFile(arguments.file, importer->maxBytes(format));
    if (!bytes) {
        printImportError(bytes.error(), err);
        return bytes.error().code == ErrorCode::TooLarge ? 1 : 2;
    }
    auto result = importer->importBytes(*bytes, fs::path(arguments.file).filename().string(),
                                        format, options);
    if (!result) {
        printImportError(result.error(), err);
        return 1;
    }
    if (arguments.output == "-")
        out << result->xml;
    else if (!writeFile(arguments.output, result->xml, err))
        return 2;
    if (!arguments.report.empty() &&
        !writeFile(arguments.report, result->report.toJson() + "\n", err))
        return 2;
    (arguments.output == "-" ? err : out) << result->report.summary();
    return 0;
}

// The progress bar: redrawn in place on a terminal, a line per file otherwise.
class TerminalProgress final : public import::BulkProgress {
public:
    TerminalProgress(std::ostream& err, bool terminal) : _err(err), _terminal(terminal) {}

    void begin(std::size_t files) override {
        _err << "nusqa import: " << files << " file" << (files == 1 ? "" : "s") << " to import\n";
    }

    void starting(std::size_t index, std::size_t files, const std::string& file) override {
        if (_terminal) draw(index - 1, files, file);
    }

    void finished(std::size_t index, std::size_t files,
                  const import::BulkFileResult& result) override {
        if (_terminal) {
            draw(index, files, result.file);
            if (!result.ok)
                _err << "\r\033[K"
                     << "  failed: " << result.error << "\n";
            return;
        }
        _err << "[" << index << "/" << files << "] " << result.file << ": "
             << (result.ok ? "OK " + result.code : "FAILED") << "\n";
    }

    void end(const import::BulkSummary&) override {
        if (_terminal) _err << "\n";
    }

private:
    void draw(std::size_t done, std::size_t files, const std::string& file) {
        const std::size_t width = 30;
        std::size_t filled = files == 0 ? width : done * width / files;
        _err << "\r\033[K[" << std::string(filled, '#') << std::string(width - filled, '.') << "] "
             << done << "/" << files << " " << file << std::flush;
    }

    std::ostream& _err;
    bool _terminal;
};

int importBulk(const Arguments& arguments, std::ostream& out, std::ostream& err) {
    auto settings = loadSettings(arguments.config);
    if (!settings) {
        printImportError(settings.error(), err);
        return 2;
    }
    std::error_code ignored;
    fs::create_directories(settings->dataDirectory, ignored);
    auto wiring = Wiring::open(*settings);
    if (!wiring) {
        err << "nusqa import: cannot open the store " << redactUrl(settings->storeUrl) << ": "
            << wiring.error().message << "\n";
        return 2;
    }
    Wiring& services = **wiring;
    // Who runs the import: every act is theirs, and audited as theirs.
    auto actor = services.storage().people().userByLogin(arguments.actor);
    if (!actor || !actor->active) {
        err << "nusqa import: --as " << arguments.actor << ": "
            << (actor ? "the account is deactivated" : actor.error().message) << "\n";
        return 2;
    }
    XmlEditionCodec codec;
    import::docx::DocxPackageReader docx;
    std::unique_ptr<import::PdfReader> pdf = pdfReader();
    std::optional<import::Importer> importer;
    if (pdf)
        importer.emplace(docx, *pdf, codec);
    else
        importer.emplace(docx, codec);
    importer->setProfiles(knownProfiles(settings->profileDirectory));
    import::BulkOptions options;
    options.import = {arguments.profile,
                      organisationOfProfile(arguments.profile, settings->profileDirectory),
                      {},
                      {},
                      arguments.language};
    options.inForce = arguments.inForce;
    options.maxTextBytes = importer->maxTextBytes();
    options.maxDocxBytes = docx.limits().maxPackageBytes;
    TerminalProgress progress(err, &err == &std::cerr && isatty(STDERR_FILENO) == 1);
    auto summary = import::importFolder(arguments.bulk, *importer, services.documents(),
                                        services.lifecycle(), *actor, options, &progress);
    if (!summary) {
        printImportError(summary.error(), err);
        return 2;
    }
    out << import::bulkSummaryText(*summary, arguments.inForce);
    return summary->failed == 0 ? 0 : 1;
}

}  // namespace

int runImport(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
    Arguments parsed;
    if (!parse(arguments, parsed, err)) return 2;
    return parsed.bulk.empty() ? importOne(parsed, out, err) : importBulk(parsed, out, err);
}

}  // namespace nusqa::app
