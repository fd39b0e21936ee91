#include "signing/PdfVerify.h"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <podofo/podofo.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <optional>

#include "domain/Clock.h"
#include "signing/Identity.h"
#include "signing/PdfPrescan.h"
#include "signing/detail/Support.h"

namespace nusqa::signing {
namespace {

using namespace PoDoFo;

struct Found {
    std::string field;
    PdfObject* dictionary = nullptr;
};

// Real PDFs carry a handful of signatures; each one costs a CMS check.
constexpr std::size_t kMaxSignatures = 256;

std::string nameOf(const PdfError& error) {
    const char* name = PdfError::ErrorName(error.GetError());
    return name != nullptr ? name : "error";
}

// Where a signature's signed bytes end. The byte range of a malformed
// signature may hold any non-negative numbers, so the sum saturates.
std::int64_t coveredEnd(const SignatureReport& signature) {
    std::int64_t second = signature.byteRange[2];
    std::int64_t length = signature.byteRange[3];
    if (second < 0 || length < 0) return 0;
    return second > std::numeric_limits<std::int64_t>::max() - length
               ? std::numeric_limits<std::int64_t>::max()
               : second + length;
}

bool isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hexValue(char c) {
    if (c <= '9') return c - '0';
    return (c | 0x20) - 'a' + 10;
}

// "D:YYYYMMDDHHmmSS" with "Z", "+HH'mm'" or nothing (taken as UTC) → ISO UTC.
std::string isoOfPdfDate(const std::string& date) {
    std::string text = date.starts_with("D:") ? date.substr(2) : date;
    if (text.size() < 14 || !std::all_of(text.begin(), text.begin() + 14, ::isdigit)) return date;
    std::tm fields{};
    fields.tm_year = std::stoi(text.substr(0, 4)) - 1900;
    fields.tm_mon = std::stoi(text.substr(4, 2)) - 1;
    fields.tm_mday = std::stoi(text.substr(6, 2));
    fields.tm_hour = std::stoi(text.substr(8, 2));
    fields.tm_min = std::stoi(text.substr(10, 2));
    fields.tm_sec = std::stoi(text.substr(12, 2));
    std::int64_t seconds = timegm(&fields);
    if (text.size() >= 17 && (text[14] == '+' || text[14] == '-') && isdigit(text[15]) &&
        isdigit(text[16])) {
        int offset = std::stoi(text.substr(15, 2)) * 3600;
        if (text.size() >= 20 && isdigit(text[18]) && isdigit(text[19]))
            offset += std::stoi(text.substr(18, 2)) * 60;
        seconds += text[14] == '+' ? -offset : offset;
    }
    return timestampOf(seconds);
}

std::string isoOfGeneralizedTime(const ASN1_GENERALIZEDTIME* time) {
    std::tm utc{};
    if (time == nullptr || ASN1_TIME_to_tm(time, &utc) != 1) return {};
    return timestampOf(timegm(&utc));
}

std::string stringOf(const PdfObject* object) {
    if (object == nullptr || !(object->IsString() || object->IsHexString())) return {};
    return object->GetString().GetStringUtf8();
}

// Signature dictionaries: indirect objects with /ByteRange and /Contents
// (whatever references them), plus direct /V dictionaries of fields.
std::vector<Found> signatureDictionaries(PdfMemDocument& document) {
    std::map<PdfReference, std::string> names;
    std::vector<Found> found;
    for (PdfObject* object : document.GetObjects()) {
        if (object == nullptr || !object->IsDictionary()) continue;
        PdfDictionary& dictionary = object->GetDictionary();
        const PdfObject* type = dictionary.GetKey(PdfName("FT"));
        const PdfObject* value = dictionary.GetKey(PdfName("V"));
        if (type != nullptr && type->IsName() && type->GetName() == PdfName("Sig") &&
            value != nullptr) {
            std::string name = stringOf(dictionary.GetKey(PdfName("T")));
            if (value->IsReference())
                names[value->GetReference()] = name;
            else if (value->IsDictionary() && value->GetDictionary().HasKey(PdfName("ByteRange")))
                found.push_back(Found{name, const_cast<PdfObject*>(value)});
        }
        if (dictionary.HasKey(PdfName("ByteRange")) && dictionary.HasKey(PdfName("Contents")))
            found.push_back(Found{"", object});
    }
    for (Found& signature : found)
        if (signature.field.empty() && signature.dictionary->Reference().IsIndirect()) {
            auto name = names.find(signature.dictionary->Reference());
            if (name != names.end()) signature.field = name->second;
        }
    return found;
}

class Check {
public:
    Check(std::string_view pdf, X509_STORE* store) : _pdf(pdf), _store(store) {}

