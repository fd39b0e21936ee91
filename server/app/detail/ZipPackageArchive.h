// ZipPackageArchive: the PackageArchive of Nusqa (domain/PackageArchive.h)
// — a ZIP file written by Poco::Zip straight to disk as files are added
// (deflated; ZIP64 when it grows past 4 GiB), so a package never sits in
// memory whole.
//
// Thread safety: one thread writes one archive.
// Errors: Unavailable when the file cannot be created or written (a full
// disk), Internal for Poco's other failures; messages name the file.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>

#include "domain/PackageArchive.h"

namespace Poco::Zip {
class Compress;
}

namespace nusqa::app {

class ZipPackageArchive final : public PackageArchive {
public:
    // Creates (or truncates) the file at path.
    static Result<std::unique_ptr<ZipPackageArchive>> create(const std::filesystem::path& path);
    ~ZipPackageArchive() override;

    Status add(const std::string& name, std::string_view bytes) override;
    Status finish() override;

private:
    explicit ZipPackageArchive(std::filesystem::path path);

    std::filesystem::path _path;
    std::ofstream _out;
    std::unique_ptr<Poco::Zip::Compress> _zip;
};

}  // namespace nusqa::app
