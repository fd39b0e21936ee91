#include "signing/Identity.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "crypto/Digest.h"
#include "crypto/Random.h"

namespace nusqa::signing {
namespace {

namespace fs = std::filesystem;

Result<std::string> readFile(const fs::path& file, std::size_t limit) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(ErrorCode::NotFound, "signing: cannot read " + file.string());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (bytes.str().size() > limit)
        return fail(ErrorCode::InvalidArgument,
                    "signing: " + file.string() + " is too large for a key file");
    return bytes.str();
}

// Writes bytes to a new file readable by the owner only: the mode is set at
// creation, so the key is never readable by others, not even for a moment.
Status writePrivateFile(const fs::path& file, const std::string& bytes) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return fail(ErrorCode::Internal, "signing: cannot create " + file.string());
    ::fchmod(fd, 0600);  // an existing file keeps its mode through O_CREAT
    std::size_t written = 0;
    while (written < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n <= 0) {
            ::close(fd);
            return fail(ErrorCode::Internal, "signing: cannot write " + file.string());
        }
        written += static_cast<std::size_t>(n);
    }
    bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) return fail(ErrorCode::Internal, "signing: cannot write " + file.string());
    return {};
}

std::shared_ptr<X509> shareCertificate(X509* certificate) {
    return std::shared_ptr<X509>(certificate, X509_free);
}

}  // namespace

std::string nameText(const void* x509Name) {
    BIO* bio = BIO_new(BIO_s_mem());
    // RFC 2253 without escaping multibyte characters: Kazakh names stay
    // readable UTF-8.
    X509_NAME_print_ex(bio, static_cast<const X509_NAME*>(x509Name), 0,
                       XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    return text;
}

std::string certificateSha256(X509* certificate) {
    unsigned char* der = nullptr;
    int size = i2d_X509(certificate, &der);
    if (size <= 0) return {};
    std::string hash = crypto::sha256Hex(
        std::string_view(reinterpret_cast<char*>(der), static_cast<std::size_t>(size)));
    OPENSSL_free(der);
    return hash;
}

std::string commonNameOf(X509* certificate) {
    X509_NAME* name = X509_get_subject_name(certificate);
    int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0) return {};
    ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    int size = ASN1_STRING_to_UTF8(&utf8, value);
    if (size < 0) return {};
    std::string text(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(size));
    OPENSSL_free(utf8);
    return text;
}

Result<Identity> Identity::fromPkcs12Bytes(const std::string& bytes, const std::string& password) {
    const unsigned char* cursor = reinterpret_cast<const unsigned char*>(bytes.data());
    PKCS12* p12 = d2i_PKCS12(nullptr, &cursor, static_cast<long>(bytes.size()));
    if (p12 == nullptr) return fail(ErrorCode::InvalidArgument, "signing: not a PKCS#12 file");
    EVP_PKEY* key = nullptr;
    X509* certificate = nullptr;
    STACK_OF(X509)* chain = nullptr;
    int parsed = PKCS12_parse(p12, password.c_str(), &key, &certificate, &chain);
    PKCS12_free(p12);
    if (parsed != 1 || key == nullptr || certificate == nullptr) {
        EVP_PKEY_free(key);
        X509_free(certificate);
        sk_X509_pop_free(chain, X509_free);
        return fail(
            ErrorCode::InvalidArgument,
            "signing: the PKCS#12 file cannot be opened with that password, or holds no key "
            "and certificate");
    }
    Identity identity;
    identity._key = std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
    identity._certificate = shareCertificate(certificate);
    for (int i = 0; chain != nullptr && i < sk_X509_num(chain); ++i) {
        X509* issuer = sk_X509_value(chain, i);
        X509_up_ref(issuer);
        identity._chain.push_back(shareCertificate(issuer));
    }
    sk_X509_pop_free(chain, X509_free);
    return identity;
}

Result<Identity> Identity::loadPkcs12(const fs::path& file, const std::string& password) {
    std::string bytes = NUSQA_TRY(readFile(file, 1 << 20));
    auto identity = fromPkcs12Bytes(bytes, password);
    if (!identity) return std::unexpected(std::move(identity.error()).withContext(file.string()));
    return identity;
}

