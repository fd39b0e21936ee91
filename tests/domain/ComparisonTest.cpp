// The comparison of two editions by eId: the 000 fixture against its edited
// copy (done-when 1 of issue 13), every fixture against itself, regenerated
// eIds, formatting, cells, moves, nested deletions, rows without eId and
// the metadata.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "compare/RandomEdits.h"
#include "domain/Comparison.h"
#include "domain/ComparisonSupport.h"
#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

using namespace compare;

content::Content coworking() {
    return readContent(fixture("000-wkatu-coworking.xml"));
}
content::Content coworkingEdited() {
    return readContent(fixture("compare/000-edited.xml"));
}

std::string joinedRuns(const std::vector<WordRun>& runs, RunKind kind) {
    std::string out;
    for (const WordRun& run : runs)
        if (run.kind == kind) out += run.text;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    while (!out.empty() && out.front() == ' ') out.erase(0, 1);
    return out;
}

std::vector<std::string> nums(const Place& place) {
    std::vector<std::string> out;
    for (const PathStep& step : place.path) out.push_back(step.num);
    return out;
}

content::Paragraph& firstParagraph(content::Division& division) {
    for (content::Block& block : division.children)
        if (auto* paragraph = std::get_if<content::Paragraph>(&block.value)) return *paragraph;
    throw std::runtime_error("no paragraph in " + division.eId);
}

