// The acceptance tests of signed PDFs: every PDF from `nusqa render` and the
// API is sealed (PAdES B-B, checked with pdfsig's text and `openssl cms`),
// B-T with a local time-stamp authority (checked with `openssl ts -verify`),
// three personal signatures as incremental updates, tampering detected with
// distinct reasons, the QR code decoded with zbarimg and its URL answering
// the edition's status, and key hygiene (0600 key files, no password in any
// output). Real tools throughout; pdfsig's exit code is never trusted (it is
// 0 even for a digest mismatch).
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <podofo/podofo.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <regex>
#include <set>

#include "app/ServerProcess.h"
#include "crypto/Digest.h"
#include "domain/Types.h"
#include "http/ServerHarness.h"
#include "signing/Identity.h"
#include "signing/PdfSign.h"
#include "storage/StoreFactory.h"
#include "support/LocalTsa.h"
#include "support/StatusChange.h"
#include "support/TestPki.h"
#include "support/TestSupport.h"
#include "xml/XmlEditionCodec.h"

namespace data = boost::unit_test::data;
namespace fs = std::filesystem;
using namespace nusqa;
using namespace nusqa::test;

namespace {

struct Run {
    int status = -1;
    std::string output;  // stdout and stderr
};

Run run(const std::string& command) {
    Run result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    BOOST_REQUIRE(pipe != nullptr);
    std::array<char, 65536> buffer;
    for (std::size_t count; (count = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
        result.output.append(buffer.data(), count);
    int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string quoted(const fs::path& path) {
    return "'" + path.string() + "'";
}

std::string nusqaBinary() {
    return quoted(binaryDir() / "bin" / "nusqa");
}

// The environment of a command: the data directory (test seal, store) and
// any NUSQA_* settings.
std::string environment(const fs::path& dataDir, const std::vector<std::string>& settings = {}) {
    std::string text = "env NUSQA_DATA_DIR=" + quoted(dataDir);
    for (const std::string& setting : settings) text += " '" + setting + "'";
    return text + " ";
}

const TestPki& pki() {
    static TempDir directory("pki");
    static TestPki made = makeTestPki(directory.path());
    return made;
}

struct PdfsigSignature {
    std::string commonName;
    std::string type;
    bool valid = false;
    bool total = false;
    bool notTotal = false;
};

std::vector<PdfsigSignature> pdfsig(const fs::path& pdf) {
    std::string text = run("pdfsig " + quoted(pdf)).output;
    std::vector<PdfsigSignature> signatures;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("Signature #")) signatures.emplace_back();
        if (signatures.empty()) continue;
        PdfsigSignature& current = signatures.back();
        auto valueOf = [&](const std::string& label) {
            return line.substr(line.find(label) + label.size());
        };
        if (line.find("Signer Certificate Common Name: ") != std::string::npos)
            current.commonName = valueOf("Common Name: ");
        if (line.find("Signature Type: ") != std::string::npos)
            current.type = valueOf("Signature Type: ");
        if (line.find("Signature Validation: Signature is Valid.") != std::string::npos)
            current.valid = true;
        if (line.find("- Total document signed") != std::string::npos) current.total = true;
        if (line.find("- Not total document signed") != std::string::npos) current.notTotal = true;
    }
    return signatures;
}

struct RawSignature {
    std::array<long long, 4> range{};
    std::string cms;  // exact DER (padding removed)
};

// Every /ByteRange of the file in order, with the DER of its CMS, read
// from the bytes as an outside verifier would.
std::vector<RawSignature> rawSignatures(const std::string& pdf) {
    std::vector<RawSignature> found;
    std::regex pattern(R"(/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\])");
    for (std::sregex_iterator it(pdf.begin(), pdf.end(), pattern), end; it != end; ++it) {
        RawSignature signature;
        for (int i = 0; i < 4; ++i)
            signature.range[static_cast<std::size_t>(i)] = std::stoll((*it)[i + 1]);
        std::string hex =
            pdf.substr(static_cast<std::size_t>(signature.range[1] + 1),
                       static_cast<std::size_t>(signature.range[2] - signature.range[1] - 2));
        std::string bytes;
        for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
            bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
        const unsigned char* cursor = reinterpret_cast<const unsigned char*>(bytes.data());
        CMS_ContentInfo* cms =
            d2i_CMS_ContentInfo(nullptr, &cursor, static_cast<long>(bytes.size()));
        BOOST_REQUIRE(cms != nullptr);
        signature.cms =
            bytes.substr(0, static_cast<std::size_t>(
                                cursor - reinterpret_cast<const unsigned char*>(bytes.data())));
        CMS_ContentInfo_free(cms);
        found.push_back(signature);
    }
    return found;
}

// The signature value and the time-stamp token (empty when none) of a CMS.
std::pair<std::string, std::string> signatureAndToken(const std::string& der) {
    const unsigned char* cursor = reinterpret_cast<const unsigned char*>(der.data());
    CMS_ContentInfo* cms = d2i_CMS_ContentInfo(nullptr, &cursor, static_cast<long>(der.size()));
    BOOST_REQUIRE(cms != nullptr);
    CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
    ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(signer);
    std::string signature(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                          static_cast<std::size_t>(ASN1_STRING_length(value)));
    std::string token;
    int index = CMS_unsigned_get_attr_by_NID(signer, NID_id_smime_aa_timeStampToken, -1);
    if (index >= 0) {
        ASN1_TYPE* type = X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(signer, index), 0);
        token.assign(reinterpret_cast<const char*>(type->value.sequence->data),
                     static_cast<std::size_t>(type->value.sequence->length));
    }
    CMS_ContentInfo_free(cms);
    return {signature, token};
}

std::string signedBytes(const std::string& pdf, const RawSignature& signature) {
    auto [start, length, second, secondLength] = signature.range;
    return pdf.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(length)) +
           pdf.substr(static_cast<std::size_t>(second), static_cast<std::size_t>(secondLength));
}

