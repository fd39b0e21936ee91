// Pages to PDF: one content stream per page written directly (text objects
// with Identity-H glyph codes in binary literal strings, explicit positions per piece, word spacing
// through TJ adjustments since Tw does not apply to two-byte codes), font
// resources per page, then the font subsets finished and the document
// written to memory.
//
// Redline marks (Style::mark, only in a comparison's print) add operators
// and nothing else changes: the piece's text in colour (rg), a line in the
// same colour (RG) under inserted text and through deleted text, and, for
// black-and-white printing, a black bar in the left margin beside the line.
#include <podofo/podofo.h>
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>

#include "render/detail/Builder.h"

namespace nusqa::render {
namespace {

// A page's content stream, deflated here rather than by PoDoFo, which uses
// zlib's default level (6): measured on corpus 002's content streams (504 KB
// with hex glyph codes), level 4 took half the time for 12% more bytes
// (10 ms against 4.6); deflating was a sixth of a whole `nusqa render`. With
// binary glyph strings (379 KB): 82 KB at level 4, 78.5 KB at level 6.
constexpr int kContentDeflateLevel = 4;

// A page's content stream deflated (compress2 at kContentDeflateLevel), or,
// only when zlib ran out of memory, not (ok false: PoDoFo deflates it).
struct Deflated {
    std::string bytes;
    bool ok = false;
};

Deflated deflate(const std::string& bytes) {
    uLongf size = compressBound(static_cast<uLong>(bytes.size()));
    Deflated result{std::string(size, '\0'), false};
    result.ok = compress2(reinterpret_cast<Bytef*>(result.bytes.data()), &size,
                          reinterpret_cast<const Bytef*>(bytes.data()),
                          static_cast<uLong>(bytes.size()), kContentDeflateLevel) == Z_OK;
    result.bytes.resize(result.ok ? size : 0);
    return result;
}

void setDeflated(PoDoFo::PdfObject& contents, const std::string& bytes, const Deflated& deflated) {
    if (!deflated.ok) {
        contents.GetStream()->Set(bytes.data(), static_cast<PoDoFo::pdf_long>(bytes.size()));
        return;
    }
    PoDoFo::PdfMemoryInputStream input(deflated.bytes.data(),
                                       static_cast<PoDoFo::pdf_long>(deflated.bytes.size()));
    contents.GetStream()->SetRawData(&input, static_cast<PoDoFo::pdf_long>(deflated.bytes.size()));
    contents.GetDictionary().AddKey(PoDoFo::PdfName::KeyFilter, PoDoFo::PdfName("FlateDecode"));
}

// Deflating the pages' content streams (a sixth of a whole `nusqa render`
// of corpus 002) needs nothing of the layout, the fonts or PoDoFo: with
// Helpers::WhenWorthIt and a document of kHelperPages pages or more, a
// second thread deflates each page as soon as this one has written it,
// while this one writes the next pages; then this one takes what is left
// while a third embeds the font subsets. Either thread takes the next page not
// yet taken, so the work is shared however fast each runs. The bytes are
// the same as deflating every page here: each page is deflated whole, on
// its own, with the same level (a test compares both).
constexpr std::size_t kHelperPages = 6;

class PageDeflater {
public:
    PageDeflater(std::size_t pages, Helpers helpers)
        : _sources(pages),
          _results(pages),
          _helped(helpers == Helpers::WhenWorthIt && pages >= kHelperPages) {}
    PageDeflater(const PageDeflater&) = delete;
    PageDeflater& operator=(const PageDeflater&) = delete;
    ~PageDeflater() {
        if (!_helper.joinable()) return;
        {
            std::lock_guard lock(_mutex);
            _stopping = true;
        }
        _changed.notify_all();
        _helper.join();
    }

    // Page `index`'s stream is written (pages are given in order).
    void give(std::size_t index, std::string bytes) {
        {
            std::lock_guard lock(_mutex);
            _sources[index] = std::move(bytes);
            _given = index + 1;
        }
        if (_helped && !_helper.joinable()) {
            try {
                _helper = std::thread([this] { work(false); });
            } catch (const std::system_error&) {
                _helped = false;  // no thread to be had: all of it here, in finish()
            }
        } else {
            _changed.notify_one();
        }
    }

