// The body's hierarchy from the classified lines, with a stack of open
// containers (every open node is the last child of the one below it, so
// the pointers stay valid while children are appended):
//
//   chapter      «1 Тарау.», «Глава 1.», a numbered heading «1 ЖАЛПЫ
//                ЕРЕЖЕЛЕР», «## 1. Жалпы ережелер»
//   paragraph    «Параграф 2.» inside its chapter
//   section      a numbered heading «5.1 ...», «5.1.1 ...» (followed by a
//                table or deeper numbers, or short without a full stop)
//   clause       «1.» where clause numbers run through the document, else
//                «1.1» / «1.1.»; a number «2.2.1.» under clause 2.2 is a
//                sub-clause
//   sub-clause   «1)» under a clause, «а)» under «1)»
//   list         bullets; «1.» items inside a «1.1» clause
//   references / terms / abbreviations   the items after an introduction
//                that announces them («... нормативтік құжаттар ...:»)
// Lines that match nothing are paragraphs (reported); a line starting in
// lower case after one without a full stop continues it (a page break).
#include "import/detail/Blocks.h"
#include "import/detail/Inline.h"
#include "import/detail/Utf8.h"

namespace nusqa::import {
namespace {

struct Open {
    Node* node = nullptr;
    int depth = 0;  // chapter 1; «1.1» 2; «1)» one below its clause
    bool paren = false;
    bool letter = false;
    Special special = Special::None;
};

bool endsSentence(std::string_view text) {
    std::string_view t = trim(text);
    return t.empty() || t.ends_with(".") || t.ends_with(";") || t.ends_with(":") ||
           t.ends_with("!") || t.ends_with("?");
}

bool startsLower(std::string_view text) {
    std::size_t at = 0;
    std::string_view t = trim(text);
    return !t.empty() && isLower(decodeAt(t, at));
}

class Builder {
public:
    Builder(Recognition& r, std::vector<Node>& out) : _r(r), _out(out) {}

    void run(std::size_t begin, std::size_t end) {
        _end = end;
        for (std::size_t i = begin; i < end; ++i) {
            Item& item = _r.items[i];
            if (item.used) continue;
            _index = i;
            if (item.isTable) {
                onTable(*item.table);
                continue;
            }
            onParagraph(item.para);
        }
    }

private:
    std::vector<Node>& children() { return _stack.empty() ? _out : _stack.back().node->children; }

    // Appending may move earlier siblings: pointers to their text are dropped.
    Node* append(Node node) {
        _list = nullptr;
        _lastRuns = nullptr;
        children().push_back(std::move(node));
        return &children().back();
    }

    void popWhile(auto predicate) {
        while (!_stack.empty() && predicate(_stack.back())) _stack.pop_back();
        _list = nullptr;
    }

    bool inClause() const {
        return !_stack.empty() && (_stack.back().node->kind == NodeKind::Clause ||
                                   _stack.back().node->kind == NodeKind::Subclause);
    }

    Special currentSpecial() const {
        if (_stack.empty()) return Special::None;
        const Open& top = _stack.back();
        return top.special;
    }

    static Node container(NodeKind kind, const Para& para, std::vector<Run> heading) {
        Node node;
        node.kind = kind;
        node.line = para.line;
        node.num = para.info.num;
        node.key = numberKey(para.info.numbers);
        node.heading = plainRuns(trimRuns(std::move(heading)));
        return node;
    }

    std::vector<Run> rest(const Para& para) const {
        return trimRuns(runsFrom(para.runs, para.info.rest));
    }

    void setText(std::vector<Run>* runs, const Para& para) {
        _lastRuns = runs;
        _lastItem = false;
        _lastLine = para.line;
    }

    void openChapter(const Para& para) {
        popWhile([](const Open&) { return true; });
        Node* node = append(container(NodeKind::Chapter, para, rest(para)));
        _stack.push_back({node, 1, false, false, specialOfHeading(runsText(node->heading))});
        _sawChapter = true;
    }

    void openParagraph(const Para& para) {
        popWhile([](const Open& open) { return open.node->kind != NodeKind::Chapter; });
        // A paragraph belongs to a chapter; without one it is a titled section.
        NodeKind kind = _stack.empty() ? NodeKind::Section : NodeKind::Paragraph;
        Node* node = append(container(kind, para, rest(para)));
        _stack.push_back({node, 1, false, false, specialOfHeading(runsText(node->heading))});
        _lastRuns = nullptr;
    }

