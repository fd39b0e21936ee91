#include "domain/Redline.h"

#include <algorithm>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "domain/ChangeRecords.h"
#include "domain/detail/RedlineIndex.h"

namespace nusqa::compare {
namespace {

using namespace content;
using detail::Container;
using detail::Index;
using detail::Slot;

using Change = Run::Change;

// --- whole elements --------------------------------------------------------

void mark(Inline& text, Change change) {
    for (Run& run : text) run.change = change;
}

void mark(std::vector<Block>& blocks, Change change);

void mark(Division& division, Change change) {
    mark(division.heading, change);
    mark(division.children, change);
}
void mark(Paragraph& paragraph, Change change) {
    mark(paragraph.text, change);
}
void mark(ListItem& item, Change change) {
    mark(item.blocks, change);
}
void mark(List& list, Change change) {
    for (ListItem& item : list.items) mark(item, change);
}
void mark(Row& row, Change change) {
    for (Cell& cell : row.cells) mark(cell.blocks, change);
}
void mark(Table& table, Change change) {
    mark(table.caption, change);
    for (Row& row : table.headerRows) mark(row, change);
    for (Row& row : table.rows) mark(row, change);
}
void mark(Entry& entry, Change change) {
    mark(entry.name, change);
    mark(entry.text, change);
}
void mark(EntryList& list, Change change) {
    mark(list.heading, change);
    for (Entry& entry : list.entries) mark(entry, change);
}
void mark(Form& form, Change change) {
    mark(form.name, change);
}
void mark(FormsList& list, Change change) {
    mark(list.heading, change);
    for (Form& form : list.forms) mark(form, change);
}
void mark(ChangeRecord&, Change) {}

void mark(std::vector<Block>& blocks, Change change) {
    for (Block& block : blocks) std::visit([&](auto& value) { mark(value, change); }, block.value);
}

// Calls f with the element a slot points at (nothing for the edition).
template <typename F>
void withObject(const detail::Object& object, F&& f) {
    std::visit(
        [&](auto held) {
            if constexpr (!std::is_same_v<decltype(held), std::monostate>)
                if (held != nullptr) f(*held);
        },
        object);
}

void markObject(const detail::Object& object, Change change) {
    withObject(object, [&](auto& value) { mark(value, change); });
}

// --- word diffs on runs ----------------------------------------------------

std::string joined(const std::vector<Inline*>& paragraphs) {
    std::string text;
    for (std::size_t k = 0; k < paragraphs.size(); ++k) {
        if (k > 0) text += '\n';
        text += plainText(*paragraphs[k]);
    }
    return text;
}

bool isSpace(char c) {
    return c == ' ' || c == '\t';
}

// The stretch of text between its leading and trailing spaces: the part a
// line is drawn under or through (a line over the space beside a changed
// word would mark the space too).
std::pair<std::size_t, std::size_t> core(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && isSpace(text[begin])) ++begin;
    while (end > begin && isSpace(text[end - 1])) --end;
    return {begin, end};
}

void appendRun(Inline& out, std::string_view text, Change change) {
    if (text.empty()) return;
    Run run;
    run.text = std::string(text);
    run.change = change;
    out.push_back(std::move(run));
}

// Deleted text as runs: its line breaks (deleted paragraphs) as breaks,
// spaces at the edges of each line unmarked.
void appendDeleted(Inline& out, std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        auto [begin, stop] = core(line);
        appendRun(out, line.substr(0, begin), Change::None);
        appendRun(out, line.substr(begin, stop - begin), Change::Deleted);
        appendRun(out, line.substr(stop), Change::None);
        if (end == text.size()) break;
        Run lineBreak;
        lineBreak.lineBreak = true;
        lineBreak.change = Change::Deleted;
        out.push_back(std::move(lineBreak));
        start = end + 1;
    }
}

