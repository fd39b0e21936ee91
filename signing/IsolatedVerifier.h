// PDF verification of untrusted files with a bound on time and memory: the
// PoDoFo part runs in a worker process (`<worker> verify-worker`, see
// signing/VerifyWorker.h) started with posix_spawn — no fork of the
// multithreaded server, no code of ours between fork and exec — with an
// empty environment (no secret of the server reaches it), standard error to
// /dev/null and no other file descriptor. The worker bounds its own CPU time
// and address space before it reads anything; this side bounds the wall
// clock and kills it with SIGKILL when the time is up.
//
// The byte-level pre-scan (signing/PdfPrescan.h) runs here first, so the
// plain hostile files cost no process at all.
//
// Errors of verify():
//   InvalidDocument  the worker ran out of time (wall clock or CPU), of
//                    memory, or died of a signal on this file;
//   Unavailable      every worker slot is busy for longer than the timeout,
//                    or the worker cannot be started;
//   Internal         the worker's answer is not one (it is logged by the
//                    caller with the request).
// What a worker that PoDoFo's bugs let a hostile file subvert could still
// do: lie in its report. It can no longer take the server down or read its
// memory.
//
// Thread safety: verify() may run on any number of threads at once; at most
// `concurrency` workers run at a time.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "domain/Error.h"
#include "domain/PdfVerifier.h"

namespace nusqa::signing {

struct VerifyBounds {
    int timeoutSeconds = 10;    // signing.verifyTimeoutSeconds: wall clock and CPU time
    int memoryMegabytes = 512;  // signing.verifyMemoryMegabytes: the worker's address space
    int concurrency = 4;        // signing.verifyConcurrency: workers at once
};

class IsolatedVerifier final : public PdfVerifier {
public:
    // worker: an executable with the verify-worker subcommand (the nusqa
    // binary; "/proc/self/exe" in nusqa itself). anchors as for Verifier;
    // InvalidArgument when they hold no certificate or bounds are not
    // positive, NotFound when worker is not an executable file.
    static Result<std::unique_ptr<IsolatedVerifier>> create(std::filesystem::path worker,
                                                            std::vector<std::string> anchors,
                                                            VerifyBounds bounds);
    ~IsolatedVerifier() override;

    Result<PdfReport> verify(std::string_view pdf) const override;

private:
    struct Slots;
    IsolatedVerifier(std::filesystem::path worker, std::vector<std::string> anchors,
                     VerifyBounds bounds);
    Result<PdfReport> runWorker(std::string_view pdf) const;

    std::filesystem::path _worker;
    std::string _requestHead;  // the anchors, encoded once
    VerifyBounds _bounds;
    std::unique_ptr<Slots> _slots;
};

}  // namespace nusqa::signing
