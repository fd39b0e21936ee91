// The register in force on a date: the read side of LifecycleService that
// answers "what was in force on D" from the lifecycle records.
#include <algorithm>

#include "domain/LifecycleService.h"

namespace nusqa {

Result<RegisterPage> LifecycleService::registerOn(const User& actor, RegisterQuery& query) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    if (query.date.empty()) query.date = _clock.today();
    if (!isDate(query.date)) return fail(ErrorCode::InvalidArgument, "date must be YYYY-MM-DD");
    if (query.unit.size() > 300)
        return fail(ErrorCode::InvalidArgument, "unit is longer than 300 bytes");
    // Always a page: the whole university's register is 20,000 entries.
    query.limit = std::clamp(query.limit, 1, 500);
    query.offset = std::max(query.offset, 0);
    return _lifecycle.inForceOn(query);
}

}  // namespace nusqa
