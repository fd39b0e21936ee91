// SecurityFunctions: random secrets and digests handed to the domain as
// plain functions (OpenSSL in server/crypto), so the domain never sees a
// cryptography library.
//
// Thread safety: the functions must be callable from any thread at once.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace nusqa {

struct SecurityFunctions {
    // bytes of cryptographically secure randomness as lowercase hex.
    std::function<std::string(std::size_t bytes)> randomHex;
    // Lowercase hex SHA-256.
    std::function<std::string(std::string_view)> sha256Hex;
};

}  // namespace nusqa
