// Private to render: the hyphenation of one render — the hyphenator of the
// edition's language and the points of every word asked for so far (a
// table's words are measured first, then set; running text repeats its
// words), so libhyphen sees each word once per render.
//
// With startAhead, a thread of its own asks the hyphenator for the words of
// the edition's paragraphs in document order while the layout runs, so
// that points() finds most of them done (corpus 002: libhyphen was 13 M
// instructions of the layout, which runs alone on its thread). Points are
// a function of the word alone: the print is the same whichever thread
// asked first.
//
// Thread safety: points, startAhead and stopAhead on one thread (the
// render's); the helper thread only adds to the map, under the mutex. The
// Hyphenator it refers to must outlive it (forLanguage's live as long as
// the process).
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "domain/Content.h"
#include "render/detail/Hyphenator.h"

namespace nusqa::render {

class Hyphenation {
public:
    explicit Hyphenation(const Hyphenator& hyphenator) : _hyphenator(hyphenator) {}
    ~Hyphenation() { stopAhead(); }
    Hyphenation(const Hyphenation&) = delete;
    Hyphenation& operator=(const Hyphenation&) = delete;

    // Hyphenator::points of word; the reference stays valid as long as this.
    const std::vector<std::size_t>& points(const std::u32string& word);

    // Starts the thread that hyphenates content's words ahead of the layout
    // (nothing when no thread is to be had); content must outlive it or
    // stopAhead. stopAhead stops it where it is and waits for it.
    void startAhead(const content::Content& content);
    void stopAhead();

private:
    using Points = std::unordered_map<std::u32string, std::vector<std::size_t>>;

    // points() while the thread runs: found or added under the mutex.
    const std::vector<std::size_t>& sharedPoints(const std::u32string& word);
    // Adds word's points unless known; false once stopping.
    bool ahead(const std::u32string& word);
    bool aheadOf(const content::Inline& text);
    bool aheadOf(const std::vector<content::Block>& blocks);

    const Hyphenator& _hyphenator;
    std::mutex _mutex;  // guards _points while the thread runs
    Points _points;
    std::atomic<bool> _stopping = false;
    std::thread _thread;
};

}  // namespace nusqa::render
