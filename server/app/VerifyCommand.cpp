#include "app/VerifyCommand.h"

#include <iostream>

#include "app/Config.h"
#include "app/detail/Files.h"
#include "app/detail/SigningSetup.h"
#include "http/ErrorMapping.h"
#include "http/VerifyRoutes.h"
#include "signing/VerifyWorker.h"
#include "storage/StoreFactory.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa::app {
namespace {

void printSignature(const SignatureReport& signature, std::size_t index, std::ostream& out) {
    out << "  #" << index << " «" << signature.field << "»: "
        << (signature.valid ? "valid"
                            : "INVALID (" + signature.problemCode + ": " + signature.problem + ")");
    if (signature.valid)
        out << ", " << signature.level
            << (signature.trusted ? ", trusted" : ", certificate not trusted");
    out << "\n     signer: " << signature.signer << "\n     issuer: " << signature.issuer << "\n";
    out << "     signing time: "
        << (signature.signingTime.empty() ? "not given" : signature.signingTime) << "\n";
    if (signature.hasTimestamp)
        out << "     time-stamp: " << signature.timestampTime
            << (signature.timestampValid ? " (verified)"
                                         : " (NOT verified against a trusted authority)")
            << "\n";
    const auto& range = signature.byteRange;
    out << "     byte range: [" << range[0] << " " << range[1] << " " << range[2] << " " << range[3]
        << "], "
        << (signature.coversWholeFile ? "covers the whole file" : "covers an earlier revision")
        << "\n";
    if (signature.seal)
        out << "     seal of edition " << signature.editionId << ", SHA-256 "
            << signature.editionSha256 << "\n";
}

}  // namespace

int runVerify(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
    std::string input, configFile;
    bool json = false;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "--config" && i + 1 < arguments.size())
            configFile = arguments[++i];
        else if (arguments[i] == "--json")
            json = true;
        else if (input.empty() && !arguments[i].starts_with("-"))
            input = arguments[i];
        else {
            err << "usage: nusqa verify FILE.pdf [--config FILE] [--json]\n";
            return 2;
        }
    }
    if (input.empty()) {
        err << "usage: nusqa verify FILE.pdf [--config FILE] [--json]\n";
        return 2;
    }
    auto pdf = readBoundedFile(input, kMaxPdfFileBytes);
    if (!pdf) {
        err << pdf.error().message << "\n";
        return 2;
    }
    auto settings = loadSettings(configFile);
    if (!settings) {
        err << "nusqa verify: " << settings.error().message << "\n";
        return 2;
    }
    auto kit = openSigning(*settings, [&err](const std::string& text) {
        err << "nusqa verify: warning: " << text << "\n";
    });
    if (!kit) {
        err << "nusqa verify: " << kit.error().message << "\n";
        return 2;
    }
    if (auto ready = initialiseXml(); !ready) {
        err << "nusqa verify: " << ready.error().message << "\n";
        return 2;
    }
    auto storage = openStorage(settings->storeUrl, 1);
    if (!storage) {
        err << "nusqa verify: cannot open the register " << redactUrl(settings->storeUrl) << ": "
            << storage.error().message << "\n";
        return 2;
    }
    VerificationService verification((*storage)->documents(), *kit->verifier,
                                     kit->sealCertificates);
    auto verified = verification.verify(*pdf);
    if (!verified) {
        // The file could not be checked within the bounds (1: not valid), or
        // verification could not run (2).
        if (json) out << http::errorResponse(verified.error()).body << "\n";
        err << "nusqa verify: " << verified.error().message << "\n";
        return verified.error().code == ErrorCode::InvalidDocument ? 1 : 2;
    }
    const VerificationReport& report = *verified;
    if (json) {
        http::JsonWriter writer;
        http::writeVerificationReport(writer, report);
        out << writer.text() << "\n";
        return report.pdf.valid ? 0 : 1;
    }
    out << input << ": " << report.pdf.signatures.size() << " signature(s), " << report.pdf.size
        << " bytes\n";
    for (std::size_t i = 0; i < report.pdf.signatures.size(); ++i)
        printSignature(report.pdf.signatures[i], i + 1, out);
    if (report.pdf.valid)
        out << "result: VALID, nothing was changed after the last signature\n";
    else
        out << "result: INVALID (" << report.pdf.problemCode << "): " << report.pdf.problem << "\n";
    const EditionCheck& edition = report.edition;
    if (report.genuine)
        out << "edition: a genuine rendition of edition " << edition.editionId << ", status "
            << edition.status << "\n";
    else if (report.sealed)
        out << "edition: sealed by this organisation; edition " << edition.editionId << " status "
            << edition.status << (edition.problem.empty() ? "" : " (" + edition.problem + ")")
            << "\n";
    else
        out << "edition: unknown (" << edition.problem << ")\n";
    return report.pdf.valid ? 0 : 1;
}

int runVerifyWorker(const std::vector<std::string>& arguments) {
    return signing::runVerifyWorker(arguments, 0, 1);
}

}  // namespace nusqa::app
