#include "app/detail/SigningSetup.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "signing/PdfSign.h"
#include "signing/PdfVerify.h"
#include "timestamp/TimestampClient.h"

namespace nusqa::app {

Result<SigningKit> openSigning(const ServeConfig& settings, const Warn& warn) {
    const SigningSettings& config = settings.signing;
    SigningKit kit;
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

    TimestampTransport transport;
    if (!config.tsaUrl.empty())
        transport = NUSQA_TRY(timestamp::timestampClient(config.tsaUrl, config.tsaTimeoutSeconds));

    std::vector<std::string> anchors{identity->certificatePem()};
    for (const std::string& file : config.trustedCertificates) {
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return fail(ErrorCode::NotFound, "signing.trustedCertificates: cannot read " + file);
        std::ostringstream pem;
        pem << in.rdbuf();
        anchors.push_back(pem.str());
    }
    auto verifier = signing::Verifier::create(anchors);
    if (!verifier)
        return std::unexpected(
            std::move(verifier.error()).withContext("signing.trustedCertificates"));
    kit.sealCertificates.push_back(identity->certificateSha256());
    kit.sealer =
        std::make_unique<signing::Sealer>(std::move(*identity), organisation, std::move(transport));
    kit.verifier = std::make_unique<signing::Verifier>(std::move(*verifier));
    return kit;
}

}  // namespace nusqa::app
