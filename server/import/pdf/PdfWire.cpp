#include "import/pdf/detail/PdfWire.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>

namespace nusqa::import::pdf::wire {
namespace {

constexpr std::string_view kMagic = "NQP1";

void put32(std::string& out, std::uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((value >> shift) & 0xFF);
}

void putDouble(std::string& out, double value) {
    char bytes[sizeof(double)];
    std::memcpy(bytes, &value, sizeof bytes);
    out.append(bytes, sizeof bytes);
}

void putString(std::string& out, std::string_view text) {
    put32(out, static_cast<std::uint32_t>(text.size()));
    out.append(text);
}

class Reader {
public:
    explicit Reader(std::string_view bytes) : _bytes(bytes) {}

    std::optional<std::uint32_t> u32() {
        if (_bytes.size() < 4) return std::nullopt;
        std::uint32_t value = 0;
        for (int i = 3; i >= 0; --i)
            value = (value << 8) | static_cast<unsigned char>(_bytes[static_cast<std::size_t>(i)]);
        _bytes.remove_prefix(4);
        return value;
    }
    std::optional<double> number() {
        if (_bytes.size() < sizeof(double)) return std::nullopt;
        double value = 0;
        std::memcpy(&value, _bytes.data(), sizeof value);
        _bytes.remove_prefix(sizeof value);
        if (!std::isfinite(value)) return std::nullopt;
        return value;
    }
    std::optional<char> byte() {
        if (_bytes.empty()) return std::nullopt;
        char value = _bytes.front();
        _bytes.remove_prefix(1);
        return value;
    }
    std::optional<std::string> text(std::size_t maxBytes) {
        auto size = u32();
        if (!size || *size > maxBytes || *size > _bytes.size()) return std::nullopt;
        std::string value(_bytes.substr(0, *size));
        _bytes.remove_prefix(*size);
        return value;
    }
    bool done() const { return _bytes.empty(); }

private:
    std::string_view _bytes;
};

std::unexpected<Error> broken() {
    return fail(ErrorCode::Internal, "import: the PDF reader process gave a broken answer");
}

}  // namespace

std::string encodeOutcome(const Result<PdfText>& outcome) {
    std::string out(kMagic);
    if (!outcome) {
        out += 'E';
        put32(out, static_cast<std::uint32_t>(outcome.error().code));
        putString(out, outcome.error().message);
        return out;
    }
    const PdfText& text = *outcome;
    out += 'T';
    put32(out, static_cast<std::uint32_t>(text.pagesInFile));
    out += text.truncated ? '\1' : '\0';
    putString(out, text.truncation);
    put32(out, static_cast<std::uint32_t>(text.pages.size()));
    for (const PdfPage& page : text.pages) {
        putDouble(out, page.width);
        putDouble(out, page.height);
        put32(out, static_cast<std::uint32_t>(page.boxes.size()));
        for (const TextBox& box : page.boxes) {
            for (double value : {box.left, box.top, box.right, box.bottom, box.fontSize})
                putDouble(out, std::isfinite(value) ? value : 0.0);
            out += static_cast<char>((box.bold ? 1 : 0) | (box.italic ? 2 : 0) |
                                     (box.spaceAfter ? 4 : 0) | (box.rotated ? 8 : 0));
            putString(out, box.text);
        }
    }
    return out;
}

Result<PdfText> decodeOutcome(std::string_view bytes, const PdfLimits& limits) {
    if (!bytes.starts_with(kMagic)) return broken();
    Reader in(bytes.substr(kMagic.size()));
    auto kind = in.byte();
    if (!kind) return broken();
    if (*kind == 'E') {
        auto code = in.u32();
        auto message = in.text(1u << 16);
        if (!code || !message || !in.done() ||
            *code > static_cast<std::uint32_t>(ErrorCode::Internal))
            return broken();
        return fail(static_cast<ErrorCode>(*code), *message);
    }
    if (*kind != 'T') return broken();
    PdfText text;
    auto pagesInFile = in.u32();
    auto truncated = in.byte();
    auto truncation = in.text(1024);
    auto pages = in.u32();
    if (!pagesInFile || !truncated || !truncation || !pages || *pagesInFile > (1u << 30) ||
        *pages > static_cast<std::uint32_t>(std::max(0, limits.maxPages)))
        return broken();
    text.pagesInFile = static_cast<int>(*pagesInFile);
    text.truncated = *truncated != 0;
    text.truncation = *truncation;
    std::size_t boxes = 0, textBytes = 0;
    for (std::uint32_t p = 0; p < *pages; ++p) {
        PdfPage page;
        auto width = in.number(), height = in.number();
        auto count = in.u32();
        if (!width || !height || !count || *count > limits.maxBoxesPerPage) return broken();
        page.width = *width;
        page.height = *height;
        boxes += *count;
        if (boxes > limits.maxBoxes) return broken();
        for (std::uint32_t b = 0; b < *count; ++b) {
            TextBox box;
            auto left = in.number(), top = in.number(), right = in.number(), bottom = in.number(),
                 size = in.number();
            auto flags = in.byte();
            auto word = in.text(limits.maxTextBytes);
            if (!left || !top || !right || !bottom || !size || !flags || !word) return broken();
            textBytes += word->size();
            if (textBytes > limits.maxTextBytes + (1u << 16)) return broken();
            box.left = *left;
            box.top = *top;
            box.right = *right;
            box.bottom = *bottom;
            box.fontSize = *size;
            box.bold = (*flags & 1) != 0;
            box.italic = (*flags & 2) != 0;
            box.spaceAfter = (*flags & 4) != 0;
            box.rotated = (*flags & 8) != 0;
            box.text = std::move(*word);
            page.boxes.push_back(std::move(box));
        }
        text.pages.push_back(std::move(page));
    }
    if (!in.done()) return broken();
    return text;
}

}  // namespace nusqa::import::pdf::wire
