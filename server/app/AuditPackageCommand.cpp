#include "app/AuditPackageCommand.h"

#include <filesystem>
#include <iostream>
#include <system_error>

#include "app/Config.h"
#include "app/Wiring.h"
#include "app/detail/SigningSetup.h"
#include "app/detail/ZipPackageArchive.h"
#include "domain/AuditPackageService.h"
#include "render/ReportPrinter.h"
#include "render/reader/ContentXml.h"
#include "timestamp/TimestampClient.h"

namespace nusqa::app {
namespace {

constexpr const char* kAuditPackageUsage =
    "usage: nusqa audit-package --from YYYY-MM-DD --to YYYY-MM-DD [--unit NAME] "
    "[--config FILE] OUT.zip\n";

// "[#########...........]  7/14 familiarization" redrawn in place.
void drawBar(std::ostream& err, int step, int steps, const std::string& what) {
    constexpr int kWidth = 30;
    int filled = steps > 0 ? step * kWidth / steps : 0;
    err << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
        << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << step << "/"
        << steps << " " << what << "\x1b[K" << std::flush;
    if (step == steps) err << "\n";
}

}  // namespace

int runAuditPackage(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                    bool terminal) {
    AuditPackageQuery query;
    std::string configFile, output;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        bool hasValue = i + 1 < arguments.size();
        if (argument == "--from" && hasValue)
            query.from = arguments[++i];
        else if (argument == "--to" && hasValue)
            query.to = arguments[++i];
        else if (argument == "--unit" && hasValue)
            query.unit = arguments[++i];
        else if (argument == "--config" && hasValue)
            configFile = arguments[++i];
        else if (output.empty() && !argument.starts_with("--"))
            output = argument;
        else {
            err << kAuditPackageUsage;
            return 2;
        }
    }
    if (query.from.empty() || query.to.empty() || output.empty()) {
        err << kAuditPackageUsage;
        return 2;
    }
    auto settings = loadSettings(configFile);
    if (!settings) {
        err << "nusqa audit-package: " << settings.error().message << "\n";
        return 2;
    }
    auto services = Wiring::open(*settings);
    if (!services) {
        err << "nusqa audit-package: cannot open the store " << redactUrl(settings->storeUrl)
            << ": " << services.error().message << "\n";
        return 3;
    }
    auto printer = render::ReportPrinter::open(settings->profileDirectory);
    if (!printer) {
        err << "nusqa audit-package: " << printer.error().message << "\n";
        return 1;
    }
    auto kit = openSigning(
        *settings,
        [&err](const std::string& text) {
            err << "nusqa audit-package: warning: " << text << "\n";
        },
        &timestamp::timestampClient, PdfVerification::InProcess);
    if (!kit) {
        err << "nusqa audit-package: " << kit.error().message << "\n";
        return 1;
    }
    Wiring& wiring = **services;
    Storage& storage = wiring.storage();
    AuditPackageService packages(
        storage.documents(), storage.lifecycle(), storage.people(), storage.audit(),
        wiring.lifecycle(),
        [](std::string_view xml) { return render::reader::readEditionContent(xml); }, *printer,
        SealingOptions{kit->sealer.get(), settings->signing.publicBaseUrl, &wiring.clock()},
        securityFunctions().sha256Hex, wiring.clock());

    const std::filesystem::path target = output;
    const std::filesystem::path part = output + ".part";
    auto archive = ZipPackageArchive::create(part);
    if (!archive) {
        err << "nusqa audit-package: " << archive.error().message << "\n";
        return 1;
    }
    PackageProgress progress = [&err, terminal](int step, int steps, const std::string& what) {
        if (terminal)
            drawBar(err, step, steps, what);
        else
            err << "audit-package: " << step << "/" << steps << " " << what << "\n";
    };
    auto summary = packages.build(nullptr, query, **archive, progress,
                                  Provenance{"the command line (nusqa audit-package)", {}});
    archive->reset();
    std::error_code ignored;
    if (!summary) {
        if (terminal) err << "\n";
        std::filesystem::remove(part, ignored);
        err << "nusqa audit-package: " << summary.error().message << "\n";
        return 1;
    }
    std::error_code renamed;
    std::filesystem::rename(part, target, renamed);
    if (renamed) {
        std::filesystem::remove(part, ignored);
        err << "nusqa audit-package: cannot write " << output << ": " << renamed.message() << "\n";
        return 1;
    }
    out << output << ": " << summary->files.size() << " files, manifest SHA-256 "
        << summary->manifestSha256 << ", audit log " << (summary->chainIntact ? "intact" : "BROKEN")
        << " up to entry " << summary->auditHeadSequence << "\n";
    return 0;
}

}  // namespace nusqa::app
