#include "import/detail/Patterns.h"

#include <array>
#include <utility>

#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

char32_t at(std::string_view text, std::size_t offset) {
    if (offset >= text.size()) return 0;
    return decodeAt(text, offset);
}

std::size_t next(std::string_view text, std::size_t offset) {
    decodeAt(text, offset);
    return offset;
}

std::size_t previousStart(std::string_view text, std::size_t offset) {
    if (offset == 0) return 0;
    std::size_t begin = offset - 1;
    while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
    return begin;
}

std::size_t digitsAt(std::string_view text, std::size_t offset) {
    std::size_t i = offset;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - offset;
}

std::size_t uppersAt(std::string_view text, std::size_t offset, std::size_t& count) {
    count = 0;
    while (offset < text.size() && isUpper(at(text, offset))) {
        offset = next(text, offset);
        ++count;
    }
    return offset;
}

// A space or a no-break space at i: its length in bytes, else 0.
std::size_t spaceAt(std::string_view text, std::size_t i) {
    if (i < text.size() && text[i] == ' ') return 1;
    if (text.substr(i, 2) == "\xC2\xA0") return 2;
    return 0;
}

// Latin capitals that look like Cyrillic ones, as registers mix them
// («ЖН-КRU-03» with a Latin K, «CMK» typed on an English keyboard): the
// Cyrillic letter, or c itself.
char32_t cyrillicLookalike(char32_t c) {
    switch (c) {
        case 'A':
            return U'А';
        case 'B':
            return U'В';
        case 'C':
            return U'С';
        case 'E':
            return U'Е';
        case 'H':
            return U'Н';
        case 'K':
            return U'К';
        case 'M':
            return U'М';
        case 'O':
            return U'О';
        case 'P':
            return U'Р';
        case 'T':
            return U'Т';
        case 'X':
            return U'Х';
        default:
            return c;
    }
}

// The end of the code type `type` written at i, Latin look-alikes allowed
// (they stay as written), or 0.
std::size_t typeAt(std::string_view text, std::size_t i, std::string_view type) {
    std::size_t t = 0;
    while (t < type.size()) {
        if (i >= text.size()) return 0;
        char32_t expected = decodeAt(type, t);
        if (cyrillicLookalike(decodeAt(text, i)) != expected) return 0;
    }
    return i;
}

// Digits separated by dots after i ("05.11", "02", "12.3.4"): the end, or
// i when there are none; dots counts the dots.
std::size_t dottedAt(std::string_view text, std::size_t i, std::size_t& dots) {
    dots = 0;
    std::size_t first = digitsAt(text, i);
    if (first == 0 || first > 4) return i;
    std::size_t end = i + first;
    while (end + 1 < text.size() && text[end] == '.') {
        std::size_t digits = digitsAt(text, end + 1);
        if (digits == 0 || digits > 4) break;
        end += 1 + digits;
        ++dots;
    }
    return end;
}

