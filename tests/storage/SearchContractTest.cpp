// The search index's contract (domain/SearchIndex.h) on SQLite and
// MariaDB: Kazakh and Russian word forms found by another form,
// case-insensitive Cyrillic, exact phrases, the status, language, unit and
// kind filters, editions in force on a past day (paper ones since their
// effective date), a draft's new text replacing its old one in the same write,
// and the real corpus fixtures found by a word of a clause. The memory
// backend keeps no index, so these are database cases.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "crypto/Digest.h"
#include "domain/SearchText.h"
#include "render/reader/ContentXml.h"
#include "storage/RecordSamples.h"
#include "storage/StoreFixture.h"
#include "support/TestSupport.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa::test {
namespace {

struct Clause {
    std::string eId;
    std::string num;
    std::string text;
};

std::string escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '<')
            out += "&lt;";
        else if (c == '&')
            out += "&amp;";
        else
            out += c;
    }
    return out;
}

// A schema-valid edition: one chapter with the clauses.
std::string editionXml(const std::string& code, const std::string& title, Language language,
                       const std::vector<Clause>& clauses) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<document xmlns=\"urn:nusqa:document:1\" schemaVersion=\"1\"><meta>"
        "<organisation>Сынақ университеті</organisation><kind>regulation</kind><code>" +
        escaped(code) + "</code><title>" + escaped(title) + "</title><language>" +
        std::string(toString(language)) +
        "</language><edition number=\"1\"/></meta><body><chapter eId=\"chp_1\"><num>1.</num>"
        "<heading>Тарау</heading>";
    for (const Clause& clause : clauses)
        xml += "<clause eId=\"" + clause.eId + "\"><num>" + clause.num + "</num><p>" +
               escaped(clause.text) + "</p></clause>";
    return xml + "</chapter></body></document>\n";
}

void indexWithReader(Storage& storage) {
    BOOST_REQUIRE(initialiseXml().has_value());
    storage.search().indexWith([](std::string_view xml) -> Result<std::vector<SearchPassage>> {
        return search::searchPassages(NUSQA_TRY(render::reader::readEditionContent(xml)));
    });
}

Edition addEdition(Storage& storage, const std::string& code, Language language,
                   const std::vector<Clause>& clauses, const std::string& unit = "Сапа бөлімі",
                   DocumentKind kind = DocumentKind::Regulation) {
    NewDocument document = sampleDocument(code, kind);
    document.unit = unit;
    document.language = language;
    Document created = require(storage.documents().createDocument(document, {}));
    return require(storage.documents().createEdition(
        sampleEdition(created.id, 1, language,
                      editionXml(code, "Сынақ құжаты " + code, language, clauses)),
        {}));
}

const std::vector<EditionStatus> kEveryStatus = {
    EditionStatus::Draft,    EditionStatus::InAgreement, EditionStatus::Agreed,
    EditionStatus::Approved, EditionStatus::InForce,     EditionStatus::Superseded,
    EditionStatus::Cancelled};

SearchResults find(Storage& storage, const std::string& query,
                   std::vector<EditionStatus> statuses = kEveryStatus,
                   std::optional<Language> language = {}, const std::string& unit = {},
                   std::optional<DocumentKind> kind = {}) {
    SearchCriteria criteria;
    criteria.clauses = require(search::parseQuery(query));
    criteria.statuses = std::move(statuses);
    criteria.language = language;
    criteria.unit = unit;
    criteria.kind = kind;
    return require(storage.search().search(criteria));
}

// The (edition, eId) of every match, best first.
std::vector<std::pair<std::int64_t, std::string>> places(const SearchResults& results) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const SearchMatch& match : results.matches)
        out.emplace_back(match.edition.id, match.passage.eId);
    return out;
}

using Places = std::vector<std::pair<std::int64_t, std::string>>;

}  // namespace

