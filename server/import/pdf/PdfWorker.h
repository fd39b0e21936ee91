// The worker process of IsolatedPdfReader: `nusqa import-pdf-worker
// --cpu-seconds N --memory-megabytes M` (a subcommand the help does not
// list; nobody runs it by hand). The test executables that import PDFs
// dispatch it too, so that "/proc/self/exe" is a worker in them as well.
//
// Before it reads anything it bounds itself with setrlimit: N seconds of CPU
// time (SIGXCPU, then SIGKILL a second later), M MiB of address space (not
// in the AddressSanitizer build: README, "Sanitizers"), no core file, no
// files written, no child processes. Then it reads the PDF from input up to
// its end, reads its text layer with poppler (PopplerText.h, with the
// default PdfLimits) and writes the outcome to output (detail/PdfWire.h):
// the words of every page, or the Error.
//
// Returns the exit status: 0 when an outcome was written, 2 for arguments
// it does not know or limits it cannot set (nothing is read then).
// Thread safety: runs once per process, on its main thread.
#pragma once

#include <string>
#include <vector>

namespace nusqa::import::pdf {

int runPdfWorker(const std::vector<std::string>& arguments, int input, int output);

}  // namespace nusqa::import::pdf