int modeOf(const fs::path& file) {
    struct stat info {};
    BOOST_REQUIRE(::stat(file.c_str(), &info) == 0);
    return static_cast<int>(info.st_mode & 0777);
}

// Renders a fixture with `nusqa render` in dataDir; returns the PDF path.
fs::path renderWithCli(const fs::path& dataDir, const std::string& fixtureName,
                       const std::vector<std::string>& settings = {}, const std::string& extra = {},
                       std::string* output = nullptr) {
    fs::path pdf = dataDir / (fixtureName + ".pdf");
    Run rendered = run(environment(dataDir, settings) + nusqaBinary() + " render " +
                       quoted(fixture(fixtureName)) + " --profile-dir " +
                       quoted(sourceDir() / "doc-templates") + " " + extra + " -o " + quoted(pdf));
    BOOST_TEST_REQUIRE(rendered.status == 0, rendered.output);
    if (output != nullptr) *output = rendered.output;
    return pdf;
}

std::vector<std::string> pkiSeal() {
    return {"NUSQA_SIGNING_PKCS12=" + pki().seal.p12.string(),
            "NUSQA_SIGNING_PASSWORD=" + pki().seal.password,
            "NUSQA_SIGNING_TRUSTED_CERTIFICATES=" + pki().caPem.string()};
}

Run verifyWithCli(const fs::path& dataDir, const fs::path& pdf,
                  const std::vector<std::string>& settings = {}, bool json = false,
                  const std::string& extra = {}) {
    return run(environment(dataDir, settings) + nusqaBinary() + " verify " + quoted(pdf) +
               (json ? " --json" : "") + extra);
}

std::string problemOf(const Run& verified) {
    std::smatch match;
    std::regex_search(verified.output, match, std::regex(R"re("problem":"([a-z_]+)")re"));
    return match.empty() ? "" : match[1].str();
}

// A PDF of three pages as PoDoFo writes it (its page tree one flat /Kids
// array), or with the first two pages under a /Pages node of their own and
// the third beside it: /Kids [node, page 3], /Count 3.
std::string threePages(bool nested) {
    PoDoFo::PdfError::EnableDebug(false);  // PoDoFo prints the trailers it writes
    PoDoFo::PdfMemDocument document;
    // References, not the PdfPage pointers, which PoDoFo's page cache may drop.
    std::vector<PoDoFo::PdfReference> pages;
    for (int i = 0; i < 3; ++i)
        pages.push_back(
            document.CreatePage(PoDoFo::PdfRect(0, 0, 595, 842))->GetObject()->Reference());
    if (nested) {
        PoDoFo::PdfObject* root = document.GetPagesTree()->GetObject();
        PoDoFo::PdfObject* node = document.GetObjects().CreateObject("Pages");
        PoDoFo::PdfArray inner;
        inner.push_back(pages[0]);
        inner.push_back(pages[1]);
        node->GetDictionary().AddKey("Kids", inner);
        node->GetDictionary().AddKey("Count", PoDoFo::PdfObject(static_cast<PoDoFo::pdf_int64>(2)));
        node->GetDictionary().AddKey("Parent", root->Reference());
        for (int i = 0; i < 2; ++i)
            document.GetObjects()
                .GetObject(pages[static_cast<std::size_t>(i)])
                ->GetDictionary()
                .AddKey("Parent", node->Reference());
        PoDoFo::PdfArray outer;
        outer.push_back(node->Reference());
        outer.push_back(pages[2]);
        root->GetDictionary().AddKey("Kids", outer);
    }
    PoDoFo::PdfRefCountedBuffer buffer;
    PoDoFo::PdfOutputDevice device(&buffer);
    document.Write(&device);
    return std::string(buffer.GetBuffer(), device.GetLength());
}

