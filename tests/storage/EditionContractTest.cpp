// Contract cases on editions: byte-exact XML, ordering, uniqueness, the
// draft compare-and-set, the audit entries written with them, and the
// lifecycle status as the lifecycle's changes record it, run on every
// backend.
#include "crypto/Digest.h"
#include "storage/RecordSamples.h"
#include "storage/StoreFixture.h"

using namespace nusqa;
using namespace nusqa::test;

namespace {

struct Sample {
    Document document;
    Edition edition;
    std::string xml;
};

Sample sampleWithDraft(Store& store, const std::string& xml = sampleXml("Бірінші нұсқа")) {
    Document document = require(store.createDocument(sampleDocument("СМЖ 07.БЕ.51"), {}));
    Edition edition =
        require(store.createEdition(sampleEdition(document.id, 1, Language::Kazakh, xml), {}));
    return {document, edition, xml};
}

// Everything a byte-faithful store must keep: a UTF-8 BOM, CRLF line ends,
// Kazakh letters, a 4-byte emoji, a NUL byte, and every other byte value
// (not valid UTF-8) at the end.
std::string awkwardXml() {
    std::string xml = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n";
    xml +=
        "<document code=\"СМЖ 07.БЕ.51\">\r\n  <title>Әдістемелік кеңес ҚҰЖ ғөңүұіһ 😀</title>\r\n";
    xml += std::string("  <blob>a\0b</blob>\r\n", 20);
    xml += "</document>\r\n<!--";
    for (int value = 0; value < 256; ++value) xml += static_cast<char>(value);
    xml += "-->";
    return xml;
}

}  // namespace

NUSQA_STORE_CASE(edition_xml_round_trips_byte_exact) {
    Store& store = fixture.store();
    Document document = require(store.createDocument(sampleDocument("СМЖ 07.БЕ.51"), {}));
    std::string xml = awkwardXml();
    BOOST_REQUIRE(xml.find('\0') != std::string::npos);
    NewEdition input = sampleEdition(document.id, 1, Language::Kazakh, xml);
    Edition created = require(store.createEdition(input, {}));
    BOOST_TEST(created.id > 0);
    BOOST_TEST(created.documentId == document.id);
    BOOST_TEST(created.number == 1);
    BOOST_TEST(created.language == Language::Kazakh);
    BOOST_TEST(created.status == EditionStatus::Draft);
    BOOST_TEST(created.revision == 1);
    BOOST_TEST(created.size == static_cast<std::int64_t>(xml.size()));
    BOOST_TEST(created.sha256 == input.sha256);
    BOOST_TEST(created.updatedAt == created.createdAt);

    std::string stored = require(store.editionXml(created.id));
    BOOST_TEST(stored.size() == xml.size());
    BOOST_TEST((stored == xml), "the XML bytes changed");
    BOOST_TEST(crypto::sha256Hex(stored) == input.sha256);

    Edition read = require(store.edition(created.id));
    BOOST_TEST(read.sha256 == input.sha256);
    BOOST_TEST(read.size == created.size);
    BOOST_TEST(read.revision == 1);
    BOOST_TEST(read.createdAt == created.createdAt);
    BOOST_TEST(read.updatedAt == created.updatedAt);
}

NUSQA_STORE_CASE(editions_of_orders_by_number_then_language) {
    Store& store = fixture.store();
    Document document = require(store.createDocument(sampleDocument("ҚП 607-2023"), {}));
    Document other = require(store.createDocument(sampleDocument("ҚП 608-2023"), {}));
    BOOST_TEST(require(store.editionsOf(document.id)).empty());
    std::vector<std::pair<int, Language>> order{{2, Language::Russian},
                                                {1, Language::Kazakh},
                                                {2, Language::Kazakh},
                                                {1, Language::Russian},
                                                {3, Language::Kazakh}};
    for (auto [number, language] : order)
        require(store.createEdition(sampleEdition(document.id, number, language, "x"), {}));
    require(store.createEdition(sampleEdition(other.id, 1, Language::Kazakh, "other"), {}));

    std::vector<Edition> editions = require(store.editionsOf(document.id));
    std::vector<std::pair<int, Language>> expected{{1, Language::Kazakh},
                                                   {1, Language::Russian},
                                                   {2, Language::Kazakh},
                                                   {2, Language::Russian},
                                                   {3, Language::Kazakh}};
    BOOST_REQUIRE_EQUAL(editions.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        BOOST_TEST(editions[i].number == expected[i].first);
        BOOST_TEST(editions[i].language == expected[i].second);
        BOOST_TEST(editions[i].documentId == document.id);
    }
}