namespace {

Result<std::string> makeTestSeal(const std::string& organisation, const std::string& password) {
    std::shared_ptr<EVP_PKEY> key(EVP_RSA_gen(2048), EVP_PKEY_free);
    std::shared_ptr<X509> certificate(X509_new(), X509_free);
    if (!key || !certificate)
        return fail(ErrorCode::Internal, "signing: cannot generate a test key");
    X509* cert = certificate.get();
    X509_set_version(cert, 2);
    std::string serial = crypto::randomBytes(16);
    serial[0] = static_cast<char>(serial[0] & 0x7f);
    BIGNUM* number = BN_bin2bn(reinterpret_cast<const unsigned char*>(serial.data()), 16, nullptr);
    BN_to_ASN1_INTEGER(number, X509_get_serialNumber(cert));
    BN_free(number);
    X509_gmtime_adj(X509_getm_notBefore(cert), -24 * 3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 5L * 365 * 24 * 3600);
    X509_NAME* name = X509_get_subject_name(cert);
    // X.520 allows 64 characters in a common name: the organisation's name
    // is cut at a character boundary when it is longer.
    std::string commonName = "TEST seal";
    if (!organisation.empty()) commonName += " — " + organisation;
    std::size_t characters = 0, cut = commonName.size();
    for (std::size_t i = 0; i < commonName.size(); ++i)
        if ((static_cast<unsigned char>(commonName[i]) & 0xc0) != 0x80 && ++characters > 64) {
            cut = i;
            break;
        }
    commonName.resize(cut);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(
        name, "O", MBSTRING_UTF8,
        reinterpret_cast<const unsigned char*>("Self-signed test key, not for production"), -1, -1,
        0);
    X509_set_issuer_name(cert, name);
    X509_set_pubkey(cert, key.get());
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
    for (auto [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:FALSE"},
                              std::pair{NID_key_usage, "critical,digitalSignature,nonRepudiation"},
                              std::pair{NID_subject_key_identifier, "hash"}}) {
        X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
        if (extension == nullptr)
            return fail(ErrorCode::Internal, "signing: cannot build a test certificate");
        X509_add_ext(cert, extension, -1);
        X509_EXTENSION_free(extension);
    }
    if (X509_sign(cert, key.get(), EVP_sha256()) <= 0)
        return fail(ErrorCode::Internal, "signing: cannot sign a test certificate");
    // One iteration of the key derivation, and the certificate (public)
    // not encrypted: the password lies beside the file (.password, 0600),
    // so stretching it protected nothing, and OpenSSL's default 2,048
    // iterations (three times: key, certificate, MAC) cost every process
    // that opens the seal 45 M instructions, a ninth of a whole `nusqa
    // render` (issue 17). The key stays AES-256 encrypted with a MAC.
    PKCS12* p12 = PKCS12_create(password.c_str(), "Nusqa test seal", key.get(), cert, nullptr, 0,
                                -1, 1, 1, 0);
    if (p12 == nullptr) return fail(ErrorCode::Internal, "signing: cannot build PKCS#12");
    unsigned char* der = nullptr;
    int size = i2d_PKCS12(p12, &der);
    PKCS12_free(p12);
    if (size <= 0) return fail(ErrorCode::Internal, "signing: cannot encode PKCS#12");
    std::string bytes(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
    return bytes;
}

}  // namespace

Result<Identity> Identity::loadOrCreateTestSeal(const fs::path& file,
                                                const std::string& organisation, bool* created) {
    fs::path passwordFile = file;
    passwordFile += ".password";
    if (created != nullptr) *created = false;
    if (fs::exists(file) && fs::exists(passwordFile)) {
        std::string password = NUSQA_TRY(readFile(passwordFile, 4096));
        while (!password.empty() && (password.back() == '\n' || password.back() == '\r'))
            password.pop_back();
        return loadPkcs12(file, password);
    }
    std::error_code ignored;
    if (file.has_parent_path()) fs::create_directories(file.parent_path(), ignored);
    std::string password = crypto::randomHex(24);
    std::string p12 = NUSQA_TRY(makeTestSeal(organisation, password));
    // The password first: a crash between the two leaves no key without it.
    NUSQA_TRY(writePrivateFile(passwordFile, password + "\n"));
    NUSQA_TRY(writePrivateFile(file, p12));
    if (created != nullptr) *created = true;
    return fromPkcs12Bytes(p12, password);
}

std::string Identity::commonName() const {
    return commonNameOf(_certificate.get());
}

std::string Identity::subject() const {
    return nameText(X509_get_subject_name(_certificate.get()));
}

std::string Identity::certificateSha256() const {
    return signing::certificateSha256(_certificate.get());
}

std::string Identity::certificatePem() const {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, _certificate.get());
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    return pem;
}

}  // namespace nusqa::signing
