#include "domain/SearchService.h"

#include "domain/Authorization.h"

namespace nusqa {

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
    criteria.language = request.language;
    criteria.unit = request.unit;
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
