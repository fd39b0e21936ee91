// Hostile input: every case must come back as InvalidDocument within a
// second, and must provably not have read what it points at: a FIFO (opening
// it would block), a file holding a secret (never in any output),
// /etc/passwd ("root:" never in any output), a loopback TCP listener (no
// connection ever arrives).
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <functional>
#include <future>
#include <random>

#include "support/Sanitizers.h"
#include "support/TestSupport.h"
#include "xml/XmlEditionCodec.h"
#include "xml/XmlTestUtil.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

const XmlEditionCodec hostileCodec;

// A valid edition, cut so that a DOCTYPE (prolog) and a payload in the
// title text and in an attribute can be put in.
std::string documentWith(std::string_view prolog, std::string_view titlePayload,
                         std::string_view attributePayload = "") {
    std::string xml = readFixture("minimal.xml");
    xml = replaceOnce(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + std::string(prolog));
    xml = replaceOnce(xml, "<title>Сынақ бөлімі туралы</title>",
                      "<title>Сынақ " + std::string(titlePayload) + "</title>");
    if (!attributePayload.empty())
        xml = replaceOnce(xml, "<chapter eId=\"chp_1\">",
                          "<chapter eId=\"chp_1\" x=\"" + std::string(attributePayload) + "\">");
    return xml;
}

// Everything the three entry points give back for xml, as text, after
// checking that each refused it as InvalidDocument within a second.
std::string refuseQuickly(const std::string& xml) {
    std::string everything;
    auto check = [&](const char* entry, auto call) {
        double seconds = secondsTaken([&] {
            auto result = call();
            BOOST_TEST_REQUIRE(!result.has_value(), entry << " accepted:\n" << xml);
            BOOST_TEST((result.error().code == ErrorCode::InvalidDocument), entry);
            everything += errorText(result.error());
        });
        BOOST_TEST(seconds < 1.0 * kSanitizerSlowdown, entry << " took " << seconds << " s");
    };
    check("inspect", [&] { return hostileCodec.inspect(xml); });
    check("nextEdition", [&] { return hostileCodec.nextEdition(xml, {2, 1, "X", ""}); });
    check("validateEditionXml", [&] { return validateEditionXml(xml); });
    return everything;
}

// The detail for a rejected DOCTYPE, checked to be the only one.
void expectDoctypeRejectedAt(const std::string& xml, int line, int column) {
    auto status = validateEditionXml(xml);
    BOOST_TEST_REQUIRE(!status.has_value());
    BOOST_TEST_REQUIRE(status.error().details.size() == 1u, errorText(status.error()));
    const ErrorDetail& detail = status.error().details.front();
    BOOST_TEST(detail.line == line);
    BOOST_TEST(detail.column == column);
    BOOST_TEST(contains(detail.message, "DOCTYPE"), detail.message);
}

// Runs call on another thread; fails (instead of hanging) if it is not done
// within a second. If the parser has the FIFO open for reading and blocks,
// opening its write end releases it and proves that it was opened.
void finishesWithoutOpening(const std::filesystem::path& fifo, std::function<void()> call) {
    auto done = std::async(std::launch::async, std::move(call));
    if (done.wait_for(std::chrono::seconds(1)) != std::future_status::ready) {
        int writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
        BOOST_ERROR("the parser did not finish within 1 s"
                    << (writer >= 0 ? ": it opened the FIFO" : ""));
        if (writer >= 0) ::close(writer);
    }
    done.get();
}

std::string randomSecret() {
    std::random_device random;
    return "nusqa-secret-" + std::to_string(random()) + "-" + std::to_string(random());
}

