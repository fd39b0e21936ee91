// LineBatchChannel: a Poco log channel that formats each message on the
// caller's thread, appends the line to a buffer under a short lock and leaves
// the writing to one writer thread, which hands the lines gathered to the
// sink as one message every interval (or sooner once flushBytes are
// pending). It replaces Poco's AsyncChannel for the server's logs: that one
// wakes its thread for every message (a futex wake and a context switch per
// request for the access log); this one wakes it about ten times a second.
//
// Order and loss: lines reach the sink in the order their log() calls took
// the lock. A message of priority warning or more severe is written at once
// on the caller's thread, after every line pending before it (an operator
// sees errors without delay). flush() writes what is pending now; close()
// and the destructor flush and stop the writer, so a clean shutdown loses
// nothing. Lines still pending when the process dies without close() (a
// crash, SIGKILL, _Exit) are lost, as with AsyncChannel.
//
// Bounds: at most maxPendingBytes wait for the writer; lines beyond that
// (a sink that cannot keep up) are dropped and counted, and the next write
// says how many were dropped.
//
// The sink gets the lines joined with '\n' as the text of one message and
// adds the last line end itself (FileChannel and ConsoleChannel do).
// Exceptions the sink throws (disk full) are swallowed: logging never fails
// a request.
//
// Thread safety: log() and flush() may be called from any thread.
#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Formatter.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace nusqa::app {

class LineBatchChannel final : public Poco::Channel {
public:
    struct Limits {
        std::chrono::milliseconds interval{100};
        std::size_t flushBytes = 64 * 1024;
        std::size_t maxPendingBytes = 16 * 1024 * 1024;
    };

    // Starts the writer thread. formatter and sink must not be null.
    LineBatchChannel(Poco::AutoPtr<Poco::Formatter> formatter, Poco::AutoPtr<Poco::Channel> sink,
                     Limits limits);

    void log(const Poco::Message& message) override;
    // Flushes, stops the writer and closes the sink. Messages logged after
    // close() are written at once on the caller's thread.
    void close() override;

    // Writes every pending line to the sink now.
    void flush();

protected:
    ~LineBatchChannel() override;

private:
    void runWriter();
    // Writes the pending lines, then extra (if not empty). Caller holds
    // _writeMutex.
    void writePending(const std::string& extra);

    Poco::AutoPtr<Poco::Formatter> _formatter;
    Poco::AutoPtr<Poco::Channel> _sink;
    const Limits _limits;

    std::mutex _mutex;  // guards _pending, _dropped, _stopping
    std::condition_variable _wake;
    std::string _pending;
    std::size_t _dropped = 0;
    bool _stopping = false;

    std::mutex _writeMutex;  // one writer of the sink at a time, in order
    std::mutex _closeMutex;
    std::thread _writer;
};

}  // namespace nusqa::app
