// The fault-injection loop on every backend: an act runs with its n-th
// statement failing (memory: its n-th step), for n = 0, 1, 2, ... until it
// goes through; after each failure nothing of the act may remain — no row in
// any table, no audit entry, the audit chain intact. The acts are the
// domain's own (DocumentService, LifecycleService over the fixture's
// storage, the real XML codec): create a document, add an edition, replace a
// draft, the next edition, register a paper edition in force (alone,
// superseding the one in force, and older than it), and the record ports'
// writes (people, credentials, distribution, audit, outbox). The lifecycle's
// apply() has its own loop in LifecycleContractTest.
#include <functional>
#include <map>

#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "domain/AuthService.h"
#include "domain/DocumentService.h"
#include "domain/LifecycleService.h"
#include "storage/RecordSamples.h"
#include "support/PlainHasher.h"
#include "xml/XmlEditionCodec.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

const char* const kTables[] = {
    "documents",
    "editions",
    "edition_lifecycle",
    "editions_in_force",
    "paper_registrations",
    "signatures",
    "agreement_steps",
    "familiarizations",
    "distribution",
    "units",
    "positions",
    "users",
    "credentials",
    "audit_log",
    "outbox",
};

using Counts = std::map<std::string, std::int64_t>;

Counts countAll(StoreFixture& fixture) {
    Counts counts;
    for (const char* table : kTables) counts[table] = fixture.countRows(table);
    return counts;
}

// The domain's services over the fixture's storage, and the quality office
// acting.
struct Acts {
    explicit Acts(StoreFixture& fixture)
        : storage(fixture.storage()),
          auth(storage.people(), storage.audit(), hasher, clock,
               SecurityFunctions{crypto::randomHex, crypto::sha256Hex}),
          documents(storage.documents(), codec, crypto::sha256Hex, clock),
          lifecycle(storage.documents(), storage.lifecycle(), storage.people(), auth, codec, clock),
          office(addUser(storage, "office", {Role::QualityOffice})) {
        BOOST_REQUIRE(initialiseXml().has_value());
    }

    Storage& storage;
    XmlEditionCodec codec;
    ManualClock clock{epochOf("2026-03-02T09:00:00Z").value()};
    PlainHasher hasher;
    AuthService auth;
    DocumentService documents;
    LifecycleService lifecycle;
    User office;
};

std::string wkatuXml(int edition = 1) {
    std::string xml = readFile(fixture("000-wkatu-coworking.xml"));
    std::string from = "<edition number=\"1\"/>";
    xml.replace(xml.find(from), from.size(),
                "<edition number=\"" + std::to_string(edition) + "\"/>");
    return xml;
}

const NewDocument kDocument{"СМЖ 07.БЕ.51", DocumentKind::Regulation, "Коворкинг орталығы туралы",
                            "", Language::Kazakh};

// Runs act with the n-th statement failing, n = 0, 1, 2, ..., until it
// succeeds; after every failure the tables are as before and unchanged()
// (when given) checks what counting rows cannot see. The failures counted.
template <typename Act>
int faultLoop(StoreFixture& fixture, Act&& act, const std::function<void()>& unchanged = {}) {
    const Counts before = countAll(fixture);
    int failures = 0;
    for (int n = 0; n < 300; ++n) {
        fixture.failStatementAfter(n);
        auto done = act();
        fixture.failStatementAfter(-1);
        if (done) {
            BOOST_TEST(require(fixture.storage().audit().verifyAudit()).intact);
            return failures;
        }
        ++failures;
        BOOST_TEST_REQUIRE(done.error().message.find("injected fault") != std::string::npos,
                           done.error().message);
        const Counts after = countAll(fixture);
        std::string changed;
        for (const auto& [table, count] : after)
            if (before.at(table) != count)
                changed += " " + table + " " + std::to_string(before.at(table)) + " -> " +
                           std::to_string(count);
        BOOST_TEST_REQUIRE(changed.empty(), "rows left by the act failed at "
                                                << n << ":" << changed << " ("
                                                << done.error().message << ")");
        if (unchanged) unchanged();
    }
    BOOST_FAIL("the act never went through");
    return failures;
}

}  // namespace

