#include "signing/IsolatedVerifier.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "signing/PdfVerify.h"
#include "signing/VerifyWire.h"

namespace nusqa::signing {
namespace {

using Clock = std::chrono::steady_clock;

// A worker's answer is a few kilobytes; anything near this is not one.
constexpr std::size_t kMaxAnswerBytes = 16u << 20;

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

// What came back from one worker.
struct Exchange {
    std::string answer;
    bool complete = false;  // the worker closed its output
    bool tooLong = false;
};

// Sends head and pdf to the worker's input (then closes it) while reading its
// output, until the output ends or the deadline passes. A worker that stops
// reading (it died, or it is done) just ends the sending: MSG_NOSIGNAL, so no
// SIGPIPE can reach the server.
Exchange exchange(int socket, std::string_view head, std::string_view pdf,
                  Clock::time_point deadline) {
    Exchange result;
    bool sending = true;
    auto nextPiece = [&]() -> std::string_view { return head.empty() ? pdf : head; };
    auto advance = [&](std::size_t count) {
        if (!head.empty())
            head.remove_prefix(count);
        else
            pdf.remove_prefix(count);
    };
    char buffer[65536];
    while (!result.complete && !result.tooLong) {
        long wait = millisecondsUntil(deadline);
        if (wait == 0) break;
        pollfd ready{socket, static_cast<short>(POLLIN | (sending ? POLLOUT : 0)), 0};
        int polled = ::poll(&ready, 1, static_cast<int>(std::min(wait, 1000L)));
        if (polled < 0 && errno != EINTR) break;
        if (polled <= 0) continue;
        if (sending && (ready.revents & (POLLOUT | POLLERR | POLLHUP))) {
            std::string_view piece = nextPiece();
            ssize_t sent = piece.empty() ? 0
                                         : ::send(socket, piece.data(),
                                                  std::min<std::size_t>(piece.size(), 1u << 16),
                                                  MSG_NOSIGNAL | MSG_DONTWAIT);
            if (sent > 0) advance(static_cast<std::size_t>(sent));
            if (sent < 0 && errno != EAGAIN && errno != EINTR) sending = false;
            if (nextPiece().empty() && sending) {
                ::shutdown(socket, SHUT_WR);
                sending = false;
            }
        }
        if (ready.revents & (POLLIN | POLLERR | POLLHUP)) {
            ssize_t received = ::recv(socket, buffer, sizeof buffer, MSG_DONTWAIT);
            if (received > 0) {
                result.answer.append(buffer, static_cast<std::size_t>(received));
                result.tooLong = result.answer.size() > kMaxAnswerBytes;
            } else if (received == 0 || (errno != EAGAIN && errno != EINTR)) {
                result.complete = true;
            }
        }
    }
    return result;
}

// The worker's exit status; SIGKILL first when it has not ended by the
// deadline. killed: whether this side killed it.
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

}  // namespace

struct IsolatedVerifier::Slots {
    std::mutex mutex;
    std::condition_variable freed;
    int free = 0;
};

IsolatedVerifier::IsolatedVerifier(std::filesystem::path worker, std::vector<std::string> anchors,
                                   VerifyBounds bounds)
    : _worker(std::move(worker)),
      _requestHead(wire::encodeRequestHead(anchors)),
      _bounds(bounds),
      _slots(std::make_unique<Slots>()) {
    _slots->free = bounds.concurrency;
}

IsolatedVerifier::~IsolatedVerifier() = default;

Result<std::unique_ptr<IsolatedVerifier>> IsolatedVerifier::create(std::filesystem::path worker,
                                                                   std::vector<std::string> anchors,
                                                                   VerifyBounds bounds) {
    if (bounds.timeoutSeconds < 1 || bounds.memoryMegabytes < 1 || bounds.concurrency < 1)
        return fail(ErrorCode::InvalidArgument,
                    "signing: verification bounds must be positive numbers");
    NUSQA_TRY(Verifier::create(anchors));  // the same checks of the anchors, here and now
    if (::access(worker.c_str(), X_OK) != 0)
        return fail(ErrorCode::NotFound,
                    "signing: the verification worker " + worker.string() + " cannot be run");
    return std::unique_ptr<IsolatedVerifier>(
        new IsolatedVerifier(std::move(worker), std::move(anchors), bounds));
}

Result<PdfReport> IsolatedVerifier::verify(std::string_view pdf) const {
    if (std::optional<PdfReport> refused = refuseBeforeParsing(pdf)) return *refused;

    const auto timeout = std::chrono::seconds(_bounds.timeoutSeconds);
    {
        std::unique_lock lock(_slots->mutex);
        if (!_slots->freed.wait_for(lock, timeout, [this] { return _slots->free > 0; }))
            return fail(ErrorCode::Unavailable,
                        "signing: every PDF verification worker is busy; try again shortly");
        --_slots->free;
    }
    Result<PdfReport> outcome = runWorker(pdf);
    {
        std::lock_guard lock(_slots->mutex);
        ++_slots->free;
    }
    _slots->freed.notify_one();
    return outcome;
}

Result<PdfReport> IsolatedVerifier::runWorker(std::string_view pdf) const {
    int sockets[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0)
        return fail(ErrorCode::Unavailable,
                    "signing: cannot start the verification worker: " + errnoText(errno));
    Descriptor parentEnd(sockets[0]);
    Descriptor childEnd(sockets[1]);

    // The worker gets its socket as standard input and output, /dev/null as
    // standard error, and nothing else: closefrom(3) after the dup2s.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, childEnd.get(), 0);
    posix_spawn_file_actions_adddup2(&actions, childEnd.get(), 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    // Signals as in a fresh process: none blocked (the server blocks some
    // in its threads), every disposition the default.
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
    std::string command = "verify-worker", cpuOption = "--cpu-seconds",
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
                    "signing: cannot start the verification worker: " + errnoText(spawned));

    const auto deadline = Clock::now() + std::chrono::seconds(_bounds.timeoutSeconds);
    Exchange exchanged = exchange(parentEnd.get(), _requestHead, pdf, deadline);
    parentEnd.reset();
    bool killed = false;
    int status = reap(pid, exchanged.complete ? deadline : Clock::now(), killed);

    const std::string seconds = std::to_string(_bounds.timeoutSeconds);
    if (exchanged.tooLong)
        return fail(ErrorCode::Internal, "signing: the verification worker gave a broken answer");
    if (killed ||
        (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL)))
        return fail(ErrorCode::InvalidDocument,
                    "signing: verifying this PDF takes longer than " + seconds +
                        " s, so it was stopped (a file built to be slow to read)");
    if (WIFSIGNALED(status))
        return fail(ErrorCode::InvalidDocument,
                    "signing: this PDF cannot be verified: reading it stopped the verifier "
                    "(signal " +
                        std::to_string(WTERMSIG(status)) + ")");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return fail(ErrorCode::Internal, "signing: the verification worker failed (exit status " +
                                             std::to_string(WEXITSTATUS(status)) + ")");
    return wire::decodeOutcome(exchanged.answer);
}

}  // namespace nusqa::signing