NUSQA_DATABASE_CASE(search_finds_kazakh_word_forms) {
    indexWithReader(fixture.storage());
    Edition a =
        addEdition(fixture.storage(), "ЛН-01", Language::Kazakh,
                   {{"chp_1__cl_1", "1.1.", "Бұл лауазымдық нұсқаулық қызметкерге арналған."},
                    {"chp_1__cl_2", "1.2.", "Бөлімнің жұмыс жоспары бекітіледі."}});
    Edition b =
        addEdition(fixture.storage(), "ЛН-02", Language::Kazakh,
                   {{"chp_1__cl_1", "1.1.", "Осы нұсқаулықтың талаптарын орындау міндетті."}});
    // Each form finds both editions, each at its clause.
    for (const char* query : {"нұсқаулық", "нұсқаулықтың", "НҰСҚАУЛЫҒЫ", "Нұсқаулықтар"}) {
        SearchResults results = find(fixture.storage(), query);
        Places found = places(results);
        std::sort(found.begin(), found.end());
        Places expected = {{a.id, "chp_1__cl_1"}, {b.id, "chp_1__cl_1"}};
        BOOST_TEST((found == expected), query);
        BOOST_TEST(results.total == 2);
    }
    // The clause's number and its text come with the match.
    SearchResults plan = find(fixture.storage(), "жоспарының");
    BOOST_REQUIRE_EQUAL(plan.matches.size(), 1u);
    BOOST_TEST(plan.matches[0].passage.eId == "chp_1__cl_2");
    BOOST_TEST(plan.matches[0].passage.num == "1.2.");
    BOOST_TEST(plan.matches[0].passage.text == "Бөлімнің жұмыс жоспары бекітіледі.");
    BOOST_TEST(plan.matches[0].document.code == "ЛН-01");
    // Kazakh letters are letters of their own: «қызмет» is not «кызмет».
    BOOST_TEST(find(fixture.storage(), "кызметкер").matches.empty());
    BOOST_TEST(find(fixture.storage(), "қызметкер").matches.size() == 1u);
    // Every word must match, in one passage.
    BOOST_TEST(find(fixture.storage(), "нұсқаулық жоспар").matches.empty());
    BOOST_TEST(find(fixture.storage(), "нұсқаулық міндетті").matches.size() == 1u);
}

NUSQA_DATABASE_CASE(search_finds_russian_word_forms) {
    indexWithReader(fixture.storage());
    Edition ru =
        addEdition(fixture.storage(), "ДИ-01", Language::Russian,
                   {{"chp_1__cl_1", "1.", "Настоящая инструкция определяет обязанности."},
                    {"chp_1__cl_2", "2.", "Положение о подразделении утверждается ректором."}});
    for (const char* query : {"инструкции", "Инструкция", "ИНСТРУКЦИЕЙ", "инструкциями"}) {
        SearchResults results = find(fixture.storage(), query);
        BOOST_REQUIRE_EQUAL(results.matches.size(), 1u);
        BOOST_TEST(results.matches[0].edition.id == ru.id);
        BOOST_TEST(results.matches[0].passage.eId == "chp_1__cl_1");
    }
    SearchResults positions = find(fixture.storage(), "положения подразделений");
    BOOST_REQUIRE_EQUAL(positions.matches.size(), 1u);
    BOOST_TEST(positions.matches[0].passage.num == "2.");
    // The code and title are a passage too (no eId).
    SearchResults code = find(fixture.storage(), "ДИ-01");
    BOOST_REQUIRE_EQUAL(code.matches.size(), 1u);
    BOOST_TEST(code.matches[0].passage.eId == "");
}

NUSQA_DATABASE_CASE(search_matches_exact_phrases) {
    indexWithReader(fixture.storage());
    addEdition(fixture.storage(), "Ф-01", Language::Kazakh,
               {{"chp_1__cl_1", "1.", "Сапа менеджменті жүйесінің құжаттары."},
                {"chp_1__cl_2", "2.", "Менеджменті бөлек, сапа басқа."}});
    SearchResults phrase = find(fixture.storage(), "\"сапа менеджменті\"");
    BOOST_REQUIRE_EQUAL(phrase.matches.size(), 1u);
    BOOST_TEST(phrase.matches[0].passage.eId == "chp_1__cl_1");
    // Two words without quotes: both clauses match, the edition once.
    SearchResults words = find(fixture.storage(), "сапа менеджменті");
    BOOST_TEST(words.total == 1);
    // Word forms inside a phrase too.
    BOOST_TEST(find(fixture.storage(), "\"сапа менеджментінің жүйесі\"").matches.size() == 1u);
}

