// The in-memory files a large shared body (a cached PDF) is sent from with
// sendfile(2): they hold exactly the body's bytes, one per body while it
// lives, never another body's file at a reused address, within their
// bounds; small bodies get none. And sendHeadAndFile() puts head and file on
// a socket as one answer.
#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "http/detail/BodyFiles.h"
#include "http/detail/ConnectionLoop.h"

using namespace nusqa::http;

namespace {

std::string contentsOf(int descriptor) {
    std::string bytes;
    char buffer[65536];
    off_t offset = 0;
    while (true) {
        ssize_t got = ::pread(descriptor, buffer, sizeof buffer, offset);
        BOOST_REQUIRE(got >= 0);
        if (got == 0) break;
        bytes.append(buffer, static_cast<std::size_t>(got));
        offset += got;
    }
    return bytes;
}

std::shared_ptr<const std::string> bodyOf(std::size_t size, char fill) {
    std::string bytes(size, fill);
    for (std::size_t i = 0; i < size; i += 997) bytes[i] = static_cast<char>(i % 251);
    return std::make_shared<const std::string>(std::move(bytes));
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_large_body_gets_one_file_with_exactly_its_bytes) {
    BodyFiles files(1024, 8, 1 << 20);
    auto body = bodyOf(100 * 1000, 'p');
    auto file = files.fileOf(body);
    BOOST_TEST_REQUIRE(file != nullptr);
    BOOST_TEST(contentsOf(file->descriptor()) == *body);
    BOOST_TEST(files.fileOf(body) == file);  // the same file again
    BOOST_TEST(files.files() == 1u);
    BOOST_TEST(files.fileOf(bodyOf(1023, 's')) == nullptr);  // under the minimum
    BOOST_TEST(files.fileOf(nullptr) == nullptr);
}

BOOST_AUTO_TEST_CASE(a_body_that_went_away_leaves_its_file_to_nobody) {
    BodyFiles files(1024, 8, 1 << 20);
    auto first = bodyOf(50 * 1000, 'a');
    const std::string* address = first.get();
    auto firstFile = files.fileOf(first);
    BOOST_TEST_REQUIRE(firstFile != nullptr);
    first.reset();
    // A new body, possibly at the same address: its own bytes, never the old file.
    for (int i = 0; i < 20; ++i) {
        auto next = bodyOf(50 * 1000, static_cast<char>('b' + i));
        auto file = files.fileOf(next);
        BOOST_TEST_REQUIRE(file != nullptr);
        BOOST_TEST(contentsOf(file->descriptor()) == *next);
        if (next.get() == address) BOOST_TEST(file != firstFile);
    }
    // Files of bodies gone are closed when a new one is made.
    BOOST_TEST(files.files() <= 2u);
}

BOOST_AUTO_TEST_CASE(beyond_the_bounds_a_body_gets_no_file) {
    BodyFiles files(1024, 2, 150 * 1000);
    auto a = bodyOf(60 * 1000, 'a');
    auto b = bodyOf(60 * 1000, 'b');
    auto c = bodyOf(60 * 1000, 'c');
    BOOST_TEST(files.fileOf(a) != nullptr);
    BOOST_TEST(files.fileOf(b) != nullptr);
    BOOST_TEST(files.fileOf(c) == nullptr);  // three files, 180 KB: over both bounds
    b.reset();
    BOOST_TEST(files.fileOf(c) != nullptr);  // b's file went
    BOOST_TEST(files.files() == 2u);
}

BOOST_AUTO_TEST_CASE(head_and_file_arrive_as_one_answer) {
    int pair[2];
    BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
    BodyFiles files(1024, 8, 1 << 20);
    auto body = bodyOf(40 * 1000, 'x');
    auto file = files.fileOf(body);
    BOOST_TEST_REQUIRE(file != nullptr);
    const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 40000\r\n\r\n";
    BOOST_TEST(sendHeadAndFile(pair[0], head, file->descriptor(), body->size()));
    ::close(pair[0]);
    std::string received;
    char buffer[65536];
    ssize_t got = 0;
    while ((got = ::read(pair[1], buffer, sizeof buffer)) > 0)
        received.append(buffer, static_cast<std::size_t>(got));
    ::close(pair[1]);
    BOOST_TEST(received == head + *body);
    // Sent twice from the same file: from its start each time.
    BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
    BOOST_TEST(sendHeadAndFile(pair[0], head, file->descriptor(), body->size()));
    ::close(pair[0]);
    received.clear();
    while ((got = ::read(pair[1], buffer, sizeof buffer)) > 0)
        received.append(buffer, static_cast<std::size_t>(got));
    ::close(pair[1]);
    BOOST_TEST(received == head + *body);
}