    // Deflates what the helper has not taken, waits for the rest; the
    // sources stay for a page zlib could not deflate.
    const std::vector<Deflated>& finish() {
        work(true);
        std::unique_lock lock(_mutex);
        _changed.wait(lock, [this] { return _done == _sources.size(); });
        return _results;
    }
    const std::string& source(std::size_t index) const { return _sources[index]; }
    // Whether a second thread may work beside this one (WhenWorthIt, pages enough).
    bool helped() const { return _helped; }

private:
    void work(bool last) {
        std::unique_lock lock(_mutex);
        for (;;) {
            if (_taken == _sources.size()) return;
            if (_taken == _given) {
                if (last || _stopping) return;
                _changed.wait(lock, [this] { return _taken < _given || _stopping; });
                continue;
            }
            std::size_t index = _taken++;
            lock.unlock();
            Deflated result = deflate(_sources[index]);
            lock.lock();
            _results[index] = std::move(result);
            if (++_done == _sources.size()) _changed.notify_all();
        }
    }

    std::vector<std::string> _sources;
    std::vector<Deflated> _results;
    bool _helped;
    std::mutex _mutex;
    std::condition_variable _changed;
    std::size_t _given = 0, _taken = 0, _done = 0;
    bool _stopping = false;
    std::thread _helper;
};

class Stream {
public:
    // Two decimals, trailing zeros dropped: what std::to_chars(fixed, 2)
    // prints (checked on 5 million values), at a fraction of its cost (corpus
    // 002's pages write 24,800 numbers: 14.5 M instructions). The float times
    // 100 is exact in a double, and nearbyint rounds a tie to even, as
    // to_chars does.
    Stream& number(float value) {
        double scaled = std::nearbyint(static_cast<double>(value) * 100.0);
        if (!(std::fabs(scaled) < 1e15)) {  // not a page coordinate (or NaN): the slow way
            char buffer[64];
            auto [end, error] =
                std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 2);
            _bytes.append(buffer, error == std::errc() ? end : buffer);
            _bytes += ' ';
            return *this;
        }
        // Made in a buffer and appended once (one capacity check, not five).
        auto hundredths = static_cast<long long>(scaled);
        char text[40];
        char* end = text;
        if (hundredths < 0) {
            *end++ = '-';
            hundredths = -hundredths;
        }
        auto [digitsEnd, error] = std::to_chars(end, text + 32, hundredths / 100);
        if (error == std::errc()) end = digitsEnd;
        auto fraction = static_cast<int>(hundredths % 100);
        if (fraction != 0) {
            *end++ = '.';
            *end++ = static_cast<char>('0' + fraction / 10);
            if (fraction % 10 != 0) *end++ = static_cast<char>('0' + fraction % 10);
        }
        *end++ = ' ';
        _bytes.append(text, end);
        return *this;
    }
    Stream& op(std::string_view text) {
        _bytes.append(text);
        _bytes += '\n';
        return *this;
    }
    Stream& raw(std::string_view text) {
        _bytes.append(text);
        return *this;
    }
    // The glyph codes of text in face (FontSet::appendGlyphString).
    Stream& glyphs(FontSet& fonts, Face face, std::u32string_view text) {
        fonts.appendGlyphString(_bytes, face, text);
        return *this;
    }
    const std::string& bytes() const { return _bytes; }
    std::string take() { return std::move(_bytes); }

private:
    std::string _bytes;
};

// The colour of a mark as "r g b" (blue insertions, red deletions, green
// notes); nullptr: none.
const char* colourOf(Mark mark) {
    switch (mark) {
        case Mark::None:
            return nullptr;
        case Mark::Inserted:
            return "0 0 0.8";
        case Mark::Deleted:
            return "0.8 0 0";
        case Mark::Note:
            return "0 0.45 0";
    }
    return nullptr;
}

constexpr float kMarginBarGap = 8;  // between the change bar and the text column

struct PageWriter {
    FontSet& fonts;
    float height;
    float marginLeft;
    Stream stream;
    bool usedFaces[4] = {false, false, false, false};

