#include "domain/detail/AuditPackageTables.h"

#include <algorithm>
#include <tuple>

namespace nusqa::detail {
namespace {

std::string dayOf(const std::string& timestamp) {
    return timestamp.substr(0, std::min<std::size_t>(10, timestamp.size()));
}

std::string periodNote(const PackageScope& scope) {
    std::string note = "Кезең / Период: " + scope.query.from + " — " + scope.query.to;
    if (!scope.query.unit.empty()) note += "; бөлім / подразделение: " + scope.query.unit;
    return note;
}

ReportTable tableOf(const PackageScope& scope, std::string name, std::string title,
                    std::vector<std::string> columns) {
    ReportTable table;
    table.name = std::move(name);
    table.title = std::move(title);
    table.notes.push_back(periodNote(scope));
    table.columns = std::move(columns);
    return table;
}

// Code, title, edition number, language, edition id: how every table names
// an edition.
std::vector<std::string> editionCells(const Document& document, const Edition& edition) {
    return {document.code, document.title, std::to_string(edition.number),
            std::string(toString(edition.language)), std::to_string(edition.id)};
}

const std::vector<std::string> kEditionColumns = {"code", "title", "edition", "language",
                                                  "editionId"};

std::vector<std::string> withEdition(std::vector<std::string> more) {
    std::vector<std::string> columns = kEditionColumns;
    columns.insert(columns.end(), more.begin(), more.end());
    return columns;
}

std::vector<std::string> rowWith(const ScopedEdition& scoped, std::vector<std::string> more) {
    std::vector<std::string> row = editionCells(scoped.document, scoped.edition);
    row.insert(row.end(), more.begin(), more.end());
    return row;
}

Result<const User*> userOf(PackageScope& scope, PeopleStore& people, std::int64_t id) {
    auto found = scope.users.find(id);
    if (found == scope.users.end()) {
        auto user = people.user(id);
        if (!user) {
            if (user.error().code != ErrorCode::NotFound) return std::unexpected(user.error());
            return static_cast<const User*>(nullptr);
        }
        found = scope.users.emplace(id, std::move(*user)).first;
    }
    return &found->second;
}

std::string unitName(const Unit& unit) {
    if (unit.nameRu.empty() || unit.nameRu == unit.nameKk) return unit.nameKk;
    return unit.nameKk + " / " + unit.nameRu;
}

}  // namespace

bool inPeriod(const PackageScope& scope, const std::string& dateOrTimestamp) {
    if (dateOrTimestamp.size() < 10) return false;
    std::string day = dayOf(dateOrTimestamp);
    return day >= scope.query.from && day <= scope.query.to;
}

std::vector<const ScopedEdition*> approvedInPeriod(const PackageScope& scope) {
    std::vector<const ScopedEdition*> approved;
    for (const ScopedEdition& scoped : scope.editions)
        if (scoped.sheet.facts && inPeriod(scope, scoped.sheet.facts->approvedAt))
            approved.push_back(&scoped);
    return approved;
}

ReportTable registerInForceTable(const PackageScope& scope,
                                 const std::vector<RegisterEntry>& entries) {
    ReportTable table = tableOf(scope, "register-in-force",
                                "Қолданыстағы құжаттар тізбесі / Перечень действующих документов "
                                "(" +
                                    scope.query.to + ")",
                                withEdition({"kind", "unit", "effectiveDate", "sha256"}));
    for (const RegisterEntry& entry : entries) {
        std::vector<std::string> row = editionCells(entry.document, entry.edition);
        row.insert(row.end(), {std::string(toString(entry.document.kind)), entry.document.unit,
                               entry.effectiveDate, entry.edition.sha256});
        table.rows.push_back(std::move(row));
    }
    return table;
}

ReportTable registerChangesTable(const PackageScope& scope) {
    ReportTable table =
        tableOf(scope, "register-changes", "Тізбенің өзгерістері / Изменения перечня",
                withEdition({"date", "change", "replaces", "replacedBy"}));
    std::vector<std::tuple<std::string, std::string, const ScopedEdition*>> changes;
    for (const ScopedEdition& scoped : scope.editions) {
        if (!scoped.sheet.facts) continue;
        const RegisterFacts& facts = *scoped.sheet.facts;
        bool entered = !scoped.lifecycle.enteredAt.empty() || scoped.lifecycle.paper.has_value();
        std::string effective = facts.effectiveDate;
        if (effective.empty() && facts.paper) effective = facts.paper->approval.effectiveDate;
        if (entered && inPeriod(scope, effective))
            changes.emplace_back(dayOf(effective), "entered_into_force", &scoped);
        if (inPeriod(scope, facts.endedOn))
            changes.emplace_back(
                dayOf(facts.endedOn),
                facts.status == EditionStatus::Cancelled ? "cancelled" : "superseded", &scoped);
    }
    std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) {
        return std::tie(std::get<0>(a), std::get<2>(a)->document.code) <
               std::tie(std::get<0>(b), std::get<2>(b)->document.code);
    });
    for (const auto& [date, change, scoped] : changes) {
        const RegisterFacts& facts = *scoped->sheet.facts;
        table.rows.push_back(rowWith(
            *scoped, {date, change, facts.replaces ? std::to_string(facts.replaces->number) : "",
                      facts.replacedBy ? std::to_string(facts.replacedBy->number) : ""}));
    }
    return table;
}

