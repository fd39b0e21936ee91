// Reading a whole file that the commands take from the user, with a size
// limit checked before anything is read (a key file, a password file, a PDF
// to sign or verify).
// Errors: NotFound when the file cannot be read; TooLarge over the limit.
// Messages start with the path.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "domain/Error.h"

namespace nusqa::app {

// The largest PDF the commands sign or verify (the server's body limit,
// http.maxBodyBytes, is smaller still).
inline constexpr std::uintmax_t kMaxPdfFileBytes = 512u << 20;

Result<std::string> readBoundedFile(const std::filesystem::path& path, std::uintmax_t limit);

}  // namespace nusqa::app
