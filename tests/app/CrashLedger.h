// CrashLedger: what the clients of the crash loop were told was done — every
// write the server acknowledged with a 2xx, and what the reply said. After a
// SIGKILL and a restart every entry must still be there (CrashChecks.h).
// Writes in flight at the kill are not entered: they may or may not have
// committed, and either is correct.
//
// Thread safety: every method may be called from any client thread.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>

namespace nusqa::test {

struct AcknowledgedEdition {
    std::int64_t documentId = 0;
    std::int64_t revision = 0;  // the highest acknowledged
    std::string sha256;         // of that revision
    bool inForce = false;       // registered in force (may be superseded since)
    bool approved = false;      // approved by the signatory (in force since, or pending)
};

// An agreement-step decision or a familiarization signature: who signed
// which edition.
using SignedAct = std::pair<std::int64_t, std::int64_t>;  // edition id, user id

class CrashLedger {
public:
    void document(std::int64_t id, const std::string& code) {
        std::lock_guard lock(_mutex);
        _documents[id] = code;
    }
    void revision(std::int64_t editionId, std::int64_t documentId, std::int64_t revision,
                  const std::string& sha256) {
        std::lock_guard lock(_mutex);
        AcknowledgedEdition& edition = _editions[editionId];
        edition.documentId = documentId;
        if (revision >= edition.revision) {
            edition.revision = revision;
            edition.sha256 = sha256;
        }
    }
    void inForce(std::int64_t editionId) {
        std::lock_guard lock(_mutex);
        _editions[editionId].inForce = true;
    }

    void approved(std::int64_t editionId) {
        std::lock_guard lock(_mutex);
        _editions[editionId].approved = true;
    }
    void agreed(std::int64_t editionId, std::int64_t userId) {
        std::lock_guard lock(_mutex);
        _agreed.insert({editionId, userId});
    }
    void familiarized(std::int64_t editionId, std::int64_t userId) {
        std::lock_guard lock(_mutex);
        _familiarized.insert({editionId, userId});
    }

    // A PDF download answered 200: its audit entry was committed first.
    void downloaded(std::int64_t editionId) {
        std::lock_guard lock(_mutex);
        ++_downloads[editionId];
    }

    // Copies, for the checks (taken while no client runs).
    std::map<std::int64_t, std::string> documents() const {
        std::lock_guard lock(_mutex);
        return _documents;
    }
    std::map<std::int64_t, AcknowledgedEdition> editions() const {
        std::lock_guard lock(_mutex);
        return _editions;
    }
    std::set<SignedAct> agreements() const {
        std::lock_guard lock(_mutex);
        return _agreed;
    }
    std::set<SignedAct> familiarizations() const {
        std::lock_guard lock(_mutex);
        return _familiarized;
    }
    std::map<std::int64_t, std::int64_t> downloads() const {
        std::lock_guard lock(_mutex);
        return _downloads;
    }
    std::size_t writes() const {
        std::lock_guard lock(_mutex);
        return _writes;
    }
    void countWrite() {
        std::lock_guard lock(_mutex);
        ++_writes;
    }

private:
    mutable std::mutex _mutex;
    std::map<std::int64_t, std::string> _documents;  // id -> code
    std::map<std::int64_t, AcknowledgedEdition> _editions;
    std::set<SignedAct> _agreed;                      // agreement steps decided "agreed"
    std::set<SignedAct> _familiarized;                // familiarization signatures
    std::map<std::int64_t, std::int64_t> _downloads;  // edition id -> PDFs served
    std::size_t _writes = 0;                          // acknowledged writes of every kind
};

}  // namespace nusqa::test
