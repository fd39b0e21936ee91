#include "domain/AuditPackageService.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "domain/Authorization.h"
#include "domain/detail/AuditPackageTables.h"

namespace nusqa {

// Everything one build carries: the scope, the deadline, the archive and
// what has gone into it.
struct AuditPackageService::Build {
    detail::PackageScope scope;
    std::chrono::steady_clock::time_point deadline;
    PackageArchive* archive = nullptr;
    std::vector<PackageFile> files;
    std::vector<std::string> sections;  // JSON objects of the manifest's "sections"
    int step = 0;
    int steps = 0;
    const PackageProgress* progress = nullptr;
};

namespace {

constexpr int kPageSize = 500;  // the stores' largest page

std::string jsonString(std::string_view text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    static const char* hex = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

// The scheduler and the command line write no user; the audit entry names them.
std::string actorLoginOf(const User* actor) {
    return actor != nullptr ? actor->login : std::string("command line");
}

}  // namespace

AuditPackageService::AuditPackageService(Store& documents, LifecycleStore& lifecycle,
                                         PeopleStore& people, AuditLog& audit,
                                         LifecycleService& lifecycleService,
                                         ComparisonService::ContentReader reader,
                                         const TablePrinter& printer, SealingOptions sealing,
                                         Sha256 sha256, const Clock& clock,
                                         AuditPackageSettings settings)
    : _documents(documents),
      _lifecycle(lifecycle),
      _people(people),
      _audit(audit),
      _lifecycleService(lifecycleService),
      _reader(std::move(reader)),
      _printer(printer),
      _sealing(std::move(sealing)),
      _sha256(std::move(sha256)),
      _clock(clock),
      _settings(settings) {}

Status AuditPackageService::checkPeriod(const AuditPackageQuery& query) const {
    if (!isDate(query.from) || !isDate(query.to))
        return fail(ErrorCode::InvalidArgument, "from and to must be dates YYYY-MM-DD, not «" +
                                                    query.from + "» and «" + query.to + "»");
    if (query.to < query.from)
        return fail(ErrorCode::InvalidArgument,
                    "the period ends (" + query.to + ") before it starts (" + query.from + ")");
    auto limit = addDays(query.from, _settings.maxDays);
    if (!limit || query.to >= *limit)
        return fail(
            ErrorCode::InvalidArgument,
            "the period may be at most " + std::to_string(_settings.maxDays) + " days long");
    if (query.unit.size() > 500)
        return fail(ErrorCode::InvalidArgument, "the unit is longer than 500 bytes");
    return {};
}

Result<AuditPackageSummary> AuditPackageService::build(const User* actor,
                                                       const AuditPackageQuery& query,
                                                       PackageArchive& archive,
                                                       const PackageProgress& progress,
                                                       const Provenance& via) {
    if (actor != nullptr) NUSQA_TRY(authorize(*actor, Action::ReadQualityRecords));
    NUSQA_TRY(checkPeriod(query));
    bool idle = false;
    if (!_building.compare_exchange_strong(idle, true))
        return fail(ErrorCode::Busy,
                    "an audit package is being built; one is built at a time, try again later");
    auto result = run(actor, query, archive, progress, via);
    _building = false;
    return result;
}

namespace {

// Between steps and inside long loops: Unavailable past the deadline.
Status inTime(const std::chrono::steady_clock::time_point& deadline, int seconds) {
    if (std::chrono::steady_clock::now() > deadline)
        return fail(ErrorCode::Unavailable, "the audit package took longer than its limit of " +
                                                std::to_string(seconds) + " s");
    return {};
}

}  // namespace

Result<AuditPackageSummary> AuditPackageService::run(const User* actor,
                                                     const AuditPackageQuery& query,
                                                     PackageArchive& archive,
                                                     const PackageProgress& progress,
                                                     const Provenance& via) {
    Build build;
    build.scope.query = query;
    // As of the end date, whenever the package is built: the same period
    // gives the same tables (a period ending later than today counts what
    // is due by its end and still unsigned as overdue).
    build.scope.asOf = query.to;
    build.deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(_settings.timeLimitSeconds);
    build.archive = &archive;
    build.progress = &progress;
    build.steps = 14;
    const int limit = _settings.timeLimitSeconds;

    auto advance = [&](const std::string& what) -> Status {
        NUSQA_TRY(inTime(build.deadline, limit));
        if (progress) progress(build.step, build.steps, what);
        ++build.step;
        return {};
    };
    auto addFile = [&](const std::string& name, const std::string& bytes) {
        return this->addFile(build, name, bytes);
    };
    // CSV and sealed PDF of a table, and its entry in the manifest.
    auto addTable = [&](const ReportTable& table, bool withPdf) -> Status {
        std::string csv = csvOf(table);
        std::string csvName = "csv/" + table.name + ".csv";
        NUSQA_TRY(addFile(csvName, csv));
        std::string section =
            "{\"name\":" + jsonString(table.name) + ",\"title\":" + jsonString(table.title) +
            ",\"rows\":" + std::to_string(table.rows.size()) + ",\"files\":[" + jsonString(csvName);
        if (withPdf) {
            NUSQA_TRY(inTime(build.deadline, limit));
            PrintedEdition printed =
                NUSQA_TRY(printTableSealed(_printer, _sealing, table, build.files.back().sha256));
            std::string pdfName = "pdf/" + table.name + ".pdf";
            NUSQA_TRY(addFile(pdfName, printed.pdf));
            section += "," + jsonString(pdfName);
        }
        build.sections.push_back(section + "]}");
        return {};
    };

    // 1. The editions in scope with their records.
    NUSQA_TRY(advance("editions"));
    std::int64_t looked = 0;
    for (int offset = 0;; offset += kPageSize) {
        DocumentQuery documentQuery;
        documentQuery.limit = kPageSize;
        documentQuery.offset = offset;
        DocumentPage page = NUSQA_TRY(_documents.listDocuments(documentQuery));
        for (const Document& document : page.items) {
            if (!query.unit.empty() && document.unit != query.unit) continue;
            for (Edition& edition : NUSQA_TRY(_documents.editionsOf(document.id))) {
                if (++looked > _settings.maxEditions)
                    return fail(ErrorCode::TooLarge, "more than " +
                                                         std::to_string(_settings.maxEditions) +
                                                         " editions: narrow the package to a unit");
                NUSQA_TRY(inTime(build.deadline, limit));
                detail::ScopedEdition scoped{document, std::move(edition), {}, {}};
                auto lifecycle = _lifecycle.lifecycle(scoped.edition.id);
                if (lifecycle)
                    scoped.lifecycle = std::move(*lifecycle);
                else if (lifecycle.error().code != ErrorCode::NotFound)
                    return std::unexpected(lifecycle.error());
                scoped.sheet = NUSQA_TRY(_lifecycleService.sheetRecords(scoped.edition.id));
                build.scope.editions.push_back(std::move(scoped));
            }
        }
        if (page.items.size() < static_cast<std::size_t>(kPageSize)) break;
    }

    // 2. The register on the end date and its changes in the period.
    NUSQA_TRY(advance("register"));
    RegisterQuery registerQuery;
    registerQuery.date = query.to;
    registerQuery.unit = query.unit;
    std::vector<RegisterEntry> inForce = NUSQA_TRY(_lifecycle.inForceOn(registerQuery)).items;
    NUSQA_TRY(addTable(detail::registerInForceTable(build.scope, inForce), true));
    NUSQA_TRY(advance("register changes"));
    NUSQA_TRY(addTable(detail::registerChangesTable(build.scope), true));

    // 3. What was approved in the period, how, and with which change records.
    NUSQA_TRY(advance("approvals"));
    NUSQA_TRY(addTable(detail::approvalsTable(build.scope), true));
    NUSQA_TRY(advance("approval routes"));
    NUSQA_TRY(
        addTable(NUSQA_TRY(detail::approvalRouteTable(build.scope, _lifecycle, _people)), true));
    NUSQA_TRY(advance("approval signatures"));
    NUSQA_TRY(addTable(NUSQA_TRY(detail::approvalSignaturesTable(build.scope, _lifecycle)), true));
    NUSQA_TRY(advance("change records"));
    NUSQA_TRY(
        addTable(NUSQA_TRY(detail::changeRecordsTable(build.scope, _documents, _reader)), true));

    // 4. Familiarization and reviews.
    NUSQA_TRY(advance("familiarization"));
    NUSQA_TRY(
        addTable(NUSQA_TRY(detail::familiarizationTable(build.scope, _lifecycle, _people)), true));
    NUSQA_TRY(advance("reviews"));
    NUSQA_TRY(addTable(NUSQA_TRY(detail::reviewsTable(build.scope, _lifecycle, inForce)), true));

    // 5. The sections other work fills.
    NUSQA_TRY(advance("controlled copies"));
    if (auto copies = NUSQA_TRY(controlledCopies(build)); copies)
        NUSQA_TRY(addTable(*copies, true));
    else
        build.sections.push_back(
            "{\"name\":\"controlled-copies\",\"available\":false,\"note\":\"controlled copies are "
            "not recorded by this server yet\",\"files\":[]}");
    NUSQA_TRY(advance("agreement sheets and familiarization logs (XML)"));
    if (!NUSQA_TRY(recordXmlVersions(build)))
        build.sections.push_back(
            "{\"name\":\"record-xml\",\"available\":false,\"note\":\"agreement sheets and "
            "familiarization logs are not stored as XML versions by this server yet\","
            "\"files\":[]}");

    // 6. The audit trail: the head first, then the whole chain verified (it
    // covers at least up to that head), then the extract of the period.
    NUSQA_TRY(advance("audit log"));
    AuditQuery headQuery;
    headQuery.limit = 1;
    AuditPage all = NUSQA_TRY(_audit.listAudit(headQuery));
    AuditEntry head;
    if (all.total > 0) {
        headQuery.offset = static_cast<int>(all.total - 1);
        AuditPage last = NUSQA_TRY(_audit.listAudit(headQuery));
        if (!last.items.empty()) head = last.items.back();
    }
    AuditVerification verification = NUSQA_TRY(_audit.verifyAudit());
    ReportTable extract;
    extract.name = "audit-log";
    extract.title = "Аудит журналы / Журнал аудита";
    extract.columns = {"sequence",   "at",       "actorId", "actorLogin",   "action",
                       "objectType", "objectId", "details", "previousHash", "hash"};
    std::int64_t firstSequence = 0, lastSequence = 0;
    bool linked = true;  // each entry's previousHash is the hash of the one before
    std::string previousHash;
    for (int offset = 0;; offset += kPageSize) {
        NUSQA_TRY(inTime(build.deadline, limit));
        AuditQuery period;
        period.from = query.from;
        period.to = query.to;
        period.limit = kPageSize;
        period.offset = offset;
        AuditPage page = NUSQA_TRY(_audit.listAudit(period));
        if (page.total > _settings.maxAuditEntries)
            return fail(ErrorCode::TooLarge,
                        std::to_string(page.total) + " audit entries in the period, more than " +
                            std::to_string(_settings.maxAuditEntries) + ": shorten the period");
        for (const AuditEntry& item : page.items) {
            if (firstSequence == 0)
                firstSequence = item.sequence;
            else if (item.sequence != lastSequence + 1 || item.previousHash != previousHash)
                linked = false;
            lastSequence = item.sequence;
            previousHash = item.hash;
            const NewAuditEntry& e = item.entry;
            extract.rows.push_back({std::to_string(item.sequence), e.at, std::to_string(e.actorId),
                                    e.actorLogin, e.action, e.objectType, e.objectId, e.details,
                                    item.previousHash, item.hash});
        }
        if (page.items.size() < static_cast<std::size_t>(kPageSize)) break;
    }
    NUSQA_TRY(addTable(extract, false));
    NUSQA_TRY(advance("audit verification"));
    ReportTable report;
    report.name = "audit-verification";
    report.title = "Аудит журналының тексерілуі / Проверка журнала аудита";
    report.notes.push_back("Кезең / Период: " + query.from + " — " + query.to);
    report.columns = {"check", "value"};
    report.rows = {
        {"chain", verification.intact ? "intact" : "broken"},
        {"entriesVerified", std::to_string(verification.entries)},
        {"firstBadSequence",
         verification.intact ? "" : std::to_string(verification.firstBadSequence)},
        {"problem", verification.problem},
        {"headSequence", std::to_string(head.sequence)},
        {"headHash", head.hash},
        {"extractFirstSequence", firstSequence ? std::to_string(firstSequence) : ""},
        {"extractLastSequence", lastSequence ? std::to_string(lastSequence) : ""},
        {"extractEntries", std::to_string(extract.rows.size())},
        {"extractLinked", linked ? "yes" : "no"},
        {"extractFirstPreviousHash", extract.rows.empty() ? "" : extract.rows.front()[8]},
    };
    NUSQA_TRY(addTable(report, true));

    // 7. The manifest, the archive closed, the act recorded.
    NUSQA_TRY(advance("manifest"));
    std::string manifest = "{\n  \"format\": \"nusqa-audit-package-1\",\n";
    manifest += "  \"period\": {\"from\": " + jsonString(query.from) +
                ", \"to\": " + jsonString(query.to) + "},\n";
    manifest += "  \"unit\": " + jsonString(query.unit) + ",\n";
    manifest += "  \"asOf\": " + jsonString(build.scope.asOf) + ",\n";
    manifest += "  \"generatedAt\": " + jsonString(_clock.now()) + ",\n";
    manifest += "  \"generatedBy\": " + jsonString(actorLoginOf(actor)) + ",\n";
    manifest +=
        "  \"csv\": {\"encoding\": \"UTF-8 with byte-order mark\", \"lineEnd\": \"CRLF\", "
        "\"quoting\": \"RFC 4180\", \"header\": true},\n";
    manifest +=
        "  \"audit\": {\"chainIntact\": " + std::string(verification.intact ? "true" : "false") +
        ", \"entriesVerified\": " + std::to_string(verification.entries) +
        ", \"headSequence\": " + std::to_string(head.sequence) +
        ", \"headHash\": " + jsonString(head.hash) +
        ", \"extractEntries\": " + std::to_string(extract.rows.size()) + "},\n";
    manifest += "  \"sections\": [\n";
    for (std::size_t i = 0; i < build.sections.size(); ++i)
        manifest += "    " + build.sections[i] + (i + 1 < build.sections.size() ? ",\n" : "\n");
    manifest += "  ],\n  \"files\": [\n";
    for (std::size_t i = 0; i < build.files.size(); ++i) {
        const PackageFile& file = build.files[i];
        manifest += "    {\"name\": " + jsonString(file.name) +
                    ", \"size\": " + std::to_string(file.size) +
                    ", \"sha256\": " + jsonString(file.sha256) + "}" +
                    (i + 1 < build.files.size() ? ",\n" : "\n");
    }
    manifest += "  ]\n}\n";
    NUSQA_TRY(addFile("manifest.json", manifest));
    NUSQA_TRY(archive.finish());

    AuditPackageSummary summary;
    summary.files = build.files;
    summary.manifestSha256 = build.files.back().sha256;
    summary.auditHeadSequence = head.sequence;
    summary.auditHeadHash = head.hash;
    summary.chainIntact = verification.intact;
    summary.extractEntries = static_cast<std::int64_t>(extract.rows.size());
    NewAuditEntry entry;
    entry.at = _clock.now();
    entry.actorId = actor != nullptr ? actor->id : 0;
    entry.actorLogin = actorLoginOf(actor);
    entry.action = "audit.package";
    entry.objectType = "audit_package";
    entry.objectId = query.from + ".." + query.to;
    entry.details = "certification-audit package of " + query.from + " to " + query.to +
                    (query.unit.empty() ? "" : ", unit " + query.unit) + ", " +
                    std::to_string(build.files.size()) + " files, manifest SHA-256 " +
                    summary.manifestSha256 + ", audit head " + std::to_string(head.sequence) + " " +
                    via.describe();
    NUSQA_TRY(_audit.append({entry}));
    if (progress) progress(build.steps, build.steps, "done");
    return summary;
}

Status AuditPackageService::addFile(Build& build, const std::string& name, std::string_view bytes) {
    NUSQA_TRY(build.archive->add(name, bytes));
    build.files.push_back(
        PackageFile{name, static_cast<std::int64_t>(bytes.size()), _sha256(bytes)});
    return {};
}

Result<std::optional<ReportTable>> AuditPackageService::controlledCopies(Build& build) {
    ReportTable table;
    table.name = "controlled-copies";
    table.title = "Бақыланатын даналар / Контрольные экземпляры";
    table.notes.push_back("Кезең / Период: " + build.scope.query.from + " — " +
                          build.scope.query.to);
    table.columns = {"editionId",         "code",       "edition",    "language",
                     "copyNumber",        "holder",     "issuedAt",   "issuedBy",
                     "recallRequestedAt", "recalledAt", "recalledBy", "stateAtEnd"};
    std::map<std::int64_t, const detail::ScopedEdition*> inScope;
    for (const detail::ScopedEdition& scoped : build.scope.editions)
        inScope.emplace(scoped.edition.id, &scoped);
    // Every copy of the store once (ordered by edition, then number), kept
    // when it was issued, asked back or returned in the period; its state
    // as of the end date, so a period always gives the same table.
    for (const ControlledCopy& copy : NUSQA_TRY(_lifecycle.copies(CopyQuery{}))) {
        auto scoped = inScope.find(copy.editionId);
        if (scoped == inScope.end()) continue;
        auto by = [&](const std::string& at) {
            return !at.empty() && at.substr(0, 10) <= build.scope.query.to;
        };
        if (!detail::inPeriod(build.scope, copy.issuedAt) &&
            !detail::inPeriod(build.scope, copy.recallRequestedAt) &&
            !detail::inPeriod(build.scope, copy.recalledAt))
            continue;
        NUSQA_TRY(inTime(build.deadline, _settings.timeLimitSeconds));
        std::string state = by(copy.recalledAt)          ? "recalled"
                            : by(copy.recallRequestedAt) ? "recall_requested"
                                                         : "open";
        const detail::ScopedEdition& edition = *scoped->second;
        table.rows.push_back({std::to_string(copy.editionId), edition.document.code,
                              std::to_string(edition.edition.number),
                              std::string(toString(edition.edition.language)),
                              std::to_string(copy.number), copy.holderName, copy.issuedAt,
                              copy.issuedByLogin,
                              by(copy.recallRequestedAt) ? copy.recallRequestedAt : "",
                              by(copy.recalledAt) ? copy.recalledAt : "",
                              by(copy.recalledAt) ? copy.recalledByLogin : "", state});
    }
    return std::optional<ReportTable>{std::move(table)};
}

Result<bool> AuditPackageService::recordXmlVersions(Build& build) {
    // For each edition in scope whose agreement sheet or familiarization log
    // got a version in the period: every version up to the end date,
    // byte-exact, so the chain of SHA-256 runs whole from version 1; and an
    // index table of them.
    ReportTable index;
    index.name = "record-xml";
    index.title =
        "Келісу парақтары мен танысу парақтары (XML) / Листы согласования и "
        "ознакомления (XML)";
    index.notes.push_back("Кезең / Период: " + build.scope.query.from + " — " +
                          build.scope.query.to);
    index.columns = {"editionId", "code",   "edition",        "kind",   "version",
                     "createdAt", "sha256", "previousSha256", "intact", "file"};
    std::vector<std::string> names;
    for (const detail::ScopedEdition& scoped : build.scope.editions) {
        for (RecordKind kind : {RecordKind::AgreementSheet, RecordKind::FamiliarizationLog}) {
            NUSQA_TRY(inTime(build.deadline, _settings.timeLimitSeconds));
            std::vector<RecordVersion> versions =
                NUSQA_TRY(_lifecycle.recordVersions(scoped.edition.id, kind, false));
            bool touched = std::any_of(
                versions.begin(), versions.end(),
                [&](const RecordVersion& v) { return detail::inPeriod(build.scope, v.createdAt); });
            if (!touched) continue;
            std::string stem =
                kind == RecordKind::AgreementSheet ? "agreement-sheet-" : "familiarization-log-";
            for (const RecordVersion& listed : versions) {
                if (listed.createdAt.substr(0, 10) > build.scope.query.to) continue;
                RecordVersion version =
                    NUSQA_TRY(_lifecycle.recordVersion(scoped.edition.id, kind, listed.version));
                std::string name = "records/" + std::to_string(scoped.edition.id) + "/" + stem +
                                   std::to_string(version.version) + ".xml";
                NUSQA_TRY(addFile(build, name, version.xml));
                names.push_back(name);
                bool intact = build.files.back().sha256 == version.sha256;
                index.rows.push_back({std::to_string(scoped.edition.id), scoped.document.code,
                                      std::to_string(scoped.edition.number),
                                      std::string(toString(kind)), std::to_string(version.version),
                                      version.createdAt, version.sha256, version.previousSha256,
                                      intact ? "yes" : "no", name});
            }
        }
    }
    // The index as CSV; its section names every XML file too.
    std::string csvName = "csv/" + index.name + ".csv";
    NUSQA_TRY(addFile(build, csvName, csvOf(index)));
    std::string section =
        "{\"name\":" + jsonString(index.name) + ",\"title\":" + jsonString(index.title) +
        ",\"rows\":" + std::to_string(index.rows.size()) + ",\"files\":[" + jsonString(csvName);
    for (const std::string& name : names) section += "," + jsonString(name);
    build.sections.push_back(section + "]}");
    return true;
}

}  // namespace nusqa