// The pages (1-based) that hold an annotation, as PoDoFo finds them.
std::vector<int> annotatedPages(const std::string& pdf) {
    PoDoFo::PdfMemDocument document;
    document.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
    std::vector<int> pages;
    for (int i = 0; i < document.GetPageCount(); ++i)
        if (document.GetPage(i)->GetNumAnnots() > 0) pages.push_back(i + 1);
    return pages;
}

}  // namespace

BOOST_AUTO_TEST_CASE(nusqa_render_seals_every_pdf_as_pades_baseline_b) {
    TempDir directory("sign-render");
    for (const char* name : {"000-wkatu-coworking.xml", "002-satbayev-excerpt.xml",
                             "003-kru-software-dept.xml", "minimal.xml"}) {
        BOOST_TEST_CONTEXT(name) {
            std::string output;
            fs::path pdf = renderWithCli(directory.path(), name, {}, {}, &output);
            BOOST_TEST(output.find("sealed by «TEST seal") != std::string::npos, output);
            std::vector<PdfsigSignature> signatures = pdfsig(pdf);
            BOOST_TEST_REQUIRE(signatures.size() == 1u);
            BOOST_TEST(signatures[0].valid);
            BOOST_TEST(signatures[0].total);
            BOOST_TEST(signatures[0].type == "ETSI.CAdES.detached");
            BOOST_TEST(run("qpdf --check " + quoted(pdf))
                           .output.find("No syntax or stream encoding errors") !=
                       std::string::npos);

            std::string bytes = readFile(pdf);
            std::vector<RawSignature> raw = rawSignatures(bytes);
            BOOST_TEST_REQUIRE(raw.size() == 1u);
            writeFile(directory.path() / "seal.der", raw[0].cms);
            std::string printed = run("openssl cms -cmsout -print -inform DER -in " +
                                      quoted(directory.path() / "seal.der"))
                                      .output;
            BOOST_TEST(printed.find("id-smime-aa-signingCertificateV2") != std::string::npos);
            BOOST_TEST(printed.find("signingTime") == std::string::npos);
            BOOST_TEST(printed.find("messageDigest") != std::string::npos);
            // OpenSSL verifies the CMS over the signed byte ranges on its own.
            writeFile(directory.path() / "signed.bin", signedBytes(bytes, raw[0]));
            Run cms = run("openssl cms -verify -binary -noverify -inform DER -in " +
                          quoted(directory.path() / "seal.der") + " -content " +
                          quoted(directory.path() / "signed.bin") + " -out /dev/null");
            BOOST_TEST(cms.output.find("Verification successful") != std::string::npos, cms.output);

            Run verified = verifyWithCli(directory.path(), pdf);
            BOOST_TEST(verified.status == 0, verified.output);
            BOOST_TEST(verified.output.find("PAdES-B-B") != std::string::npos, verified.output);
        }
    }
    // Key hygiene: the generated test seal and its password are the owner's
    // only, and the password shows in no output.
    fs::path key = directory.path() / "seal-test.p12";
    BOOST_TEST(modeOf(key) == 0600);
    BOOST_TEST(modeOf(key.string() + ".password") == 0600);
    std::string password = readFile(key.string() + ".password");
    password.pop_back();
    std::string output;
    renderWithCli(directory.path(), "minimal.xml", {}, {}, &output);
    BOOST_TEST(output.find("TEST key") != std::string::npos, output);  // the warning
    BOOST_TEST(output.find(password) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(timestamp_of_the_local_authority_verifies_with_openssl_ts) {
    TempDir directory("sign-tsa");
    LocalTsa tsa(pki());
    std::vector<std::string> settings = pkiSeal();
    settings.push_back("NUSQA_SIGNING_TSA_URL=" + tsa.url());
    std::string output;
    fs::path pdf =
        renderWithCli(directory.path(), "000-wkatu-coworking.xml", settings, {}, &output);
    BOOST_TEST(tsa.requests() == 1);
    BOOST_TEST(output.find(pki().seal.password) == std::string::npos, output);
    std::vector<PdfsigSignature> signatures = pdfsig(pdf);
    BOOST_TEST_REQUIRE(signatures.size() == 1u);
    BOOST_TEST(signatures[0].valid);
    BOOST_TEST(signatures[0].total);
    BOOST_TEST(signatures[0].commonName == "Test University seal");

    std::vector<RawSignature> raw = rawSignatures(readFile(pdf));
    BOOST_TEST_REQUIRE(raw.size() == 1u);
    auto [signature, token] = signatureAndToken(raw[0].cms);
    BOOST_TEST_REQUIRE(!token.empty());
    writeFile(directory.path() / "token.der", token);
    // The token's imprint is the SHA-256 of the signature value (ETSI
    // signature time-stamp); openssl checks it and the authority's chain.
    Run checked = run("openssl ts -verify -digest " + crypto::sha256Hex(signature) + " -in " +
                      quoted(directory.path() / "token.der") + " -token_in -CAfile " +
                      quoted(pki().caPem) + " -untrusted " + quoted(pki().tsaPem));
    BOOST_TEST(checked.output.find("Verification: OK") != std::string::npos, checked.output);
    // A token over other bytes does not verify: the check can fail.
    Run other = run("openssl ts -verify -digest " + crypto::sha256Hex("other") + " -in " +
                    quoted(directory.path() / "token.der") + " -token_in -CAfile " +
                    quoted(pki().caPem) + " -untrusted " + quoted(pki().tsaPem));
    BOOST_TEST(other.output.find("Verification: OK") == std::string::npos, other.output);

    Run verified = verifyWithCli(directory.path(), pdf, settings);
    BOOST_TEST(verified.status == 0, verified.output);
    BOOST_TEST(verified.output.find("PAdES-B-T, trusted") != std::string::npos, verified.output);

    // An authority that cannot be reached: no PDF, a clear reason.
    std::vector<std::string> unreachable = pkiSeal();
    unreachable.push_back("NUSQA_SIGNING_TSA_URL=http://127.0.0.1:1/tsa");
    fs::path none = directory.path() / "none.pdf";
    Run failed = run(environment(directory.path(), unreachable) + nusqaBinary() + " render " +
                     quoted(fixture("minimal.xml")) + " --profile-dir " +
                     quoted(sourceDir() / "doc-templates") + " -o " + quoted(none));
    BOOST_TEST(failed.status == 1, failed.output);
    BOOST_TEST(
        failed.output.find("time-stamp authority 127.0.0.1 cannot be reached") != std::string::npos,
        failed.output);
    BOOST_TEST(!fs::exists(none));
    BOOST_TEST(verified.output.find("(verified)") != std::string::npos, verified.output);
}

// flatPageTree (what the Sealer asks for) takes the page from the page
// tree's root: the seal lands on the page asked for, in a flat tree as
// without the flag (the same bytes), and in a nested one through PoDoFo.
BOOST_AUTO_TEST_CASE(the_seal_is_on_the_page_asked_for_with_a_flat_or_a_nested_page_tree) {
    auto identity = signing::Identity::loadPkcs12(pki().seal.p12, pki().seal.password);
    BOOST_TEST_REQUIRE(identity.has_value());
    for (bool nested : {false, true}) {
        std::string pdf = threePages(nested);
        BOOST_TEST_REQUIRE(annotatedPages(pdf).empty());
        for (int page = 1; page <= 3; ++page) {
            signing::SignatureRequest request;
            request.fieldName = "NusqaSeal";
            request.epochSeconds = 1767225600;
            request.area = SealArea{page, 72, 72, 200, 60};
            auto walked = signing::signPdf(pdf, *identity, request);
            request.flatPageTree = true;
            auto taken = signing::signPdf(pdf, *identity, request);
            BOOST_TEST_REQUIRE(walked.has_value());
            BOOST_TEST_REQUIRE(taken.has_value());
            BOOST_TEST((annotatedPages(*taken) == std::vector<int>{page}),
                       "nested " << nested << ", page " << page);
            BOOST_TEST(*taken == *walked, "nested " << nested << ", page " << page);
        }
    }
}

BOOST_AUTO_TEST_CASE(three_personal_signatures_as_incremental_updates) {
    TempDir directory("sign-three");
    fs::path current = renderWithCli(directory.path(), "003-kru-software-dept.xml", pkiSeal());
    std::vector<std::string> revisions{readFile(current)};
    for (std::size_t i = 0; i < 3; ++i) {
        const TestIdentity& person = pki().personal[i];
        fs::path passwordFile = directory.path() / ("password-" + std::to_string(i));
        writeFile(passwordFile, person.password + "\n");
        fs::path next = directory.path() / ("agreed-" + std::to_string(i + 1) + ".pdf");
        Run signedRun = run(nusqaBinary() + " sign " + quoted(current) + " --pkcs12 " +
                            quoted(person.p12) + " --password-file " + quoted(passwordFile) +
                            " --reason 'Келісемін / Согласовано' -o " + quoted(next));
        BOOST_TEST_REQUIRE(signedRun.status == 0, signedRun.output);
        BOOST_TEST(signedRun.output.find(person.password) == std::string::npos);
        std::string bytes = readFile(next);
        // Every earlier revision, and so every earlier signature, is kept byte-exact.
        BOOST_TEST(bytes.size() > revisions.back().size());
        BOOST_TEST(bytes.compare(0, revisions.back().size(), revisions.back()) == 0);
        revisions.push_back(bytes);
        current = next;
    }
    std::vector<PdfsigSignature> signatures = pdfsig(current);
    BOOST_TEST_REQUIRE(signatures.size() == 4u);
    std::set<std::string> names;
    for (std::size_t i = 0; i < signatures.size(); ++i) {
        BOOST_TEST(signatures[i].valid, "signature " << i + 1);
        names.insert(signatures[i].commonName);
    }
    for (std::size_t i = 0; i < 3; ++i) BOOST_TEST(signatures[i].notTotal);
    BOOST_TEST(signatures[3].total);
    for (const TestIdentity& person : pki().personal)
        BOOST_TEST(names.contains(person.commonName), person.commonName);

    Run verified = verifyWithCli(directory.path(), current, pkiSeal());
    BOOST_TEST(verified.status == 0, verified.output);
    BOOST_TEST(verified.output.find("result: VALID") != std::string::npos, verified.output);
    std::size_t valid = 0;
    for (std::size_t at = verified.output.find("»: valid"); at != std::string::npos;
         at = verified.output.find("»: valid", at + 1))
        ++valid;
    BOOST_TEST(valid == 4u, verified.output);
    BOOST_TEST(verified.output.find("CN=Айгүл Серікова") != std::string::npos, verified.output);
    BOOST_TEST(verified.output.find("covers the whole file") != std::string::npos);

    // A wrong PKCS#12 password: refused, with no file written.
    fs::path wrong = directory.path() / "wrong-password";
    writeFile(wrong, "not-the-password\n");
    Run refused = run(nusqaBinary() + " sign " + quoted(current) + " --pkcs12 " +
                      quoted(pki().personal[0].p12) + " --password-file " + quoted(wrong) + " -o " +
                      quoted(directory.path() / "never.pdf"));
    BOOST_TEST(refused.status == 1, refused.output);
    BOOST_TEST(!fs::exists(directory.path() / "never.pdf"));
}

BOOST_AUTO_TEST_CASE(each_kind_of_tampering_fails_with_its_own_reason) {
    TempDir directory("sign-tamper");
    fs::path sealed = renderWithCli(directory.path(), "000-wkatu-coworking.xml", pkiSeal());
    const TestIdentity& person = pki().personal[1];
    fs::path passwordFile = directory.path() / "password";
    writeFile(passwordFile, person.password);
    fs::path original = directory.path() / "original.pdf";
    Run signedRun =
        run(nusqaBinary() + " sign " + quoted(sealed) + " --pkcs12 " + quoted(person.p12) +
            " --password-file " + quoted(passwordFile) + " -o " + quoted(original));
    BOOST_TEST_REQUIRE(signedRun.status == 0, signedRun.output);
    std::string bytes = readFile(original);
    BOOST_TEST(verifyWithCli(directory.path(), original, pkiSeal()).status == 0);
    std::vector<RawSignature> raw = rawSignatures(bytes);
    BOOST_TEST_REQUIRE(raw.size() == 2u);

    std::map<std::string, std::string> cases;
    // A flipped byte in the middle of the signed part (inside a compressed
    // page stream, so the file still parses).
    std::string flipped = bytes;
    std::size_t middle = static_cast<std::size_t>(raw[0].range[1] / 2);
    flipped[middle] = static_cast<char>(flipped[middle] ^ 0x20);
    cases["flipped"] = flipped;
    // An unsigned incremental update appended after the last signature.
    {
        PoDoFo::PdfMemDocument document;
        document.LoadFromBuffer(bytes.data(), static_cast<long>(bytes.size()), true);
        document.GetInfo()->SetTitle(PoDoFo::PdfString("Changed after signing"));
        PoDoFo::PdfRefCountedBuffer buffer;
        PoDoFo::PdfOutputDevice device(&buffer);
        document.WriteUpdate(&device, true);
        cases["appended"] = std::string(buffer.GetBuffer(), device.GetLength());
        BOOST_TEST_REQUIRE(cases["appended"].compare(0, bytes.size(), bytes) == 0);
    }
    cases["truncated"] = bytes.substr(0, bytes.size() - 700);
    // The last signature's ByteRange rewritten in place (same length).
    {
        std::string malformed = bytes;
        std::string range = std::to_string(raw[1].range[1]);
        std::string shifted = std::to_string(raw[1].range[1] - 1);
        BOOST_TEST_REQUIRE(range.size() == shifted.size());
        std::size_t at = malformed.rfind("/ByteRange");
        at = malformed.find(range, at);
        malformed.replace(at, range.size(), shifted);
        cases["malformed"] = malformed;
    }

    std::set<std::string> reasons;
    for (const auto& [name, tampered] : cases) {
        BOOST_TEST_CONTEXT(name) {
            fs::path file = directory.path() / (name + ".pdf");
            writeFile(file, tampered);
            Run verified = verifyWithCli(directory.path(), file, pkiSeal(), true);
            BOOST_TEST(verified.status == 1, verified.output);
            BOOST_TEST(verified.output.find(R"("valid":false)") != std::string::npos,
                       verified.output);
            std::string problem = problemOf(verified);
            BOOST_TEST(!problem.empty(), verified.output);
            reasons.insert(problem);
        }
    }
    BOOST_TEST(reasons.size() == 4u);
    BOOST_TEST(reasons.contains("digest_mismatch"));
    BOOST_TEST(reasons.contains("modified_after_signature"));
    BOOST_TEST(reasons.contains("truncated"));
    BOOST_TEST(reasons.contains("malformed_byte_range"));
    // Why pdfsig's word is not enough: after the unsigned update it still
    // calls both signatures valid; only "Not total document signed" shows it.
    std::vector<PdfsigSignature> loose = pdfsig(directory.path() / "appended.pdf");
    BOOST_TEST_REQUIRE(loose.size() == 2u);
    BOOST_TEST(loose[1].valid);
    BOOST_TEST(loose[1].notTotal);
}

BOOST_AUTO_TEST_CASE(cli_verify_names_the_edition_and_its_status) {
    TempDir directory("sign-status");
    BOOST_TEST_REQUIRE(initialiseXml().has_value());
    std::string xml = readFile(fixture("003-kru-software-dept.xml"));
    std::int64_t editionId = 0;
    {
        auto storage = openStorage("sqlite:" + (directory.path() / "nusqa.db").string(), 1);
        BOOST_TEST_REQUIRE(storage.has_value());
        Store& store = (*storage)->documents();
        auto document = store.createDocument(
            NewDocument{"003", DocumentKind::Regulation, "Ереже", "Сапа", Language::Kazakh}, {});
        BOOST_TEST_REQUIRE(document.has_value());
        auto edition = store.createEdition(
            NewEdition{document->id, 1, Language::Kazakh, xml, crypto::sha256Hex(xml), 0}, {});
        BOOST_TEST_REQUIRE(edition.has_value());
        editionId = edition->id;
        BOOST_TEST_REQUIRE(
            changeStatus((*storage)->lifecycle(), editionId, EditionStatus::Superseded)
                .has_value());
    }
    fs::path pdf = renderWithCli(directory.path(), "003-kru-software-dept.xml", pkiSeal(),
                                 "--edition-id " + std::to_string(editionId));
    // `nusqa verify` reads no register: it asks the organisation's server
    // (here `nusqa serve` over the same store), and trusts the seal through
    // the organisation's CA.
    ServerProcess server(directory.path(), {{"NUSQA_HTTP_PORT", "0"},
                                            {"NUSQA_DATA_DIR", directory.path().string()},
                                            {"NUSQA_SIGNING_PKCS12", pki().seal.p12.string()},
                                            {"NUSQA_SIGNING_PASSWORD", pki().seal.password}});
    std::string ask = " --server http://127.0.0.1:" + std::to_string(server.port());
    std::vector<std::string> trusting{"NUSQA_SIGNING_TRUSTED_CERTIFICATES=" + pki().caPem.string()};
    Run verified =
        verifyWithCli(directory.path(), pdf, trusting, false,
                      ask);  // Signed after the seal by an approver of the organisation's CA: still
    // genuine. By a stranger's self-signed certificate: the pages may have
    // been changed by someone nobody vouches for, so not genuine.
    fs::path passwordFile = directory.path() / "password";
    writeFile(passwordFile, pki().personal[0].password);
    fs::path countersigned = directory.path() / "countersigned.pdf";
    BOOST_TEST_REQUIRE(run(nusqaBinary() + " sign " + quoted(pdf) + " --pkcs12 " +
                           quoted(pki().personal[0].p12) + " --password-file " +
                           quoted(passwordFile) + " -o " + quoted(countersigned))
                           .status == 0);
    Run trusted = verifyWithCli(directory.path(), countersigned, trusting, false, ask);
    BOOST_TEST(trusted.output.find("genuine rendition of edition") != std::string::npos,
               trusted.output);
    runOpenssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=Stranger", "-days",
                "2", "-keyout", (directory.path() / "stranger.key").string(), "-out",
                (directory.path() / "stranger.pem").string()});
    runOpenssl({"pkcs12", "-export", "-inkey", (directory.path() / "stranger.key").string(), "-in",
                (directory.path() / "stranger.pem").string(), "-passout", "pass:stranger", "-out",
                (directory.path() / "stranger.p12").string()});
    writeFile(passwordFile, "stranger");
    fs::path forged = directory.path() / "forged.pdf";
    BOOST_TEST_REQUIRE(run(nusqaBinary() + " sign " + quoted(pdf) + " --pkcs12 " +
                           quoted(directory.path() / "stranger.p12") + " --password-file " +
                           quoted(passwordFile) + " -o " + quoted(forged))
                           .status == 0);
    Run untrusted = verifyWithCli(directory.path(), forged, trusting, true, ask);
    BOOST_TEST(untrusted.output.find(R"("valid":true)") != std::string::npos, untrusted.output);
    BOOST_TEST(untrusted.output.find(R"("genuine":false)") != std::string::npos, untrusted.output);
    BOOST_TEST(untrusted.output.find("CN=Stranger") != std::string::npos, untrusted.output);

    // Another file with the same edition number but other content: not genuine.
    fs::path other = renderWithCli(directory.path(), "minimal.xml", pkiSeal(),
                                   "--edition-id " + std::to_string(editionId));
    Run unknown = verifyWithCli(directory.path(), other, trusting, false, ask);
    BOOST_TEST(unknown.status == 0, unknown.output);  // the signatures are fine
    BOOST_TEST(unknown.output.find("has other content") != std::string::npos, unknown.output);
}