    void rule(const Rule& rule, float& currentWidth) {
        if (rule.width != currentWidth) {
            stream.number(rule.width).op("w");
            currentWidth = rule.width;
        }
        stream.number(rule.x1).number(height - rule.y1).raw("m ");
        stream.number(rule.x2).number(height - rule.y2).op("l S");
    }

    // Rectangles of one gray level share one fill operator; text after
    // them is black again.
    void fills(const std::vector<Fill>& fills) {
        if (fills.empty()) return;
        float gray = -1;
        for (const Fill& fill : fills) {
            if (fill.gray != gray) {
                if (gray >= 0) stream.op("f");
                stream.number(fill.gray).op("g");
                gray = fill.gray;
            }
            stream.number(fill.x)
                .number(height - fill.y - fill.height)
                .number(fill.width)
                .number(fill.height)
                .op("re");
        }
        stream.op("f");
        if (gray != 0) stream.op("0 g");
    }

    void glyphs(const Glyphs& piece, float x, float baseline, float wordSpacing) {
        Face face = piece.style.face;
        usedFaces[static_cast<int>(face)] = true;
        if (const char* colour = colourOf(piece.style.mark)) stream.raw(colour).op(" rg");
        stream.raw("/").raw(fonts.resourceName(face)).raw(" ").number(piece.style.size).op("Tf");
        stream.raw("1 0 0 1 ")
            .number(x + piece.x)
            .number(height - baseline + piece.style.rise)
            .op("Tm");
        if (wordSpacing <= 0.001f) {
            stream.glyphs(fonts, face, piece.text).op(" Tj");
            if (piece.style.mark != Mark::None) stream.op("0 g");
            return;
        }
        // The space glyph, then move by the extra (TJ units: -1/1000 em).
        float adjust = -wordSpacing * 1000.0f / piece.style.size;
        stream.raw("[");
        std::size_t start = 0;
        for (std::size_t at = 0; at <= piece.text.size(); ++at) {
            if (at < piece.text.size() && piece.text[at] != U' ') continue;
            std::size_t end = at < piece.text.size() ? at + 1 : at;
            if (end > start) {
                stream.glyphs(fonts, face,
                              std::u32string_view(piece.text).substr(start, end - start));
                if (at < piece.text.size()) stream.raw(" ").number(adjust);
            }
            start = end;
        }
        stream.op("] TJ");
        if (piece.style.mark != Mark::None) stream.op("0 g");
    }

    // The coloured line of each marked piece, then the margin bar.
    void marks(const PlacedText& placed) {
        bool marked = false;
        float top = placed.baseline, bottom = placed.baseline;
        for (const Glyphs& piece : placed.line.pieces) {
            const char* colour = colourOf(piece.style.mark);
            if (colour == nullptr) continue;
            marked = true;
            float size = piece.style.size;
            top = std::min(top, placed.baseline - size * 0.8f);
            bottom = std::max(bottom, placed.baseline + size * 0.25f);
            if (piece.style.mark == Mark::Note || piece.width <= 0) continue;
            // Under the baseline for an insertion, through the middle of the
            // lower-case letters for a deletion.
            float y = piece.style.mark == Mark::Inserted ? placed.baseline + size * 0.14f
                                                         : placed.baseline - size * 0.28f;
            y -= piece.style.rise;
            float currentWidth = -1;
            stream.raw(colour).op(" RG");
            rule(Rule{placed.x + piece.x, y, placed.x + piece.x + piece.width, y, size * 0.06f},
                 currentWidth);
            stream.op("0 G");
        }
        if (!marked) return;
        float x = marginLeft - kMarginBarGap;
        float currentWidth = -1;
        rule(Rule{x, top, x, bottom, 1.5f}, currentWidth);
    }

