#include "http/ErrorMapping.h"

#include "http/JsonWriter.h"

namespace nusqa::http {

int httpStatus(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument:
            return 400;
        case ErrorCode::Unauthenticated:
            return 401;
        case ErrorCode::Forbidden:
            return 403;
        case ErrorCode::NotFound:
            return 404;
        case ErrorCode::MethodNotAllowed:
            return 405;
        case ErrorCode::Conflict:
            return 409;
        case ErrorCode::PreconditionFailed:
            return 412;
        case ErrorCode::Timeout:
            return 408;
        case ErrorCode::TooLarge:
            return 413;
        case ErrorCode::UnsupportedMediaType:
            return 415;
        case ErrorCode::InvalidDocument:
        case ErrorCode::RuleViolated:
            return 422;
        case ErrorCode::PreconditionRequired:
            return 428;
        case ErrorCode::TooManyRequests:
            return 429;
        case ErrorCode::Busy:
            return 503;
        case ErrorCode::Unavailable:
            return 503;
        case ErrorCode::Internal:
            return 500;
    }
    return 500;
}

Response errorResponse(const Error& error) {
    JsonWriter json;
    json.beginObject().key("error").beginObject();
    json.key("code").value(errorCodeName(error.code));
    json.key("message").value(error.message);
    if (!error.details.empty()) {
        json.key("line").value(error.details.front().line);
        json.key("column").value(error.details.front().column);
        json.key("details").beginArray();
        for (const ErrorDetail& detail : error.details) {
            json.beginObject();
            json.key("line").value(detail.line);
            json.key("column").value(detail.column);
            json.key("message").value(detail.message);
            json.endObject();
        }
        json.endArray();
    }
    json.endObject().endObject();
    Response response = Response::json(httpStatus(error.code), json.take());
    if (error.retryAfterSeconds > 0)
        response.headers.emplace_back("Retry-After", std::to_string(error.retryAfterSeconds));
    return response;
}

}  // namespace nusqa::http
