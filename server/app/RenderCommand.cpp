#include "app/RenderCommand.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "render/ProfilePrinter.h"
#include "render/Render.h"
#include "xml/content/ContentXml.h"

namespace nusqa::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: nusqa render EDITION.xml [--profile NAME] [--profile-dir DIR] -o OUT.pdf\n";

void printError(const Error& error, std::ostream& err) {
    err << error.message << "\n";
    for (const ErrorDetail& detail : error.details)
        err << "  " << detail.line << ":" << detail.column << ": " << detail.message << "\n";
}

}  // namespace

int runRender(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
    std::string input, output, profileName;
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
        else if (!argument.empty() && argument[0] != '-' && input.empty())
            input = argument;
        else {
            err << "nusqa render: unexpected argument «" << argument << "»\n" << kUsage;
            return 2;
        }
    }
    if (input.empty() || output.empty()) {
        err << kUsage;
        return 2;
    }
    if (profileDirectory.empty()) profileDirectory = render::defaultProfileDirectory();

    std::ifstream in(input, std::ios::binary);
    if (!in) {
        err << input << ": cannot read\n";
        return 2;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto content = xml::readEditionContent(bytes.str());
    if (!content) {
        err << input << ": ";
        printError(content.error(), err);
        return 1;
    }
    if (profileName.empty()) {
        profileName = content->meta.profile.empty() ? "default" : content->meta.profile;
        if (!fs::exists(profileDirectory / (profileName + ".xml"))) {
            err << "nusqa render: warning: no profile «" << profileName << "» in "
                << profileDirectory.string() << ", using «default»\n";
            profileName = "default";
        }
    }
    auto profile = xml::loadProfile(profileDirectory, profileName);
    if (!profile) {
        printError(profile.error(), err);
        return 1;
    }
    render::RenderStats stats;
    auto pdf = render::renderPdf(*content, *profile, render::SheetRecords{}, &stats);
    if (!pdf) {
        printError(pdf.error(), err);
        return 1;
    }
    std::ofstream file(output, std::ios::binary | std::ios::trunc);
    file.write(pdf->data(), static_cast<std::streamsize>(pdf->size()));
    file.close();
    if (!file) {
        err << output << ": cannot write\n";
        return 2;
    }
    out << output << ": " << stats.pages << " pages, " << pdf->size() << " bytes\n";
    return 0;
}

}  // namespace nusqa::app
