// The redline's content (domain/Redline.h): the change marks on the runs of
// the 000 pair (tests/fixtures/compare), and a property over every fixture
// with random edits (bench/compare/RandomEdits.h): the redline's words
// outside deleted runs and notes are exactly edition b's words, every word
// an edit put in is marked inserted, every deleted element stands in the
// redline with all its runs deleted.
#include <boost/test/unit_test.hpp>

#include <random>
#include <string>
#include <vector>

#include "compare/RandomEdits.h"
#include "domain/ComparisonSupport.h"
#include "domain/Redline.h"
#include "domain/WordDiff.h"
#include "support/TestSupport.h"

using namespace nusqa;
using namespace nusqa::test;
using content::Run;

namespace {

// Every inline text of the content in document order.
class Texts {
public:
    explicit Texts(const content::Content& content) {
        blocks(content.body);
        if (content.forms) {
            add(content.forms->heading);
            for (const content::Form& form : content.forms->forms) add(form.name);
        }
        for (const content::Division& annex : content.annexes) division(annex);
    }
    const std::vector<const content::Inline*>& all() const { return _all; }

    // The words of runs whose change is not excluded, in order.
    std::vector<std::string> words(std::initializer_list<Run::Change> excluded) const {
        std::string text;
        for (const content::Inline* inline_ : _all) {
            for (const Run& run : *inline_) {
                if (std::find(excluded.begin(), excluded.end(), run.change) != excluded.end())
                    continue;
                text += run.lineBreak ? "\n" : run.text;
            }
            text += '\n';
        }
        return compare::foldedWords(text);
    }

    // The text of the runs with that mark, one run per line.
    std::string marked(Run::Change change) const {
        std::string out;
        for (const content::Inline* inline_ : _all)
            for (const Run& run : *inline_)
                if (run.change == change) out += run.text + "\n";
        return out;
    }

private:
    void add(const content::Inline& text) { _all.push_back(&text); }
    void blocks(const std::vector<content::Block>& blocks) {
        for (const content::Block& block : blocks) {
            if (const auto* paragraph = std::get_if<content::Paragraph>(&block.value)) {
                add(paragraph->text);
            } else if (const auto* list = std::get_if<content::List>(&block.value)) {
                for (const content::ListItem& item : list->items) this->blocks(item.blocks);
            } else if (const auto* table = std::get_if<content::Table>(&block.value)) {
                add(table->caption);
                for (const auto* rows : {&table->headerRows, &table->rows})
                    for (const content::Row& row : *rows)
                        for (const content::Cell& cell : row.cells) this->blocks(cell.blocks);
            } else if (const auto* entries = std::get_if<content::EntryList>(&block.value)) {
                add(entries->heading);
                for (const content::Entry& entry : entries->entries) {
                    add(entry.name);
                    add(entry.text);
                }
            } else if (const auto* value = std::get_if<content::Division>(&block.value)) {
                division(*value);
            }
        }
    }
    void division(const content::Division& division) {
        add(division.heading);
        blocks(division.children);
    }

