// The metadata blocks that run over several title-page paragraphs: the
// approval block (БЕКІТЕМІН / УТВЕРЖДАЮ), the prepared and agreed lists
// (position, date, name per person), the approving decision, the entry
// into force.
#include <algorithm>
#include <array>

#include "import/detail/FrontMatter.h"
#include "import/detail/Patterns.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {

std::size_t readApprovalBlock(Recognition& r, std::vector<FrontPara>& paras, std::size_t at) {
    // Line by line: the lines wrapped into the label's paragraph, then the
    // paragraphs after it, until a heading, a label or the title.
    Meta& meta = r.document.meta;
    std::string position;
    DateMatch date;
    std::string name;
    auto take = [&](const Para& line, const std::string& text) {
        std::vector<std::string> people = peopleNamed(text);
        std::vector<DateMatch> dates = findDates(text);
        if (words(text).empty() && text.find('_') != std::string::npos) {
            r.meta(line, "approval.signature");  // the line to sign on
        } else if (people.size() == 1 && name.empty()) {
            name = people.front();
            r.meta(line, "approval.name");
        } else if (datesCover(text, dates)) {
            for (const DateMatch& part : dates) {
                if (part.day > 0) date.day = part.day;
                if (part.month > 0) date.month = part.month;
                if (part.year > 0) date.year = part.year;
            }
            r.meta(line, "approval.date");
        } else if (name.empty() && dates.empty() && wordCount(text) <= 25 && !findCode(text)) {
            position += (position.empty() ? "" : " ") + collapseSpaces(text);
            r.meta(line, "approval.position");
        } else {
            return false;
        }
        return true;
    };
    FrontPara& first = paras[at];
    first.done = true;
    for (std::size_t k = 0; k < first.lines.size(); ++k) {
        const Para& line = first.lines[k];
        std::string text = line.text;
        if (k == 0) labelOf(collapseSpaces(line.text), text);
        if (trim(text).empty() || !take(line, text)) r.meta(line, "approval");
    }
    std::size_t i = at + 1;
    for (; i < paras.size(); ++i) {
        FrontPara& para = paras[i];
        if (para.done) continue;
        std::string ignored;
        if (para.headingLevel > 0 || labelOf(para.text, ignored) != Label::None ||
            kindNamedBy(para.text) || para.lines.size() != 1 ||
            !take(para.lines.front(), para.text))
            break;
        para.done = true;
    }
    meta.approval.position = collapseSpaces(position);
    meta.approval.name = name;
    meta.hasApproval = !name.empty();
    r.approvalDate = date;
    setOrganisation(r, organisationIn(position));
    return i;
}

std::size_t readPeopleBlock(Recognition& r, std::vector<FrontPara>& paras, std::size_t at,
                            Label label) {
    Meta& meta = r.document.meta;
    const bool prepared = label == Label::Prepared;
    const std::string role = prepared ? "preparedBy" : "agreementList";
    std::string rest;
    labelOf(paras[at].text, rest);
    std::string roleDate = firstIso(rest);
    std::vector<Person> people;
    if (auto organisation = findOrganisation(rest)) {
        setOrganisation(r, organisation->name);
        // What follows the organisation names the unit: «Ғылыми кітапханасында».
        std::string unit(trim(std::string_view(rest).substr(organisation->end)));
        if (!unit.empty() && wordCount(unit) <= 6 && findDates(unit).empty() && meta.unit.empty())
            meta.unit = withoutCaseEnding(unit);
    }
    for (const std::string& name : peopleNamed(rest)) people.push_back({{}, name, roleDate});
    consume(r, paras[at], prepared ? "prepared" : "agreed");
    std::string position, date;
    std::size_t i = at + 1;
    for (; i < paras.size(); ++i) {
        FrontPara& para = paras[i];
        if (para.done) continue;
        std::string ignored;
        if (para.headingLevel > 0 || labelOf(para.text, ignored) != Label::None) break;
        std::vector<std::string> named = peopleNamed(para.text);
        std::vector<DateMatch> dates = findDates(para.text);
        if (!named.empty()) {
            for (const std::string& name : named)
                people.push_back({collapseSpaces(position), name, date.empty() ? roleDate : date});
            position.clear();
            date.clear();
            consume(r, para, role + ".name");
        } else if (datesCover(para.text, dates)) {
            date = firstIso(para.text);
            consume(r, para, role + ".date");
        } else if (dates.empty() && wordCount(para.text) <= 25 && !isAllUpper(para.text) &&
                   !findCode(para.text) && !kindNamedBy(para.text) && editionIn(para.text) == 0) {
            position += (position.empty() ? "" : " ") + para.text;
            consume(r, para, role + ".position");
        } else {
            break;
        }
    }
    std::string latest;
    for (const Person& person : people) latest = std::max(latest, person.date);
    if (prepared) {
        for (Person& person : people) meta.preparedBy.push_back(person);
        if (meta.prepared.empty()) meta.prepared = roleDate.empty() ? latest : roleDate;
    } else {
        for (Person& person : people) meta.approvers.push_back(person);
        if (meta.agreed.empty()) meta.agreed = roleDate.empty() ? latest : roleDate;
    }
    return i;
}

void readApprovedBy(Recognition& r, FrontPara& para, const std::string& rest) {
    Meta& meta = r.document.meta;
    std::string date = firstIso(rest);
    if (!date.empty()) meta.approved = date;
    std::string t = lower(rest);
    bool decision = false;
    for (std::string_view word : {"шешім", "решени", "бұйрығ", "приказ", "хаттама", "протокол"})
        decision = decision || t.find(word) != std::string::npos;
    if (decision) {
        std::size_t numero = rest.find("№");
        if (numero != std::string::npos) {
            std::string_view after =
                trim(std::string_view(rest).substr(numero + std::string_view("№").size()));
            std::size_t end = 0;
            while (end < after.size() && after[end] != ' ') ++end;
            meta.decisionNumber = std::string(after.substr(0, end));
        }
        meta.decisionDate = date;
        // The approving body comes first, in the genitive: «Басқарманың ... шешімімен».
        std::string_view first = trim(rest);
        first = first.substr(0, first.find(' '));
        std::size_t probe = 0;
        if (!first.empty() && isUpper(decodeAt(first, probe))) {
            std::string body = withoutCaseEnding(first);
            if (wordCount(body) == 1) {
                meta.approval.name = body;
                meta.approval.date = date;
                meta.hasApproval = true;
            }
        }
    }
    consume(r, para, decision ? "approval.decision" : "approved");
}

void readEntered(Recognition& r, FrontPara& para, const std::string& rest) {
    std::string after;
    std::string text = rest;
    std::string field = "effective";
    if (readReplaces(r, rest, after)) {
        text = after;
        field = "replaces,effective";
    }
    std::string date = firstIso(text);
    if (!date.empty()) r.document.meta.effective = date;
    if (readReview(r, text)) field += ",review";
    consume(r, para, field);
}

}  // namespace nusqa::import
