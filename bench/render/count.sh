#!/usr/bin/env bash
# Counts the instructions of one render of each fixture (valgrind's
# callgrind, counting only inside renderPdf): a figure the load of a shared
# machine does not move, where run.sh's milliseconds do. Each document is
# rendered once and three times in a process; the difference over two is
# one render, and what the first render costs beyond it is one-time work
# (the hyphenation patterns loaded on first use). Needs valgrind
# (apt-get install valgrind); builds bench_render into BUILD_DIR (default:
# build-bench) first.
#   bench/render/count.sh [FILE.xml...]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${BUILD_DIR:-build-bench}
command -v valgrind >/dev/null || {
    echo "count.sh: needs valgrind" >&2
    exit 1
}
BUILD_DIR=$build_dir scripts/build.sh -DNUSQA_BUILD_TESTS=OFF >/dev/null
bench="$build_dir/bin/bench_render"
if [ $# -eq 0 ]; then set -- tests/fixtures/*.xml tests/fixtures/render/*.xml; fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
count() { # FILE ITERATIONS [--repeat K]
    local file=$1 iterations=$2
    shift 2
    valgrind --tool=callgrind --callgrind-out-file="$scratch/out" \
        --toggle-collect='nusqa::render::renderPdf*' \
        "$bench" --iterations "$iterations" --profile-dir doc-templates "$@" "$file" 2>&1 |
        sed -n 's/.*Collected : //p'
}
printf '%-40s %14s %14s\n' document "M instr/render" "first +M instr"
report() { # LABEL FILE [--repeat K]
    local label=$1 file=$2
    shift 2
    local one three
    one=$(count "$file" 1 "$@")
    three=$(count "$file" 3 "$@")
    awk -v label="$label" -v one="$one" -v three="$three" 'BEGIN {
        per = (three - one) / 2
        printf "%-40s %14.1f %14.1f\n", label, per / 1e6, (one - per) / 1e6 }'
}
for file in "$@"; do report "$(basename "$file" .xml)" "$file"; done
report "002-satbayev-excerpt x3" tests/fixtures/002-satbayev-excerpt.xml --repeat 3
