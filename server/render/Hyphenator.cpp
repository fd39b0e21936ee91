// The hyphenation points of a word: the word is cut into its parts (at
// hyphens), each part's letters are checked (no digits, no abbreviations, no
// Latin) and handed in lower case to libhyphen with at least two letters on
// either side; points whose left or right part has no vowel are dropped.
#include "render/detail/Hyphenator.h"

#include <hyphen.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace nusqa::render {

// The pattern files, built in (render/CMakeLists.txt).
std::string_view kazakhHyphenPatterns();
std::string_view russianHyphenPatterns();

namespace {

constexpr std::size_t kMaxWord = 64;
constexpr int kMinFragment = 2;  // letters left and right of a break

bool isCyrillic(char32_t c) {
    return c >= 0x400 && c <= 0x4FF;
}

bool isLatin(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0x24F);
}

bool isUpper(char32_t c) {
    return toLower(c) != c;
}

bool isHyphen(char32_t c) {
    return c == U'-' || c == 0x2010 || c == 0x2011;
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// KOI8-R of the Russian lower-case letters (0 for anything else).
char koi8r(char32_t c) {
    // а..я in KOI8-R order: 0xC0 + index of the letter in this string.
    static const std::u32string_view order = U"юабцдефгхийклмнопярстужвьызшэщчъ";
    if (c == U'ё') return static_cast<char>(0xA3);
    std::size_t at = order.find(c);
    return at == std::u32string_view::npos ? 0 : static_cast<char>(0xC0 + at);
}

}  // namespace

struct Hyphenator::Dictionary {
    HyphenDict* dict = nullptr;
    bool utf8 = false;
    std::mutex mutex;

    explicit Dictionary(std::string_view patterns) {
        // libhyphen reads a FILE*; the patterns are in memory.
        std::string copy(patterns);
        std::unique_ptr<FILE, int (*)(FILE*)> file(fmemopen(copy.data(), copy.size(), "r"),
                                                   &fclose);
        if (file) dict = hnj_hyphen_load_file(file.get());
        if (dict == nullptr) throw std::runtime_error("render: hyphenation patterns do not load");
        utf8 = dict->utf8 != 0;
    }
    ~Dictionary() { hnj_hyphen_free(dict); }
    Dictionary(const Dictionary&) = delete;
    Dictionary& operator=(const Dictionary&) = delete;

    // Odd values of libhyphen's array mark a break after that letter.
    std::vector<char> hyphenate(std::u32string_view letters) {
        std::string bytes;
        for (char32_t c : letters) {
            if (utf8) {
                appendUtf8(bytes, c);
            } else {
                char k = koi8r(c);
                if (k == 0) return {};  // not a Russian letter: no patterns for it
                bytes += k;
            }
        }
        std::vector<char> hyphens(bytes.size() + 5, 0);
        char** rep = nullptr;
        int* pos = nullptr;
        int* cut = nullptr;
        int failed;
        {
            std::lock_guard<std::mutex> lock(mutex);
            failed = hnj_hyphen_hyphenate3(dict, bytes.data(), static_cast<int>(bytes.size()),
                                           hyphens.data(), nullptr, &rep, &pos, &cut, kMinFragment,
                                           kMinFragment, kMinFragment, kMinFragment);
        }
        // Non-standard hyphenation (replacements) is not in these patterns;
        // free what libhyphen may have allocated all the same.
        if (rep != nullptr) {
            for (std::size_t i = 0; i < bytes.size(); ++i) std::free(rep[i]);
            std::free(rep);
        }
        std::free(pos);
        std::free(cut);
        if (failed != 0) return {};
        hyphens.resize(letters.size());  // per letter (libhyphen normalises UTF-8 to letters)
        return hyphens;
    }
};

char32_t toLower(char32_t c) {
    if (c >= U'A' && c <= U'Z') return c + 0x20;
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;
    if (c >= 0x400 && c <= 0x40F) return c + 0x50;
    if (c >= 0x460 && c <= 0x4BF) return (c & 1) ? c : c + 1;
    if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c + 1 : c;
    if (c >= 0x4D0 && c <= 0x4FF) return (c & 1) ? c : c + 1;
    return c;
}

bool isVowel(char32_t c) {
    static const std::u32string_view vowels = U"аәеёиоөуұүыіэюяaeiouy";
    return vowels.find(c) != std::u32string_view::npos;
}

const Hyphenator& Hyphenator::forLanguage(Language language) {
    // Loaded on first use (a few milliseconds each), never freed: renders
    // on other threads may still hold them at exit.
    if (language == Language::Russian) {
        static const Hyphenator russian(*new Dictionary(russianHyphenPatterns()));
        return russian;
    }
    static const Hyphenator kazakh(*new Dictionary(kazakhHyphenPatterns()));
    return kazakh;
}

std::vector<std::size_t> Hyphenator::points(std::u32string_view word) const {
    std::vector<std::size_t> result;
    if (word.size() < 2 * kMinFragment || word.size() > kMaxWord) return result;
    for (char32_t c : word)
        if (c >= U'0' && c <= U'9') return result;  // numbers, codes, dates
    std::size_t start = 0;
    while (start < word.size()) {
        std::size_t end = start;
        while (end < word.size() && !isHyphen(word[end])) ++end;
        // The part's letters without the punctuation around them.
        std::size_t first = start;
        std::size_t last = end;
        auto letter = [](char32_t c) { return isCyrillic(c) || isLatin(c); };
        while (first < last && !letter(word[first])) ++first;
        while (last > first && !letter(word[last - 1])) --last;
        bool usable = last - first >= 2 * static_cast<std::size_t>(kMinFragment);
        int capitals = 0;
        std::u32string lower;
        for (std::size_t i = first; i < last && usable; ++i) {
            char32_t c = word[i];
            usable = isCyrillic(c);  // Latin, mixed scripts, dots, apostrophes: none
            if (isUpper(c)) usable = usable && i == first && ++capitals == 1;
            lower += toLower(c);
        }
        if (usable) {
            std::vector<char> hyphens = _dictionary.hyphenate(lower);
            for (std::size_t i = 0; i + 1 < hyphens.size(); ++i) {
                if ((hyphens[i] & 1) == 0) continue;
                std::size_t at = i + 1;  // letters before the break
                if (at < kMinFragment || lower.size() - at < kMinFragment) continue;
                bool vowelLeft = false;
                bool vowelRight = false;
                for (std::size_t k = 0; k < at; ++k) vowelLeft = vowelLeft || isVowel(lower[k]);
                for (std::size_t k = at; k < lower.size(); ++k)
                    vowelRight = vowelRight || isVowel(lower[k]);
                if (vowelLeft && vowelRight) result.push_back(first + at);
            }
        }
        start = end + 1;
    }
    return result;
}

}  // namespace nusqa::render
