#include "domain/Sealing.h"

#include "domain/Clock.h"

namespace nusqa {

std::string verifyUrlOf(std::string_view publicBaseUrl, std::int64_t editionId,
                        std::string_view sha256) {
    std::string url(publicBaseUrl);
    while (!url.empty() && url.back() == '/') url.pop_back();
    url += "/verify/";
    url += std::to_string(editionId);
    url += '/';
    url += sha256;
    return url;
}

std::string printedUtc(std::int64_t epochSeconds) {
    std::string text = timestampOf(epochSeconds);  // "YYYY-MM-DDTHH:MM:SSZ"
    text[10] = ' ';
    text.pop_back();
    return text + " UTC";
}

}  // namespace nusqa
