#include "domain/SearchService.h"

#include "domain/Authorization.h"

namespace nusqa {
namespace {

// "YYYY-MM-DD" with a month 01-12 and a day 01-31.
bool isDate(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9') return false;
    int month = (text[5] - '0') * 10 + (text[6] - '0');
    int day = (text[8] - '0') * 10 + (text[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

bool SearchService::seesEveryStatus(const User& actor) {
    return rolesAllow(actor.roles, Action::EditDrafts) || rolesAllow(actor.roles, Action::Agree) ||
           rolesAllow(actor.roles, Action::ReadQualityRecords);
}

Result<SearchAnswer> SearchService::search(const User& actor, const SearchRequest& request) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    if (request.page < 1 || request.page > kMaxPages)
        return fail(ErrorCode::InvalidArgument,
                    "page must be between 1 and " + std::to_string(kMaxPages));
    SearchCriteria criteria;
    criteria.clauses = NUSQA_TRY(search::parseQuery(request.query));
    bool everyStatus = seesEveryStatus(actor);
    switch (request.scope) {
        case SearchRequest::Scope::InForce:
            criteria.statuses = {EditionStatus::InForce};
            break;
        case SearchRequest::Scope::Status:
            if (request.status != EditionStatus::InForce && !everyStatus)
                return fail(ErrorCode::Forbidden,
                            actor.login + " may search editions in force only, not " +
                                std::string(toString(request.status)) + " ones");
            criteria.statuses = {request.status};
            break;
        case SearchRequest::Scope::Any:
            if (everyStatus)
                criteria.statuses = {EditionStatus::Draft,    EditionStatus::InAgreement,
                                     EditionStatus::Agreed,   EditionStatus::Approved,
                                     EditionStatus::InForce,  EditionStatus::Superseded,
                                     EditionStatus::Cancelled};
            else
                criteria.statuses = {EditionStatus::InForce};
            break;
    }
    if (!request.inForceOn.empty()) {
        if (request.scope != SearchRequest::Scope::InForce)
            return fail(ErrorCode::InvalidArgument, "inForceOn and status exclude each other");
        if (!isDate(request.inForceOn))
            return fail(ErrorCode::InvalidArgument, "inForceOn must be a date YYYY-MM-DD");
        criteria.statuses.clear();
        criteria.inForceOn = request.inForceOn;
    }
    criteria.language = request.language;
    criteria.unit = request.unit;
    criteria.kind = request.kind;
    criteria.offset = (request.page - 1) * kPageSize;
    criteria.limit = kPageSize;
    SearchResults results = NUSQA_TRY(_index.search(criteria));

    SearchAnswer answer;
    answer.total = results.total;
    answer.truncated = results.truncated;
    answer.page = request.page;
    answer.pageSize = kPageSize;
    for (SearchMatch& match : results.matches) {
        SearchHit hit;
        hit.snippet =
            search::snippetOf(match.passage.text, criteria.clauses, match.edition.language);
        hit.eId = std::move(match.passage.eId);
        hit.num = std::move(match.passage.num);
        hit.document = std::move(match.document);
        hit.edition = std::move(match.edition);
        answer.hits.push_back(std::move(hit));
    }
    return answer;
}

}  // namespace nusqa
