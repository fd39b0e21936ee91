#include "http/detail/ClientAddress.h"

#include <Poco/Net/IPAddress.h>

#include <algorithm>
#include <optional>

namespace nusqa::http {
namespace {

std::optional<std::string> canonical(std::string text) {
    auto notSpace = [](char c) { return c != ' ' && c != '\t'; };
    text.erase(text.begin(), std::find_if(text.begin(), text.end(), notSpace));
    text.erase(std::find_if(text.rbegin(), text.rend(), notSpace).base(), text.end());
    Poco::Net::IPAddress address;
    if (text.empty() || text.size() > 64 || !Poco::Net::IPAddress::tryParse(text, address))
        return std::nullopt;
    return address.toString();
}

bool isTrusted(const std::string& address, const std::vector<std::string>& trustedProxies) {
    return std::find(trustedProxies.begin(), trustedProxies.end(), address) != trustedProxies.end();
}

// The comma-separated entries of every header value, left to right.
std::vector<std::string> entriesOf(const std::vector<std::string>& values) {
    std::vector<std::string> entries;
    for (const std::string& value : values) {
        std::size_t start = 0;
        while (start <= value.size()) {
            std::size_t comma = value.find(',', start);
            if (comma == std::string::npos) comma = value.size();
            entries.push_back(value.substr(start, comma - start));
            start = comma + 1;
        }
    }
    return entries;
}

}  // namespace

Result<std::vector<std::string>> canonicalAddresses(const std::vector<std::string>& addresses) {
    std::vector<std::string> result;
    for (const std::string& text : addresses) {
        auto address = canonical(text);
        if (!address)
            return fail(ErrorCode::InvalidArgument, "«" + text + "» is not an IP address");
        result.push_back(*address);
    }
    return result;
}

std::string clientAddressOf(const std::string& peer, const std::vector<std::string>& forwardedFor,
                            const std::vector<std::string>& trustedProxies) {
    if (forwardedFor.empty() || !isTrusted(peer, trustedProxies)) return peer;
    std::vector<std::string> entries = entriesOf(forwardedFor);
    std::string believed = peer;
    for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
        auto address = canonical(*entry);
        if (!address) return believed;
        believed = *address;
        if (!isTrusted(believed, trustedProxies)) return believed;
    }
    return believed;
}

}  // namespace nusqa::http
