// SearchService: the full-text search of the register (GET /api/v1/search)
// for everyone who may read it — the query parsed and bounded
// (SearchText.h: parseQuery), the editions the actor may see, the index
// asked (SearchIndex), and a snippet with its highlights cut from each best
// passage.
//
// Who sees what: everyone with ReadRegister sees editions in force; editions
// on their way (draft, in agreement, agreed, approved), superseded and
// cancelled ones only those who work on editions or check them: the roles
// that may edit drafts, agree, or read the quality records (quality office,
// authors, approvers, auditors, admins). An employee asking for another
// status gets Forbidden; "any" gives every status the actor may see.
// inForceOn (what was in force on a day) is open to everyone: each edition
// it finds was once the one in force.
//
// Errors: Forbidden (ReadRegister, or a status the actor may not see);
// InvalidArgument for a bad query (parseQuery), a page out of 1..kMaxPages,
// an inForceOn that is not a date YYYY-MM-DD or comes with a status;
// the index's errors. Reads only, records nothing.
// Thread safety: as the SearchIndex (thread-safe); the index must outlive
// the service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/Error.h"
#include "domain/People.h"
#include "domain/SearchIndex.h"
#include "domain/SearchText.h"
#include "domain/Types.h"

namespace nusqa {

struct SearchRequest {
    std::string query;
    // Which editions: those in force (the default), one status, or every
    // status the actor may see.
    enum class Scope { InForce, Status, Any };
    Scope scope = Scope::InForce;
    EditionStatus status = EditionStatus::InForce;  // with Scope::Status
    std::optional<Language> language;
    std::string unit;                  // the document's owner unit; empty: any
    std::optional<DocumentKind> kind;  // the document's kind; none: any
    // "YYYY-MM-DD": the editions in force on that day instead of a scope
    // (SearchCriteria::inForceOn); empty: none.
    std::string inForceOn;
    int page = 1;  // 1-based
};

struct SearchHit {
    Document document;
    Edition edition;
    std::string eId;  // of the best passage; empty: the code and title
    std::string num;  // its printed number
    search::Snippet snippet;
};

struct SearchAnswer {
    std::vector<SearchHit> hits;
    std::int64_t total = 0;  // matching editions (of the candidates ranked)
    bool truncated = false;  // more matched than were ranked: refine the query
    int page = 1;
    int pageSize = 0;
};

class SearchService {
public:
    static constexpr int kPageSize = 20;
    static constexpr int kMaxPages = 50;

    explicit SearchService(SearchIndex& index) : _index(index) {}

    Result<SearchAnswer> search(const User& actor, const SearchRequest& request);

    // Whether the actor sees editions that are not in force.
    static bool seesEveryStatus(const User& actor);

private:
    SearchIndex& _index;
};

}  // namespace nusqa
