// openStorage() URLs and redactUrl(); backend-specific facts.
#include <filesystem>
#include <thread>

#include "storage/StoreFactory.h"
#include "storage/StoreFixture.h"

using namespace nusqa;
using namespace nusqa::test;

BOOST_AUTO_TEST_SUITE(factory)

BOOST_AUTO_TEST_CASE(redact_url_hides_only_the_password) {
    BOOST_TEST(redactUrl("mysql://nusqa:s3cret@db.example:3306/nusqa") ==
               "mysql://nusqa:***@db.example:3306/nusqa");
    BOOST_TEST(redactUrl("mysql://nusqa:p@ss/w:rd@127.0.0.1/nusqa") ==
               "mysql://nusqa:***@127.0.0.1/nusqa");
    BOOST_TEST(redactUrl("mysql://nusqa@127.0.0.1/nusqa") == "mysql://nusqa@127.0.0.1/nusqa");
    BOOST_TEST(redactUrl("mysql://127.0.0.1:3306/nusqa") == "mysql://127.0.0.1:3306/nusqa");
    BOOST_TEST(redactUrl("sqlite:/var/lib/nusqa/nusqa.db") == "sqlite:/var/lib/nusqa/nusqa.db");
    BOOST_TEST(redactUrl("postgres://u:pw@h/d") == "postgres://u:***@h/d");
}

BOOST_AUTO_TEST_CASE(unknown_scheme_is_invalid_argument) {
    auto store = openStorage("postgres://user:hunter2@localhost/nusqa");
    requireError(store, ErrorCode::InvalidArgument, {"unknown"});
    BOOST_TEST(store.error().message.find("hunter2") == std::string::npos);
    requireError(openStorage("nusqa.db"), ErrorCode::InvalidArgument);
    requireError(openStorage(""), ErrorCode::InvalidArgument);
}

BOOST_AUTO_TEST_CASE(malformed_urls_are_invalid_argument) {
    for (const char* url : {
             "mysql://127.0.0.1/nusqa",              // no user
             "mysql://nusqa:hunter2@127.0.0.1",      // no database
             "mysql://nusqa:hunter2@127.0.0.1/",     // empty database
             "mysql://nusqa:hunter2@127.0.0.1:0/d",  // bad port
             "mysql://nusqa:hunter2@127.0.0.1:99999/d",
             "mysql://nusqa:hunter2@127.0.0.1:33x/d",
             "mysql://nusqa:hunter2%zz@127.0.0.1/d",  // bad percent-encoding
             "mysql://nusqa:hunter2@127.0.0.1/bad`name",
             "mysql://nusqa:hunter2@127.0.0.1/bad name",
             "mysql://nusqa:hunter2@/d",
             "sqlite:",
             "sqlite::memory:",
         }) {
        BOOST_TEST_CONTEXT("url " << redactUrl(url)) {
            auto store = openStorage(url);
            requireError(store, ErrorCode::InvalidArgument);
            BOOST_TEST(store.error().message.find("hunter2") == std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(unreachable_mysql_is_unavailable_without_the_password) {
    // Port 1 on loopback: nobody listens, the connection is refused at once.
    auto store = openStorage("mysql://nusqa:hunter2@127.0.0.1:1/nusqa");
    requireError(store, ErrorCode::Unavailable, {"storage/mysql", "127.0.0.1:1"});
    BOOST_TEST(store.error().message.find("hunter2") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(sqlite_creates_parent_directories_and_the_file) {
    TempDir directory("nusqa-factory");
    std::filesystem::path file = directory.path() / "a" / "b" / "c" / "nusqa.db";
    auto store = require(openStorage("sqlite:" + file.string(), 2));
    BOOST_TEST(std::filesystem::exists(file));
    BOOST_TEST(require(store->documents().schemaVersion()) == 18);
    store.reset();
    // The URI spelling with an absolute path names the same file.
    auto again = require(openStorage("sqlite://" + file.string(), 2));
    BOOST_TEST(require(again->documents().listDocuments({})).total == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sqlite)

BOOST_AUTO_TEST_CASE(the_file_uses_the_wal_journal) {
    StoreFixture fixture(Backend::Sqlite);
    require(fixture.store().createDocument(sampleDocument("WAL"), {}));
    std::string path = fixture.url().substr(std::string("sqlite:").size());
    BOOST_TEST(std::filesystem::exists(path + "-wal"));
}

BOOST_AUTO_TEST_CASE(reads_together_share_one_snapshot_and_refuse_writes) {
    StoreFixture fixture(Backend::Sqlite);
    Document document = require(fixture.store().createDocument(sampleDocument("SNAP"), {}));
    std::string first, second;
    Result<Document> refused = Document{};
    Status together = fixture.storage().readTogether([&]() -> Status {
        first = NUSQA_TRY(fixture.store().document(document.id)).title;
        // Another thread's write commits between the two reads.
        std::thread([&] {
            Document changed = document;
            changed.title = "changed meanwhile";
            require(fixture.store().updateDocument(changed, {}));
        }).join();
        second = NUSQA_TRY(fixture.store().document(document.id)).title;
        Document mine = document;
        mine.title = "written inside";
        refused = fixture.store().updateDocument(mine, {});
        return {};
    });
    BOOST_TEST_REQUIRE(together.has_value());
    // One transaction: the second read sees the snapshot of the first.
    BOOST_TEST(first == document.title);
    BOOST_TEST(second == first);
    requireError(refused, ErrorCode::Internal, {"a write inside a shared read"});
    // Afterwards the write made meanwhile shows, the refused one does not.
    BOOST_TEST(require(fixture.store().document(document.id)).title == "changed meanwhile");
}

BOOST_AUTO_TEST_CASE(reads_together_pass_the_reads_error_on) {
    StoreFixture fixture(Backend::Sqlite);
    Status together = fixture.storage().readTogether([&]() -> Status {
        NUSQA_TRY(fixture.store().document(987654));
        return {};
    });
    requireError(together, ErrorCode::NotFound, {});
    // The connection went back to the pool in a usable state.
    BOOST_TEST(require(fixture.store().listDocuments({})).total == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(mysql)

BOOST_AUTO_TEST_CASE(percent_encoded_credentials_are_decoded) {
    std::string server = mariadbServerUrl();  // mysql://nusqa:nusqa@127.0.0.1:PORT
    std::string hostAndPort = server.substr(server.find('@') + 1);
    std::string database = uniqueName("nusqa_test");
    {
        auto store =
            require(openStorage("mysql://%6Eusqa:nus%71a@" + hostAndPort + "/" + database, 2));
        BOOST_TEST(require(store->documents().schemaVersion()) == 18);
    }
    auto wrong = openStorage("mysql://nusqa:Wr0ngPassw0rd@" + hostAndPort + "/" + database);
    requireError(wrong, ErrorCode::Unavailable, {"Access denied"});
    BOOST_TEST(wrong.error().message.find("Wr0ngPassw0rd") == std::string::npos);
    dropDatabase(server, database);
}

BOOST_AUTO_TEST_SUITE_END()
