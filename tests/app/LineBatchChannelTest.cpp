// LineBatchChannel (the server's log channel): lines reach the sink in
// order and in batches, by themselves within the interval, warnings at once,
// everything pending on close(); a bounded buffer that says what it dropped.
#include <boost/test/unit_test.hpp>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Message.h>
#include <Poco/PatternFormatter.h>

#include <chrono>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/detail/LineBatchChannel.h"

using nusqa::app::LineBatchChannel;

namespace {

// The sink: records each message it gets (one per batch).
class CollectingChannel final : public Poco::Channel {
public:
    void log(const Poco::Message& message) override {
        std::lock_guard lock(_mutex);
        _writes.push_back(message.getText());
    }
    std::vector<std::string> writes() const {
        std::lock_guard lock(_mutex);
        return _writes;
    }
    // Every line written so far, in order.
    std::vector<std::string> lines() const {
        std::vector<std::string> result;
        for (const std::string& write : writes()) {
            std::istringstream in(write);
            for (std::string line; std::getline(in, line);) result.push_back(line);
        }
        return result;
    }

private:
    mutable std::mutex _mutex;
    std::vector<std::string> _writes;
};

struct Fixture {
    explicit Fixture(LineBatchChannel::Limits limits)
        : sink(new CollectingChannel),
          channel(new LineBatchChannel(new Poco::PatternFormatter("%p %t"), sink, limits)) {}
    void info(const std::string& text) {
        channel->log(Poco::Message("test", text, Poco::Message::PRIO_INFORMATION));
    }
    Poco::AutoPtr<CollectingChannel> sink;
    Poco::AutoPtr<LineBatchChannel> channel;
};

constexpr std::chrono::hours kNever{1};

}  // namespace

BOOST_AUTO_TEST_SUITE(line_batch_channel)

BOOST_AUTO_TEST_CASE(lines_arrive_in_order_in_few_writes_within_the_interval) {
    Fixture f({std::chrono::milliseconds(50), 64 * 1024, 1024 * 1024});
    for (int i = 0; i < 1000; ++i) f.info("line " + std::to_string(i));
    // No flush: the writer thread writes them by itself.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (f.sink->lines().size() < 1000 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::vector<std::string> lines = f.sink->lines();
    BOOST_TEST_REQUIRE(lines.size() == 1000u);
    for (int i = 0; i < 1000; ++i) BOOST_TEST(lines[i] == "Information line " + std::to_string(i));
    // Batched: a handful of writes, not one per line.
    BOOST_TEST(f.sink->writes().size() <= 20u);
}

BOOST_AUTO_TEST_CASE(a_full_buffer_is_written_before_the_interval) {
    Fixture f({kNever, 1000, 1024 * 1024});
    for (int i = 0; i < 100; ++i) f.info("a line of some forty characters: " + std::to_string(i));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (f.sink->writes().empty() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    BOOST_TEST(!f.sink->writes().empty());
}

BOOST_AUTO_TEST_CASE(a_warning_is_written_at_once_after_the_lines_before_it) {
    Fixture f({kNever, 64 * 1024, 1024 * 1024});
    f.info("first");
    f.info("second");
    BOOST_TEST(f.sink->writes().empty());
    f.channel->log(Poco::Message("test", "it broke", Poco::Message::PRIO_ERROR));
    // Written on the caller's thread, before log() returned.
    std::vector<std::string> lines = f.sink->lines();
    BOOST_TEST_REQUIRE(lines.size() == 3u);
    BOOST_TEST(lines[0] == "Information first");
    BOOST_TEST(lines[1] == "Information second");
    BOOST_TEST(lines[2] == "Error it broke");
}

BOOST_AUTO_TEST_CASE(close_writes_every_pending_line) {
    Fixture f({kNever, 64 * 1024, 1024 * 1024});
    for (int i = 0; i < 10; ++i) f.info("pending " + std::to_string(i));
    BOOST_TEST(f.sink->writes().empty());
    f.channel->close();
    BOOST_TEST(f.sink->lines().size() == 10u);
    // After close() a line is written at once.
    f.info("late");
    BOOST_TEST(f.sink->lines().back() == "Information late");
}

BOOST_AUTO_TEST_CASE(lines_beyond_the_bound_are_dropped_and_counted) {
    Fixture f({kNever, 1024 * 1024, 100});
    for (int i = 0; i < 20; ++i) f.info("0123456789");  // 22 bytes a line
    f.channel->flush();
    std::vector<std::string> lines = f.sink->lines();
    BOOST_TEST_REQUIRE(lines.size() == 5u);
    BOOST_TEST(lines[3] == "Information 0123456789");
    BOOST_TEST(lines[4].find("16 lines dropped") != std::string::npos, lines[4]);
}

BOOST_AUTO_TEST_CASE(concurrent_callers_lose_nothing) {
    Fixture f({std::chrono::milliseconds(5), 4096, 16 * 1024 * 1024});
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&f, t] {
            for (int i = 0; i < 2000; ++i) f.info(std::to_string(t) + " " + std::to_string(i));
        });
    for (std::thread& thread : threads) thread.join();
    f.channel->close();
    std::vector<std::string> lines = f.sink->lines();
    BOOST_TEST(lines.size() == 16000u);
    // Each thread's lines in its own order.
    std::vector<int> next(8, 0);
    bool ordered = true;
    for (const std::string& line : lines) {
        std::istringstream in(line.substr(std::string("Information ").size()));
        int t = 0, i = 0;
        in >> t >> i;
        ordered = ordered && t >= 0 && t < 8 && i == next[t]++;
    }
    BOOST_TEST(ordered);
}

BOOST_AUTO_TEST_SUITE_END()
