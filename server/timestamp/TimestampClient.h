// The HTTP transport to an RFC 3161 time-stamp authority (RFC 3161 3.4):
// POST application/timestamp-query, answer application/timestamp-reply.
// The signing module builds the request and checks the reply; this only
// carries bytes, with a timeout and a size limit on the answer.
//
// Thread safety: the returned function may be called from any number of
// threads at once (each call opens its own session).
// Errors: Unavailable when the authority cannot be reached, times out or
// answers other than 200 with a time-stamp reply; InvalidArgument for a
// malformed URL.
#pragma once

#include <string>

#include "domain/Error.h"
#include "domain/Sealing.h"

namespace nusqa::timestamp {

Result<TimestampTransport> timestampClient(const std::string& url, int timeoutSeconds);

}  // namespace nusqa::timestamp
