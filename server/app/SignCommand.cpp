#include <cstdlib>
#include <fstream>
#include <iostream>

#include "app/VerifyCommand.h"
#include "app/detail/Files.h"
#include "domain/Clock.h"
#include "signing/PdfSign.h"
#include "timestamp/TimestampClient.h"

namespace nusqa::app {
namespace {

constexpr const char* kSignUsage =
    "usage: nusqa sign IN.pdf --pkcs12 FILE [--password-file F] [--reason TEXT] [--location TEXT]\n"
    "                  [--tsa URL] -o OUT.pdf\n"
    "       (the PKCS#12 password: --password-file or NUSQA_PKCS12_PASSWORD)\n";

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
            err << "nusqa sign: unexpected argument «" << argument << "»\n" << kSignUsage;
            return 2;
        }
    }
    if (input.empty() || output.empty() || pkcs12.empty()) {
        err << kSignUsage;
        return 2;
    }
    std::string password;
    if (!passwordFile.empty()) {
        auto text = readBoundedFile(passwordFile, 4096);
        if (!text) {
            err << text.error().message << "\n";
            return 2;
        }
        password = std::move(*text);
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
    auto read = readBoundedFile(input, kMaxPdfFileBytes);
    if (!read) {
        err << read.error().message << "\n";
        return 2;
    }
    const std::string& pdf = *read;
    TimestampTransport transport;
    if (!tsaUrl.empty()) {
        auto client = timestamp::timestampClient(tsaUrl, 10);
        if (!client) {
            err << "nusqa sign: " << client.error().message << "\n";
            return 2;
        }
        transport = std::move(*client);
    }
    request.name = identity->commonName();
    request.epochSeconds = SystemClock().epochSeconds();
    auto signedPdf = signing::signPdf(pdf, *identity, request, transport);
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
