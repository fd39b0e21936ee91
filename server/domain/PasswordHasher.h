// PasswordHasher: the domain's port for password hashing (Argon2id in
// server/auth). The domain never sees a hashing library.
//
// Thread safety: implementations must be callable from any thread at once.
#pragma once

#include <string>
#include <string_view>

#include "domain/Error.h"

namespace nusqa {

class PasswordHasher {
public:
    virtual ~PasswordHasher() = default;
    // A self-describing encoded hash ("$argon2id$v=19$m=...,t=...,p=...$salt$hash")
    // with a fresh random salt. Internal when hashing fails.
    virtual Result<std::string> hash(std::string_view password) const = 0;
    // Whether the password matches the encoded hash. InvalidArgument when the
    // encoded hash is malformed.
    virtual Result<bool> verify(std::string_view encoded, std::string_view password) const = 0;
};

}  // namespace nusqa