// Rewrites the runs of the paragraphs (whose joined text is `after`) with
// the diff's inserted words marked and its deleted words put back where
// they stood. False (nothing changed) when the text is not `after`.
bool applyWords(const std::vector<Inline*>& paragraphs, const std::vector<WordRun>& words,
                const std::string& after) {
    if (paragraphs.empty() || joined(paragraphs) != after) return false;
    std::vector<bool> inserted(after.size(), false);
    std::vector<std::pair<std::size_t, std::string_view>> deletions;
    std::size_t at = 0;
    for (const WordRun& run : words) {
        switch (run.kind) {
            case RunKind::Equal:
                at += run.text.size();
                break;
            case RunKind::Inserted: {
                auto [begin, end] = core(run.text);
                for (std::size_t k = begin; k < end && at + k < inserted.size(); ++k)
                    inserted[at + k] = run.text[k] != '\n';
                at += run.text.size();
                break;
            }
            case RunKind::Deleted:
                deletions.emplace_back(at, run.text);
                break;
        }
    }
    if (at != after.size()) return false;
    std::size_t next = 0;
    auto deletionAt = [&](std::size_t offset) {
        return next < deletions.size() && deletions[next].first <= offset;
    };
    auto emitDeletions = [&](Inline& out, std::size_t offset) {
        while (deletionAt(offset)) appendDeleted(out, deletions[next++].second);
    };
    std::size_t offset = 0;
    for (std::size_t p = 0; p < paragraphs.size(); ++p) {
        if (p > 0) ++offset;  // the "\n" between paragraphs
        Inline out;
        for (const Run& run : *paragraphs[p]) {
            if (run.lineBreak) {
                emitDeletions(out, offset);
                out.push_back(run);
                ++offset;
                continue;
            }
            std::size_t j = 0;
            while (j < run.text.size()) {
                emitDeletions(out, offset + j);
                bool isInserted = inserted[offset + j];
                std::size_t k = j + 1;
                while (k < run.text.size() && inserted[offset + k] == isInserted &&
                       !deletionAt(offset + k))
                    ++k;
                Run piece = run;
                piece.text = run.text.substr(j, k - j);
                if (isInserted) piece.change = Change::Inserted;
                out.push_back(std::move(piece));
                j = k;
            }
            offset += run.text.size();
        }
        emitDeletions(out, offset);
        *paragraphs[p] = std::move(out);
    }
    return true;
}

// The inline texts of a part of an element (TextChange::part).
std::vector<Inline*> partOf(const Slot& slot, const std::string& part) {
    if (part == "text") return slot.text;
    std::vector<Inline*> out;
    withObject(slot.object, [&](auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, Division> || std::is_same_v<T, EntryList> ||
                      std::is_same_v<T, FormsList>) {
            if (part == "heading") out.push_back(&value.heading);
        } else if constexpr (std::is_same_v<T, Table>) {
            if (part == "caption") out.push_back(&value.caption);
        } else if constexpr (std::is_same_v<T, Entry> || std::is_same_v<T, Form>) {
            if (part == "name") out.push_back(&value.name);
        }
    });
    return out;
}

// The first inline text of an element, where a note goes; nullptr: none.
Inline* firstText(const Slot& slot) {
    for (const char* part : {"heading", "caption", "name"}) {
        std::vector<Inline*> texts = partOf(slot, part);
        if (!texts.empty() && !texts.front()->empty()) return texts.front();
    }
    if (!slot.text.empty()) return slot.text.front();
    for (const std::vector<Inline*>& cell : slot.cellTexts)
        if (!cell.empty()) return cell.front();
    return nullptr;
}

// --- deleted elements put back -------------------------------------------

using Payload = std::variant<Block, ListItem, Row, Entry, Form, Division>;

struct Insertion {
    Container container;
    std::size_t index = 0;
    int depth = 0;
    std::size_t order = 0;
    Payload payload;
};

// The copy of a's element, marked deleted, as the container of b takes it.
std::optional<Payload> deletedCopy(const Slot& slot, bool asBlock) {
    std::optional<Payload> out;
    withObject(slot.object, [&](auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (!std::is_same_v<T, ChangeRecord> && !std::is_same_v<T, FormsList>) {
            T copy = value;
            mark(copy, Change::Deleted);
            if constexpr (std::is_same_v<T, ListItem> || std::is_same_v<T, Row> ||
                          std::is_same_v<T, Entry> || std::is_same_v<T, Form>) {
                out = Payload{std::move(copy)};
            } else if constexpr (std::is_same_v<T, Division>) {
                if (asBlock)
                    out = Payload{Block{std::move(copy)}};
                else
                    out = Payload{std::move(copy)};
            } else {
                out = Payload{Block{std::move(copy)}};
            }
        }
    });
    return out;
}

