#include "xml/LibXml.h"

#include <mutex>

namespace nusqa::xml {
namespace {

// Refuses every external resource: DTDs, external entities, XIncludes,
// schema imports. Our own parses never get this far (a DOCTYPE is rejected
// before anything in it is read); this is the second wall, and it also
// covers code paths inside libxml2 that bypass XML_PARSE_NONET, such as
// file:// URLs and plain paths.
xmlParserInputPtr denyAllExternalEntities(const char* /*url*/, const char* /*id*/,
                                          xmlParserCtxtPtr /*context*/) {
    return nullptr;
}

}  // namespace

void ensureLibXmlReady() {
    static std::once_flag once;
    std::call_once(once, [] {
        // xmlInitParser must run once before libxml2 is used from several
        // threads; after it, separate contexts may be used concurrently.
        xmlInitParser();
        xmlSetExternalEntityLoader(denyAllExternalEntities);
    });
}

std::string cleanMessage(const char* message) {
    std::string text = message != nullptr ? message : "unknown libxml2 error";
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    const std::string qualifier = "{" + std::string(kDocumentNamespace) + "}";
    for (std::size_t at = text.find(qualifier); at != std::string::npos;
         at = text.find(qualifier, at))
        text.erase(at, qualifier.size());
    return text;
}

void ErrorSink::add(ErrorDetail detail) {
    ++_total;
    if (_details.size() < kMaxDetails) _details.push_back(std::move(detail));
}

std::unexpected<Error> ErrorSink::fail(ErrorCode code, std::string_view summary) && {
    std::string message(summary);
    if (_total == 1) {
        const ErrorDetail& only = _details.front();
        if (only.line > 0) {
            message += " at line " + std::to_string(only.line);
            if (only.column > 0) message += ", column " + std::to_string(only.column);
        }
        message += ": " + only.message;
    } else if (_total > _details.size()) {
        message += " (" + std::to_string(_total) + " problems, the first " +
                   std::to_string(_details.size()) + " listed)";
    } else if (_total > 1) {
        message += " (" + std::to_string(_total) + " problems)";
    }
    return nusqa::fail(code, std::move(message), std::move(_details));
}

}  // namespace nusqa::xml
