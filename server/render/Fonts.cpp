#include "render/detail/Fonts.h"

#include <podofo/podofo.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

namespace nusqa::render {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

std::size_t bmp(char32_t c) {
    return c < 0x10000 ? static_cast<std::size_t>(c) : 0xFFFD;
}

// FNV-1a, for subset tags that depend on the font and its glyphs only.
std::uint64_t fnv(std::uint64_t hash, std::string_view bytes) {
    for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ull;
    return hash;
}

std::string tagOf(std::uint64_t hash) {
    std::string tag(6, 'A');
    for (char& c : tag) {
        c = static_cast<char>('A' + hash % 26);
        hash /= 26;
    }
    return tag;
}

PoDoFo::PdfObject* resolve(PoDoFo::PdfVecObjects* objects, PoDoFo::PdfObject* object) {
    if (object != nullptr && object->IsReference())
        return objects->GetObject(object->GetReference());
    return object;
}

void setName(PoDoFo::PdfObject* dictionary, const char* key, const std::string& name) {
    if (dictionary != nullptr && dictionary->IsDictionary())
        dictionary->GetDictionary().AddKey(key, PoDoFo::PdfName(name));
}

}  // namespace

std::u32string decodeUtf8(std::string_view text) {
    // Never more code points than bytes: written in place, then cut to size
    // (no capacity check per character).
    std::u32string result(text.size(), U'\0');
    char32_t* out = result.data();
    for (std::size_t at = 0; at < text.size();) {
        unsigned char lead = static_cast<unsigned char>(text[at]);
        int length = lead < 0x80         ? 1
                     : (lead >> 5) == 6  ? 2
                     : (lead >> 4) == 14 ? 3
                     : (lead >> 3) == 30 ? 4
                                         : 0;
        if (length == 0 || at + static_cast<std::size_t>(length) > text.size()) {
            *out++ = kReplacement;
            ++at;
            continue;
        }
        char32_t c = length == 1 ? lead : lead & (0x7F >> length);
        bool valid = true;
        for (int i = 1; i < length; ++i) {
            unsigned char next = static_cast<unsigned char>(text[at + static_cast<std::size_t>(i)]);
            valid = valid && (next & 0xC0) == 0x80;
            c = (c << 6) | (next & 0x3F);
        }
        *out++ = valid ? c : kReplacement;
        at += valid ? static_cast<std::size_t>(length) : 1;
    }
    result.resize(static_cast<std::size_t>(out - result.data()));
    return result;
}

Result<std::array<std::string, 4>> resolveFontFiles(const profile::Fonts& fonts) {
    std::array<std::string, 4> files;
    const profile::FontFace* faces[] = {&fonts.regular, &fonts.bold, &fonts.italic,
                                        &fonts.boldItalic};
    for (std::size_t i = 0; i < 4; ++i) {
        std::string tried;
        for (const std::string& name : {faces[i]->file, faces[i]->fallback}) {
            if (name.empty()) continue;
            for (const std::string& directory : fonts.directories) {
                std::filesystem::path path = std::filesystem::path(directory) / name;
                if (std::ifstream(path, std::ios::binary)) {
                    files[i] = path.string();
                    break;
                }
                tried += (tried.empty() ? "" : ", ") + path.string();
            }
            if (!files[i].empty()) break;
        }
        if (files[i].empty())
            return fail(ErrorCode::NotFound, "render: no font file for the profile (tried " +
                                                 tried +
                                                 "); install fonts-liberation2 or "
                                                 "fonts-dejavu-core");
    }
    return files;
}

FontSet::FontSet(PoDoFo::PdfMemDocument& document, std::array<std::string, 4> files)
    : _document(document), _files(std::move(files)) {}

FontSet::FaceData& FontSet::load(Face face) {
    FaceData& data = _faces[index(face)];
    if (data.font != nullptr) return data;
    bool bold = face == Face::Bold || face == Face::BoldItalic;
    bool italic = face == Face::Italic || face == Face::BoldItalic;
    // The encoding belongs to the font (auto-delete) once PoDoFo gets as
    // far as creating the font object, which deletes it itself when that
    // fails (a null font). A file that is not a font throws before, while
    // reading it, and leaves the encoding ours to free.
    auto encoding = std::make_unique<PoDoFo::PdfIdentityEncoding>(0, 0xffff, true);
    const std::string& file = _files[index(face)];
    data.font =
        _document.CreateFontSubset(file.c_str(), bold, italic, false, encoding.get(), file.c_str());
    encoding.release();
    if (data.font == nullptr)
        PODOFO_RAISE_ERROR_INFO(PoDoFo::ePdfError_InvalidFontFile, file.c_str());
    data.resource = data.font->GetIdentifier().GetName();
    return data;
}

