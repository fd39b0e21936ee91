#include "domain/ComparisonSupport.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <variant>

#include "import/Importer.h"
#include "import/docx/DocxReader.h"
#include "render/reader/ContentXml.h"
#include "support/TestSupport.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa::test {

namespace fs = std::filesystem;

content::Content readContent(const fs::path& path) {
    auto content = render::reader::readEditionContent(readFile(path));
    if (!content) throw std::runtime_error(path.string() + ": " + content.error().message);
    return std::move(*content);
}

content::Content importCorpusDocx(const std::string& number) {
    static const import::docx::DocxPackageReader docx;
    static const XmlEditionCodec codec;
    static const import::Importer importer(docx, codec);
    fs::path directory = fixture("import");
    for (const auto& entry : fs::directory_iterator(directory)) {
        std::string name = entry.path().filename().string();
        if (!name.starts_with(number + "_") || entry.path().extension() != ".docx") continue;
        auto imported = importer.importBytes(readFile(entry.path()), name, std::nullopt, {});
        if (!imported) throw std::runtime_error(name + ": " + imported.error().message);
        auto content = render::reader::readEditionContent(imported->xml);
        if (!content) throw std::runtime_error(name + ": " + content.error().message);
        return std::move(*content);
    }
    throw std::runtime_error("no " + number + "_*.docx in tests/fixtures/import");
}

std::vector<fs::path> editionFixtures() {
    std::vector<fs::path> out;
    for (const fs::path& directory : {fixture(""), fixture("render")})
        for (const auto& entry : fs::directory_iterator(directory))
            if (entry.is_regular_file() && entry.path().extension() == ".xml")
                out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string describe(const compare::Comparison& comparison) {
    std::string out;
    for (const compare::MetaChange& change : comparison.meta)
        out += "meta " + change.field + ": «" + change.before + "» -> «" + change.after + "»\n";
    for (const compare::ElementChange& change : comparison.elements) {
        out += std::string(compare::toString(change.kind)) + " " + change.eId() + " [";
        for (std::size_t k = 0; k < change.changes.size(); ++k)
            out += (k > 0 ? "," : "") + std::string(compare::toString(change.changes[k]));
        out += "] " + (change.before ? change.before->num : std::string("-")) + " -> " +
               (change.after ? change.after->num : std::string("-"));
        if (change.matchedBy == compare::MatchedBy::Similarity)
            out += " (similarity " + std::to_string(change.similarity) + ")";
        for (const compare::TextChange& text : change.texts)
            out += " " + text.part + ": " + marked(text.words);
        out += "\n";
    }
    return out;
}

std::string marked(const std::vector<compare::WordRun>& runs) {
    std::string out;
    for (const compare::WordRun& run : runs) {
        switch (run.kind) {
            case compare::RunKind::Equal:
                out += run.text;
                break;
            case compare::RunKind::Deleted:
                out += "[-" + run.text + "-]";
                break;
            case compare::RunKind::Inserted:
                out += "{+" + run.text + "+}";
                break;
        }
    }
    return out;
}

}  // namespace nusqa::test

namespace nusqa::test {

namespace {

void collect(std::vector<content::Block>& blocks, std::vector<std::vector<content::Block>*>& out) {
    out.push_back(&blocks);
    for (content::Block& block : blocks) {
        if (auto* division = std::get_if<content::Division>(&block.value)) {
            collect(division->children, out);
        } else if (auto* list = std::get_if<content::List>(&block.value)) {
            for (content::ListItem& item : list->items) collect(item.blocks, out);
        } else if (auto* table = std::get_if<content::Table>(&block.value)) {
            for (auto* rows : {&table->headerRows, &table->rows})
                for (content::Row& row : *rows)
                    for (content::Cell& cell : row.cells) collect(cell.blocks, out);
        }
    }
}

template <typename T>
T& find(content::Content& content, const std::string& eId) {
    if constexpr (std::is_same_v<T, content::Division>) {
        for (content::Division& annex : content.annexes)
            if (annex.eId == eId) return annex;
    }
    for (std::vector<content::Block>* blocks : blockLists(content))
        for (content::Block& block : *blocks)
            if (auto* value = std::get_if<T>(&block.value); value != nullptr && value->eId == eId)
                return *value;
    throw std::runtime_error("no element " + eId);
}

}  // namespace

std::vector<std::vector<content::Block>*> blockLists(content::Content& content) {
    std::vector<std::vector<content::Block>*> out;
    collect(content.body, out);
    for (content::Division& annex : content.annexes) collect(annex.children, out);
    return out;
}

content::Division& division(content::Content& content, const std::string& eId) {
    return find<content::Division>(content, eId);
}

content::Table& table(content::Content& content, const std::string& eId) {
    return find<content::Table>(content, eId);
}

}  // namespace nusqa::test
