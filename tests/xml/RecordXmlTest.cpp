// The records' XML (xml/RecordXml.h, schemas/records.xsd): every part of an
// agreement sheet and a familiarization log written and read back, the same
// bytes for the same record, valid against the schema; a DOCTYPE, another
// root and a broken value refused.
#include <boost/test/unit_test.hpp>

#include "xml/RecordXml.h"

using namespace nusqa;

namespace {

const std::string kSha(64, 'a');

RecordSignature signature(std::int64_t id, SignatureMeaning meaning) {
    return RecordSignature{id,          7,       "Ахметов Б. С. <&>",
                           "Проректор", meaning, "2026-12-06T09:30:00Z",
                           2,           kSha,    "ескерту \"1\"\nекінші жол"};
}

AgreementSheetRecord sampleSheet() {
    AgreementSheetRecord sheet;
    sheet.header = {
        5, 2, Language::Kazakh, "СМЖ 07.БЕ.51", 3, std::string(64, 'b'), "2026-12-06T09:31:00Z"};
    RecordRound round;
    round.number = 1;
    round.prepared = signature(10, SignatureMeaning::Prepared);
    RecordStep agreed{
        1,
        StepKind::Agree,
        RecordPerson{7, "approver1", "Ахметов Б. С.", "Ахметов Б. С.", "Проректор", "", "", ""},
        "agreed",
        "2026-12-06T09:30:00Z",
        "келісемін",
        signature(11, SignatureMeaning::Agreed)};
    RecordStep pending{
        2,
        StepKind::Sign,
        RecordPerson{8, "rector", "Наметов А. М.", "Наметов А. М.", "Ректор", "Ректор", "", ""},
        "",
        "",
        "",
        std::nullopt};
    round.steps = {agreed, pending};
    sheet.rounds.push_back(round);
    sheet.paper = RecordPaperFacts{
        PaperApproval{"Ректор", "Наметов А. М.", "№13", "2019-08-14", "2019-08-14", "2019-09-01"},
        3,
        "office",
        "Сапа бөлімі",
        "2026-12-06T09:00:00Z",
        "a.docx"};
    return sheet;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(record_xml)

BOOST_AUTO_TEST_CASE(an_agreement_sheet_round_trips_valid_and_canonical) {
    const RecordXml codec;
    const AgreementSheetRecord sheet = sampleSheet();
    const std::string bytes = codec.write(sheet);
    BOOST_TEST(bytes.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<agreementSheet"));
    BOOST_TEST(bytes.find("<!DOCTYPE") == std::string::npos);
    BOOST_TEST(bytes.find("xmlns=\"urn:nusqa:records:1\"") != std::string::npos);
    auto valid = codec.validate(bytes);
    BOOST_TEST(valid.has_value(), (valid ? "" : valid.error().message));
    BOOST_TEST(codec.write(sampleSheet()) == bytes);  // the same record, the same bytes

    auto read = codec.readAgreementSheet(bytes);
    BOOST_TEST_REQUIRE(read.has_value(), read.error().message);
    BOOST_TEST(read->header.version == 3);
    BOOST_TEST(read->header.previousSha256 == std::string(64, 'b'));
    BOOST_TEST(read->header.documentCode == "СМЖ 07.БЕ.51");
    BOOST_TEST_REQUIRE(read->rounds.size() == 1u);
    const RecordRound& round = read->rounds[0];
    BOOST_TEST_REQUIRE(round.prepared.has_value());
    BOOST_TEST(round.prepared->id == 10);
    BOOST_TEST_REQUIRE(round.steps.size() == 2u);
    BOOST_TEST(round.steps[0].person.login == "approver1");
    BOOST_TEST(round.steps[0].decision == "agreed");
    BOOST_TEST(round.steps[0].comment == "келісемін");
    BOOST_TEST_REQUIRE(round.steps[0].signature.has_value());
    BOOST_TEST(round.steps[0].signature->fullName == "Ахметов Б. С. <&>");
    BOOST_TEST(round.steps[0].signature->comment == "ескерту \"1\"\nекінші жол");
    BOOST_TEST(round.steps[0].signature->editionRevision == 2);
    BOOST_TEST(round.steps[0].signature->editionSha256 == kSha);
    BOOST_TEST((round.steps[1].kind == StepKind::Sign));
    BOOST_TEST(!round.steps[1].signature.has_value());
    BOOST_TEST(round.steps[1].person.positionRu == "Ректор");
    BOOST_TEST_REQUIRE(read->paper.has_value());
    BOOST_TEST(read->paper->approval.decision == "№13");
    BOOST_TEST(read->paper->registeredByName == "Сапа бөлімі");
    BOOST_TEST(read->paper->registeredByLogin == "office");
    BOOST_TEST(codec.write(*read) == bytes);  // what was read writes the same bytes
}

BOOST_AUTO_TEST_CASE(a_familiarization_log_round_trips_and_version_one_names_no_previous) {
    const RecordXml codec;
    FamiliarizationLogRecord log;
    log.header = {9, 1, Language::Russian, "ҚП 082-2022", 1, "", "2026-12-06T10:00:00Z"};
    log.assignments.push_back(
        RecordAssignment{RecordPerson{20, "emp01", "Қызметкер-01", "Сотрудник-01", "Оқытушы",
                                      "Преподаватель", "Кафедра", "Кафедра"},
                         "2026-12-06T10:00:00Z", "2026-12-16"});
    log.signatures.push_back(signature(30, SignatureMeaning::Familiarized));
    const std::string bytes = codec.write(log);
    BOOST_TEST(bytes.find("previousSha256") == std::string::npos);
    auto valid = codec.validate(bytes);
    BOOST_TEST(valid.has_value(), (valid ? "" : valid.error().message));
    auto read = codec.readFamiliarizationLog(bytes);
    BOOST_TEST_REQUIRE(read.has_value(), read.error().message);
    BOOST_TEST((read->header.language == Language::Russian));
    BOOST_TEST_REQUIRE(read->assignments.size() == 1u);
    BOOST_TEST(read->assignments[0].person.unitRu == "Кафедра");
    BOOST_TEST(read->assignments[0].dueDate == "2026-12-16");
    BOOST_TEST_REQUIRE(read->signatures.size() == 1u);
    BOOST_TEST((read->signatures[0].meaning == SignatureMeaning::Familiarized));
    BOOST_TEST(codec.write(*read) == bytes);
    // The other kind's reader refuses it.
    BOOST_TEST(!codec.readAgreementSheet(bytes).has_value());
}

BOOST_AUTO_TEST_CASE(refuses_a_doctype_a_broken_hash_and_a_changed_schema_version) {
    const RecordXml codec;
    const std::string bytes = codec.write(sampleSheet());
    std::string doctype = bytes;
    doctype.insert(doctype.find('\n') + 1, "<!DOCTYPE agreementSheet [<!ENTITY e \"x\">]>\n");
    BOOST_TEST(!codec.validate(doctype).has_value());
    std::string badHash = bytes;
    badHash.replace(badHash.find(kSha), 1, "G");
    BOOST_TEST(!codec.validate(badHash).has_value());
    std::string changed = bytes;
    changed.replace(changed.find("schemaVersion=\"1\""), 17, "schemaVersion=\"2\"");
    auto refused = codec.readAgreementSheet(changed);
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST((refused.error().code == ErrorCode::InvalidDocument));
}

BOOST_AUTO_TEST_SUITE_END()