    void openSection(const Para& para, int depth) {
        popWhile([depth](const Open& open) {
            NodeKind kind = open.node->kind;
            return kind == NodeKind::Clause || kind == NodeKind::Subclause ||
                   (kind == NodeKind::Section && open.depth >= depth);
        });
        Node* node = append(container(NodeKind::Section, para, rest(para)));
        _stack.push_back({node, depth, false, false, specialOfHeading(runsText(node->heading))});
        _lastRuns = nullptr;
    }

    // A numbered clause or sub-clause with its text as the first paragraph.
    void openClause(const Para& para, int depth, bool paren, bool letter) {
        NodeKind kind = NodeKind::Clause;
        if (!_stack.empty()) {
            const Open& top = _stack.back();
            if (top.node->kind == NodeKind::Clause || top.node->kind == NodeKind::Subclause)
                kind = NodeKind::Subclause;
        }
        Node node = container(kind, para, {});
        if (letter) node.key.clear();
        std::vector<Run> text = rest(para);
        Special special = specialOfIntro(runsText(text));
        if (!text.empty()) {
            Node p;
            p.kind = NodeKind::P;
            p.line = para.line;
            p.text = std::move(text);
            node.children.push_back(std::move(p));
        }
        Node* added = append(std::move(node));
        _stack.push_back({added, depth, paren, letter, special});
        if (!added->children.empty()) setText(&added->children.back().text, para);
    }

    // A numbered line inside a clause, a special list, or a list.
    void addListItem(const Para& para, bool ordered) {
        Node item;
        item.kind = NodeKind::Item;
        item.line = para.line;
        item.num = para.info.num;
        Node p;
        p.kind = NodeKind::P;
        p.line = para.line;
        p.text = rest(para);
        item.children.push_back(std::move(p));
        if (_list == nullptr || _list->ordered != ordered) {
            Node list;
            list.kind = NodeKind::List;
            list.ordered = ordered;
            list.line = para.line;
            _list = append(std::move(list));
        }
        _list->children.push_back(std::move(item));
        setText(&_list->children.back().children.back().text, para);
        _lastItem = true;
    }

    bool addSpecialItem(Special special, const Para& para, const std::string& num) {
        Node item;
        std::vector<Run> text = num.empty() ? para.runs : rest(para);
        if (!makeSpecialItem(special, num, text, para.line, item)) return false;
        std::vector<Node>& siblings = children();
        if (_special == nullptr || siblings.empty() || &siblings.back() != _special ||
            _special->kind != blockKind(special)) {
            Node block;
            block.kind = blockKind(special);
            block.line = para.line;
            _special = append(std::move(block));
        }
        _special->children.push_back(std::move(item));
        setText(&_special->children.back().text, para);
        _lastItem = true;
        return true;
    }

    void onParagraph(const Para& para) {
        const LineInfo& info = para.info;
        std::string restText = para.text.substr(std::min(info.rest, para.text.size()));
        switch (info.kind) {
            case LineKind::Blank:
                return;
            case LineKind::Chapter:
                return openChapter(para);
            case LineKind::Paragraph:
                return openParagraph(para);
            case LineKind::Numbered:
                return onNumbered(para, restText);
            case LineKind::Item:
                return onItem(para);
            case LineKind::LetterItem:
                return onLetter(para);
            case LineKind::Bullet:
                return onBullet(para);
            case LineKind::Text:
                return onText(para);
        }
    }

    // The next content line is numbered below this one («1.1» after «1»).
    bool headsDeeperNumbers(const Para& para) const {
        std::size_t next = _r.nextContent(_index + 1, _end);
        if (next >= _end || _r.items[next].isTable) return false;
        const std::vector<int>& mine = para.info.numbers;
        const std::vector<int>& theirs = _r.items[next].para.info.numbers;
        return _r.items[next].para.info.kind == LineKind::Numbered && theirs.size() > mine.size() &&
               std::equal(mine.begin(), mine.end(), theirs.begin());
    }

    bool sectionLike(const Para& para, const std::string& restText) const {
        if (para.headingLevel > 0) return true;
        std::string_view text = trim(restText);
        if (text.ends_with(":") || text.ends_with(";")) return false;
        std::size_t next = _r.nextContent(_index + 1, _end);
        if (next < _end && _r.items[next].isTable) return true;
        if (headsDeeperNumbers(para)) return true;
        return wordCount(text) <= 12 && !text.ends_with(".") && !text.ends_with(",");
    }

