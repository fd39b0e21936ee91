// AuditPackageService: the certification-audit package (issue 13) — one
// archive for a period that an auditor (internal, or the certification
// body's) takes away: what was in force and how that changed, what was
// approved and how, who read it, what was reviewed, and the audit trail
// with its verification. Each table twice: csv/NAME.csv for analysis
// (TablePrinter.h: UTF-8 with BOM, RFC 4180) and pdf/NAME.pdf, sealed, for
// reading; manifest.json lists every other file with its size and SHA-256.
//
// The tables (see docs in README, "The certification-audit package"):
//   register-in-force    the documents in force on the end date (the
//                        register's records, as GET /api/v1/register)
//   register-changes     every entry into force, supersession and
//                        cancellation dated in the period
//   approvals            each edition approved in the period: decision,
//                        signatory, effective and review dates, SHA-256
//   approval-route       their routes, every round and step with its decision
//   approval-signatures  their signatures (prepared, agreed, rejected,
//                        approved): person, position, meaning, time, the
//                        SHA-256 and revision signed, comment
//   change-records       their change records (the edition's <changes>)
//   familiarization      per edition and per unit of the reader: assigned,
//                        signed on time, signed late, overdue, pending, as
//                        of the end date (so a period always gives the same
//                        counts, whoever builds it when)
//   reviews              periodic reviews done in the period and those due
//                        by its end
//   audit-log            (CSV only) every audit entry of the period with
//                        its hashes, so the extract's links can be checked
//   audit-verification   the whole chain verified (as `nusqa audit
//                        verify`), its head's sequence and hash, the extract
//   controlled-copies    each controlled copy issued, asked back or returned
//                        in the period: edition, number, holder, issued,
//                        recall requested, recalled (as of the end date)
//   record-xml           (CSV only) the index of records/<edition>/
//                        agreement-sheet-N.xml and familiarization-log-N.xml:
//                        for each edition whose sheet or log got a version in
//                        the period, every version up to the end date,
//                        byte-exact (each in the manifest with its SHA-256),
//                        with the stored SHA-256 and the one before
// Bounds: the period is at most settings.maxDays long; the editions and
// audit entries read are capped (TooLarge beyond); one package is built at
// a time per service (Busy for a second caller); a build that passes its
// time limit stops with Unavailable. The archive is written as it goes
// (PackageArchive streams to disk). The finished package is recorded in the
// audit log (audit.package: who, period, unit, files, the manifest's
// SHA-256).
//
// Thread safety: build() may be called from any thread (one runs, the rest
// get Busy). Does not own its ports; they must outlive the service.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/AuditLog.h"
#include "domain/Clock.h"
#include "domain/ComparisonService.h"
#include "domain/EditionPrinter.h"
#include "domain/LifecycleService.h"
#include "domain/LifecycleStore.h"
#include "domain/PackageArchive.h"
#include "domain/PeopleStore.h"
#include "domain/Store.h"
#include "domain/TablePrinter.h"

namespace nusqa {

struct AuditPackageSettings {
    int maxDays = 1827;                      // five years
    int timeLimitSeconds = 900;              // for one build
    std::int64_t maxEditions = 20000;        // editions looked at
    std::int64_t maxAuditEntries = 2000000;  // audit entries in the extract
};

struct AuditPackageQuery {
    std::string from;  // YYYY-MM-DD, inclusive
    std::string to;    // YYYY-MM-DD, inclusive
    std::string unit;  // the documents' owner unit, exactly; empty: every unit
};

struct PackageFile {
    std::string name;  // path in the archive
    std::int64_t size = 0;
    std::string sha256;
};

struct AuditPackageSummary {
    std::vector<PackageFile> files;  // in archive order, manifest.json last
    std::string manifestSha256;
    std::int64_t auditHeadSequence = 0;
    std::string auditHeadHash;
    bool chainIntact = true;
    std::int64_t extractEntries = 0;
};

// step of steps done, and what is being done now ("approvals").
using PackageProgress = std::function<void(int step, int steps, const std::string& what)>;

class AuditPackageService {
public:
    using Sha256 = std::function<std::string(std::string_view)>;

    AuditPackageService(Store& documents, LifecycleStore& lifecycle, PeopleStore& people,
                        AuditLog& audit, LifecycleService& lifecycleService,
                        ComparisonService::ContentReader reader, const TablePrinter& printer,
                        SealingOptions sealing, Sha256 sha256, const Clock& clock,
                        AuditPackageSettings settings = {});

    // Builds the package into archive (finished on success). actor: who
    // asks (ReadQualityRecords: auditors, the quality office, admins;
    // Forbidden otherwise); nullptr: the command line, which holds the
    // store already. InvalidArgument for a date that is not YYYY-MM-DD, to
    // before from, or a period over settings.maxDays; Busy while another
    // package is being built; TooLarge over the caps; Unavailable past the
    // time limit; errors of the ports.
    Result<AuditPackageSummary> build(const User* actor, const AuditPackageQuery& query,
                                      PackageArchive& archive, const PackageProgress& progress = {},
                                      const Provenance& via = {});

    const AuditPackageSettings& settings() const { return _settings; }

private:
    struct Build;

    Status checkPeriod(const AuditPackageQuery& query) const;
    Result<AuditPackageSummary> run(const User* actor, const AuditPackageQuery& query,
                                    PackageArchive& archive, const PackageProgress& progress,
                                    const Provenance& via);

    // Adds a file to the archive and to the manifest's list.
    Status addFile(Build& build, const std::string& name, std::string_view bytes);

    // The controlled copies issued, asked back or returned in the period
    // (nullopt: the store keeps none).
    Result<std::optional<ReportTable>> controlledCopies(Build& build);
    // The agreement sheets and familiarization logs of the editions as
    // their XML versions (schemas/records.xsd, record_versions), each added
    // to the archive under records/, with their index; false: none stored.
    Result<bool> recordXmlVersions(Build& build);

    Store& _documents;
    LifecycleStore& _lifecycle;
    PeopleStore& _people;
    AuditLog& _audit;
    LifecycleService& _lifecycleService;
    ComparisonService::ContentReader _reader;
    const TablePrinter& _printer;
    SealingOptions _sealing;
    Sha256 _sha256;
    const Clock& _clock;
    AuditPackageSettings _settings;
    std::atomic<bool> _building{false};
};

}  // namespace nusqa
