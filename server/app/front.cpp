// nusqa: the command people type. The commands that print or check one
// file (render, validate, canonical, version) run in this binary, linked
// only against what they need (-Wl,--as-needed): `nusqa render` of corpus
// 002 spent a sixth of its time in the dynamic loader relocating libraries
// it never used (the HTTP server, MariaDB, poppler, SQLite). Every other
// command (serve, import, admin, audit, verify, sign, help, the workers) is
// handed unchanged to nusqa-full next to this binary, through exec: the
// same process, the same arguments, the same exit code. So is a render
// with a time-stamp authority configured (signing.tsaUrl): its HTTP(S)
// client is not linked here, and nothing is written before the seal is set
// up, so the command starts over in nusqa-full.
#include <malloc.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app/CanonicalCommand.h"
#include "app/RenderCommand.h"
#include "app/ValidateCommand.h"

namespace {

char** commandLine = nullptr;

int runFull(char** argv) {
    std::error_code error;
    std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) {
        std::cerr << "nusqa: cannot find its own binary: " << error.message() << "\n";
        return 127;
    }
    std::string full = (self.parent_path() / "nusqa-full").string();
    ::execv(full.c_str(), argv);
    std::cerr << "nusqa: cannot run " << full << ": " << std::strerror(errno) << "\n";
    return 127;
}

nusqa::Result<nusqa::TimestampTransport> timestampsInFull(const std::string&, int) {
    runFull(commandLine);  // returns only when exec failed
    return nusqa::fail(
        nusqa::ErrorCode::Internal,
        "nusqa render: a time-stamp authority needs nusqa-full, which did not start");
}

// The commands run here are short processes that keep most of what they
// allocate until they exit: malloc is told to take memory from the kernel
// in large steps and not to give it back before the end. `nusqa render` of
// corpus 002: 2,450 page faults instead of 2,950 and 460 system calls
// instead of 740 (260 mprotect calls grew the helper threads' heaps page by
// page, 31 brk calls the main one). nusqa-full (the server) keeps malloc's
// defaults.
void tuneMalloc() {
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
}

}  // namespace

int main(int argc, char** argv) {
    tuneMalloc();
    commandLine = argv;
    std::string command = argc > 1 ? argv[1] : "help";
    std::vector<std::string> arguments(argv + (argc > 1 ? 2 : 1), argv + argc);
    if (command == "render")
        return nusqa::app::runRender(arguments, std::cout, std::cerr, &timestampsInFull);
    if (command == "validate") return nusqa::app::runValidate(arguments, std::cout, std::cerr);
    if (command == "canonical")
        return nusqa::app::runCanonical(arguments, std::cin, std::cout, std::cerr);
    if (command == "version" || command == "--version") {
        std::cout << "nusqa " << NUSQA_VERSION << "\n";
        return 0;
    }
    return runFull(argv);
}