// Where the children of b's slot of the kind go.
Container containerIn(Index& b, int parent, ElementKind kind, bool headerRow, int cell) {
    const Slot& owner = b.slots[static_cast<std::size_t>(parent)];
    Container none;
    if (parent == 0) {
        if (kind == ElementKind::Annex) return Container{&b.content->annexes};
        if (kind == ElementKind::Item || kind == ElementKind::Row || kind == ElementKind::Entry ||
            kind == ElementKind::Form || kind == ElementKind::ChangeRecord ||
            kind == ElementKind::FormsList)
            return none;
        return Container{&b.content->body};
    }
    switch (kind) {
        case ElementKind::Item:
            if (auto* list = std::get_if<List*>(&owner.object)) return Container{&(*list)->items};
            return none;
        case ElementKind::Row:
            if (auto* table = std::get_if<Table*>(&owner.object))
                return Container{headerRow ? &(*table)->headerRows : &(*table)->rows};
            return none;
        case ElementKind::Entry:
            if (auto* list = std::get_if<EntryList*>(&owner.object))
                return Container{&(*list)->entries};
            return none;
        case ElementKind::Form:
            if (auto* list = std::get_if<FormsList*>(&owner.object))
                return Container{&(*list)->forms};
            return none;
        case ElementKind::ChangeRecord:
        case ElementKind::FormsList:
        case ElementKind::Annex:
            return none;
        default:
            break;
    }
    if (auto* division = std::get_if<Division*>(&owner.object))
        return Container{&(*division)->children};
    if (auto* item = std::get_if<ListItem*>(&owner.object)) return Container{&(*item)->blocks};
    if (auto* row = std::get_if<Row*>(&owner.object)) {
        if ((*row)->cells.empty()) return none;
        std::size_t c =
            cell >= 0 ? std::min(static_cast<std::size_t>(cell), (*row)->cells.size() - 1) : 0;
        return Container{&(*row)->cells[c].blocks};
    }
    return none;
}

// Blocks of a container before the first element: its leading text.
std::size_t leadingText(const Container& container) {
    auto* const* blocks = std::get_if<std::vector<Block>*>(&container);
    if (blocks == nullptr) return 0;
    std::size_t k = 0;
    for (const Block& block : **blocks) {
        const auto* paragraph = std::get_if<Paragraph>(&block.value);
        if (paragraph == nullptr || !paragraph->eId.empty()) break;
        ++k;
    }
    return k;
}

void insert(Insertion& insertion) {
    std::visit(
        [&](auto* container) {
            if constexpr (!std::is_same_v<decltype(container), std::monostate*>) {
                using T = typename std::remove_pointer_t<decltype(container)>::value_type;
                if (auto* value = std::get_if<T>(&insertion.payload)) {
                    std::size_t at = std::min(insertion.index, container->size());
                    container->insert(container->begin() + static_cast<std::ptrdiff_t>(at),
                                      std::move(*value));
                }
            }
        },
        std::visit(
            [](auto held)
                -> std::variant<std::monostate*, std::vector<Block>*, std::vector<ListItem>*,
                                std::vector<Row>*, std::vector<Entry>*, std::vector<Form>*,
                                std::vector<Division>*> {
                if constexpr (std::is_same_v<decltype(held), std::monostate>)
                    return static_cast<std::monostate*>(nullptr);
                else
                    return held;
            },
            insertion.container));
}

class Marker {
public:
    Marker(Index& a, Index& b, const Comparison& comparison, RedlineLanguage language)
        : _a(a), _b(b), _comparison(comparison), _language(language) {
        for (const ElementChange& change : comparison.elements)
            if (change.before && change.after && !change.before->eId.empty() &&
                change.before->eId != change.after->eId)
                _renamed.emplace(change.before->eId, change.after->eId);
    }

    // Marks on the runs of b: no structural change, the indexes stay valid.
    void markRuns() {
        for (const ElementChange& change : _comparison.elements) {
            if (!change.after) continue;
            int found = _b.find(*change.after);
            if (found < 0) continue;
            const Slot& slot = _b.slots[static_cast<std::size_t>(found)];
            if (change.has(ChangeType::Added)) {
                markObject(slot.object, Change::Inserted);
                continue;
            }
            for (const TextChange& text : change.texts)
                (void)applyWords(partOf(slot, text.part), text.words, text.after);
            for (const CellChange& cell : change.cells) markCell(slot, found, cell);
            if ((change.has(ChangeType::Moved) || change.has(ChangeType::Renumbered)) &&
                change.before)
                note(slot, *change.before);
        }
    }

    // The copies of a's deleted elements, inserted into b: the deepest
    // containers first, and in each from the back, so that every container
    // and index resolved beforehand is still valid when its turn comes.
    void putBackDeleted() {
        std::vector<Insertion> insertions;
        for (const ElementChange& change : _comparison.elements) {
            if (!change.has(ChangeType::Deleted) || !change.before) continue;
            if (auto insertion = placeOf(*change.before, insertions.size()))
                insertions.push_back(std::move(*insertion));
        }
        std::sort(insertions.begin(), insertions.end(), [](const Insertion& x, const Insertion& y) {
            return std::tie(y.depth, y.index, y.order) < std::tie(x.depth, x.index, x.order);
        });
        for (Insertion& insertion : insertions) insert(insertion);
    }

private:
    void markCell(const Slot& table, int tableIndex, const CellChange& cell) {
        for (int child : table.children) {
            const Slot& row = _b.slots[static_cast<std::size_t>(child)];
            if (row.kind != ElementKind::Row || row.position != cell.row ||
                row.headerRow != cell.headerRow)
                continue;
            for (std::size_t c = 0; c < row.cellColumns.size(); ++c)
                if (row.cellColumns[c] == cell.column)
                    (void)applyWords(row.cellTexts[c], cell.words, cell.after);
            return;
        }
        (void)tableIndex;
    }