BOOST_DATA_TEST_CASE(api_pdf_is_sealed_and_its_qr_code_answers_the_status, data::make(kBackends),
                     backend) {
    ServerHarness server(backend);
    HttpClient client = server.client();
    std::string xml = readFile(fixture("002-satbayev-excerpt.xml"));
    HttpReply document = client.postJson(
        "/api/v1/documents",
        R"({"code":"ҚазҰТЗУ ҚП 607-2023","kind":"documented_procedure","title":"Ресурстар","unit":"Сапа","language":"kk"})");
    BOOST_TEST_REQUIRE(document.status == 201, document.body);
    HttpReply edition = client.postXml(
        "/api/v1/documents/" + std::to_string(jsonInt(document.body, "id")) + "/editions", xml);
    BOOST_TEST_REQUIRE(edition.status == 201, edition.body);
    std::int64_t id = jsonInt(edition.body, "id");
    HttpReply pdf = client.get("/api/v1/editions/" + std::to_string(id) + "/pdf");
    BOOST_TEST_REQUIRE(pdf.status == 200, pdf.body);
    std::string sha = pdf.header("x-edition-sha256");
    BOOST_TEST(sha == crypto::sha256Hex(xml));

    TempDir directory("sign-api");
    fs::path file = directory.path() / "edition.pdf";
    writeFile(file, pdf.body);
    std::vector<PdfsigSignature> signatures = pdfsig(file);
    BOOST_TEST_REQUIRE(signatures.size() == 1u);
    BOOST_TEST(signatures[0].valid);
    BOOST_TEST(signatures[0].total);

    // The QR codes (the seal block on the last page, and satbayev's footer
    // on every page) decode to the verification URL.
    int pages = std::stoi(pdf.header("x-pages"));
    std::string expected =
        std::string(kPublicBaseUrl) + "/verify/" + std::to_string(id) + "/" + sha;
    for (int page : {2, pages}) {
        std::string prefix = (directory.path() / ("page-" + std::to_string(page))).string();
        run("pdftoppm -r 200 -png -f " + std::to_string(page) + " -l " + std::to_string(page) +
            " " + quoted(file) + " '" + prefix + "'");
        fs::path png;
        for (const auto& entry : fs::directory_iterator(directory.path()))
            if (entry.path().string().starts_with(prefix) && entry.path().extension() == ".png")
                png = entry.path();
        BOOST_TEST_REQUIRE(!png.empty());
        std::string decoded = run("zbarimg --raw -q " + quoted(png) + " 2>/dev/null").output;
        std::istringstream lines(decoded);
        std::size_t codes = 0;
        for (std::string line; std::getline(lines, line);) {
            if (line.empty() || line.starts_with("Connection")) continue;  // zbar's D-Bus chatter
            BOOST_TEST(line == expected);
            ++codes;
        }
        BOOST_TEST(codes == (page == pages ? 2u : 1u), "page " << page << ": " << decoded);
    }

    // The URL answers without an account: a draft now, in force later.
    std::string path = expected.substr(std::string(kPublicBaseUrl).size());
    HttpClient anonymous = server.anonymous();
    HttpReply status = anonymous.get(path, {{"Accept", "application/json"}});
    BOOST_TEST(status.status == 200, status.body);
    BOOST_TEST(jsonString(status.body, "status") == "draft");
    BOOST_TEST_REQUIRE(
        changeStatus(server.storage().lifecycle(), id, EditionStatus::InForce).has_value());
    HttpReply page = anonymous.get(path);
    BOOST_TEST(page.status == 200);
    BOOST_TEST(page.header("content-type").starts_with("text/html"));
    BOOST_TEST(page.body.find("data-status=\"in_force\"") != std::string::npos, page.body);
    BOOST_TEST(page.body.find("Қолданыста") != std::string::npos);
    HttpReply unknown = anonymous.get("/verify/" + std::to_string(id) + "/" + std::string(64, 'a'),
                                      {{"Accept", "application/json"}});
    BOOST_TEST(unknown.status == 404);
    BOOST_TEST(jsonString(unknown.body, "status") == "unknown");

    // Superseded later: the same PDF is still genuine, and says so.
    BOOST_TEST_REQUIRE(
        changeStatus(server.storage().lifecycle(), id, EditionStatus::Superseded).has_value());
    HttpReply verified =
        client.request("POST", "/api/v1/verify", pdf.body, {{"Content-Type", "application/pdf"}});
    BOOST_TEST(verified.status == 200, verified.body);
    BOOST_TEST(verified.body.find(R"("valid":true)") != std::string::npos, verified.body);
    BOOST_TEST(verified.body.find(R"("genuine":true,"printed":"edition")") != std::string::npos,
               verified.body);
    BOOST_TEST(verified.body.find(R"("status":"superseded")") != std::string::npos, verified.body);
    BOOST_TEST(verified.body.find(R"("coversWholeFile":true)") != std::string::npos, verified.body);
    BOOST_TEST(verified.body.find(server.sealCertificateSha256()) != std::string::npos);

    // One changed byte: no longer valid, so not genuine.
    std::string changed = pdf.body;
    changed[changed.size() / 3] = static_cast<char>(changed[changed.size() / 3] ^ 1);
    HttpReply tampered =
        client.request("POST", "/api/v1/verify", changed, {{"Content-Type", "application/pdf"}});
    BOOST_TEST(tampered.body.find(R"("valid":false)") != std::string::npos, tampered.body);
    BOOST_TEST(tampered.body.find(R"("genuine":false)") != std::string::npos, tampered.body);
}

