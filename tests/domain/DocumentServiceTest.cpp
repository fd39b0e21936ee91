// DocumentService's rules, over a Store kept in memory.
#include <boost/test/unit_test.hpp>

#include <map>

#include "domain/DocumentService.h"

using namespace nusqa;

namespace {

// A Store that keeps everything in maps; enough of the contract for the
// service's rules (the real backends have their own contract suite).
class MemoryStore final : public Store {
public:
    Result<int> schemaVersion() override { return 1; }

    Result<Document> createDocument(const NewDocument& input) override {
        for (const auto& [id, document] : documents)
            if (document.code == input.code) return fail(ErrorCode::Conflict, "code taken");
        Document document{nextId++,   input.code,     input.kind, input.title,
                          input.unit, input.language, "t",        "t"};
        documents[document.id] = document;
        return document;
    }
    Result<Document> document(std::int64_t id) override {
        if (!documents.contains(id)) return fail(ErrorCode::NotFound, "no document");
        return documents[id];
    }
    Result<DocumentPage> listDocuments(const DocumentQuery&) override {
        DocumentPage page;
        for (const auto& [id, document] : documents) page.items.push_back(document);
        page.total = static_cast<std::int64_t>(page.items.size());
        return page;
    }
    Result<std::vector<Edition>> editionsOf(std::int64_t documentId) override {
        std::vector<Edition> found;
        for (const auto& [id, edition] : editions)
            if (edition.documentId == documentId) found.push_back(edition);
        return found;
    }
    Result<Edition> createEdition(const NewEdition& input) override {
        for (const auto& [id, edition] : editions)
            if (edition.documentId == input.documentId && edition.number == input.number &&
                edition.language == input.language)
                return fail(ErrorCode::Conflict, "edition exists");
        Edition edition;
        edition.id = nextId++;
        edition.documentId = input.documentId;
        edition.number = input.number;
        edition.language = input.language;
        edition.sha256 = input.sha256;
        editions[edition.id] = edition;
        xml[edition.id] = input.xml;
        return edition;
    }
    Result<Edition> edition(std::int64_t id) override {
        if (!editions.contains(id)) return fail(ErrorCode::NotFound, "no edition");
        return editions[id];
    }
    Result<std::string> editionXml(std::int64_t id) override { return xml.at(id); }
    Result<Edition> updateDraft(std::int64_t id, std::int64_t revision, const std::string& bytes,
                                const std::string& sha256) override {
        Edition& edition = editions.at(id);
        if (edition.revision != revision) return fail(ErrorCode::PreconditionFailed, "stale");
        ++edition.revision;
        edition.sha256 = sha256;
        xml[id] = bytes;
        return edition;
    }
    Result<Edition> setEditionStatus(std::int64_t id, EditionStatus status) override {
        editions.at(id).status = status;
        return editions.at(id);
    }

    std::map<std::int64_t, Document> documents;
    std::map<std::int64_t, Edition> editions;
    std::map<std::int64_t, std::string> xml;
    std::int64_t nextId = 1;
};

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
                            {}};
    }
    Result<std::string> nextEdition(std::string_view text,
                                    const NextEditionFacts& next) const override {
        EditionFacts facts = *inspect(text);
        return facts.code + "|" + std::string(toString(facts.kind)) + "|" +
               std::string(toString(facts.language)) + "|" + std::to_string(next.number);
    }
};

struct ServiceFixture {
    MemoryStore store;
    LineCodec codec;
    DocumentService service{store, codec,
                            [](std::string_view bytes) { return "sha:" + std::string(bytes); }};