float FontSet::charWidth(Face face, char32_t c, float size) {
    // Called for every character measured (118,000 for corpus 002): the
    // loaded face without a call.
    FaceData& loaded = _faces[index(face)];
    FaceData& data = loaded.font != nullptr ? loaded : load(face);
    std::size_t code = bmp(c);
    float& cached = data.at(code).width;
    if (cached < 0) {
        const PoDoFo::PdfFontMetrics* metrics = data.font->GetFontMetrics();
        long glyph = metrics->GetGlyphId(static_cast<long>(code));
        cached = static_cast<float>(metrics->GetGlyphWidth(static_cast<int>(glyph)));
    }
    return cached * size / 1000.0f;
}

float FontSet::width(const Style& style, std::u32string_view text) {
    float total = 0;
    for (char32_t c : text) total += charWidth(style.face, c, style.size);
    return total;
}

float FontSet::ascent() {
    const PoDoFo::PdfFontMetrics* metrics = load(Face::Regular).font->GetFontMetrics();
    return static_cast<float>(metrics->GetAscent() / metrics->GetFontSize());
}

float FontSet::descent() {
    const PoDoFo::PdfFontMetrics* metrics = load(Face::Regular).font->GetFontMetrics();
    return static_cast<float>(-metrics->GetDescent() / metrics->GetFontSize());
}

const std::string& FontSet::resourceName(Face face) {
    return load(face).resource;
}

PoDoFo::PdfFont* FontSet::font(Face face) {
    return _faces[index(face)].font;
}

// Binary, not hex (<03E1...>): half the bytes of the page's content stream
// to write and deflate (corpus 002: the glyph codes are most of its 504 KB).
// In a literal string only the parentheses and the backslash need escaping,
// and a carriage return, which a reader would take for a line end.
void FontSet::appendGlyphString(std::string& codes, Face face, std::u32string_view text) {
    FaceData& data = load(face);
    codes += '(';
    auto put = [&codes](unsigned byte) {
        if (byte == '(' || byte == ')' || byte == '\\') {
            codes += '\\';
            codes += static_cast<char>(byte);
        } else if (byte == '\r') {
            codes += "\\r";
        } else {
            codes += static_cast<char>(byte);
        }
    };
    for (char32_t c : text) {
        std::int32_t& known = data.at(bmp(c)).glyph;
        if (known < 0)
            known = static_cast<std::int32_t>(
                data.font->GetFontMetrics()->GetGlyphId(static_cast<long>(bmp(c))) & 0xFFFF);
        auto glyph = static_cast<unsigned>(known);
        put((glyph >> 8) & 0xFF);
        put(glyph & 0xFF);
    }
    codes += ')';
}

void FontSet::finish() {
    std::vector<std::string> tags;
    for (std::size_t i = 0; i < 4; ++i) {
        FaceData& data = _faces[i];
        if (data.font == nullptr) continue;
        // UTF-16BE of every used character, as AddUsedSubsettingGlyphs wants.
        std::vector<PoDoFo::pdf_utf16be> units;
        std::string key = _files[i];
        for (std::size_t code = 1; code < 0x10000; ++code) {
            const std::unique_ptr<CharBlock>& block = data.blocks[code >> 8];
            if (!block) {
                code |= 0xFF;  // none of the block's characters measured, none used
                continue;
            }
            if ((*block)[code & 0xFF].glyph < 0) continue;
            auto unit = static_cast<std::uint16_t>(code);
            units.push_back(static_cast<PoDoFo::pdf_utf16be>((unit << 8) | (unit >> 8)));
            key += std::to_string(code) + ",";
        }
        std::size_t count = units.size();
        units.push_back(0);
        if (count > 0)
            data.font->AddUsedSubsettingGlyphs(PoDoFo::PdfString(units.data()),
                                               static_cast<long>(count));

        std::uint64_t hash = fnv(1469598103934665603ull, key);
        std::string tag = tagOf(hash);
        while (std::find(tags.begin(), tags.end(), tag) != tags.end()) tag = tagOf(++hash);
        tags.push_back(tag);

        PoDoFo::PdfObject* fontObject = data.font->GetObject();
        PoDoFo::PdfVecObjects* objects = fontObject->GetOwner();
        std::string baseName = fontObject->GetDictionary().GetKey("BaseFont")->GetName().GetName();
        if (std::size_t plus = baseName.find('+'); plus != std::string::npos)
            baseName = baseName.substr(plus + 1);
        std::string name = tag + "+" + baseName;
        setName(fontObject, "BaseFont", name);
        PoDoFo::PdfObject* descendants = fontObject->GetDictionary().GetKey("DescendantFonts");
        if (descendants != nullptr && descendants->IsArray() && !descendants->GetArray().empty()) {
            PoDoFo::PdfObject* cidFont = resolve(objects, &descendants->GetArray()[0]);
            setName(cidFont, "BaseFont", name);
            if (cidFont != nullptr && cidFont->IsDictionary())
                setName(resolve(objects, cidFont->GetDictionary().GetKey("FontDescriptor")),
                        "FontName", name);
        }
    }
}

}  // namespace nusqa::render
