#include "crypto/Digest.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

namespace nusqa::crypto {
namespace {

// SHA256() looks the algorithm up in OpenSSL 3's provider store on every
// call (EVP_Q_digest: a fetch under the store's lock), and every
// authenticated request hashes its token: the algorithm is fetched once.
// Never freed: it lives as long as the process.
const EVP_MD* sha256Algorithm() {
    static EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return algorithm;
}

// One digest context per thread, reused: EVP_Digest() allocates, sets up
// and frees a context on every call, which costs more than hashing a token
// or an audit entry. Freed when the thread ends.
struct ThreadContext {
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    ThreadContext() = default;
    ThreadContext(const ThreadContext&) = delete;
    ThreadContext& operator=(const ThreadContext&) = delete;
    ~ThreadContext() { EVP_MD_CTX_free(context); }
};

bool digestWithThreadContext(std::string_view bytes, unsigned char* digest) {
    thread_local ThreadContext mine;
    const EVP_MD* algorithm = sha256Algorithm();
    unsigned int length = 0;
    return mine.context != nullptr && algorithm != nullptr &&
           EVP_DigestInit_ex2(mine.context, algorithm, nullptr) == 1 &&
           EVP_DigestUpdate(mine.context, bytes.data(), bytes.size()) == 1 &&
           EVP_DigestFinal_ex(mine.context, digest, &length) == 1;
}

}  // namespace

std::string sha256Hex(std::string_view bytes) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    if (!digestWithThreadContext(bytes, digest))
        SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex(2 * SHA256_DIGEST_LENGTH, '0');
    for (int i = 0; i < SHA256_DIGEST_LENGTH; ++i) {
        hex[2 * i] = kHex[digest[i] >> 4];
        hex[2 * i + 1] = kHex[digest[i] & 0x0f];
    }
    return hex;
}

}  // namespace nusqa::crypto
