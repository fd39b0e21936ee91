#include "import/pdf/PdfWorker.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <new>
#include <optional>

#include "import/pdf/PopplerText.h"
#include "import/pdf/detail/PdfWire.h"

namespace nusqa::import::pdf {
namespace {

struct Bounds {
    long cpuSeconds = 0;
    long memoryMegabytes = 0;
};

std::optional<long> positive(const std::string& text) {
    long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
    return value;
}

std::optional<Bounds> boundsOf(const std::vector<std::string>& arguments) {
    Bounds bounds;
    if (arguments.size() % 2 != 0) return std::nullopt;
    for (std::size_t i = 0; i + 1 < arguments.size(); i += 2) {
        std::optional<long> value = positive(arguments[i + 1]);
        if (!value) return std::nullopt;
        if (arguments[i] == "--cpu-seconds")
            bounds.cpuSeconds = *value;
        else if (arguments[i] == "--memory-megabytes")
            bounds.memoryMegabytes = *value;
        else
            return std::nullopt;
    }
    if (bounds.cpuSeconds == 0 || bounds.memoryMegabytes == 0 ||
        bounds.memoryMegabytes > (1L << 20))
        return std::nullopt;
    return bounds;
}

bool limit(int resource, rlim_t soft, rlim_t hard) {
    rlimit value{soft, hard};
    return ::setrlimit(resource, &value) == 0;
}

// The address-space bound, except in the AddressSanitizer build (the
// sanitizer run of the tests, README "Sanitizers"): ASan reserves terabytes
// of address space for its shadow memory and allocator before main(), so an
// RLIMIT_AS of a few hundred megabytes cannot be set meaningfully there, and
// a failed allocation ends the process with ASan's report instead of
// std::bad_alloc. That build keeps the CPU-time bound (and the others); the
// memory bound is checked in the ordinary build.
bool boundAddressSpace([[maybe_unused]] rlim_t bytes) {
#if defined(__SANITIZE_ADDRESS__)
    return true;
#else
    return limit(RLIMIT_AS, bytes, bytes);
#endif
}

bool bound(const Bounds& bounds) {
    auto cpu = static_cast<rlim_t>(bounds.cpuSeconds);
    auto bytes = static_cast<rlim_t>(bounds.memoryMegabytes) << 20;
    return limit(RLIMIT_CORE, 0, 0) && limit(RLIMIT_FSIZE, 0, 0) && limit(RLIMIT_NPROC, 0, 0) &&
           limit(RLIMIT_CPU, cpu, cpu + 1) && boundAddressSpace(bytes);
}

// Everything up to the end of input, at most maxBytes + 1; false on a read error.
bool readAll(int input, std::string& bytes, std::size_t maxBytes) {
    char buffer[65536];
    for (;;) {
        ssize_t count = ::read(input, buffer, sizeof buffer);
        if (count == 0) return true;
        if (count < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        bytes.append(buffer, static_cast<std::size_t>(count));
        if (bytes.size() > maxBytes) return true;  // readPdfText refuses it by its size
    }
}

void writeAll(int output, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t count = ::write(output, bytes.data(), bytes.size());
        if (count < 0) {
            if (errno == EINTR) continue;
            return;  // the parent went away: nobody is left to tell
        }
        bytes.remove_prefix(static_cast<std::size_t>(count));
    }
}

}  // namespace

int runPdfWorker(const std::vector<std::string>& arguments, int input, int output) {
    std::optional<Bounds> bounds = boundsOf(arguments);
    if (!bounds || !bound(*bounds)) return 2;
    const PdfLimits limits;
    Result<PdfText> outcome = [&]() -> Result<PdfText> {
        try {
            std::string bytes;
            if (!readAll(input, bytes, limits.maxFileBytes))
                return fail(ErrorCode::Internal, "import-pdf-worker: cannot read the PDF");
            return readPdfText(bytes, "PDF", limits);
        } catch (const std::bad_alloc&) {
            return fail(ErrorCode::TooLarge, "the PDF needs more memory to read than is allowed");
        } catch (const std::exception& error) {
            return fail(ErrorCode::InvalidDocument,
                        std::string("the PDF cannot be read: ") + error.what());
        }
    }();
    writeAll(output, wire::encodeOutcome(outcome));
    return 0;
}

}  // namespace nusqa::import::pdf
