#include "app/detail/Logging.h"

#include <Poco/AsyncChannel.h>
#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Exception.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
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
    Poco::AutoPtr<Poco::Channel> formatting(new Poco::FormattingChannel(formatter, sink));
    // Asynchronous so the access log never blocks a request thread on I/O.
    Poco::AutoPtr<Poco::AsyncChannel> async(new Poco::AsyncChannel(formatting));
    Poco::Logger::root().setChannel(async);
    Poco::Logger::root().setLevel(priority);
    Poco::Logger::setLevel("", priority);
    return {};
}

}  // namespace nusqa::app