NUSQA_STORE_CASE(duplicate_edition_is_conflict) {
    Store& store = fixture.store();
    Sample sample = sampleWithDraft(store);
    requireError(
        store.createEdition(sampleEdition(sample.document.id, 1, Language::Kazakh, "b"), {}),
        ErrorCode::Conflict, {"insert edition"});
    // Another language or another document is another edition.
    require(store.createEdition(sampleEdition(sample.document.id, 1, Language::Russian, "c"), {}));
    Document other = require(store.createDocument(sampleDocument("other"), {}));
    require(store.createEdition(sampleEdition(other.id, 1, Language::Kazakh, "d"), {}));
    BOOST_TEST(require(store.editionXml(sample.edition.id)) == sample.xml);
}

NUSQA_STORE_CASE(create_edition_for_missing_document_is_not_found) {
    Store& store = fixture.store();
    requireError(store.createEdition(sampleEdition(424242, 1, Language::Kazakh, "x"), {}),
                 ErrorCode::NotFound, {"document 424242"});
    BOOST_TEST(fixture.countRows("editions") == 0);
}

NUSQA_STORE_CASE(update_draft_replaces_xml_and_bumps_revision) {
    Store& store = fixture.store();
    Sample sample = sampleWithDraft(store);
    std::string second = sampleXml("Екінші нұсқа, ұзынырақ мәтін");
    Edition updated =
        require(store.updateDraft(sample.edition.id, 1, second, crypto::sha256Hex(second), {}));
    BOOST_TEST(updated.id == sample.edition.id);
    BOOST_TEST(updated.revision == 2);
    BOOST_TEST(updated.status == EditionStatus::Draft);
    BOOST_TEST(updated.sha256 == crypto::sha256Hex(second));
    BOOST_TEST(updated.size == static_cast<std::int64_t>(second.size()));
    BOOST_TEST(updated.createdAt == sample.edition.createdAt);
    BOOST_TEST(updated.updatedAt >= sample.edition.updatedAt);
    BOOST_TEST(require(store.editionXml(sample.edition.id)) == second);

    std::string third = awkwardXml();
    BOOST_TEST(require(store.updateDraft(sample.edition.id, 2, third, crypto::sha256Hex(third), {}))
                   .revision == 3);
    BOOST_TEST((require(store.editionXml(sample.edition.id)) == third));
    BOOST_TEST(require(store.edition(sample.edition.id)).revision == 3);
}

// Revision history (issue 13): a draft replaced three times keeps four
// revisions, each byte-exact with its SHA-256 and author; a refused
// replacement (stale, or of an edition that left draft) keeps nothing.
NUSQA_STORE_CASE(every_revision_of_a_draft_is_kept) {
    Store& store = fixture.store();
    Document document = require(store.createDocument(sampleDocument("СМЖ 07.БЕ.51"), {}));
    std::vector<std::string> xmls{sampleXml("Бірінші нұсқа"), sampleXml("Екінші"), awkwardXml(),
                                  sampleXml("Төртінші нұсқа")};
    NewAuditEntry created = auditEntry("edition.create", "");
    created.actorId = 7;
    created.actorLogin = "author7";
    Edition edition = require(
        store.createEdition(sampleEdition(document.id, 1, Language::Kazakh, xmls[0]), {created}));
    for (std::size_t k = 1; k < xmls.size(); ++k) {
        NewAuditEntry update = auditEntry("edition.update", "");
        update.actorId = static_cast<std::int64_t>(10 + k);
        update.actorLogin = "editor" + std::to_string(k);
        require(store.updateDraft(edition.id, static_cast<std::int64_t>(k), xmls[k],
                                  crypto::sha256Hex(xmls[k]), {update}));
    }
    std::string late = sampleXml("late");
    requireError(store.updateDraft(edition.id, 2, late, crypto::sha256Hex(late), {}),
                 ErrorCode::PreconditionFailed, {"revision 4"});

    std::vector<Revision> revisions = require(store.revisions(edition.id));
    BOOST_REQUIRE_EQUAL(revisions.size(), 4u);
    for (std::size_t k = 0; k < revisions.size(); ++k) {
        BOOST_TEST_CONTEXT("revision " << k + 1) {
            const Revision& revision = revisions[k];
            BOOST_TEST(revision.editionId == edition.id);
            BOOST_TEST(revision.number == static_cast<std::int64_t>(k + 1));
            BOOST_TEST(revision.sha256 == crypto::sha256Hex(xmls[k]));
            BOOST_TEST(revision.size == static_cast<std::int64_t>(xmls[k].size()));
            BOOST_TEST(revision.authorId == (k == 0 ? 7 : static_cast<std::int64_t>(10 + k)));
            BOOST_TEST(revision.authorLogin == (k == 0 ? "author7" : "editor" + std::to_string(k)));
            BOOST_TEST(!revision.createdAt.empty());
            RevisionWithXml stored = require(store.revision(edition.id, revision.number));
            BOOST_TEST((stored.xml == xmls[k]));
            BOOST_TEST(stored.revision.sha256 == revision.sha256);
        }
    }
    // The current revision is the edition's.
    BOOST_TEST(require(store.edition(edition.id)).sha256 == revisions.back().sha256);
    requireError(store.revision(edition.id, 5), ErrorCode::NotFound, {"revision 5"});
    requireError(store.revisions(edition.id + 1000), ErrorCode::NotFound, {});

    // An edition out of draft accepts no replacement, so no revision either.
    walk(fixture.storage(), edition.id, {EditionStatus::InAgreement});
    requireError(store.updateDraft(edition.id, 4, late, crypto::sha256Hex(late), {}),
                 ErrorCode::Conflict, {"immutable"});
    BOOST_TEST(require(store.revisions(edition.id)).size() == 4u);
}

