#include "app/detail/LineBatchChannel.h"

#include <Poco/Exception.h>
#include <Poco/Message.h>

#include <exception>
#include <utility>

namespace nusqa::app {

LineBatchChannel::LineBatchChannel(Poco::AutoPtr<Poco::Formatter> formatter,
                                   Poco::AutoPtr<Poco::Channel> sink, Limits limits)
    : _formatter(std::move(formatter)), _sink(std::move(sink)), _limits(limits) {
    _writer = std::thread([this] { runWriter(); });
}

LineBatchChannel::~LineBatchChannel() {
    close();
}

void LineBatchChannel::log(const Poco::Message& message) {
    std::string line;
    _formatter->format(message, line);
    if (message.getPriority() <= Poco::Message::PRIO_WARNING) {
        std::lock_guard write(_writeMutex);
        writePending(line);
        return;
    }
    bool wake = false;
    bool stopped = false;
    {
        std::lock_guard lock(_mutex);
        stopped = _stopping;
        if (!stopped) {
            if (_pending.size() + line.size() + 1 > _limits.maxPendingBytes) {
                ++_dropped;
                return;
            }
            const std::size_t before = _pending.size();
            if (before > 0) _pending += '\n';
            _pending += line;
            // Wake the writer only when the buffer just became due: once per
            // flushBytes, not once per line.
            wake = before < _limits.flushBytes && _pending.size() >= _limits.flushBytes;
        }
    }
    if (stopped) {
        std::lock_guard write(_writeMutex);
        writePending(line);
    } else if (wake) {
        _wake.notify_one();
    }
}

void LineBatchChannel::flush() {
    std::lock_guard write(_writeMutex);
    writePending({});
}

void LineBatchChannel::close() {
    std::lock_guard closing(_closeMutex);
    {
        std::lock_guard lock(_mutex);
        _stopping = true;
    }
    _wake.notify_one();
    if (_writer.joinable()) _writer.join();
    flush();
    try {
        _sink->close();
    } catch (const std::exception&) {
        // Nothing left to tell anyone.
    }
}

void LineBatchChannel::runWriter() {
    std::unique_lock lock(_mutex);
    while (!_stopping) {
        _wake.wait_for(lock, _limits.interval,
                       [this] { return _stopping || _pending.size() >= _limits.flushBytes; });
        lock.unlock();
        flush();
        lock.lock();
    }
}

void LineBatchChannel::writePending(const std::string& extra) {
    std::string lines;
    std::size_t dropped = 0;
    {
        std::lock_guard lock(_mutex);
        lines.swap(_pending);
        std::swap(dropped, _dropped);
    }
    if (dropped > 0) {
        if (!lines.empty()) lines += '\n';
        lines += "(log: " + std::to_string(dropped) +
                 " lines dropped: the log could not be written fast enough)";
    }
    if (!extra.empty()) {
        if (!lines.empty()) lines += '\n';
        lines += extra;
    }
    if (lines.empty()) return;
    try {
        _sink->log(Poco::Message("", lines, Poco::Message::PRIO_INFORMATION));
    } catch (const std::exception&) {
        // Poco::Exception derives from std::exception. A log that cannot be
        // written must not fail the request or kill the writer.
    }
}

}  // namespace nusqa::app
