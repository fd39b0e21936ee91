// Argon2PasswordHasher: the PasswordHasher of Nusqa on libargon2 (Debian's
// libargon2-dev, the reference implementation; linked here only).
// Argon2id with the OWASP baseline by default: 19 MiB, 2 passes, 1 lane,
// a 16-byte random salt, a 32-byte tag, in the standard encoded form
// "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>" (parameters travel with the
// hash, so raising them later keeps old hashes verifiable).
//
// Memory: the first hasher built makes glibc map every block of 4 MiB or
// more on its own (mallopt M_MMAP_THRESHOLD), so the 19 MiB of a check go
// back to the system when it ends instead of staying in a thread's arena.
//
// Thread safety: const and stateless; any number of threads at once (each
// call allocates its own memory blocks).
// Errors: Internal when libargon2 fails (e.g. out of memory);
// InvalidArgument from verify() for a hash that is not Argon2id.
#pragma once

#include <cstdint>

#include "domain/PasswordHasher.h"

namespace nusqa::auth {

struct Argon2Parameters {
    std::uint32_t memoryKiB = 19456;
    std::uint32_t passes = 2;
    std::uint32_t lanes = 1;
};

class Argon2PasswordHasher final : public PasswordHasher {
public:
    explicit Argon2PasswordHasher(Argon2Parameters parameters = {});
    Result<std::string> hash(std::string_view password) const override;
    Result<bool> verify(std::string_view encoded, std::string_view password) const override;

private:
    Argon2Parameters _parameters;
};

}  // namespace nusqa::auth
