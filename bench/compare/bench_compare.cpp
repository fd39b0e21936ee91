// bench_compare: compares each edition with a copy of itself after K random
// edits (RandomEdits.h), N times in one process, and prints the median,
// fastest and slowest milliseconds per comparison, the number of elements
// compared and of changes found.
//
//   bench_compare [--iterations N] [--edits K] [--seed S] [--repeat R] [--regenerate] [--list]
//   FILE...
//
// FILE: an edition (.xml) or a corpus document (.docx, .txt, .md) imported
// as `nusqa import` does. --repeat R puts the body R times over (a long
// document from a short fixture; the copies share eIds, so every copy after
// the first is matched by similarity). Reading, importing and editing are
// outside the timing: the figures are compareEditions alone (building both
// element trees, matching, word diffs, metadata).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "compare/RandomEdits.h"
#include "domain/Comparison.h"
#include "import/Importer.h"
#include "import/docx/DocxReader.h"
#include "render/reader/ContentXml.h"
#include "xml/XmlEditionCodec.h"

namespace fs = std::filesystem;
using namespace nusqa;

namespace {

std::optional<content::Content> load(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string xml = bytes.str();
    if (path.extension() != ".xml") {
        static const import::docx::DocxPackageReader docx;
        static const XmlEditionCodec codec;
        static const import::Importer importer(docx, codec);
        auto imported = importer.importBytes(xml, path.filename().string(), std::nullopt, {});
        if (!imported) {
            std::cerr << path << ": " << imported.error().message << "\n";
            return std::nullopt;
        }
        xml = imported->xml;
    }
    auto content = render::reader::readEditionContent(xml);
    if (!content) {
        std::cerr << path << ": " << content.error().message << "\n";
        return std::nullopt;
    }
    return std::move(*content);
}

// The elements compared, roughly: blocks (text paragraphs without eId
// included), list items, rows, entries, forms, annexes, change records.
std::size_t elements(const content::Content& content) {
    std::size_t count = 0;
    std::vector<const std::vector<content::Block>*> pending{&content.body};
    for (const content::Division& annex : content.annexes) pending.push_back(&annex.children);
    while (!pending.empty()) {
        const std::vector<content::Block>* blocks = pending.back();
        pending.pop_back();
        for (const content::Block& block : *blocks) {
            ++count;
            if (auto* division = std::get_if<content::Division>(&block.value)) {
                pending.push_back(&division->children);
            } else if (auto* list = std::get_if<content::List>(&block.value)) {
                for (const content::ListItem& item : list->items) pending.push_back(&item.blocks);
                count += list->items.size();
            } else if (auto* table = std::get_if<content::Table>(&block.value)) {
                for (const auto* rows : {&table->headerRows, &table->rows})
                    for (const content::Row& row : *rows) {
                        ++count;
                        for (const content::Cell& cell : row.cells) pending.push_back(&cell.blocks);
                    }
            } else if (auto* entries = std::get_if<content::EntryList>(&block.value)) {
                count += entries->entries.size();
            }
        }
    }
    if (content.forms) count += 1 + content.forms->forms.size();
    return count + content.annexes.size() + content.changes.size();
}

// Appends suffix to every eId of the blocks (a copy of a body that must not
// share eIds with the original).
void suffixEIds(std::vector<content::Block>& blocks, const std::string& suffix) {
    auto rename = [&suffix](std::string& eId) {
        if (!eId.empty()) eId += suffix;
    };
    for (content::Block& block : blocks) {
        if (auto* division = std::get_if<content::Division>(&block.value)) {
            rename(division->eId);
            suffixEIds(division->children, suffix);
        } else if (auto* paragraph = std::get_if<content::Paragraph>(&block.value)) {
            rename(paragraph->eId);
        } else if (auto* list = std::get_if<content::List>(&block.value)) {
            rename(list->eId);
            for (content::ListItem& item : list->items) {
                rename(item.eId);
                suffixEIds(item.blocks, suffix);
            }
        } else if (auto* table = std::get_if<content::Table>(&block.value)) {
            rename(table->eId);
            for (auto* rows : {&table->headerRows, &table->rows})
                for (content::Row& row : *rows) {
                    rename(row.eId);
                    for (content::Cell& cell : row.cells) suffixEIds(cell.blocks, suffix);
                }
        } else if (auto* entries = std::get_if<content::EntryList>(&block.value)) {
            rename(entries->eId);
            for (content::Entry& entry : entries->entries) rename(entry.eId);
        }
    }
}

void print(const compare::Comparison& comparison) {
    for (const compare::ElementChange& change : comparison.elements) {
        std::string types;
        for (compare::ChangeType type : change.changes)
            types += (types.empty() ? "" : ",") + std::string(compare::toString(type));
        std::printf("  %-10s %-36s %-28s %10s -> %-10s %.2f\n",
                    std::string(compare::toString(change.kind)).c_str(), change.eId().c_str(),
                    types.c_str(), change.before ? change.before->num.c_str() : "-",
                    change.after ? change.after->num.c_str() : "-", change.similarity);
    }
    for (const compare::MetaChange& change : comparison.meta)
        std::printf("  meta %s: %s -> %s\n", change.field.c_str(), change.before.c_str(),
                    change.after.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    int iterations = 50;
    int edits = 50;
    int repeat = 1;
    bool regenerate = false;
    bool list = false;
    std::uint64_t seed = 20250113;
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (argument == "--iterations" && i + 1 < argc)
            iterations = std::max(1, std::atoi(argv[++i]));
        else if (argument == "--edits" && i + 1 < argc)
            edits = std::max(0, std::atoi(argv[++i]));
        else if (argument == "--repeat" && i + 1 < argc)
            repeat = std::max(1, std::atoi(argv[++i]));
        else if (argument == "--regenerate")
            regenerate = true;
        else if (argument == "--list")
            list = true;
        else if (argument == "--seed" && i + 1 < argc)
            seed = std::strtoull(argv[++i], nullptr, 10);
        else
            files.emplace_back(argument);
    }
    if (files.empty()) {
        std::cerr << "usage: bench_compare [--iterations N] [--edits K] [--seed S] [--repeat R] "
                     "FILE...\n";
        return 2;
    }
    std::printf("%-44s %8s %6s %7s %6s %9s %9s %9s\n", "document", "elements", "edits", "changes",
                "runs", "median ms", "min ms", "max ms");
    for (const fs::path& file : files) {
        std::optional<content::Content> original = load(file);
        if (!original) return 1;
        if (repeat > 1) {
            const std::vector<content::Block> body = original->body;
            for (int k = 1; k < repeat; ++k) {
                std::vector<content::Block> copy = body;
                suffixEIds(copy, "_" + std::to_string(k));
                original->body.insert(original->body.end(), copy.begin(), copy.end());
            }
        }
        content::Content edited = *original;
        std::mt19937_64 random(seed);
        std::vector<compare::testing::AppliedEdit> applied =
            compare::testing::applyRandomEdits(edited, random, edits);
        if (regenerate) compare::testing::regenerateEIds(edited);
        std::vector<double> times;
        std::size_t changes = 0;
        compare::Comparison last;
        for (int run = 0; run < iterations; ++run) {
            auto start = std::chrono::steady_clock::now();
            compare::Comparison comparison = compare::compareEditions(*original, edited);
            auto end = std::chrono::steady_clock::now();
            changes = comparison.elements.size() + comparison.meta.size();
            if (run + 1 == iterations) last = std::move(comparison);
            times.push_back(std::chrono::duration<double, std::milli>(end - start).count());
        }
        std::sort(times.begin(), times.end());
        std::string name = file.filename().string();
        if (repeat > 1) name += " x" + std::to_string(repeat);
        if (regenerate) name += " new eIds";
        std::printf("%-44s %8zu %6zu %7zu %6d %9.2f %9.2f %9.2f\n", name.c_str(),
                    elements(*original), applied.size(), changes, iterations,
                    times[times.size() / 2], times.front(), times.back());
        if (list) print(last);
    }
    return 0;
}
