// AuditLog: the append-only, hash-chained record of every act (logins,
// edits, transitions, signatures, downloads). Entry n carries the SHA-256 of
// entry n-1 (previousHash) and its own hash over its canonical serialisation
// (crypto/AuditChain.h), so a changed, deleted or reordered row breaks the
// chain; verify() names the first entry where it breaks.
//
// Thread safety: every method may be called concurrently; appends are
// serialised by the store (the chain has one head).
// Errors: Unavailable/Internal from the backend; InvalidArgument for a
// malformed query.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/Error.h"

namespace nusqa {

struct NewAuditEntry {
    std::string at;            // UTC timestamp
    std::int64_t actorId = 0;  // 0: the system (scheduler) or an unknown person
    std::string actorLogin;    // as given (failed logins: the login tried)
    std::string action;        // "auth.login", "edition.agree", "document.create", ...
    std::string objectType;    // "edition", "document", "user", "session", ...
    std::string objectId;
    std::string details;  // free text; never a password or a token
};

// Where an act came from, for the details of its audit entry: the API by
// default; `nusqa import --bulk` names the command line and the file.
struct Provenance {
    std::string channel = "the API";  // "the API from 10.0.0.7", "the command line (...)"
    std::string file;                 // the source file, when the act came from one

    // "via the API from 10.0.0.7", "via the command line (...), file 000.txt".
    std::string describe() const {
        return "via " + channel + (file.empty() ? "" : ", file " + file);
    }
};

struct AuditEntry {
    std::int64_t sequence = 0;  // 1, 2, 3, ... without gaps
    NewAuditEntry entry;
    std::string previousHash;  // hash of entry sequence-1; 64 zeros for the first
    std::string hash;
};

struct AuditQuery {
    std::string actorLogin;  // empty: any
    std::string action;      // exact, or a prefix ending in '.' ("edition.")
    std::string objectType;
    std::string objectId;
    std::string from;  // timestamps or dates, inclusive; empty: open
    std::string to;
    int limit = 100;
    int offset = 0;
    // Keyset paging for walks over the whole log (issue 17): only entries
    // after this sequence number (0: from the first). With an offset the
    // store skips every earlier row again on each page; with this it starts
    // where the last page ended.
    std::int64_t afterSequence = 0;
    // false: total is not counted (stays 0), which saves a count over every
    // matching entry on each page of a walk.
    bool countTotal = true;
};

struct AuditPage {
    std::vector<AuditEntry> items;  // by sequence
    std::int64_t total = 0;         // matches before limit/offset (0 without countTotal)
};

struct AuditVerification {
    bool intact = true;
    std::int64_t entries = 0;           // entries checked
    std::int64_t firstBadSequence = 0;  // 0 when intact
    std::string problem;                // why the entry is bad
};

class AuditLog {
public:
    virtual ~AuditLog() = default;
    // Appends the entries in order, in one transaction.
    virtual Status append(const std::vector<NewAuditEntry>& entries) = 0;
    virtual Result<AuditPage> listAudit(const AuditQuery& query) = 0;
    // Walks the whole chain from the first entry.
    virtual Result<AuditVerification> verifyAudit() = 0;
};

}  // namespace nusqa
