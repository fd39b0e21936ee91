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
//
//   bench_render --redline [--edits N] [--iterations N] [--profile-dir DIR] A.xml [B.xml]
//
// the redline of a comparison (issue 13): edition A against B (or against a
// copy of A with N random edits, the same for every run), median ms of the
// comparison, of building the redline's content and summary, and of
// printing it (renderPdf with the ComparisonPrint).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "compare/RandomEdits.h"
#include "domain/Comparison.h"
#include "domain/Redline.h"
#include "render/Render.h"
#include "render/reader/ContentXml.h"

namespace fs = std::filesystem;

namespace {

std::optional<nusqa::content::Content> readContent(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto content = nusqa::render::reader::readEditionContent(bytes.str());
    if (!content) {
        std::cerr << file << ": " << content.error().message << "\n";
        return std::nullopt;
    }
    return std::move(*content);
}

double median(std::vector<double> times) {
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

int benchRedline(const std::vector<std::string>& files, int edits, int iterations,
                 const fs::path& profileDir) {
    using namespace nusqa;
    auto a = readContent(files.front());
    if (!a) return 1;
    std::optional<content::Content> b;
    if (files.size() > 1)
        b = readContent(files[1]);
    else {
        b = *a;
        std::mt19937_64 random(13);
        compare::testing::applyRandomEdits(*b, random, edits);
    }
    if (!b) return 1;
    std::string name = b->meta.profile;
    if (name.empty() || !fs::exists(profileDir / (name + ".xml"))) name = "default";
    auto profile = render::reader::loadProfile(profileDir, name);
    if (!profile) {
        std::cerr << profile.error().message << "\n";
        return 1;
    }
    std::vector<double> comparing, building, printing;
    render::RenderStats stats;
    std::size_t changes = 0, bytes = 0;
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::time_point from, Clock::time_point to) {
        return std::chrono::duration<double, std::milli>(to - from).count();
    };
    for (int run = 0; run < iterations; ++run) {
        auto start = Clock::now();
        compare::Comparison comparison = compare::compareEditions(*a, *b);
        auto compared = Clock::now();
        compare::Redline redline = compare::buildRedline(
            *a, *b, comparison, {"A", "B"}, compare::redlineLanguageOf(b->meta.language));
        auto built = Clock::now();
        render::ComparisonPrint print{redline.banner, redline.summary};
        auto pdf = render::renderPdf(redline.content, *profile, {}, &stats, nullptr, &print);
        auto printed = Clock::now();
        if (!pdf) {
            std::cerr << pdf.error().message << "\n";
            return 1;
        }
        comparing.push_back(ms(start, compared));
        building.push_back(ms(compared, built));
        printing.push_back(ms(built, printed));
        changes = redline.changes;
        bytes = pdf->size();
    }
    std::string label = fs::path(files.front()).stem().string() +
                        (files.size() > 1 ? " -> " + fs::path(files[1]).stem().string()
                                          : " +" + std::to_string(edits) + " edits");
    std::printf("%-48s %6s %6s %8s %10s %10s %10s %8s\n", "redline", "pages", "runs", "changes",
                "compare ms", "build ms", "print ms", "KB");
    std::printf("%-48s %6d %6d %8zu %10.2f %10.2f %10.2f %8.1f\n", label.c_str(), stats.pages,
                iterations, changes, median(comparing), median(building), median(printing),
                static_cast<double>(bytes) / 1024.0);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int iterations = 20;
    int repeat = 1;
    fs::path profileDir = "doc-templates";
    fs::path outDir;
    std::vector<std::string> files;
    bool redline = false;
    int edits = 0;
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (argument == "--redline")
            redline = true;
        else if (argument == "--edits" && i + 1 < argc)
            edits = std::max(0, std::atoi(argv[++i]));
        else if (argument == "--iterations" && i + 1 < argc)
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
                     "[--out DIR] FILE.xml...\n"
                     "       bench_render --redline [--edits N] [--iterations N] "
                     "[--profile-dir DIR] A.xml [B.xml]\n";
        return 2;
    }
    if (redline) return benchRedline(files, edits, iterations, profileDir);
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
