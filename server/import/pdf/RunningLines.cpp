// Running headers and footers of a PDF: lines at the top or bottom of the
// page that repeat, and page numbers there (see PdfLayout.h).
#include <algorithm>
#include <cmath>
#include <map>

#include "import/detail/Utf8.h"
#include "import/pdf/detail/Layout.h"

namespace nusqa::import::pdf {
namespace {

enum class Band { None, Top, Bottom };

// Digits -> '#', lower case, spaces collapsed: «4 беттің 12-сі» and «5 беттің
// 12-сі» have one shape.
std::string shape(std::string_view text) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t start = at;
        char32_t c = decodeAt(text, at);
        if (isDigit(c)) {
            if (out.empty() || out.back() != '#') out += '#';
        } else {
            out.append(lower(text.substr(start, at - start)));
        }
    }
    return collapseSpaces(out);
}

// A page number or «page M of N» in any of the ways the documents print it.
bool pageNumbering(const std::string& textShape) {
    static const char* const kShapes[] = {"#",
                                          "- # -",
                                          "– # –",
                                          "— # —",
                                          "-#-",
                                          "# / #",
                                          "#/#",
                                          "# беттің #-і",
                                          "# беттің #-ші",
                                          "# беттің #",
                                          "# беттің #-сі",
                                          "# беттің #-ы",
                                          "бет # / #",
                                          "бет #/#",
                                          "бет # из #",
                                          "бет #",
                                          "#-бет",
                                          "лист # из #",
                                          "лист #",
                                          "страница # из #",
                                          "страница #",
                                          "стр. # из #",
                                          "стр. #",
                                          "с. #",
                                          "page # of #",
                                          "page #",
                                          "беттің #-і #",
                                          "# бет",
                                          "лист # листов #"};
    for (const char* known : kShapes)
        if (textShape == known) return true;
    return false;
}

Band bandOf(const std::vector<Line>& lines, std::size_t index) {
    const Line& line = lines[index];
    double height = line.pageHeight > 0 ? line.pageHeight : 842;
    if (line.bottom <= 0.12 * height || (index < 3 && line.bottom <= 0.2 * height))
        return Band::Top;
    if (line.top >= 0.88 * height || (index + 3 >= lines.size() && line.top >= 0.8 * height))
        return Band::Bottom;
    return Band::None;
}

struct Seen {
    std::size_t page = 0, line = 0;
    double y = 0;  // the top for the top band, the distance from the bottom for the bottom one
};

}  // namespace

void markRunningLines(std::vector<std::vector<Line>>& pages, std::vector<SkippedText>& skipped,
                      std::vector<std::string>& runningText) {
    std::map<std::pair<Band, std::string>, std::vector<Seen>> candidates;
    std::size_t pagesWithText = 0;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        if (!pages[p].empty()) ++pagesWithText;
        for (std::size_t i = 0; i < pages[p].size(); ++i) {
            Band band = bandOf(pages[p], i);
            if (band == Band::None) continue;
            const Line& line = pages[p][i];
            double y = band == Band::Top ? line.top : line.pageHeight - line.bottom;
            candidates[{band, shape(wordsText(line.words))}].push_back({p, i, y});
        }
    }
    const std::size_t needed = std::max<std::size_t>(2, (pagesWithText + 1) / 2);
    std::map<std::pair<std::size_t, std::size_t>, const char*> marked;
    for (const auto& [key, seen] : candidates) {
        const auto& [band, textShape] = key;
        const char* reason = band == Band::Top ? "running-header" : "running-footer";
        if (pageNumbering(textShape)) {
            for (const Seen& at : seen) marked[{at.page, at.line}] = "page-number";
            if (textShape.find("из") != std::string::npos ||
                textShape.find("беттің") != std::string::npos ||
                textShape.find("of") != std::string::npos)
                runningText.push_back(wordsText(pages[seen.front().page][seen.front().line].words));
            continue;
        }
        // Repeated at (nearly) the same height on enough pages.
        std::vector<double> heights;
        for (const Seen& at : seen) heights.push_back(at.y);
        std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
        double middle = heights[heights.size() / 2];
        std::vector<const Seen*> aligned;
        std::vector<std::size_t> onPages;
        for (const Seen& at : seen)
            if (std::abs(at.y - middle) <= 4) {
                aligned.push_back(&at);
                onPages.push_back(at.page);
            }
        std::sort(onPages.begin(), onPages.end());
        onPages.erase(std::unique(onPages.begin(), onPages.end()), onPages.end());
        if (onPages.size() < needed) continue;
        for (const Seen* at : aligned) marked[{at->page, at->line}] = reason;
        runningText.push_back(wordsText(pages[aligned.front()->page][aligned.front()->line].words));
    }
    for (const auto& [where, reason] : marked) {
        Line& line = pages[where.first][where.second];
        line.running = true;
        skipped.push_back(
            {0, "page " + std::to_string(where.first + 1), wordsText(line.words), reason});
    }
    std::sort(runningText.begin(), runningText.end());
    runningText.erase(std::unique(runningText.begin(), runningText.end()), runningText.end());
}

}  // namespace nusqa::import::pdf
