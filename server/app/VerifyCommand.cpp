#include "app/VerifyCommand.h"

#include <iostream>

#include "app/Config.h"
#include "app/detail/Files.h"
#include "app/detail/SigningSetup.h"
#include "http/ErrorMapping.h"
#include "http/RemoteRegister.h"
#include "http/VerifyRoutes.h"
#include "signing/VerifyWorker.h"

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

namespace {

constexpr const char* kVerifyUsage =
    "usage: nusqa verify FILE.pdf [--trust CERT.pem]... [--server URL] [--config FILE] [--json]\n";
// A public endpoint answers in milliseconds; a server that does not answer
// within this is reported as such.
constexpr int kServerTimeoutSeconds = 15;

// The last valid signature carrying an edition binding, whoever made it.
const SignatureReport* lastBinding(const PdfReport& pdf) {
    const SignatureReport* found = nullptr;
    for (const SignatureReport& signature : pdf.signatures)
        if (signature.seal && signature.valid) found = &signature;
    return found;
}

void printEdition(const VerificationReport& report, std::ostream& out) {
    const EditionCheck& edition = report.edition;
    if (!report.sealed) {
        const SignatureReport* binding = lastBinding(report.pdf);
        if (binding != nullptr)
            out << "seal: of edition " << binding->editionId << " by «" << binding->signer
                << "», not shown to be the organisation's: no trust anchor vouches for it "
                   "(give --trust CERT.pem, the organisation's seal certificate or CA)\n";
        else
            out << "seal: none (" << edition.problem << ")\n";
        return;
    }
    out << "seal: the organisation's (chains to a trust anchor), edition " << edition.editionId
        << ", SHA-256 " << edition.sha256 << "\n";
    if (report.untrustedAfterSeal) {
        out << "edition: NOT genuine (" << edition.problem << ")\n";
        return;
    }
    if (report.printed == "table") {
        out << "file: a report table sealed by the organisation, unchanged since ("
            << (report.genuine ? "genuine" : "NOT genuine") << "); it is not an edition\n";
        return;
    }
    if (report.printed == "unknown") {
        out << "file: NOT genuine (" << edition.problem << ")\n";
        return;
    }
    if (!report.registerAsked) {
        out << "edition: status not asked (give --server URL to ask the organisation's server)\n";
        return;
    }
    if (!edition.found) {
        out << "edition: unknown (" << edition.problem << ")\n";
        return;
    }
    out << "document: " << edition.documentCode << " «" << edition.documentTitle << "», edition No "
        << edition.edition->number << " (" << toString(edition.edition->language) << ")\n";
    if (report.printed == "comparison") {
        // A redline shows edition b's text with a's deletions: it is the
        // organisation's comparison, never a copy of either edition.
        out << "comparison: " << (report.genuine ? "a genuine comparison" : "NOT genuine")
            << " (redline) of edition " << report.comparedWith << " against edition "
            << edition.editionId << ", printed by the organisation; not a copy of either "
            << "edition (edition " << edition.editionId << " is " << edition.status << ")\n";
        return;
    }
    out << "edition: " << (report.genuine ? "a genuine rendition" : "NOT genuine") << " of edition "
        << edition.editionId << ", status " << edition.status << "\n";
}

}  // namespace

// Nothing here opens the register or the seal: verification runs anywhere,
// with no data directory, and writes no file.
int runVerify(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
    std::string input, configFile, server;
    std::vector<std::string> anchors;
    bool json = false;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "--config" && i + 1 < arguments.size())
            configFile = arguments[++i];
        else if (arguments[i] == "--trust" && i + 1 < arguments.size())
            anchors.push_back(arguments[++i]);
        else if (arguments[i] == "--server" && i + 1 < arguments.size())
            server = arguments[++i];
        else if (arguments[i] == "--json")
            json = true;
        else if (input.empty() && !arguments[i].starts_with("-"))
            input = arguments[i];
        else {
            err << kVerifyUsage;
            return 2;
        }
    }
    if (input.empty()) {
        err << kVerifyUsage;
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
    auto verifier = openVerifier(settings->signing, anchors);
    if (!verifier) {
        err << "nusqa verify: " << verifier.error().message << "\n";
        return 2;
    }
    EditionLookup lookup;
    if (!server.empty()) {
        auto remote = http::remoteRegister(server, kServerTimeoutSeconds);
        if (!remote) {
            err << "nusqa verify: " << remote.error().message << "\n";
            return 2;
        }
        lookup = std::move(*remote);
    }
    VerificationService verification(**verifier, std::move(lookup));
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
    printEdition(report, out);
    return report.pdf.valid ? 0 : 1;
}

int runVerifyWorker(const std::vector<std::string>& arguments) {
    return signing::runVerifyWorker(arguments, 0, 1);
}

}  // namespace nusqa::app
