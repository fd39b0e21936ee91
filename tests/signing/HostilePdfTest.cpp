// Hostile PDFs against the verifier (issue 11, findings 1 and 2), each run
// against `nusqa verify` and against a real `nusqa serve` process:
//  - /ByteRange numbers near 2^63 or past the end of the file: once an
//    out-of-bounds read (SIGSEGV) or an uncaught std::out_of_range, now
//    "malformed_byte_range";
//  - dictionaries nested 800, 2,000 and 10,000 deep: once seconds to minutes
//    of PoDoFo and a stack overflow, now refused by the pre-scan in
//    milliseconds ("too_complex");
//  - nesting hidden in a compressed object stream (the pre-scan cannot see
//    it) and a decompression bomb: stopped by the worker's time and memory
//    bounds (422), the server unharmed.
// Times are printed in the test log.
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <zlib.h>

#include <chrono>
#include <ctime>
#include <limits>
#include <map>
#include <regex>
#include <tuple>

#include "app/ServerProcess.h"
#include "signing/PdfPrescan.h"
#include "signing/PdfVerify.h"
#include "signing/VerifyWire.h"
#include "support/HttpClient.h"
#include "support/Sanitizers.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using namespace nusqa;
using namespace nusqa::test;

namespace {

template <typename F>
double secondsTaken(F&& f) {
    auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds of this thread while f runs: what an algorithm costs,
// whatever else the machine is doing (wall time on a loaded 2-core machine
// measures the load).
template <typename F>
double cpuSecondsTaken(F&& f) {
    auto now = [] {
        timespec time{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
        return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_nsec) / 1e9;
    };
    double start = now();
    f();
    return now() - start;
}

constexpr const char* kMaxInt64 = "9223372036854775807";

// The signed fixture with its /ByteRange rewritten in place: the
// placeholder is padded with blanks, so offsets and the xref stay right.
std::string withByteRange(const std::string& numbers) {
    std::string pdf = readFile(fixture("signed/one-signature.pdf"));
    std::size_t open = pdf.find("/ByteRange[");
    BOOST_TEST_REQUIRE(open != std::string::npos);
    open += std::string("/ByteRange[").size();
    std::size_t close = pdf.find(']', open);
    std::string inside = " " + numbers + " ";
    BOOST_TEST_REQUIRE(inside.size() <= close - open);
    inside.resize(close - open, ' ');
    pdf.replace(open, close - open, inside);
    return pdf;
}

// A PDF of a catalog, an empty page tree and body as object 3.
std::string plainPdf(const std::string& body) {
    std::vector<std::string> objects{"<< /Type /Catalog /Pages 2 0 R >>",
                                     "<< /Type /Pages /Kids [] /Count 0 >>", body};
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    std::size_t xref = pdf.size();
    pdf += "xref\n0 4\n0000000000 65535 f \n";
    for (std::size_t offset : offsets) {
        char line[32];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        pdf += line;
    }
    pdf += "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

std::string nestedDictionaries(int depth) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += "<</A ";
    text += "1";
    for (int i = 0; i < depth; ++i) text += " >>";
    return text;
}

// head followed by `blanks` spaces, deflated (streamed: a bomb of hundreds
// of megabytes is never in memory here).
std::string deflated(const std::string& head, std::size_t blanks) {
    z_stream stream{};
    BOOST_TEST_REQUIRE(deflateInit(&stream, 1) == Z_OK);
    std::string out;
    std::string spaces(1 << 20, ' ');
    char buffer[1 << 16];
    auto feed = [&](const char* data, std::size_t size, int flush) {
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
        stream.avail_in = static_cast<uInt>(size);
        do {
            stream.next_out = reinterpret_cast<Bytef*>(buffer);
            stream.avail_out = sizeof buffer;
            deflate(&stream, flush);
            out.append(buffer, sizeof buffer - stream.avail_out);
        } while (stream.avail_out == 0);
    };
    feed(head.data(), head.size(), Z_NO_FLUSH);
    for (std::size_t left = blanks; left > 0;) {
        std::size_t piece = std::min(left, spaces.size());
        feed(spaces.data(), piece, Z_NO_FLUSH);
        left -= piece;
    }
    feed(nullptr, 0, Z_FINISH);
    deflateEnd(&stream);
    return out;
}

// A PDF 1.5 whose object 4 lives in a compressed object stream (object 3),
// found through a cross-reference stream (object 5): PoDoFo reads object
// streams while it loads the file; the pre-scan sees only deflated bytes.
std::string objectStreamPdf(const std::string& object, std::size_t blanks = 0) {
    // PoDoFo 0.9.8 looks for "trailer" in the last 2 KB and misreads files
    // shorter than that: a comment pads this one.
    std::string pdf = "%PDF-1.5\n%" + std::string(3000, 'x') + "\n";
    std::map<int, std::size_t> offsets;
    offsets[1] = pdf.size();
    pdf += "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
    offsets[2] = pdf.size();
    pdf += "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n";
    std::string header = "4 0 ";
    std::string stream = deflated(header + object, blanks);
    offsets[3] = pdf.size();
    pdf += "3 0 obj\n<< /Type /ObjStm /N 1 /First " + std::to_string(header.size()) +
           " /Filter /FlateDecode /Length " + std::to_string(stream.size()) + " >>\nstream\n" +
           stream + "\nendstream\nendobj\n";
    auto row = [](int type, std::size_t field, int generation) {
        std::string bytes(1, static_cast<char>(type));
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes += static_cast<char>((field >> shift) & 0xFF);
        bytes += static_cast<char>((generation >> 8) & 0xFF);
        bytes += static_cast<char>(generation & 0xFF);
        return bytes;
    };
    offsets[5] = pdf.size();
    std::string rows = row(0, 0, 65535) + row(1, offsets[1], 0) + row(1, offsets[2], 0) +
                       row(1, offsets[3], 0) + row(2, 3, 0) + row(1, offsets[5], 0);
    pdf += "5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length " +
           std::to_string(rows.size()) + " >>\nstream\n" + rows + "\nendstream\nendobj\n";
    pdf += "startxref\n" + std::to_string(offsets[5]) + "\n%%EOF\n";
    return pdf;
}

std::string problemOf(const std::string& json) {
    std::smatch match;
    std::regex_search(json, match, std::regex(R"re("problem":"([a-z_]+)")re"));
    return match.empty() ? "" : match[1].str();
}

// The byte-range attacks: each must come back as malformed_byte_range.
const std::map<std::string, std::string>& byteRangeAttacks() {
    static const std::map<std::string, std::string> attacks{
        // The last number 2^63-1: gap end + length wrapped below zero and
        // the digest read past the buffer (SIGSEGV).
        {"tail 2^63-1", std::string("0 967 6823 ") + kMaxInt64},
        // [0 x 2^63-1 y]: the gap's end far past the file.
        {"gap end 2^63-1", std::string("0 967 ") + kMaxInt64 + " 427"},
        // The gap starts past the end of the file; the wrapped sum let it
        // through to substr: std::out_of_range, uncaught.
        {"gap past the end", std::string("0 8000 8100 ") + kMaxInt64},
        {"gap past the end, small numbers", "0 8000 8100 10"},
        {"gap backwards, past the end", "0 999999999999 1 5"},
    };
    return attacks;
}

// A fresh data directory with an office account, for the CLI and the server.
struct Workspace {
    TempDir directory{"hostile-pdf"};
    std::map<std::string, std::string> environment{
        {"NUSQA_HTTP_PORT", "0"},
        {"NUSQA_DATA_DIR", (directory.path() / "data").string()},
        // Short bounds keep the test quick; the defaults are 10 s and 512 MiB.
        {"NUSQA_SIGNING_VERIFY_TIMEOUT_SECONDS", "2"},
        {"NUSQA_SIGNING_VERIFY_MEMORY_MEGABYTES", "192"},
    };

    fs::path write(const std::string& name, const std::string& bytes) const {
        fs::path file = directory.path() / name;
        writeFile(file, bytes);
        return file;
    }
    CommandResult verify(const fs::path& pdf, double& seconds) const {
        CommandResult result;
        seconds = secondsTaken(
            [&] { result = runNusqa("verify '" + pdf.string() + "' --json", environment); });
        return result;
    }
};

// A real `nusqa serve` with a logged-in office client.
struct RunningServer {
    explicit RunningServer(const Workspace& workspace) {
        CommandResult created = runNusqa(
            "admin create-user --login office --email office@university.test --roles "
            "quality_office --password-stdin",
            workspace.environment, "office-password-1");
        BOOST_TEST_REQUIRE(created.exitCode == 0, created.output);
        process =
            std::make_unique<ServerProcess>(workspace.directory.path(), workspace.environment);
        HttpClient anonymous("127.0.0.1", process->port());
        HttpReply login = anonymous.postJson(
            "/api/v1/auth/login", R"({"login":"office","password":"office-password-1"})");
        BOOST_TEST_REQUIRE(login.status == 200, login.body);
        std::string cookie = login.header("set-cookie");
        client = std::make_unique<HttpClient>(
            anonymous.with({{"Cookie", cookie.substr(0, cookie.find(';'))}}));
    }

    HttpReply verify(const std::string& pdf, double& seconds) const {
        HttpReply reply;
        seconds = secondsTaken([&] {
            reply = client->request("POST", "/api/v1/verify", pdf,
                                    {{"Content-Type", "application/pdf"}});
        });
        return reply;
    }

    // The process is still there and /healthz answers within a second.
    void expectHealthy(const std::string& after) const {
        int status = 0;
        BOOST_TEST(::waitpid(process->pid(), &status, WNOHANG) == 0, "the server died after "
                                                                         << after << ":\n"
                                                                         << process->log());
        HttpReply health;
        double seconds = secondsTaken(
            [&] { health = HttpClient("127.0.0.1", process->port()).get("/healthz"); });
        BOOST_TEST(health.status == 200, after);
        BOOST_TEST(seconds < 1.0, "/healthz after " << after << " took " << seconds << " s");
    }

    std::unique_ptr<ServerProcess> process;
    std::unique_ptr<HttpClient> client;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(hostile_pdf)

BOOST_AUTO_TEST_CASE(prescan_counts_nesting_outside_strings_comments_and_streams) {
    using signing::prescanPdf;
    auto nested = [](int depth) { return nestedDictionaries(depth); };
    BOOST_TEST(prescanPdf(plainPdf(nested(64))).has_value());
    auto deep = prescanPdf(plainPdf(nested(65)));
    BOOST_TEST_REQUIRE(!deep.has_value());
    BOOST_TEST((deep.error().code == ErrorCode::InvalidDocument));
    BOOST_TEST(deep.error().message.find("nested more than 64") != std::string::npos);
    BOOST_TEST(!prescanPdf(plainPdf(std::string(65, '[') + std::string(65, ']'))).has_value());
    // Brackets inside strings, hex strings and comments are text, not nesting.
    std::string many(500, '[');
    std::string opens;
    for (int i = 0; i < 500; ++i) opens += "<<";
    BOOST_TEST(prescanPdf(plainPdf("<< /T (" + many + opens + ") >>")).has_value());
    BOOST_TEST(prescanPdf(plainPdf("<< /T (a \\) " + many + " (nested) \\( ) >>")).has_value());
    BOOST_TEST(prescanPdf(plainPdf("<< /T <48656c6c6f> >> %" + many + opens + "\n")).has_value());
    // ... but an escaped parenthesis does not end a string early, nor a
    // closed one hide what follows it.
    BOOST_TEST(!prescanPdf(plainPdf("<< /T (a \\) b) /N " + many + " >>")).has_value());
    // Stream bodies are skipped by their /Length, by the endstream keyword
    // when the length is indirect or wrong, and to the end when neither.
    std::string binary = "\x01" + many + opens + ")((" + "\xff";
    std::string stream =
        "<< /Length " + std::to_string(binary.size()) + " >>\nstream\n" + binary + "\nendstream";
    BOOST_TEST(prescanPdf(plainPdf(stream)).has_value());
    BOOST_TEST(
        prescanPdf(plainPdf("<< /Length 9 0 R >>\nstream\n" + binary + "\nendstream")).has_value());
    BOOST_TEST(
        prescanPdf(plainPdf("<< /Length 3 >>\nstream\n" + binary + "\nendstream")).has_value());
    // After the stream, scanning goes on.
    BOOST_TEST(!prescanPdf(plainPdf(stream + "\nendobj\n4 0 obj\n" + nested(65))).has_value());
    // Nesting an object left open does not carry into the next one.
    BOOST_TEST(prescanPdf(plainPdf(std::string(40, '[') + "\nendobj\n4 0 obj\n" +
                                   std::string(40, '[') + std::string(40, ']')))
                   .has_value());
    BOOST_TEST(prescanPdf(readFile(fixture("signed/two-signatures.pdf"))).has_value());
}

BOOST_AUTO_TEST_CASE(prescan_is_linear) {
    std::string wide = "[";
    for (int i = 0; i < 2000000; ++i) wide += "<</A [1 (x) <00>]>> ";
    wide += "]";
    std::string pdf = plainPdf(wide);
    double seconds = cpuSecondsTaken([&] { BOOST_TEST(signing::prescanPdf(pdf).has_value()); });
    BOOST_TEST_MESSAGE("pre-scan of " << pdf.size() / 1000000 << " MB: " << seconds << " s of CPU");
    BOOST_TEST(seconds < 1.0);
}

BOOST_AUTO_TEST_CASE(worker_answers_survive_the_wire_and_broken_ones_are_refused) {
    PdfReport report;
    report.size = 7250;
    report.problemCode = "digest_mismatch";
    report.problem = "the signed bytes were changed";
    SignatureReport signature;
    signature.field = "Signature1";
    signature.signer = "CN=Тест";
    signature.byteRange = {0, 967, 6823, std::numeric_limits<std::int64_t>::max()};
    signature.hasTimestamp = true;
    signature.seal = true;
    signature.editionId = 42;
    signature.printKind = "comparison";
    signature.comparedEditionId = 41;
    report.signatures = {signature, signature};
    std::string bytes = signing::wire::encodeOutcome(report);
    auto decoded = signing::wire::decodeOutcome(bytes);
    BOOST_TEST_REQUIRE(decoded.has_value());
    BOOST_TEST(decoded->problem == report.problem);
    BOOST_TEST_REQUIRE(decoded->signatures.size() == 2u);
    BOOST_TEST(decoded->signatures[1].signer == "CN=Тест");
    BOOST_TEST(decoded->signatures[1].byteRange[3] == std::numeric_limits<std::int64_t>::max());
    BOOST_TEST(decoded->signatures[1].editionId == 42);
    BOOST_TEST(decoded->signatures[1].printKind == "comparison");
    BOOST_TEST(decoded->signatures[1].comparedEditionId == 41);
    auto error = signing::wire::decodeOutcome(
        signing::wire::encodeOutcome(fail(ErrorCode::InvalidDocument, "too much memory")));
    BOOST_TEST_REQUIRE(!error.has_value());
    BOOST_TEST((error.error().code == ErrorCode::InvalidDocument));
    // Every cut of a real answer, and junk, is Internal: never a report.
    for (std::size_t size = 0; size < bytes.size(); ++size) {
        auto cut = signing::wire::decodeOutcome(bytes.substr(0, size));
        BOOST_TEST_REQUIRE(!cut.has_value());
        BOOST_TEST((cut.error().code == ErrorCode::Internal));
    }
    std::string huge = bytes;
    huge[4 + 1 + 8 + 1 + 4 + report.problemCode.size() + 4 + report.problem.size() + 3] = '\x7f';
    BOOST_TEST(!signing::wire::decodeOutcome(huge).has_value());
    BOOST_TEST(!signing::wire::decodeOutcome(bytes + "x").has_value());
    // The request's pdf points into the bytes decoded: they must outlive it.
    std::string requestBytes = signing::wire::encodeRequestHead({"A", "BC"}) + "%PDF-";
    auto request = signing::wire::decodeRequest(requestBytes);
    BOOST_TEST_REQUIRE(request.has_value());
    BOOST_TEST(request->anchors.size() == 2u);
    BOOST_TEST(request->pdf == "%PDF-");
}

BOOST_AUTO_TEST_CASE(byte_ranges_past_the_file_are_malformed_in_process) {
    auto verifier = signing::Verifier::create({});
    BOOST_TEST_REQUIRE(verifier.has_value());
    for (const auto& [name, numbers] : byteRangeAttacks()) {
        BOOST_TEST_CONTEXT(name) {
            auto report = verifier->verify(withByteRange(numbers));
            BOOST_TEST_REQUIRE(report.has_value());
            BOOST_TEST(!report->valid);
            BOOST_TEST(report->problemCode == "malformed_byte_range", report->problem);
        }
    }
}

BOOST_AUTO_TEST_CASE(byte_range_attacks_against_the_cli_and_the_server) {
    Workspace workspace;
    RunningServer server(workspace);
    for (const auto& [name, numbers] : byteRangeAttacks()) {
        BOOST_TEST_CONTEXT(name) {
            std::string pdf = withByteRange(numbers);
            double cliSeconds = 0, apiSeconds = 0;
            CommandResult cli = workspace.verify(workspace.write("range.pdf", pdf), cliSeconds);
            BOOST_TEST(cli.exitCode == 1, cli.output);
            BOOST_TEST(problemOf(cli.output) == "malformed_byte_range", cli.output);
            HttpReply api = server.verify(pdf, apiSeconds);
            BOOST_TEST(api.status == 200, api.body);
            BOOST_TEST(jsonString(api.body, "problem") == "malformed_byte_range", api.body);
            BOOST_TEST_MESSAGE("/ByteRange [" << numbers << "]: CLI " << cliSeconds << " s, API "
                                              << apiSeconds << " s");
            server.expectHealthy(name);
        }
    }
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused_within_a_second_by_the_cli_and_the_server) {
    Workspace workspace;
    RunningServer server(workspace);
    for (int depth : {800, 2000, 10000}) {
        BOOST_TEST_CONTEXT("depth " << depth) {
            std::string pdf = plainPdf(nestedDictionaries(depth));
            double cliSeconds = 0, apiSeconds = 0;
            CommandResult cli = workspace.verify(workspace.write("deep.pdf", pdf), cliSeconds);
            BOOST_TEST(cli.exitCode == 1, cli.output);
            BOOST_TEST(problemOf(cli.output) == "too_complex", cli.output);
            BOOST_TEST(cliSeconds < 1.0 * kSanitizerSlowdown);
            HttpReply api = server.verify(pdf, apiSeconds);
            BOOST_TEST(api.status == 200, api.body);
            BOOST_TEST(jsonString(api.body, "problem") == "too_complex", api.body);
            BOOST_TEST(apiSeconds < 1.0 * kSanitizerSlowdown);
            BOOST_TEST_MESSAGE("nesting " << depth << " (" << pdf.size() << " bytes): CLI "
                                          << cliSeconds << " s, API " << apiSeconds << " s");
            server.expectHealthy("nesting " + std::to_string(depth));
        }
    }
}

BOOST_AUTO_TEST_CASE(what_the_prescan_cannot_see_is_stopped_by_the_bounds) {
    Workspace workspace;
    RunningServer server(workspace);
    // Nesting 2,000 deep inside a compressed object stream: PoDoFo would
    // spend minutes (800: about 15 s); the 2-second bound stops it.
    std::string slow = objectStreamPdf(nestedDictionaries(2000));
    BOOST_TEST_REQUIRE(signing::prescanPdf(slow).has_value());
    // A 400 MiB object stream in 400 KB: more than the 192 MiB bound. Under
    // AddressSanitizer the worker has no memory bound (README, "Sanitizers"):
    // there the CPU-time bound stops it.
    std::string bomb = objectStreamPdf("1", 400u << 20);
    BOOST_TEST_REQUIRE(signing::prescanPdf(bomb).has_value());
    const char* bombLimit = kAddressSanitizer ? "longer than 2 s" : "memory";
    for (const auto& [name, pdf, limit] :
         {std::tuple{"slow", slow, "longer than 2 s"}, std::tuple{"bomb", bomb, bombLimit}}) {
        BOOST_TEST_CONTEXT(name) {
            double cliSeconds = 0, apiSeconds = 0;
            CommandResult cli = workspace.verify(workspace.write("bounded.pdf", pdf), cliSeconds);
            BOOST_TEST(cli.exitCode == 1, cli.output);
            BOOST_TEST(cli.output.find(R"("code":"invalid_document")") != std::string::npos,
                       cli.output);
            BOOST_TEST(cli.output.find(limit) != std::string::npos, cli.output);
            BOOST_TEST(cliSeconds < 4.0 * kSanitizerSlowdown);
            HttpReply api = server.verify(pdf, apiSeconds);
            BOOST_TEST(api.status == 422, api.body);
            BOOST_TEST(api.body.find(limit) != std::string::npos, api.body);
            BOOST_TEST(apiSeconds < 4.0 * kSanitizerSlowdown);
            BOOST_TEST_MESSAGE(name << " (" << pdf.size() << " bytes): CLI " << cliSeconds
                                    << " s, API " << apiSeconds << " s");
            server.expectHealthy(name);
        }
    }
    // And a good file still verifies through the same worker afterwards.
    double seconds = 0;
    HttpReply good = server.verify(readFile(fixture("signed/two-signatures.pdf")), seconds);
    BOOST_TEST(good.status == 200, good.body);
    BOOST_TEST(good.body.find(R"("valid":true)") != std::string::npos, good.body);
    BOOST_TEST_MESSAGE("a good file through the worker: " << seconds << " s");
}

BOOST_AUTO_TEST_SUITE_END()