// The text of the first paragraph of each cell of a row.
std::string& cellText(content::Row& row, std::size_t cell) {
    return std::get<content::Paragraph>(row.cells.at(cell).blocks.at(0).value).text.at(0).text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(comparison)

BOOST_AUTO_TEST_CASE(the_000_pair_reports_exactly_the_six_changes) {
    Comparison comparison = compareEditions(coworking(), coworkingEdited());
    BOOST_TEST_MESSAGE(describe(comparison));
    BOOST_TEST(comparison.meta.empty());
    BOOST_REQUIRE_EQUAL(comparison.elements.size(), 6u);
    const std::vector<ElementChange>& changes = comparison.elements;

    struct Expected {
        ElementKind kind;
        std::string eId;
        ChangeType type;
        std::string before;  // num in a, "-" when absent
        std::string after;   // num in b
    };
    std::vector<Expected> expected{
        {ElementKind::Clause, "chp_1__cl_1_2", ChangeType::TextChanged, "1.2.", "1.2."},
        {ElementKind::Clause, "chp_3__cl_new_1", ChangeType::Added, "-", "3.1."},
        {ElementKind::Clause, "chp_3__cl_3_1", ChangeType::Renumbered, "3.1.", "3.2."},
        {ElementKind::Clause, "chp_3__cl_3_2", ChangeType::Renumbered, "3.2.", "3.3."},
        {ElementKind::Clause, "chp_5__cl_5_3", ChangeType::Deleted, "5.3.", "-"},
        {ElementKind::Entry, "chp_6__ref_7", ChangeType::Moved, "", ""},
    };
    for (std::size_t k = 0; k < expected.size(); ++k) {
        BOOST_TEST_CONTEXT("change " << k << ": " << expected[k].eId) {
            const ElementChange& change = changes[k];
            BOOST_TEST(change.eId() == expected[k].eId);
            BOOST_TEST((change.kind == expected[k].kind));
            BOOST_TEST((change.changes == std::vector<ChangeType>{expected[k].type}));
            BOOST_TEST((change.before ? change.before->num : "-") == expected[k].before);
            BOOST_TEST((change.after ? change.after->num : "-") == expected[k].after);
        }
    }

    // The reworded clause: the word diff of its text.
    const ElementChange& reworded = changes[0];
    BOOST_REQUIRE_EQUAL(reworded.texts.size(), 1u);
    BOOST_TEST(reworded.texts[0].part == "text");
    BOOST_TEST(joinedRuns(reworded.texts[0].words, RunKind::Deleted) == "қолайлы жұмыс жасауда");
    BOOST_TEST(joinedRuns(reworded.texts[0].words, RunKind::Inserted) == "тәулік бойы");
    BOOST_TEST(reworded.matchedBy == MatchedBy::EId);

    // Where each stands: the numbers (and headings) of the path.
    BOOST_TEST(nums(*changes[1].after) == (std::vector<std::string>{"3.", "3.1."}),
               boost::test_tools::per_element());
    BOOST_TEST(changes[1].after->path[0].heading == "Коворкинг орталығын басқару");
    BOOST_TEST(changes[1].text ==
               "3.1. Орталықтың жылдық жоспарын университеттің жастар саясаты жөніндегі проректоры "
               "бекітеді;");
    BOOST_TEST(nums(*changes[4].before) == (std::vector<std::string>{"5.", "5.3."}),
               boost::test_tools::per_element());
    BOOST_TEST(changes[4].text.starts_with("5.3. Келушілер тазалықты сақтап"));
    BOOST_TEST(changes[5].before->position == 7);
    BOOST_TEST(changes[5].after->position == 1);
    BOOST_TEST(changes[5].after->path[0].num == "6.");
    BOOST_TEST((changes[5].after->path[1].kind == ElementKind::EntryList));
}

BOOST_AUTO_TEST_CASE(the_reverse_comparison_swaps_added_and_deleted) {
    Comparison comparison = compareEditions(coworkingEdited(), coworking());
    BOOST_TEST_MESSAGE(describe(comparison));
    BOOST_REQUIRE_EQUAL(comparison.elements.size(), 6u);
    std::vector<std::pair<std::string, ChangeType>> actual;
    for (const ElementChange& change : comparison.elements) {
        BOOST_REQUIRE_EQUAL(change.changes.size(), 1u);
        actual.emplace_back(change.eId(), change.changes[0]);
    }
    std::vector<std::pair<std::string, ChangeType>> expected{
        {"chp_1__cl_1_2", ChangeType::TextChanged}, {"chp_3__cl_new_1", ChangeType::Deleted},
        {"chp_3__cl_3_1", ChangeType::Renumbered},  {"chp_3__cl_3_2", ChangeType::Renumbered},
        {"chp_5__cl_5_3", ChangeType::Added},       {"chp_6__ref_7", ChangeType::Moved},
    };
    BOOST_TEST((actual == expected));
}

BOOST_AUTO_TEST_CASE(every_fixture_compared_with_itself_reports_nothing) {
    std::vector<std::filesystem::path> fixtures = editionFixtures();
    BOOST_TEST(fixtures.size() >= 7u);
    for (const std::filesystem::path& path : fixtures) {
        BOOST_TEST_CONTEXT(path.filename().string()) {
            content::Content content = readContent(path);
            Comparison comparison = compareEditions(content, content);
            BOOST_TEST(comparison.empty(), describe(comparison));
        }
    }
}

BOOST_AUTO_TEST_CASE(regenerated_eids_are_matched_by_similarity) {
    for (const char* name : {"000-wkatu-coworking.xml", "002-satbayev-excerpt.xml",
                             "003-kru-software-dept.xml", "all-elements.xml"}) {
        BOOST_TEST_CONTEXT(name) {
            content::Content a = readContent(fixture(name));
            content::Content b = a;
            int renamed = compare::testing::regenerateEIds(b);
            Comparison comparison = compareEditions(a, b);
            BOOST_TEST(comparison.meta.empty());
            BOOST_TEST(comparison.elements.size() == static_cast<std::size_t>(renamed),
                       describe(comparison));
            for (const ElementChange& change : comparison.elements) {
                BOOST_TEST_CONTEXT(change.before->eId) {
                    BOOST_TEST(
                        (change.changes == std::vector<ChangeType>{ChangeType::Reidentified}));
                    BOOST_TEST((change.matchedBy == MatchedBy::Similarity));
                    BOOST_TEST(change.similarity >= 0.5);
                    BOOST_TEST(change.before->num == change.after->num);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_reworded_clause_under_a_new_eid_is_reidentified_and_changed) {
    content::Content a = coworking();
    content::Content b = coworkingEdited();
    compare::testing::regenerateEIds(b);
    Comparison comparison = compareEditions(a, b);
    const ElementChange* found = nullptr;
    for (const ElementChange& change : comparison.elements)
        if (change.before && change.before->eId == "chp_1__cl_1_2") found = &change;
    BOOST_REQUIRE_MESSAGE(found != nullptr, describe(comparison));
    const ElementChange& reworded = *found;
    BOOST_TEST(reworded.after->eId.ends_with("_div"));
    BOOST_TEST((reworded.changes ==
                std::vector<ChangeType>{ChangeType::TextChanged, ChangeType::Reidentified}));
    BOOST_TEST(reworded.similarity > 0.7);
    std::size_t added = 0;
    std::size_t deleted = 0;
    for (const ElementChange& change : comparison.elements) {
        added += change.has(ChangeType::Added) ? 1 : 0;
        deleted += change.has(ChangeType::Deleted) ? 1 : 0;
    }
    BOOST_TEST(added == 1u, describe(comparison));
    BOOST_TEST(deleted == 1u);
}

BOOST_AUTO_TEST_CASE(formatting_alone_is_formatting) {
    content::Content a = coworking();
    content::Content b = a;
    content::Paragraph& paragraph = firstParagraph(division(b, "chp_1__cl_1_1"));
    std::string text = paragraph.text.at(0).text;  // "Коворкинг орталығы (бұдан әрі КО) – ..."
    std::size_t space = text.find(' ');
    paragraph.text = {content::Run{text.substr(0, space)}, content::Run{text.substr(space)}};
    paragraph.text[0].bold = true;
    content::Paragraph& other = firstParagraph(division(b, "chp_1__cl_1_3"));
    std::string line = other.text.at(0).text;
    std::size_t colon = line.find(": ");
    content::Run lineBreak;
    lineBreak.lineBreak = true;
    other.text = {content::Run{line.substr(0, colon + 1)}, lineBreak,
                  content::Run{line.substr(colon + 2)}};

    Comparison comparison = compareEditions(a, b);
    BOOST_TEST_MESSAGE(describe(comparison));
    BOOST_REQUIRE_EQUAL(comparison.elements.size(), 2u);
    for (const ElementChange& change : comparison.elements) {
        BOOST_TEST((change.changes == std::vector<ChangeType>{ChangeType::FormattingChanged}));
        BOOST_TEST((change.formatting == std::vector<std::string>{"text"}));
        BOOST_TEST(change.texts.empty());
    }
}

BOOST_AUTO_TEST_CASE(table_cells_changed_with_row_and_column) {
    content::Content a = readContent(fixture("002-satbayev-excerpt.xml"));
    content::Content b = a;
    content::Table& risks = table(b, "chp_6__tbl_1");
    BOOST_REQUIRE(risks.rows.at(1).eId == "chp_6__tbl_1__row_1_1");
    BOOST_REQUIRE(cellText(risks.rows.at(1), 3) == "Орташа");
    cellText(risks.rows.at(1), 3) = "Жоғары";
    content::Table& process = table(b, "sec_5_6__tbl_1");
    std::string& owner = cellText(process.rows.at(2), 1);  // «Ішкі процесс иесі»
    BOOST_REQUIRE(owner == "Жинақтау бөлімінің меңгерушісі");
    owner = "Жинақтау бөлімінің бастығы";

    Comparison comparison = compareEditions(a, b);
    BOOST_TEST_MESSAGE(describe(comparison));
    BOOST_REQUIRE_EQUAL(comparison.elements.size(), 2u);
    const ElementChange& first = comparison.elements[0];
    BOOST_TEST(first.eId() == "sec_5_6__tbl_1");
    BOOST_TEST((first.changes == std::vector<ChangeType>{ChangeType::CellsChanged}));
    BOOST_REQUIRE_EQUAL(first.cells.size(), 1u);
    BOOST_TEST(first.cells[0].row == 3);
    BOOST_TEST(first.cells[0].column == 2);
    BOOST_TEST(first.cells[0].rowEId == "");
    BOOST_TEST(marked(first.cells[0].words) == "Жинақтау бөлімінің [-меңгерушісі-]{+бастығы+}");

    const ElementChange& second = comparison.elements[1];
    BOOST_TEST(second.eId() == "chp_6__tbl_1");
    BOOST_REQUIRE_EQUAL(second.cells.size(), 1u);
    BOOST_TEST(second.cells[0].row == 2);
    BOOST_TEST(second.cells[0].column == 4);
    BOOST_TEST(!second.cells[0].headerRow);
    BOOST_TEST(second.cells[0].rowEId == "chp_6__tbl_1__row_1_1");
    BOOST_TEST(second.cells[0].before == "Орташа");
    BOOST_TEST(second.cells[0].after == "Жоғары");
}

BOOST_AUTO_TEST_CASE(grid_columns_count_the_spans) {
    content::Content a = readContent(fixture("all-elements.xml"));
    content::Content b = a;
    content::Table& risks = table(b, "sec_3__tbl_1");
    cellText(risks.rows.at(1), 1) = "Жоғары";  // second cell of a row under a rowspan: column 3
    Comparison comparison = compareEditions(a, b);
    BOOST_REQUIRE_EQUAL(comparison.elements.size(), 1u);
    BOOST_REQUIRE_EQUAL(comparison.elements[0].cells.size(), 1u);
    BOOST_TEST(comparison.elements[0].cells[0].column == 3);
    BOOST_TEST(comparison.elements[0].cells[0].before == "Орташа");
}

BOOST_AUTO_TEST_CASE(a_clause_moved_to_another_chapter_is_moved_only) {
    content::Content a = coworking();
    content::Content b = a;
    content::Division& chapter4 = division(b, "chp_4");
    content::Block moved = chapter4.children.back();
    chapter4.children.pop_back();
    division(b, "chp_5").children.push_back(moved);

    Comparison comparison = compareEditions(a, b);
    BOOST_REQUIRE_EQUAL(comparison.elements.size(), 1u);
    const ElementChange& change = comparison.elements[0];
    BOOST_TEST(change.eId() == "chp_4__cl_4_3");
    BOOST_TEST((change.changes == std::vector<ChangeType>{ChangeType::Moved}));
    BOOST_TEST(nums(*change.before) == (std::vector<std::string>{"4.", "4.3."}),
               boost::test_tools::per_element());
    BOOST_TEST(nums(*change.after) == (std::vector<std::string>{"5.", "4.3."}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(swapping_two_clauses_moves_one) {
    content::Content a = coworking();
    content::Content b = a;
    auto& children = division(b, "chp_5").children;
    std::swap(children[0], children[2]);  // 5.3, 5.2, 5.1 (numbers kept)
    Comparison comparison = compareEditions(a, b);
    BOOST_TEST_MESSAGE(describe(comparison));
    BOOST_TEST(comparison.elements.size() == 2u);  // the longest kept order is one clause long
    for (const ElementChange& change : comparison.elements)
        BOOST_TEST((change.changes == std::vector<ChangeType>{ChangeType::Moved}));
}

BOOST_AUTO_TEST_CASE(a_deleted_clause_takes_its_subclauses_with_it) {
    content::Content a = coworking();
    content::Content b = a;
    auto& children = division(b, "chp_2").children;
    children.erase(children.begin() + 1);
    Comparison comparison = compareEditions(a, b);
    BOOST_REQUIRE_EQUAL(comparison.elements.size(), 1u);
    const ElementChange& change = comparison.elements[0];
    BOOST_TEST(change.eId() == "chp_2__cl_2_2");
    BOOST_TEST((change.changes == std::vector<ChangeType>{ChangeType::Deleted}));
    BOOST_TEST((change.innerEIds == std::vector<std::string>{"chp_2__cl_2_2__sub_2_2_1",
                                                             "chp_2__cl_2_2__sub_2_2_2",
                                                             "chp_2__cl_2_2__sub_2_2_3"}));
    BOOST_TEST(change.text.starts_with("2.2. Негізгі міндеттері:\n2.2.1. Білім алушылардың"));
    BOOST_TEST(!change.after.has_value());
}

BOOST_AUTO_TEST_CASE(rows_without_eid_added_and_deleted_by_position) {
    content::Content a = readContent(fixture("002-satbayev-excerpt.xml"));
    content::Content b = a;
    content::Table& process = table(b, "sec_5_6__tbl_1");
    BOOST_REQUIRE_EQUAL(process.rows.size(), 10u);
    content::Row added = process.rows.at(0);
    cellText(added, 0) = "Ішкі процестің тәуекелдері";
    cellText(added, 1) = "Жаңа жол мәтіні";
    process.rows.pop_back();  // «--», «---»
    process.rows.insert(process.rows.begin() + 2, added);

    Comparison comparison = compareEditions(a, b);
    BOOST_TEST_MESSAGE(describe(comparison));
    BOOST_REQUIRE_EQUAL(comparison.elements.size(), 2u);
    BOOST_TEST((comparison.elements[0].changes == std::vector<ChangeType>{ChangeType::Added}));
    BOOST_TEST((comparison.elements[0].kind == ElementKind::Row));
    BOOST_TEST(comparison.elements[0].after->position == 3);
    BOOST_TEST(comparison.elements[0].text == "Ішкі процестің тәуекелдері | Жаңа жол мәтіні");
    BOOST_TEST((comparison.elements[1].changes == std::vector<ChangeType>{ChangeType::Deleted}));
    BOOST_TEST(comparison.elements[1].before->position == 10);
}

BOOST_AUTO_TEST_CASE(metadata_changes_field_by_field) {
    content::Content a = coworking();
    content::Content b = a;
    b.meta.title = "Коворкинг орталығының қызметі туралы";
    b.meta.edition = 2;
    b.meta.replaces->number = "1";
    b.meta.dates.effective = "2025-01-10";
    b.meta.agreementList[1].date = "2024-12-20";
    b.meta.agreementList.push_back({"agr_5", "Проректор", "Қ. Ә. Бекова", "2024-12-21"});
    b.meta.agreementList.erase(b.meta.agreementList.begin());
    Comparison comparison = compareEditions(a, b);
    BOOST_TEST(comparison.elements.empty());
    std::vector<std::string> fields;
    for (const MetaChange& change : comparison.meta) fields.push_back(change.field);
    std::vector<std::string> expected{"title",
                                      "edition",
                                      "replaces.number",
                                      "dates.effective",
                                      "agreementList[agr_2].date",
                                      "agreementList[agr_5]",
                                      "agreementList[agr_1]"};
    BOOST_TEST(fields == expected, boost::test_tools::per_element());
    BOOST_TEST(marked(comparison.meta[0].words) ==
               "Коворкинг [-орталығы-]{+орталығының қызметі+} туралы");
    BOOST_TEST(comparison.meta[5].after == "Проректор, Қ. Ә. Бекова, 2024-12-21");
    BOOST_TEST(comparison.meta[6].before == "Б. Ж. Сахиев, 2022-11-10");
}

BOOST_AUTO_TEST_CASE(duplicate_eids_compare_without_failing) {
    content::Content a = coworking();
    auto& children = division(a, "chp_5").children;
    children.push_back(children.front());  // a second chp_5__cl_5_1
    Comparison same = compareEditions(a, a);
    BOOST_TEST(same.empty(), describe(same));
    Comparison against = compareEditions(coworking(), a);
    BOOST_REQUIRE_EQUAL(against.elements.size(), 1u);
    BOOST_TEST((against.elements[0].changes == std::vector<ChangeType>{ChangeType::Added}));
    BOOST_TEST(against.elements[0].after->position == 4);
}

BOOST_AUTO_TEST_CASE(the_comparison_is_deterministic) {
    Comparison first = compareEditions(coworking(), coworkingEdited());
    Comparison second = compareEditions(coworking(), coworkingEdited());
    BOOST_TEST(describe(first) == describe(second));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
