// Cryptographically secure randomness (OpenSSL RAND_bytes) for session
// tokens, API tokens, one-time passwords and password salts.
// Thread safety: thread-safe. Aborts the process when the system has no
// entropy source (OpenSSL cannot seed): a server must not hand out
// guessable tokens.
#pragma once

#include <cstddef>
#include <string>

namespace nusqa::crypto {

std::string randomBytes(std::size_t count);
// count random bytes as 2*count lowercase hex digits.
std::string randomHex(std::size_t count);

}  // namespace nusqa::crypto
