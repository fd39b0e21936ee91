// Word's automatic numbering and paragraph styles.
//
// Counters are kept per abstract numbering definition, as Word does: two
// numbering instances of one definition continue each other's count unless
// an instance overrides a level's start (then the first paragraph it numbers
// restarts that level). Numbering a level resets the levels below it.
#include <libxml/xmlstring.h>

#include <cstdlib>
#include <string_view>

#include "import/detail/Utf8.h"
#include "import/docx/detail/WordXml.h"

namespace nusqa::import::docx {
namespace {

constexpr std::string_view kTransitional =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";

int intOr(const std::string& text, int fallback) {
    if (text.empty() || text.size() > 9) return fallback;
    char* end = nullptr;
    long value = std::strtol(text.c_str(), &end, 10);
    return end != nullptr && *end == '\0' ? static_cast<int>(value) : fallback;
}

std::string letters(int value, bool upper, std::u32string_view alphabet) {
    // a..z, aa..zz, ... as Word counts
    if (value < 1) return {};
    const std::size_t n = alphabet.size();
    std::size_t index = static_cast<std::size_t>(value - 1) % n;
    std::size_t repeat = static_cast<std::size_t>(value - 1) / n + 1;
    std::string out;
    for (std::size_t i = 0; i < repeat && i < 8; ++i)
        import::appendUtf8(out, upper ? import::toUpper(alphabet[index]) : alphabet[index]);
    return out;
}

std::string roman(int value, bool upper) {
    if (value < 1 || value > 3999) return std::to_string(value);
    static const std::pair<int, const char*> kParts[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
        {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    std::string out;
    for (auto [amount, text] : kParts)
        while (value >= amount) {
            out += text;
            value -= amount;
        }
    return upper ? import::upper(out) : out;
}

std::string formatNumber(int value, const std::string& format) {
    if (format == "decimalZero") return (value < 10 ? "0" : "") + std::to_string(value);
    if (format == "lowerLetter") return letters(value, false, U"abcdefghijklmnopqrstuvwxyz");
    if (format == "upperLetter") return letters(value, true, U"abcdefghijklmnopqrstuvwxyz");
    if (format == "lowerRoman") return roman(value, false);
    if (format == "upperRoman") return roman(value, true);
    if (format == "russianLower") return letters(value, false, U"абвгдежзиклмнопрстуфхцчшщэюя");
    if (format == "russianUpper") return letters(value, true, U"абвгдежзиклмнопрстуфхцчшщэюя");
    if (format == "none") return {};
    return std::to_string(value);  // decimal and the formats not spelled out here
}

// A bullet as the text reader knows bullets. Word writes the symbol of a
// Symbol or Wingdings font either as a private-use code point (U+F0B7) or as
// the plain character that font draws as a symbol: its default second level
// is «o» in Courier New (a small circle), Wingdings «§» is a square, «Ø» an
// arrow head. Anything else that is not a known bullet becomes «•».
std::string bulletText(const std::string& text, const std::string& font) {
    std::string out;
    bool privateUse = false;  // the symbol font's own code, U+F0xx
    for (std::size_t at = 0; at < text.size();) {
        char32_t c = import::decodeAt(text, at);
        if (c >= 0xF000 && c <= 0xF0FF) {
            c -= 0xF000;
            privateUse = true;
        } else if (c >= 0xE000 && c <= 0xF8FF) {
            c = U'•';
        }
        import::appendUtf8(out, c);
    }
    std::string_view symbol = import::trim(out);
    // (OpenSymbol, LibreOffice's, is Unicode: its «·» is a «·».)
    const bool symbolFont =
        privateUse || font == "Symbol" || font.starts_with("Wingdings") || font == "Webdings";
    static const std::pair<std::string_view, std::string_view> kSymbols[] = {
        {"o", "◦"}, {"O", "○"},        {"\xC2\xA7", "▪"}, {"\xC3\x98", "➢"}, {"q", "□"}, {"n", "■"},
        {"l", "●"}, {"\xC2\xB7", "•"}, {"\xC3\xBC", "▪"}, {"v", "•"},        {"w", "•"}};
    for (auto [drawn, bullet] : kSymbols)
        if (symbol == drawn && (symbolFont || drawn == "o" || drawn == "O" || drawn == "\xC2\xA7"))
            return std::string(bullet);
    static const std::string_view kKnown[] = {"-", "·", "•", "−", "–", "—", "*",
                                              "▪", "●", "○", "◦", "■", "□", "➢"};
    for (std::string_view known : kKnown)
        if (symbol == known) return std::string(symbol);
    return "•";
}

}  // namespace

bool isWord(const xmlNode* node, const char* localName) {
    if (node == nullptr || node->type != XML_ELEMENT_NODE || node->ns == nullptr ||
        node->ns->href == nullptr)
        return false;
    std::string_view ns(reinterpret_cast<const char*>(node->ns->href));
    return (ns == kTransitional || ns == kStrict) &&
           xmlStrEqual(node->name, reinterpret_cast<const xmlChar*>(localName));
}

const xmlNode* wordChild(const xmlNode* node, const char* localName) {
    if (node == nullptr) return nullptr;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next)
        if (isWord(child, localName)) return child;
    return nullptr;
}

std::string wordAttribute(const xmlNode* node, const char* localName) {
    if (node == nullptr) return {};
    for (const xmlAttr* attribute = node->properties; attribute != nullptr;
         attribute = attribute->next) {
        if (!xmlStrEqual(attribute->name, reinterpret_cast<const xmlChar*>(localName))) continue;
        if (attribute->children == nullptr || attribute->children->content == nullptr) return {};
        return reinterpret_cast<const char*>(attribute->children->content);
    }
    return {};
}

std::string childValue(const xmlNode* node, const char* localName, bool* present) {
    const xmlNode* child = wordChild(node, localName);
    if (present != nullptr) *present = child != nullptr;
    return wordAttribute(child, "val");
}

Numbering::Level Numbering::readLevel(const xmlNode* lvl) {
    Level level;
    level.start = intOr(childValue(lvl, "start"), 1);
    bool present = false;
    std::string format = childValue(lvl, "numFmt", &present);
    if (present && !format.empty()) level.format = format;
    level.text = childValue(lvl, "lvlText");
    level.font = wordAttribute(wordChild(wordChild(lvl, "rPr"), "rFonts"), "ascii");
    bool legal = false;
    std::string legalValue = childValue(lvl, "isLgl", &legal);
    level.legal = legal && legalValue != "0" && legalValue != "false";
    return level;
}

void Numbering::load(const xmlNode* root) {
    for (const xmlNode* node = root ? root->children : nullptr; node != nullptr;
         node = node->next) {
        if (isWord(node, "abstractNum")) {
            int id = intOr(wordAttribute(node, "abstractNumId"), -1);
            if (id < 0 || _abstracts.size() > 10000) continue;
            Abstract abstract;
            for (const xmlNode* lvl = node->children; lvl != nullptr; lvl = lvl->next) {
                if (!isWord(lvl, "lvl")) continue;
                int index = intOr(wordAttribute(lvl, "ilvl"), -1);
                if (index >= 0 && index < 9)
                    abstract.levels[static_cast<std::size_t>(index)] = readLevel(lvl);
            }
            _abstracts[id] = abstract;
        } else if (isWord(node, "num")) {
            int id = intOr(wordAttribute(node, "numId"), -1);
            if (id < 0 || _instances.size() > 10000) continue;
            Instance instance;
            instance.abstractId = intOr(childValue(node, "abstractNumId"), -1);
            for (const xmlNode* override = node->children; override != nullptr;
                 override = override->next) {
                if (!isWord(override, "lvlOverride")) continue;
                int index = intOr(wordAttribute(override, "ilvl"), -1);
                if (index < 0 || index >= 9) continue;
                bool present = false;
                std::string start = childValue(override, "startOverride", &present);
                if (present) instance.startOverrides[index] = intOr(start, 1);
                if (const xmlNode* lvl = wordChild(override, "lvl"))
                    instance.levelOverrides[index] = readLevel(lvl);
            }
            _instances[id] = instance;
        }
    }
}

const Numbering::Level& Numbering::levelOf(const Instance& instance, int level) const {
    auto overridden = instance.levelOverrides.find(level);
    if (overridden != instance.levelOverrides.end()) return overridden->second;
    return _abstracts.at(instance.abstractId).levels[static_cast<std::size_t>(level)];
}

std::string Numbering::next(int numId, int level, bool& bullet) {
    bullet = false;
    auto found = _instances.find(numId);
    if (found == _instances.end() || level < 0 || level > 8) return {};
    Instance& instance = found->second;
    if (_abstracts.count(instance.abstractId) == 0) return {};
    Counters& counters = _counters[instance.abstractId];
    if (!instance.used) {
        instance.used = true;
        for (auto [index, start] : instance.startOverrides) {
            counters.value[static_cast<std::size_t>(index)] = start - 1;
            counters.started[static_cast<std::size_t>(index)] = true;
        }
    }
    const Level& current = levelOf(instance, level);
    if (current.format == "bullet") {
        bullet = true;
        return bulletText(current.text, current.font);
    }
    const std::size_t at = static_cast<std::size_t>(level);
    counters.value[at] = counters.started[at] ? counters.value[at] + 1 : current.start;
    counters.started[at] = true;
    for (std::size_t deeper = at + 1; deeper < 9; ++deeper) counters.started[deeper] = false;
    // "%1.%2." with each %N the counter of level N-1 in that level's format.
    std::string label;
    const std::string& text = current.text;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
            int index = text[i + 1] - '1';
            const Level& shown = levelOf(instance, index);
            const std::size_t shownAt = static_cast<std::size_t>(index);
            int value = counters.started[shownAt] ? counters.value[shownAt] : shown.start;
            label += formatNumber(value, current.legal ? "decimal" : shown.format);
            ++i;
        } else {
            label += text[i];
        }
    }
    return std::string(import::trim(label));
}

