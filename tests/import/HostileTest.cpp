// Done-when 5 of issue 6: hostile files, made here at run time, each get a
// clear error (naming the file and the problem), no crash, bounded memory.
#include <boost/test/unit_test.hpp>

#include <sys/resource.h>
#include <zlib.h>

#include <chrono>
#include <cstring>
#include <random>

#include "import/ImportSupport.h"
#include "import/TextSource.h"
#include "support/Sanitizers.h"
#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

Error importError(const std::string& bytes, const std::string& name) {
    auto result = importer().importBytes(bytes, name, std::nullopt, {});
    if (result) throw std::runtime_error(name + " was imported");
    return std::move(result).error();
}

bool says(const Error& error, const std::string& words) {
    return error.message.find(words) != std::string::npos;
}

long maxResidentKilobytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

void put16(std::string& out, unsigned value) {
    out += static_cast<char>(value & 0xFF);
    out += static_cast<char>((value >> 8) & 0xFF);
}
void put32(std::string& out, unsigned long value) {
    put16(out, static_cast<unsigned>(value & 0xFFFF));
    put16(out, static_cast<unsigned>((value >> 16) & 0xFFFF));
}

// Raw deflate of `size` zero bytes (streamed: a few MiB of memory at most).
std::string deflatedZeros(std::size_t size, unsigned long& crc) {
    z_stream stream{};
    deflateInit2(&stream, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
    std::string zeros(1 << 20, '\0'), out, buffer(1 << 16, '\0');
    crc = crc32(0L, Z_NULL, 0);
    for (std::size_t done = 0; done < size;) {
        std::size_t chunk = std::min(zeros.size(), size - done);
        crc = crc32(crc, reinterpret_cast<const Bytef*>(zeros.data()), static_cast<uInt>(chunk));
        done += chunk;
        stream.next_in = reinterpret_cast<Bytef*>(zeros.data());
        stream.avail_in = static_cast<uInt>(chunk);
        int flush = done == size ? Z_FINISH : Z_NO_FLUSH;
        do {
            stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
            stream.avail_out = static_cast<uInt>(buffer.size());
            deflate(&stream, flush);
            out.append(buffer.data(), buffer.size() - stream.avail_out);
        } while (stream.avail_out == 0);
    }
    deflateEnd(&stream);
    return out;
}

// A one-entry ZIP package whose entry (deflated) claims declaredSize bytes.
std::string zipWithEntry(const std::string& name, const std::string& data, unsigned long crc,
                         unsigned long declaredSize, unsigned method = 8) {
    std::string zip = "PK\x03\x04";
    put16(zip, 20);
    put16(zip, 0);
    put16(zip, method);
    put32(zip, 0);
    put32(zip, crc);
    put32(zip, data.size());
    put32(zip, declaredSize);
    put16(zip, static_cast<unsigned>(name.size()));
    put16(zip, 0);
    zip += name + data;
    std::size_t directory = zip.size();
    zip += "PK\x01\x02";
    put16(zip, 20);
    put16(zip, 20);
    put16(zip, 0);
    put16(zip, method);
    put32(zip, 0);
    put32(zip, crc);
    put32(zip, data.size());
    put32(zip, declaredSize);
    put16(zip, static_cast<unsigned>(name.size()));
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, 0);
    put32(zip, 0);
    put32(zip, 0);
    zip += name;
    std::size_t directorySize = zip.size() - directory;
    zip += "PK\x05\x06";
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, 1);
    put16(zip, 1);
    put32(zip, directorySize);
    put32(zip, directory);
    put16(zip, 0);
    return zip;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hostile)

