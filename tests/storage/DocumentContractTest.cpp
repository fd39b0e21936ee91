// Contract cases on documents and the schema, run on every backend.
#include <regex>

#include "storage/RecordSamples.h"
#include "storage/StoreFixture.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

// 7 the route's signatory, 8 the job lease, 9 the login throttle's counters,
// 10 agreement sheets and familiarization logs as versioned XML, 11 controlled
// copies, 12 the last use of sessions and tokens, 13 full-text search
constexpr int kExpectedSchemaVersion = 18;
constexpr int kExpectedMigrations = 18;

bool isTimestamp(const std::string& text) {
    static const std::regex form(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
    return std::regex_match(text, form);
}

std::vector<std::int64_t> idsOf(const DocumentPage& page) {
    std::vector<std::int64_t> ids;
    for (const Document& document : page.items) ids.push_back(document.id);
    return ids;
}

const std::vector<EditionStatus> kToApproved{EditionStatus::InAgreement, EditionStatus::Agreed,
                                             EditionStatus::Approved};

DocumentPage list(Store& store, DocumentQuery query) {
    return require(store.listDocuments(query));
}

}  // namespace

// The SQL databases only: the memory ports have no migrations.
NUSQA_DATABASE_CASE(migrations_run_once_and_reopening_runs_nothing) {
    BOOST_TEST(require(fixture.store().schemaVersion()) == kExpectedSchemaVersion);
    BOOST_TEST(fixture.countRows("schema_migrations") == kExpectedMigrations);
    fixture.reopen();
    fixture.reopen();
    BOOST_TEST(require(fixture.store().schemaVersion()) == kExpectedSchemaVersion);
    BOOST_TEST(fixture.countRows("schema_migrations") == kExpectedMigrations);
}

NUSQA_STORE_CASE(create_and_get_document) {
    NewDocument input = sampleDocument("СМЖ 07.БЕ.51", DocumentKind::JobInstruction,
                                       "Лауазымдық нұсқаулық «Ғылыми қызметкер»");
    input.language = Language::Russian;
    input.unit = "Ғылым департаменті";
    Document created = require(fixture.store().createDocument(input, {}));
    BOOST_TEST(created.id > 0);
    BOOST_TEST(created.code == input.code);
    BOOST_TEST(created.kind == DocumentKind::JobInstruction);
    BOOST_TEST(created.title == input.title);
    BOOST_TEST(created.unit == input.unit);
    BOOST_TEST(created.language == Language::Russian);
    BOOST_TEST(isTimestamp(created.createdAt), created.createdAt);
    BOOST_TEST(created.updatedAt == created.createdAt);

    Document read = require(fixture.store().document(created.id));
    BOOST_TEST(read.id == created.id);
    BOOST_TEST(read.code == created.code);
    BOOST_TEST(read.kind == created.kind);
    BOOST_TEST(read.title == created.title);
    BOOST_TEST(read.unit == created.unit);
    BOOST_TEST(read.language == created.language);
    BOOST_TEST(read.createdAt == created.createdAt);
    BOOST_TEST(read.updatedAt == created.updatedAt);

    Document second = require(fixture.store().createDocument(sampleDocument("ҚП 082-2022"), {}));
    BOOST_TEST(second.id > created.id);
}

NUSQA_STORE_CASE(duplicate_code_is_conflict) {
    Store& store = fixture.store();
    require(store.createDocument(sampleDocument("СМЖ 07.БЕ.51"), {}));
    requireError(store.createDocument(sampleDocument("СМЖ 07.БЕ.51"), {}), ErrorCode::Conflict,
                 {std::string("storage/") + std::string(backendName(fixture.backend()))});
    // Codes are exact: another case is another code.
    require(store.createDocument(sampleDocument("смж 07.бе.51"), {}));
    BOOST_TEST(list(store, {}).total == 2);
}