    std::vector<const content::Inline*> _all;
};

compare::Redline redlineOf(const content::Content& a, const content::Content& b) {
    return compare::buildRedline(a, b, compare::compareEditions(a, b), {"a", "b"},
                                 compare::RedlineLanguage::Kazakh);
}

const content::Division& chapter(const content::Content& content, const std::string& eId) {
    for (const content::Block& block : content.body)
        if (const auto* division = std::get_if<content::Division>(&block.value);
            division && division->eId == eId)
            return *division;
    throw std::runtime_error("no chapter " + eId);
}

std::vector<std::string> childEIds(const content::Division& division) {
    std::vector<std::string> out;
    for (const content::Block& block : division.children)
        if (const auto* child = std::get_if<content::Division>(&block.value))
            out.push_back(child->eId);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(redline)

BOOST_AUTO_TEST_CASE(the_000_pair_is_marked_on_its_runs) {
    content::Content a = readContent(fixture("000-wkatu-coworking.xml"));
    content::Content b = readContent(fixture("compare/000-edited.xml"));
    compare::Redline redline = redlineOf(a, b);
    Texts texts(redline.content);
    std::string inserted = texts.marked(Run::Change::Inserted);
    std::string deleted = texts.marked(Run::Change::Deleted);
    std::string notes = texts.marked(Run::Change::Note);
    BOOST_TEST(inserted.find("тәулік бойы\n") != std::string::npos, inserted);
    BOOST_TEST(deleted.find("қолайлы жұмыс жасауда\n") != std::string::npos, deleted);
    // The added clause 3.1 wholly inserted; 5.3 back after 5.2, wholly deleted.
    BOOST_TEST(inserted.find("Орталықтың жылдық жоспарын") != std::string::npos, inserted);
    BOOST_TEST(deleted.find("Келушілер тазалықты сақтап") != std::string::npos, deleted);
    std::vector<std::string> chapter5 = childEIds(chapter(redline.content, "chp_5"));
    auto at = std::find(chapter5.begin(), chapter5.end(), "chp_5__cl_5_3");
    BOOST_TEST_REQUIRE((at != chapter5.end()));
    BOOST_TEST(*(at - 1) == "chp_5__cl_5_2");
    // Notes on the renumbered clauses and the moved reference.
    BOOST_TEST(notes.find("[бұрын: 3.1-тармақ] ") != std::string::npos, notes);
    BOOST_TEST(notes.find("[бұрын: 3.2-тармақ] ") != std::string::npos, notes);
    BOOST_TEST(notes.find("[бұрын: 6-тарау, 7-жол] ") != std::string::npos, notes);
    // Outside deletions and notes, the words of b exactly.
    BOOST_TEST((texts.words({Run::Change::Deleted, Run::Change::Note}) == Texts(b).words({})));
    BOOST_TEST(redline.changes == 6u);
    BOOST_TEST(redline.banner == "САЛЫСТЫРУ — бақылаулы құжат емес");
}

BOOST_AUTO_TEST_CASE(an_edition_against_itself_has_no_marks) {
    content::Content a = readContent(fixture("000-wkatu-coworking.xml"));
    compare::Redline redline = redlineOf(a, a);
    Texts texts(redline.content);
    BOOST_TEST(texts.marked(Run::Change::Inserted).empty());
    BOOST_TEST(texts.marked(Run::Change::Deleted).empty());
    BOOST_TEST(texts.marked(Run::Change::Note).empty());
    BOOST_TEST(redline.changes == 0u);
}

BOOST_AUTO_TEST_CASE(random_edits_of_every_fixture_are_marked) {
    using compare::testing::EditKind;
    std::size_t checked = 0;
    for (const std::filesystem::path& path : editionFixtures()) {
        content::Content original = readContent(path);
        for (int round = 0; round < 10; ++round) {
            std::mt19937_64 random(1300 + static_cast<std::uint64_t>(round));
            content::Content edited = original;
            auto applied = compare::testing::applyRandomEdits(edited, random, 6);
            compare::Redline redline = redlineOf(original, edited);
            Texts texts(redline.content);
            std::string log;
            for (const auto& edit : applied) log += "  " + edit.description + "\n";
            BOOST_TEST_CONTEXT(path.filename().string() << " round " << round << ":\n" << log) {
                BOOST_TEST((texts.words({Run::Change::Deleted, Run::Change::Note}) ==
                            Texts(edited).words({})));
                std::string inserted = compare::foldCase(texts.marked(Run::Change::Inserted));
                std::string deleted = texts.marked(Run::Change::Deleted);
                for (const auto& edit : applied) {
                    if (edit.kind == EditKind::Reword || edit.kind == EditKind::Insert ||
                        edit.kind == EditKind::Cell)
                        BOOST_TEST(inserted.find(compare::foldCase(edit.word)) != std::string::npos,
                                   edit.description);
                    if (edit.kind == EditKind::Delete || edit.kind == EditKind::Reword)
                        BOOST_TEST(!deleted.empty(), edit.description);
                    ++checked;
                }
            }
        }
    }
    BOOST_TEST(checked > 100u);
}

BOOST_AUTO_TEST_SUITE_END()
