// compareMeta: the facts of <meta>, field by field (see MetaChange).
#include <algorithm>
#include <cstddef>
#include <string>

#include "domain/Comparison.h"

namespace nusqa::compare {
namespace {

class MetaDiff {
public:
    void field(std::string name, const std::string& before, const std::string& after) {
        if (before == after) return;
        _out.push_back({std::move(name), before, after, diffWords(before, after)});
    }

    std::vector<MetaChange> take() && { return std::move(_out); }

private:
    std::vector<MetaChange> _out;
};

std::string joined(std::initializer_list<const std::string*> parts) {
    std::string out;
    for (const std::string* part : parts) {
        if (part->empty()) continue;
        if (!out.empty()) out += ", ";
        out += *part;
    }
    return out;
}

void replaces(MetaDiff& diff, const content::Meta& a, const content::Meta& b) {
    content::Replaces none;
    const content::Replaces& x = a.replaces ? *a.replaces : none;
    const content::Replaces& y = b.replaces ? *b.replaces : none;
    diff.field("replaces.code", x.code, y.code);
    diff.field("replaces.number", x.number, y.number);
    diff.field("replaces.date", x.date, y.date);
}

void dates(MetaDiff& diff, const content::Dates& x, const content::Dates& y) {
    diff.field("dates.prepared", x.prepared, y.prepared);
    diff.field("dates.agreed", x.agreed, y.agreed);
    diff.field("dates.approved", x.approved, y.approved);
    diff.field("dates.effective", x.effective, y.effective);
    diff.field("dates.review", x.review, y.review);
}

void preparedBy(MetaDiff& diff, const std::vector<content::Person>& x,
                const std::vector<content::Person>& y) {
    content::Person none;
    for (std::size_t k = 0; k < std::max(x.size(), y.size()); ++k) {
        const content::Person& p = k < x.size() ? x[k] : none;
        const content::Person& q = k < y.size() ? y[k] : none;
        std::string prefix = "preparedBy[" + std::to_string(k + 1) + "].";
        diff.field(prefix + "position", p.position, q.position);
        diff.field(prefix + "name", p.name, q.name);
    }
}

void approval(MetaDiff& diff, const content::Meta& a, const content::Meta& b) {
    content::Approval none;
    const content::Approval& x = a.approval ? *a.approval : none;
    const content::Approval& y = b.approval ? *b.approval : none;
    diff.field("approval.position", x.position, y.position);
    diff.field("approval.name", x.name, y.name);
    diff.field("approval.date", x.date, y.date);
    diff.field("approval.decisionNumber", x.decisionNumber, y.decisionNumber);
    diff.field("approval.decisionDate", x.decisionDate, y.decisionDate);
}

std::string copyNumber(const std::optional<std::string>& value) {
    if (!value) return "";
    return value->empty() ? "uncontrolled" : *value;
}

const content::Approver* findApprover(const std::vector<content::Approver>& list,
                                      const std::string& eId) {
    for (const content::Approver& approver : list)
        if (approver.eId == eId) return &approver;
    return nullptr;
}

std::string describe(const content::Approver& approver) {
    return joined({&approver.position, &approver.name, &approver.date});
}

// Approvers by eId: changed fields, added and removed approvers, and the
// order of those both editions list when it changed.
void agreementList(MetaDiff& diff, const std::vector<content::Approver>& x,
                   const std::vector<content::Approver>& y) {
    std::string orderBefore;
    std::string orderAfter;
    for (const content::Approver& before : x) {
        const content::Approver* after = findApprover(y, before.eId);
        if (after == nullptr) continue;
        orderBefore += (orderBefore.empty() ? "" : ", ") + before.eId;
    }
    for (const content::Approver& after : y) {
        const content::Approver* before = findApprover(x, after.eId);
        std::string prefix = "agreementList[" + after.eId + "]";
        if (before == nullptr) {
            diff.field(prefix, "", describe(after));
            continue;
        }
        orderAfter += (orderAfter.empty() ? "" : ", ") + after.eId;
        diff.field(prefix + ".position", before->position, after.position);
        diff.field(prefix + ".name", before->name, after.name);
        diff.field(prefix + ".date", before->date, after.date);
    }
    for (const content::Approver& before : x)
        if (findApprover(y, before.eId) == nullptr)
            diff.field("agreementList[" + before.eId + "]", describe(before), "");
    diff.field("agreementList.order", orderBefore, orderAfter);
}

}  // namespace

std::vector<MetaChange> compareMeta(const content::Meta& a, const content::Meta& b) {
    MetaDiff diff;
    diff.field("organisation", a.organisation, b.organisation);
    diff.field("profile", a.profile, b.profile);
    diff.field("kind", std::string(toString(a.kind)), std::string(toString(b.kind)));
    diff.field("kindTitle", a.kindTitle, b.kindTitle);
    diff.field("code", a.code, b.code);
    diff.field("title", a.title, b.title);
    diff.field("language", std::string(toString(a.language)), std::string(toString(b.language)));
    diff.field("unit", a.unit, b.unit);
    diff.field("edition", std::to_string(a.edition), std::to_string(b.edition));
    replaces(diff, a, b);
    dates(diff, a.dates, b.dates);
    preparedBy(diff, a.preparedBy, b.preparedBy);
    approval(diff, a, b);
    diff.field("copyNumber", copyNumber(a.copyNumber), copyNumber(b.copyNumber));
    agreementList(diff, a.agreementList, b.agreementList);
    return std::move(diff).take();
}

}  // namespace nusqa::compare
