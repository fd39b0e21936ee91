// BodyFiles: in-memory files (memfd) holding the bytes of shared response
// bodies, such as the cached PDFs of the rendition cache, so that each answer
// hands them to the kernel with sendfile(2) (pages referenced, not copied)
// instead of copying them from user memory with every send.
//
// A body is known by its address while its shared_ptr lives: the table keeps
// a weak_ptr beside each file, so a body that went away (and a new one at the
// same address) never gets another body's file. The bytes of a shared body
// never change (shared_ptr<const std::string>, as Response::sharedBody).
// Bounds: at most maximumFiles files and maximumBytes bytes in them (the
// bytes are a second copy of the bodies they hold); files of bodies that went
// away are closed whenever a new file is made; beyond the bounds, and for
// bodies under minimumBytes, fileOf() gives nothing and the caller sends from
// memory as before.
//
// Thread safety: fileOf() may be called from any thread; a returned
// descriptor stays open as long as the caller holds the returned pointer.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace nusqa::http {

// An open descriptor, closed with the last pointer to it.
class OpenFile {
public:
    explicit OpenFile(int descriptor) : _descriptor(descriptor) {}
    ~OpenFile();
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;
    int descriptor() const { return _descriptor; }

private:
    int _descriptor;
};

class BodyFiles {
public:
    explicit BodyFiles(std::size_t minimumBytes = 16 * 1024, std::size_t maximumFiles = 256,
                       std::size_t maximumBytes = 64 * 1024 * 1024);

    // A file holding exactly *body's bytes, made on first use; nullptr when
    // body is null or under minimumBytes, when the bounds are reached, or
    // when the system refuses (memfd_create, write).
    std::shared_ptr<const OpenFile> fileOf(const std::shared_ptr<const std::string>& body);

    // Files kept now (bodies alive or not yet swept), for tests.
    std::size_t files() const;

private:
    struct Entry {
        std::weak_ptr<const std::string> body;
        std::shared_ptr<const OpenFile> file;
        std::size_t size = 0;
    };
    // Drops the entries whose body went away. REQUIRES: _mutex held.
    void sweep();

    const std::size_t _minimumBytes;
    const std::size_t _maximumFiles;
    const std::size_t _maximumBytes;
    mutable std::mutex _mutex;
    std::unordered_map<const std::string*, Entry> _entries;
    std::size_t _bytes = 0;
};

}  // namespace nusqa::http
