// The register of a Nusqa server seen from outside: `nusqa verify --server
// URL` asks its public endpoint GET {URL}/verify/{edition}/{sha256} (Accept:
// application/json, no account) for the edition's status, code and title.
// The answer is untrusted: its size is bounded (64 KiB), each read and the
// whole answer by timeoutSeconds; only the fields of an edition check are
// taken from it.
//
// Thread safety: the returned lookup may be called from any number of
// threads at once (each call opens its own session).
// Errors: InvalidArgument for a URL that is not http:// or https://. A
// server that cannot be reached, answers garbage or too much is not an
// error of the lookup: its check is "unknown" with the reason as problem.
#pragma once

#include <string>

#include "domain/Error.h"
#include "domain/VerificationService.h"

namespace nusqa::http {

Result<EditionLookup> remoteRegister(const std::string& baseUrl, int timeoutSeconds);

}  // namespace nusqa::http
