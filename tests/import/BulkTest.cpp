// Done-when 6 of issue 6: `nusqa import --bulk FOLDER` loads every file into
// the store (draft editions, or with --in-force the editions in force), shows
// progress (redrawn in place on a terminal, a line per file otherwise), ends
// with a summary, and one bad file does not stop the others.
#include <boost/test/unit_test.hpp>

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <sstream>

#include "app/ImportCommand.h"
#include "import/ImportSupport.h"
#include "storage/StoreFactory.h"
#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

namespace fs = std::filesystem;

// A fresh SQLite store, named to runImport through the environment as
// `nusqa serve` reads it, with the account that runs the imports
// (`--as office`, the quality office).
struct StoreEnvironment {
    TempDir dir{"nusqa-bulk"};
    std::string url = "sqlite:" + (dir.path() / "nusqa.db").string();
    StoreEnvironment() {
        setenv("NUSQA_STORE_URL", url.c_str(), 1);
        setenv("NUSQA_DATA_DIR", dir.path().c_str(), 1);
        UserRecord office;
        office.user.login = "office";
        office.user.fullNameKk = "Сапа бөлімі";
        office.user.email = "office@university.test";
        office.user.roles = {Role::QualityOffice};
        office.passwordHash = "$argon2id$v=19$m=4096,t=1,p=1$c2FsdA$aGFzaA";
        office.createdAt = "2026-03-02T09:00:00Z";
        auto created = open()->people().createUser(office, {});
        if (!created) throw std::runtime_error(created.error().message);
    }
    ~StoreEnvironment() {
        unsetenv("NUSQA_STORE_URL");
        unsetenv("NUSQA_DATA_DIR");
    }
    std::unique_ptr<Storage> open() const {
        auto storage = openStorage(url, 2);
        if (!storage) throw std::runtime_error(storage.error().message);
        return std::move(*storage);
    }
};

struct BulkRun {
    int status = 0;
    std::string out, err;
};

// Runs `nusqa import` as the quality office (--as office) unless the
// arguments name someone.
BulkRun runBulk(std::vector<std::string> arguments) {
    if (std::find(arguments.begin(), arguments.end(), "--as") == arguments.end())
        arguments.insert(arguments.end(), {"--as", "office"});
    std::ostringstream out, err;
    BulkRun result;
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
    BulkRun result = runBulk({"--bulk", corpusDir().string()});
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

    std::unique_ptr<Storage> storage = environment.open();
    Store* store = &storage->documents();
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
    BulkRun result = runBulk({"--bulk", folder.path().string()});
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
    std::unique_ptr<Storage> storage = environment.open();
    Store* store = &storage->documents();
    BOOST_TEST(store->listDocuments(DocumentQuery{})->total == 3);

    // The same folder again: the documents exist, their editions too.
    BulkRun again = runBulk({"--bulk", folder.path().string()});
    BOOST_TEST(again.status == 1);
    BOOST_TEST(contains(again.out, "0 imported"), again.out);
    BOOST_TEST(store->listDocuments(DocumentQuery{})->total == 3);
}

BOOST_AUTO_TEST_CASE(in_force_makes_the_imported_edition_current) {
    StoreEnvironment environment;
    TempDir folder("nusqa-bulk-in");
    fs::copy_file(corpusDocx("000"), folder.path() / corpusDocx("000").filename());
    fs::copy_file(corpusText("001"), folder.path() / corpusText("001").filename());
    BulkRun result =
        runBulk({"--bulk", folder.path().string(), "--in-force", "--profile", "wkatu"});
    BOOST_TEST_REQUIRE(result.status == 0, result.out << result.err);
    BOOST_TEST(contains(result.out, "2 imported as editions in force"), result.out);
    std::unique_ptr<Storage> storage = environment.open();
    Store* store = &storage->documents();
    for (const std::string& code :
         {std::string("СМЖ 07.БЕ.51"), std::string("001_403c96418f962f60")}) {
        std::vector<Edition> editions = editionsOf(*store, code);
        BOOST_TEST_REQUIRE(editions.size() == 1u, code);
        BOOST_TEST((editions.front().status == EditionStatus::InForce), code);
    }
}

