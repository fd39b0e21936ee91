#include "signing/Cades.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/sha.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "crypto/Random.h"
#include "signing/detail/Support.h"

namespace nusqa::signing {
namespace {

std::string openSslError(const std::string& what) {
    unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return "signing: " + what;
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return "signing: " + what + ": " + text;
}

std::string derLength(std::size_t length) {
    std::string out;
    if (length < 0x80) {
        out += static_cast<char>(length);
        return out;
    }
    std::string bytes;
    for (std::size_t rest = length; rest > 0; rest >>= 8)
        bytes.insert(bytes.begin(), static_cast<char>(rest & 0xff));
    out += static_cast<char>(0x80 | bytes.size());
    return out + bytes;
}

// DER of the signed attributes as the SET OF that the signature covers
// (RFC 5652 5.4: the [0] IMPLICIT tag is replaced by the SET tag). DER sorts
// the elements of a SET OF by their encodings — as OpenSSL does when it
// writes the SignerInfo, so the signed bytes and the written ones agree.
Result<std::string> signedAttributesDer(CMS_SignerInfo* signer) {
    std::vector<std::string> encoded;
    for (int i = 0; i < CMS_signed_get_attr_count(signer); ++i) {
        unsigned char* der = nullptr;
        int size = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(signer, i), &der);
        if (size <= 0)
            return fail(ErrorCode::Internal, openSslError("cannot encode a signed attribute"));
        encoded.emplace_back(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
        OPENSSL_free(der);
    }
    std::sort(encoded.begin(), encoded.end());
    std::string content;
    for (const std::string& attribute : encoded) content += attribute;
    return "\x31" + derLength(content.size()) + content;
}

Result<std::string> signBytes(EVP_PKEY* key, const std::string& bytes) {
    Owned<EVP_MD_CTX, EVP_MD_CTX_free> context(EVP_MD_CTX_new());
    std::size_t size = 0;
    if (EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &size,
                       reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) != 1)
        return fail(ErrorCode::Internal, openSslError("cannot sign"));
    std::string signature(size, '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                       reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) != 1)
        return fail(ErrorCode::Internal, openSslError("cannot sign"));
    signature.resize(size);
    return signature;
}

// The RFC 3161 token over the signature value (ETSI: the message imprint of
// a signature time-stamp is the hash of the SignerInfo's signature field).
Result<std::string> timestampToken(const std::string& signature,
                                   const TimestampTransport& transport) {
    Owned<TS_REQ, TS_REQ_free> request(TS_REQ_new());
    Owned<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free> imprint(TS_MSG_IMPRINT_new());
    Owned<X509_ALGOR, X509_ALGOR_free> algorithm(X509_ALGOR_new());
    X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
    std::string digest = sha256Raw(signature);
    std::string nonceBytes = crypto::randomBytes(8);
    nonceBytes[0] = static_cast<char>(nonceBytes[0] & 0x7f);
    Owned<BIGNUM, BN_free> nonceNumber(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(nonceBytes.data()), 8, nullptr));
    Owned<ASN1_INTEGER, ASN1_INTEGER_free> nonce(BN_to_ASN1_INTEGER(nonceNumber.get(), nullptr));
    if (TS_MSG_IMPRINT_set_algo(imprint.get(), algorithm.get()) != 1 ||
        TS_MSG_IMPRINT_set_msg(imprint.get(), reinterpret_cast<unsigned char*>(digest.data()),
                               static_cast<int>(digest.size())) != 1 ||
        TS_REQ_set_version(request.get(), 1) != 1 ||
        TS_REQ_set_msg_imprint(request.get(), imprint.get()) != 1 ||
        TS_REQ_set_nonce(request.get(), nonce.get()) != 1 ||
        TS_REQ_set_cert_req(request.get(), 1) != 1)
        return fail(ErrorCode::Internal, openSslError("cannot build the time-stamp request"));
    unsigned char* der = nullptr;
    int size = i2d_TS_REQ(request.get(), &der);
    if (size <= 0)
        return fail(ErrorCode::Internal, openSslError("cannot encode the time-stamp request"));
    std::string requestDer(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);

