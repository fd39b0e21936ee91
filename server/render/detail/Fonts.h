// Private to render: the four faces of the profile's font family inside one
// PoDoFo document — loaded on first use as CID TrueType fonts with
// Identity-H encoding and subsetting, measured (advance widths cached per
// code point), and finished before writing (used glyphs handed to the
// subsetter, each subset renamed with its own 6-letter tag).
// One FontSet per document; not thread-safe (documents are per render).
// PoDoFo errors propagate as PoDoFo::PdfError (render/Render.cpp catches).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Error.h"
#include "domain/Profile.h"
#include "domain/Utf8.h"
#include "render/detail/Layout.h"

namespace PoDoFo {
class PdfMemDocument;
class PdfFont;
}  // namespace PoDoFo

namespace nusqa::render {

// The UTF-8 text as code points; malformed bytes become U+FFFD.
std::u32string decodeUtf8(std::string_view text);

// Resolves the four font files of a profile (directories, then fallback).
// NotFound naming what was tried when a face has no readable file.
Result<std::array<std::string, 4>> resolveFontFiles(const profile::Fonts& fonts);

class FontSet {
public:
    FontSet(PoDoFo::PdfMemDocument& document, std::array<std::string, 4> files);
    FontSet(const FontSet&) = delete;
    FontSet& operator=(const FontSet&) = delete;

    // Advance width in points of text set in style (size, face).
    float width(const Style& style, std::u32string_view text);
    float charWidth(Face face, char32_t c, float size);

    // Ascent and descent of the regular face as fractions of the size.
    float ascent();
    float descent();

    // The resource name ("Ft4"); appendGlyphString appends the Identity-H
    // codes of text as a PDF literal string to codes (a page's content
    // stream, so no string of its own per piece of text), "(...)" with two
    // bytes per glyph (escaped where the syntax needs it), and records the
    // characters for the subset.
    const std::string& resourceName(Face face);
    void appendGlyphString(std::string& codes, Face face, std::u32string_view text);
    PoDoFo::PdfFont* font(Face face);  // nullptr until used
    bool used(Face face) const { return _faces[index(face)].font != nullptr; }

    // Hands the used characters to the subsetter and renames the subsets.
    // Call once, after the last page is painted, before writing.
    void finish();

private:
    // What is known of one BMP code point in one face.
    struct CharData {
        float width = -1;  // in 1/1000 em; < 0 unknown
        // The glyph id once a glyph string used the character (the subset's
        // characters); < 0: not used. Asking PoDoFo (FreeType) for every
        // character of every string was 16 M instructions of corpus 002.
        std::int32_t glyph = -1;
    };
    // Blocks of 256 code points, made when a character of the block is
    // first measured: a document uses a few blocks (Latin, Cyrillic,
    // punctuation), and two tables of all 65,536 code points per face
    // were 384 pages of memory to touch (page faults) for three faces.
    using CharBlock = std::array<CharData, 256>;
    struct FaceData {
        PoDoFo::PdfFont* font = nullptr;
        std::string resource;
        std::array<std::unique_ptr<CharBlock>, 256> blocks;

        CharData& at(std::size_t code) {
            std::unique_ptr<CharBlock>& block = blocks[code >> 8];
            if (!block) block = std::make_unique<CharBlock>();
            return (*block)[code & 0xFF];
        }
    };

    static std::size_t index(Face face) { return static_cast<std::size_t>(face); }
    FaceData& load(Face face);

    PoDoFo::PdfMemDocument& _document;
    std::array<std::string, 4> _files;
    std::array<FaceData, 4> _faces;
};

}  // namespace nusqa::render