    // The status mark: lines in light gray, centred on the page and turned
    // 45 degrees, under everything else, and once level at the top edge. The first line large, the
    // others (date, replacing edition) smaller; each shrunk to fit the diagonal.
    void diagonal(const std::vector<std::string>& lines, float width) {
        if (lines.empty()) return;
        const float cosine = 0.7071f, sine = 0.7071f;
        const float room = 0.8f * std::sqrt(width * width + height * height) * 0.75f;
        std::vector<Style> styles;
        std::vector<std::u32string> texts;
        std::vector<float> widths;
        float total = 0;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            Style style{Face::Bold, i == 0 ? 72.0f : 26.0f, 0, false};
            std::u32string text = decodeUtf8(lines[i]);
            float measured = fonts.width(style, text);
            if (measured > room) {
                style.size *= room / measured;
                measured = room;
            }
            styles.push_back(style);
            texts.push_back(std::move(text));
            widths.push_back(measured);
            total += style.size * 1.2f;
        }
        usedFaces[static_cast<int>(Face::Bold)] = true;
        stream.op("q").op("0.82 g");
        float offset = total / 2;  // from the centre along the normal, top line first
        for (std::size_t i = 0; i < texts.size(); ++i) {
            offset -= styles[i].size * (i == 0 ? 0.9f : 1.2f);
            float x = width / 2 - cosine * widths[i] / 2 - sine * offset;
            float y = height / 2 - sine * widths[i] / 2 + cosine * offset;
            stream.op("BT");
            stream.raw("/")
                .raw(fonts.resourceName(Face::Bold))
                .raw(" ")
                .number(styles[i].size)
                .op("Tf");
            stream.number(cosine).number(sine).number(-sine).number(cosine).number(x).number(y).op(
                "Tm");
            stream.glyphs(fonts, Face::Bold, texts[i]).op(" Tj");
            stream.op("ET");
        }
        // The same words once more, level and small at the top edge: text
        // extraction (pdftotext, search, screen readers) splits the turned
        // letters apart, and a reader of the page's text must see the mark too.
        std::string joined;
        for (const std::string& line : lines) joined += (joined.empty() ? "" : " · ") + line;
        Style small{Face::Bold, 9.0f, 0, false};
        std::u32string level = decodeUtf8(joined);
        float levelWidth = fonts.width(small, level);
        stream.op("BT");
        stream.raw("/").raw(fonts.resourceName(Face::Bold)).raw(" ").number(small.size).op("Tf");
        stream.raw("1 0 0 1 ").number((width - levelWidth) / 2).number(height - 18).op("Tm");
        stream.glyphs(fonts, Face::Bold, level).op(" Tj");
        stream.op("ET");
        stream.op("Q");
    }

    void text(const PlacedText& placed) {
        stream.op("BT");
        for (const Glyphs& piece : placed.line.pieces)
            glyphs(piece, placed.x, placed.baseline, placed.line.wordSpacing);
        stream.op("ET");
        marks(placed);
        for (const Glyphs& piece : placed.line.pieces) {
            if (!piece.style.underline) continue;
            float y = placed.baseline + piece.style.size * 0.12f - piece.style.rise;
            float currentWidth = -1;
            rule(Rule{placed.x + piece.x, y, placed.x + piece.x + piece.width, y,
                      piece.style.size * 0.05f},
                 currentWidth);
        }
    }
};

void addFontResource(PoDoFo::PdfPage* page, FontSet& fonts, Face face) {
    PoDoFo::PdfObject* resources = page->GetResources();
    PoDoFo::PdfDictionary& dictionary = resources->GetDictionary();
    if (!dictionary.HasKey("Font")) dictionary.AddKey("Font", PoDoFo::PdfDictionary());
    PoDoFo::PdfFont* font = fonts.font(face);
    dictionary.GetKey("Font")->GetDictionary().AddKey(font->GetIdentifier(),
                                                      font->GetObject()->Reference());
}

PoDoFo::PdfString utf16(const std::string& text) {
    return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(text.c_str()));
}

}  // namespace

