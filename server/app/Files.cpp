#include "app/detail/Files.h"

#include <fstream>
#include <sstream>

namespace nusqa::app {

Result<std::string> readBoundedFile(const std::filesystem::path& path, std::uintmax_t limit) {
    std::error_code error;
    std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error) return fail(ErrorCode::NotFound, path.string() + ": cannot read");
    if (size > limit)
        return fail(ErrorCode::TooLarge, path.string() + ": " + std::to_string(size) +
                                             " bytes, more than the " + std::to_string(limit) +
                                             " accepted here");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return fail(ErrorCode::NotFound, path.string() + ": cannot read");
    return bytes.str();
}

}  // namespace nusqa::app