BOOST_AUTO_TEST_CASE(verify_api_refuses_what_is_not_a_pdf) {
    ServerHarness server("sqlite");
    HttpClient client = server.client();
    HttpReply text =
        client.request("POST", "/api/v1/verify", "hello", {{"Content-Type", "application/pdf"}});
    BOOST_TEST(text.status == 200);
    BOOST_TEST(jsonString(text.body, "problem") == "unreadable");
    BOOST_TEST(client.request("POST", "/api/v1/verify", "hello", {{"Content-Type", "text/plain"}})
                   .status == 415);
    BOOST_TEST(client.request("POST", "/api/v1/verify", "", {{"Content-Type", "application/pdf"}})
                   .status == 400);
    BOOST_TEST(
        server.anonymous()
            .request("POST", "/api/v1/verify", "%PDF-", {{"Content-Type", "application/pdf"}})
            .status == 401);
    // A well-formed PDF without any signature.
    PoDoFo::PdfMemDocument document;
    document.CreatePage(PoDoFo::PdfPage::CreateStandardPageSize(PoDoFo::ePdfPageSize_A4));
    PoDoFo::PdfRefCountedBuffer buffer;
    PoDoFo::PdfOutputDevice device(&buffer);
    document.Write(&device);
    HttpReply bare = client.request("POST", "/api/v1/verify",
                                    std::string(buffer.GetBuffer(), device.GetLength()),
                                    {{"Content-Type", "application/pdf"}});
    BOOST_TEST(jsonString(bare.body, "problem") == "not_signed", bare.body);
}
