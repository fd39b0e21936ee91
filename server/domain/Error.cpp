#include "domain/Error.h"

namespace nusqa {

std::string_view errorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument:
            return "invalid_argument";
        case ErrorCode::Unauthenticated:
            return "unauthenticated";
        case ErrorCode::Forbidden:
            return "forbidden";
        case ErrorCode::NotFound:
            return "not_found";
        case ErrorCode::MethodNotAllowed:
            return "method_not_allowed";
        case ErrorCode::Conflict:
            return "conflict";
        case ErrorCode::PreconditionFailed:
            return "precondition_failed";
        case ErrorCode::TooLarge:
            return "payload_too_large";
        case ErrorCode::UnsupportedMediaType:
            return "unsupported_media_type";
        case ErrorCode::InvalidDocument:
            return "invalid_document";
        case ErrorCode::RuleViolated:
            return "rule_violated";
        case ErrorCode::PreconditionRequired:
            return "precondition_required";
        case ErrorCode::TooManyRequests:
            return "too_many_requests";
        case ErrorCode::Timeout:
            return "timeout";
        case ErrorCode::Busy:
            return "busy";
        case ErrorCode::Unavailable:
            return "unavailable";
        case ErrorCode::Internal:
            return "internal";
    }
    return "internal";
}

Error Error::withContext(std::string_view context) && {
    message = std::string(context) + ": " + message;
    return std::move(*this);
}

}  // namespace nusqa