NUSQA_STORE_CASE(a_failed_document_or_edition_write_leaves_nothing_behind) {
    Acts acts(fixture);
    Document document;
    int failures = faultLoop(fixture, [&] {
        auto created = acts.documents.createDocument(acts.office, kDocument);
        if (created) document = *created;
        return created;
    });
    BOOST_TEST(failures >= 4);  // insert, audit head, audit entry, head update
    BOOST_TEST(fixture.countRows("documents") == 1);

    Edition edition;
    failures = faultLoop(fixture, [&] {
        auto added = acts.documents.addEdition(acts.office, document.id, wkatuXml());
        if (added) edition = *added;
        return added;
    });
    BOOST_TEST(failures >= 6);
    BOOST_TEST(fixture.countRows("editions") == 1);
    BOOST_TEST(fixture.countRows("edition_lifecycle") == 1);

    std::string original = wkatuXml();
    std::string edited = original;
    edited.replace(edited.find("Коворкинг орталығы"), 18, "Коворкинг-орталығы");
    failures = faultLoop(
        fixture, [&] { return acts.documents.updateDraft(acts.office, edition.id, 1, edited); },
        [&] {
            BOOST_TEST_REQUIRE(require(fixture.store().edition(edition.id)).revision == 1);
            BOOST_TEST_REQUIRE((require(fixture.store().editionXml(edition.id)) == original));
        });
    BOOST_TEST(failures >= 4);
    BOOST_TEST(require(fixture.store().edition(edition.id)).revision == 2);

    AuditQuery query;
    query.action = "edition.";
    query.objectType = "edition";
    query.objectId = std::to_string(edition.id);
    auto entries = require(fixture.storage().audit().listAudit(query)).items;
    std::string actions;
    for (const AuditEntry& row : entries) actions += " " + row.entry.action;
    BOOST_TEST_REQUIRE(entries.size() == 2u, actions);
    BOOST_TEST(entries[0].entry.action == "edition.create");
    BOOST_TEST(entries[1].entry.action == "edition.update");
}

NUSQA_STORE_CASE(a_failed_registration_or_next_edition_leaves_nothing_behind) {
    Acts acts(fixture);
    Document document = require(acts.documents.createDocument(acts.office, kDocument));
    Edition first = require(acts.documents.addEdition(acts.office, document.id, wkatuXml(1)));
    // A paper edition registered in force, no edition in force before.
    int failures = faultLoop(fixture, [&] {
        return acts.lifecycle.registerInForce(acts.office, first.id, {}, {"tests", "000.txt"});
    });
    BOOST_TEST(failures >= 8);
    BOOST_TEST(fixture.countRows("editions_in_force") == 1);
    BOOST_TEST(fixture.countRows("paper_registrations") == 1);

    // The next edition of the one in force.
    Edition next;
    failures = faultLoop(fixture, [&] {
        auto created = acts.documents.nextEdition(acts.office, document.id);
        if (created) next = *created;
        return created;
    });
    BOOST_TEST(failures >= 6);
    BOOST_TEST(next.number == 2);

    // Registered in force, superseding edition 1: both editions change or
    // neither does.
    failures = faultLoop(
        fixture, [&] { return acts.lifecycle.registerInForce(acts.office, next.id, {}, {}); },
        [&] {
            BOOST_TEST_REQUIRE(
                (require(fixture.store().edition(first.id)).status == EditionStatus::InForce));
            BOOST_TEST_REQUIRE(
                (require(fixture.store().edition(next.id)).status == EditionStatus::Draft));
        });
    BOOST_TEST(failures >= 10);
    BOOST_TEST((require(fixture.store().edition(first.id)).status == EditionStatus::Superseded));

    // An older paper edition registered after the newer one: recorded as
    // superseded by it.
    Document other = require(acts.documents.createDocument(
        acts.office, {"СМЖ 07.БЕ.99", DocumentKind::Regulation, "Сынақ", "", Language::Kazakh}));
    std::string minimal = readFile(nusqa::test::fixture("minimal.xml"));
    std::string second = minimal;
    second.replace(second.find("<edition number=\"1\"/>"), 21, "<edition number=\"2\"/>");
    Edition newerOther = require(acts.documents.addEdition(acts.office, other.id, second));
    require(acts.lifecycle.registerInForce(acts.office, newerOther.id, {}, {}));
    Edition olderOther = require(acts.documents.addEdition(acts.office, other.id, minimal));
    failures = faultLoop(fixture, [&] {
        return acts.lifecycle.registerInForce(acts.office, olderOther.id, {}, {});
    });
    BOOST_TEST(failures >= 8);
    BOOST_TEST(
        (require(fixture.store().edition(olderOther.id)).status == EditionStatus::Superseded));
    BOOST_TEST((require(fixture.store().edition(newerOther.id)).status == EditionStatus::InForce));
}