// The code's number part after its type: returns the end offset (0 when
// there is none) and the part with a plain space in `normalised`.
// strictType: a one-letter type («Е», «П»), which ordinary text holds
// often: only the forms with a year are taken.
std::size_t codeNumberAt(std::string_view text, std::size_t i, std::string& normalised,
                         bool strictType) {
    if (i >= text.size()) return 0;
    const std::size_t space = spaceAt(text, i);
    // "07.БЕ.51" after a space or '.'
    const std::size_t gap = space > 0 ? space : (text[i] == '.' ? 1 : 0);
    if (gap > 0 && digitsAt(text, i + gap) == 2 && i + gap + 2 < text.size() &&
        text[i + gap + 2] == '.') {
        std::size_t count = 0;
        std::size_t end = uppersAt(text, i + gap + 3, count);
        if (count >= 1 && count <= 4 && end < text.size() && text[end] == '.' &&
            digitsAt(text, end + 1) == 2) {
            normalised =
                (space > 0 ? " " : ".") + std::string(text.substr(i + gap, end + 3 - i - gap));
            return end + 3;
        }
    }
    if (space > 0) {
        // A sub-type after the type: "СМК ПЛ 05.11-2023", "СМК ДИ 07.14-2023".
        std::size_t from = i + space, prefixEnd = from;
        std::size_t letters = 0;
        std::size_t upperEnd = uppersAt(text, from, letters);
        // ... but not a standards body: «СТО ИСО 9001-2016» is ISO's.
        const std::string_view subtype = text.substr(from, upperEnd - from);
        const bool standard = subtype == "ИСО" || subtype == "ISO" || subtype == "ГОСТ" ||
                              subtype == "МЕМСТ" || subtype == "IEC";
        if (letters >= 2 && letters <= 4 && !standard && spaceAt(text, upperEnd) > 0) {
            prefixEnd = upperEnd + spaceAt(text, upperEnd);
        }
        // " 082-2022", " 05.11-2023", " 02-2022", " 05.11" (dotted, no year)
        std::size_t dots = 0;
        std::size_t end = dottedAt(text, prefixEnd, dots);
        if (end > prefixEnd) {
            std::size_t digits =
                end < text.size() && text[end] == '-' ? digitsAt(text, end + 1) : 0;
            bool year = digits == 4 && digitsAt(text, prefixEnd) >= 2;
            bool dotted = dots >= 1 && digitsAt(text, prefixEnd) == 2;
            if (year || (dotted && !strictType && prefixEnd > from)) {
                std::size_t stop = year ? end + 5 : end;
                normalised = " " + std::string(text.substr(from, stop - from));
                return stop;
            }
        }
    }
    // "-АLТ-01"
    if (text[i] == '-') {
        std::size_t j = i + 1, letters = 0;
        while (j < text.size() && (isUpper(at(text, j)))) {
            j = next(text, j);
            ++letters;
        }
        if (letters >= 2 && letters <= 5 && j < text.size() && text[j] == '-' &&
            digitsAt(text, j + 1) == 2) {
            normalised = std::string(text.substr(i, j + 3 - i));
            return j + 3;
        }
    }
    return 0;
}

// Longer types before their prefixes («СТО» before «СТ»). «СТ» a standard of
// the organisation, «ПЛ» a regulation (положение) in Russian registers.
constexpr std::array<std::string_view, 18> kCodeTypes{"СМЖ", "СМК", "ҚП", "ДП", "ҰС", "СТО",
                                                      "СТ",  "СО",  "ЛН", "ДИ", "ЖН", "РИ",
                                                      "ЕР",  "ПЛ",  "Е",  "П",  "ЖЕ", "ИП"};

}  // namespace

std::optional<CodeMatch> findCode(std::string_view text, std::size_t from) {
    for (std::size_t i = from; i < text.size(); i = next(text, i)) {
        if (i > 0 && isWordChar(at(text, previousStart(text, i)))) continue;
        for (std::string_view type : kCodeTypes) {
            std::size_t typeEnd = typeAt(text, i, type);
            if (typeEnd == 0 || (typeEnd < text.size() && isWordChar(at(text, typeEnd)))) continue;
            std::string number;
            const bool strictType = type.size() == 2;  // one Cyrillic letter
            std::size_t end = codeNumberAt(text, typeEnd, number, strictType);
            if (end == 0 || (end < text.size() && isWordChar(at(text, end)))) continue;
            std::size_t start = i;
            std::string code = std::string(text.substr(i, typeEnd - i)) + number;
            // The organisation's short name in front: "ҚазҰТЗУ ҚП 607-2023".
            std::size_t before = i >= 2 && text[i - 1] == ' '
                                     ? 1
                                     : (i >= 3 && text.substr(i - 2, 2) == "\xC2\xA0" ? 2 : 0);
            if (before > 0) {
                std::size_t wordEnd = i - before, wordStart = wordEnd;
                std::size_t uppers = 0, letters = 0;
                while (wordStart > 0) {
                    std::size_t before = previousStart(text, wordStart);
                    char32_t c = at(text, before);
                    if (!isLetter(c)) break;
                    letters++;
                    if (isUpper(c)) uppers++;
                    wordStart = before;
                }
                bool boundary =
                    wordStart == 0 || !isWordChar(at(text, previousStart(text, wordStart)));
                if (boundary && letters >= 3 && uppers >= 2 && uppers < letters + 1 &&
                    std::string_view(kCodeTypes.front()) !=
                        text.substr(wordStart, wordEnd - wordStart)) {
                    code = std::string(text.substr(wordStart, wordEnd - wordStart)) + " " + code;
                    start = wordStart;
                }
            }
            return CodeMatch{start, end, code};
        }
    }
    return std::nullopt;
}

