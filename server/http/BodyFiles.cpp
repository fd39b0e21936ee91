#include "http/detail/BodyFiles.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

namespace nusqa::http {
namespace {

// A sealed memfd with the bytes; -1 when the system refuses.
int sealedFileWith(const std::string& bytes) {
    int descriptor = ::memfd_create("nusqa-body", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (descriptor < 0) return -1;
    std::size_t written = 0;
    while (written < bytes.size()) {
        ssize_t result = ::write(descriptor, bytes.data() + written, bytes.size() - written);
        if (result < 0 && errno == EINTR) continue;
        if (result <= 0) {
            ::close(descriptor);
            return -1;
        }
        written += static_cast<std::size_t>(result);
    }
    // Nobody can change the bytes from here on (the descriptor never leaves
    // the process, but the seals make the promise checkable).
    (void)::fcntl(descriptor, F_ADD_SEALS,
                  F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
    return descriptor;
}

}  // namespace

OpenFile::~OpenFile() {
    if (_descriptor >= 0) ::close(_descriptor);
}

BodyFiles::BodyFiles(std::size_t minimumBytes, std::size_t maximumFiles, std::size_t maximumBytes)
    : _minimumBytes(minimumBytes), _maximumFiles(maximumFiles), _maximumBytes(maximumBytes) {}

std::shared_ptr<const OpenFile> BodyFiles::fileOf(const std::shared_ptr<const std::string>& body) {
    if (!body || body->size() < _minimumBytes) return nullptr;
    std::lock_guard lock(_mutex);
    auto found = _entries.find(body.get());
    if (found != _entries.end()) {
        if (found->second.body.lock() == body) return found->second.file;
        // Another body at the address of one that went away.
        _bytes -= found->second.size;
        _entries.erase(found);
    }
    // A new file is rare (once per cached body): the files of bodies that
    // went away are closed now, not left to hold memory.
    sweep();
    if (_entries.size() >= _maximumFiles || _bytes + body->size() > _maximumBytes) return nullptr;
    // Written under the lock: once per cached body, and a second thread with
    // the same body waits instead of writing a second copy.
    int descriptor = sealedFileWith(*body);
    if (descriptor < 0) return nullptr;
    auto file = std::make_shared<const OpenFile>(descriptor);
    _entries.emplace(body.get(), Entry{body, file, body->size()});
    _bytes += body->size();
    return file;
}

std::size_t BodyFiles::files() const {
    std::lock_guard lock(_mutex);
    return _entries.size();
}

void BodyFiles::sweep() {
    for (auto entry = _entries.begin(); entry != _entries.end();) {
        if (entry->second.body.expired()) {
            _bytes -= entry->second.size;
            entry = _entries.erase(entry);
        } else {
            ++entry;
        }
    }
}

}  // namespace nusqa::http