    std::int64_t registerDocument(const std::string& code = "СМЖ 07.БЕ.51") {
        return service
            .createDocument({code, DocumentKind::Regulation, "Ереже", "", Language::Kazakh})
            ->id;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(document_fields_are_trimmed_and_checked, ServiceFixture) {
    auto created = service.createDocument(
        {"  ҚП 082-2022 ", DocumentKind::DocumentedProcedure, " Құжаттама ", "", Language::Kazakh});
    BOOST_TEST_REQUIRE(created.has_value());
    BOOST_TEST(created->code == "ҚП 082-2022");
    BOOST_TEST(created->title == "Құжаттама");
    auto blank =
        service.createDocument({" \t", DocumentKind::Regulation, "T", "", Language::Kazakh});
    BOOST_TEST((blank.error().code == ErrorCode::InvalidArgument));
    auto longCode = service.createDocument(
        {std::string(191, 'x'), DocumentKind::Regulation, "T", "", Language::Kazakh});
    BOOST_TEST((longCode.error().code == ErrorCode::InvalidArgument));
    DocumentQuery noRows;
    noRows.limit = 0;
    BOOST_TEST((service.listDocuments(noRows).error().code == ErrorCode::InvalidArgument));
}

BOOST_FIXTURE_TEST_CASE(edition_must_match_its_document, ServiceFixture) {
    std::int64_t id = registerDocument();
    BOOST_TEST(service.addEdition(id, "СМЖ 07.БЕ.51|regulation|kk|1").has_value());
    auto otherCode = service.addEdition(id, "OTHER|regulation|kk|2");
    BOOST_TEST((otherCode.error().code == ErrorCode::InvalidDocument));
    auto otherKind = service.addEdition(id, "СМЖ 07.БЕ.51|work_instruction|kk|2");
    BOOST_TEST((otherKind.error().code == ErrorCode::InvalidDocument));
    auto invalid = service.addEdition(id, "bad");
    BOOST_TEST_REQUIRE(!invalid.has_value());
    BOOST_TEST(invalid.error().details.at(0).line == 3);
    BOOST_TEST((service.addEdition(999, "x|regulation|kk|1").error().code == ErrorCode::NotFound));
}

BOOST_FIXTURE_TEST_CASE(draft_update_rules, ServiceFixture) {
    std::int64_t id = registerDocument();
    Edition edition = *service.addEdition(id, "СМЖ 07.БЕ.51|regulation|kk|1");
    BOOST_TEST((service.updateDraft(edition.id, std::nullopt, "СМЖ 07.БЕ.51|regulation|kk|1")
                    .error()
                    .code == ErrorCode::PreconditionRequired));
    BOOST_TEST((service.updateDraft(edition.id, 1, "СМЖ 07.БЕ.51|regulation|kk|2").error().code ==
                ErrorCode::InvalidDocument));
    BOOST_TEST((service.updateDraft(edition.id, 1, "СМЖ 07.БЕ.51|regulation|ru|1").error().code ==
                ErrorCode::InvalidDocument));
    auto updated = service.updateDraft(edition.id, 1, "СМЖ 07.БЕ.51|regulation|kk|1");
    BOOST_TEST_REQUIRE(updated.has_value());
    BOOST_TEST(updated->revision == 2);
    BOOST_TEST_REQUIRE(store.setEditionStatus(edition.id, EditionStatus::Approved).has_value());
    auto frozen = service.updateDraft(edition.id, 2, "СМЖ 07.БЕ.51|regulation|kk|1");
    BOOST_TEST((frozen.error().code == ErrorCode::Conflict));
    BOOST_TEST(frozen.error().message.find("approved") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(next_edition_follows_the_latest, ServiceFixture) {
    std::int64_t id = registerDocument();
    BOOST_TEST((service.nextEdition(id).error().code == ErrorCode::NotFound));
    Edition first = *service.addEdition(id, "СМЖ 07.БЕ.51|regulation|kk|1");
    BOOST_TEST((service.nextEdition(id).error().code == ErrorCode::Conflict));
    BOOST_TEST_REQUIRE(store.setEditionStatus(first.id, EditionStatus::InForce).has_value());
    auto second = service.nextEdition(id);
    BOOST_TEST_REQUIRE(second.has_value());
    BOOST_TEST(second->number == 2);
    BOOST_TEST(second->sha256 == "sha:СМЖ 07.БЕ.51|regulation|kk|2");
    BOOST_TEST((second->status == EditionStatus::Draft));
}
