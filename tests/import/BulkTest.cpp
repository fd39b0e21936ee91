// Done-when 6 of issue 6: `nusqa import --bulk FOLDER` loads every file into
// the store (draft editions, or with --in-force the editions in force), shows
// progress (redrawn in place on a terminal, a line per file otherwise), ends
// with a summary, and one bad file does not stop the others.
#include <boost/test/unit_test.hpp>

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include "app/ImportCommand.h"
#include "import/ImportSupport.h"
#include "storage/StoreFactory.h"
#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

namespace fs = std::filesystem;

// A fresh SQLite store, named to runImport through the environment as
// `nusqa serve` reads it.
struct StoreEnvironment {
    TempDir dir{"nusqa-bulk"};
    std::string url = "sqlite:" + (dir.path() / "nusqa.db").string();
    StoreEnvironment() {
        setenv("NUSQA_STORE_URL", url.c_str(), 1);
        setenv("NUSQA_DATA_DIR", dir.path().c_str(), 1);
    }
    ~StoreEnvironment() {
        unsetenv("NUSQA_STORE_URL");
        unsetenv("NUSQA_DATA_DIR");
    }
    std::unique_ptr<Store> open() const {
        auto store = openStore(url, 2);
        if (!store) throw std::runtime_error(store.error().message);
        return std::move(*store);
    }
};

struct Run {
    int status = 0;
    std::string out, err;
};

