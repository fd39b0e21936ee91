// Column widths from content, after the automatic table layout of CSS 2.1
// (17.5.2.2) as browsers implement it, with the widths of <cols> as hints.
//
// Hints that are all equal are the default grid of a word processor's
// table whose columns nobody sized (Word and LibreOffice split the width
// evenly): they say nothing about the columns, so the content decides.
#include <algorithm>
#include <numeric>

#include "render/detail/Builder.h"

namespace nusqa::render {
namespace {

// No column narrower than this, even an empty one.
constexpr float kNarrowest = 6;

float sum(const std::vector<float>& values) {
    return std::accumulate(values.begin(), values.end(), 0.0f);
}

// Grows values[begin, begin + count) so that they add up to at least need,
// in proportion to weights there (evenly when those are all zero).
void spread(std::vector<float>& values, const std::vector<float>& weights, std::size_t begin,
            std::size_t count, float need) {
    float have = 0;
    float weight = 0;
    for (std::size_t i = begin; i < begin + count; ++i) {
        have += values[i];
        weight += weights[i];
    }
    if (need <= have) return;
    for (std::size_t i = begin; i < begin + count; ++i)
        values[i] +=
            (need - have) * (weight > 0 ? weights[i] / weight : 1.0f / static_cast<float>(count));
}

// The hints as shares of width, or nothing when they carry no information.
std::vector<float> hintedWidths(std::size_t columns, const std::vector<double>& hints,
                                float width) {
    std::vector<double> given(hints.begin(), hints.begin() + static_cast<std::ptrdiff_t>(
                                                                 std::min(columns, hints.size())));
    given.resize(columns, 0);
    double total = 0;
    int count = 0;
    double smallest = 0;
    double largest = 0;
    for (double hint : given) {
        if (hint <= 0) continue;
        smallest = count == 0 ? hint : std::min(smallest, hint);
        largest = std::max(largest, hint);
        total += hint;
        ++count;
    }
    if (count == 0 || largest <= smallest * 1.01) return {};
    double fallback = total / count;
    for (double& hint : given)
        if (hint <= 0) hint = fallback;
    total = std::accumulate(given.begin(), given.end(), 0.0);
    std::vector<float> widths;
    for (double hint : given) widths.push_back(static_cast<float>(hint / total * width));
    return widths;
}

}  // namespace

std::vector<float> columnWidths(std::size_t columns, const std::vector<CellExtent>& cells,
                                const std::vector<double>& hints, float width) {
    if (columns == 0) return {};
    std::vector<float> minimum(columns, kNarrowest);
    std::vector<float> preferred(columns, kNarrowest);
    for (const CellExtent& cell : cells) {
        if (cell.colspan != 1 || cell.column >= columns) continue;
        minimum[cell.column] = std::max(minimum[cell.column], cell.minimum);
        preferred[cell.column] = std::max(preferred[cell.column], cell.preferred);
    }
    // Spanning cells, narrower spans first, share what their columns lack.
    std::vector<const CellExtent*> spanning;
    for (const CellExtent& cell : cells)
        if (cell.colspan > 1 && cell.column < columns) spanning.push_back(&cell);
    std::stable_sort(
        spanning.begin(), spanning.end(),
        [](const CellExtent* a, const CellExtent* b) { return a->colspan < b->colspan; });
    for (const CellExtent* cell : spanning) {
        std::size_t count = std::min(cell->colspan, columns - cell->column);
        spread(minimum, preferred, cell->column, count, cell->minimum);
        spread(preferred, preferred, cell->column, count, cell->preferred);
    }
    for (std::size_t i = 0; i < columns; ++i) preferred[i] = std::max(preferred[i], minimum[i]);

    float minimumSum = sum(minimum);
    if (minimumSum >= width) {  // too narrow for the content: everything shrinks alike
        std::vector<float> widths(columns, width / static_cast<float>(columns));
        if (minimumSum > 0)
            for (std::size_t i = 0; i < columns; ++i) widths[i] = minimum[i] / minimumSum * width;
        return widths;
    }
    std::vector<float> widths = hintedWidths(columns, hints, width);
    if (!widths.empty()) {
        // The hints, no column under its minimum: what that adds is taken
        // from the columns above their minimum, in proportion to their room
        // (which is enough: the minimums fit in width).
        for (std::size_t i = 0; i < columns; ++i) widths[i] = std::max(widths[i], minimum[i]);
        float over = sum(widths) - width;
        float room = sum(widths) - minimumSum;
        if (over > 0 && room > 0)
            for (std::size_t i = 0; i < columns; ++i)
                widths[i] -= over * (widths[i] - minimum[i]) / room;
        return widths;
    }
    widths.assign(columns, 0);
    float preferredSum = sum(preferred);
    if (preferredSum <= width) {
        // Everything fits unbroken: the rest of the width in proportion to
        // the preferred widths (the table spans the column as printed).
        for (std::size_t i = 0; i < columns; ++i)
            widths[i] = preferred[i] + (width - preferredSum) * preferred[i] / preferredSum;
        return widths;
    }
    // Each column its minimum, the rest in proportion to how much more it
    // would take unbroken: a column whose content cannot break (numbers)
    // keeps exactly its width.
    float slack = preferredSum - minimumSum;
    for (std::size_t i = 0; i < columns; ++i)
        widths[i] = minimum[i] + (width - minimumSum) * (preferred[i] - minimum[i]) / slack;
    return widths;
}

}  // namespace nusqa::render