ReportTable approvalsTable(const PackageScope& scope) {
    ReportTable table = tableOf(
        scope, "approvals", "Кезеңде бекітілген басылымдар / Издания, утверждённые в периоде",
        withEdition({"status", "decision", "approvedAt", "signatory", "signatoryPosition",
                     "effectiveDate", "reviewDate", "sha256"}));
    for (const ScopedEdition* scoped : approvedInPeriod(scope)) {
        const RegisterFacts& facts = *scoped->sheet.facts;
        table.rows.push_back(
            rowWith(*scoped, {std::string(toString(facts.status)), facts.decision, facts.approvedAt,
                              facts.signatoryName, facts.signatoryPosition, facts.effectiveDate,
                              facts.reviewDate, scoped->edition.sha256}));
    }
    return table;
}

Result<ReportTable> approvalRouteTable(PackageScope& scope, LifecycleStore& lifecycle,
                                       PeopleStore& people) {
    ReportTable table = tableOf(scope, "approval-route", "Келісу бағыты / Маршрут согласования",
                                withEdition({"round", "order", "step", "login", "fullName",
                                             "decision", "decidedAt", "comment"}));
    for (const ScopedEdition* scoped : approvedInPeriod(scope)) {
        for (const AgreementStep& step : NUSQA_TRY(lifecycle.agreementSteps(scoped->edition.id))) {
            const User* user = NUSQA_TRY(userOf(scope, people, step.userId));
            table.rows.push_back(
                rowWith(*scoped, {std::to_string(step.round), std::to_string(step.order),
                                  std::string(toString(step.kind)), user ? user->login : "",
                                  user ? user->fullName(scoped->edition.language) : "",
                                  step.decision, step.decidedAt, step.comment}));
        }
    }
    return table;
}

Result<ReportTable> approvalSignaturesTable(const PackageScope& scope, LifecycleStore& lifecycle) {
    ReportTable table = tableOf(scope, "approval-signatures",
                                "Келісу және бекіту қолтаңбалары / Подписи согласования и "
                                "утверждения",
                                withEdition({"meaning", "fullName", "position", "signedAt",
                                             "editionSha256", "revision", "comment"}));
    for (const ScopedEdition* scoped : approvedInPeriod(scope)) {
        for (const Signature& signature : NUSQA_TRY(lifecycle.signatures(scoped->edition.id))) {
            if (signature.meaning == SignatureMeaning::Familiarized ||
                signature.meaning == SignatureMeaning::Reviewed)
                continue;
            table.rows.push_back(rowWith(
                *scoped,
                {std::string(toString(signature.meaning)), signature.fullName, signature.position,
                 signature.signedAt, signature.editionSha256,
                 signature.editionRevision > 0 ? std::to_string(signature.editionRevision) : "",
                 signature.comment}));
        }
    }
    return table;
}

Result<ReportTable> changeRecordsTable(const PackageScope& scope, Store& documents,
                                       const ComparisonService::ContentReader& reader) {
    ReportTable table =
        tableOf(scope, "change-records", "Өзгерістерді тіркеу / Регистрация изменений",
                withEdition({"number", "location", "target", "kind", "notice", "noticeDate",
                             "entered", "person", "position"}));
    for (const ScopedEdition* scoped : approvedInPeriod(scope)) {
        std::string xml = NUSQA_TRY(documents.editionXml(scoped->edition.id));
        content::Content content = NUSQA_TRY(reader(xml));
        for (const content::ChangeRecord& record : content.changes) {
            const char* kind = record.kind == content::ChangeKind::Add      ? "add"
                               : record.kind == content::ChangeKind::Delete ? "delete"
                                                                            : "replace";
            table.rows.push_back(rowWith(
                *scoped,
                {record.num, record.location, record.target, kind, record.noticeNumber,
                 record.noticeDate, record.entered, record.person.name, record.person.position}));
        }
    }
    return table;
}

