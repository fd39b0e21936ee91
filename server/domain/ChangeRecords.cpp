#include "domain/ChangeRecords.h"

#include <algorithm>
#include <set>
#include <string_view>

namespace nusqa::compare {
namespace {

struct Words {
    const char* kazakh;
    const char* russian;
};

Words wordsOf(ElementKind kind) {
    switch (kind) {
        case ElementKind::Chapter:
            return {"тарау", "глава"};
        case ElementKind::Paragraph:
            return {"параграф", "параграф"};
        case ElementKind::Section:
            return {"бөлім", "раздел"};
        case ElementKind::Clause:
            return {"тармақ", "пункт"};
        case ElementKind::Subclause:
            return {"тармақша", "подпункт"};
        case ElementKind::Annex:
            return {"қосымша", "приложение"};
        case ElementKind::P:
            return {"абзац", "абзац"};
        case ElementKind::List:
            return {"тізім", "список"};
        case ElementKind::Item:
            return {"тармақша", "подпункт"};
        case ElementKind::Table:
            return {"кесте", "таблица"};
        case ElementKind::Row:
            return {"жол", "строка"};
        case ElementKind::EntryList:
            return {"тізбе", "перечень"};
        case ElementKind::Entry:
            return {"жол", "строка"};
        case ElementKind::FormsList:
            return {"нысандар тізбесі", "перечень форм"};
        case ElementKind::Form:
            return {"нысан", "форма"};
        case ElementKind::ChangeRecord:
            return {"өзгеріс", "изменение"};
    }
    return {"", ""};
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// How a printed number reads: no word in it (empty, or a bullet such as
// "·", "–"), digits only ("2.2.1."), or with letters ("1 Тарау.",
// "А-қосымшасы", "а)").
enum class NumberShape { None, Digits, Letters };

NumberShape shapeOf(std::string_view num) {
    NumberShape shape = NumberShape::None;
    for (const Token& token : tokenize(num)) {
        if (token.kind != TokenKind::Word) continue;
        shape = NumberShape::Digits;
        for (char c : token.text)
            if (c < '0' || c > '9') return NumberShape::Letters;
    }
    return shape;
}

// "2.2.1." -> "2.2.1", "1)" -> "1", "А-қосымшасы" unchanged.
std::string numberKey(std::string_view num) {
    num = trimmed(num);
    while (!num.empty() && (num.back() == '.' || num.back() == ')')) num.remove_suffix(1);
    while (!num.empty() && num.front() == '.') num.remove_prefix(1);
    return std::string(num);
}

bool isRelative(const PathStep& step) {
    std::string_view num = trimmed(step.num);
    return shapeOf(num) == NumberShape::None || num.back() == ')' ||
           step.kind == ElementKind::Item || step.kind == ElementKind::Row ||
           step.kind == ElementKind::Entry;
}

bool isWrapper(ElementKind kind) {
    return kind == ElementKind::EntryList || kind == ElementKind::FormsList ||
           kind == ElementKind::List;
}

std::string label(const PathStep& step, Language language) {
    Words words = wordsOf(step.kind);
    std::string word = language == Language::Kazakh ? words.kazakh : words.russian;
    std::string num(trimmed(step.num));
    bool kazakh = language == Language::Kazakh;
    NumberShape shape = shapeOf(num);
    if (shape != NumberShape::None && num.back() == ')')
        return kazakh ? num + " " + word : word + " " + num;
    if (shape == NumberShape::Letters) return num;
    std::string number =
        shape == NumberShape::None ? std::to_string(step.position) : numberKey(num);
    return kazakh ? number + "-" + word : word + " " + number;
}

content::ChangeKind recordKind(const ElementChange& change) {
    if (change.has(ChangeType::Added)) return content::ChangeKind::Add;
    if (change.has(ChangeType::Deleted)) return content::ChangeKind::Delete;
    return content::ChangeKind::Replace;
}

bool needsRecord(const ElementChange& change) {
    if (change.kind == ElementKind::ChangeRecord) return false;
    for (ChangeType type : change.changes)
        if (type != ChangeType::FormattingChanged && type != ChangeType::Reidentified) return true;
    return false;
}

ProposedRecord proposal(const Comparison& comparison, std::size_t index) {
    const ElementChange& change = comparison.elements[index];
    return {locationText(change.place(), comparison.language), change.eId(), recordKind(change),
            index};
}

// The runs of digits and dots in a location text, as number keys:
// "3.1-тармақ" -> {"3.1"}, "п. 2.2.1, 4-тармақ" -> {"2.2.1", "4"}.
std::set<std::string> numbersIn(std::string_view location) {
    std::set<std::string> out;
    std::string run;
    auto flush = [&] {
        std::string key = numberKey(run);
        if (!key.empty()) out.insert(key);
        run.clear();
    };
    for (char c : location) {
        if ((c >= '0' && c <= '9') || c == '.')
            run += c;
        else
            flush();
    }
    flush();
    return out;
}

std::string folded(std::string_view text) {
    std::string out;
    for (const std::string& word : foldedWords(text)) out += word + " ";
    return out;
}

// Does typed record cover the change, and does it name the element itself?
struct Cover {
    bool covers = false;
    bool direct = false;
};

Cover covers(const content::ChangeRecord& record, const ElementChange& change) {
    std::vector<const Place*> places;
    if (change.before) places.push_back(&*change.before);
    if (change.after) places.push_back(&*change.after);
    if (!record.target.empty()) {
        for (const Place* place : places)
            if (place->eId == record.target) return {true, true};
        for (const std::string& eId : change.innerEIds)
            if (eId == record.target) return {true, false};
        for (const CellChange& cell : change.cells)
            if (cell.rowEId == record.target) return {true, false};
        for (const Place* place : places)
            for (const PathStep& step : place->path)
                if (step.eId == record.target) return {true, false};
        return {};
    }
    std::set<std::string> numbers = numbersIn(record.location);
    std::string location = " " + folded(record.location);  // " word word ... "
    for (const Place* place : places) {
        for (std::size_t k = 0; k < place->path.size(); ++k) {
            const PathStep& step = place->path[k];
            bool self = k + 1 == place->path.size();
            NumberShape shape = shapeOf(step.num);
            if (shape == NumberShape::None) continue;
            std::string key = numberKey(step.num);
            bool named = shape == NumberShape::Letters
                             ? location.find(" " + folded(key)) != std::string::npos
                             : numbers.contains(key);
            if (named) return {true, self};
        }
    }
    return {};
}

}  // namespace

std::string locationText(const Place& place, Language language) {
    std::vector<std::string> labels;
    for (std::size_t k = place.path.size(); k-- > 0;) {
        const PathStep& step = place.path[k];
        bool self = k + 1 == place.path.size();
        if (!self && isWrapper(step.kind)) continue;
        labels.push_back(label(step, language));
        if (!isRelative(step)) break;
    }
    std::string out;
    for (std::size_t k = labels.size(); k-- > 0;) {
        out += labels[k];
        if (k > 0) out += ", ";
    }
    return out;
}

std::vector<ProposedRecord> proposeChangeRecords(const Comparison& comparison) {
    std::vector<ProposedRecord> out;
    for (std::size_t k = 0; k < comparison.elements.size(); ++k)
        if (needsRecord(comparison.elements[k])) out.push_back(proposal(comparison, k));
    return out;
}

RecordCheck checkChangeRecords(const Comparison& comparison,
                               const std::vector<content::ChangeRecord>& typed) {
    RecordCheck check;
    std::vector<bool> covered(comparison.elements.size(), false);
    for (std::size_t r = 0; r < typed.size(); ++r) {
        bool founded = false;
        bool direct = false;
        bool kindMatches = false;
        content::ChangeKind expected = content::ChangeKind::Replace;
        for (std::size_t k = 0; k < comparison.elements.size(); ++k) {
            const ElementChange& change = comparison.elements[k];
            if (change.kind == ElementKind::ChangeRecord) continue;
            Cover cover = covers(typed[r], change);
            if (!cover.covers) continue;
            founded = true;
            covered[k] = true;
            if (cover.direct && needsRecord(change)) {
                if (!direct) expected = recordKind(change);
                direct = true;
                kindMatches = kindMatches || recordKind(change) == typed[r].kind;
            }
        }
        if (!founded) check.unfounded.push_back(r);
        if (direct && !kindMatches) check.wrongKind.push_back({r, expected});
    }
    for (std::size_t k = 0; k < comparison.elements.size(); ++k)
        if (!covered[k] && needsRecord(comparison.elements[k]))
            check.unrecorded.push_back(proposal(comparison, k));
    return check;
}

std::vector<content::ChangeRecord> newChangeRecords(const content::Content& a,
                                                    const content::Content& b) {
    std::set<std::string> old;
    for (const content::ChangeRecord& record : a.changes) old.insert(record.eId);
    std::vector<content::ChangeRecord> out;
    for (const content::ChangeRecord& record : b.changes)
        if (!old.contains(record.eId)) out.push_back(record);
    return out;
}

}  // namespace nusqa::compare
