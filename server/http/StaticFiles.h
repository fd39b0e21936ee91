// StaticFiles: the web application's built files (server/web, built by Vite
// into <build>/web) served at "/" by `nusqa serve`, so no Node runs beside
// the server. Public: the sign-in page loads without a session.
//
// - Hashed assets under /assets/ are immutable: "Cache-Control: public,
//   max-age=31536000, immutable"; everything else (index.html) "no-cache".
// - A GET of any other path that names no file answers index.html, so the
//   application's router can show it (its own 404 page included); paths
//   under /api/ and /verify/, and /healthz, are never answered with the
//   application: NotFound there, so the JSON API keeps its JSON 404.
// - Every answer carries the Content-Security-Policy below (no inline
//   script or style) and X-Content-Type-Options: nosniff.
// - Refused with InvalidArgument: a path with "." or ".." segments, a NUL or
//   other control character, or a backslash — after percent-decoding, so
//   "%2e%2e" is refused too. Hidden names (".git") are NotFound. A symbolic
//   link leading out of the root is not followed (such a path is answered
//   like any unknown one, with index.html).
//
// Thread safety: const after construction; serve() reads the files anew on
// every request (a rebuilt application is served without a restart).
#pragma once

#include <filesystem>
#include <string_view>

#include "domain/Error.h"
#include "http/Message.h"
#include "http/Router.h"

namespace nusqa::http {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

class StaticFiles {
public:
    // root: the folder holding index.html and assets/ (need not exist yet).
    explicit StaticFiles(std::filesystem::path root);

    // True when root/index.html exists (the application was built).
    bool available() const;
    const std::filesystem::path& root() const { return _root; }

    // The answer to a GET or HEAD of request.path (percent-decoded).
    Result<Response> serve(const Request& request) const;

private:
    std::filesystem::path _root;
};

// Makes files the router's fallback for GET and HEAD of unrouted paths,
// open to anyone (Access::anyone()). files must outlive the router.
void addStaticFiles(Router& router, const StaticFiles& files);

}  // namespace nusqa::http
