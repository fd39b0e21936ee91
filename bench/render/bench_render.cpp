// bench_render: renders each edition N times in one process and prints the
// median milliseconds per document and per page, and the file size.
//
//   bench_render [--iterations N] [--profile-dir DIR] [--repeat K] [--out DIR] FILE.xml...
//
// --repeat K renders the body K times over (a long document from a short
// fixture, e.g. the 002 excerpt x3 ~ the 30 pages of corpus 002).
// --out DIR writes the last PDF of each file there. The XML is parsed and
// the profile loaded once, outside the timing: the figures are the
// renderer's (layout, fonts, subsetting, writing).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "render/Render.h"
#include "render/reader/ContentXml.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    int iterations = 20;
    int repeat = 1;
    fs::path profileDir = "doc-templates";
    fs::path outDir;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (argument == "--iterations" && i + 1 < argc)
            iterations = std::max(1, std::atoi(argv[++i]));
        else if (argument == "--repeat" && i + 1 < argc)
            repeat = std::max(1, std::atoi(argv[++i]));
        else if (argument == "--profile-dir" && i + 1 < argc)
            profileDir = argv[++i];
        else if (argument == "--out" && i + 1 < argc)
            outDir = argv[++i];
        else
            files.push_back(argument);
    }
    if (files.empty()) {
        std::cerr << "usage: bench_render [--iterations N] [--profile-dir DIR] [--repeat K] "
                     "[--out DIR] FILE.xml...\n";
        return 2;
    }
    std::printf("%-40s %6s %6s %10s %10s %10s %10s\n", "document", "pages", "runs", "ms/doc",
                "ms/page", "KB", "KB/page");
    for (const std::string& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        auto content = nusqa::render::reader::readEditionContent(bytes.str());
        if (!content) {
            std::cerr << file << ": " << content.error().message << "\n";
            return 1;
        }
        if (repeat > 1) {
            auto body = content->body;
            for (int k = 1; k < repeat; ++k)
                content->body.insert(content->body.end(), body.begin(), body.end());
        }
        std::string name = content->meta.profile;
        if (name.empty() || !fs::exists(profileDir / (name + ".xml"))) name = "default";
        auto profile = nusqa::render::reader::loadProfile(profileDir, name);
        if (!profile) {
            std::cerr << profile.error().message << "\n";
            return 1;
        }
        std::vector<double> times;
        std::string pdf;
        nusqa::render::RenderStats stats;
        for (int run = 0; run < iterations; ++run) {
            auto start = std::chrono::steady_clock::now();
            auto result = nusqa::render::renderPdf(*content, *profile, {}, &stats);
            auto end = std::chrono::steady_clock::now();
            if (!result) {
                std::cerr << file << ": " << result.error().message << "\n";
                return 1;
            }
            pdf = std::move(*result);
            times.push_back(std::chrono::duration<double, std::milli>(end - start).count());
        }
        std::sort(times.begin(), times.end());
        double median = times[times.size() / 2];
        std::string label =
            fs::path(file).stem().string() + (repeat > 1 ? " x" + std::to_string(repeat) : "");
        std::printf("%-40s %6d %6d %10.2f %10.2f %10.1f %10.1f\n", label.c_str(), stats.pages,
                    iterations, median, median / stats.pages, pdf.size() / 1024.0,
                    pdf.size() / 1024.0 / stats.pages);
        if (!outDir.empty()) {
            fs::create_directories(outDir);
            std::ofstream out(outDir / (fs::path(file).stem().string() +
                                        (repeat > 1 ? "-x" + std::to_string(repeat) : "") + ".pdf"),
                              std::ios::binary);
            out << pdf;
        }
    }
    return 0;
}
