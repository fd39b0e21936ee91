#include "crypto/Random.h"

#include <openssl/rand.h>

#include <cstdlib>

namespace nusqa::crypto {

std::string randomBytes(std::size_t count) {
    std::string bytes(count, '\0');
    if (count > 0 &&
        RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1)
        std::abort();
    return bytes;
}

std::string randomHex(std::size_t count) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string bytes = randomBytes(count);
    std::string hex;
    hex.reserve(count * 2);
    for (unsigned char byte : bytes) {
        hex += kDigits[byte >> 4];
        hex += kDigits[byte & 15];
    }
    return hex;
}

}  // namespace nusqa::crypto