void Styles::load(const xmlNode* root) {
    for (const xmlNode* node = root ? root->children : nullptr; node != nullptr;
         node = node->next) {
        if (!isWord(node, "style") || _styles.size() > 20000) continue;
        std::string id = wordAttribute(node, "styleId");
        if (id.empty()) continue;
        Style style;
        style.basedOn = childValue(node, "basedOn");
        const xmlNode* properties = wordChild(node, "pPr");
        bool present = false;
        std::string outline = childValue(properties, "outlineLvl", &present);
        if (present) style.outline = intOr(outline, -1);
        // Built-in heading styles may carry only their name.
        std::string name = import::lower(childValue(node, "name"));
        if (style.outline < 0 && name.starts_with("heading ") && name.size() == 9 &&
            name[8] >= '1' && name[8] <= '9')
            style.outline = name[8] - '1';
        if (const xmlNode* numbering = wordChild(properties, "numPr")) {
            style.numId = intOr(childValue(numbering, "numId"), -1);
            style.level = intOr(childValue(numbering, "ilvl"), 0);
        }
        _styles[id] = style;
    }
}

int Styles::headingLevel(const std::string& styleId) const {
    std::string id = styleId;
    for (int hops = 0; hops < 16 && !id.empty(); ++hops) {
        auto found = _styles.find(id);
        if (found == _styles.end()) return 0;
        if (found->second.outline >= 0)
            return found->second.outline < 9 ? found->second.outline + 1 : 0;
        id = found->second.basedOn;
    }
    return 0;
}

bool Styles::numbering(const std::string& styleId, int& numId, int& level) const {
    std::string id = styleId;
    for (int hops = 0; hops < 16 && !id.empty(); ++hops) {
        auto found = _styles.find(id);
        if (found == _styles.end()) return false;
        if (found->second.numId >= 0) {
            numId = found->second.numId;
            level = found->second.level;
            return true;
        }
        id = found->second.basedOn;
    }
    return false;
}

}  // namespace nusqa::import::docx