NUSQA_STORE_CASE(stale_revision_is_precondition_failed) {
    Store& store = fixture.store();
    Sample sample = sampleWithDraft(store);
    std::string second = sampleXml("2");
    require(store.updateDraft(sample.edition.id, 1, second, crypto::sha256Hex(second), {}));
    std::string late = sampleXml("late");
    requireError(store.updateDraft(sample.edition.id, 1, late, crypto::sha256Hex(late), {}),
                 ErrorCode::PreconditionFailed, {"revision 2"});
    requireError(store.updateDraft(sample.edition.id, 7, late, crypto::sha256Hex(late), {}),
                 ErrorCode::PreconditionFailed, {"revision 2"});
    BOOST_TEST(require(store.editionXml(sample.edition.id)) == second);
    BOOST_TEST(require(store.edition(sample.edition.id)).revision == 2);
}

NUSQA_STORE_CASE(non_draft_is_conflict_and_xml_is_unchanged) {
    Store& store = fixture.store();
    Sample sample = sampleWithDraft(store);
    walk(fixture.storage(), sample.edition.id,
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved});
    Edition approved = require(store.edition(sample.edition.id));
    BOOST_TEST(approved.status == EditionStatus::Approved);
    std::string attempt = sampleXml("changed after approval");
    requireError(store.updateDraft(sample.edition.id, approved.revision, attempt,
                                   crypto::sha256Hex(attempt), {}),
                 ErrorCode::Conflict, {"immutable", "approved"});
    BOOST_TEST(require(store.editionXml(sample.edition.id)) == sample.xml);
    Edition after = require(store.edition(sample.edition.id));
    BOOST_TEST(after.revision == approved.revision);
    BOOST_TEST(after.sha256 == sample.edition.sha256);
}

NUSQA_STORE_CASE(lifecycle_changes_record_each_status) {
    Store& store = fixture.store();
    Sample sample = sampleWithDraft(store);
    for (EditionStatus status :
         {EditionStatus::InAgreement, EditionStatus::Agreed, EditionStatus::Approved,
          EditionStatus::InForce, EditionStatus::InForce, EditionStatus::Superseded,
          EditionStatus::Cancelled, EditionStatus::Draft}) {
        Edition before = require(store.edition(sample.edition.id));
        if (status == EditionStatus::InForce && before.status != EditionStatus::InForce)
            walk(fixture.storage(), sample.edition.id, {status});  // through the in-force record
        else
            require(fixture.storage().lifecycle().apply(
                changeTo(fixture.storage(), sample.edition.id, status)));
        Edition changed = require(store.edition(sample.edition.id));
        BOOST_TEST(changed.status == status);
        BOOST_TEST(require(store.edition(sample.edition.id)).status == status);
    }
    // Back in draft, the compare-and-set works again at the same revision.
    std::string xml = sampleXml("returned to draft");
    BOOST_TEST(require(store.updateDraft(sample.edition.id, 1, xml, crypto::sha256Hex(xml), {}))
                   .revision == 2);
}

NUSQA_STORE_CASE(five_megabyte_xml_round_trips) {
    Store& store = fixture.store();
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document>";
    std::uint32_t state = 12345;
    while (xml.size() < 5 * 1024 * 1024) {
        state = state * 1664525u + 1013904223u;  // deterministic pseudo-random bytes
        xml += static_cast<char>(state >> 24);
        if ((state & 0xff) == 0) xml += "Қазақстан 😀\r\n";
    }
    xml += "</document>\n";
    Sample sample = sampleWithDraft(store, xml);
    BOOST_TEST(sample.edition.size == static_cast<std::int64_t>(xml.size()));
    BOOST_TEST((require(store.editionXml(sample.edition.id)) == xml), "5 MB XML changed");

    std::string reversed(xml.rbegin(), xml.rend());
    require(store.updateDraft(sample.edition.id, 1, reversed, crypto::sha256Hex(reversed), {}));
    std::string stored = require(store.editionXml(sample.edition.id));
    BOOST_TEST((stored == reversed), "updated 5 MB XML changed");
    BOOST_TEST(crypto::sha256Hex(stored) == require(store.edition(sample.edition.id)).sha256);
}