NUSQA_STORE_CASE(missing_ids_are_not_found) {
    Store& store = fixture.store();
    constexpr std::int64_t kMissing = 987654;
    requireError(store.document(kMissing), ErrorCode::NotFound, {"987654"});
    requireError(store.editionsOf(kMissing), ErrorCode::NotFound, {"document 987654"});
    requireError(store.edition(kMissing), ErrorCode::NotFound, {"edition 987654"});
    requireError(store.editionXml(kMissing), ErrorCode::NotFound);
    requireError(store.updateDraft(kMissing, 1, sampleXml("x"), "0", {}), ErrorCode::NotFound);
    // The status of a missing edition cannot change either (the lifecycle's
    // one write path).
    LifecycleChange change;
    change.editionId = kMissing;
    change.newStatus = EditionStatus::Approved;
    requireError(fixture.storage().lifecycle().apply(change), ErrorCode::NotFound);
}

NUSQA_STORE_CASE(list_filters_by_kind) {
    Store& store = fixture.store();
    auto regulation = require(store.createDocument(sampleDocument("Е-1"), {}));
    auto instruction =
        require(store.createDocument(sampleDocument("ЛН-1", DocumentKind::JobInstruction), {}));
    auto procedure = require(
        store.createDocument(sampleDocument("ҚП-1", DocumentKind::DocumentedProcedure), {}));
    auto second =
        require(store.createDocument(sampleDocument("ЛН-2", DocumentKind::JobInstruction), {}));

    DocumentQuery query;
    query.kind = DocumentKind::JobInstruction;
    DocumentPage page = list(store, query);
    BOOST_TEST(page.total == 2);
    BOOST_TEST(idsOf(page) == (std::vector<std::int64_t>{instruction.id, second.id}),
               boost::test_tools::per_element());
    query.kind = DocumentKind::WorkInstruction;
    BOOST_TEST(list(store, query).total == 0);
    BOOST_TEST(list(store, {}).total == 4);
    (void)regulation;
    (void)procedure;
}

NUSQA_STORE_CASE(list_filters_by_status_of_latest_edition) {
    Store& store = fixture.store();
    auto revised = require(store.createDocument(sampleDocument("A"), {}));
    auto inForce = require(store.createDocument(sampleDocument("B"), {}));
    require(store.createDocument(sampleDocument("C (no editions)"), {}));
    auto bilingual = require(store.createDocument(sampleDocument("D"), {}));

    // A: edition 1 approved, edition 2 a draft -> latest is the draft.
    auto first =
        require(store.createEdition(sampleEdition(revised.id, 1, Language::Kazakh, "1"), {}));
    walk(fixture.storage(), first.id, kToApproved);
    require(store.createEdition(sampleEdition(revised.id, 2, Language::Kazakh, "2"), {}));
    // B: edition 1 in force.
    auto only =
        require(store.createEdition(sampleEdition(inForce.id, 1, Language::Russian, "1"), {}));
    walk(fixture.storage(), only.id, kToApproved);
    walk(fixture.storage(), only.id, {EditionStatus::InForce});
    // D: edition 1 in two languages, one approved, one a draft.
    require(store.createEdition(sampleEdition(bilingual.id, 1, Language::Kazakh, "kk"), {}));
    auto russian =
        require(store.createEdition(sampleEdition(bilingual.id, 1, Language::Russian, "ru"), {}));
    walk(fixture.storage(), russian.id, kToApproved);

    DocumentQuery query;
    query.status = EditionStatus::Draft;
    BOOST_TEST(idsOf(list(store, query)) == (std::vector<std::int64_t>{revised.id, bilingual.id}),
               boost::test_tools::per_element());
    query.status = EditionStatus::InForce;
    BOOST_TEST(idsOf(list(store, query)) == (std::vector<std::int64_t>{inForce.id}),
               boost::test_tools::per_element());
    query.status = EditionStatus::Approved;  // A's approved edition is not the latest
    BOOST_TEST(idsOf(list(store, query)) == (std::vector<std::int64_t>{bilingual.id}),
               boost::test_tools::per_element());
    query.status = EditionStatus::Cancelled;
    BOOST_TEST(list(store, query).total == 0);
}

