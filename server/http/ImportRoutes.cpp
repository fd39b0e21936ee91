#include "http/ImportRoutes.h"

#include <algorithm>
#include <cctype>

#include "import/html/HtmlSource.h"

namespace nusqa::http {
namespace {

std::string lowerAscii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// The charset parameter of a media type, lower case; empty when absent.
std::string charsetOf(const std::string& contentType) {
    std::string lower = lowerAscii(contentType);
    std::size_t at = lower.find("charset=");
    if (at == std::string::npos) return {};
    std::string value = lower.substr(at + 8);
    value = value.substr(0, value.find(';'));
    value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
    value.erase(std::remove(value.begin(), value.end(), ' '), value.end());
    return value;
}

Result<import::SourceFormat> formatOf(const Request& request, const std::string& name) {
    std::string type = request.header("content-type").value_or("");
    std::string bare = lowerAscii(type.substr(0, type.find(';')));
    bare.erase(std::remove(bare.begin(), bare.end(), ' '), bare.end());
    if (!bare.empty() && bare != "application/octet-stream") {
        auto format = import::formatFromMediaType(type);
        if (!format)
            return fail(
                ErrorCode::UnsupportedMediaType,
                "cannot import " + bare +
                    ": send text/plain, text/markdown, application/pdf or "
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        std::string charset = charsetOf(type);
        bool binary = *format == import::SourceFormat::Docx || *format == import::SourceFormat::Pdf;
        if (!binary && !charset.empty() && charset != "utf-8" && charset != "utf8")
            return fail(ErrorCode::UnsupportedMediaType,
                        "text must be UTF-8, not " + charset + ": save the file as UTF-8");
        return *format;
    }
    if (auto format = import::formatFromName(name)) return *format;
    return fail(
        ErrorCode::UnsupportedMediaType,
        "the type of the file is unknown: give a Content-Type or a name ending in .docx, .pdf, "
        ".txt or .md (?name=FILE.docx)");
}

// Pasted HTML: text/html (UTF-8) only.
Status requireHtml(const Request& request) {
    std::string type = request.header("content-type").value_or("");
    std::string bare = lowerAscii(type.substr(0, type.find(';')));
    bare.erase(std::remove(bare.begin(), bare.end(), ' '), bare.end());
    if (bare != "text/html")
        return fail(
            ErrorCode::UnsupportedMediaType,
            "send the clipboard's HTML as text/html, not " + (bare.empty() ? "nothing" : bare));
    std::string charset = charsetOf(type);
    if (!charset.empty() && charset != "utf-8" && charset != "utf8")
        return fail(ErrorCode::UnsupportedMediaType, "the HTML must be UTF-8, not " + charset);
    return {};
}

}  // namespace

void addImportRoutes(Router& router, const import::Importer& importer) {
    // Converts a file into edition XML for whoever may edit drafts; stores
    // nothing, so records no audit entry.
    auto convert = [&importer](const Request& request) -> Result<Response> {
        std::string name = request.queryValue("name").value_or("");
        import::SourceFormat format = NUSQA_TRY(formatOf(request, name));
        if (name.empty())
            name = format == import::SourceFormat::Docx  ? "upload.docx"
                   : format == import::SourceFormat::Pdf ? "upload.pdf"
                                                         : "upload.txt";
        if (request.body.empty())
            return fail(ErrorCode::InvalidDocument, "the body is empty: send the file");
        import::ImportOptions options{request.queryValue("profile").value_or(""),
                                      {},
                                      request.queryValue("code").value_or(""),
                                      request.queryValue("title").value_or(""),
                                      request.queryValue("language").value_or("")};
        import::ImportResult result =
            NUSQA_TRY(importer.importBytes(request.body, name, format, options));
        return Response::json(200, import::resultJson(result));
    };
    router.add({"POST", "/api/v1/import", Access::needs(Action::EditDrafts), "", convert});
    // The structured editor's paste: clipboard HTML recognised as structure.
    auto fragment = [&importer](const Request& request) -> Result<Response> {
        NUSQA_TRY(requireHtml(request));
        if (request.body.empty())
            return fail(ErrorCode::InvalidDocument, "the body is empty: send the HTML");
        import::SourceDocument source =
            NUSQA_TRY(import::html::readHtmlSource(request.body, "clipboard.html"));
        import::ImportResult result = NUSQA_TRY(importer.importFragment(source));
        return Response::json(200, import::resultJson(result));
    };
    router.add(
        {"POST", "/api/v1/import/fragment", Access::needs(Action::EditDrafts), "", fragment});
}

}  // namespace nusqa::http