    SignatureReport run(const Found& found) {
        _report.field = found.field;
        PdfDictionary& dictionary = found.dictionary->GetDictionary();
        _report.signingTime = isoOfPdfDate(stringOf(dictionary.GetKey(PdfName("M"))));
        const PdfObject* edition = dictionary.GetKey(PdfName("NusqaEdition"));
        const PdfObject* sha = dictionary.GetKey(PdfName("NusqaSHA256"));
        if (edition != nullptr && edition->IsNumber() && sha != nullptr &&
            (sha->IsString() || sha->IsHexString())) {
            _report.seal = true;
            _report.editionId = edition->GetNumber();
            _report.editionSha256 = stringOf(sha);
            readPrintKind(dictionary);
        }
        std::optional<std::string> der = byteRange(dictionary);
        if (!der) return _report;
        checkCms(*der);
        return _report;
    }

private:
    // Only the names a seal writes are taken as they are; the number is
    // read only for a comparison.
    void readPrintKind(PdfDictionary& dictionary) {
        const PdfObject* kind = dictionary.GetKey(PdfName("NusqaPrint"));
        if (kind == nullptr) return;
        std::string name = kind->IsName() ? kind->GetName().GetName() : std::string();
        if (name != "comparison" && name != "table") {
            _report.printKind = "unknown";
            return;
        }
        _report.printKind = name;
        const PdfObject* compared = dictionary.GetKey(PdfName("NusqaCompared"));
        if (name == "comparison" && compared != nullptr && compared->IsNumber())
            _report.comparedEditionId = compared->GetNumber();
    }

    void problem(const char* code, std::string text) {
        if (!_report.problemCode.empty()) return;
        _report.valid = false;
        _report.problemCode = code;
        _report.problem = std::move(text);
    }

    // The ByteRange and the DER between its two ranges, or nullopt.
    std::optional<std::string> byteRange(PdfDictionary& dictionary) {
        const PdfObject* range = dictionary.GetKey(PdfName("ByteRange"));
        if (range == nullptr || !range->IsArray() || range->GetArray().size() != 4) {
            problem("malformed_byte_range", "/ByteRange is not an array of four numbers");
            return std::nullopt;
        }
        for (std::size_t i = 0; i < 4; ++i) {
            const PdfObject& item = range->GetArray()[i];
            if (!item.IsNumber() || item.GetNumber() < 0) {
                problem("malformed_byte_range",
                        "/ByteRange holds something other than non-negative integers");
                return std::nullopt;
            }
            _report.byteRange[i] = item.GetNumber();
        }
        // Every number is non-negative here; each is compared with the size
        // before any sum, so nothing can overflow (a tail of 2^63-1 once
        // wrapped the sum below zero and the digest read past the buffer).
        auto [start, gapStart, gapEnd, tail] = _report.byteRange;
        const std::int64_t size = static_cast<std::int64_t>(_pdf.size());
        if (start != 0 || gapStart <= 0 || gapStart > size || gapEnd > size || tail > size ||
            gapEnd - gapStart < 2) {
            problem("malformed_byte_range",
                    "/ByteRange [" + std::to_string(start) + " " + std::to_string(gapStart) + " " +
                        std::to_string(gapEnd) + " " + std::to_string(tail) +
                        "] does not describe two ranges around the signature inside the file of " +
                        std::to_string(size) + " bytes");
            return std::nullopt;
        }
        if (tail > size - gapEnd) {
            problem("truncated", "the signature covers bytes up to " +
                                     std::to_string(gapEnd + tail) + " but the file has only " +
                                     std::to_string(size));
            return std::nullopt;
        }
        _report.coversWholeFile = gapEnd + tail == size;
        std::string_view gap = _pdf.substr(static_cast<std::size_t>(gapStart),
                                           static_cast<std::size_t>(gapEnd - gapStart));
        if (gap.front() != '<' || gap.back() != '>' || (gap.size() - 2) % 2 != 0 ||
            !std::all_of(gap.begin() + 1, gap.end() - 1, isHex)) {
            problem("malformed_byte_range",
                    "the gap of /ByteRange is not the hex string of /Contents");
            return std::nullopt;
        }
        std::string der((gap.size() - 2) / 2, '\0');
        for (std::size_t i = 0; i < der.size(); ++i)
            der[i] = static_cast<char>(hexValue(gap[1 + 2 * i]) << 4 | hexValue(gap[2 + 2 * i]));
        const PdfObject* contents = dictionary.GetKey(PdfName("Contents"));
        if (contents == nullptr || !(contents->IsString() || contents->IsHexString()) ||
            static_cast<std::size_t>(contents->GetString().GetLength()) < der.size() ||
            std::memcmp(contents->GetString().GetString(), der.data(), der.size()) != 0) {
            problem("malformed_byte_range",
                    "the gap of /ByteRange is not this signature's /Contents");
            return std::nullopt;
        }
        return der;
    }

