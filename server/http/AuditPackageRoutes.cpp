#include "http/AuditPackageRoutes.h"

#include <atomic>
#include <string>
#include <system_error>

#include "http/detail/RequestParsing.h"

namespace nusqa::http {
namespace {

struct PackageHandlers {
    AuditPackageService& packages;
    ArchiveFactory archives;
    std::filesystem::path directory;

    // A fresh name per request: the request id (made of [A-Za-z0-9-]) and a counter.
    std::filesystem::path temporaryFile(const Request& request) const {
        static std::atomic<unsigned long> counter{0};
        std::string id;
        for (char c : request.requestId)
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-')
                id += c;
        return directory / ("nusqa-audit-package-" + id.substr(0, 64) + "-" +
                            std::to_string(++counter) + ".zip");
    }

    Result<Response> download(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        AuditPackageQuery query;
        query.from = request.queryValue("from").value_or("");
        query.to = request.queryValue("to").value_or("");
        query.unit = request.queryValue("unit").value_or("");
        // Removed with the last copy of the response: after sending, or at
        // once when the build fails.
        std::shared_ptr<const std::filesystem::path> file(
            new std::filesystem::path(temporaryFile(request)),
            [](const std::filesystem::path* path) {
                std::error_code ignored;
                std::filesystem::remove(*path, ignored);
                delete path;
            });
        std::unique_ptr<PackageArchive> archive = NUSQA_TRY(archives(*file));
        AuditPackageSummary summary = NUSQA_TRY(packages.build(
            &actor, query, *archive, {}, Provenance{"the API from " + request.clientAddress, {}}));
        archive.reset();
        Response response;
        response.contentType = "application/zip";
        response.bodyFile = file;
        response.headers.emplace_back(
            "Content-Disposition",
            "attachment; filename=\"audit-package-" + query.from + "-" + query.to + ".zip\"");
        response.headers.emplace_back("X-Manifest-SHA256", summary.manifestSha256);
        response.headers.emplace_back("X-Audit-Head-Hash", summary.auditHeadHash);
        return response;
    }
};

}  // namespace

void addAuditPackageRoutes(Router& router, AuditPackageService& packages, ArchiveFactory archives,
                           std::filesystem::path directory) {
    PackageHandlers h{packages, std::move(archives), std::move(directory)};
    router.add({"GET", "/api/v1/audit-package", Access::needs(Action::ReadQualityRecords),
                "audit.package", [h](const Request& r) { return h.download(r); }});
}

}  // namespace nusqa::http
