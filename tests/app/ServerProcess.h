// The real `nusqa serve` binary as a child process, for tests of what only a
// process shows: crashes, signals, configuration. Output goes to a log file
// in the given directory; the bound port is read from it.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>

namespace nusqa::test {

class ServerProcess {
public:
    // Starts `bin/nusqa serve` with the environment overrides (NUSQA_*; the
    // profiles are the checkout's doc-templates unless overridden) and
    // waits until it listens (up to 20 s); throws when it exits or times out.
    ServerProcess(const std::filesystem::path& directory,
                  const std::map<std::string, std::string>& environment,
                  const std::string& logName = "server.log");
    ~ServerProcess();  // SIGKILL if still running

    int port() const { return _port; }
    pid_t pid() const { return _pid; }
    // Sends the signal and waits for the exit; returns the wait status.
    int signalAndWait(int signal);
    std::string log() const;

private:
    std::filesystem::path _logPath;
    pid_t _pid = -1;
    int _port = 0;
};

// Runs bin/nusqa with the arguments; returns the exit code and the output.
struct CommandResult {
    int exitCode = -1;
    std::string output;  // standard output and error together
};
CommandResult runNusqa(const std::string& arguments);
// A shell command's exit code and output (standard error included).
CommandResult runCommand(const std::string& command);
// The same with NUSQA_* variables set for the command and input on its
// standard input.
CommandResult runNusqa(const std::string& arguments,
                       const std::map<std::string, std::string>& environment,
                       const std::string& input = {});

}  // namespace nusqa::test
