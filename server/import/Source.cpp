#include "import/Source.h"

#include "import/detail/Inline.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {

std::string_view toString(SourceFormat format) {
    switch (format) {
        case SourceFormat::Text:
            return "text";
        case SourceFormat::Markdown:
            return "markdown";
        case SourceFormat::Docx:
            return "docx";
        case SourceFormat::Html:
            return "html";
        case SourceFormat::Pdf:
            return "pdf";
    }
    return "text";
}

std::optional<SourceFormat> formatFromName(std::string_view fileName) {
    std::size_t dot = fileName.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    std::string extension = lower(fileName.substr(dot + 1));
    if (extension == "txt" || extension == "text") return SourceFormat::Text;
    if (extension == "md" || extension == "markdown") return SourceFormat::Markdown;
    if (extension == "docx") return SourceFormat::Docx;
    if (extension == "pdf") return SourceFormat::Pdf;
    return std::nullopt;
}

std::optional<SourceFormat> formatFromMediaType(std::string_view mediaType) {
    std::string type = lower(trim(mediaType.substr(0, mediaType.find(';'))));
    if (type == "text/plain") return SourceFormat::Text;
    if (type == "text/markdown" || type == "text/x-markdown") return SourceFormat::Markdown;
    if (type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        return SourceFormat::Docx;
    if (type == "application/pdf") return SourceFormat::Pdf;
    return std::nullopt;
}

std::string SourceParagraph::text() const {
    return runsText(runs);
}

bool SourceParagraph::blank() const {
    if (!number.empty()) return false;
    std::string all = text();
    for (std::size_t at = 0; at < all.size();) {
        char32_t c = decodeAt(all, at);
        if (!isSpace(c) && c != '\n' && c != '\r') return false;
    }
    return true;
}

std::string SourceCell::text() const {
    std::string all;
    for (const SourceParagraph& paragraph : paragraphs) {
        if (!all.empty()) all += "\n";
        all += paragraph.text();
    }
    return all;
}

int SourceBlock::line() const {
    return isTable() ? table().line : paragraph().line;
}

}  // namespace nusqa::import
