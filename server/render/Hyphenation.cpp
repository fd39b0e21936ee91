#include "render/detail/Hyphenation.h"

#include <system_error>
#include <type_traits>
#include <variant>

#include "render/Render.h"
#include "render/detail/Fonts.h"

namespace nusqa::render {

const std::vector<std::size_t>& Hyphenation::points(const std::u32string& word) {
    if (!_thread.joinable()) {  // alone: no lock
        auto found = _points.find(word);
        if (found == _points.end()) found = _points.emplace(word, _hyphenator.points(word)).first;
        return found->second;
    }
    return sharedPoints(word);
}

const std::vector<std::size_t>& Hyphenation::sharedPoints(const std::u32string& word) {
    {
        std::lock_guard lock(_mutex);
        auto found = _points.find(word);
        if (found != _points.end()) return found->second;  // entries never change once in
    }
    // Computed outside the lock, so that the other thread is not held up.
    std::vector<std::size_t> computed = _hyphenator.points(word);
    std::lock_guard lock(_mutex);
    return _points.try_emplace(word, std::move(computed)).first->second;
}

void Hyphenation::startAhead(const content::Content& content) {
    if (_thread.joinable()) return;
    _stopping = false;
    try {
        _thread = std::thread([this, &content] {
            try {
                if (!aheadOf(content.body)) return;
                for (const content::Division& annex : content.annexes)
                    if (!aheadOf(annex.children)) return;
            } catch (...) {  // out of memory: the layout asks for itself
            }
        });
    } catch (const std::system_error&) {
        // no thread to be had: the layout asks for every word itself
    }
}

void Hyphenation::stopAhead() {
    if (!_thread.joinable()) return;
    _stopping = true;
    _thread.join();
}

bool Hyphenation::ahead(const std::u32string& word) {
    if (_stopping.load(std::memory_order_relaxed)) return false;
    (void)sharedPoints(word);
    return true;
}

// The words as the line breaker sees them: text between spaces (and forced
// line breaks), punctuation included, across changes of style. A word
// that comes out otherwise (a heading in capitals) is only not found
// ahead.
bool Hyphenation::aheadOf(const content::Inline& text) {
    std::u32string word;
    auto flush = [&] {
        bool going = word.size() < 4 || ahead(word);  // shorter: never hyphenated
        word.clear();
        return going;
    };
    for (const content::Run& run : text) {
        if (run.lineBreak) {
            if (!flush()) return false;
            continue;
        }
        for (char32_t c : decodeUtf8(run.text)) {
            if (c == U' ' || c == U'\t' || c == U'\n') {
                if (!flush()) return false;
            } else {
                word += c;
            }
        }
    }
    return flush();
}

bool Hyphenation::aheadOf(const std::vector<content::Block>& blocks) {
    for (const content::Block& block : blocks) {
        bool going = std::visit(
            [this](const auto& value) {
                using T = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<T, content::Paragraph>) {
                    return aheadOf(value.text);
                } else if constexpr (std::is_same_v<T, content::List>) {
                    for (const content::ListItem& item : value.items)
                        if (!aheadOf(item.blocks)) return false;
                    return true;
                } else if constexpr (std::is_same_v<T, content::Table>) {
                    for (const auto* rows : {&value.headerRows, &value.rows})
                        for (const content::Row& row : *rows)
                            for (const content::Cell& cell : row.cells)
                                if (!aheadOf(cell.blocks)) return false;
                    return true;
                } else if constexpr (std::is_same_v<T, content::EntryList>) {
                    for (const content::Entry& entry : value.entries)
                        if (!aheadOf(entry.text)) return false;
                    return true;
                } else {  // Division: its heading is not hyphenated
                    return aheadOf(value.children);
                }
            },
            block.value);
        if (!going) return false;
    }
    return true;
}

void prepareHyphenation(Language language) {
    (void)Hyphenator::forLanguage(language);
}

}  // namespace nusqa::render