NUSQA_DATABASE_CASE(search_filters_status_language_and_unit) {
    Storage& storage = fixture.storage();
    indexWithReader(storage);
    Edition draft =
        addEdition(storage, "Е-01", Language::Kazakh,
                   {{"chp_1__cl_1", "1.", "Құжаттарды сақтау тәртібі."}}, "Сапа бөлімі");
    Edition inForce = addEdition(storage, "Е-02", Language::Kazakh,
                                 {{"chp_1__cl_1", "1.", "Құжаттарды сақтау мерзімі."}}, "Кеңсе");
    Edition russian = addEdition(storage, "Е-03", Language::Russian,
                                 {{"chp_1__cl_1", "1.", "Хранение құжаттар документов."}}, "Кеңсе");
    walk(storage, inForce.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved,
          EditionStatus::InForce});
    auto ids = [](const SearchResults& results) {
        std::vector<std::int64_t> out;
        for (const SearchMatch& match : results.matches) out.push_back(match.edition.id);
        std::sort(out.begin(), out.end());
        return out;
    };
    using Ids = std::vector<std::int64_t>;
    BOOST_TEST((ids(find(storage, "құжат")) == Ids{draft.id, inForce.id, russian.id}));
    BOOST_TEST((ids(find(storage, "құжат", {EditionStatus::InForce})) == Ids{inForce.id}));
    SearchResults inForceMatch = find(storage, "құжат", {EditionStatus::InForce});
    BOOST_TEST(inForceMatch.matches[0].edition.status == EditionStatus::InForce);
    BOOST_TEST((ids(find(storage, "құжат", {EditionStatus::Draft})) == Ids{draft.id, russian.id}));
    BOOST_TEST((ids(find(storage, "құжат", kEveryStatus, Language::Russian)) == Ids{russian.id}));
    BOOST_TEST(
        (ids(find(storage, "құжат", kEveryStatus, {}, "Кеңсе")) == Ids{inForce.id, russian.id}));
    BOOST_TEST(ids(find(storage, "құжат", kEveryStatus, {}, "кеңсе")).size() <= 2u);
}

NUSQA_DATABASE_CASE(search_filters_the_document_kind) {
    Storage& storage = fixture.storage();
    indexWithReader(storage);
    Edition regulation = addEdition(storage, "Р-01", Language::Kazakh,
                                    {{"chp_1__cl_1", "1.", "Мұрағатқа тапсыру тәртібі."}});
    Edition instruction = addEdition(storage, "Р-02", Language::Kazakh,
                                     {{"chp_1__cl_1", "1.", "Мұрағатшының міндеттері."}},
                                     "Сапа бөлімі", DocumentKind::JobInstruction);
    auto ids = [](const SearchResults& results) {
        std::vector<std::int64_t> out;
        for (const SearchMatch& match : results.matches) out.push_back(match.edition.id);
        std::sort(out.begin(), out.end());
        return out;
    };
    using Ids = std::vector<std::int64_t>;
    BOOST_TEST((ids(find(storage, "мұрағат")) == Ids{regulation.id, instruction.id}));
    BOOST_TEST((ids(find(storage, "мұрағат", kEveryStatus, {}, {}, DocumentKind::Regulation)) ==
                Ids{regulation.id}));
    BOOST_TEST((ids(find(storage, "мұрағат", kEveryStatus, {}, {}, DocumentKind::JobInstruction)) ==
                Ids{instruction.id}));
    BOOST_TEST(
        ids(find(storage, "мұрағат", kEveryStatus, {}, {}, DocumentKind::WorkInstruction)).empty());
    // With the unit filter (the same join) too.
    BOOST_TEST((ids(find(storage, "мұрағат", kEveryStatus, {}, "Сапа бөлімі",
                         DocumentKind::JobInstruction)) == Ids{instruction.id}));
}

