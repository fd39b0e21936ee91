#include "app/detail/Logging.h"

#include "app/detail/LineBatchChannel.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Exception.h>
#include <Poco/FileChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>

namespace nusqa::app {

Status configureLogging(const std::string& level, const std::string& logFile) {
    int priority = 0;
    try {
        priority = Poco::Logger::parseLevel(level);
    } catch (const Poco::Exception&) {
        return fail(ErrorCode::InvalidArgument, "config: log.level «" + level + "» is not a level");
    }
    Poco::AutoPtr<Poco::Channel> sink;
    if (logFile.empty()) {
        sink = new Poco::ConsoleChannel;
    } else {
        auto file = new Poco::FileChannel(logFile);
        file->setProperty("rotation", "100 M");
        file->setProperty("archive", "timestamp");
        file->setProperty("purgeCount", "10");
        sink = file;
    }
    Poco::AutoPtr<Poco::PatternFormatter> formatter(
        new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t"));
    formatter->setProperty("times", "UTC");
    // Lines are formatted by the caller and written in batches by one thread:
    // the access log never blocks a request thread on I/O nor wakes a thread
    // per request. Warnings and errors are written at once.
    Poco::AutoPtr<Poco::Channel> batched(
        new LineBatchChannel(formatter, sink, LineBatchChannel::Limits{}));
    Poco::Logger::root().setChannel(batched);
    Poco::Logger::root().setLevel(priority);
    Poco::Logger::setLevel("", priority);
    return {};
}

void flushLogging() {
    if (auto* batched = dynamic_cast<LineBatchChannel*>(Poco::Logger::root().getChannel().get()))
        batched->flush();
}

}  // namespace nusqa::app
