#include "ServerProcess.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <regex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/TestSupport.h"

extern char** environ;

namespace nusqa::test {

namespace fs = std::filesystem;

static fs::path nusqaBinary() {
    return binaryDir() / "bin" / "nusqa";
}

ServerProcess::ServerProcess(const fs::path& directory,
                             const std::map<std::string, std::string>& environment,
                             const std::string& logName)
    : _logPath(directory / logName) {
    std::vector<std::string> variables;
    for (char** entry = environ; *entry != nullptr; ++entry)
        if (std::string(*entry).rfind("NUSQA_", 0) != 0) variables.emplace_back(*entry);
    // The profiles of the checkout, wherever the build directory is.
    std::map<std::string, std::string> overrides{
        {"NUSQA_RENDER_PROFILE_DIRECTORY", (sourceDir() / "doc-templates").string()}};
    for (const auto& [name, value] : environment) overrides[name] = value;
    for (const auto& [name, value] : overrides) variables.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (std::string& variable : variables) envp.push_back(variable.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, _logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::string binary = nusqaBinary().string();
    std::string serve = "serve";
    char* argv[] = {binary.data(), serve.data(), nullptr};
    int spawned = posix_spawn(&_pid, binary.c_str(), &actions, nullptr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error("cannot start " + binary);

    static const std::regex listening(R"(listening on https?://[0-9.]+:([0-9]+))");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        std::smatch found;
        std::string text = log();
        if (std::regex_search(text, found, listening)) {
            _port = std::stoi(found[1]);
            return;
        }
        int status = 0;
        if (waitpid(_pid, &status, WNOHANG) == _pid) {
            _pid = -1;
            throw std::runtime_error("nusqa serve exited early:\n" + text);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("nusqa serve did not start listening:\n" + log());
}

ServerProcess::~ServerProcess() {
    if (_pid > 0) signalAndWait(SIGKILL);
}

int ServerProcess::signalAndWait(int signal) {
    int status = 0;
    if (_pid <= 0) return status;
    ::kill(_pid, signal);
    waitpid(_pid, &status, 0);
    _pid = -1;
    return status;
}

std::string ServerProcess::log() const {
    try {
        return readFile(_logPath);
    } catch (const std::exception&) {
        return {};
    }
}

CommandResult runNusqa(const std::string& arguments) {
    return runCommand(nusqaBinary().string() + " " + arguments);
}

CommandResult runCommand(const std::string& command) {
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
    CommandResult result;
    char buffer[4096];
    std::size_t count = 0;
    while ((count = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        result.output.append(buffer, count);
    int status = ::pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

CommandResult runNusqa(const std::string& arguments,
                       const std::map<std::string, std::string>& environment,
                       const std::string& input) {
    std::string prefix = "env";
    for (const auto& [name, value] : environment) prefix += " '" + name + "=" + value + "'";
    TempDir directory("stdin");
    writeFile(directory.path() / "input", input.empty() ? "" : input + "\n");
    std::string command = prefix + " " + nusqaBinary().string() + " " + arguments + " < '" +
                          (directory.path() / "input").string() + "' 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
    CommandResult result;
    char buffer[4096];
    std::size_t count = 0;
    while ((count = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        result.output.append(buffer, count);
    int status = ::pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

}  // namespace nusqa::test
