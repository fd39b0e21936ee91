// Private to render: the hyphenation of one render — the hyphenator of the
// edition's language and the points of every word asked for so far (a
// table's words are measured first, then set; running text repeats its
// words), so libhyphen sees each word once per render.
//
// Thread safety: none (one render, one thread); the Hyphenator it refers
// to must outlive it (forLanguage's live as long as the process).
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "render/detail/Hyphenator.h"

namespace nusqa::render {

class Hyphenation {
public:
    explicit Hyphenation(const Hyphenator& hyphenator) : _hyphenator(hyphenator) {}

    // Hyphenator::points of word; the reference stays valid as long as this.
    const std::vector<std::size_t>& points(const std::u32string& word);

private:
    const Hyphenator& _hyphenator;
    std::unordered_map<std::u32string, std::vector<std::size_t>> _points;
};

}  // namespace nusqa::render