NUSQA_STORE_CASE(list_filters_by_text_in_code_or_title) {
    Store& store = fixture.store();
    auto byCode = require(store.createDocument(
        sampleDocument("СМЖ 07.БЕ.51", DocumentKind::Regulation, "Бөлім туралы ереже"), {}));
    auto byTitle = require(
        store.createDocument(sampleDocument("ҚП 082-2022", DocumentKind::DocumentedProcedure,
                                            "Құжаттарды басқару (СМЖ)"),
                             {}));
    auto underscore = require(store.createDocument(
        sampleDocument("ЖН_01", DocumentKind::WorkInstruction, "Жұмыс нұсқаулығы"), {}));
    auto dash = require(store.createDocument(
        sampleDocument("ЖН-01", DocumentKind::WorkInstruction, "Жұмыс нұсқаулығы 100%"), {}));

    auto matching = [&](std::string text, std::optional<DocumentKind> kind = std::nullopt) {
        DocumentQuery query;
        query.text = std::move(text);
        query.kind = kind;
        DocumentPage page = list(store, query);
        BOOST_TEST(page.total == static_cast<std::int64_t>(page.items.size()));
        return idsOf(page);
    };
    using Ids = std::vector<std::int64_t>;
    BOOST_TEST(matching("СМЖ") == (Ids{byCode.id, byTitle.id}), boost::test_tools::per_element());
    BOOST_TEST(matching("басқару") == (Ids{byTitle.id}), boost::test_tools::per_element());
    BOOST_TEST(matching("смж").empty());  // case-sensitive
    BOOST_TEST(matching("_") == (Ids{underscore.id}),
               boost::test_tools::per_element());  // no wildcards
    BOOST_TEST(matching("%") == (Ids{dash.id}), boost::test_tools::per_element());
    BOOST_TEST(matching("ЖН", DocumentKind::WorkInstruction) == (Ids{underscore.id, dash.id}),
               boost::test_tools::per_element());
    BOOST_TEST(matching("СМЖ", DocumentKind::WorkInstruction).empty());
    BOOST_TEST(matching("").size() == 4u);
}

NUSQA_STORE_CASE(list_pages_in_id_order_with_total) {
    Store& store = fixture.store();
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 7; ++i)
        ids.push_back(
            require(store.createDocument(sampleDocument("ЕР-" + std::to_string(i)), {})).id);

    auto page = [&](int limit, int offset) {
        DocumentQuery query;
        query.limit = limit;
        query.offset = offset;
        return list(store, query);
    };
    using Ids = std::vector<std::int64_t>;
    DocumentPage first = page(3, 0);
    BOOST_TEST(first.total == 7);
    BOOST_TEST(idsOf(first) == (Ids{ids[0], ids[1], ids[2]}), boost::test_tools::per_element());
    BOOST_TEST(idsOf(page(3, 3)) == (Ids{ids[3], ids[4], ids[5]}),
               boost::test_tools::per_element());
    BOOST_TEST(idsOf(page(3, 6)) == (Ids{ids[6]}), boost::test_tools::per_element());
    DocumentPage beyond = page(3, 50);
    BOOST_TEST(beyond.items.empty());
    BOOST_TEST(beyond.total == 7);
    BOOST_TEST(page(0, 0).items.size() == 1u);  // limit clamps up to 1
    BOOST_TEST(page(-5, 0).items.size() == 1u);
    BOOST_TEST(page(100000, 0).items.size() == 7u);  // and down to 500
    BOOST_TEST(idsOf(page(2, -3)) == (Ids{ids[0], ids[1]}), boost::test_tools::per_element());
}

NUSQA_STORE_CASE(list_limit_is_at_most_500) {
    Store& store = fixture.store();
    for (int i = 0; i < 503; ++i)
        require(store.createDocument(sampleDocument("N-" + std::to_string(i)), {}));
    DocumentQuery query;
    query.limit = 1000;
    DocumentPage page = list(store, query);
    BOOST_TEST(page.items.size() == 500u);
    BOOST_TEST(page.total == 503);
}