// A TCP listener on an ephemeral loopback port; tells whether anyone came.
class LoopbackListener {
public:
    LoopbackListener() {
        _socket = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        BOOST_TEST_REQUIRE(_socket >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        BOOST_TEST_REQUIRE(::bind(_socket, reinterpret_cast<sockaddr*>(&address), sizeof address) ==
                           0);
        BOOST_TEST_REQUIRE(::listen(_socket, 16) == 0);
        socklen_t length = sizeof address;
        BOOST_TEST_REQUIRE(::getsockname(_socket, reinterpret_cast<sockaddr*>(&address), &length) ==
                           0);
        _port = ntohs(address.sin_port);
    }
    ~LoopbackListener() { ::close(_socket); }
    LoopbackListener(const LoopbackListener&) = delete;
    LoopbackListener& operator=(const LoopbackListener&) = delete;

    std::string url(std::string_view path) const {
        return "http://127.0.0.1:" + std::to_string(_port) + std::string(path);
    }

    // True if a connection is waiting or could be accepted right now
    // (poll and accept, both without waiting).
    bool anyoneConnected() const {
        pollfd ready{_socket, POLLIN, 0};
        if (::poll(&ready, 1, 0) != 0) return true;
        int client = ::accept4(_socket, nullptr, nullptr, SOCK_NONBLOCK);
        if (client >= 0) {
            ::close(client);
            return true;
        }
        return false;
    }

    // Proves the check works: a real connection is seen.
    void connectOnce() const {
        int client = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(_port);
        BOOST_TEST(::connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        ::close(client);
    }

private:
    int _socket = -1;
    int _port = 0;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(hostile_input)

BOOST_AUTO_TEST_CASE(billion_laughs_is_rejected_before_expansion) {
    std::string prolog = "<!DOCTYPE document [\n  <!ENTITY lol \"lol\">\n";
    std::string previous = "lol";
    for (int level = 1; level <= 9; ++level) {
        std::string name = "lol" + std::to_string(level);
        prolog += "  <!ENTITY " + name + " \"";
        for (int i = 0; i < 10; ++i) prolog += "&" + previous + ";";
        prolog += "\">\n";
        previous = name;
    }
    prolog += "]>\n";
    const std::string xml = documentWith(prolog, "&lol9;", "&lol9;");
    const std::string text = refuseQuickly(xml);
    BOOST_TEST(!contains(text, "lollollol"));
    expectDoctypeRejectedAt(xml, 2, 1);
}

BOOST_AUTO_TEST_CASE(quadratic_blowup_is_rejected_before_expansion) {
    const std::string big(100000, 'a');
    std::string references;
    for (int i = 0; i < 20000; ++i) references += "&a;";
    const std::string xml =
        documentWith("<!DOCTYPE document [<!ENTITY a \"" + big + "\">]>\n", references);
    refuseQuickly(xml);
}

BOOST_AUTO_TEST_CASE(doctype_is_located_where_it_starts) {
    const std::string xml = documentWith(
        "<!-- a comment\n     over two lines -->\n  <!DOCTYPE document [\n"
        "<!ENTITY a \"b\">\n]>\n",
        "&a;");
    expectDoctypeRejectedAt(xml, 4, 3);
    // A DOCTYPE with nothing in it is refused all the same.
    expectDoctypeRejectedAt(documentWith("<!DOCTYPE document>\n", ""), 2, 1);
}

BOOST_AUTO_TEST_CASE(external_entity_on_a_fifo_is_never_opened) {
    TempDir dir("xml-fifo");
    const auto fifo = dir.path() / "pipe";
    BOOST_TEST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const std::string url = "file://" + fifo.string();
    const std::vector<std::string> documents = {
        documentWith("<!DOCTYPE document [<!ENTITY x SYSTEM \"" + url + "\">]>\n", "&x;"),
        documentWith("<!DOCTYPE document [<!ENTITY x SYSTEM \"" + fifo.string() + "\">]>\n", "",
                     "&x;"),
        documentWith("<!DOCTYPE document SYSTEM \"" + url + "\">\n", ""),
        documentWith("<!DOCTYPE document [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>\n", ""),
    };
    for (const std::string& xml : documents)
        finishesWithoutOpening(fifo, [&] { refuseQuickly(xml); });
}

BOOST_AUTO_TEST_CASE(doctype_after_an_earlier_error_is_not_read_either) {
    // An error before the DOCTYPE turns libxml2's callbacks off, so the
    // DOCTYPE is never reported to us; the subset must still not be loaded
    // and no entity declared or expanded (no callback can declare one).
    TempDir dir("xml-early");
    const auto fifo = dir.path() / "pipe";
    BOOST_TEST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const std::string url = "file://" + fifo.string();
    const std::vector<std::string> prologs = {
        "<!DOCTYPE document SYSTEM \"" + url + "\">\n",
        "<!DOCTYPE document [<!ENTITY x SYSTEM \"" + url + "\">]>\n",
        "<!DOCTYPE document [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>\n",
        "<!DOCTYPE document [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY x \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n",
    };
    for (const std::string& prolog : prologs) {
        std::string xml = replaceOnce(documentWith(prolog, "&x;"), "encoding=\"UTF-8\"?>",
                                      "encoding=\"UTF-8\" standalone=\"maybe\"?>");
        finishesWithoutOpening(fifo, [&] {
            const std::string text = refuseQuickly(xml);
            BOOST_TEST(!contains(text, "aaaaaaaaaaaaaaaaaaaa"), text);
        });
    }
}

BOOST_AUTO_TEST_CASE(external_entity_on_a_secret_file_is_never_read) {
    TempDir dir("xml-secret");
    const auto file = dir.path() / "secret.txt";
    const std::string secret = randomSecret();
    writeFile(file, secret + "\n");
    // A DTD that would put the secret into an attribute default, if loaded.
    const auto dtd = dir.path() / "evil.dtd";
    writeFile(
        dtd, "<!ATTLIST document leak CDATA \"" + secret + "\">\n<!ENTITY x \"" + secret + "\">\n");
    const std::string url = "file://" + file.string();
    const std::vector<std::string> documents = {
        documentWith("<!DOCTYPE document [<!ENTITY x SYSTEM \"" + url + "\">]>\n", "&x;", "&x;"),
        documentWith("<!DOCTYPE document [<!ENTITY x SYSTEM \"" + file.string() + "\">]>\n", "&x;"),
        documentWith("<!DOCTYPE document SYSTEM \"file://" + dtd.string() + "\">\n", "&x;"),
        documentWith(
            "<!DOCTYPE document [<!ENTITY % p SYSTEM \"file://" + dtd.string() + "\"> %p;]>\n",
            "&x;"),
        // No DOCTYPE at all: a reference to an undeclared entity.
        documentWith("", "&x;"),
    };
    for (const std::string& xml : documents) {
        const std::string text = refuseQuickly(xml);
        BOOST_TEST(!contains(text, secret), text);
    }
}

BOOST_AUTO_TEST_CASE(etc_passwd_never_appears) {
    const std::vector<std::string> documents = {
        documentWith("<!DOCTYPE document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n", "&x;"),
        documentWith("<!DOCTYPE document [<!ENTITY x SYSTEM \"/etc/passwd\">]>\n", "&x;", "&x;"),
        documentWith("<!DOCTYPE document SYSTEM \"/etc/passwd\">\n", ""),
        documentWith("<!DOCTYPE document [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n", ""),
    };
    for (const std::string& xml : documents) {
        const std::string text = refuseQuickly(xml);
        BOOST_TEST(!contains(text, "root:"), text);
    }
}

BOOST_AUTO_TEST_CASE(xinclude_is_not_processed) {
    // No DOCTYPE, so this one reaches the schema; whatever the schema says,
    // the file is not read and nextEdition does not expand it.
    std::string xml =
        replaceOnce(readFixture("minimal.xml"), "<heading>",
                    "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\" "
                    "parse=\"text\"/><heading>");
    auto facts = hostileCodec.inspect(xml);
    auto next = hostileCodec.nextEdition(xml, {2, 1, "X", ""});
    std::string text = facts ? "" : errorText(facts.error());
    text += next ? *next : errorText(next.error());
    BOOST_TEST(!contains(text, "root:"), text);
}

BOOST_AUTO_TEST_CASE(network_is_never_contacted) {
    LoopbackListener listener;
    const std::string dtd = listener.url("/evil.dtd");
    const std::vector<std::string> refused = {
        documentWith("<!DOCTYPE document SYSTEM \"" + dtd + "\">\n", ""),
        documentWith("<!DOCTYPE document PUBLIC \"-//Evil//DTD//EN\" \"" + dtd + "\">\n", ""),
        documentWith("<!DOCTYPE document [<!ENTITY x SYSTEM \"" + dtd + "\">]>\n", "&x;"),
        documentWith("<!DOCTYPE document [<!ENTITY % p SYSTEM \"" + dtd + "\"> %p;]>\n", ""),
    };
    for (const std::string& xml : refused) {
        refuseQuickly(xml);
        BOOST_TEST(!listener.anyoneConnected(), xml);
    }

    // Schema location hints are ignored: the built-in schema is the only one.
    std::string hinted =
        replaceOnce(readFixture("minimal.xml"), "schemaVersion=\"1\"",
                    "schemaVersion=\"1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                    "xsi:schemaLocation=\"urn:nusqa:document:1 " +
                        listener.url("/evil.xsd") + "\"");
    // The answers do not matter here, only that nothing connects.
    (void)hostileCodec.inspect(hinted);
    (void)hostileCodec.nextEdition(hinted, {2, 1, "X", ""});
    std::string included =
        replaceOnce(readFixture("minimal.xml"), "<heading>",
                    "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" +
                        listener.url("/x.xml") + "\"/><heading>");
    (void)hostileCodec.inspect(included);
    (void)hostileCodec.nextEdition(included, {2, 1, "X", ""});
    BOOST_TEST(!listener.anyoneConnected());

    // And the check itself sees a real connection.
    listener.connectOnce();
    BOOST_TEST(listener.anyoneConnected());
}

BOOST_AUTO_TEST_CASE(hostile_inputs_under_load_stay_isolated) {
    // Rejections on some threads must not disturb valid inputs on others.
    const std::string valid = readFixture("000-wkatu-coworking.xml");
    const std::string bomb = documentWith(
        "<!DOCTYPE document [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n", "&b;");
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 30; ++i) {
                if (t % 2 == 0) {
                    auto facts = hostileCodec.inspect(valid);
                    if (!facts || facts->code != "СМЖ 07.БЕ.51") ++wrong;
                } else {
                    auto facts = hostileCodec.inspect(bomb);
                    if (facts || facts.error().details.size() != 1) ++wrong;
                }
            }
        });
    for (std::thread& thread : threads) thread.join();
    BOOST_TEST(wrong.load() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
