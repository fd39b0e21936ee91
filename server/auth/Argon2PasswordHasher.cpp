#include "auth/Argon2PasswordHasher.h"

#include <argon2.h>
#include <malloc.h>

#include <mutex>
#include <string>

#include "crypto/Random.h"

namespace nusqa::auth {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

// libargon2 takes its memory (19 MiB by default) from malloc in the calling
// thread. Once glibc has seen a block that large freed, it raises its mmap
// threshold and keeps later ones in the thread's arena, where they stay
// resident after free: every arena that ever ran a check stayed 19 MiB
// larger (measured: 120 concurrent logins, 4 checks at a time, left the
// process 300 MB larger). A fixed threshold makes every block of 4 MiB or
// more a mapping of its own, returned to the system when freed, so only the
// checks running at once use memory. Process-wide, set once.
void mapLargeBlocks() {
    static std::once_flag once;
    std::call_once(once, [] { mallopt(M_MMAP_THRESHOLD, 4 << 20); });
}

}  // namespace

Argon2PasswordHasher::Argon2PasswordHasher(Argon2Parameters parameters) : _parameters(parameters) {
    mapLargeBlocks();
}

Result<std::string> Argon2PasswordHasher::hash(std::string_view password) const {
    std::string salt = crypto::randomBytes(kSaltBytes);
    std::size_t length = argon2_encodedlen(_parameters.passes, _parameters.memoryKiB,
                                           _parameters.lanes, kSaltBytes, kHashBytes, Argon2_id);
    std::string encoded(length, '\0');
    int result = argon2id_hash_encoded(_parameters.passes, _parameters.memoryKiB, _parameters.lanes,
                                       password.data(), password.size(), salt.data(), salt.size(),
                                       kHashBytes, encoded.data(), encoded.size());
    if (result != ARGON2_OK)
        return fail(ErrorCode::Internal,
                    std::string("auth: argon2id hashing failed: ") + argon2_error_message(result));
    encoded.resize(encoded.find('\0'));
    return encoded;
}

Result<bool> Argon2PasswordHasher::verify(std::string_view encoded,
                                          std::string_view password) const {
    if (!encoded.starts_with("$argon2id$"))
        return fail(ErrorCode::InvalidArgument, "auth: the stored hash is not Argon2id");
    std::string terminated(encoded);  // libargon2 wants a C string
    int result = argon2id_verify(terminated.c_str(), password.data(), password.size());
    if (result == ARGON2_OK) return true;
    if (result == ARGON2_VERIFY_MISMATCH) return false;
    if (result == ARGON2_DECODING_FAIL || result == ARGON2_INCORRECT_TYPE)
        return fail(ErrorCode::InvalidArgument,
                    std::string("auth: malformed Argon2id hash: ") + argon2_error_message(result));
    return fail(ErrorCode::Internal,
                std::string("auth: argon2id verification failed: ") + argon2_error_message(result));
}

}  // namespace nusqa::auth