    void note(const Slot& slot, const Place& before) {
        Inline* text = firstText(slot);
        if (text == nullptr) return;
        Run run;
        run.text = std::string("[") + detail::labelsOf(_language).formerly + ": " +
                   locationText(before, _comparison.language) + "] ";
        run.italic = true;
        run.change = Change::Note;
        text->insert(text->begin(), std::move(run));
    }

    // b's counterpart of a's slot: by eId (or the eId it was matched to),
    // else by the same path.
    int counterpart(int aSlot) const {
        if (aSlot == 0) return 0;
        const Slot& slot = _a.slots[static_cast<std::size_t>(aSlot)];
        if (!slot.eId.empty()) {
            auto renamed = _renamed.find(slot.eId);
            const std::string& eId = renamed != _renamed.end() ? renamed->second : slot.eId;
            auto found = _b.byEId.find(eId);
            return found != _b.byEId.end() ? found->second : -1;
        }
        Place place;
        for (int step : _a.pathTo(aSlot)) {
            const Slot& s = _a.slots[static_cast<std::size_t>(step)];
            place.path.push_back({s.kind, s.eId, "", "", s.position});
        }
        place.headerRow = slot.headerRow;
        return _b.find(place);
    }

    std::optional<Insertion> placeOf(const Place& before, std::size_t order) const {
        int aSlot = _a.find(before);
        if (aSlot <= 0) return std::nullopt;
        const Slot& deleted = _a.slots[static_cast<std::size_t>(aSlot)];
        int bParent = counterpart(deleted.parent);
        if (bParent < 0) return std::nullopt;
        Container container =
            containerIn(_b, bParent, deleted.kind, deleted.headerRow, deleted.cell);
        if (std::holds_alternative<std::monostate>(container)) return std::nullopt;
        bool asBlock = !std::holds_alternative<std::vector<Division>*>(container);
        std::optional<Payload> payload = deletedCopy(deleted, asBlock);
        if (!payload) return std::nullopt;
        Insertion insertion{container, leadingText(container),
                            _b.slots[static_cast<std::size_t>(bParent)].depth, order,
                            std::move(*payload)};
        // After the counterpart of the nearest earlier sibling that has one.
        const std::vector<int>& siblings =
            _a.slots[static_cast<std::size_t>(deleted.parent)].children;
        auto self = std::find(siblings.begin(), siblings.end(), aSlot);
        for (auto it = self; it != siblings.begin();) {
            --it;
            if (_a.slots[static_cast<std::size_t>(*it)].eId.empty()) continue;
            int other = counterpart(*it);
            if (other < 0) continue;
            const Slot& placed = _b.slots[static_cast<std::size_t>(other)];
            if (placed.container != container) continue;
            insertion.index = placed.index + 1;
            break;
        }
        return insertion;
    }

    Index& _a;
    Index& _b;
    const Comparison& _comparison;
    RedlineLanguage _language;
    std::unordered_map<std::string, std::string> _renamed;
};

}  // namespace

std::optional<RedlineLanguage> parseRedlineLanguage(std::string_view text) {
    if (text == "kk") return RedlineLanguage::Kazakh;
    if (text == "ru") return RedlineLanguage::Russian;
    if (text == "en") return RedlineLanguage::English;
    return std::nullopt;
}

RedlineLanguage redlineLanguageOf(Language language) {
    return language == Language::Russian ? RedlineLanguage::Russian : RedlineLanguage::Kazakh;
}

std::string redlineBanner(RedlineLanguage language) {
    return detail::labelsOf(language).banner;
}

Redline buildRedline(const content::Content& a, const content::Content& b,
                     const Comparison& comparison, const RedlineSides& sides,
                     RedlineLanguage language) {
    Redline redline;
    redline.content = b;
    content::Content earlier = a;
    Index aIndex = detail::indexOf(earlier);
    Index bIndex = detail::indexOf(redline.content);
    Marker marker(aIndex, bIndex, comparison, language);
    marker.markRuns();
    marker.putBackDeleted();
    redline.banner = redlineBanner(language);
    redline.summary = detail::redlineSummary(b, comparison, sides, language, redline.changes);
    return redline;
}

}  // namespace nusqa::compare
