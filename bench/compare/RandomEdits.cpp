#include "compare/RandomEdits.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <variant>

#include "compare/EditSites.h"
#include "domain/WordDiff.h"

namespace nusqa::compare::testing {
namespace {

using namespace content;

class Editor {
public:
    Editor(Content& content, std::mt19937_64& random) : _content(content), _random(random) {}

    std::optional<AppliedEdit> edit() {
        static constexpr EditKind kKinds[] = {
            EditKind::Reword, EditKind::Delete, EditKind::Insert, EditKind::Renumber,
            EditKind::Move,   EditKind::Cell,   EditKind::Title};
        constexpr std::size_t count = std::size(kKinds);
        std::size_t first = pick(count);
        for (std::size_t k = 0; k < count; ++k) {
            std::optional<AppliedEdit> done = apply(kKinds[(first + k) % count]);
            if (done) return done;
        }
        return std::nullopt;
    }

private:
    std::size_t pick(std::size_t n) { return static_cast<std::size_t>(_random() % n); }

    template <typename T>
    T* choose(std::vector<T*>& from) {
        return from.empty() ? nullptr : from[pick(from.size())];
    }

    std::string freshWord() { return "жаңасөз" + std::to_string(++_counter); }

    void protect(const std::vector<std::string>& ancestors) {
        _noDelete.insert(ancestors.begin(), ancestors.end());
    }

    std::optional<AppliedEdit> apply(EditKind kind) {
        switch (kind) {
            case EditKind::Reword:
                return reword();
            case EditKind::Delete:
                return remove();
            case EditKind::Insert:
                return insert();
            case EditKind::Renumber:
                return renumber();
            case EditKind::Move:
                return move();
            case EditKind::Cell:
                return cell();
            case EditKind::Title:
                return title();
        }
        return std::nullopt;
    }

    // Replaces one word of text with a fresh one; the word replaced.
    std::string replaceWord(Inline& text, const std::string& word) {
        std::vector<std::pair<std::size_t, std::size_t>> words;  // run, token
        std::vector<std::vector<Token>> tokens;
        for (std::size_t r = 0; r < text.size(); ++r) {
            tokens.push_back(tokenize(text[r].text));
            for (std::size_t t = 0; t < tokens.back().size(); ++t)
                if (tokens.back()[t].kind == TokenKind::Word) words.emplace_back(r, t);
        }
        auto [r, t] = words[pick(words.size())];
        std::string replaced(tokens[r][t].text);
        std::string out;
        for (std::size_t k = 0; k < tokens[r].size(); ++k)
            out += k == t ? std::string_view(word) : tokens[r][k].text;
        text[r].text = out;
        return replaced;
    }

    std::optional<AppliedEdit> reword() {
        EditSites walker(_content);
        std::vector<Element*> candidates;
        for (Element& element : walker.elements)
            if (!element.texts.empty() && !_edited.contains(element.eId))
                candidates.push_back(&element);
        Element* chosen = choose(candidates);
        if (chosen == nullptr) return std::nullopt;
        std::string word = freshWord();
        std::string old = replaceWord(*chosen->texts[pick(chosen->texts.size())], word);
        lock(*chosen);
        return AppliedEdit{EditKind::Reword, chosen->kind, chosen->eId, word,
                           "reword " + chosen->eId + ": «" + old + "» -> «" + word + "»"};
    }

    std::optional<AppliedEdit> remove() {
        EditSites walker(_content);
        std::vector<Element*> candidates;
        for (Element& element : walker.elements)
            if (element.take && !element.alone && !_edited.contains(element.eId) &&
                !_noDelete.contains(element.eId))
                candidates.push_back(&element);
        Element* chosen = choose(candidates);
        if (chosen == nullptr) return std::nullopt;
        chosen->take();
        lock(*chosen);
        return AppliedEdit{EditKind::Delete, chosen->kind, chosen->eId, "",
                           "delete " + chosen->eId};
    }

