#include "http/Message.h"

namespace nusqa::http {

std::optional<std::string> Request::header(const std::string& lowerName) const {
    auto found = headers.find(lowerName);
    if (found == headers.end()) return std::nullopt;
    return found->second;
}

std::optional<std::string> Request::queryValue(const std::string& name) const {
    auto found = query.find(name);
    if (found == query.end()) return std::nullopt;
    return found->second;
}

Response Response::json(int status, std::string body) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

}  // namespace nusqa::http
