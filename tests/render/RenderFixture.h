// Shared by the test_render sources: rendering a fixture with a profile from
// doc-templates/ into build/render-output/ (kept for inspection).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "domain/Content.h"
#include "domain/Profile.h"
#include "render/Render.h"

namespace nusqa::test {

struct Rendered {
    std::filesystem::path pdf;
    render::RenderStats stats;
    content::Content content;
    profile::Profile profile;
    std::string bytes;
};

std::filesystem::path profileDirectory();
std::filesystem::path outputDirectory();  // build/render-output
std::filesystem::path pngDirectory();     // build/render-png

content::Content loadContent(const std::filesystem::path& xml);
content::Content parseContent(const std::string& xml);
profile::Profile loadNamedProfile(const std::string& name);

// The edition's profile when doc-templates has it, else "default".
std::string profileFor(const content::Content& content);

// Renders content with profile (sealed when seal is given) into
// outputDirectory()/name.pdf; throws std::runtime_error with the renderer's
// message on failure.
Rendered renderTo(const content::Content& content, const std::string& profileName,
                  const std::string& name, const render::SheetRecords& records = {},
                  const render::SealMark* seal = nullptr);

// Every tests/fixtures/*.xml and tests/fixtures/render/*.xml.
std::vector<std::filesystem::path> renderFixtures();

}  // namespace nusqa::test