NUSQA_DATABASE_CASE(search_follows_draft_updates_in_the_same_write) {
    Storage& storage = fixture.storage();
    indexWithReader(storage);
    Edition draft = addEdition(storage, "Ж-01", Language::Kazakh,
                               {{"chp_1__cl_1", "1.", "Алғашқы мәтін ережесі."}});
    BOOST_TEST(find(storage, "алғашқы").matches.size() == 1u);
    std::string xml = editionXml("Ж-01", "Сынақ құжаты Ж-01", Language::Kazakh,
                                 {{"chp_1__cl_1", "1.", "Жаңартылған мәтін ережесі."}});
    require(
        storage.documents().updateDraft(draft.id, draft.revision, xml, crypto::sha256Hex(xml), {}));
    BOOST_TEST(find(storage, "алғашқы").matches.empty());
    BOOST_TEST(find(storage, "жаңартылған").matches.size() == 1u);
    // A stale update changes nothing, the index included.
    std::string stale = editionXml("Ж-01", "Сынақ құжаты Ж-01", Language::Kazakh,
                                   {{"chp_1__cl_1", "1.", "Ескірген мәтін."}});
    BOOST_TEST(!storage.documents()
                    .updateDraft(draft.id, draft.revision, stale, crypto::sha256Hex(stale), {})
                    .has_value());
    BOOST_TEST(find(storage, "ескірген").matches.empty());
    BOOST_TEST(find(storage, "жаңартылған").matches.size() == 1u);
}

NUSQA_DATABASE_CASE(search_indexes_editions_stored_before_it) {
    Storage& storage = fixture.storage();
    addEdition(storage, "К-01", Language::Kazakh, {{"chp_1__cl_1", "1.", "Кейін табылатын сөз."}});
    BOOST_TEST(find(storage, "табылатын").matches.empty());
    indexWithReader(storage);
    BOOST_TEST(require(storage.search().indexMissing()) == 1);
    BOOST_TEST(find(storage, "табылатын").matches.size() == 1u);
    BOOST_TEST(require(storage.search().indexMissing()) == 0);
}

NUSQA_DATABASE_CASE(search_pages_through_editions) {
    Storage& storage = fixture.storage();
    indexWithReader(storage);
    for (int i = 0; i < 5; ++i)
        addEdition(storage, "П-" + std::to_string(i), Language::Kazakh,
                   {{"chp_1__cl_1", "1.", "Ортақ сөз осында."}});
    SearchCriteria criteria;
    criteria.clauses = require(search::parseQuery("ортақ"));
    criteria.statuses = kEveryStatus;
    criteria.limit = 2;
    std::vector<std::int64_t> seen;
    for (int offset = 0; offset < 6; offset += 2) {
        criteria.offset = offset;
        SearchResults page = require(storage.search().search(criteria));
        BOOST_TEST(page.total == 5);
        for (const SearchMatch& match : page.matches) seen.push_back(match.edition.id);
    }
    std::sort(seen.begin(), seen.end());
    BOOST_TEST(seen.size() == 5u);
    BOOST_TEST((std::unique(seen.begin(), seen.end()) == seen.end()));
}

