#include "support/TestSupport.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace nusqa::test {

namespace fs = std::filesystem;

static fs::path pathFromEnv(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0')
        throw std::runtime_error(std::string(name) + " is not set (run the tests through ctest)");
    return value;
}

fs::path sourceDir() {
    return pathFromEnv("NUSQA_SOURCE_DIR");
}
fs::path binaryDir() {
    return pathFromEnv("NUSQA_BINARY_DIR");
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void writeFile(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path.string());
    out << bytes;
}

fs::path fixture(const std::string& name) {
    return sourceDir() / "tests" / "fixtures" / name;
}

TempDir::TempDir(const std::string& prefix) {
    fs::path base = binaryDir() / "tmp";
    fs::create_directories(base);
    _path = base / uniqueName(prefix);
    fs::create_directories(_path);
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(_path, ignored);
}

std::string mariadbServerUrl() {
    fs::path file = pathFromEnv("NUSQA_TEST_MYSQL_URL_FILE");
    std::string url = readFile(file);
    while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) url.pop_back();
    if (url.empty()) throw std::runtime_error("empty MariaDB URL in " + file.string());
    return url;
}

std::string uniqueName(const std::string& prefix) {
    static std::atomic<int> counter{0};
    static const unsigned salt = std::random_device{}() % 100000;
    return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(salt) + "_" +
           std::to_string(counter++);
}

}  // namespace nusqa::test
