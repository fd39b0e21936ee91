#include "domain/SearchText.h"

#include <algorithm>

#include "domain/Stemmer.h"
#include "domain/Utf8.h"

namespace nusqa::search {
namespace {

// One code point and where its bytes start.
struct CodePoint {
    char32_t value = 0;
    std::size_t byte = 0;
};

// Decodes UTF-8; false when it is not well-formed (overlong forms,
// surrogates and values past U+10FFFF included).
bool decode(std::string_view text, std::vector<CodePoint>& out) {
    out.clear();
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        std::size_t length = byte < 0x80           ? 1
                             : (byte >> 5) == 0x6  ? 2
                             : (byte >> 4) == 0xE  ? 3
                             : (byte >> 3) == 0x1E ? 4
                                                   : 0;
        if (length == 0 || i + length > text.size()) return false;
        char32_t value = length == 1 ? byte : byte & (0x7F >> length);
        for (std::size_t k = 1; k < length; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            value = (value << 6) | (next & 0x3F);
        }
        static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (value < kSmallest[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
            return false;
        out.push_back({value, i});
        i += length;
    }
    return true;
}

// Decodes leniently: a byte that is not UTF-8 becomes U+FFFD (stored text
// is UTF-8 already; this only keeps a broken byte from breaking the index).
std::vector<CodePoint> decodeLenient(std::string_view text) {
    std::vector<CodePoint> out;
    if (decode(text, out)) return out;
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) out.push_back({0xFFFD, i});
    return out;
}

// A word of a text: its code points [first, last) and its case-folded form.
struct Word {
    std::size_t first = 0;
    std::size_t last = 0;
    std::u32string folded;
};

std::vector<Word> wordsOf(const std::vector<CodePoint>& text, std::size_t from, std::size_t to) {
    std::vector<Word> words;
    std::size_t i = from;
    while (i < to) {
        if (!isWordCharacter(text[i].value)) {
            ++i;
            continue;
        }
        Word word;
        word.first = i;
        while (i < to && isWordCharacter(text[i].value)) word.folded += foldLetter(text[i++].value);
        word.last = i;
        words.push_back(std::move(word));
    }
    return words;
}

std::u32string bounded(std::u32string stem) {
    if (stem.size() > kMaxStemLength) stem.resize(kMaxStemLength);
    return stem;
}

// The stem as the index stores it: at most kMaxStemLength, at least 3
// code points ('_' added).
std::string indexedForm(std::u32string stem) {
    stem = bounded(std::move(stem));
    while (stem.size() < 3) stem += U'_';
    return encodeUtf8(stem);
}

// A stem that kept fewer than two letters would match half the index as a
// prefix: the word itself stands for it then.
std::u32string queryStem(const std::u32string& folded, std::u32string stem) {
    return bounded(stem.size() < 2 ? folded : std::move(stem));
}

// The stems a query word may have in the index: the Kazakh and the Russian
// reading of a Cyrillic word without a Kazakh letter, else one.
std::vector<std::u32string> readingsOf(const std::u32string& folded) {
    std::vector<std::u32string> readings{queryStem(folded, stemWord(folded, Language::Kazakh)),
                                         queryStem(folded, stemWord(folded, Language::Russian))};
    // The other reading of -ды/-ді/-ты/-ті: the accusative of a word ending
    // in a consonant (жұмысты -> жұмыс).
    for (std::u32string_view accusative : {U"ды", U"ді", U"ты", U"ті"})
        if (folded.size() >= 5 && folded.ends_with(accusative))
            readings.push_back(queryStem(
                folded, stemKazakh(std::u32string_view(folded).substr(0, folded.size() - 2))));
    std::sort(readings.begin(), readings.end());
    readings.erase(std::unique(readings.begin(), readings.end()), readings.end());
    return readings;
}

std::int64_t utf16Units(char32_t value) {
    return value > 0xFFFF ? 2 : 1;
}

class PassageBuilder {
public:
    explicit PassageBuilder(std::vector<SearchPassage>& out) : _out(out) {}

    void begin(const std::string& eId, const std::string& num, const std::string& text) {
        if (_out.size() >= kMaxPassages) return;
        _out.push_back({eId, num, {}, {}});
        _open = true;
        append(text);
    }
    bool open() const { return _open; }
    void close() { _open = false; }