NUSQA_DATABASE_CASE(search_finds_the_corpus_fixtures_by_a_clause_word) {
    Storage& storage = fixture.storage();
    indexWithReader(storage);
    struct Case {
        const char* file;
        const char* query;  // another form of a word of the clause
        const char* eId;
    };
    // Words of one clause, each asked in another grammatical form: the four
    // corpus documents (000, 001, 002 imported in full, 003) in Kazakh and
    // the Russian work instruction.
    const Case cases[] = {
        {"000-wkatu-coworking.xml", "орталықтарында орналасқан", "chp_1__cl_1_2"},
        {"render/001-kru-distance-learning.xml", "университеті сайтына корпоративтік", "cl_21"},
        {"render/002-satbayev-imported.xml", "акционерлік қоғамның", "chp_1__cl_1_1"},
        {"003-kru-software-dept.xml", "ережесінің басшылыққа қызметкерлерінің", "cl_2"},
        {"render/ru-work-instruction.xml", "требование инструкция обязательный", "cl_1_2"},
        {"render/ru-work-instruction.xml", "РЕГИСТРИРУЕТСЯ входящие документы", "cl_2_1"},
    };
    std::set<std::string> added;
    for (const Case& c : cases) {
        std::string xml = readFile(::nusqa::test::fixture(c.file));
        auto content = require(render::reader::readEditionContent(xml));
        if (added.insert(c.file).second) {
            Document document = require(storage.documents().createDocument(
                NewDocument{content.meta.code, content.meta.kind, content.meta.title, "Сапа бөлімі",
                            content.meta.language},
                {}));
            require(storage.documents().createEdition(
                sampleEdition(document.id, content.meta.edition, content.meta.language, xml), {}));
        }
        SearchResults results = find(storage, c.query);
        auto match = std::find_if(
            results.matches.begin(), results.matches.end(),
            [&](const SearchMatch& m) { return m.document.code == content.meta.code; });
        BOOST_TEST_REQUIRE((match != results.matches.end()), c.file << ": " << c.query);
        BOOST_TEST(match->passage.eId == c.eId, c.file << ": " << c.query << ": "
                                                       << match->passage.eId << " "
                                                       << match->passage.text.substr(0, 300));
    }
}

}  // namespace nusqa::test

namespace nusqa::test {

// What was in force on a day: edition 1 from 2026-03-02 until edition 2
// entered on 2026-06-01; before that nothing.
NUSQA_DATABASE_CASE(search_finds_what_was_in_force_on_a_day) {
    Storage& storage = fixture.storage();
    indexWithReader(storage);
    Edition first = addEdition(storage, "Т-01", Language::Kazakh,
                               {{"chp_1__cl_1", "1.", "Тексеру тәртібі бірінші басылым."}});
    walk(storage, first.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved,
          EditionStatus::InForce});
    std::string xml = editionXml("Т-01", "Сынақ құжаты Т-01", Language::Kazakh,
                                 {{"chp_1__cl_1", "1.", "Тексеру тәртібі екінші басылым."}});
    Edition second = require(storage.documents().createEdition(
        sampleEdition(first.documentId, 2, Language::Kazakh, xml), {}));
    walk(storage, second.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved});
    LifecycleChange enter = changeTo(storage, second.id, EditionStatus::InForce);
    enter.enterIntoForce = true;
    enter.enteredAt = "2026-06-01T09:00:00Z";
    enter.expectedInForce = first.id;
    require(storage.lifecycle().apply(enter));

    auto onDay = [&](const std::string& day) {
        SearchCriteria criteria;
        criteria.clauses = require(search::parseQuery("тексеру"));
        criteria.inForceOn = day;
        std::vector<std::int64_t> ids;
        for (const SearchMatch& match : require(storage.search().search(criteria)).matches)
            ids.push_back(match.edition.id);
        return ids;
    };
    using Ids = std::vector<std::int64_t>;
    BOOST_TEST(onDay("2026-01-01").empty());
    BOOST_TEST((onDay("2026-03-02") == Ids{first.id}));
    BOOST_TEST((onDay("2026-05-31") == Ids{first.id}));
    BOOST_TEST((onDay("2026-06-01") == Ids{second.id}));
    BOOST_TEST((onDay("2027-01-01") == Ids{second.id}));
    // The status of today says the same for today.
    BOOST_TEST(find(storage, "тексеру", {EditionStatus::Superseded}).matches.size() == 1u);
}

