// IsolatedPdfReader: the importer's PdfReader for untrusted files. Poppler
// reads the text layer in a worker process (`<worker> import-pdf-worker`,
// PdfWorker.h) started with posix_spawn — no fork of a multithreaded server,
// no code of ours between fork and exec — with an empty environment (no
// secret of the server reaches it), standard error to /dev/null and no other
// file descriptor. The worker bounds its own CPU time and address space
// before it reads anything, and its pages, words and text (PdfLimits); this
// side bounds the wall clock and kills it with SIGKILL when the time is up,
// and refuses files over PdfLimits::maxFileBytes before starting it. The
// worker's answer (positioned words) is decoded with every length checked
// (detail/PdfWire.h), and the layout (PdfLayout.h) runs here.
//
// Errors of read():
//   TooLarge         the file is over the size limit, or the worker ran out
//                    of memory;
//   InvalidDocument  not a PDF, damaged, encrypted, no text layer (a scan),
//                    or the worker ran out of time or died of a signal on it;
//   Unavailable      every worker slot stayed busy for the whole timeout, or
//                    the worker cannot be started;
//   Internal         the worker's answer is not one.
//
// Thread safety: read() may run on any number of threads; at most
// `concurrency` workers run at a time.
#pragma once

#include <filesystem>
#include <memory>

#include "import/Importer.h"
#include "import/pdf/PdfText.h"

namespace nusqa::import::pdf {

struct PdfBounds {
    int timeoutSeconds = 20;     // wall clock and CPU time of one worker
    int memoryMegabytes = 1024;  // the worker's address space
    int concurrency = 2;         // workers at once
};

class IsolatedPdfReader final : public import::PdfReader {
public:
    // worker: an executable with the import-pdf-worker subcommand ("/proc/self/exe"
    // in nusqa and in the test executables). InvalidArgument when bounds are not
    // positive; NotFound when worker cannot be run.
    static Result<std::unique_ptr<IsolatedPdfReader>> create(std::filesystem::path worker,
                                                             PdfBounds bounds = {});
    ~IsolatedPdfReader() override;

    Result<SourceDocument> read(std::string_view bytes, const std::string& name) const override;

private:
    struct Slots;
    IsolatedPdfReader(std::filesystem::path worker, PdfBounds bounds);
    Result<PdfText> runWorker(std::string_view pdf, const std::string& name) const;

    std::filesystem::path _worker;
    PdfBounds _bounds;
    PdfLimits _limits;
    std::unique_ptr<Slots> _slots;
};

}  // namespace nusqa::import::pdf
