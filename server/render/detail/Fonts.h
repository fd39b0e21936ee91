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

    // The resource name ("Ft4") and the Identity-H codes of text as a PDF
    // literal string, "(...)" with two bytes per glyph (escaped where the
    // syntax needs it); records the characters for the subset.
    const std::string& resourceName(Face face);
    std::string glyphString(Face face, std::u32string_view text);
    PoDoFo::PdfFont* font(Face face);  // nullptr until used
    bool used(Face face) const { return _faces[index(face)].font != nullptr; }

    // Hands the used characters to the subsetter and renames the subsets.
    // Call once, after the last page is painted, before writing.
    void finish();

private:
    struct FaceData {
        PoDoFo::PdfFont* font = nullptr;
        std::string resource;
        std::vector<float> widths;  // per BMP code point in 1/1000 em; < 0 unknown
        // Per BMP code point its glyph id once a glyph string used it (the
        // subset's characters); < 0: not used. Asking PoDoFo (FreeType) for
        // every character of every string was 16 M instructions of corpus 002.
        std::vector<std::int32_t> glyphs;
    };

    static std::size_t index(Face face) { return static_cast<std::size_t>(face); }
    FaceData& load(Face face);

    PoDoFo::PdfMemDocument& _document;
    std::array<std::string, 4> _files;
    std::array<FaceData, 4> _faces;
};

}  // namespace nusqa::render
