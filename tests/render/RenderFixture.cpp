#include "render/RenderFixture.h"

#include <algorithm>
#include <stdexcept>

#include "render/reader/ContentXml.h"
#include "support/TestSupport.h"

namespace nusqa::test {

namespace fs = std::filesystem;

fs::path profileDirectory() {
    return sourceDir() / "doc-templates";
}

fs::path outputDirectory() {
    fs::path directory = binaryDir() / "render-output";
    fs::create_directories(directory);
    return directory;
}

fs::path pngDirectory() {
    fs::path directory = binaryDir() / "render-png";
    fs::create_directories(directory);
    return directory;
}

content::Content parseContent(const std::string& xml) {
    auto content = render::reader::readEditionContent(xml);
    if (!content) {
        std::string message = content.error().message;
        for (const ErrorDetail& detail : content.error().details)
            message += "; " + std::to_string(detail.line) + ": " + detail.message;
        throw std::runtime_error(message);
    }
    return std::move(*content);
}

content::Content loadContent(const fs::path& xml) {
    return parseContent(readFile(xml));
}

profile::Profile loadNamedProfile(const std::string& name) {
    auto profile = render::reader::loadProfile(profileDirectory(), name);
    if (!profile) throw std::runtime_error(profile.error().message);
    return std::move(*profile);
}

std::string profileFor(const content::Content& content) {
    const std::string& name = content.meta.profile;
    if (!name.empty() && fs::exists(profileDirectory() / (name + ".xml"))) return name;
    return "default";
}

Rendered renderTo(const content::Content& content, const std::string& profileName,
                  const std::string& name, const render::SheetRecords& records,
                  const render::SealMark* seal) {
    Rendered rendered;
    rendered.content = content;
    rendered.profile = loadNamedProfile(profileName);
    auto pdf = render::renderPdf(content, rendered.profile, records, &rendered.stats, seal);
    if (!pdf) throw std::runtime_error("render " + name + ": " + pdf.error().message);
    rendered.bytes = std::move(*pdf);
    rendered.pdf = outputDirectory() / (name + ".pdf");
    writeFile(rendered.pdf, rendered.bytes);
    return rendered;
}

std::vector<fs::path> renderFixtures() {
    std::vector<fs::path> files;
    for (const fs::path& directory :
         {sourceDir() / "tests" / "fixtures", sourceDir() / "tests" / "fixtures" / "render"})
        for (const auto& entry : fs::directory_iterator(directory))
            if (entry.is_regular_file() && entry.path().extension() == ".xml")
                files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace nusqa::test
