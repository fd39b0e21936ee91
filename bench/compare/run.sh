#!/usr/bin/env bash
# Compares each edition with a copy of itself after 50 random edits
# (bench_compare) and prints the median milliseconds per comparison: corpus
# 002 in full, imported from its .docx as `nusqa import` does (the figure
# issue 13 asks for, target under 20 ms), the other imported corpus
# documents, the fixtures, the 002 excerpt with its body three times over,
# and 002 once more with the edited copy's eIds regenerated (a re-import:
# every element matched by similarity). Run from anywhere; builds
# bench_compare into BUILD_DIR (default: build-bench) first.
#   bench/compare/run.sh [ITERATIONS] [EDITS]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${BUILD_DIR:-build-bench}
iterations=${1:-50}
edits=${2:-50}
scripts/install-deps.sh >/dev/null
BUILD_DIR=$build_dir scripts/build.sh -DNUSQA_BUILD_TESTS=OFF >/dev/null
bench="$build_dir/bin/bench_compare"
"$bench" --iterations "$iterations" --edits "$edits" \
    tests/fixtures/import/002_*.docx tests/fixtures/import/00[013]_*.docx \
    tests/fixtures/*.xml tests/fixtures/render/*.xml
"$bench" --iterations "$iterations" --edits "$edits" --repeat 3 \
    tests/fixtures/002-satbayev-excerpt.xml | tail -n +2
"$bench" --iterations "$iterations" --edits "$edits" --regenerate \
    tests/fixtures/import/002_*.docx | tail -n +2
