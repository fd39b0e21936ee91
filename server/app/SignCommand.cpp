#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/VerifyCommand.h"
#include "domain/Clock.h"
#include "http/TimestampClient.h"
#include "signing/PdfSign.h"

namespace nusqa::app {
namespace {

constexpr const char* kUsage =
    "usage: nusqa sign IN.pdf --pkcs12 FILE [--password-file F] [--reason TEXT] [--location TEXT]\n"
    "                  [--tsa URL] -o OUT.pdf\n"
    "       (the PKCS#12 password: --password-file or NUSQA_PKCS12_PASSWORD)\n";

bool readSmallFile(const std::string& path, std::uintmax_t limit, std::string& bytes) {
    std::error_code error;
    std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error || size > limit) return false;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    bytes = text.str();
    return static_cast<bool>(in);
}

}  // namespace

int runSign(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
    std::string input, output, pkcs12, passwordFile, tsaUrl;
    signing::SignatureRequest request;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        bool hasValue = i + 1 < arguments.size();
        if ((argument == "-o" || argument == "--output") && hasValue)
            output = arguments[++i];
        else if (argument == "--pkcs12" && hasValue)
            pkcs12 = arguments[++i];
        else if (argument == "--password-file" && hasValue)
            passwordFile = arguments[++i];
        else if (argument == "--reason" && hasValue)
            request.reason = arguments[++i];
        else if (argument == "--location" && hasValue)
            request.location = arguments[++i];
        else if (argument == "--tsa" && hasValue)
            tsaUrl = arguments[++i];
        else if (input.empty() && !argument.starts_with("-"))
            input = argument;
        else {
            err << "nusqa sign: unexpected argument «" << argument << "»\n" << kUsage;
            return 2;
        }
    }
    if (input.empty() || output.empty() || pkcs12.empty()) {
        err << kUsage;
        return 2;
    }
    std::string password;
    if (!passwordFile.empty()) {
        if (!readSmallFile(passwordFile, 4096, password)) {
            err << passwordFile << ": cannot read\n";
            return 2;
        }
        while (!password.empty() && (password.back() == '\n' || password.back() == '\r'))
            password.pop_back();
    } else if (const char* variable = std::getenv("NUSQA_PKCS12_PASSWORD")) {
        password = variable;
    }
    auto identity = signing::Identity::loadPkcs12(pkcs12, password);
    if (!identity) {
        err << "nusqa sign: " << identity.error().message << "\n";
        return identity.error().code == ErrorCode::NotFound ? 2 : 1;
    }
    std::string pdf;
    if (!readSmallFile(input, 512u << 20, pdf)) {
        err << input << ": cannot read\n";
        return 2;
    }
    http::TimestampTransport timestamp;
    if (!tsaUrl.empty()) {
        auto client = http::timestampClient(tsaUrl, 10);
        if (!client) {
            err << "nusqa sign: " << client.error().message << "\n";
            return 2;
        }
        timestamp = std::move(*client);
    }
    request.name = identity->commonName();
    request.epochSeconds = SystemClock().epochSeconds();
    auto signedPdf = signing::signPdf(pdf, *identity, request, timestamp);
    if (!signedPdf) {
        err << "nusqa sign: " << signedPdf.error().message << "\n";
        return 1;
    }
    std::ofstream file(output, std::ios::binary | std::ios::trunc);
    file.write(signedPdf->data(), static_cast<std::streamsize>(signedPdf->size()));
    file.close();
    if (!file) {
        err << output << ": cannot write\n";
        return 2;
    }
    out << output << ": signed by «" << request.name << "», " << signedPdf->size() << " bytes ("
        << signedPdf->size() - pdf.size() << " appended)\n";
    return 0;
}

}  // namespace nusqa::app