NUSQA_STORE_CASE(a_failed_record_write_leaves_nothing_behind) {
    Storage& storage = fixture.storage();
    Unit unit;
    int failures = faultLoop(fixture, [&] {
        auto created = storage.people().createUnit(Unit{0, "Сапа бөлімі", "", {}},
                                                   {auditEntry("unit.create")});
        if (created) unit = *created;
        return created;
    });
    BOOST_TEST(failures >= 4);
    failures = faultLoop(fixture, [&] {
        return storage.people().createPosition(Position{0, "Маман", "Специалист"},
                                               {auditEntry("position.create")});
    });
    BOOST_TEST(failures >= 4);
    User user;
    failures = faultLoop(fixture, [&] {
        UserRecord record;
        record.user.login = "anna";
        record.user.email = "anna@university.test";
        record.user.roles = {Role::Employee};
        record.user.unitId = unit.id;
        record.passwordHash = "$argon2id$x";
        record.createdAt = kTestTime;
        auto created = storage.people().createUser(record, {auditEntry("user.create")});
        if (created) user = *created;
        return created;
    });
    BOOST_TEST(failures >= 4);
    failures = faultLoop(
        fixture,
        [&] {
            return storage.people().setPasswordHash(user.id, "$argon2id$new",
                                                    {auditEntry("auth.password_change")}, "");
        },
        [&] {
            BOOST_TEST_REQUIRE(require(storage.people().passwordHash(user.id)) == "$argon2id$x");
        });
    BOOST_TEST(failures >= 4);
    Credential token{
        std::string(64, 'c'), user.id, CredentialKind::ApiToken, "t", kTestTime, "", ""};
    failures = faultLoop(fixture, [&] {
        return storage.people().saveCredential(token, {auditEntry("auth.token")});
    });
    BOOST_TEST(failures >= 4);
    Edition draft = addDraft(storage, "СМЖ 19");
    failures = faultLoop(fixture, [&] {
        return storage.lifecycle().setDistribution(draft.documentId,
                                                   Distribution{{unit.id}, {}, {}},
                                                   {auditEntry("document.distribution")});
    });
    BOOST_TEST(failures >= 5);
    failures = faultLoop(fixture, [&] {
        return storage.audit().append({auditEntry("auth.login"), auditEntry("auth.logout")});
    });
    BOOST_TEST(failures >= 4);
    failures = faultLoop(fixture, [&] {
        return storage.outbox().enqueue({{"a@u.test", "s", "b"}, {"b@u.test", "s", "b"}},
                                        kTestTime);
    });
    BOOST_TEST(failures >= 2);
    BOOST_TEST(fixture.countRows("outbox") == 2);
}
