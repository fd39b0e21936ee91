// The change registration sheet drafted from a comparison and the typed
// records checked against it (done-when 3 of issue 13, in the domain).
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "domain/ChangeRecords.h"
#include "domain/ComparisonSupport.h"
#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

using namespace compare;
using content::ChangeKind;

Comparison coworkingPair() {
    return compareEditions(readContent(fixture("000-wkatu-coworking.xml")),
                           readContent(fixture("compare/000-edited.xml")));
}

// What the quality office types from the proposals (targets and locations
// as proposed).
std::vector<content::ChangeRecord> typedFrom(const std::vector<ProposedRecord>& proposals) {
    std::vector<content::ChangeRecord> out;
    for (std::size_t k = 0; k < proposals.size(); ++k) {
        content::ChangeRecord record;
        record.eId = "chg_" + std::to_string(k + 1);
        record.num = std::to_string(k + 1);
        record.location = proposals[k].location;
        record.target = proposals[k].target;
        record.kind = proposals[k].kind;
        record.entered = "2025-01-10";
        record.person = {"", "А. Б. Есенаманова"};
        out.push_back(record);
    }
    return out;
}

content::ChangeRecord typed(const std::string& location, const std::string& target,
                            ChangeKind kind) {
    content::ChangeRecord record;
    record.eId = "chg_x";
    record.num = "1";
    record.location = location;
    record.target = target;
    record.kind = kind;
    return record;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(change_records)

BOOST_AUTO_TEST_CASE(the_000_pair_proposes_the_six_records) {
    Comparison comparison = coworkingPair();
    std::vector<ProposedRecord> proposals = proposeChangeRecords(comparison);
    BOOST_REQUIRE_EQUAL(proposals.size(), 6u);
    struct Expected {
        std::string location;
        std::string target;
        ChangeKind kind;
    };
    std::vector<Expected> expected{
        {"1.2-тармақ", "chp_1__cl_1_2", ChangeKind::Replace},
        {"3.1-тармақ", "chp_3__cl_new_1", ChangeKind::Add},
        {"3.2-тармақ", "chp_3__cl_3_1", ChangeKind::Replace},
        {"3.3-тармақ", "chp_3__cl_3_2", ChangeKind::Replace},
        {"5.3-тармақ", "chp_5__cl_5_3", ChangeKind::Delete},
        {"6-тарау, 1-жол", "chp_6__ref_7", ChangeKind::Replace},
    };
    for (std::size_t k = 0; k < expected.size(); ++k) {
        BOOST_TEST_CONTEXT("record " << k) {
            BOOST_TEST(proposals[k].location == expected[k].location);
            BOOST_TEST(proposals[k].target == expected[k].target);
            BOOST_TEST((proposals[k].kind == expected[k].kind));
            BOOST_TEST(proposals[k].change == k);
        }
    }
}

BOOST_AUTO_TEST_CASE(locations_in_russian) {
    content::Content a = readContent(fixture("000-wkatu-coworking.xml"));
    content::Content b = readContent(fixture("compare/000-edited.xml"));
    b.meta.language = Language::Russian;
    Comparison comparison = compareEditions(a, b);
    std::vector<ProposedRecord> proposals = proposeChangeRecords(comparison);
    BOOST_REQUIRE_EQUAL(proposals.size(), 6u);
    BOOST_TEST(proposals[0].location == "пункт 1.2");
    BOOST_TEST(proposals[5].location == "глава 6, строка 1");
    BOOST_REQUIRE_EQUAL(comparison.meta.size(), 1u);  // the language itself
}

BOOST_AUTO_TEST_CASE(relative_numbers_name_their_parent) {
    Place place;
    place.path = {{ElementKind::Chapter, "chp_2", "2 Тарау.", "Міндеттері", 2},
                  {ElementKind::Clause, "cl_15", "15.", "", 3},
                  {ElementKind::Subclause, "cl_15__sub_4", "4)", "", 4},
                  {ElementKind::List, "cl_15__sub_4__list_1", "", "", 1},
                  {ElementKind::Item, "cl_15__sub_4__list_1__item_2", "·", "", 2}};
    BOOST_TEST(locationText(place, Language::Kazakh) == "15-тармақ, 4) тармақша, 2-тармақша");
    BOOST_TEST(locationText(place, Language::Russian) == "пункт 15, подпункт 4), подпункт 2");
    place.path.resize(1);
    BOOST_TEST(locationText(place, Language::Kazakh) == "2 Тарау.");
    Place annex;
    annex.path = {{ElementKind::Annex, "annex_a", "А-қосымшасы", "", 1},
                  {ElementKind::P, "", "", "", 2}};
    BOOST_TEST(locationText(annex, Language::Kazakh) == "А-қосымшасы, 2-абзац");
}

BOOST_AUTO_TEST_CASE(records_typed_as_proposed_are_consistent) {
    Comparison comparison = coworkingPair();
    RecordCheck check = checkChangeRecords(comparison, typedFrom(proposeChangeRecords(comparison)));
    BOOST_TEST(check.consistent());
}

BOOST_AUTO_TEST_CASE(an_omitted_record_is_named) {
    Comparison comparison = coworkingPair();
    std::vector<content::ChangeRecord> records = typedFrom(proposeChangeRecords(comparison));
    records.erase(records.begin() + 4);  // the deletion of 5.3
    RecordCheck check = checkChangeRecords(comparison, records);
    BOOST_TEST(!check.consistent());
    BOOST_REQUIRE_EQUAL(check.unrecorded.size(), 1u);
    BOOST_TEST(check.unrecorded[0].location == "5.3-тармақ");
    BOOST_TEST(check.unrecorded[0].target == "chp_5__cl_5_3");
    BOOST_TEST((check.unrecorded[0].kind == ChangeKind::Delete));
    BOOST_TEST(check.unfounded.empty());
    BOOST_TEST(check.wrongKind.empty());
}

BOOST_AUTO_TEST_CASE(a_record_of_an_unchanged_clause_is_unfounded) {
    Comparison comparison = coworkingPair();
    std::vector<content::ChangeRecord> records = typedFrom(proposeChangeRecords(comparison));
    records.push_back(typed("2.1-тармақ", "chp_2__cl_2_1", ChangeKind::Replace));
    records.push_back(typed("9-тармақ", "", ChangeKind::Delete));
    RecordCheck check = checkChangeRecords(comparison, records);
    BOOST_TEST((check.unfounded == std::vector<std::size_t>{6, 7}));
    BOOST_TEST(check.unrecorded.empty());
}

BOOST_AUTO_TEST_CASE(a_record_of_the_wrong_kind_is_reported) {
    Comparison comparison = coworkingPair();
    std::vector<content::ChangeRecord> records = typedFrom(proposeChangeRecords(comparison));
    records[4].kind = ChangeKind::Add;  // 5.3 was deleted
    RecordCheck check = checkChangeRecords(comparison, records);
    BOOST_REQUIRE_EQUAL(check.wrongKind.size(), 1u);
    BOOST_TEST(check.wrongKind[0].record == 4u);
    BOOST_TEST((check.wrongKind[0].expected == ChangeKind::Delete));
    BOOST_TEST(check.unrecorded.empty());
}

BOOST_AUTO_TEST_CASE(records_without_target_match_by_the_numbers_of_their_location) {
    Comparison comparison = coworkingPair();
    std::vector<content::ChangeRecord> records{
        typed("1.2-тармақ", "", ChangeKind::Replace),
        typed("п. 3.1", "", ChangeKind::Add),
        typed("3.2, 3.3-тармақтар", "", ChangeKind::Replace),
        typed("5.3-тармақ", "", ChangeKind::Delete),
        typed("6-тарау", "", ChangeKind::Replace),
    };
    RecordCheck check = checkChangeRecords(comparison, records);
    BOOST_TEST(check.consistent());
}

BOOST_AUTO_TEST_CASE(a_record_on_a_chapter_covers_the_changes_inside_it) {
    Comparison comparison = coworkingPair();
    std::vector<content::ChangeRecord> records{
        typed("1-тарау", "chp_1", ChangeKind::Replace),
        typed("3-тарау", "chp_3", ChangeKind::Replace),
        typed("5-тарау", "chp_5", ChangeKind::Replace),
    };
    RecordCheck check = checkChangeRecords(comparison, records);
    BOOST_REQUIRE_EQUAL(check.unrecorded.size(), 1u);
    BOOST_TEST(check.unrecorded[0].target == "chp_6__ref_7");
    BOOST_TEST(check.unfounded.empty());
    BOOST_TEST(check.wrongKind.empty());  // a record on a parent is not checked for its kind
}

BOOST_AUTO_TEST_CASE(a_record_of_a_subclause_deleted_with_its_clause_is_founded) {
    content::Content a = readContent(fixture("000-wkatu-coworking.xml"));
    content::Content b = a;
    auto& children = division(b, "chp_2").children;
    children.erase(children.begin() + 1);
    Comparison comparison = compareEditions(a, b);
    RecordCheck check = checkChangeRecords(
        comparison, {typed("2.2.2-тармақша", "chp_2__cl_2_2__sub_2_2_2", ChangeKind::Delete)});
    BOOST_TEST(check.unfounded.empty());
    BOOST_TEST(check.unrecorded.empty());
}

BOOST_AUTO_TEST_CASE(change_records_and_formatting_need_no_record) {
    content::Content a = readContent(fixture("all-elements.xml"));
    content::Content b = a;
    content::ChangeRecord record = b.changes.back();
    record.eId = "chg_4";
    record.num = "4";
    b.changes.push_back(record);
    content::Paragraph& intro = std::get<content::Paragraph>(b.body.front().value);
    intro.text[1].bold = false;  // «барлық» no longer bold
    Comparison comparison = compareEditions(a, b);
    BOOST_TEST_MESSAGE(describe(comparison));
    BOOST_REQUIRE_EQUAL(comparison.elements.size(), 2u);
    BOOST_TEST(proposeChangeRecords(comparison).empty());
    BOOST_TEST(checkChangeRecords(comparison, {}).consistent());
    std::vector<content::ChangeRecord> fresh = newChangeRecords(a, b);
    BOOST_REQUIRE_EQUAL(fresh.size(), 1u);
    BOOST_TEST(fresh[0].eId == "chg_4");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
