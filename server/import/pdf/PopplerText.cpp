#include "import/pdf/PopplerText.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>

namespace nusqa::import::pdf {
namespace {

std::string prefix(const std::string& name) {
    return "import: " + name + ": ";
}

// Poppler reports damaged objects on standard error; a hostile file would
// fill the log. Its messages are not ours to show.
void quiet(const std::string&, void*) {}

bool contains(const std::string& text, const char* word) {
    return text.find(word) != std::string::npos;
}

// The header «%PDF-» within the first kilobyte, as readers accept it.
bool looksLikePdf(std::string_view bytes) {
    return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

std::mutex& popplerMutex() {
    static std::mutex mutex;
    return mutex;
}

}  // namespace

Result<PdfText> readPdfText(std::string_view bytes, const std::string& name,
                            const PdfLimits& limits) {
    if (bytes.size() > limits.maxFileBytes)
        return fail(ErrorCode::TooLarge,
                    prefix(name) + std::to_string(bytes.size()) + " bytes is over the limit of " +
                        std::to_string(limits.maxFileBytes) + " bytes for a PDF");
    if (bytes.size() > static_cast<std::size_t>(INT_MAX))
        return fail(ErrorCode::TooLarge, prefix(name) + "too large for the PDF reader");
    if (!looksLikePdf(bytes))
        return fail(ErrorCode::InvalidDocument,
                    prefix(name) + "not a PDF: it does not start with «%PDF-»");

    std::lock_guard lock(popplerMutex());
    static std::once_flag silenced;
    std::call_once(silenced, [] { poppler::set_debug_error_function(quiet, nullptr); });
    std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!document)
        return fail(ErrorCode::InvalidDocument,
                    prefix(name) + "the PDF cannot be read (it is damaged, or not a PDF)");
    if (document->is_locked())
        return fail(ErrorCode::InvalidDocument,
                    prefix(name) +
                        "the PDF is encrypted: remove the password (open it and save a copy "
                        "without one) and import that copy");

    PdfText text;
    text.pagesInFile = std::max(0, document->pages());
    const int pages = std::min(text.pagesInFile, limits.maxPages);
    if (pages < text.pagesInFile) {
        text.truncated = true;
        text.truncation = "only the first " + std::to_string(pages) + " of " +
                          std::to_string(text.pagesInFile) + " pages were read (the limit)";
    }
    std::size_t boxes = 0, textBytes = 0;
    for (int index = 0; index < pages && !text.truncated; ++index) {
        std::unique_ptr<poppler::page> page(document->create_page(index));
        PdfPage out;
        if (!page) {
            text.pages.push_back(std::move(out));
            continue;
        }
        poppler::rectf box = page->page_rect();
        out.width = box.width();
        out.height = box.height();
        std::vector<poppler::text_box> words =
            page->text_list(poppler::page::text_list_include_font);
        for (poppler::text_box& word : words) {
            if (out.boxes.size() >= limits.maxBoxesPerPage || boxes >= limits.maxBoxes ||
                textBytes >= limits.maxTextBytes) {
                text.truncated = true;
                text.truncation = "reading stopped on page " + std::to_string(index + 1) +
                                  ": more words than the limit (" +
                                  std::to_string(limits.maxBoxes) + " in all, " +
                                  std::to_string(limits.maxBoxesPerPage) + " on a page)";
                break;
            }
            poppler::byte_array utf8 = word.text().to_utf8();
            poppler::rectf area = word.bbox();
            TextBox out1;
            out1.left = area.left();
            out1.top = area.top();
            out1.right = area.right();
            out1.bottom = area.bottom();
            out1.fontSize = word.has_font_info() ? word.get_font_size() : 0;
            std::string font = word.has_font_info() ? word.get_font_name() : std::string();
            out1.bold = contains(font, "Bold") || contains(font, "Black") ||
                        contains(font, "Heavy") || contains(font, "Semibold") ||
                        contains(font, "Demi");
            out1.italic = contains(font, "Italic") || contains(font, "Oblique");
            out1.spaceAfter = word.has_space_after();
            out1.rotated = word.rotation() != 0;
            out1.text.assign(utf8.begin(), utf8.end());
            textBytes += out1.text.size();
            ++boxes;
            out.boxes.push_back(std::move(out1));
        }
        text.pages.push_back(std::move(out));
    }
    return text;
}

}  // namespace nusqa::import::pdf