BOOST_AUTO_TEST_CASE(truncated_package_is_a_clear_error) {
    std::string docx = readFile(corpusDocx("002"));
    for (std::size_t keep :
         {docx.size() - 1, docx.size() - 30, docx.size() / 2, std::size_t{200}, std::size_t{30}}) {
        Error error = importError(docx.substr(0, keep), "cut.docx");
        BOOST_TEST((error.code == ErrorCode::InvalidDocument), error.message);
        BOOST_TEST(error.message.starts_with("cut.docx: "), error.message);
        BOOST_TEST((says(error, "truncated") || says(error, "damaged")), error.message);
    }
}

BOOST_AUTO_TEST_CASE(zip_bomb_stops_while_inflating_in_bounded_memory) {
    // 1 GiB of zeros in about 1 MiB: the declared size is honest.
    unsigned long crc = 0;
    std::string zeros = deflatedZeros(std::size_t{1} << 30, crc);
    std::string honest = zipWithEntry("word/document.xml", zeros, crc, 1ul << 30);
    long before = maxResidentKilobytes();
    Error declared = importError(honest, "bomb.docx");
    BOOST_TEST((declared.code == ErrorCode::TooLarge), declared.message);
    BOOST_TEST(says(declared, "word/document.xml"), declared.message);
    // The same data under a header that lies (4 KiB declared): caught while inflating.
    std::string lying = zipWithEntry("word/document.xml", zeros, crc, 4096);
    Error inflated = importError(lying, "lying.docx");
    BOOST_TEST(
        (inflated.code == ErrorCode::InvalidDocument || inflated.code == ErrorCode::TooLarge),
        inflated.message);
    BOOST_TEST(says(inflated, "inflates"), inflated.message);
    // 40 MiB of zeros declared as such: over the ratio before the part limit.
    unsigned long smallCrc = 0;
    std::string forty = deflatedZeros(std::size_t{40} << 20, smallCrc);
    Error ratio =
        importError(zipWithEntry("word/document.xml", forty, smallCrc, 40ul << 20), "ratio.docx");
    BOOST_TEST((ratio.code == ErrorCode::TooLarge), ratio.message);
    BOOST_TEST((says(ratio, "zip bomb") || says(ratio, "over the limit")), ratio.message);
    // Reading stopped early: memory grew by far less than the bomb.
    long grown = maxResidentKilobytes() - before;
    if (!kAddressSanitizer)  // its quarantine keeps freed buffers resident (Sanitizers.h)
        BOOST_TEST(grown < 150 * 1024, "resident memory grew by " << grown << " KiB");
}

BOOST_AUTO_TEST_CASE(package_without_document_xml_is_not_a_word_document) {
    std::string package =
        zipPackage({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}});
    Error error = importError(package, "book.docx");
    BOOST_TEST((error.code == ErrorCode::InvalidDocument), error.message);
    BOOST_TEST(says(error, "book.docx: not a Word document: the package has no word/document.xml"),
               error.message);
}

