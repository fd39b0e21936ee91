// The one place where project errors become HTTP responses.
#pragma once

#include "domain/Error.h"
#include "http/Message.h"

namespace nusqa::http {

int httpStatus(ErrorCode code);

// {"error":{"code":"...","message":"...","line":L,"column":C,"details":[...]}}
// line/column (of the first detail) and details only when there are details.
Response errorResponse(const Error& error);

}  // namespace nusqa::http
