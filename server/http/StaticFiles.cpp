#include "http/StaticFiles.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

namespace nusqa::http {
namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kNoCache = "no-cache";
// Larger files are not part of a web application's build.
constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

std::string_view contentTypeOf(const std::filesystem::path& file) {
    static const std::pair<std::string_view, std::string_view> kTypes[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".map", "application/json; charset=utf-8"},
        {".webmanifest", "application/manifest+json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".ttf", "font/ttf"},
        {".txt", "text/plain; charset=utf-8"},
        {".wasm", "application/wasm"},
    };
    std::string extension = file.extension().string();
    for (char& c : extension)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    for (const auto& [suffix, type] : kTypes)
        if (extension == suffix) return type;
    return "application/octet-stream";
}

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// Paths the application never answers: the API, the public verification
// pages, the health check.
bool isServerPath(std::string_view path) {
    return path == "/api" || startsWith(path, "/api/") || path == "/verify" ||
           startsWith(path, "/verify/") || path == "/healthz";
}

// "." and ".." segments, control characters and backslashes are refused.
Status checkPath(std::string_view path) {
    if (path.empty() || path.front() != '/')
        return fail(ErrorCode::InvalidArgument, "the path must start with /");
    for (char c : path)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\')
            return fail(ErrorCode::InvalidArgument, "the path holds a character not allowed");
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        std::string_view segment = path.substr(start, slash - start);
        if (segment == "." || segment == "..")
            return fail(ErrorCode::InvalidArgument, "the path may not hold . or .. segments");
        start = slash + 1;
    }
    return {};
}

bool isHidden(std::string_view path) {
    return path.find("/.") != std::string_view::npos;
}

// file lies inside root once symbolic links are followed.
bool isInside(const std::filesystem::path& root, const std::filesystem::path& file) {
    std::error_code error;
    std::filesystem::path real = std::filesystem::canonical(file, error);
    if (error) return false;
    auto [rootEnd, fileAt] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
    return rootEnd == root.end();
}

Result<std::string> readFile(const std::filesystem::path& file) {
    std::error_code error;
    std::uintmax_t size = std::filesystem::file_size(file, error);
    if (error || size > kMaxFileBytes)
        return fail(ErrorCode::NotFound, "no such file: " + file.filename().string());
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(ErrorCode::NotFound, "no such file: " + file.filename().string());
    std::string content(static_cast<std::size_t>(size), '\0');
    in.read(content.data(), static_cast<std::streamsize>(size));
    content.resize(static_cast<std::size_t>(in.gcount()));
    return content;
}

Response fileResponse(std::string body, std::string_view contentType, std::string_view caching) {
    Response response;
    response.status = 200;
    response.contentType = std::string(contentType);
    response.body = std::move(body);
    response.headers.emplace_back("Cache-Control", std::string(caching));
    response.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("Referrer-Policy", "same-origin");
    return response;
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root) {
    std::error_code error;
    std::filesystem::path absolute = std::filesystem::absolute(root, error);
    if (error) absolute = root;
    std::filesystem::path canonical = std::filesystem::weakly_canonical(absolute, error);
    _root = error ? absolute.lexically_normal() : canonical;
}

bool StaticFiles::available() const {
    std::error_code error;
    return std::filesystem::is_regular_file(_root / "index.html", error);
}

Result<Response> StaticFiles::serve(const Request& request) const {
    std::string_view path = request.path.empty() ? std::string_view("/") : request.path;
    if (isServerPath(path)) return fail(ErrorCode::NotFound, "no such resource: " + request.path);
    NUSQA_TRY(checkPath(path));
    if (isHidden(path)) return fail(ErrorCode::NotFound, "no such file: " + request.path);

    if (path != "/") {
        std::filesystem::path file = _root / std::filesystem::path(path.substr(1));
        std::error_code error;
        if (std::filesystem::is_regular_file(file, error) && isInside(_root, file)) {
            std::string body = NUSQA_TRY(readFile(file));
            return fileResponse(std::move(body), contentTypeOf(file),
                                startsWith(path, "/assets/") ? kImmutable : kNoCache);
        }
        // A missing hashed asset is an old page asking for a file that a
        // rebuild replaced: HTML in its place would only confuse it.
        if (startsWith(path, "/assets/"))
            return fail(ErrorCode::NotFound, "no such file: " + request.path);
    }
    std::filesystem::path index = _root / "index.html";
    std::error_code error;
    if (!std::filesystem::is_regular_file(index, error))
        return fail(ErrorCode::NotFound,
                    "the web pages are not built (no index.html in http.webRoot)");
    std::string body = NUSQA_TRY(readFile(index));
    return fileResponse(std::move(body), "text/html; charset=utf-8", kNoCache);
}

void addStaticFiles(Router& router, const StaticFiles& files) {
    // Public, so the sign-in page loads without a session; the API the pages
    // call keeps the access of its own routes.
    router.setFallback(Access::anyone(),
                       [&files](const Request& request) { return files.serve(request); });
}

}  // namespace nusqa::http
