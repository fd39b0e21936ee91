// PackageArchive: the port through which a package (the certification-audit
// package, AuditPackageService) is written — one archive, files added in
// order, then finished. The implementation (app's ZIP writer on Poco::Zip)
// streams each file into a file on disk as it is added, so the whole
// package is never held in memory.
//
// Thread safety: one archive is written by one thread.
// Errors: Internal (or Unavailable for a full disk) naming the file; after
// an error the archive is unusable.
#pragma once

#include <string>
#include <string_view>

#include "domain/Error.h"

namespace nusqa {

class PackageArchive {
public:
    virtual ~PackageArchive() = default;
    // Adds a file; name is a relative path with '/' ("pdf/approvals.pdf").
    virtual Status add(const std::string& name, std::string_view bytes) = 0;
    // Writes the central directory and closes the archive.
    virtual Status finish() = 0;
};

}  // namespace nusqa