    std::string digestOfRanges(const EVP_MD* md) {
        Owned<EVP_MD_CTX, EVP_MD_CTX_free> context(EVP_MD_CTX_new());
        EVP_DigestInit_ex(context.get(), md, nullptr);
        auto [start, length, second, secondLength] = _report.byteRange;
        EVP_DigestUpdate(context.get(), _pdf.data() + start, static_cast<std::size_t>(length));
        EVP_DigestUpdate(context.get(), _pdf.data() + second,
                         static_cast<std::size_t>(secondLength));
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int size = 0;
        EVP_DigestFinal_ex(context.get(), digest, &size);
        return std::string(reinterpret_cast<char*>(digest), size);
    }

    void checkCms(const std::string& der) {
        const unsigned char* cursor = reinterpret_cast<const unsigned char*>(der.data());
        Owned<CMS_ContentInfo, CMS_ContentInfo_free> cms(
            d2i_CMS_ContentInfo(nullptr, &cursor, static_cast<long>(der.size())));
        ERR_clear_error();
        STACK_OF(CMS_SignerInfo)* signers = cms ? CMS_get0_SignerInfos(cms.get()) : nullptr;
        if (signers == nullptr || sk_CMS_SignerInfo_num(signers) != 1) {
            problem("malformed_signature", "/Contents is not a CMS SignedData with one signer");
            return;
        }
        CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(signers, 0);
        Owned<STACK_OF(X509), freeCertificates> certificates(CMS_get1_certs(cms.get()));
        X509* certificate = nullptr;
        for (int i = 0; certificates && i < sk_X509_num(certificates.get()); ++i)
            if (CMS_SignerInfo_cert_cmp(signer, sk_X509_value(certificates.get(), i)) == 0)
                certificate = sk_X509_value(certificates.get(), i);
        if (certificate == nullptr) {
            problem("malformed_signature", "the signer's certificate is not in the signature");
            return;
        }
        _report.signer = nameText(X509_get_subject_name(certificate));
        _report.issuer = nameText(X509_get_issuer_name(certificate));
        _report.certificateSha256 = certificateSha256(certificate);

        X509_ALGOR* digestAlgorithm = nullptr;
        CMS_SignerInfo_get0_algs(signer, nullptr, nullptr, &digestAlgorithm, nullptr);
        const ASN1_OBJECT* digestObject = nullptr;
        X509_ALGOR_get0(&digestObject, nullptr, nullptr, digestAlgorithm);
        const EVP_MD* md = EVP_get_digestbyobj(digestObject);
        ASN1_OCTET_STRING* messageDigest =
            static_cast<ASN1_OCTET_STRING*>(CMS_signed_get0_data_by_OBJ(
                signer, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
        if (md == nullptr || messageDigest == nullptr) {
            problem("malformed_signature",
                    "the signature has no message digest of a known algorithm");
            return;
        }
        std::string digest = digestOfRanges(md);
        if (static_cast<std::size_t>(ASN1_STRING_length(messageDigest)) != digest.size() ||
            std::memcmp(ASN1_STRING_get0_data(messageDigest), digest.data(), digest.size()) != 0) {
            problem("digest_mismatch",
                    "the signed bytes were changed after signing (digest mismatch)");
            return;
        }
        CMS_SignerInfo_set1_signer_cert(signer, certificate);
        if (CMS_SignerInfo_verify(signer) != 1) {
            ERR_clear_error();
            problem("bad_signature",
                    "the signature value does not verify with the signer's certificate");
            return;
        }
        if (!checkSigningCertificate(signer, certificate)) return;
        bool signingTime = CMS_signed_get_attr_by_NID(signer, NID_pkcs9_signingTime, -1) >= 0;
        bool signingCertificateV2 =
            CMS_signed_get_attr_by_NID(signer, NID_id_smime_aa_signingCertificateV2, -1) >= 0;
        _report.valid = true;
        checkTimestamp(signer);
        _report.level = signingCertificateV2 && !signingTime
                            ? (_report.hasTimestamp ? "PAdES-B-T" : "PAdES-B-B")
                            : "CMS";
        _report.trusted = chainsToAnchor(certificate, certificates.get());
    }

    static void freeCertificates(STACK_OF(X509) * certificates) {
        sk_X509_pop_free(certificates, X509_free);
    }

    bool checkSigningCertificate(CMS_SignerInfo* signer, X509* certificate) {
        ASN1_STRING* value = static_cast<ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(
            signer, OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE));
        if (value == nullptr) return true;  // plain CMS: reported as such, not an error
        const unsigned char* cursor = ASN1_STRING_get0_data(value);
        Owned<ESS_SIGNING_CERT_V2, ESS_SIGNING_CERT_V2_free> signingCertificate(
            d2i_ESS_SIGNING_CERT_V2(nullptr, &cursor, ASN1_STRING_length(value)));
        Owned<STACK_OF(X509), sk_X509_free_stack> chain(sk_X509_new_null());
        sk_X509_push(chain.get(), certificate);
        if (!signingCertificate ||
            OSSL_ESS_check_signing_certs(nullptr, signingCertificate.get(), chain.get(), 1) != 1) {
            ERR_clear_error();
            problem("bad_signature",
                    "signing-certificate-v2 does not name the signer's certificate");
            return false;
        }
        return true;
    }

    static void sk_X509_free_stack(STACK_OF(X509) * stack) { sk_X509_free(stack); }

    void checkTimestamp(CMS_SignerInfo* signer) {
        int index = CMS_unsigned_get_attr_by_NID(signer, NID_id_smime_aa_timeStampToken, -1);
        if (index < 0) return;
        _report.hasTimestamp = true;
        ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(signer, index), 0);
        if (value == nullptr || value->type != V_ASN1_SEQUENCE) {
            problem("bad_timestamp", "the signature time-stamp is not a token");
            return;
        }
        const unsigned char* cursor = value->value.sequence->data;
        Owned<PKCS7, PKCS7_free> token(d2i_PKCS7(nullptr, &cursor, value->value.sequence->length));
        Owned<TS_TST_INFO, TS_TST_INFO_free> info(token ? PKCS7_to_TS_TST_INFO(token.get())
                                                        : nullptr);
        if (!info) {
            ERR_clear_error();
            problem("bad_timestamp", "the signature time-stamp token cannot be read");
            return;
        }
        _report.timestampTime = isoOfGeneralizedTime(TS_TST_INFO_get_time(info.get()));
        ASN1_OCTET_STRING* signature = CMS_SignerInfo_get0_signature(signer);
        std::string signatureValue(reinterpret_cast<const char*>(ASN1_STRING_get0_data(signature)),
                                   static_cast<std::size_t>(ASN1_STRING_length(signature)));
        // The imprint must be the hash of this signature value: a token
        // taken from another signature is tampering.
        X509_ALGOR* algorithm = TS_MSG_IMPRINT_get_algo(TS_TST_INFO_get_msg_imprint(info.get()));
        const ASN1_OBJECT* object = nullptr;
        X509_ALGOR_get0(&object, nullptr, nullptr, algorithm);
        const EVP_MD* md = EVP_get_digestbyobj(object);
        if (md == nullptr) {
            problem("bad_timestamp", "the signature time-stamp uses an unknown hash");
            return;
        }
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int size = 0;
        EVP_Digest(signatureValue.data(), signatureValue.size(), digest, &size, md, nullptr);
        for (int flags : {TS_VFY_IMPRINT, TS_VFY_SIGNATURE}) {
            Owned<TS_VERIFY_CTX, TS_VERIFY_CTX_free> context(TS_VERIFY_CTX_new());
            unsigned char* imprint = static_cast<unsigned char*>(OPENSSL_malloc(size));
            std::memcpy(imprint, digest, size);
            TS_VERIFY_CTX_set_imprint(context.get(), imprint, size);
            X509_STORE_up_ref(_store);
            TS_VERIFY_CTX_set_store(context.get(), _store);
            TS_VERIFY_CTX_set_flags(context.get(), flags);
            bool ok = TS_RESP_verify_token(context.get(), token.get()) == 1;
            ERR_clear_error();
            if (!ok && flags == TS_VFY_IMPRINT) {
                _report.valid = false;
                problem("bad_timestamp", "the signature time-stamp is not over this signature");
                return;
            }
            _report.timestampValid = ok;
        }
    }

