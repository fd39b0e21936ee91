#include "app/detail/SigningSetup.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "signing/IsolatedVerifier.h"
#include "signing/PdfSign.h"
#include "signing/PdfVerify.h"

namespace nusqa::app {

namespace {

// Uploaded PDFs are read by this same binary's verify-worker, bounded in
// time and memory ("/proc/self/exe" runs it even after an upgrade replaced
// the file); or here, in this process.
Result<std::unique_ptr<PdfVerifier>> verifierFor(const SigningSettings& config,
                                                 const std::vector<std::string>& anchors,
                                                 PdfVerification verification) {
    if (verification == PdfVerification::InProcess) {
        signing::Verifier verifier = NUSQA_TRY(signing::Verifier::create(anchors));
        return std::make_unique<signing::Verifier>(std::move(verifier));
    }
    std::unique_ptr<PdfVerifier> verifier = NUSQA_TRY(signing::IsolatedVerifier::create(
        "/proc/self/exe", anchors,
        {config.verifyTimeoutSeconds, config.verifyMemoryMegabytes, config.verifyConcurrency}));
    return verifier;
}

}  // namespace

Result<std::unique_ptr<PdfVerifier>> openVerifier(const SigningSettings& config,
                                                  const std::vector<std::string>& moreAnchors,
                                                  PdfVerification verification) {
    std::vector<std::string> files = config.trustedCertificates;
    files.insert(files.end(), moreAnchors.begin(), moreAnchors.end());
    std::vector<std::string> anchors;
    for (const std::string& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return fail(ErrorCode::NotFound, "signing.trustedCertificates: cannot read " + file);
        std::ostringstream pem;
        pem << in.rdbuf();
        anchors.push_back(pem.str());
    }
    auto verifier = verifierFor(config, anchors, verification);
    if (!verifier && verifier.error().code == ErrorCode::InvalidArgument)
        return std::unexpected(
            std::move(verifier.error()).withContext("signing.trustedCertificates"));
    return verifier;
}

Result<SigningKit> openSigning(const ServeConfig& settings, const Warn& warn,
                               TimestampClientFactory timestamps, PdfVerification verification) {
    const SigningSettings& config = settings.signing;
    SigningKit kit;
    // First, before anything is said or made: a caller without the client
    // may start over in a program that has it (front.cpp).
    TimestampTransport transport;
    if (!config.tsaUrl.empty()) {
        if (timestamps == nullptr)
            return fail(ErrorCode::InvalidArgument,
                        "signing.tsaUrl: this program has no time-stamp client");
        transport = NUSQA_TRY(timestamps(config.tsaUrl, config.tsaTimeoutSeconds));
    }

    std::string organisation = config.organisation.empty() ? "Nusqa" : config.organisation;
    Result<signing::Identity> identity = [&]() -> Result<signing::Identity> {
        if (!config.pkcs12.empty())
            return signing::Identity::loadPkcs12(config.pkcs12, config.password);
        std::filesystem::path file =
            std::filesystem::path(settings.dataDirectory) / "seal-test.p12";
        bool created = false;
        auto test = signing::Identity::loadOrCreateTestSeal(file, organisation, &created);
        if (test) {
            warn(std::string("signing: no signing.pkcs12 configured; PDFs are sealed with a "
                             "self-signed TEST key (") +
                 (created ? "generated now in " : "from ") + file.string() +
                 "), which no PDF reader trusts — configure the organisation's seal before issuing "
                 "documents");
        }
        return test;
    }();
    if (!identity)
        return std::unexpected(std::move(identity.error()).withContext("signing.pkcs12"));

    // Trust is what someone configured, never the seal itself: a
    // self-signed TEST seal is not trusted unless listed as an anchor, as
    // `nusqa verify` away from this server would say.
    auto verifier = openVerifier(config, {}, verification);
    if (!verifier) return std::unexpected(std::move(verifier.error()));
    kit.sealCertificates.push_back(identity->certificateSha256());
    kit.sealer =
        std::make_unique<signing::Sealer>(std::move(*identity), organisation, std::move(transport));
    kit.verifier = std::move(*verifier);
    return kit;
}

}  // namespace nusqa::app
