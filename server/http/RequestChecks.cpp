#include "http/detail/RequestChecks.h"

#include <algorithm>

#include "http/HttpServer.h"

namespace nusqa::http {
namespace {

std::string lowerTrimmed(std::string text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.erase(0, 1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

bool isDigits(const std::string& text) {
    return !text.empty() && text.size() <= 18 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Status checkFraming(const std::vector<std::string>& contentLengths,
                    const std::vector<std::string>& transferEncodings) {
    for (const std::string& value : contentLengths)
        if (!isDigits(lowerTrimmed(value)))
            return fail(ErrorCode::InvalidArgument,
                        "malformed Content-Length «" + value.substr(0, 40) + "»");
    for (const std::string& value : contentLengths)
        if (lowerTrimmed(value) != lowerTrimmed(contentLengths.front()))
            return fail(ErrorCode::InvalidArgument, "conflicting Content-Length headers");
    if (transferEncodings.size() > 1)
        return fail(ErrorCode::InvalidArgument, "more than one Transfer-Encoding header");
    if (transferEncodings.size() == 1) {
        if (lowerTrimmed(transferEncodings.front()) != "chunked")
            return fail(ErrorCode::InvalidArgument, "unsupported Transfer-Encoding «" +
                                                        transferEncodings.front().substr(0, 40) +
                                                        "»: only chunked");
        if (!contentLengths.empty())
            return fail(
                ErrorCode::InvalidArgument,
                "both Content-Length and Transfer-Encoding: the body's length is ambiguous");
    }
    return {};
}

std::string originOf(const std::string& url) {
    auto schemeEnd = url.find("://");
    if (schemeEnd == std::string::npos || schemeEnd == 0) return {};
    std::string scheme = lowerTrimmed(url.substr(0, schemeEnd));
    auto hostStart = schemeEnd + 3;
    auto hostEnd = url.find_first_of("/?#", hostStart);
    std::string host = lowerTrimmed(url.substr(hostStart, hostEnd - hostStart));
    if (host.empty() || host.find('@') != std::string::npos) return {};
    if (scheme == "http" && host.ends_with(":80")) host.resize(host.size() - 3);
    if (scheme == "https" && host.ends_with(":443")) host.resize(host.size() - 4);
    return scheme + "://" + host;
}

Status checkOrigin(const OriginFacts& facts) {
    static const char* const kUnsafe[] = {"POST", "PUT", "PATCH", "DELETE"};
    bool unsafe = std::any_of(std::begin(kUnsafe), std::end(kUnsafe),
                              [&](const char* method) { return facts.method == method; });
    if (!unsafe || !facts.sessionCookie || facts.bearerToken) return {};
    std::string site = lowerTrimmed(facts.fetchSite);
    if (!site.empty()) {
        if (site == "same-origin" || site == "none") return {};
        return fail(ErrorCode::Forbidden,
                    "cross-site request refused: it comes from a " + site.substr(0, 20) + " page");
    }
    std::string origin;
    if (!facts.origin.empty()) {
        origin = facts.origin == "null" ? "null" : originOf(facts.origin + "/");
        if (origin.empty()) origin = "«" + facts.origin.substr(0, 80) + "»";
    } else if (!facts.referer.empty()) {
        origin = originOf(facts.referer);
        if (origin.empty()) origin = "«" + facts.referer.substr(0, 80) + "»";
    } else {
        return {};  // not sent by a browser's page
    }
    std::string own = originOf((facts.tls ? "https://" : "http://") + facts.host + "/");
    std::string configured = originOf(facts.publicOrigin);
    if ((!own.empty() && origin == own) || (!configured.empty() && origin == configured)) return {};
    return fail(ErrorCode::Forbidden,
                "cross-site request refused: origin " + origin + " is not this server's");
}

}  // namespace nusqa::http