    bool chainsToAnchor(X509* certificate, STACK_OF(X509) * untrusted) {
        Owned<X509_STORE_CTX, X509_STORE_CTX_free> context(X509_STORE_CTX_new());
        if (X509_STORE_CTX_init(context.get(), _store, certificate, untrusted) != 1) return false;
        bool ok = X509_verify_cert(context.get()) == 1;
        ERR_clear_error();
        return ok;
    }

    std::string_view _pdf;
    X509_STORE* _store;
    SignatureReport _report;
};

}  // namespace

Result<Verifier> Verifier::create(const std::vector<std::string>& anchors) {
    Verifier verifier;
    verifier._store = std::shared_ptr<X509_STORE>(X509_STORE_new(), X509_STORE_free);
    if (!verifier._store)
        return fail(ErrorCode::Internal, "signing: cannot create a certificate store");
    for (const std::string& pem : anchors) {
        Owned<BIO, BIO_free_all> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
        int count = 0;
        while (X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
            X509_STORE_add_cert(verifier._store.get(), certificate);
            X509_free(certificate);
            ++count;
        }
        ERR_clear_error();
        if (count == 0)
            return fail(ErrorCode::InvalidArgument,
                        "signing: a trusted-certificate file holds no PEM certificate");
    }
    return verifier;
}

std::optional<PdfReport> refuseBeforeParsing(std::string_view pdf) {
    PdfReport report;
    report.size = static_cast<std::int64_t>(pdf.size());
    auto invalid = [&](const char* code, std::string problem) {
        report.valid = false;
        report.problemCode = code;
        report.problem = std::move(problem);
        return report;
    };
    if (!pdf.starts_with("%PDF-")) return invalid("unreadable", "not a PDF file (no %PDF- header)");
    std::string_view tail = pdf.substr(pdf.size() > 1024 ? pdf.size() - 1024 : 0);
    std::size_t end = tail.find_last_not_of(" \t\r\n\f");
    if (end == std::string_view::npos || end < 4 || tail.substr(end - 4, 5) != "%%EOF")
        return invalid("truncated",
                       "the file does not end with %%EOF: it was cut short or damaged");
    if (Status simple = prescanPdf(pdf); !simple)
        return invalid("too_complex",
                       "the PDF is built in a way no real PDF is, so it is not read: " +
                           simple.error().message);
    return std::nullopt;
}

Result<PdfReport> Verifier::verify(std::string_view pdf) const {
    if (std::optional<PdfReport> refused = refuseBeforeParsing(pdf)) return *refused;
    quietPoDoFo();
    PdfReport report;
    report.size = static_cast<std::int64_t>(pdf.size());
    auto invalid = [&](const char* code, std::string problem) {
        report.valid = false;
        report.problemCode = code;
        report.problem = std::move(problem);
        return report;
    };
    auto outOfMemory = [] {
        return fail(ErrorCode::InvalidDocument,
                    "signing: the PDF needs more memory to verify than is allowed");
    };

    // PoDoFo throws PdfError for what it cannot read, and the standard
    // library's exceptions (std::bad_alloc, std::length_error, ...) can come
    // out of it as well: every one becomes a report or an Error here.
    try {
        PdfMemDocument document;
        document.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
        std::vector<Found> found = signatureDictionaries(document);
        if (found.empty()) return invalid("not_signed", "the PDF carries no signature");
        if (found.size() > kMaxSignatures)
            return invalid("too_complex", "the PDF holds " + std::to_string(found.size()) +
                                              " signature dictionaries, more than the " +
                                              std::to_string(kMaxSignatures) + " checked");
        for (const Found& signature : found) {
            try {
                report.signatures.push_back(Check(pdf, _store.get()).run(signature));
            } catch (const PdfError& error) {
                if (error.GetError() == ePdfError_OutOfMemory) return outOfMemory();
                return invalid("unreadable", "a signature cannot be read: " + nameOf(error));
            }
        }
    } catch (const PdfError& error) {
        if (error.GetError() == ePdfError_OutOfMemory) return outOfMemory();
        return invalid("unreadable", "the PDF cannot be read: " + nameOf(error));
    } catch (const std::bad_alloc&) {
        return outOfMemory();
    } catch (const std::exception& error) {
        return invalid("unreadable", std::string("the PDF cannot be read: ") + error.what());
    }
    std::sort(report.signatures.begin(), report.signatures.end(),
              [](const auto& a, const auto& b) { return coveredEnd(a) < coveredEnd(b); });
    for (const SignatureReport& signature : report.signatures)
        if (!signature.valid)
            return invalid(signature.problemCode.c_str(),
                           "signature «" + signature.field + "»: " + signature.problem);
    // Every signature is valid here, so its ranges lie inside the file.
    std::int64_t covered = coveredEnd(report.signatures.back());
    if (covered != report.size)
        return invalid("modified_after_signature",
                       std::to_string(report.size - covered) +
                           " bytes were added after the last signature (byte " +
                           std::to_string(covered) + "): the file was changed after it was signed");
    report.valid = true;
    return report;
}

}  // namespace nusqa::signing
