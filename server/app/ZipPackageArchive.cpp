#include "app/detail/ZipPackageArchive.h"

#include <Poco/DateTime.h>
#include <Poco/Exception.h>
#include <Poco/MemoryStream.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

namespace nusqa::app {

Result<std::unique_ptr<ZipPackageArchive>> ZipPackageArchive::create(
    const std::filesystem::path& path) {
    std::unique_ptr<ZipPackageArchive> archive(new ZipPackageArchive(path));
    archive->_out.open(path, std::ios::binary | std::ios::trunc);
    if (!archive->_out)
        return fail(ErrorCode::Unavailable, "cannot create the package file " + path.string());
    try {
        archive->_zip = std::make_unique<Poco::Zip::Compress>(archive->_out, true, false);
    } catch (const Poco::Exception& error) {
        return fail(ErrorCode::Internal,
                    "zip: cannot start " + path.string() + ": " + error.displayText());
    }
    return archive;
}

ZipPackageArchive::ZipPackageArchive(std::filesystem::path path) : _path(std::move(path)) {}

ZipPackageArchive::~ZipPackageArchive() = default;

Status ZipPackageArchive::add(const std::string& name, std::string_view bytes) {
    if (!_zip) return fail(ErrorCode::Internal, "zip: " + _path.string() + " is already finished");
    try {
        Poco::MemoryInputStream in(bytes.data(), bytes.size());
        _zip->addFile(in, Poco::DateTime(), Poco::Path(name, Poco::Path::PATH_UNIX),
                      Poco::Zip::ZipCommon::CM_DEFLATE, Poco::Zip::ZipCommon::CL_NORMAL);
    } catch (const Poco::Exception& error) {
        return fail(ErrorCode::Internal, "zip: cannot add " + name + " to " + _path.string() +
                                             ": " + error.displayText());
    }
    if (!_out)
        return fail(ErrorCode::Unavailable, "cannot write the package file " + _path.string());
    return {};
}

Status ZipPackageArchive::finish() {
    if (!_zip) return fail(ErrorCode::Internal, "zip: " + _path.string() + " is already finished");
    try {
        _zip->close();
    } catch (const Poco::Exception& error) {
        return fail(ErrorCode::Internal,
                    "zip: cannot finish " + _path.string() + ": " + error.displayText());
    }
    _zip.reset();
    _out.close();
    if (!_out)
        return fail(ErrorCode::Unavailable, "cannot write the package file " + _path.string());
    return {};
}

}  // namespace nusqa::app
