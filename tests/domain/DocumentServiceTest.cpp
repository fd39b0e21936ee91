// DocumentService's rules, over the ports kept in memory
// (tests/support/memory): the checks, the authorization of the actor, and
// the audit entry committed with each change.
#include <boost/test/unit_test.hpp>

#include "domain/DocumentService.h"
#include "support/StatusChange.h"
#include "support/memory/MemoryStorage.h"

using namespace nusqa;
using nusqa::test::changeStatus;

namespace {

// Reads "CODE|kind|lang|number" instead of XML; "bad" is invalid.
class LineCodec final : public EditionCodec {
public:
    Result<EditionFacts> inspect(std::string_view text) const override {
        if (text == "bad") return fail(ErrorCode::InvalidDocument, "bad", {{3, 7, "broken"}});
        std::vector<std::string> parts;
        std::string part;
        for (char c : text) {
            if (c == '|') {
                parts.push_back(part);
                part.clear();
            } else {
                part += c;
            }
        }
        parts.push_back(part);
        return EditionFacts{parts.at(0),
                            *parseDocumentKind(parts.at(1)),
                            "title",
                            *parseLanguage(parts.at(2)),
                            std::stoi(parts.at(3)),
                            {},
                            {}};
    }
    Result<std::string> nextEdition(std::string_view text,
                                    const NextEditionFacts& next) const override {
        EditionFacts facts = *inspect(text);
        return facts.code + "|" + std::string(toString(facts.kind)) + "|" +
               std::string(toString(facts.language)) + "|" + std::to_string(next.number);
    }
};

User userWith(std::int64_t id, const std::string& login, Role role) {
    User user;
    user.id = id;
    user.login = login;
    user.roles = {role};
    return user;
}

struct ServiceFixture {
    test::MemoryStorage storage;
    Store& store = storage.documents();
    LineCodec codec;
    ManualClock clock{epochOf("2026-03-02T09:00:00Z").value()};
    DocumentService service{
        store, codec, [](std::string_view bytes) { return "sha:" + std::string(bytes); }, clock};
    User office = userWith(1, "office", Role::QualityOffice);