    Piece newPiece(ElementKind kind, const std::string& eId, std::string& word) {
        word = freshWord();
        Inline text{Run{word + " " + freshWord() + " " + freshWord()}};
        std::string num = "N" + std::to_string(_counter) + ".";
        switch (kind) {
            case ElementKind::Clause:
            case ElementKind::Subclause:
            case ElementKind::Section: {
                Division division;
                division.kind = kind == ElementKind::Clause      ? Division::Kind::Clause
                                : kind == ElementKind::Subclause ? Division::Kind::Subclause
                                                                 : Division::Kind::Section;
                division.eId = eId;
                division.num = num;
                division.children.push_back(Block{Paragraph{"", text}});
                return Block{std::move(division)};
            }
            case ElementKind::Item:
                return ListItem{eId, "*", {Block{Paragraph{"", text}}}};
            case ElementKind::Entry:
                return Entry{eId, "", "", {}, text};
            default:
                return Form{eId, num, "НЫСАН-" + std::to_string(_counter), text};
        }
    }

    std::optional<AppliedEdit> insert() {
        EditSites walker(_content);
        std::vector<Container*> candidates;
        for (Container& container : walker.containers)
            if (!container.accepts.empty() && !_inserted.contains(container.eId))
                candidates.push_back(&container);
        Container* chosen = choose(candidates);
        if (chosen == nullptr) return std::nullopt;
        ElementKind kind = chosen->accepts.front();
        std::string eId = "zzedit_" + std::to_string(++_counter);
        std::string word;
        chosen->insert(pick(chosen->size + 1), newPiece(kind, eId, word));
        _edited.insert(eId);
        _inserted.insert(eId);
        protect(chosen->ancestors);
        _noDelete.insert(chosen->eId);
        return AppliedEdit{EditKind::Insert, kind, eId, word,
                           "insert " + eId + " into " + chosen->eId};
    }

    std::optional<AppliedEdit> renumber() {
        EditSites walker(_content);
        std::vector<Element*> candidates;
        for (Element& element : walker.elements)
            if (element.num != nullptr && !_edited.contains(element.eId))
                candidates.push_back(&element);
        Element* chosen = choose(candidates);
        if (chosen == nullptr) return std::nullopt;
        std::string old = *chosen->num;
        *chosen->num = "R" + std::to_string(++_counter) + ".";
        lock(*chosen);
        return AppliedEdit{EditKind::Renumber, chosen->kind, chosen->eId, "",
                           "renumber " + chosen->eId + ": «" + old + "» -> «" + *chosen->num + "»"};
    }

    std::optional<AppliedEdit> move() {
        EditSites walker(_content);
        struct Option {
            Element* element;
            std::vector<Container*> destinations;
        };
        std::vector<Option> clauses;
        std::vector<Option> others;
        for (Element& element : walker.elements) {
            if (!element.take || element.alone || _edited.contains(element.eId)) continue;
            Option option{&element, {}};
            for (Container& container : walker.containers) {
                bool accepts = std::find(container.accepts.begin(), container.accepts.end(),
                                         element.kind) != container.accepts.end();
                bool inside = container.eId == element.eId ||
                              std::find(container.ancestors.begin(), container.ancestors.end(),
                                        element.eId) != container.ancestors.end();
                bool current =
                    !element.ancestors.empty() && element.ancestors.back() == container.eId;
                if (accepts && !inside && !current && !_inserted.contains(container.eId))
                    option.destinations.push_back(&container);
            }
            if (option.destinations.empty()) continue;
            (element.kind == ElementKind::Clause ? clauses : others).push_back(std::move(option));
        }
        std::vector<Option>& options = clauses.empty() ? others : clauses;
        if (options.empty()) return std::nullopt;
        Option& option = options[pick(options.size())];
        std::string eId = option.element->eId;
        ElementKind kind = option.element->kind;
        std::string destination = option.destinations[pick(option.destinations.size())]->eId;
        Piece piece = option.element->take();
        EditSites after(_content);  // the take may have moved the destination in memory
        for (Container& container : after.containers) {
            if (container.eId != destination) continue;
            container.insert(pick(container.size + 1), std::move(piece));
            _edited.insert(eId);
            protect(container.ancestors);
            _noDelete.insert(destination);
            _noDelete.insert(eId);
            return AppliedEdit{EditKind::Move, kind, eId, "",
                               "move " + eId + " into " + destination};
        }
        return std::nullopt;  // not reached: the destination is not inside what was taken
    }

