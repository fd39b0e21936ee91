// Helpers of the comparison tests: editions read from the fixtures or
// imported from the corpus .docx files, and comparisons as readable text
// for failure messages.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "domain/Comparison.h"
#include "domain/Content.h"

namespace nusqa::test {

// The edition in an XML file, read as the renderer reads it; throws
// std::runtime_error with the reader's message when it cannot be read.
content::Content readContent(const std::filesystem::path& path);

// The tests/fixtures/import/NNN_*.docx corpus document imported as the
// application imports it, then read; throws on failure.
content::Content importCorpusDocx(const std::string& number);

// Every edition fixture: tests/fixtures/*.xml and tests/fixtures/render/*.xml.
std::vector<std::filesystem::path> editionFixtures();

// "clause chp_1__cl_1_2 [textChanged] 1.2. -> 1.2." per element change,
// "meta title: «...» -> «...»" per metadata change, one per line.
std::string describe(const compare::Comparison& comparison);

// A word diff as "equal[-deleted-]{+inserted+}equal".
std::string marked(const std::vector<compare::WordRun>& runs);

}  // namespace nusqa::test

namespace nusqa::test {

// Every list of blocks of the content (body, divisions, items, cells,
// annexes), outermost first, for tests that edit content in place.
std::vector<std::vector<content::Block>*> blockLists(content::Content& content);

// The division (chapter ... annex), table or list with this eId; throws
// std::runtime_error when there is none.
content::Division& division(content::Content& content, const std::string& eId);
content::Table& table(content::Content& content, const std::string& eId);

}  // namespace nusqa::test

// Printing for Boost.Test messages (found by argument-dependent lookup).
namespace nusqa::compare {
inline std::ostream& operator<<(std::ostream& out, ElementKind kind) {
    return out << toString(kind);
}
inline std::ostream& operator<<(std::ostream& out, ChangeType type) {
    return out << toString(type);
}
inline std::ostream& operator<<(std::ostream& out, MatchedBy how) {
    return out << toString(how);
}
inline std::ostream& operator<<(std::ostream& out, RunKind kind) {
    return out << toString(kind);
}
}  // namespace nusqa::compare

namespace nusqa::content {
inline std::ostream& operator<<(std::ostream& out, ChangeKind kind) {
    return out << (kind == ChangeKind::Replace  ? "replace"
                   : kind == ChangeKind::Delete ? "delete"
                                                : "add");
}
}  // namespace nusqa::content