    // Adds text to the open passage; past kMaxPassageBytes it goes on in a
    // continuation with the same eId and number, so no text is lost.
    void append(std::string_view text) {
        if (!_open || text.empty()) return;
        while (!text.empty()) {
            SearchPassage& passage = _out.back();
            std::size_t room = kMaxPassageBytes - std::min(kMaxPassageBytes, passage.text.size());
            if (room < 2) {
                if (_out.size() >= kMaxPassages) return;
                _out.push_back({passage.eId, passage.num, {}, {}});
                continue;
            }
            if (!passage.text.empty()) {
                passage.text += ' ';
                --room;
            }
            std::size_t take = std::min(room, text.size());
            // Never cut inside a character.
            while (take < text.size() && take > 0 &&
                   (static_cast<unsigned char>(text[take]) & 0xC0) == 0x80)
                --take;
            passage.text.append(text.substr(0, take));
            text.remove_prefix(take);
        }
    }

private:
    std::vector<SearchPassage>& _out;
    bool _open = false;
};

void collectBlocks(const std::vector<content::Block>& blocks, PassageBuilder& builder,
                   const content::Division* parent);

// The text of blocks that are not divisions, into the open passage.
void appendBlock(const content::Block& block, PassageBuilder& builder) {
    if (const auto* paragraph = std::get_if<content::Paragraph>(&block.value)) {
        builder.append(content::plainText(paragraph->text));
    } else if (const auto* list = std::get_if<content::List>(&block.value)) {
        for (const content::ListItem& item : list->items) {
            builder.append(item.num);
            for (const content::Block& inner : item.blocks) appendBlock(inner, builder);
        }
    } else if (const auto* table = std::get_if<content::Table>(&block.value)) {
        builder.append(content::plainText(table->caption));
        for (const auto* rows : {&table->headerRows, &table->rows})
            for (const content::Row& row : *rows)
                for (const content::Cell& cell : row.cells)
                    for (const content::Block& inner : cell.blocks) appendBlock(inner, builder);
    } else if (const auto* entries = std::get_if<content::EntryList>(&block.value)) {
        builder.append(content::plainText(entries->heading));
        for (const content::Entry& entry : entries->entries) {
            builder.append(entry.num);
            builder.append(entry.code);
            builder.append(content::plainText(entry.name));
            builder.append(content::plainText(entry.text));
        }
    } else if (const auto* division = std::get_if<content::Division>(&block.value)) {
        // A division inside a table cell or list item: its text stays with
        // the element around it.
        builder.append(division->num);
        builder.append(content::plainText(division->heading));
        for (const content::Block& inner : division->children) appendBlock(inner, builder);
    }
}

std::string eIdOf(const content::Block& block) {
    return std::visit([](const auto& value) { return value.eId; }, block.value);
}

void collectDivision(const content::Division& division, PassageBuilder& builder) {
    builder.begin(division.eId, division.num, content::plainText(division.heading));
    collectBlocks(division.children, builder, &division);
    builder.close();
}

// Divisions become passages of their own; other blocks join the division
// around them (parent), or stand alone at the top of the body.
void collectBlocks(const std::vector<content::Block>& blocks, PassageBuilder& builder,
                   const content::Division* parent) {
    for (const content::Block& block : blocks) {
        if (const auto* division = std::get_if<content::Division>(&block.value)) {
            collectDivision(*division, builder);
            continue;
        }
        if (parent == nullptr) {
            builder.begin(eIdOf(block), "", "");
            appendBlock(block, builder);
            builder.close();
            continue;
        }
        // Text after a sub-division belongs to the division again.
        if (!builder.open()) builder.begin(parent->eId, parent->num, "");
        appendBlock(block, builder);
    }
}

}  // namespace

std::string indexTerms(std::string_view text, Language language) {
    std::vector<CodePoint> points = decodeLenient(text);
    std::string terms;
    for (const Word& word : wordsOf(points, 0, points.size())) {
        if (!terms.empty()) terms += ' ';
        terms += indexedForm(stemWord(word.folded, language));
    }
    return terms;
}

std::vector<SearchPassage> searchPassages(const content::Content& content) {
    std::vector<SearchPassage> passages;
    PassageBuilder builder(passages);
    builder.begin("", "", content.meta.code);
    builder.append(content.meta.title);
    builder.close();
    collectBlocks(content.body, builder, nullptr);
    if (content.forms) {
        for (const content::Form& form : content.forms->forms) {
            builder.begin(form.eId, form.num, form.code);
            builder.append(content::plainText(form.name));
            builder.close();
        }
    }
    for (const content::Division& annex : content.annexes) collectDivision(annex, builder);
    // Empty passages (a division with only sub-divisions) find nothing.
    std::erase_if(passages, [](const SearchPassage& passage) { return passage.text.empty(); });
    for (SearchPassage& passage : passages)
        passage.terms = indexTerms(passage.text, content.meta.language);
    return passages;
}

Result<std::vector<SearchClause>> parseQuery(std::string_view query) {
    if (query.size() > kMaxQueryBytes)
        return fail(ErrorCode::InvalidArgument,
                    "the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes");
    std::vector<CodePoint> points;
    if (!decode(query, points)) return fail(ErrorCode::InvalidArgument, "the query is not UTF-8");
    for (const CodePoint& point : points)
        if (point.value < 0x20 || point.value == 0x7F ||
            (point.value >= 0x80 && point.value < 0xA0))
            return fail(ErrorCode::InvalidArgument, "the query holds a control character");

    std::vector<SearchClause> clauses;
    auto add = [&](SearchClause clause) -> Status {
        if (std::find_if(clauses.begin(), clauses.end(), [&](const SearchClause& other) {
                return other.phrase == clause.phrase && other.alternatives == clause.alternatives;
            }) != clauses.end())
            return {};
        if (clauses.size() >= kMaxQueryClauses)
            return fail(ErrorCode::InvalidArgument, "the query has more than " +
                                                        std::to_string(kMaxQueryClauses) +
                                                        " words and phrases");
        clauses.push_back(std::move(clause));
        return {};
    };
    std::size_t i = 0;
    while (i < points.size()) {
        bool quoted = points[i].value == U'"';
        std::size_t start = quoted ? i + 1 : i;
        std::size_t end = start;
        while (end < points.size() && points[end].value != U'"') ++end;
        std::vector<Word> words = wordsOf(points, start, end);
        i = quoted ? end + 1 : end;
        if (quoted && !words.empty()) {
            if (words.size() > kMaxPhraseWords)
                return fail(ErrorCode::InvalidArgument,
                            "a phrase has more than " + std::to_string(kMaxPhraseWords) + " words");
            // The phrase as a Kazakh text and as a Russian one.
            SearchClause clause{true, {}};
            for (Language language : {Language::Kazakh, Language::Russian}) {
                std::vector<std::string> stems;
                for (const Word& word : words)
                    stems.push_back(indexedForm(stemWord(word.folded, language)));
                if (std::find(clause.alternatives.begin(), clause.alternatives.end(), stems) ==
                    clause.alternatives.end())
                    clause.alternatives.push_back(std::move(stems));
            }
            NUSQA_TRY(add(std::move(clause)));
            continue;
        }
        for (const Word& word : words) {
            if (word.folded.size() < 2) continue;  // "a", "и", "1": everywhere
            SearchClause clause{false, {}};
            for (const std::u32string& reading : readingsOf(word.folded))
                clause.alternatives.push_back({encodeUtf8(reading)});
            NUSQA_TRY(add(std::move(clause)));
        }
    }
    if (clauses.empty())
        return fail(ErrorCode::InvalidArgument,
                    "the query has no word of two or more letters or digits to search for");
    return clauses;
}

Snippet snippetOf(std::string_view text, const std::vector<SearchClause>& clauses,
                  Language language) {
    static constexpr std::size_t kBefore = 80;  // code points shown before the first match
    static constexpr std::size_t kLength = 280;

    std::vector<CodePoint> points = decodeLenient(text);
    std::vector<Word> words = wordsOf(points, 0, points.size());
    std::vector<std::u32string> prefixes;
    std::vector<std::u32string> exact;
    for (const SearchClause& clause : clauses)
        for (const std::vector<std::string>& alternative : clause.alternatives)
            for (const std::string& stem : alternative) {
                std::vector<CodePoint> decoded = decodeLenient(stem);
                std::u32string value;
                for (const CodePoint& point : decoded)
                    if (point.value != U'_') value += point.value;
                (clause.phrase ? exact : prefixes).push_back(value);
            }
    std::vector<const Word*> matched;
    for (const Word& word : words) {
        std::u32string stem = bounded(stemWord(word.folded, language));
        bool hit = std::any_of(prefixes.begin(), prefixes.end(),
                               [&](const std::u32string& p) { return stem.starts_with(p); }) ||
                   std::find(exact.begin(), exact.end(), stem) != exact.end();
        if (hit) matched.push_back(&word);
    }

    std::size_t start = 0;
    if (!matched.empty() && matched.front()->first > kBefore) {
        start = matched.front()->first - kBefore;
        // Start at a word's beginning.
        while (start < matched.front()->first && isWordCharacter(points[start].value) &&
               isWordCharacter(points[start - 1].value))
            ++start;
    }
    std::size_t end = std::min(points.size(), start + kLength);
    while (end < points.size() && end > start && isWordCharacter(points[end].value) &&
           isWordCharacter(points[end - 1].value))
        --end;
    auto isSpace = [&](std::size_t i) {
        return points[i].value == U' ' || points[i].value == U'\n';
    };
    if (end < points.size())
        while (end > start && isSpace(end - 1)) --end;

    Snippet snippet;
    std::int64_t units = 0;
    if (start > 0) {
        snippet.text = "…";
        units = 1;
    }
    std::size_t firstByte = start < points.size() ? points[start].byte : text.size();
    std::size_t endByte = end < points.size() ? points[end].byte : text.size();
    snippet.text.append(text.substr(firstByte, endByte - firstByte));
    std::size_t position = start;
    for (const Word* word : matched) {
        if (word->first < start || word->last > end) continue;
        while (position < word->first) units += utf16Units(points[position++].value);
        Highlight highlight{units, 0};
        while (position < word->last) highlight.length += utf16Units(points[position++].value);
        units += highlight.length;
        snippet.highlights.push_back(highlight);
    }
    if (end < points.size()) snippet.text += "…";
    return snippet;
}

}  // namespace nusqa::search
