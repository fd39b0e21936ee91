// Private to import/pdf: the pieces of the layout (PdfLayout.h), each in its
// own file — lines and segments (LayoutLines.cpp), running headers and
// footers (RunningLines.cpp), tables (LayoutTables.cpp), paragraphs and the
// joining of lines (LayoutParagraphs.cpp). Standard library only.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "import/Source.h"
#include "import/pdf/PdfText.h"

namespace nusqa::import::pdf {

struct Word {
    double left = 0, right = 0, top = 0, bottom = 0, size = 0;
    bool bold = false, italic = false, spaceAfter = false;
    std::string text;
};

// Words side by side on a line with no wider gap than a few spaces.
struct Segment {
    std::vector<Word> words;
    double left = 0, right = 0;
    std::string text;  // the words with single spaces where the page has gaps
};

struct Line {
    int page = 0;  // 0-based
    double pageHeight = 0;
    double top = 0, bottom = 0, size = 0;
    std::vector<Word> words;  // left to right
    std::vector<Segment> segments;
    bool running = false;  // a running header, footer or page number

    double left() const { return words.empty() ? 0 : words.front().left; }
    double right() const;
    std::string text() const;  // the whole line, segments joined by a space
};

// Measures of the whole document the rules compare against.
struct Metrics {
    double wordGap = 3;                     // the usual gap between words, points
    double columnGap = 7.5;                 // a gap at least this wide separates segments
    double pitch = 14;                      // the usual distance from one line to the next
    double textRight = 540;                 // where full lines end (the right margin)
    std::map<std::string, int> vocabulary;  // the document's words, lower case: how often
    // ... how often not first in their segment (once segments are final: a
    // piece of a word broken at a column's edge is only ever first).
    std::map<std::string, int> inner;
};

// Words of a page as lines, top to bottom. Empty words are left out, and
// rotated ones (stamps, vertical text): their text goes to rotated.
std::vector<Line> pageLines(const PdfPage& page, int pageIndex, std::vector<std::string>& rotated);

// A word without the punctuation around it, lower case: «іс-шаралар,» ->
// «іс-шаралар»; the key of Metrics::vocabulary.
std::string bareWord(const std::string& word);

// The gap between two words of a line that stands for a space.
bool spaceBetween(const Word& before, const Word& after);
// The text of words with spaces where spaceBetween says.
std::string wordsText(const std::vector<Word>& words);

Metrics measure(const std::vector<std::vector<Line>>& pages);

// Splits every line into segments (Metrics::columnGap), a list label kept
// with the text after it.
void splitSegments(std::vector<Line>& lines, const Metrics& metrics);

// Marks running headers, footers and page numbers (Line::running) and
// returns them: one SkippedText per line, and the distinct texts of the
// repeated ones in runningText.
void markRunningLines(std::vector<std::vector<Line>>& pages, std::vector<SkippedText>& skipped,
                      std::vector<std::string>& runningText);

// How a line goes on from the line above within one paragraph or cell.
enum class Join { NewParagraph, Space, Hyphen, DropHyphen, Glue };

// limit: the right edge a full line reaches (the column's or the page's).
Join joinOf(const Line& above, const Line& below, double limit, const Metrics& metrics,
            bool sameCell);
// The same for two segments of one table column.
Join joinSegments(const Segment& above, const Segment& below, double limit, const Metrics& metrics);

// Runs of a paragraph made of segments joined as joinSegments says.
std::vector<Run> runsOf(const std::vector<const Segment*>& parts, const std::vector<Join>& joins);

// The body of all pages as blocks in reading order: tables where lines line
// up in columns, paragraphs elsewhere. line numbers count the blocks' lines.
std::vector<SourceBlock> layoutBlocks(std::vector<std::vector<Line>>& pages,
                                      const Metrics& metrics);

}  // namespace nusqa::import::pdf
