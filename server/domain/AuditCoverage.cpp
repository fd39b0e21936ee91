#include "domain/AuditCoverage.h"

#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <string_view>

namespace nusqa {
namespace {

constexpr int kCoveragePage = 500;
constexpr int kLifecyclePage = 2000;

// What the audit log says about one object.
struct ObjectAudit {
    std::set<std::string> actions;
    std::set<std::int64_t> updatedRevisions;  // N+1 of "revision N -> N+1"
    int unnamedUpdates = 0;                   // edition.update naming no revision
    int lifecycleEntries = 0;
};
using AuditIndex = std::map<std::int64_t, ObjectAudit>;

std::optional<std::int64_t> numberAt(std::string_view text) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end == text.data()) return std::nullopt;
    return value;
}

// The revision an edition.update entry led to: "revision 2 -> 3" gives 3.
std::optional<std::int64_t> revisionAfter(std::string_view details) {
    constexpr std::string_view kRevision = "revision ";
    std::size_t at = details.find(kRevision);
    if (at == std::string_view::npos) return std::nullopt;
    std::size_t arrow = details.find(" -> ", at);
    if (arrow == std::string_view::npos) return std::nullopt;
    return numberAt(details.substr(arrow + 4));
}

// Acts on an edition that are not lifecycle changes.
bool isRegisterAct(std::string_view action) {
    return action == "edition.create" || action == "edition.create_next" ||
           action == "edition.update" || action == "edition.download_pdf" ||
           action == "edition.download_redline_pdf";
}

Result<AuditIndex> indexOf(AuditLog& audit, const std::string& objectType) {
    AuditIndex index;
    AuditQuery query;
    query.objectType = objectType;
    query.limit = kCoveragePage;
    // Keyset pages without counts: the walk stays linear in the log's size.
    query.countTotal = false;
    for (;;) {
        AuditPage page = NUSQA_TRY(audit.listAudit(query));
        if (!page.items.empty()) query.afterSequence = page.items.back().sequence;
        for (const AuditEntry& row : page.items) {
            const NewAuditEntry& entry = row.entry;
            auto id = numberAt(entry.objectId);
            if (!id || std::to_string(*id) != entry.objectId) continue;
            ObjectAudit& object = index[*id];
            object.actions.insert(entry.action);
            if (entry.action == "edition.update") {
                if (auto revision = revisionAfter(entry.details))
                    object.updatedRevisions.insert(*revision);
                else
                    ++object.unnamedUpdates;
            } else if (objectType == "edition" && !isRegisterAct(entry.action)) {
                ++object.lifecycleEntries;
            }
        }
        if (static_cast<int>(page.items.size()) < kCoveragePage) break;
    }
    return index;
}

// The acts that lead into the status (any one of them will do).
std::vector<std::string> actsInto(EditionStatus status, int round) {
    switch (status) {
        case EditionStatus::Draft:
            return round > 0 ? std::vector<std::string>{"edition.reject"}
                             : std::vector<std::string>{};
        case EditionStatus::InAgreement:
            return {"edition.submit"};
        case EditionStatus::Agreed:
            return {"edition.agreed"};
        case EditionStatus::Approved:
            return {"edition.approve"};
        case EditionStatus::InForce:
            return {"edition.enter_into_force", "edition.register_in_force"};
        case EditionStatus::Superseded:
            return {"edition.supersede"};
        case EditionStatus::Cancelled:
            return {"edition.cancel", "edition.review"};
    }
    return {};
}

std::string either(const std::vector<std::string>& actions) {
    std::string text;
    for (const std::string& action : actions) text += (text.empty() ? "" : " or ") + action;
    return text;
}

bool hasAny(const ObjectAudit& object, const std::vector<std::string>& actions) {
    for (const std::string& action : actions)
        if (object.actions.contains(action)) return true;
    return false;
}

class Checker {
public:
    Checker(const AuditIndex& documents, const AuditIndex& editions, CoverageReport& report)
        : _documents(documents), _editions(editions), _report(report) {}

    void document(const Document& document) {
        ++_report.documents;
        if (!of(_documents, document.id).actions.contains("document.create"))
            missing("document", document.id, "document.create",
                    "document " + std::to_string(document.id) + " (" + document.code +
                        ") has no audit entry document.create");
    }

