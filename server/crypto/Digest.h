// SHA-256 digests: the hash that binds signatures, familiarizations and the
// audit chain to the exact bytes of an edition. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace nusqa::crypto {

// Lowercase hex SHA-256 of the bytes.
std::string sha256Hex(std::string_view bytes);

}  // namespace nusqa::crypto