    std::string reply = NUSQA_TRY(transport(requestDer));
    const unsigned char* cursor = reinterpret_cast<const unsigned char*>(reply.data());
    Owned<TS_RESP, TS_RESP_free> response(
        d2i_TS_RESP(nullptr, &cursor, static_cast<long>(reply.size())));
    if (!response)
        return fail(ErrorCode::InvalidArgument,
                    "signing: the time-stamp authority's reply is not an RFC 3161 response");
    // Status, imprint and nonce: the token must answer this request. Trust in
    // the authority's certificate is the verifier's business.
    Owned<TS_VERIFY_CTX, TS_VERIFY_CTX_free> check(TS_REQ_to_TS_VERIFY_CTX(request.get(), nullptr));
    TS_VERIFY_CTX_set_flags(check.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
    if (TS_RESP_verify_response(check.get(), response.get()) != 1)
        return fail(ErrorCode::Unavailable,
                    openSslError("the time-stamp authority refused or answered another request"));
    PKCS7* token = TS_RESP_get_token(response.get());
    der = nullptr;
    size = i2d_PKCS7(token, &der);
    if (size <= 0)
        return fail(ErrorCode::Internal, openSslError("cannot encode the time-stamp token"));
    std::string tokenDer(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
    return tokenDer;
}

}  // namespace

std::string sha256Raw(std::string_view bytes) {
    std::string digest(SHA256_DIGEST_LENGTH, '\0');
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
           reinterpret_cast<unsigned char*>(digest.data()));
    return digest;
}

Result<std::string> cadesSignature(const Identity& identity, std::string_view sha256,
                                   const TimestampTransport& timestamp) {
    const unsigned int flags = CMS_BINARY | CMS_DETACHED | CMS_PARTIAL;
    Owned<CMS_ContentInfo, CMS_ContentInfo_free> cms(
        CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
    if (!cms || CMS_set_detached(cms.get(), 1) != 1)
        return fail(ErrorCode::Internal, openSslError("cannot start a CMS signature"));
    // CMS_CADES adds signing-certificate-v2; CMS_PARTIAL stops OpenSSL from
    // signing (and from adding signing-time).
    CMS_SignerInfo* signer = CMS_add1_signer(cms.get(), identity.certificate(), identity.key(),
                                             EVP_sha256(), flags | CMS_NOSMIMECAP | CMS_CADES);
    if (signer == nullptr) return fail(ErrorCode::Internal, openSslError("cannot add the signer"));
    for (const auto& issuer : identity.chain())
        if (CMS_add1_cert(cms.get(), issuer.get()) != 1)
            return fail(ErrorCode::Internal, openSslError("cannot add a chain certificate"));
    if (CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_contentType, V_ASN1_OBJECT,
                                    OBJ_nid2obj(NID_pkcs7_data), -1) != 1 ||
        CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
                                    sha256.data(), static_cast<int>(sha256.size())) != 1)
        return fail(ErrorCode::Internal, openSslError("cannot add the signed attributes"));

    std::string attributes = NUSQA_TRY(signedAttributesDer(signer));
    std::string signature = NUSQA_TRY(signBytes(identity.key(), attributes));
    ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(signer);
    if (ASN1_STRING_set(value, signature.data(), static_cast<int>(signature.size())) != 1)
        return fail(ErrorCode::Internal, openSslError("cannot set the signature value"));

    if (timestamp) {
        std::string token = NUSQA_TRY(timestampToken(signature, timestamp));
        if (CMS_unsigned_add1_attr_by_NID(signer, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE,
                                          token.data(), static_cast<int>(token.size())) != 1)
            return fail(ErrorCode::Internal, openSslError("cannot add the time-stamp token"));
    }
    unsigned char* der = nullptr;
    int size = i2d_CMS_ContentInfo(cms.get(), &der);
    if (size <= 0)
        return fail(ErrorCode::Internal, openSslError("cannot encode the CMS signature"));
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
    return out;
}

}  // namespace nusqa::signing
