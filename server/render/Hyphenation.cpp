#include "render/detail/Hyphenation.h"

#include "render/Render.h"

namespace nusqa::render {

const std::vector<std::size_t>& Hyphenation::points(const std::u32string& word) {
    auto found = _points.find(word);
    if (found == _points.end()) found = _points.emplace(word, _hyphenator.points(word)).first;
    return found->second;
}

void prepareHyphenation(Language language) {
    (void)Hyphenator::forLanguage(language);
}

}  // namespace nusqa::render