std::string writePdf(PoDoFo::PdfMemDocument& document, FontSet& fonts,
                     const std::vector<Page>& pages, const Pagination& pagination,
                     const profile::PageGeometry& geometry, const content::Meta& meta,
                     const std::vector<std::string>& statusMark, const std::string& banner,
                     Helpers helpers) {
    const float height = static_cast<float>(geometry.height);
    PageDeflater deflater(pages.size(), helpers);
    std::vector<PoDoFo::PdfObject*> contents;
    contents.reserve(pages.size());
    for (const Page& page : pages) {
        PageWriter writer{fonts, height, static_cast<float>(geometry.marginLeft), {}};
        writer.diagonal(statusMark, static_cast<float>(geometry.width));
        float currentWidth = -1;
        writer.fills(page.fills);
        for (const Rule& rule : page.rules) writer.rule(rule, currentWidth);
        for (const PlacedText& text : page.texts) writer.text(text);
        for (const Deferred& deferred : page.deferred) {
            int number = deferred.anchor >= 0 && static_cast<std::size_t>(deferred.anchor) <
                                                     pagination.anchorPages.size()
                             ? pagination.anchorPages[static_cast<std::size_t>(deferred.anchor)]
                             : 0;
            if (number <= 0) continue;
            std::u32string digits = decodeUtf8(std::to_string(number));
            float width = fonts.width(deferred.style, digits);
            PlacedText placed{deferred.xRight - width, deferred.baseline, {}};
            placed.line.pieces.push_back(Glyphs{deferred.style, digits, 0, width});
            writer.text(placed);
        }
        PoDoFo::PdfPage* pdfPage =
            document.CreatePage(PoDoFo::PdfRect(0, 0, geometry.width, geometry.height));
        contents.push_back(pdfPage->GetContentsForAppending());
        for (int face = 0; face < 4; ++face)
            if (writer.usedFaces[face]) addFontResource(pdfPage, fonts, static_cast<Face>(face));
        deflater.give(contents.size() - 1, writer.stream.take());
    }
    fonts.finish();
    // What Write would do first (PoDoFo builds each font subset and deflates
    // it at zlib's level 6: 22 M instructions of corpus 002), done on a
    // thread of its own while this one deflates the pages the helper has not
    // taken; Write finds the subsets embedded and leaves them. Only the
    // embedding touches the document (it makes the subsets' objects) until
    // both are done, so the objects are made in the same order as on one
    // thread, and the bytes are the same.
    std::exception_ptr embedError;
    std::jthread embedder;  // after what it uses: joined before they go
    if (deflater.helped()) {
        try {
            embedder = std::jthread([&document, &embedError] {
                try {
                    document.EmbedSubsetFonts();
                } catch (...) {  // PoDoFo's PdfError is no std::exception
                    embedError = std::current_exception();
                }
            });
        } catch (const std::system_error&) {
            // no thread to be had: embedded below, on this one
        }
    }
    if (!embedder.joinable()) document.EmbedSubsetFonts();
    const std::vector<Deflated>& deflated = deflater.finish();
    if (embedder.joinable()) embedder.join();
    if (embedError) std::rethrow_exception(embedError);
    for (std::size_t page = 0; page < contents.size(); ++page)
        setDeflated(*contents[page], deflater.source(page), deflated[page]);
    PoDoFo::PdfInfo* info = document.GetInfo();
    info->SetTitle(utf16((banner.empty() ? "" : banner + ": ") + meta.code + " — " + meta.title));
    info->SetSubject(utf16(meta.organisation));
    info->SetCreator(PoDoFo::PdfString("Nusqa"));
    info->SetProducer(PoDoFo::PdfString("Nusqa (PoDoFo)"));
    document.SetPdfVersion(PoDoFo::ePdfVersion_1_6);
    PoDoFo::PdfRefCountedBuffer buffer;
    PoDoFo::PdfOutputDevice device(&buffer);
    document.Write(&device);
    return std::string(buffer.GetBuffer(), device.GetLength());
}

}  // namespace nusqa::render