    void edition(const Document& document, const EditionLifecycle& lifecycle) {
        const Edition& edition = lifecycle.edition;
        ++_report.editions;
        const ObjectAudit& audit = of(_editions, edition.id);
        std::string label = "edition " + std::to_string(edition.id) + " (" + document.code +
                            ", edition " + std::to_string(edition.number) + ", " +
                            std::string(toString(edition.language)) + ")";
        std::vector<std::string> created{"edition.create", "edition.create_next"};
        if (!hasAny(audit, created))
            missing("edition", edition.id, "edition.create",
                    label + " has no audit entry " + either(created));
        revisions(audit, edition, label);
        std::vector<std::string> into = actsInto(edition.status, lifecycle.round);
        if (!into.empty() && !hasAny(audit, into))
            missing("edition", edition.id, into.front(),
                    label + " is " + std::string(toString(edition.status)) +
                        " but has no audit entry " + either(into));
        if (audit.lifecycleEntries < lifecycle.version)
            missing("edition", edition.id, "edition.",
                    label + " has " + std::to_string(lifecycle.version) +
                        " lifecycle changes but " + std::to_string(audit.lifecycleEntries) +
                        " audit entries of lifecycle acts");
    }

private:
    static const ObjectAudit& of(const AuditIndex& index, std::int64_t id) {
        static const ObjectAudit kNone;
        auto found = index.find(id);
        return found == index.end() ? kNone : found->second;
    }

    void revisions(const ObjectAudit& audit, const Edition& edition, const std::string& label) {
        int unnamed = audit.unnamedUpdates;
        for (std::int64_t revision = 2; revision <= edition.revision; ++revision) {
            ++_report.revisions;
            if (audit.updatedRevisions.contains(revision)) continue;
            if (unnamed > 0) {  // an entry from before revisions were named
                --unnamed;
                continue;
            }
            missing("edition", edition.id, "edition.update",
                    label + " has no audit entry edition.update for revision " +
                        std::to_string(revision));
        }
    }

    void missing(const char* type, std::int64_t id, const std::string& action,
                 std::string message) {
        _report.missing.push_back(MissingAuditEntry{type, id, action, std::move(message)});
    }

    const AuditIndex& _documents;
    const AuditIndex& _editions;
    CoverageReport& _report;
};

}  // namespace

AuditCoverage::AuditCoverage(Store& documents, LifecycleStore& lifecycle, AuditLog& audit)
    : _documents(documents), _lifecycle(lifecycle), _audit(audit) {}

Result<CoverageReport> AuditCoverage::check() {
    AuditIndex documentAudit = NUSQA_TRY(indexOf(_audit, "document"));
    AuditIndex editionAudit = NUSQA_TRY(indexOf(_audit, "edition"));
    CoverageReport report;
    Checker checker(documentAudit, editionAudit, report);
    // The documents, then every edition's lifecycle in keyset pages by id:
    // a few hundred reads for a university's ten years, not two per edition.
    std::map<std::int64_t, Document> documents;
    DocumentQuery query;
    query.limit = kCoveragePage;
    for (query.offset = 0;; query.offset += kCoveragePage) {
        DocumentPage page = NUSQA_TRY(_documents.listDocuments(query));
        for (Document& document : page.items) {
            checker.document(document);
            std::int64_t id = document.id;
            documents.emplace(id, std::move(document));
        }
        if (static_cast<int>(page.items.size()) < kCoveragePage) break;
    }
    for (std::int64_t after = 0;;) {
        std::vector<EditionLifecycle> page =
            NUSQA_TRY(_lifecycle.lifecyclesAfter(after, kLifecyclePage));
        for (const EditionLifecycle& lifecycle : page) {
            auto document = documents.find(lifecycle.edition.documentId);
            if (document == documents.end())
                return fail(ErrorCode::Internal,
                            "edition " + std::to_string(lifecycle.edition.id) +
                                " names a document the register does not list");
            checker.edition(document->second, lifecycle);
            after = lifecycle.edition.id;
        }
        if (static_cast<int>(page.size()) < kLifecyclePage) break;
    }
    return report;
}

}  // namespace nusqa
