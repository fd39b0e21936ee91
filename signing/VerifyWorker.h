// The worker process of IsolatedVerifier: `nusqa verify-worker
// --cpu-seconds N --memory-megabytes M` (a subcommand the help does not
// list; nobody runs it by hand).
//
// Before it reads anything it bounds itself with setrlimit: N seconds of CPU
// time (SIGXCPU, then SIGKILL a second later), M MiB of address space
// (allocations fail beyond it; not in the AddressSanitizer build: README,
// "Sanitizers"), no core file, no files written, no child
// processes. Then it reads a request (signing/VerifyWire.h) from input up to
// its end, verifies the PDF with the in-process Verifier and writes the
// outcome to output: the report, or the Error (InvalidDocument when the
// memory bound was reached).
//
// Returns the exit status: 0 when an outcome was written, 2 for arguments
// it does not know or limits it cannot set (nothing is read then).
// Thread safety: runs once per process, on its main thread.
#pragma once

#include <string>
#include <vector>

namespace nusqa::signing {

int runVerifyWorker(const std::vector<std::string>& arguments, int input, int output);

}  // namespace nusqa::signing