// Registered paper editions are in force since their paper's effective date,
// not since the day they were registered (2026-03-02 here): document P's
// paper edition 1 (effective 2019-09-01) registered in force, then edition 2
// entered on 2026-06-01; document Q's edition 2 in force since 2022-01-10,
// then its older paper edition 1 (effective 2019-03-01) registered as
// superseded by it (it never "entered" here).
NUSQA_DATABASE_CASE(search_finds_paper_editions_in_force_since_their_effective_date) {
    Storage& storage = fixture.storage();
    indexWithReader(storage);
    Edition p1 = addEdition(storage, "Қ-П", Language::Kazakh,
                            {{"chp_1__cl_1", "1.", "Мұрағат ісі бірінші басылым."}});
    LifecycleChange registerP1 = changeTo(storage, p1.id, EditionStatus::InForce);
    registerP1.enterIntoForce = true;
    registerP1.enteredAt = kTestTime;
    registerP1.effectiveDate = "2019-09-01";
    require(storage.lifecycle().apply(registerP1));
    std::string xml = editionXml("Қ-П", "Сынақ құжаты Қ-П", Language::Kazakh,
                                 {{"chp_1__cl_1", "1.", "Мұрағат ісі екінші басылым."}});
    Edition p2 = require(storage.documents().createEdition(
        sampleEdition(p1.documentId, 2, Language::Kazakh, xml), {}));
    walk(storage, p2.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved});
    LifecycleChange enterP2 = changeTo(storage, p2.id, EditionStatus::InForce);
    enterP2.enterIntoForce = true;
    enterP2.enteredAt = "2026-06-01T09:00:00Z";
    enterP2.effectiveDate = "2026-06-01";
    enterP2.expectedInForce = p1.id;
    require(storage.lifecycle().apply(enterP2));

    Document q = require(storage.documents().createDocument(sampleDocument("Қ-Q"), {}));
    Edition q2 = require(storage.documents().createEdition(
        sampleEdition(q.id, 2, Language::Kazakh,
                      editionXml("Қ-Q", "Сынақ құжаты Қ-Q", Language::Kazakh,
                                 {{"chp_1__cl_1", "1.", "Мұрағат тізімдемесі екінші басылым."}})),
        {}));
    walk(storage, q2.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved});
    LifecycleChange enterQ2 = changeTo(storage, q2.id, EditionStatus::InForce);
    enterQ2.enterIntoForce = true;
    enterQ2.enteredAt = "2022-01-10T09:00:00Z";
    enterQ2.effectiveDate = "2022-01-10";
    require(storage.lifecycle().apply(enterQ2));
    xml = editionXml("Қ-Q", "Сынақ құжаты Қ-Q", Language::Kazakh,
                     {{"chp_1__cl_1", "1.", "Мұрағат тізімдемесі бірінші басылым."}});
    Edition q1 = require(
        storage.documents().createEdition(sampleEdition(q.id, 1, Language::Kazakh, xml), {}));
    LifecycleChange registerQ1 = changeTo(storage, q1.id, EditionStatus::Superseded);
    registerQ1.olderThanInForce = true;
    registerQ1.expectedInForce = q2.id;
    registerQ1.effectiveDate = "2019-03-01";
    require(storage.lifecycle().apply(registerQ1));

    auto onDay = [&](const std::string& day) {
        SearchCriteria criteria;
        criteria.clauses = require(search::parseQuery("мұрағат"));
        criteria.inForceOn = day;
        std::vector<std::int64_t> ids;
        for (const SearchMatch& match : require(storage.search().search(criteria)).matches)
            ids.push_back(match.edition.id);
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    auto sorted = [](std::vector<std::int64_t> ids) {
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    using Ids = std::vector<std::int64_t>;
    BOOST_TEST(onDay("2019-01-01").empty());
    BOOST_TEST((onDay("2019-06-01") == Ids{q1.id}));
    BOOST_TEST((onDay("2020-01-01") == sorted({p1.id, q1.id})));
    BOOST_TEST((onDay("2023-01-01") == sorted({p1.id, q2.id})));
    BOOST_TEST((onDay("2026-05-31") == sorted({p1.id, q2.id})));
    BOOST_TEST((onDay("2026-06-01") == sorted({p2.id, q2.id})));
}

}  // namespace nusqa::test