BOOST_AUTO_TEST_CASE(fifty_megabyte_text_is_refused_before_reading) {
    std::string big(std::size_t{50} << 20, 'a');
    Error error = importError(big, "big.txt");
    BOOST_TEST((error.code == ErrorCode::TooLarge), error.message);
    BOOST_TEST(says(error, "big.txt: 52428800 bytes is over the limit"), error.message);
    // From disk: refused by its size, before it is read.
    TempDir dir;
    writeFile(dir.path() / "big.txt", big);
    auto read = import::readSourceFile(dir.path() / "big.txt", importer().maxTextBytes());
    BOOST_TEST_REQUIRE(!read.has_value());
    BOOST_TEST((read.error().code == ErrorCode::TooLarge), read.error().message);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_names_the_byte_offset) {
    std::string text = "1 тарау. Жалпы ережелер\n1. Осы \xD2 ереже.\n";
    Error error = importError(text, "bad.txt");
    BOOST_TEST((error.code == ErrorCode::InvalidDocument), error.message);
    std::size_t offset = text.find('\xD2');
    BOOST_TEST(says(error, "bad.txt: not valid UTF-8: byte 0xD2 at offset " +
                               std::to_string(offset) + " (line 2, column 8)"),
               error.message);
    BOOST_TEST_REQUIRE(error.details.size() == 1u);
    BOOST_TEST(error.details.front().line == 2);
    // Overlong forms and surrogates are not UTF-8 either.
    for (std::string bad :
         {std::string("\xC0\xAF"), std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80")}) {
        Error e = importError("Мәтін " + bad, "bad.md");
        BOOST_TEST(says(e, "not valid UTF-8"), e.message);
    }
}

BOOST_AUTO_TEST_CASE(other_malformed_inputs_get_clear_errors) {
    BOOST_TEST(says(importError("", "empty.txt"), "empty.txt: the file is empty"));
    BOOST_TEST(says(importError(std::string("abc\0def", 7), "nul.txt"), "NUL byte at offset 3"));
    BOOST_TEST(says(importError("not a zip at all", "plain.docx"),
                    "plain.docx: not a .docx (ZIP) package"));
    BOOST_TEST(says(importError("text", "notes.rtf"), "unknown type of file"));
    // Only page furniture: nothing for the body.
    BOOST_TEST(says(importError("12\n\n13\n", "pages.txt"), "no text is left for the body"));
    // A DOCTYPE (entity bomb) in document.xml is refused by the safe parser.
    std::string doctype =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
        "\"&a;&a;&a;&a;\">]>"
        "<w:document "
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        "<w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>";
    Error entity = importError(zipPackage({{"word/document.xml", doctype}}), "entity.docx");
    BOOST_TEST((entity.code == ErrorCode::InvalidDocument), entity.message);
    BOOST_TEST(says(entity, "entity.docx: word/document.xml: rejected"), entity.message);
    Error broken =
        importError(zipPackage({{"word/document.xml", "<w:document><w:body>"}}), "broken.docx");
    BOOST_TEST(says(broken, "broken.docx: word/document.xml: not well-formed"), broken.message);
    // Encryption and unknown compression methods are refused by name.
    std::string stored = zipWithEntry("word/document.xml", "x",
                                      crc32(0, reinterpret_cast<const Bytef*>("x"), 1), 1, 0);
    std::string encrypted = stored;
    encrypted[6] = 1;                              // local header flags
    encrypted[stored.find("PK\x01\x02") + 8] = 1;  // central directory flags
    BOOST_TEST(says(importError(encrypted, "secret.docx"), "is encrypted"));
    std::string bzip = zipWithEntry("word/document.xml", "x", 0, 1, 12);
    BOOST_TEST(says(importError(bzip, "bzip.docx"), "compression method 12"));
}

BOOST_AUTO_TEST_CASE(quadratic_xml_in_a_part_is_refused_in_milliseconds) {
    // 200,000 attributes on one element: over 12 minutes in libxml2 once
    // (issue 11, finding 7); now refused before libxml2 sees the part.
    const std::string word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    std::string attributes;
    for (int i = 0; i < 200000; ++i) attributes += " w:a" + std::to_string(i) + "=\"1\"";
    std::string flood = "<?xml version=\"1.0\"?><w:document xmlns:w=\"" + word + "\"><w:body><w:p" +
                        attributes + "><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>";
    std::string plain = "<w:document xmlns:w=\"" + word +
                        "\"><w:body><w:p><w:r><w:t>Мәтін</w:t></w:r></w:p></w:body></w:document>";
    for (std::string part : {"word/document.xml", "word/styles.xml", "word/footer1.xml"}) {
        std::vector<std::pair<std::string, std::string>> parts{{"word/document.xml", plain}};
        if (part == "word/document.xml")
            parts[0].second = flood;
        else
            parts.push_back({part, flood});
        auto started = std::chrono::steady_clock::now();
        Error error = importError(zipPackage(parts), "flood.docx");
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        BOOST_TEST((error.code == ErrorCode::InvalidDocument), error.message);
        BOOST_TEST(says(error, "flood.docx: " + part), error.message);
        BOOST_TEST(says(error, "more than 64 attributes"), error.message);
        // libxml2 took over 12 minutes on this input; the bound is loose so
        // a loaded CI machine cannot fail it (quiet figures are in the log).
        BOOST_TEST(seconds < 5.0, part << ": " << seconds << " s");
        BOOST_TEST_MESSAGE(part << " with 200,000 attributes on one element: refused in "
                                << seconds * 1000 << " ms");
    }
}

BOOST_AUTO_TEST_CASE(many_entries_and_overlapping_entries_are_refused) {
    std::vector<std::pair<std::string, std::string>> parts;
    for (int i = 0; i < 4100; ++i) parts.push_back({"f" + std::to_string(i), ""});
    Error many = importError(zipPackage(parts), "many.docx");
    BOOST_TEST((many.code == ErrorCode::TooLarge), many.message);
    BOOST_TEST(says(many, "entries, over the limit"), many.message);
    // Two directory entries pointing at the same data (the «overlapping files» bomb).
    std::string one = zipWithEntry("word/document.xml", "x",
                                   crc32(0, reinterpret_cast<const Bytef*>("x"), 1), 1, 0);
    std::size_t directory = one.find("PK\x01\x02");
    std::string entry = one.substr(directory, one.find("PK\x05\x06") - directory);
    std::string twice = one.substr(0, directory) + entry;
    std::string second = entry;
    second.replace(46, 17, "word/document.xmm");  // another name, same local header
    twice += second;
    std::string end = one.substr(one.find("PK\x05\x06"));
    end[8] = end[10] = 2;
    unsigned long size = entry.size() * 2;
    end[12] = static_cast<char>(size & 0xFF);
    end[13] = static_cast<char>(size >> 8);
    Error overlap = importError(twice + end, "overlap.docx");
    BOOST_TEST((overlap.code == ErrorCode::InvalidDocument), overlap.message);
}

BOOST_AUTO_TEST_CASE(pathological_texts_are_read_in_linear_time) {
    // A contents title followed by 30,000 "entries", every one repeated as a
    // heading further on, deep numbers, tab rows, lone numbers: every
    // recogniser looks ahead, none may look ahead from every line to the end.
    std::string text = "Мазмұны\n";
    for (int i = 0; i < 30000; ++i)
        text += std::to_string(i % 900 + 1) + ". Бөлім " + std::to_string(i % 50) + "\n";
    for (int i = 0; i < 30000; ++i)
        text += std::to_string(i % 900 + 1) + ". Бөлім " + std::to_string(i % 50) +
                "\n1.2.3.4.5.6 а\n\t\t\tx\n3.\n\n";
    BOOST_TEST_REQUIRE(text.size() < importer().maxTextBytes());
    auto result = importer().importBytes(text, "worst.txt", std::nullopt, {});
    BOOST_TEST((result.has_value() || !result.error().message.empty()));
    if (result) BOOST_TEST(validateEditionXml(result->xml).has_value());
}

BOOST_AUTO_TEST_CASE(mutated_packages_never_crash) {
    // A quick in-test fuzz: bytes of a real .docx flipped at random. Every
    // outcome is a value (imported, or an error with a message).
    std::string docx = readFile(corpusDocx("000"));
    std::mt19937 random(20231122);
    int errors = 0;
    for (int round = 0; round < 300; ++round) {
        std::string mutated = docx;
        int flips = 1 + static_cast<int>(random() % 8);
        for (int f = 0; f < flips; ++f)
            mutated[random() % mutated.size()] = static_cast<char>(random());
        auto result = importer().importBytes(mutated, "mutated.docx", std::nullopt, {});
        if (!result) {
            ++errors;
            BOOST_TEST(!result.error().message.empty());
        }
    }
    BOOST_TEST(errors > 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
