// The one error type of Nusqa. Every module returns errors as values:
// Result<T> is a [[nodiscard]] std::expected<T, Error>. Adapters catch what third-party
// libraries throw (Poco, Connector/C++, SQLite codes, libxml2 callbacks) and
// turn it into an Error with context, e.g.
//   "storage/mysql: insert edition: Duplicate entry ...".
// http/ErrorMapping maps ErrorCode to an HTTP status in one place.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nusqa {

enum class ErrorCode {
    InvalidArgument,       // malformed request or parameter (400)
    Unauthenticated,       // no or bad credentials (401)
    Forbidden,             // authenticated but not allowed (403)
    NotFound,              // no such resource (404)
    MethodNotAllowed,      // route exists, method does not (405)
    Conflict,              // state or uniqueness conflict (409)
    PreconditionFailed,    // stale If-Match (412)
    Timeout,               // the request (its body) did not arrive in time (408)
    TooLarge,              // body over the configured limit (413)
    UnsupportedMediaType,  // wrong Content-Type (415)
    InvalidDocument,       // XML not well-formed or not schema-valid (422)
    RuleViolated,          // well-formed, but a rule refuses the values, e.g. a date (422)
    PreconditionRequired,  // If-Match missing on a conditional update (428)
    TooManyRequests,       // throttled, e.g. repeated failed logins (429)
    Busy,                  // a bounded resource is full now, e.g. password hashing (503)
    Unavailable,           // backend not reachable, try again (503)
    Internal,              // a bug or an unexpected failure (500)
};

// Stable machine-readable name of an error code, as used in the JSON API:
// "invalid_argument", "not_found", "invalid_document", ...
std::string_view errorCodeName(ErrorCode code);

// One located problem, e.g. a schema violation at line:column of the input.
// line and column are 1-based; 0 means unknown.
struct ErrorDetail {
    int line = 0;
    int column = 0;
    std::string message;
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
    std::vector<ErrorDetail> details;
    // When to try again (TooManyRequests, Busy): sent as Retry-After; 0: not said.
    int retryAfterSeconds = 0;

    // Prefixes the message with context: "storage/sqlite: " + message.
    Error withContext(std::string_view context) &&;
};

// Result<T> is std::expected<T, Error> marked [[nodiscard]] (libstdc++ 12's
// std::expected is not): a dropped Result is a dropped error, and the
// compiler says so. Where ignoring one is right, discard it explicitly with
// (void) and a comment saying why.
template <typename T>
class [[nodiscard]] Result : public std::expected<T, Error> {
public:
    using Base = std::expected<T, Error>;
    using Base::Base;
    using Base::operator=;
    Result(const Base& other) : Base(other) {}
    Result(Base&& other) : Base(std::move(other)) {}
};
using Status = Result<void>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message,
                                   std::vector<ErrorDetail> details = {}) {
    return std::unexpected(Error{code, std::move(message), std::move(details)});
}

}  // namespace nusqa

// Evaluates a Result-returning expression; on error returns the error from the
// enclosing function, otherwise yields the value (GCC statement expression).
#define NUSQA_TRY(expr)                                                                       \
    ({                                                                                        \
        auto&& nusqa_try_result_ = (expr);                                                    \
        if (!nusqa_try_result_) return std::unexpected(std::move(nusqa_try_result_).error()); \
        std::move(nusqa_try_result_).value();                                                 \
    })