    std::optional<AppliedEdit> cell() {
        EditSites walker(_content);
        std::vector<CellSite*> candidates;
        for (CellSite& site : walker.cells)
            if (!_tables.contains(site.table) && !_edited.contains(site.table) &&
                (site.row.empty() || !_edited.contains(site.row)))
                candidates.push_back(&site);
        CellSite* chosen = choose(candidates);
        if (chosen == nullptr) return std::nullopt;
        std::string word = freshWord();
        std::string old = replaceWord(*chosen->text, word);
        _tables.insert(chosen->table);
        protect(chosen->ancestors);
        return AppliedEdit{EditKind::Cell, ElementKind::Table, chosen->table, word,
                           "cell of " + chosen->table +
                               (chosen->row.empty() ? "" : " row " + chosen->row) + ": «" + old +
                               "» -> «" + word + "»"};
    }

    std::optional<AppliedEdit> title() {
        if (_titleChanged) return std::nullopt;
        _titleChanged = true;
        std::string word = freshWord();
        _content.meta.title += " " + word;
        return AppliedEdit{EditKind::Title, ElementKind::Chapter, "", word,
                           "title + «" + word + "»"};
    }

    void lock(const Element& element) {
        _edited.insert(element.eId);
        protect(element.ancestors);
    }

    Content& _content;
    std::mt19937_64& _random;
    int _counter = 0;
    bool _titleChanged = false;
    std::set<std::string> _edited;    // edited, deleted or inserted: not edited again
    std::set<std::string> _noDelete;  // holds an edit: deleting it would hide the edit
    std::set<std::string> _inserted;  // new elements: nothing goes into them
    std::set<std::string> _tables;    // tables with a changed cell
};

class Renamer {
public:
    int count = 0;

    void blocks(std::vector<Block>& list) {
        for (Block& block : list) {
            if (auto* division = std::get_if<Division>(&block.value)) {
                rename(division->eId, "div");
                blocks(division->children);
            } else if (auto* paragraph = std::get_if<Paragraph>(&block.value)) {
                rename(paragraph->eId, "p");
            } else if (auto* list = std::get_if<List>(&block.value)) {
                rename(list->eId, "list");
                for (ListItem& item : list->items) {
                    rename(item.eId, "item");
                    blocks(item.blocks);
                }
            } else if (auto* table = std::get_if<Table>(&block.value)) {
                rename(table->eId, "tbl");
                for (auto* rows : {&table->headerRows, &table->rows})
                    for (Row& row : *rows) {
                        rename(row.eId, "row");
                        for (Cell& cell : row.cells) blocks(cell.blocks);
                    }
            } else if (auto* entries = std::get_if<EntryList>(&block.value)) {
                rename(entries->eId, "entries");
                for (Entry& entry : entries->entries) rename(entry.eId, "entry");
            }
        }
    }

    void rename(std::string& eId, const char* kind) {
        if (!eId.empty()) eId = "r" + std::to_string(++count) + "_" + kind;
    }
};

}  // namespace

int regenerateEIds(content::Content& content) {
    Renamer renamer;
    renamer.blocks(content.body);
    if (content.forms) {
        renamer.rename(content.forms->eId, "forms");
        for (Form& form : content.forms->forms) renamer.rename(form.eId, "form");
    }
    for (Division& annex : content.annexes) {
        renamer.rename(annex.eId, "annex");
        renamer.blocks(annex.children);
    }
    for (ChangeRecord& change : content.changes) renamer.rename(change.eId, "chg");
    return renamer.count;
}

std::string_view toString(EditKind kind) {
    switch (kind) {
        case EditKind::Reword:
            return "reword";
        case EditKind::Delete:
            return "delete";
        case EditKind::Insert:
            return "insert";
        case EditKind::Renumber:
            return "renumber";
        case EditKind::Move:
            return "move";
        case EditKind::Cell:
            return "cell";
        case EditKind::Title:
            return "title";
    }
    return "reword";
}

std::vector<AppliedEdit> applyRandomEdits(content::Content& content, std::mt19937_64& random,
                                          int count) {
    Editor editor(content, random);
    std::vector<AppliedEdit> edits;
    for (int k = 0; k < count; ++k) {
        std::optional<AppliedEdit> edit = editor.edit();
        if (!edit) break;
        edits.push_back(std::move(*edit));
    }
    return edits;
}

}  // namespace nusqa::compare::testing