    std::int64_t registerDocument(const std::string& code = "СМЖ 07.БЕ.51") {
        return service
            .createDocument(office, {code, DocumentKind::Regulation, "Ереже", "", Language::Kazakh})
            ->id;
    }
    std::vector<AuditEntry> audit() { return storage.audit().listAudit(AuditQuery{})->items; }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(document_fields_are_trimmed_and_checked, ServiceFixture) {
    auto created = service.createDocument(
        office,
        {"  ҚП 082-2022 ", DocumentKind::DocumentedProcedure, " Құжаттама ", "", Language::Kazakh});
    BOOST_TEST_REQUIRE(created.has_value());
    BOOST_TEST(created->code == "ҚП 082-2022");
    BOOST_TEST(created->title == "Құжаттама");
    auto blank = service.createDocument(
        office, {" \t", DocumentKind::Regulation, "T", "", Language::Kazakh});
    BOOST_TEST((blank.error().code == ErrorCode::InvalidArgument));
    auto longCode = service.createDocument(
        office, {std::string(191, 'x'), DocumentKind::Regulation, "T", "", Language::Kazakh});
    BOOST_TEST((longCode.error().code == ErrorCode::InvalidArgument));
    DocumentQuery noRows;
    noRows.limit = 0;
    BOOST_TEST((service.listDocuments(office, noRows).error().code == ErrorCode::InvalidArgument));
}

BOOST_FIXTURE_TEST_CASE(edition_must_match_its_document, ServiceFixture) {
    std::int64_t id = registerDocument();
    BOOST_TEST(service.addEdition(office, id, "СМЖ 07.БЕ.51|regulation|kk|1").has_value());
    auto otherCode = service.addEdition(office, id, "OTHER|regulation|kk|2");
    BOOST_TEST((otherCode.error().code == ErrorCode::InvalidDocument));
    auto otherKind = service.addEdition(office, id, "СМЖ 07.БЕ.51|work_instruction|kk|2");
    BOOST_TEST((otherKind.error().code == ErrorCode::InvalidDocument));
    auto invalid = service.addEdition(office, id, "bad");
    BOOST_TEST_REQUIRE(!invalid.has_value());
    BOOST_TEST(invalid.error().details.at(0).line == 3);
    BOOST_TEST(
        (service.addEdition(office, 999, "x|regulation|kk|1").error().code == ErrorCode::NotFound));
}

BOOST_FIXTURE_TEST_CASE(draft_update_rules, ServiceFixture) {
    std::int64_t id = registerDocument();
    Edition edition = *service.addEdition(office, id, "СМЖ 07.БЕ.51|regulation|kk|1");
    BOOST_TEST(
        (service.updateDraft(office, edition.id, std::nullopt, "СМЖ 07.БЕ.51|regulation|kk|1")
             .error()
             .code == ErrorCode::PreconditionRequired));
    BOOST_TEST(
        (service.updateDraft(office, edition.id, 1, "СМЖ 07.БЕ.51|regulation|kk|2").error().code ==
         ErrorCode::InvalidDocument));
    BOOST_TEST(
        (service.updateDraft(office, edition.id, 1, "СМЖ 07.БЕ.51|regulation|ru|1").error().code ==
         ErrorCode::InvalidDocument));
    auto updated = service.updateDraft(office, edition.id, 1, "СМЖ 07.БЕ.51|regulation|kk|1");
    BOOST_TEST_REQUIRE(updated.has_value());
    BOOST_TEST(updated->revision == 2);
    BOOST_TEST_REQUIRE(
        changeStatus(storage.lifecycle(), edition.id, EditionStatus::Approved).has_value());
    auto frozen = service.updateDraft(office, edition.id, 2, "СМЖ 07.БЕ.51|regulation|kk|1");
    BOOST_TEST((frozen.error().code == ErrorCode::Conflict));
    BOOST_TEST(frozen.error().message.find("approved") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(next_edition_follows_the_latest, ServiceFixture) {
    std::int64_t id = registerDocument();
    BOOST_TEST((service.nextEdition(office, id).error().code == ErrorCode::NotFound));
    Edition first = *service.addEdition(office, id, "СМЖ 07.БЕ.51|regulation|kk|1");
    BOOST_TEST((service.nextEdition(office, id).error().code == ErrorCode::Conflict));
    BOOST_TEST_REQUIRE(
        changeStatus(storage.lifecycle(), first.id, EditionStatus::InForce).has_value());
    auto second = service.nextEdition(office, id);
    BOOST_TEST_REQUIRE(second.has_value());
    BOOST_TEST(second->number == 2);
    BOOST_TEST(second->sha256 == "sha:СМЖ 07.БЕ.51|regulation|kk|2");
    BOOST_TEST((second->status == EditionStatus::Draft));
}

BOOST_FIXTURE_TEST_CASE(only_the_table_s_roles_may_read_and_edit, ServiceFixture) {
    std::int64_t id = registerDocument();
    User employee = userWith(2, "employee", Role::Employee);
    User admin = userWith(3, "admin", Role::Admin);
    User author = userWith(4, "author", Role::Author);
    NewDocument another{"ЖН-01", DocumentKind::WorkInstruction, "Нұсқаулық", "", Language::Kazakh};
    BOOST_TEST((service.createDocument(employee, another).error().code == ErrorCode::Forbidden));
    BOOST_TEST((service.createDocument(admin, another).error().code == ErrorCode::Forbidden));
    BOOST_TEST((service.addEdition(employee, id, "СМЖ 07.БЕ.51|regulation|kk|1").error().code ==
                ErrorCode::Forbidden));
    BOOST_TEST((service.nextEdition(employee, id).error().code == ErrorCode::Forbidden));
    Edition edition = *service.addEdition(author, id, "СМЖ 07.БЕ.51|regulation|kk|1");
    BOOST_TEST((
        service.updateDraft(employee, edition.id, 1, "СМЖ 07.БЕ.51|regulation|kk|1").error().code ==
        ErrorCode::Forbidden));
    // Reading is for every role of the table.
    BOOST_TEST(service.document(employee, id).has_value());
    BOOST_TEST(service.editionWithXml(admin, edition.id).has_value());
    BOOST_TEST(service.listDocuments(employee, DocumentQuery{}).has_value());
    // A deactivated account may do nothing.
    User gone = userWith(5, "gone", Role::QualityOffice);
    gone.active = false;
    BOOST_TEST((service.document(gone, id).error().code == ErrorCode::Forbidden));
    // Refused acts wrote nothing: one document, one edition, two entries.
    BOOST_TEST(storage.database().count("documents") == 1);
    BOOST_TEST(storage.database().count("editions") == 1);
    BOOST_TEST(audit().size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(every_change_is_committed_with_its_audit_entry, ServiceFixture) {
    std::int64_t id = registerDocument();
    Provenance fromFile{"the command line (nusqa import --bulk)", "000.txt"};
    Edition edition = *service.addEdition(office, id, "СМЖ 07.БЕ.51|regulation|kk|1", fromFile);
    Edition updated = *service.updateDraft(office, edition.id, 1, "СМЖ 07.БЕ.51|regulation|kk|1");
    BOOST_TEST_REQUIRE(
        changeStatus(storage.lifecycle(), edition.id, EditionStatus::InForce).has_value());
    Edition next = *service.nextEdition(office, id);
    std::vector<AuditEntry> entries = audit();
    BOOST_TEST_REQUIRE(entries.size() == 4u);
    const NewAuditEntry& created = entries[0].entry;
    BOOST_TEST(created.action == "document.create");
    BOOST_TEST(created.objectType == "document");
    BOOST_TEST(created.objectId == std::to_string(id));  // filled in by the store
    BOOST_TEST(created.actorLogin == "office");
    BOOST_TEST(created.actorId == 1);
    BOOST_TEST(created.at == "2026-03-02T09:00:00Z");
    BOOST_TEST(created.details.find("via the API") != std::string::npos, created.details);
    const NewAuditEntry& added = entries[1].entry;
    BOOST_TEST(added.action == "edition.create");
    BOOST_TEST(added.objectId == std::to_string(edition.id));
    BOOST_TEST(added.details.find("via the command line (nusqa import --bulk), file 000.txt") !=
                   std::string::npos,
               added.details);
    const NewAuditEntry& update = entries[2].entry;
    BOOST_TEST(update.action == "edition.update");
    BOOST_TEST(update.objectId == std::to_string(edition.id));
    BOOST_TEST(update.details.find("revision 1 -> 2, sha256 " + edition.sha256 + " -> " +
                                   updated.sha256) != std::string::npos,
               update.details);
    BOOST_TEST(entries[3].entry.action == "edition.create_next");
    BOOST_TEST(entries[3].entry.objectId == std::to_string(next.id));
    BOOST_TEST(storage.audit().verifyAudit()->intact);
}

BOOST_FIXTURE_TEST_CASE(a_failed_write_leaves_neither_change_nor_entry, ServiceFixture) {
    std::int64_t id = registerDocument();
    int failures = 0;
    for (int n = 0; n < 20; ++n) {
        storage.database().failStepAfter(n);
        auto added = service.addEdition(office, id, "СМЖ 07.БЕ.51|regulation|kk|1");
        storage.database().failStepAfter(-1);
        if (added) break;
        ++failures;
        BOOST_TEST_REQUIRE(storage.database().count("editions") == 0);
        BOOST_TEST_REQUIRE(audit().size() == 1u);
    }
    BOOST_TEST(failures >= 4);
    BOOST_TEST(audit().size() == 2u);
}
