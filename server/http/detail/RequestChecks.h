// Checks HttpServer makes on every request before it is routed: the body's
// framing (issue 11, finding 11: request smuggling behind a proxy) and the
// origin of a browser's state-changing request (finding 8: cross-site
// request forgery). Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "domain/Error.h"

namespace nusqa::http {

// contentLengths and transferEncodings: every value of those headers, in
// order. InvalidArgument (400) unless the framing is unambiguous: at most
// one distinct Content-Length, all digits; at most one Transfer-Encoding,
// exactly "chunked", and then no Content-Length.
Status checkFraming(const std::vector<std::string>& contentLengths,
                    const std::vector<std::string>& transferEncodings);

struct OriginFacts {
    std::string method;
    bool sessionCookie = false;  // the request carries the session cookie
    bool bearerToken = false;    // ... and an Authorization: Bearer header
    std::string fetchSite;       // the Sec-Fetch-Site header, "" when absent
    std::string origin;          // the Origin header, "" when absent
    std::string referer;         // the Referer header, "" when absent
    std::string host;            // the Host header
    bool tls = false;            // the server speaks HTTPS
    std::string publicOrigin;    // HttpConfig::publicOrigin, may be ""
};

// Forbidden (403) when a POST, PUT, PATCH or DELETE authenticated by the
// session cookie comes from a page of another origin — a sibling subdomain
// included, which SameSite=Strict lets through. A browser says where the
// request comes from: Sec-Fetch-Site must be same-origin or none (typed by
// the user); without it, the Origin — or, without one, the Referer — must be
// the public origin or the origin the request's own Host header names
// (cookies are sent by host, so a page elsewhere cannot make the browser
// send our cookie with a matching origin). A request with none of the three
// is not from a browser's page (every current browser sends Origin on such
// requests) and passes, as in Go's CrossOriginProtection. Bearer tokens and
// requests without the cookie are not checked: a page cannot make a
// browser add an Authorization header.
Status checkOrigin(const OriginFacts& facts);

}  // namespace nusqa::http