Run run(const std::vector<std::string>& arguments) {
    std::ostringstream out, err;
    Run result;
    result.status = app::runImport(arguments, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::vector<Edition> editionsOf(Store& store, const std::string& code) {
    DocumentQuery query;
    query.text = code;
    auto page = store.listDocuments(query);
    if (!page || page->items.empty()) return {};
    return store.editionsOf(page->items.front().id).value_or(std::vector<Edition>{});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bulk)

BOOST_AUTO_TEST_CASE(corpus_folder_imports_with_progress_and_a_summary) {
    StoreEnvironment environment;
    Run result = run({"--bulk", corpusDir().string()});
    BOOST_TEST_REQUIRE(result.status == 0, result.err << result.out);
    BOOST_TEST(contains(result.err, "nusqa import: 4 files to import"), result.err);
    BOOST_TEST(contains(result.err, "[1/4] 000_f400d2e770514cf9.txt: OK СМЖ 07.БЕ.51"), result.err);
    BOOST_TEST(contains(result.err, "[3/4] 002_079be217a8ed26c8.txt: OK ҚазҰТЗУ ҚП 607-2023"),
               result.err);
    BOOST_TEST(contains(result.err, "[4/4] 003_4c9f1a3bbc42c64b.txt: OK"), result.err);
    BOOST_TEST(!contains(result.err, "\r"),
               "no in-place redraw when standard error is not a terminal");
    BOOST_TEST(contains(result.out, "4 imported as draft editions, 0 failed, 0 skipped"),
               result.out);
    BOOST_TEST(
        contains(result.out, "OK      002_079be217a8ed26c8.txt  ҚазҰТЗУ ҚП 607-2023, edition 3"),
        result.out);

    std::unique_ptr<Store> store = environment.open();
    auto page = store->listDocuments(DocumentQuery{});
    BOOST_TEST_REQUIRE(page.has_value());
    BOOST_TEST(page->total == 4);
    std::vector<Edition> editions = editionsOf(*store, "ҚазҰТЗУ ҚП 607-2023");
    BOOST_TEST_REQUIRE(editions.size() == 1u);
    BOOST_TEST((editions.front().status == EditionStatus::Draft));
    BOOST_TEST(editions.front().number == 3);
    auto xml = store->editionXml(editions.front().id);
    BOOST_TEST_REQUIRE(xml.has_value());
    BOOST_TEST(xpathNumber(*xml, "count(//d:form)") == 51);
}

BOOST_AUTO_TEST_CASE(one_bad_file_does_not_stop_the_rest) {
    StoreEnvironment environment;
    TempDir folder("nusqa-bulk-in");
    fs::copy_file(corpusText("000"), folder.path() / "a-000.txt");
    writeFile(folder.path() / "b-bad.txt", "1. Ережелер \xC3\x28\n");
    fs::copy_file(corpusDocx("002"), folder.path() / "c-002.docx");
    writeFile(folder.path() / "d-cut.docx", readFile(corpusDocx("003")).substr(0, 5000));
    writeFile(folder.path() / "e-cut.pdf", "%PDF-1.4");
    writeFile(folder.path() / "e-notes.odt", "PK");
    fs::copy_file(corpusText("003"), folder.path() / "f-003.txt");
    Run result = run({"--bulk", folder.path().string()});
    BOOST_TEST(result.status == 1, "a failed file makes the exit status 1");
    BOOST_TEST(
        contains(result.out, "FAILED  b-bad.txt  import: b-bad.txt: not valid UTF-8: byte 0xC3"),
        result.out);
    BOOST_TEST(
        contains(result.out, "FAILED  d-cut.docx  d-cut.docx: truncated or damaged ZIP package"),
        result.out);
    BOOST_TEST(contains(result.out, "FAILED  e-cut.pdf  import: e-cut.pdf: the PDF cannot be read"),
               result.out);
    BOOST_TEST(contains(result.out, "skipped e-notes.odt"), result.out);
    BOOST_TEST(contains(result.out, "3 imported as draft editions, 3 failed, 1 skipped"),
               result.out);
    BOOST_TEST(contains(result.err, "[6/6] f-003.txt: OK f-003"),
               result.err);  // after the failures
    std::unique_ptr<Store> store = environment.open();
    BOOST_TEST(store->listDocuments(DocumentQuery{})->total == 3);

    // The same folder again: the documents exist, their editions too.
    Run again = run({"--bulk", folder.path().string()});
    BOOST_TEST(again.status == 1);
    BOOST_TEST(contains(again.out, "0 imported"), again.out);
    BOOST_TEST(store->listDocuments(DocumentQuery{})->total == 3);
}

BOOST_AUTO_TEST_CASE(in_force_makes_the_imported_edition_current) {
    StoreEnvironment environment;
    TempDir folder("nusqa-bulk-in");
    fs::copy_file(corpusDocx("000"), folder.path() / corpusDocx("000").filename());
    fs::copy_file(corpusText("001"), folder.path() / corpusText("001").filename());
    Run result = run({"--bulk", folder.path().string(), "--in-force", "--profile", "wkatu"});
    BOOST_TEST_REQUIRE(result.status == 0, result.out << result.err);
    BOOST_TEST(contains(result.out, "2 imported as editions in force"), result.out);
    std::unique_ptr<Store> store = environment.open();
    for (const std::string& code :
         {std::string("СМЖ 07.БЕ.51"), std::string("001_403c96418f962f60")}) {
        std::vector<Edition> editions = editionsOf(*store, code);
        BOOST_TEST_REQUIRE(editions.size() == 1u, code);
        BOOST_TEST((editions.front().status == EditionStatus::InForce), code);
    }
}

BOOST_AUTO_TEST_CASE(progress_bar_is_redrawn_in_place_on_a_terminal) {
    StoreEnvironment environment;
    const fs::path program = binaryDir() / "bin" / "import_cli";
    BOOST_TEST_REQUIRE(fs::exists(program), program);
    int terminal = -1;
    pid_t child = forkpty(&terminal, nullptr, nullptr, nullptr);
    BOOST_TEST_REQUIRE(child >= 0);
    if (child == 0) {
        execl(program.c_str(), program.c_str(), "--bulk", corpusDir().c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    std::string output;
    char buffer[4096];
    for (ssize_t got; (got = read(terminal, buffer, sizeof buffer)) > 0;)
        output.append(buffer, static_cast<std::size_t>(got));
    int status = 0;
    waitpid(child, &status, 0);
    close(terminal);
    BOOST_TEST(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 0, output);
    BOOST_TEST(contains(output, "\r\033[K[#######"), output);  // redrawn in place
    BOOST_TEST(contains(output, "[##############################] 4/4"), output);
    BOOST_TEST(!contains(output, "[1/4]"), output);  // no per-file lines
    BOOST_TEST(contains(output, "4 imported as draft editions"), output);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
