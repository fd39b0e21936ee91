// libFuzzer target: the PDF layout (import/pdf/PdfLayout.h) — lines,
// segments, running headers, tables and paragraphs rebuilt from positioned
// words — fed with synthetic words, not poppler (poppler runs in the bounded
// worker; this is our code on its answer). The input is read as records of
// 8 bytes: position, size and flags of a word, and its text taken from a
// vocabulary of the pieces real documents hold (Kazakh and Russian words,
// clause numbers, list labels, dashes, hyphenated halves, page numbering,
// codes, dates). A record whose first byte is 0xFF starts a new page. The
// result goes through the recogniser and must be an error with a message or
// schema-valid XML (fuzz/FuzzCommon.h).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/FuzzCommon.h"
#include "import/pdf/PdfLayout.h"

namespace {

constexpr std::array<std::string_view, 48> kPieces{
    "1",          "1.",        "1.1",   "2.3.4",   "1)",         "а)",       "-",
    "–",          "•",         "Глава", "тарау.",  "Параграф",   "ЖАЛПЫ",    "ЕРЕЖЕЛЕР",
    "Общие",      "положения", "Осы",   "ереже",   "бөлімнің",   "қызметін", "анықтайды.",
    "ресурс-",    "тарды",     "іс-",   "шаралар", "және",       "и",        "в",
    "қамтамасыз", "етеді,",    "12",    "беттің",  "4-і",        "Лист",     "из",
    "ҚП",         "607-2023",  "СМК",   "ДИ",      "07.14-2023", "Басылым",  "03",
    "12.03.2024", "«15»",      "июня",  "2023",    "УТВЕРЖДАЮ",  "БЕКІТЕМІН"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace nusqa::import::pdf;
    PdfText text;
    text.pages.push_back(PdfPage{595, 842, {}});
    for (std::size_t at = 0; at + 8 <= size && at < 8 * 20000; at += 8) {
        const std::uint8_t* r = data + at;
        if (r[0] == 0xFF) {
            if (text.pages.size() < 50) text.pages.push_back(PdfPage{595, 842, {}});
            continue;
        }
        TextBox box;
        box.left = r[0] * 2.4;                         // 0 .. 610
        box.top = (r[1] | (r[2] & 0x03) << 8) * 0.85;  // 0 .. 870
        box.fontSize = 6 + (r[2] >> 2) % 16;           // 6 .. 21
        box.bottom = box.top + box.fontSize;
        std::string_view piece = kPieces[r[3] % kPieces.size()];
        box.text = std::string(piece);
        if (r[4] & 0x01) box.text += r[5] % 2 ? "," : ".";
        const double width = 0.5 * box.fontSize * static_cast<double>(piece.size()) / 1.6;
        box.right = box.left + width * (0.5 + (r[6] % 8) / 8.0);
        box.bold = r[4] & 0x02;
        box.italic = r[4] & 0x04;
        box.spaceAfter = r[4] & 0x08;
        box.rotated = (r[4] & 0xF0) == 0xF0;
        if ((r[7] & 0x0F) == 0x0F) box.text.clear();  // an empty box
        text.pages.back().boxes.push_back(std::move(box));
    }
    text.pagesInFile = static_cast<int>(text.pages.size());
    auto source = layoutSource(text, "fuzz.pdf", size);
    if (!source) {
        if (source.error().message.empty()) std::abort();
        return 0;
    }
    nusqa::fuzz::check(*source);
    return 0;
}