Result<ReportTable> familiarizationTable(PackageScope& scope, LifecycleStore& lifecycle,
                                         PeopleStore& people) {
    ReportTable table =
        tableOf(scope, "familiarization", "Танысу / Ознакомление (" + scope.asOf + ")",
                withEdition({"scope", "unitId", "unit", "assigned", "signedOnTime", "signedLate",
                             "overdue", "pending"}));
    table.notes.push_back("overdue: not signed by " + scope.asOf +
                          " and due before it; pending: not yet due");
    if (scope.units.empty())
        for (Unit& unit : NUSQA_TRY(people.units())) scope.units.emplace(unit.id, std::move(unit));
    struct Counts {
        long assigned = 0, onTime = 0, late = 0, overdue = 0, pending = 0;
    };
    for (const ScopedEdition& scoped : scope.editions) {
        AssignmentQuery query;
        query.editionId = scoped.edition.id;
        std::vector<Assignment> assignments = NUSQA_TRY(lifecycle.assignments(query));
        std::map<std::int64_t, Counts> byUnit;  // 0: no unit
        Counts total;
        for (const Assignment& assignment : assignments) {
            // In the period: assigned by its end and not completed before it.
            if (dayOf(assignment.assignedAt) > scope.query.to) continue;
            std::string signedDay = dayOf(assignment.signedAt);
            if (!signedDay.empty() && signedDay < scope.query.from) continue;
            bool signedByThen = !signedDay.empty() && signedDay <= scope.asOf;
            Counts& unit = byUnit[assignment.unitId.value_or(0)];
            for (Counts* counts : {&unit, &total}) {
                ++counts->assigned;
                if (signedByThen && signedDay <= assignment.dueDate)
                    ++counts->onTime;
                else if (signedByThen)
                    ++counts->late;
                else if (assignment.dueDate < scope.asOf)
                    ++counts->overdue;
                else
                    ++counts->pending;
            }
        }
        if (total.assigned == 0) continue;
        auto cells = [](const Counts& counts) {
            return std::vector<std::string>{
                std::to_string(counts.assigned), std::to_string(counts.onTime),
                std::to_string(counts.late), std::to_string(counts.overdue),
                std::to_string(counts.pending)};
        };
        std::vector<std::string> edition = {"edition", "", ""};
        for (std::string& cell : cells(total)) edition.push_back(std::move(cell));
        table.rows.push_back(rowWith(scoped, std::move(edition)));
        for (const auto& [unitId, counts] : byUnit) {
            auto unit = scope.units.find(unitId);
            std::vector<std::string> row = {
                "unit", unitId == 0 ? "" : std::to_string(unitId),
                unit == scope.units.end() ? "" : unitName(unit->second)};
            for (std::string& cell : cells(counts)) row.push_back(std::move(cell));
            table.rows.push_back(rowWith(scoped, std::move(row)));
        }
    }
    return table;
}

Result<ReportTable> reviewsTable(const PackageScope& scope, LifecycleStore& lifecycle,
                                 const std::vector<RegisterEntry>& inForce) {
    ReportTable table = tableOf(scope, "reviews", "Мерзімді қайта қарау / Периодический пересмотр",
                                withEdition({"status", "reviewDate", "reviewedAt", "outcome",
                                             "fullName", "position", "comment"}));
    for (const ScopedEdition& scoped : scope.editions) {
        if (scoped.lifecycle.version == 0) continue;  // no lifecycle records
        for (const Signature& signature : NUSQA_TRY(lifecycle.signatures(scoped.edition.id))) {
            if (signature.meaning != SignatureMeaning::Reviewed ||
                !inPeriod(scope, signature.signedAt))
                continue;
            table.rows.push_back(rowWith(
                scoped, {"done", scoped.lifecycle.reviewDate, signature.signedAt, signature.outcome,
                         signature.fullName, signature.position, signature.comment}));
        }
    }
    // Due: in force at the end of the period with the review date reached by then.
    for (const RegisterEntry& entry : inForce) {
        for (const ScopedEdition& scoped : scope.editions) {
            if (scoped.edition.id != entry.edition.id) continue;
            const std::string& reviewDate = scoped.lifecycle.reviewDate;
            if (!reviewDate.empty() && reviewDate <= scope.query.to)
                table.rows.push_back(rowWith(scoped, {"due", reviewDate, "", "", "", "", ""}));
        }
    }
    return table;
}

}  // namespace nusqa::detail