// Done-when 3 of issue 10: two editions of one document imported in force
// one after the other, in either order, leave exactly one edition in force
// (the newer) and the other superseded, every act audited as the person who
// ran the import, with the command line and the file named.
BOOST_AUTO_TEST_CASE(in_force_twice_leaves_one_edition_in_force) {
    StoreEnvironment environment;
    const std::string text = readFile(corpusText("000"));
    auto replaceAll = [](std::string& copy, const std::string& from, const std::string& to) {
        for (std::size_t at = copy.find(from); at != std::string::npos;
             at = copy.find(from, at + to.size()))
            copy.replace(at, from.size(), to);
    };
    auto edition = [&](const std::string& code, const std::string& number) {
        std::string copy = text;
        replaceAll(copy, "№ 01 - басылым", "№ " + number + " - басылым");
        replaceAll(copy, "СМЖ 07.БЕ.51", code);
        return copy;
    };
    // СМЖ 07.БЕ.51: edition 1, then 2. СМЖ 07.БЕ.52: edition 2, then 1.
    TempDir first("nusqa-bulk-1"), second("nusqa-bulk-2");
    writeFile(first.path() / "a-51-01.txt", edition("СМЖ 07.БЕ.51", "01"));
    writeFile(first.path() / "b-52-02.txt", edition("СМЖ 07.БЕ.52", "02"));
    writeFile(second.path() / "a-51-02.txt", edition("СМЖ 07.БЕ.51", "02"));
    writeFile(second.path() / "b-52-01.txt", edition("СМЖ 07.БЕ.52", "01"));
    for (const TempDir* folder : {&first, &second}) {
        BulkRun result = runBulk({"--bulk", folder->path().string(), "--in-force"});
        BOOST_TEST_REQUIRE(result.status == 0, result.out << result.err);
    }
    std::unique_ptr<Storage> storage = environment.open();
    for (const std::string& code : {std::string("СМЖ 07.БЕ.51"), std::string("СМЖ 07.БЕ.52")}) {
        std::vector<Edition> editions = editionsOf(storage->documents(), code);
        BOOST_TEST_REQUIRE(editions.size() == 2u, code);
        BOOST_TEST(editions[0].number == 1);
        BOOST_TEST((editions[0].status == EditionStatus::Superseded), code);
        BOOST_TEST((editions[1].status == EditionStatus::InForce), code);
        auto inForce =
            storage->lifecycle().editionInForce(editions[0].documentId, Language::Kazakh);
        BOOST_TEST_REQUIRE(inForce.has_value());
        BOOST_TEST(inForce->value_or(0) == editions[1].id, code);
        for (const Edition& one : editions) {
            auto lifecycle = storage->lifecycle().lifecycle(one.id);
            BOOST_TEST_REQUIRE(lifecycle.has_value());
            BOOST_TEST_REQUIRE(lifecycle->paper.has_value(), code);
            BOOST_TEST(lifecycle->paper->registeredByLogin == "office");
            BOOST_TEST(lifecycle->paper->sourceFile.ends_with(".txt"));
        }
    }
    // Every act of the import is the office's, from the command line.
    AuditQuery query;
    query.limit = 500;
    auto audit = storage->audit().listAudit(query);
    BOOST_TEST_REQUIRE(audit.has_value());
    std::map<std::string, int> acts;
    for (const AuditEntry& row : audit->items) {
        const NewAuditEntry& entry = row.entry;
        if (!entry.action.starts_with("document.") && !entry.action.starts_with("edition."))
            continue;
        ++acts[entry.action];
        BOOST_TEST(entry.actorLogin == "office", entry.action);
        BOOST_TEST(contains(entry.details, "command line"), entry.details);
    }
    BOOST_TEST(acts["document.create"] == 2);
    BOOST_TEST(acts["edition.create"] == 4);
    BOOST_TEST(acts["edition.register_in_force"] == 4);
    BOOST_TEST(acts["edition.supersede"] == 2);
    auto verified = storage->audit().verifyAudit();
    BOOST_TEST_REQUIRE(verified.has_value());
    BOOST_TEST(verified->intact);
}

BOOST_AUTO_TEST_CASE(bulk_import_needs_an_active_account) {
    StoreEnvironment environment;
    std::ostringstream out, err;
    BOOST_TEST(app::runImport({"--bulk", corpusDir().string()}, out, err) == 2);
    BOOST_TEST(contains(err.str(), "--as LOGIN"), err.str());
    BulkRun unknown = runBulk({"--bulk", corpusDir().string(), "--as", "nobody"});
    BOOST_TEST(unknown.status == 2);
    BOOST_TEST(contains(unknown.err, "--as nobody"), unknown.err);
    std::unique_ptr<Storage> storage = environment.open();
    BOOST_TEST(storage->documents().listDocuments(DocumentQuery{})->total == 0);
}

BOOST_AUTO_TEST_CASE(progress_bar_is_redrawn_in_place_on_a_terminal) {
    StoreEnvironment environment;
    const fs::path program = binaryDir() / "bin" / "import_cli";
    BOOST_TEST_REQUIRE(fs::exists(program), program);
    int terminal = -1;
    pid_t child = forkpty(&terminal, nullptr, nullptr, nullptr);
    BOOST_TEST_REQUIRE(child >= 0);
    if (child == 0) {
        execl(program.c_str(), program.c_str(), "--bulk", corpusDir().c_str(), "--as", "office",
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