std::vector<std::string> peopleNamed(std::string_view text) {
    struct Part {
        bool initial;
        std::size_t start, end;
    };
    std::vector<Part> parts;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        char32_t c = decodeAt(text, i);
        // The signature's line in front of a name («______ Г. Т. Нуржанова»).
        if (isSpace(c) || c == ',' || c == ';' || c == '_') continue;
        if (!isUpper(c)) return {};
        if (i < text.size() && text[i] == '.') {
            parts.push_back({true, start, i + 1});
            ++i;
            continue;
        }
        std::size_t lowers = 0;
        while (i < text.size()) {
            char32_t d = at(text, i);
            if (isLower(d)) {
                ++lowers;
                i = next(text, i);
            } else if (d == '-' && isUpper(at(text, i + 1))) {
                i = next(text, next(text, i));
            } else {
                break;
            }
        }
        if (lowers < 2) return {};
        if (i < text.size() && !isSpace(at(text, i)) && text[i] != ',' && text[i] != ';') return {};
        parts.push_back({false, start, i});
    }
    std::vector<std::string> people;
    for (std::size_t k = 0; k < parts.size();) {
        std::size_t initials = 0;
        while (k + initials < parts.size() && parts[k + initials].initial) ++initials;
        if (initials >= 1 && initials <= 2 && k + initials < parts.size()) {
            std::size_t last = k + initials;
            people.emplace_back(
                trim(text.substr(parts[k].start, parts[last].end - parts[k].start)));
            k = last + 1;
            continue;
        }
        if (initials > 0 || k + 1 >= parts.size()) return {};
        std::size_t after = 0;
        while (k + 1 + after < parts.size() && parts[k + 1 + after].initial && after < 2) ++after;
        if (after == 0) return {};
        std::size_t last = k + after;
        people.emplace_back(trim(text.substr(parts[k].start, parts[last].end - parts[k].start)));
        k = last + 1;
    }
    return people;
}

std::optional<std::string> kindNamedBy(std::string_view text) {
    std::string t = lower(collapseSpaces(text));
    while (!t.empty() && (t.back() == '.' || t.back() == ':')) t.pop_back();
    if (wordCount(t) > 6 || t.empty() || t.find_first_of("0123456789") != std::string::npos)
        return std::nullopt;
    static const std::array<std::pair<std::string_view, std::string_view>, 14> kEndings{{
        {"лауазымдық нұсқаулық", "job_instruction"},
        {"лауазымдық нұсқаулығы", "job_instruction"},
        {"должностная инструкция", "job_instruction"},
        {"құжатталған процедура", "documented_procedure"},
        {"құжаттамалық процедура", "documented_procedure"},
        {"документированная процедура", "documented_procedure"},
        {"жұмыс нұсқаулығы", "work_instruction"},
        {"рабочая инструкция", "work_instruction"},
        {"ұйым стандарты", "organisation_standard"},
        {"стандарт организации", "organisation_standard"},
        {"ережесі", "regulation"},
        {"ереже", "regulation"},
        {"положение", "regulation"},
        {"ережелер", "regulation"},
    }};
    for (auto [ending, kind] : kEndings)
        if (t == ending || t.ends_with(" " + std::string(ending))) return std::string(kind);
    return std::nullopt;
}

std::string kindMentionedIn(std::string_view text) {
    static const std::array<std::pair<std::string_view, std::string_view>, 12> kMentions{{
        {"осы ереже", "regulation"},
        {"настоящее положение", "regulation"},
        {"настоящего положения", "regulation"},
        {"лауазымдық нұсқаулық", "job_instruction"},
        {"должностная инструкция", "job_instruction"},
        {"должностной инструкци", "job_instruction"},
        {"құжатталған процедура", "documented_procedure"},
        {"документированная процедура", "documented_procedure"},
        {"жұмыс нұсқаулығы", "work_instruction"},
        {"рабочая инструкция", "work_instruction"},
        {"осы ұйым стандарты", "organisation_standard"},
        {"настоящий стандарт", "organisation_standard"},
    }};
    std::string t = lower(text);
    std::size_t best = std::string::npos;
    std::string kind;
    for (auto [phrase, found] : kMentions) {
        std::size_t position = t.find(phrase);
        if (position < best) {
            best = position;
            kind = found;
        }
    }
    return kind;
}

