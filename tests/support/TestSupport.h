// Helpers shared by the test executables. Not thread-safe unless stated.
#pragma once

#include <filesystem>
#include <string>

namespace nusqa::test {

// The checkout (NUSQA_SOURCE_DIR, set by CTest) and the build directory.
std::filesystem::path sourceDir();
std::filesystem::path binaryDir();

// The whole file as bytes; throws std::runtime_error when unreadable.
std::string readFile(const std::filesystem::path& path);
void writeFile(const std::filesystem::path& path, const std::string& bytes);

// tests/fixtures/<name>
std::filesystem::path fixture(const std::string& name);

// A fresh empty directory under the build tree, removed by the destructor.
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "nusqa-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return _path; }

private:
    std::filesystem::path _path;
};

// The mysql:// URL of the throwaway MariaDB server started by the CTest
// fixture (file named by NUSQA_TEST_MYSQL_URL_FILE). Throws when the variable
// or the file is missing: a MariaDB test never silently skips.
std::string mariadbServerUrl();

// A unique name for a per-test database or file: prefix + pid + counter.
std::string uniqueName(const std::string& prefix);

}  // namespace nusqa::test
