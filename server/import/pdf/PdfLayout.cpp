#include "import/pdf/PdfLayout.h"

#include "import/detail/Utf8.h"
#include "import/pdf/detail/Layout.h"

namespace nusqa::import::pdf {
namespace {

bool hasWordCharacter(const std::vector<Line>& lines) {
    for (const Line& line : lines)
        for (const Word& word : line.words)
            if (wordCount(word.text) > 0) return true;
    return false;
}

// «1, 3-5, 9» for a list of 1-based page numbers.
std::string pageList(const std::vector<int>& pages) {
    std::string out;
    for (std::size_t i = 0; i < pages.size();) {
        std::size_t j = i;
        while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) ++j;
        if (!out.empty()) out += ", ";
        out += std::to_string(pages[i]);
        if (j > i) out += "-" + std::to_string(pages[j]);
        i = j + 1;
    }
    return out;
}

}  // namespace

Result<SourceDocument> layoutSource(const PdfText& text, std::string name, std::size_t bytes) {
    SourceDocument document;
    document.name = std::move(name);
    document.format = SourceFormat::Pdf;
    document.bytes = bytes;

    std::size_t rotated = 0;
    std::vector<std::vector<Line>> pages;
    std::vector<int> empty;
    std::vector<SkippedText> rotatedText;
    for (std::size_t p = 0; p < text.pages.size(); ++p) {
        std::vector<std::string> angled;
        pages.push_back(pageLines(text.pages[p], static_cast<int>(p), angled));
        if (!hasWordCharacter(pages.back())) empty.push_back(static_cast<int>(p) + 1);
        rotated += angled.size();
        // One entry per page: the words in the order the page draws them.
        std::string joined;
        for (const std::string& word : angled) joined += (joined.empty() ? "" : " ") + word;
        if (!joined.empty())
            rotatedText.push_back({0, "page " + std::to_string(p + 1), joined, "rotated-text"});
    }
    if (empty.size() == pages.size())
        return fail(ErrorCode::InvalidDocument,
                    "import: " + document.name + ": the PDF has no text layer" +
                        (pages.empty()
                             ? std::string(" (it has no pages)")
                             : " (" + std::to_string(pages.size()) +
                                   (pages.size() == 1 ? " page" : " pages") + " of images only)") +
                        ": it is a scan or a picture of the pages, and its words cannot be read "
                        "without OCR. Import the Word original, or a PDF saved from it");
    markRunningLines(pages, document.skipped, document.runningText);
    for (SkippedText& skipped : rotatedText) document.skipped.push_back(std::move(skipped));
    Metrics metrics = measure(pages);
    for (std::vector<Line>& lines : pages) splitSegments(lines, metrics);
    document.blocks = layoutBlocks(pages, metrics);
    int lines = 0;
    for (const SourceBlock& block : document.blocks)
        lines = std::max(lines, block.isTable() && !block.table().rows.empty()
                                    ? block.table().rows.back().line
                                    : block.line());
    document.lines = lines;

    if (!empty.empty())
        document.notes.push_back("pages without text (scanned pages?) left out: " +
                                 pageList(empty));
    if (rotated > 0)
        document.notes.push_back(std::to_string(rotated) +
                                 " words set at an angle (stamps, vertical text) left out");
    if (text.truncated) document.notes.push_back(text.truncation);
    document.notes.push_back("line numbers of a PDF count its rebuilt paragraphs and table rows");
    return document;
}

}  // namespace nusqa::import::pdf