std::string kindTitleOf(std::string_view kind, std::string_view language) {
    const bool ru = language == "ru";
    if (kind == "regulation") return ru ? "Положение" : "Ереже";
    if (kind == "job_instruction") return ru ? "Должностная инструкция" : "Лауазымдық нұсқаулық";
    if (kind == "documented_procedure")
        return ru ? "Документированная процедура" : "Құжатталған процедура";
    if (kind == "work_instruction") return ru ? "Рабочая инструкция" : "Жұмыс нұсқаулығы";
    if (kind == "organisation_standard") return ru ? "Стандарт организации" : "Ұйым стандарты";
    return {};
}

std::optional<OrganisationMatch> findOrganisation(std::string_view text) {
    static constexpr std::array<std::string_view, 5> kInstitutions{
        "университет", "институт", "академия", "колледж", "академиясы"};
    static constexpr std::array<std::string_view, 12> kForms{
        "КеАҚ", "КЕАҚ", "КЕ АҚ", "АҚ", "ЖШС", "ШЖҚ РМК", "РМК", "НАО", "АО", "ТОО", "РГП", "РГКП"};
    for (std::size_t open = 0; open < text.size(); open = next(text, open)) {
        char32_t c = at(text, open);
        if (c != U'«' && c != '"' && c != U'“') continue;
        std::size_t inside = next(text, open);
        std::size_t close = inside;
        int depth = 0;
        while (close < text.size()) {
            char32_t d = at(text, close);
            if ((d == U'»' || d == U'”' || d == '"') && depth == 0) break;
            if (d == U'«' || d == U'“') ++depth;
            if (d == U'»' || d == U'”') --depth;
            close = next(text, close);
        }
        if (close >= text.size()) return std::nullopt;
        std::string_view quoted = text.substr(inside, close - inside);
        bool institution = false;
        for (std::string_view word : kInstitutions)
            institution = institution || containsNoCase(quoted, word);
        if (!institution) continue;
        std::size_t end = next(text, close);
        std::size_t formStart = end;
        while (formStart < text.size() && isSpace(at(text, formStart)))
            formStart = next(text, formStart);
        std::string_view rest = text.substr(formStart);
        std::string name(text.substr(open, end - open));
        for (std::string_view form : kForms)
            if (rest.starts_with(form) &&
                (rest.size() == form.size() || !isWordChar(at(rest, form.size()))))
                return OrganisationMatch{name + " " + std::string(form), open,
                                         formStart + form.size()};
        for (std::string_view phrase : {std::string_view("коммерциялық емес акционерлік қоғамы"),
                                        std::string_view("некоммерческое акционерное общество")})
            if (startsWithNoCase(rest, phrase)) {
                // Same number of characters as the phrase (case may differ).
                std::size_t wanted = 0, take = 0;
                for (std::size_t k = 0; k < phrase.size(); ++wanted) decodeAt(phrase, k);
                for (std::size_t count = 0; take < rest.size() && count < wanted; ++count)
                    decodeAt(rest, take);
                return OrganisationMatch{name + " " + std::string(rest.substr(0, take)), open,
                                         formStart + take};
            }
        return OrganisationMatch{name, open, end};
    }
    return std::nullopt;
}

std::string organisationIn(std::string_view text) {
    auto found = findOrganisation(text);
    return found ? found->name : std::string();
}

