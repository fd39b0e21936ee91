// The seal block of an issued PDF and the place of the footer QR code.
//
// The wording is fixed, not the profile's: the seal is the system's
// statement about the file (who sealed it, when, which bytes), the same for
// every organisation, and a verifier reads the same words on every PDF.
#include <algorithm>

#include "render/detail/Builder.h"

namespace nusqa::render {
namespace {

constexpr float kPointsPerMillimetre = 72.0f / 25.4f;
constexpr float kSealSymbol = 25 * kPointsPerMillimetre;    // the code's modules, quiet zone aside
constexpr float kFooterSymbol = 16 * kPointsPerMillimetre;  // small enough for the margin
constexpr float kFooterEdge = 5 * kPointsPerMillimetre;     // printers leave the edge blank
constexpr float kPadding = 4;                               // between the border and the code
constexpr float kTextGap = 8;  // between the code and the text, the text and the border
constexpr float kBorder = 0.75f;
constexpr float kTitleSize = 11;
constexpr float kLineSize = 9;

struct SealWording {
    const char* title;
    const char* sealedBy;
    const char* sealedAt;
    const char* sha256;
    const char* verify;
};

const SealWording& wordingOf(Language language) {
    static const SealWording kazakh{"Электрондық мөрмен куәландырылды", "Мөр иесі: ",
                                    "Уақыты (UTC): ", "Басылым SHA-256: ", "Тексеру: "};
    static const SealWording russian{"Заверено электронной печатью", "Владелец печати: ",
                                     "Время (UTC): ", "SHA-256 редакции: ", "Проверка: "};
    return language == Language::Russian ? russian : kazakh;
}

// "Тексеру: <url>" on one line when it fits; else broken after the URL's
// last '/', so the edition's hash reads whole on the next line.
std::vector<Span> verifySpans(FontSet& fonts, const std::string& label, const std::string& url,
                              const Style& style, float width) {
    std::string line = label + url;
    std::size_t slash = url.rfind('/');
    if (fonts.width(style, decodeUtf8(line)) <= width || slash == std::string::npos ||
        slash + 1 == url.size())
        return spansOf(line, style);
    return spansOf(label + url.substr(0, slash + 1) + "\n" + url.substr(slash + 1), style);
}

// The text column: stacked lines from y = 0.
Slab sealText(Context& context, const SealMark& seal, float width) {
    const SealWording& words = wordingOf(context.content.meta.language);
    const Style title{Face::Bold, kTitleSize, 0, false};
    const Style line{Face::Regular, kLineSize, 0, false};
    std::vector<std::vector<Span>> paragraphs{
        spansOf(words.title, title),
        spansOf(words.sealedBy + seal.sealedBy, line),
        spansOf(words.sealedAt + seal.sealedAt, line),
        spansOf(words.sha256 + seal.editionSha256, line),
        verifySpans(context.fonts, words.verify, seal.verifyUrl, line, width),
    };
    ParagraphFormat format{width, 0, 0, profile::Align::Left, 1.2f};
    Slab text;
    for (const std::vector<Span>& spans : paragraphs) {
        for (const Slab& slab : breakLines(context.fonts, spans, format)) {
            text.append(slab, 0, text.height);
            text.height += slab.height;
        }
        text.height += 2;  // a little air between the statements
    }
    return text;
}

void border(Slab& box, float width, float height) {
    float half = kBorder / 2;  // the stroke stays inside the reported box
    box.rules.push_back(Rule{0, half, width, half, kBorder});
    box.rules.push_back(Rule{0, height - half, width, height - half, kBorder});
    box.rules.push_back(Rule{half, 0, half, height, kBorder});
    box.rules.push_back(Rule{width - half, 0, width - half, height, kBorder});
}

}  // namespace

FlowItem layoutSeal(Context& context, const SealMark& seal, const QrCode& code) {
    float module = qrModule(code, kSealSymbol);
    float extent = qrExtent(code, module);
    float textLeft = kPadding + extent + kTextGap;
    Slab text = sealText(context, seal, context.width - textLeft - kTextGap);
    Slab box;
    box.height = std::max(extent + 2 * kPadding, text.height + 2 * kTextGap);
    box.fills = qrFills(code, kPadding, (box.height - extent) / 2, module);
    box.append(text, textLeft, (box.height - text.height) / 2);
    border(box, context.width, box.height);

    FlowItem item;
    item.spaceBefore = 12;
    item.lines.push_back(std::move(box));
    item.keepTogether = true;
    item.mark = FlowItem::Mark::Seal;
    return item;
}

FooterQr placeFooterQr(const profile::PageGeometry& geometry, const QrCode& code) {
    FooterQr place;
    place.code = &code;
    place.module = qrModule(code, kFooterSymbol);
    place.extent = qrExtent(code, place.module);
    float quiet = (place.extent - static_cast<float>(code.width) * place.module) / 2;
    // The modules end where the text column ends; the quiet zone may reach
    // into the right margin, which is white anyway.
    place.left = static_cast<float>(geometry.width - geometry.marginRight) - place.extent + quiet;
    float bottomMargin = static_cast<float>(geometry.marginBottom);
    float fromBottom = std::max(bottomMargin, place.extent - quiet + kFooterEdge);
    place.top = static_cast<float>(geometry.height) - fromBottom;
    return place;
}

}  // namespace nusqa::render