    // «1 Общие положения» followed by «1.1 ...»: a heading in sentence case
    // (Russian documents write them so) heads a chapter as «1 ЖАЛПЫ
    // ЕРЕЖЕЛЕР» does.
    bool chapterHeading(const Para& para, const std::string& restText) const {
        std::string_view text = trim(restText);
        if (isAllUpper(restText) && wordCount(restText) <= 20) return true;
        return !_r.globalClauses && wordCount(text) <= 12 && !endsSentence(text) &&
               !text.ends_with(":") && !text.ends_with(";") && !text.ends_with(",") &&
               headsDeeperNumbers(para);
    }

    void onNumbered(const Para& para, const std::string& restText) {
        const std::vector<int>& numbers = para.info.numbers;
        const int depth = static_cast<int>(numbers.size());
        if (depth == 1 && (para.headingLevel > 0 || chapterHeading(para, restText)))
            return openChapter(para);
        if (depth >= 2) {
            if (sectionLike(para, restText)) return openSection(para, depth);
            popWhile([depth](const Open& open) {
                NodeKind kind = open.node->kind;
                return ((kind == NodeKind::Clause || kind == NodeKind::Subclause ||
                         kind == NodeKind::Section) &&
                        open.depth >= depth) ||
                       open.paren || open.letter;
            });
            return openClause(para, depth, false, false);
        }
        // A single number.
        if (_r.globalClauses || !para.info.dot || !inClause()) {
            popWhile([](const Open& open) {
                return open.node->kind == NodeKind::Clause ||
                       open.node->kind == NodeKind::Subclause;
            });
            return openClause(para, _r.globalClauses ? 1 : 2, false, false);
        }
        addListItem(para, true);
    }

    void onItem(const Para& para) {
        popWhile([](const Open& open) { return open.paren || open.letter; });
        Special special = currentSpecial();
        if (special != Special::None && addSpecialItem(special, para, para.info.num)) return;
        if (inClause()) return openClause(para, _stack.back().depth + 1, true, false);
        addListItem(para, true);
    }

    void onLetter(const Para& para) {
        popWhile([](const Open& open) { return open.letter; });
        if (inClause()) return openClause(para, _stack.back().depth + 1, false, true);
        addListItem(para, true);
    }

    void onBullet(const Para& para) {
        if (currentSpecial() == Special::References &&
            addSpecialItem(Special::References, para, para.info.num))
            return;
        addListItem(para, false);
    }

    void onText(const Para& para) {
        // A paragraph broken by a page, or a short tail of the item above.
        if (_lastRuns != nullptr && !endsSentence(runsText(*_lastRuns)) &&
            (startsLower(para.text) ||
             (_lastItem && wordCount(para.text) <= 3 && endsSentence(para.text)))) {
            _lastRuns->push_back(Run{" ", false, false, false, {}});
            for (const Run& run : para.runs) _lastRuns->push_back(run);
            _r.warn(para.line, "joined to the text of line " + std::to_string(_lastLine) +
                                   " (a paragraph broken across lines or pages)");
            return;
        }
        if (currentSpecial() == Special::References && !inClause() && para.headingLevel == 0 &&
            addSpecialItem(Special::References, para, {}))
            return;
        if (para.headingLevel > 0) {
            // An unnumbered heading: a chapter at the top level, else a section.
            if (para.headingLevel <= 1 && !_sawChapter) return openChapter(para);
            return openSection(para, 2);
        }
        Node p;
        p.kind = NodeKind::P;
        p.line = para.line;
        p.text = para.runs;
        p.plain = true;
        _r.plain(para);
        Node* added = append(std::move(p));
        setText(&added->text, para);
    }

    void onTable(const SourceTable& table) {
        Special special = currentSpecial();
        if ((special == Special::Terms || special == Special::Abbreviations) && !inClause()) {
            std::vector<Node> blocks = termsFromTable(table);
            if (!blocks.empty()) {
                for (Node& block : blocks) append(std::move(block));
                _lastRuns = nullptr;
                return;
            }
        }
        Node made = makeTable(table);
        if (!made.rows.empty()) append(std::move(made));  // a table of empty rows holds no text
        _lastRuns = nullptr;
    }

    Recognition& _r;
    std::vector<Node>& _out;
    std::vector<Open> _stack;
    Node* _list = nullptr;
    Node* _special = nullptr;
    std::vector<Run>* _lastRuns = nullptr;
    bool _lastItem = false;
    int _lastLine = 0;
    bool _sawChapter = false;
    std::size_t _index = 0, _end = 0;
};

}  // namespace

void buildBody(Recognition& r, std::size_t begin, std::size_t end, std::vector<Node>& out) {
    Builder builder(r, out);
    builder.run(begin, end);
}

}  // namespace nusqa::import