std::string languageOf(std::string_view text) {
    std::size_t cyrillic = 0, kazakh = 0, latin = 0;
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = toLower(decodeAt(text, i));
        if ((c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F)) ++latin;
        if (c < 0x400 || c > 0x4FF) continue;
        ++cyrillic;
        if (c == U'ә' || c == U'ғ' || c == U'қ' || c == U'ң' || c == U'ө' || c == U'ұ' ||
            c == U'ү' || c == U'һ' || c == U'і')
            ++kazakh;
    }
    // Frequent words that only one of the two languages has.
    static constexpr std::array<std::string_view, 24> kKazakhWords{
        "және",    "мен",      "бен",  "пен",    "бойынша", "үшін",   "осы",    "бұл",
        "болып",   "табылады", "тиіс", "сәйкес", "туралы",  "арқылы", "немесе", "жөніндегі",
        "қызметі", "жұмыс",    "бар",  "жоқ",    "оның",    "олар",   "керек",  "мүмкін"};
    static constexpr std::array<std::string_view, 24> kRussianWords{
        "и",  "в",        "на",  "с", "по",  "для", "не",    "что",    "от", "к", "или", "при",
        "из", "является", "его", "а", "это", "как", "также", "должен", "за", "о", "до",  "со"};
    std::size_t kazakhWords = 0, russianWords = 0;
    std::size_t counted = 0;
    for (const std::string& word : words(text)) {
        if (++counted > 50000) break;
        std::string w = lower(word);
        for (std::string_view known : kKazakhWords) kazakhWords += w == known;
        for (std::string_view known : kRussianWords) russianWords += w == known;
    }
    // Neither: too little text to tell, or not written in Cyrillic.
    if (cyrillic < 8 || cyrillic * 2 < cyrillic + latin) return {};
    bool kazakhLetters = kazakh * 100 >= cyrillic * 2;
    if (kazakhLetters && !(russianWords >= 5 && russianWords > 2 * kazakhWords)) return "kk";
    if (!kazakhLetters && kazakhWords >= 5 && kazakhWords > 2 * russianWords) return "kk";
    return "ru";
}

std::string digitShape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        char32_t c = decodeAt(text, i);
        if (isDigit(c)) {
            if (out.empty() || out.back() != '#') out += '#';
        } else {
            out.append(lower(text.substr(start, i - start)));
        }
    }
    return collapseSpaces(out);
}

std::optional<std::pair<int, int>> pageOfPages(std::string_view text) {
    // Numbers of text in order, with the words between them (lower case).
    std::string t = lower(collapseSpaces(text));
    struct Number {
        int value;
        std::size_t start, end;
    };
    std::vector<Number> numbers;
    for (std::size_t i = 0; i < t.size();) {
        std::size_t digits = digitsAt(t, i);
        if (digits == 0) {
            ++i;
            continue;
        }
        if (digits <= 4) numbers.push_back({std::stoi(t.substr(i, digits)), i, i + digits});
        i += digits;
    }
    for (std::size_t k = 0; k + 1 < numbers.size(); ++k) {
        const Number& a = numbers[k];
        const Number& b = numbers[k + 1];
        std::string_view between = std::string_view(t).substr(a.end, b.start - a.end);
        std::string_view before = std::string_view(t).substr(0, a.start);
        auto valid = [](int page, int pages) -> std::optional<std::pair<int, int>> {
            if (page < 1 || pages < 1 || page > pages) return std::nullopt;
            return std::pair{page, pages};
        };
        // «N беттің M-і»: N pages, this is the M-th.
        if (between == " беттің ") return valid(b.value, a.value);
        if (between == " из " || between == " of " || between == " / " || between == "/") {
            std::string_view word = trim(before);
            if (word.ends_with("лист") || word.ends_with("страница") || word.ends_with("стр.") ||
                word.ends_with("бет") || word.ends_with("page") || word.ends_with("парақ"))
                return valid(a.value, b.value);
        }
    }
    return std::nullopt;
}

std::string withoutCaseEnding(std::string_view word) {
    // Genitive and locative endings; a possessive stays («бөлімінің» ->
    // «бөлімі»), except before the locative («кітапханасында» -> «кітапхана»).
    static constexpr std::array<std::string_view, 12> kEndings{
        "сында", "сінде", "ның", "нің", "дың", "дің", "тың", "тің", "нда", "нде", "да", "де"};
    std::string text(trim(word));
    for (std::string_view ending : kEndings) {
        if (!text.ends_with(ending)) continue;
        std::string stem = text.substr(0, text.size() - ending.size());
        if (wordCount(stem) > 0 && stem.size() >= 6) return stem;
    }
    return text;
}

}  // namespace nusqa::import
