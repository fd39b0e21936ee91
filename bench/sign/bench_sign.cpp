// bench_sign: seals each PDF N times in one process with the organisation
// seal (a self-signed RSA-2048 test key made once, outside the timing) and
// verifies the sealed file N times; prints the median milliseconds of each.
//
//   bench_sign [--iterations N] FILE.pdf...
//
// Sealing is what the server adds to printing an edition: load the PDF,
// append the signature field as an incremental update, hash the byte ranges,
// sign (CMS, RSA-2048, SHA-256), write the signature. Verifying parses the
// file, checks the ByteRange, the digest, the signature and the certificate.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "signing/PdfSign.h"
#include "signing/PdfVerify.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double millisecondsSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int pageCount(const std::string& pdf) {
    // "/Type /Pages ... /Count N" of the page tree root (PoDoFo writes it so).
    std::size_t at = pdf.rfind("/Count ");
    return at == std::string::npos ? 0 : std::atoi(pdf.c_str() + at + 7);
}

}  // namespace

int main(int argc, char** argv) {
    int iterations = 30;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (argument == "--iterations" && i + 1 < argc)
            iterations = std::max(1, std::atoi(argv[++i]));
        else
            files.push_back(argument);
    }
    if (files.empty()) {
        std::cerr << "usage: bench_sign [--iterations N] FILE.pdf...\n";
        return 2;
    }
    fs::path keyDir = fs::temp_directory_path() / ("bench-sign-" + std::to_string(::getpid()));
    auto identity =
        nusqa::signing::Identity::loadOrCreateTestSeal(keyDir / "seal.p12", "Bench", nullptr);
    fs::remove_all(keyDir);
    if (!identity) {
        std::cerr << identity.error().message << "\n";
        return 1;
    }
    nusqa::signing::Sealer sealer(*identity, "Bench");
    auto verifier = nusqa::signing::Verifier::create({identity->certificatePem()});
    std::printf("%-36s %6s %8s %10s %10s %10s\n", "document", "pages", "KB", "seal ms", "verify ms",
                "+KB");
    for (const std::string& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        std::string pdf = bytes.str();
        nusqa::SealStamp stamp{sealer.sealedBy(),
                               1795000000,
                               "2026-11-18 10:13:20 UTC",
                               1,
                               std::string(64, 'a'),
                               "https://qms.example/verify/1/" + std::string(64, 'a'),
                               "",
                               0};
        nusqa::SealArea area{pageCount(pdf), 60, 60, 470, 90};
        std::vector<double> sealTimes, verifyTimes;
        std::string sealed;
        for (int i = 0; i < iterations; ++i) {
            auto start = Clock::now();
            auto result = sealer.seal(pdf, area, stamp);
            sealTimes.push_back(millisecondsSince(start));
            if (!result) {
                std::cerr << file << ": " << result.error().message << "\n";
                return 1;
            }
            sealed = std::move(*result);
        }
        for (int i = 0; i < iterations; ++i) {
            auto start = Clock::now();
            auto report = verifier->verify(sealed);
            verifyTimes.push_back(millisecondsSince(start));
            if (!report || !report->valid) {
                std::cerr << file << ": the sealed file does not verify: "
                          << (report ? report->problem : report.error().message) << "\n";
                return 1;
            }
        }
        std::printf("%-36s %6d %8.1f %10.2f %10.2f %10.1f\n",
                    fs::path(file).filename().string().c_str(), pageCount(pdf),
                    static_cast<double>(pdf.size()) / 1024, median(sealTimes), median(verifyTimes),
                    static_cast<double>(sealed.size() - pdf.size()) / 1024);
    }
    return 0;
}
