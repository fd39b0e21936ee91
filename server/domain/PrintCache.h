// PrintCache: printed PDFs kept in memory up to a number of bytes, least
// recently used dropped first, for the services that print once and serve
// the same bytes again (RenditionService, RedlineService).
//
// Value is what a service keeps of a print; it has a member
// `std::shared_ptr<const std::string> pdf`, whose size is what counts
// against the bound. A value larger than the whole bound is not kept.
// Thread safety: find() and keep() may be called concurrently.
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace nusqa {

template <typename Value>
class PrintCache {
public:
    explicit PrintCache(std::size_t maxBytes) : _maxBytes(maxBytes) {}

    // The value kept under key, now the most recently used; nullopt if none.
    std::optional<Value> find(const std::string& key) {
        std::lock_guard lock(_mutex);
        auto found = _index.find(key);
        if (found == _index.end()) return std::nullopt;
        _recent.splice(_recent.begin(), _recent, found->second);
        return found->second->second;
    }

    // Keeps value under key unless another thread printed it meanwhile.
    void keep(const std::string& key, Value value) {
        std::size_t size = value.pdf->size();
        if (size > _maxBytes) return;
        std::lock_guard lock(_mutex);
        if (_index.contains(key)) return;
        _recent.emplace_front(key, std::move(value));
        _index[key] = _recent.begin();
        _bytes += size;
        while (_bytes > _maxBytes) {
            const auto& oldest = _recent.back();
            _bytes -= oldest.second.pdf->size();
            _index.erase(oldest.first);
            _recent.pop_back();
        }
    }

private:
    using Entries = std::list<std::pair<std::string, Value>>;  // most recently used first

    const std::size_t _maxBytes;
    std::mutex _mutex;
    Entries _recent;
    std::unordered_map<std::string, typename Entries::iterator> _index;
    std::size_t _bytes = 0;
};

}  // namespace nusqa
