#include "app/RenderCommand.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <thread>

#include "app/Config.h"
#include "app/detail/SigningSetup.h"
#include "crypto/Digest.h"
#include "domain/EditionPrinter.h"
#include "render/ProfilePrinter.h"
#include "render/Render.h"
#include "render/reader/ContentXml.h"

namespace nusqa::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRenderUsage =
    "usage: nusqa render EDITION.xml [--profile NAME] [--profile-dir DIR] [--edition-id N]\n"
    "                    [--config FILE] -o OUT.pdf\n";

// The edition is read once: read here to choose its profile, printed from
// what was read (for corpus 002 a second read and validation of the XML
// was a sixth of the whole process).
class ReadEditionPrinter final : public EditionPrinter {
public:
    ReadEditionPrinter(const render::ProfilePrinter& printer, const content::Content& content)
        : _printer(printer), _content(content) {}
    Result<PrintedEdition> print(std::string_view, const std::string& profile,
                                 const SheetData& records, const SealStamp* seal) const override {
        return _printer.printContent(_content, profile, records, seal);
    }
    Result<PrintedEdition> printRedline(const compare::Redline& redline, const std::string& profile,
                                        const SealStamp* seal) const override {
        return _printer.printRedline(redline, profile, seal);
    }

private:
    const render::ProfilePrinter& _printer;
    const content::Content& _content;
};

// What the print needs besides the edition and its profile: the document
// schema compiled, the edition's SHA-256 and the seal opened (a tenth of a
// whole `nusqa render` of corpus 002, mostly decoding the seal's key). None
// of it depends on the edition's content, so it is made on a second thread
// while this one reads and validates the edition and opens its profile (the
// layout needs the seal's name). The seal's warnings
// are kept and said where they were said before; the TEST seal may be made
// even when the print then fails on the edition.
struct Beside {
    std::string sha256;
    std::optional<Result<SigningKit>> kit;
    std::vector<std::string> warnings;
};

void prepare(Beside& beside, const ServeConfig& settings, const std::string& xml,
             RenderTimestampClient timestamps) {
    // A schema that does not compile is said by the validation that needs it.
    (void)render::reader::prepareEditionReading();
    beside.sha256 = crypto::sha256Hex(xml);
    try {
        beside.kit = openSigning(
            settings, [&beside](const std::string& text) { beside.warnings.push_back(text); },
            timestamps);
    } catch (const std::exception& error) {  // nothing may escape a thread
        beside.kit = fail(ErrorCode::Internal, std::string("signing: ") + error.what());
    } catch (...) {  // PoDoFo's PdfError is no std::exception
        beside.kit = fail(ErrorCode::Internal, "signing: the seal could not be opened");
    }
}

void printRenderError(const Error& error, std::ostream& err) {
    err << error.message << "\n";
    for (const ErrorDetail& detail : error.details)
        err << "  " << detail.line << ":" << detail.column << ": " << detail.message << "\n";
}

}  // namespace

int runRender(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
              RenderTimestampClient timestamps) {
    std::string input, output, profileName, configFile;
    std::int64_t editionId = 0;
    fs::path profileDirectory;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        bool hasValue = i + 1 < arguments.size();
        if ((argument == "-o" || argument == "--output") && hasValue)
            output = arguments[++i];
        else if (argument == "--profile" && hasValue)
            profileName = arguments[++i];
        else if (argument == "--profile-dir" && hasValue)
            profileDirectory = arguments[++i];
        else if (argument == "--config" && hasValue)
            configFile = arguments[++i];
        else if (argument == "--edition-id" && hasValue) {
            const std::string& text = arguments[++i];
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), editionId);
            if (error != std::errc() || end != text.data() + text.size() || editionId < 0) {
                err << "nusqa render: --edition-id wants a number, not «" << text << "»\n";
                return 2;
            }
        } else if (!argument.empty() && argument[0] != '-' && input.empty())
            input = argument;
        else {
            err << "nusqa render: unexpected argument «" << argument << "»\n" << kRenderUsage;
            return 2;
        }
    }
    if (input.empty() || output.empty()) {
        err << kRenderUsage;
        return 2;
    }
    auto settings = loadSettings(configFile);
    if (!settings) {
        printRenderError(settings.error(), err);
        return 1;
    }
    if (profileDirectory.empty()) profileDirectory = settings->profileDirectory;

    std::ifstream in(input, std::ios::binary);
    if (!in) {
        err << input << ": cannot read\n";
        return 2;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string xml = bytes.str();
    // Beside the reading, unless a time-stamp authority is configured: then
    // the seal's set-up may start the command over in nusqa-full (front.cpp),
    // which must happen on this thread, as before.
    Beside beside;
    std::jthread helper;  // declared after what it reads: joined first
    if (settings->signing.tsaUrl.empty()) {
        try {
            helper = std::jthread([&] { prepare(beside, *settings, xml, timestamps); });
        } catch (const std::system_error&) {
            // no thread to be had: prepared below, on this one
        }
    }
    auto content = render::reader::readEditionContent(xml);
    if (!content) {
        err << input << ": ";
        printRenderError(content.error(), err);
        return 1;
    }
    // The hyphenation patterns of the edition's language (6.7 M
    // instructions, as many as opening the profile) load on another thread
    // while this one opens the profile; the layout waits for them if it
    // gets there first, or loads them itself when no thread was to be had.
    std::jthread patterns;
    try {
        patterns = std::jthread(
            [language = content->meta.language] { render::prepareHyphenation(language); });
    } catch (const std::system_error&) {
    }
    if (profileName.empty()) {
        profileName = content->meta.profile.empty() ? "default" : content->meta.profile;
        if (!fs::exists(profileDirectory / (profileName + ".xml"))) {
            err << "nusqa render: warning: no profile «" << profileName << "» in "
                << profileDirectory.string() << ", using «default»\n";
            profileName = "default";
        }
    }
    // Only the profile this print uses (and the default), not every one.
    auto printer = render::ProfilePrinter::open(profileDirectory, {profileName});
    if (!printer) {
        printRenderError(printer.error(), err);
        return 1;
    }
    // Every PDF Nusqa issues is sealed, files printed here too: with the
    // configured seal, else the data directory's test seal (as `serve`).
    if (helper.joinable())
        helper.join();
    else
        prepare(beside, *settings, xml, timestamps);
    for (const std::string& warning : beside.warnings)
        err << "nusqa render: warning: " << warning << "\n";
    Result<SigningKit>& kit = *beside.kit;
    if (!kit) {
        printRenderError(kit.error(), err);
        return 1;
    }
    SystemClock clock;
    SealingOptions sealing{kit->sealer.get(), settings->signing.publicBaseUrl, &clock};
    ReadEditionPrinter once(*printer, *content);
    auto pdf = printSealed(once, sealing, xml, profileName, SheetData{}, editionId, beside.sha256);
    if (!pdf) {
        printRenderError(pdf.error(), err);
        return 1;
    }
    std::ofstream file(output, std::ios::binary | std::ios::trunc);
    file.write(pdf->pdf.data(), static_cast<std::streamsize>(pdf->pdf.size()));
    file.close();
    if (!file) {
        err << output << ": cannot write\n";
        return 2;
    }
    out << output << ": " << pdf->pages << " pages, " << pdf->pdf.size() << " bytes, sealed by «"
        << kit->sealer->sealedBy() << "»\n";
    return 0;
}

}  // namespace nusqa::app
