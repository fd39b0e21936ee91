// Who is asking, for throttling, the audit log and the access log: the TCP
// peer, or, only when the peer is a trusted proxy (http.trustedProxies), the
// address its X-Forwarded-For names. The header is read from the right (the
// entry the nearest proxy appended) past every trusted proxy; the first
// address that is not one is the client. Entries left of it are whatever the
// client claimed and are never believed. An entry that is not an IP address
// stops the walk at the last address believed.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "domain/Error.h"

namespace nusqa::http {

// The addresses in their canonical text form; InvalidArgument naming the
// first entry that is not an IP address.
Result<std::vector<std::string>> canonicalAddresses(const std::vector<std::string>& addresses);

// forwardedFor: the values of every X-Forwarded-For header, in order.
// trustedProxies: canonical addresses (see canonicalAddresses).
std::string clientAddressOf(const std::string& peer, const std::vector<std::string>& forwardedFor,
                            const std::vector<std::string>& trustedProxies);

}  // namespace nusqa::http
