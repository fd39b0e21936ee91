#include "import/pdf/IsolatedPdfReader.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "import/pdf/PdfLayout.h"
#include "import/pdf/detail/PdfWire.h"

namespace nusqa::import::pdf {
namespace {

using Clock = std::chrono::steady_clock;

class Descriptor {
public:
    explicit Descriptor(int fd = -1) : _fd(fd) {}
    ~Descriptor() { reset(); }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;

    int get() const { return _fd; }
    void reset(int fd = -1) {
        if (_fd >= 0) ::close(_fd);
        _fd = fd;
    }

private:
    int _fd;
};

std::string errnoText(int error) {
    char buffer[256];
    return strerror_r(error, buffer, sizeof buffer);
}

long millisecondsUntil(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return left.count() > 0 ? static_cast<long>(left.count()) : 0;
}

struct Exchange {
    std::string answer;
    bool complete = false;  // the worker closed its output
    bool tooLong = false;
};

// Sends the PDF to the worker's input (then closes it) while reading its
// output, until the output ends or the deadline passes. MSG_NOSIGNAL: a
// worker that died cannot send SIGPIPE here.
Exchange exchange(int socket, std::string_view pdf, std::size_t maxAnswer,
                  Clock::time_point deadline) {
    Exchange result;
    bool sending = true;
    char buffer[65536];
    while (!result.complete && !result.tooLong) {
        long wait = millisecondsUntil(deadline);
        if (wait == 0) break;
        pollfd ready{socket, static_cast<short>(POLLIN | (sending ? POLLOUT : 0)), 0};
        int polled = ::poll(&ready, 1, static_cast<int>(std::min(wait, 1000L)));
        if (polled < 0 && errno != EINTR) break;
        if (polled <= 0) continue;
        if (sending && (ready.revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t sent = pdf.empty() ? 0
                                       : ::send(socket, pdf.data(),
                                                std::min<std::size_t>(pdf.size(), 1u << 16),
                                                MSG_NOSIGNAL | MSG_DONTWAIT);
            if (sent > 0) pdf.remove_prefix(static_cast<std::size_t>(sent));
            if (sent < 0 && errno != EAGAIN && errno != EINTR) sending = false;
            if (pdf.empty() && sending) {
                ::shutdown(socket, SHUT_WR);
                sending = false;
            }
        }
        if (ready.revents & (POLLIN | POLLERR | POLLHUP)) {
            ssize_t received = ::recv(socket, buffer, sizeof buffer, MSG_DONTWAIT);
            if (received > 0) {
                result.answer.append(buffer, static_cast<std::size_t>(received));
                result.tooLong = result.answer.size() > maxAnswer;
            } else if (received == 0 || (errno != EAGAIN && errno != EINTR)) {
                result.complete = true;
            }
        }
    }
    return result;
}

// The worker's exit status; SIGKILL first when it has not ended by the deadline.
int reap(pid_t pid, Clock::time_point deadline, bool& killed) {
    int status = 0;
    for (;;) {
        pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) return status;
        if (done < 0 && errno != EINTR) return status;
        if (Clock::now() >= deadline) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ::kill(pid, SIGKILL);
    killed = true;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

// The worker names the file "PDF"; the messages name the real one.
Error named(Error error, const std::string& name) {
    const std::string generic = "import: PDF: ";
    if (error.message.starts_with(generic))
        error.message = "import: " + name + ": " + error.message.substr(generic.size());
    else if (!error.message.starts_with("import: "))
        error.message = "import: " + name + ": " + error.message;
    return error;
}

}  // namespace

struct IsolatedPdfReader::Slots {
    std::mutex mutex;
    std::condition_variable freed;
    int free = 0;
};

IsolatedPdfReader::IsolatedPdfReader(std::filesystem::path worker, PdfBounds bounds)
    : _worker(std::move(worker)), _bounds(bounds), _slots(std::make_unique<Slots>()) {
    _slots->free = bounds.concurrency;
}

IsolatedPdfReader::~IsolatedPdfReader() = default;

Result<std::unique_ptr<IsolatedPdfReader>> IsolatedPdfReader::create(std::filesystem::path worker,
                                                                     PdfBounds bounds) {
    if (bounds.timeoutSeconds < 1 || bounds.memoryMegabytes < 1 || bounds.concurrency < 1)
        return fail(ErrorCode::InvalidArgument,
                    "import: the PDF reader's bounds must be positive numbers");
    if (::access(worker.c_str(), X_OK) != 0)
        return fail(ErrorCode::NotFound,
                    "import: the PDF reader process " + worker.string() + " cannot be run");
    return std::unique_ptr<IsolatedPdfReader>(new IsolatedPdfReader(std::move(worker), bounds));
}

Result<SourceDocument> IsolatedPdfReader::read(std::string_view bytes,
                                               const std::string& name) const {
    if (bytes.size() > _limits.maxFileBytes)
        return fail(ErrorCode::TooLarge, "import: " + name + ": " + std::to_string(bytes.size()) +
                                             " bytes is over the limit of " +
                                             std::to_string(_limits.maxFileBytes) +
                                             " bytes for a PDF");
    if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos)
        return fail(ErrorCode::InvalidDocument,
                    "import: " + name + ": not a PDF: it does not start with «%PDF-»");
    const auto timeout = std::chrono::seconds(_bounds.timeoutSeconds);
    {
        std::unique_lock lock(_slots->mutex);
        if (!_slots->freed.wait_for(lock, timeout, [this] { return _slots->free > 0; }))
            return fail(ErrorCode::Unavailable,
                        "import: every PDF reader process is busy; try again shortly");
        --_slots->free;
    }
    Result<PdfText> text = runWorker(bytes, name);
    {
        std::lock_guard lock(_slots->mutex);
        ++_slots->free;
    }
    _slots->freed.notify_one();
    if (!text) return std::unexpected(named(std::move(text).error(), name));
    return layoutSource(*text, name, bytes.size());
}

Result<PdfText> IsolatedPdfReader::runWorker(std::string_view pdf, const std::string& name) const {
    int sockets[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0)
        return fail(ErrorCode::Unavailable,
                    "import: cannot start the PDF reader process: " + errnoText(errno));
    Descriptor parentEnd(sockets[0]);
    Descriptor childEnd(sockets[1]);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, childEnd.get(), 0);
    posix_spawn_file_actions_adddup2(&actions, childEnd.get(), 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t signals;
    sigemptyset(&signals);
    posix_spawnattr_setsigmask(&attributes, &signals);
    sigfillset(&signals);
    posix_spawnattr_setsigdefault(&attributes, &signals);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::string program = _worker.string();
    std::string cpu = std::to_string(_bounds.timeoutSeconds);
    std::string memory = std::to_string(_bounds.memoryMegabytes);
    std::string command = "import-pdf-worker", cpuOption = "--cpu-seconds",
                memoryOption = "--memory-megabytes";
    char* argv[] = {program.data(),      command.data(), cpuOption.data(), cpu.data(),
                    memoryOption.data(), memory.data(),  nullptr};
    char* environment[] = {nullptr};
    pid_t pid = -1;
    int spawned = ::posix_spawn(&pid, program.c_str(), &actions, &attributes, argv, environment);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    childEnd.reset();
    if (spawned != 0)
        return fail(ErrorCode::Unavailable,
                    "import: cannot start the PDF reader process: " + errnoText(spawned));

    const auto deadline = Clock::now() + std::chrono::seconds(_bounds.timeoutSeconds);
    // The answer carries every word with its box: a few times the text.
    const std::size_t maxAnswer = _limits.maxTextBytes + _limits.maxBoxes * 64 + (1u << 20);
    Exchange exchanged = exchange(parentEnd.get(), pdf, maxAnswer, deadline);
    parentEnd.reset();
    bool killed = false;
    int status = reap(pid, exchanged.complete ? deadline : Clock::now(), killed);

    const std::string seconds = std::to_string(_bounds.timeoutSeconds);
    if (exchanged.tooLong)
        return fail(ErrorCode::Internal, "import: the PDF reader process gave a broken answer");
    if (killed ||
        (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL)))
        return fail(ErrorCode::InvalidDocument,
                    "import: " + name + ": reading this PDF takes longer than " + seconds +
                        " s, so it was stopped (a damaged file, or one built to be slow to read)");
    if (WIFSIGNALED(status))
        return fail(ErrorCode::InvalidDocument,
                    "import: " + name +
                        ": this PDF cannot be read: reading it stopped the PDF reader (signal " +
                        std::to_string(WTERMSIG(status)) + ")");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return fail(ErrorCode::Internal, "import: the PDF reader process failed (exit status " +
                                             std::to_string(WEXITSTATUS(status)) + ")");
    return wire::decodeOutcome(exchanged.answer, _limits);
}

}  // namespace nusqa::import::pdf
